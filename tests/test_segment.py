from __future__ import annotations

import pickle

import jieba
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.pipeline import make_pipeline

import unioncorpus as uc
from unioncorpus.errors import UnknownOptionError
from unioncorpus.segment import stopwords

from .conftest import SHARED, needs_shared

ENGINES = ["jieba", "rjieba"]

# Key terms of union plans and the phrase they must come out of whole (phrases written for this test).
KEY_TERMS = [
    ("教代会", "学校定期召开教代会审议方案"),
    ("校务公开", "全面推进校务公开工作"),
    ("园务公开", "深化园务公开制度"),
    ("厂务公开", "推行厂务公开民主管理"),
    ("职工之家", "努力建设职工之家"),
    ("教工之家", "加强教工之家建设"),
    ("送温暖", "春节前开展送温暖活动"),
    ("送清凉", "暑期为一线职工送清凉"),
    ("师德师风", "加强师德师风，提升素质"),
    ("女教职工", "关心女教职工身心健康"),
    ("工会经费", "管好用好工会经费"),
    ("经审", "加强工会经审工作"),
    ("三八妇女节", "庆祝三八妇女节活动"),
    ("五必访", "坚持五必访制度"),
    ("教职工代表大会", "召开第三届教职工代表大会"),
    ("职代会", "规范召开职代会"),
    ("民主管理", "推进学校民主管理"),
    ("民主评议", "开展民主评议"),
    ("工会小组", "调整工会小组"),
    ("工会委员", "召开工会委员例会"),
    ("离退休", "慰问离退休教师"),
    ("困难教职工", "建立困难教职工档案"),
    ("帮困", "做好帮困助学工作"),
    ("工间操", "坚持每天做工间操"),
    ("趣味运动会", "举办教职工趣味运动会"),
    ("师徒结对", "开展新一轮师徒结对"),
    ("青蓝工程", "实施青蓝工程培养新人"),
    ("疗休养", "组织教职工疗休养"),
    ("两癌筛查", "做好女教职工两癌筛查"),
    ("金秋助学", "开展金秋助学活动"),
    ("工人先锋号", "争创工人先锋号"),
    ("巾帼文明岗", "评选巾帼文明岗"),
    ("合理化建议", "征集合理化建议活动"),
    ("集体合同", "签订集体合同"),
    ("职工书屋", "建好职工书屋"),
    ("教师节", "隆重庆祝教师节"),
]


# Longer lexicon terms win where they are written in full.
LONGER = [
    ("建设模范职工之家", ["建设", "模范职工之家"]),
    ("抓好师德师风建设", ["抓好", "师德师风建设"]),
    ("开展民主评议领导干部", ["开展", "民主评议领导干部"]),
    ("组织教职工疗休养", ["组织", "教职工", "疗休养"]),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("phrase", "tokens"), LONGER)
def test_longest_lexicon_terms(engine: str, phrase: str, tokens: list[str]) -> None:
    assert uc.Segmenter(engine)(phrase) == tokens


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("term", "phrase"), KEY_TERMS)
def test_key_terms_come_out_whole(engine: str, term: str, phrase: str) -> None:
    assert term in uc.Segmenter(engine)(phrase)


def test_at_least_thirty_golden_terms_and_a_300_term_lexicon() -> None:
    from unioncorpus.segment import default_lexicon, read_lexicon

    assert len(KEY_TERMS) >= 30
    assert len(read_lexicon(default_lexicon())) >= 300


@pytest.mark.parametrize("engine", ENGINES)
def test_engines_agree_on_plan_text(engine: str) -> None:
    text = "学校工会以党的二十大精神为指导，召开教代会，做好校务公开，开展送温暖活动，关心女教职工。"
    assert uc.Segmenter(engine)(text) == uc.Segmenter("jieba")(text)


def test_global_jieba_tokenizer_is_untouched() -> None:
    before = dict(jieba.dt.user_word_tag_tab)
    uc.Segmenter("jieba", words=["一个没有的新词语"])("一个没有的新词语")
    assert jieba.dt.user_word_tag_tab == before
    assert "一个没有的新词语" not in jieba.dt.FREQ


def test_picklable_and_usable_as_sklearn_tokenizer() -> None:
    seg = uc.Segmenter(stopwords="default", punct=False)
    pipe = make_pipeline(CountVectorizer(tokenizer=seg, token_pattern=None, lowercase=False))
    pipe.fit(["召开教代会，做好校务公开。", "开展送温暖活动。"])
    clone = pickle.loads(pickle.dumps(pipe))
    vocab = set(clone[0].vocabulary_)
    assert {"教代会", "校务公开", "送温暖"} <= vocab
    assert "，" not in vocab and "开展" not in vocab  # punctuation and officialese dropped
    assert clone[0].transform(["教代会"]).sum() == 1


def test_stopwords_sets() -> None:
    general, official = stopwords("general"), stopwords("officialese")
    assert "的" in general and "加强" in official and "进一步" in official
    assert stopwords("default") == general | official
    seg = uc.Segmenter(stopwords="general")
    assert "加强" in seg("加强学习")
    assert "加强" not in uc.Segmenter(stopwords="default")("加强学习")
    with pytest.raises(UnknownOptionError, match="stopwords"):
        stopwords("english")


