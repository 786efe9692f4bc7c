"""The same plan saved as UTF-8, GB18030, UTF-16 and .docx gives the same documents and attributes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import unioncorpus as uc

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def facts(corpus: uc.Corpus) -> list[tuple]:
    return [
        (d.title, d.doc_type, d.school_level, d.year, d.party_congress_refs, [s.kind for s in d.sections],
         [(a.months, a.text) for a in d.activities])
        for d in corpus
    ]  # fmt: skip


@pytest.mark.parametrize(
    "name", ["01_compilation_site_page.txt", "09_primary_plan_copy_a.txt", "06_summary_and_plan_2023.txt"]
)
def test_same_plan_in_every_encoding_and_as_docx(tmp_path: Path, name: str) -> None:
    text = (CORPUS / name).read_text(encoding="utf-8")
    variants = {}
    for enc in ("utf-8", "utf-8-sig", "gb18030", "utf-16"):
        p = tmp_path / f"{enc}.txt"
        p.write_bytes(text.encode(enc))
        variants[enc] = facts(uc.extract([p]))
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)  # one paragraph per raw line, blank ones included, so numbers match too
    p = tmp_path / "plan.docx"
    d.save(p)
    variants["docx"] = facts(uc.extract([p]))
    reference = variants["utf-8"]
    assert reference, "the plan must give documents"
    for enc, got in variants.items():
        assert got == reference, enc


def test_line_numbers_match_between_text_and_docx(tmp_path: Path) -> None:
    text = (CORPUS / "09_primary_plan_copy_a.txt").read_text(encoding="utf-8")
    d = docx.Document()
    for line in text.split("\n"):
        d.add_paragraph(line)
    p = tmp_path / "plan.docx"
    d.save(p)
    t = tmp_path / "plan.txt"
    t.write_text(text, encoding="gb18030")
    (a,), (b,) = list(uc.extract([p])), list(uc.extract([t]))
    assert [(s.kind, s.start_line, s.end_line) for s in a.sections] == [
        (s.kind, s.start_line, s.end_line) for s in b.sections
    ]
    assert [x.line for x in a.activities] == [x.line for x in b.activities]
