"""Plans that are already in memory: strings, or a column of a DataFrame, through the same stages as files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .corpus import Corpus
from .errors import UnionCorpusError
from .model import ReadFailure, SourceText
from .pipeline import FileResult, process_source

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["from_frame", "from_texts"]


def _one(text: object, name: str) -> FileResult:
    from .ingest import _lines_from_text

    if not isinstance(text, str):
        missing = text is None or text != text  # None, NaN
        detail = "no text (missing value)" if missing else f"not a string but a {type(text).__name__}"
        return FileResult(name, failure=ReadFailure(name, "empty" if missing else "unsupported", detail))
    lines, n_raw = _lines_from_text(text.replace("\r\n", "\n"))
    if not lines:
        return FileResult(name, failure=ReadFailure(name, "empty", "the text is empty"))
    return process_source(SourceText(name, "text", None, tuple(lines), n_raw), id_prefix=name)


def from_texts(texts: Iterable[str], *, ids: Sequence[str] | None = None) -> Corpus:
    """A corpus from plan texts in memory: each text goes through split, attributes and structure as a
    file would, with ``source`` = its id and line numbers counted in the text.

    Args:
        texts: one string per submission (a string may hold several plans, like a compilation file).
        ids: a unique name per text (default ``text-1``, ``text-2`` …); document ids are ``<id>-1``, ``<id>-2`` ….

    A text that is empty or not a string is reported in ``corpus.inputs``/``corpus.failures``, once.

    >>> corpus = from_texts(["东湖小学2024年工会工作计划\\n一、指导思想\\n以党的二十大精神为指导。"])
    >>> [d.id for d in corpus], corpus["text-1-1"].year
    (['text-1-1'], 2024)
    """
    texts = list(texts)
    names = [f"text-{i}" for i in range(1, len(texts) + 1)] if ids is None else [str(i) for i in ids]
    if len(names) != len(texts):
        raise UnionCorpusError(f"{len(texts)} texts but {len(names)} ids; give one id per text")
    if len(set(names)) != len(names):
        dupes = sorted({n for n in names if names.count(n) > 1})
        raise UnionCorpusError(f"ids must be unique; repeated: {', '.join(dupes[:5])}")
    return Corpus([_one(t, n) for t, n in zip(texts, names, strict=True)])


def from_frame(df: pd.DataFrame, *, text: str = "text", id: str | None = None) -> Corpus:
    """A corpus from a DataFrame column of plan texts, one row per submission.

    Args:
        df: the table.
        text: the column holding the texts.
        id: the column of unique row names (default: the DataFrame's index).

    >>> import pandas as pd
    >>> df = pd.DataFrame({"school": ["东湖小学"], "plan": ["东湖小学2024年工会工作计划\\n一、指导思想\\n坚持以人为本。"]})
    >>> [d.id for d in from_frame(df, text="plan", id="school")]
    ['东湖小学-1']
    """
    for column in (text, id):
        if column is not None and column not in df.columns:
            raise UnionCorpusError(
                f"no column {column!r}; the columns are: {', '.join(map(str, df.columns))}"
            )
    ids = df[id].tolist() if id is not None else df.index.tolist()
    return from_texts(df[text].tolist(), ids=[str(i) for i in ids])
