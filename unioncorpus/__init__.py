"""unioncorpus — analyse Chinese trade-union work plans (工会工作计划) as a corpus.

>>> import unioncorpus as uc
>>> corpus = uc.load("corpus/")          # doctest: +SKIP
>>> corpus.documents.head()              # doctest: +SKIP
"""

from __future__ import annotations

from .attributes import congress_refs, document_attributes, parse_year
from .corpus import Corpus, calendar, extract, extract_file, iter_extract, load
from .errors import ReadError, UnionCorpusError, UnknownOptionError
from .ingest import decode_bytes, read, read_file
from .model import Activity, Campaign, Document, Furniture, Line, ReadFailure, Section, SourceText
from .normalize import normalize
from .segment import Segmenter
from .split import split
from .structure import (
    categories,
    categorize,
    heading_tree,
    parse_heading,
    parse_month,
    split_items,
    structure,
)
from .terms import discover_terms
from .themes import coverage, keywords, textrank, theme_table, units

__version__ = "0.1.0"

# Topic models import scikit-learn and gensim: loaded on first use so `import unioncorpus` stays quick.
_LAZY = {"TopicModel": "topics", "select_topics": "topics", "ModelVersionError": "topics"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'unioncorpus' has no attribute {name!r}")


__all__ = [
    "Activity",
    "Campaign",
    "Corpus",
    "Document",
    "Furniture",
    "Line",
    "ModelVersionError",
    "ReadError",
    "ReadFailure",
    "Section",
    "Segmenter",
    "SourceText",
    "TopicModel",
    "UnionCorpusError",
    "UnknownOptionError",
    "__version__",
    "calendar",
    "categories",
    "categorize",
    "congress_refs",
    "coverage",
    "decode_bytes",
    "discover_terms",
    "document_attributes",
    "extract",
    "extract_file",
    "heading_tree",
    "iter_extract",
    "keywords",
    "load",
    "normalize",
    "parse_heading",
    "parse_month",
    "parse_year",
    "read",
    "read_file",
    "select_topics",
    "split",
    "split_items",
    "structure",
    "textrank",
    "theme_table",
    "units",
]