def test_bad_engine_names_the_choices() -> None:
    with pytest.raises(UnknownOptionError, match="auto, jieba, rjieba"):
        uc.Segmenter("pkuseg")


def test_lexicon_extension(tmp_path) -> None:
    user = tmp_path / "mine.txt"
    user.write_text("# my terms\n星级教工小家 5 n\n", encoding="utf-8")
    seg = uc.Segmenter(lexicon=["default", user])
    assert "星级教工小家" in seg("争创星级教工小家")
    assert seg.knows("星级教工小家") and seg.knows("教代会")
    assert seg.fingerprint != uc.Segmenter().fingerprint


@needs_shared()
@pytest.mark.parametrize("engine", ENGINES)
def test_key_terms_come_out_whole_in_the_seed_plans(engine: str) -> None:
    """Every occurrence of a golden key term in the real seed plans is one token (or inside a longer lexicon term)."""
    seg = uc.Segmenter(engine)
    lines = [ln.text for d in uc.load(SHARED / "seeds") for ln in d.lines]
    checked, broken = 0, []
    for term, _ in KEY_TERMS:
        for text in lines:
            if term in text:
                checked += 1
                if not any(term in tok for tok in seg(text)):
                    broken.append((term, text[:40]))
    assert checked >= 200
    assert broken == []


def test_plain_jieba_loads_the_shipped_lexicon() -> None:
    from unioncorpus.segment import default_lexicon, read_lexicon

    lines = default_lexicon().read_text(encoding="utf-8").splitlines()
    assert lines and not any(line.lstrip().startswith("#") for line in lines)
    tk = jieba.Tokenizer()
    tk.load_userdict(str(default_lexicon()))
    assert not any(word.startswith("#") for word in tk.FREQ)
    assert all(tk.FREQ.get(w) for w, f, _ in read_lexicon(default_lexicon()) if f != 0)
    assert tk.lcut("以党的二十大精神为指导，坚持以人为本、以师为本")[:3] == ["以", "党", "的"]


@pytest.mark.parametrize("engine", ENGINES)
def test_preposition_splits_are_right(engine: str) -> None:
    seg = uc.Segmenter(engine, punct=False)
    tokens = seg("学校工会以党的二十大精神为指导，坚持以人为本，以师为本，以党建带工建")
    assert "以党" not in tokens and tokens[:4] == ["学校", "工会", "以", "党"]
    assert {"以人为本", "以师为本", "二十大", "党建带工建"} <= set(tokens)
    assert not seg.knows("以党") and seg.knows("以师为本")


@pytest.mark.parametrize("engine", ENGINES)
def test_counting_tokens_are_dropped_for_analysis(engine: str) -> None:
    from unioncorpus.segment import is_numeric_token

    seg = uc.Segmenter(engine, punct=False, numeric=False)
    text = "一是二月份组织一次三八节活动，二是开展三个方面的第二届五一劳动节，2024年度全年坚持一岗双责"
    assert seg(text) == ["组织", "三八节", "活动", "开展", "方面", "的", "五一劳动节", "坚持", "一岗双责"]
    assert "二月份" in uc.Segmenter(engine)(text)  # kept unless asked
    for token in ("十二月", "九月份", "10月", "两个月", "三次", "第一", "其次", "上学期", "每周", "四是"):
        assert is_numeric_token(token), token
    for token in (
        "三八节",
        "二十大",
        "十八大",
        "一线",
        "三会一课",
        "五必访",
        "两癌筛查",
        "一中",
        "六一儿童节",
    ):
        assert not is_numeric_token(token), token


_PIECES = ["召开", "教代会", "校务公开", "二月份", "一次", "的", "工会", "送温暖", "师德师风", "3月", "2024年", "abc",
           "a-b", "，", "。", "：", " ", "\t", "\u3000", "\r", "\n", "\r\n", "", "①", "xx"]  # fmt: skip


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("options", [{}, {"stopwords": "default", "punct": False, "numeric": False}])
@settings(max_examples=150, deadline=None)
@given(lines=st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=6))
def test_cut_lines_is_each_line_cut_alone(engine: str, options: dict, lines: list[str]) -> None:
    # themes cut a plan's lines in one engine call: the tokens must be those of each line cut on its own,
    # whitespace at the ends, empty lines, CRs and line breaks inside a line included
    seg = uc.Segmenter(engine, **options)
    assert seg.cut_lines(lines) == [seg(t) for t in lines]


def test_filter_memo_follows_changed_settings() -> None:
    seg = uc.Segmenter("jieba")
    assert "，" in seg("召开教代会，做好校务公开")
    seg.punct = False  # judged again, not taken from what the first call remembered
    assert "，" not in seg("召开教代会，做好校务公开")
    assert "_keep" not in pickle.loads(pickle.dumps(seg)).__dict__
