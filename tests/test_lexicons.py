"""A researcher's own lexicon files extend or replace the shipped ones; malformed ones are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import unioncorpus as uc
from unioncorpus.cli import main
from unioncorpus.numbering import heading_kind
from unioncorpus.schedule import categorize

PLAN = "某中学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。\n二、行动纲领\n1、开好教代会。\n三、月份安排\n九月：组织教师放风筝\n十月：秋游\n"


@pytest.fixture(autouse=True)
def _shipped_after():
    yield
    uc.set_lexicons(None)


def _folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "lex"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    return folder


def test_user_rules_come_first_and_caches_follow(tmp_path: Path) -> None:
    assert heading_kind("行动纲领") is None and categorize("组织教师放风筝") == "other"
    folder = _folder(
        tmp_path,
        headings='[[rule]]\nkind = "key_work"\npattern = "行动纲领"\n',
        categories='[[rule]]\ncategory = "kites"\npattern = "风筝"\n',
    )
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    (doc,) = list(uc.load(path, lexicons=folder))
    assert [s.kind for s in doc.sections] == ["title", "guiding_ideology", "key_work", "monthly_schedule"]
    assert doc.sections[2].heading == "二、行动纲领"
    assert doc.activities[0].category == "kites"
    assert "kites" in uc.categories()
    uc.set_lexicons(None)  # back to the shipped lexicons: every cache forgets the user's rules
    assert heading_kind("行动纲领") is None and categorize("组织教师放风筝") == "other"


def test_tables_are_merged_lists_extended(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        attributes="[school_level.cues.kindergarten]\nstrong = ['小朋友之家']\n[school_level]\nmin_score = 3\n",
        themes='[kites]\nlabel = "风筝"\nlabel_en = "kites"\nterms = ["风筝"]\n[womens_work]\nterms = ["女教师节"]\n',
    )
    with uc.using_lexicons(folder):
        from unioncorpus._lexicon import load_toml

        cues = load_toml("attributes.toml")["school_level"]["cues"]["kindergarten"]["strong"]
        assert "幼儿园" in cues and "小朋友之家" in cues
        assert load_toml("attributes.toml")["school_level"]["min_score"] == 3
        themes = load_toml("themes.toml")
        assert (
            "kites" in themes
            and "女教师节" in themes["womens_work"]["terms"]
            and "三八节" in themes["womens_work"]["terms"]
        )
    assert uc.active_lexicons() is None


def test_replace_drops_the_shipped_rules(tmp_path: Path) -> None:
    folder = _folder(tmp_path, categories='replace = true\n[[rule]]\ncategory = "all"\npattern = "."\n')
    with uc.using_lexicons(folder):
        assert uc.categories() == ("all", "other")


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("headings", '[[rule]]\nkind = "keywork"\npattern = "x"\n', "kind = 'keywork'; allowed: title"),
        ("headings", '[[rule]]\nkind = "key_work"\npattern = "(("\n', "not a valid regular expression"),
        ("headings", '[[rule]]\nkind = "key_work"\n', "lacks pattern"),
        ("headings", '[[rule]]\nkind = "key_work"\npattern = "x"\nweight = 2\n', "unknown key 'weight'"),
        ("categories", 'rule = "sports"\n', "must be a list"),
        (
            "furniture",
            '[[rule]]\nreason = "x"\npattern = "x"\nwhere = "inside"\n',
            "allowed: anywhere, outside",
        ),
        ("attributes", "[school_level]\nmin_scor = 3\n", "unknown key 'school_level.min_scor'"),
        ("attributes", "[school_level]\nmin_score = 'high'\n", "school_level.min_score must be an integer"),
        ("attributes", "[school_level.cues.primary]\nstrong = '小学'\n", "must be a list of strings"),
        ("themes", "[kites\n", "not valid TOML"),
    ],
)
def test_malformed_files_name_the_file_the_key_and_what_is_allowed(
    tmp_path: Path, name: str, text: str, message: str
) -> None:
    folder = _folder(tmp_path, **{name: text})
    with pytest.raises(uc.LexiconError) as info:
        uc.set_lexicons(folder)
    assert message in str(info.value) and f"{name}.toml" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_unknown_files_and_missing_folders(tmp_path: Path) -> None:
    folder = _folder(tmp_path, heading='[[rule]]\nkind = "key_work"\npattern = "x"\n')
    with pytest.raises(uc.LexiconError, match=r"unknown lexicon file\(s\) heading.toml"):
        uc.set_lexicons(folder)
    with pytest.raises(uc.LexiconError, match="not a folder"):
        uc.set_lexicons(tmp_path / "nope")


def test_every_command_takes_lexicons_and_reports_mistakes_without_a_traceback(
    tmp_path: Path, data: Path
) -> None:
    good = _folder(tmp_path, headings='[[rule]]\nkind = "key_work"\npattern = "行动纲领"\n')
    path = tmp_path / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["extract", str(path), "--lexicons", str(good)])
    assert result.exit_code == 0 and '"heading": "二、行动纲领"' in result.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "headings.toml").write_text('[[rule]]\nkind = "keywork"\npattern = "x"\n', encoding="utf-8")
    for args in (["extract", str(path)], ["analyze", str(path), "--out", str(tmp_path / "o")],
                 ["classify", str(tmp_path), "--out", str(tmp_path / "t")]):  # fmt: skip
        result = CliRunner().invoke(main, [*args, "--lexicons", str(bad)])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output and "headings.toml" in result.output


def test_what_a_menu_label_never_is_can_be_extended(tmp_path: Path) -> None:
    """furniture.toml [menu]: a research institute's name joins the organisations, so its header row is kept."""
    from unioncorpus.page_head import menu_lines

    head = ["首页", "地质研究所 工会", "新闻动态", "一、指导思想"]
    assert menu_lines(head) == [0, 1, 2]
    folder = _folder(
        tmp_path, furniture="[menu]\norganisation = '小学|中学|幼儿园|学院|大学|学校|公司|医院|研究所'\n"
    )
    with uc.using_lexicons(folder):
        assert menu_lines(head) == []  # the row naming the institute breaks the run
    assert menu_lines(head) == [0, 1, 2]


