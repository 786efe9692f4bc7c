"""unioncorpus — analyse Chinese trade-union work plans (工会工作计划) as a corpus.

>>> import unioncorpus as uc
>>> corpus = uc.load("corpus/")          # doctest: +SKIP
>>> corpus.documents.head()              # doctest: +SKIP
"""

from __future__ import annotations

from ._calendar import calendar
from ._lexicon import LexiconError, active_lexicons, set_lexicons, using_lexicons
from ._texts import from_frame, from_texts
from .attributes import congress_refs, document_attributes, parse_year
from .corpus import Corpus, extract, extract_file, iter_extract, load
from .errors import ReadError, UnionCorpusError, UnknownOptionError
from .ingest import Limits, decode_bytes, read, read_file
from .logical import logical_lines
from .model import Activity, Campaign, Document, Evidence, Furniture, Line, ReadFailure, Section, SourceText
from .months import parse_month
from .normalization import normalize
from .numbering import parse_heading, split_items
from .outline import heading_tree
from .schedule import categories, categorize
from .segment import Segmenter
from .splitting import split
from .structuring import structure
from .terms import discover_terms
from .themes import as_units, coverage, keywords, textrank, theme_table, units

__version__ = "0.1.0"

# Topic models import scikit-learn and gensim: loaded on first use so `import unioncorpus` stays quick.
_LAZY = {"TopicModel": "topics", "select_topics": "topic_selection", "ModelVersionError": "topics", "npmi": "topic_selection",
         "Library": "library"}  # fmt: skip


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
    "Evidence",
    "Furniture",
    "LexiconError",
    "Library",
    "Limits",
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
    "active_lexicons",
    "as_units",
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
    "from_frame",
    "from_texts",
    "heading_tree",
    "iter_extract",
    "keywords",
    "load",
    "logical_lines",
    "normalize",
    "npmi",
    "parse_heading",
    "parse_month",
    "parse_year",
    "read",
    "read_file",
    "select_topics",
    "set_lexicons",
    "split",
    "split_items",
    "structure",
    "textrank",
    "theme_table",
    "units",
    "using_lexicons",
]