def test_a_bad_menu_pattern_is_a_clear_error(tmp_path: Path) -> None:
    folder = _folder(tmp_path, furniture="[menu]\norganisation = '小学|(研究所'\n")
    with pytest.raises(
        uc.LexiconError, match=r"furniture.toml: \[menu\] organisation is not a valid regular expression"
    ):
        uc.set_lexicons(folder)


def test_a_users_furniture_rule_may_set_aside_only_its_match(tmp_path: Path) -> None:
    """scope = "match": the matched notice goes to furniture with its columns and the line is cut there."""
    text = "某中学2024年工会工作计划\n一、指导思想\n以二十大精神为指导。【本段需登录后查看】三、月份安排\n九月：秋游\n"
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    rule = '[[rule]]\nreason = "login_notice"\npattern = "【本段需登录后查看】"\nscope = "match"\n'
    corpus = uc.load(path, lexicons=_folder(tmp_path, furniture=rule))
    assert corpus.furniture[["line", "reason"]].values.tolist() == [[3, "login_notice"]]
    (doc,) = list(corpus)
    assert [(s.kind, s.start_line) for s in doc.sections][-1] == ("monthly_schedule", 3)
    (tmp_path / "b").mkdir()
    bad = _folder(tmp_path / "b", furniture=rule.replace('"match"', '"word"'))
    with pytest.raises(uc.LexiconError, match="scope"):
        uc.load(path, lexicons=bad)
    # 'outside a plan' cannot be told while lines are read: a clear error, not a rule silently applied everywhere
    (tmp_path / "c").mkdir()
    outside = _folder(tmp_path / "c", furniture=rule + 'where = "outside"\n')
    with pytest.raises(uc.LexiconError, match="rule 1 scope = 'match' cannot take where; allowed only with"):
        uc.load(path, lexicons=outside)
    sentence = rule.replace('"match"', '"sentence"') + "max_len = 80\n"  # a sentence's length: fine
    (tmp_path / "d").mkdir()
    assert list(uc.load(path, lexicons=_folder(tmp_path / "d", furniture=sentence)))
