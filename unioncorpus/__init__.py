"""unioncorpus — analyse Chinese trade-union work plans (工会工作计划) as a corpus.

>>> import unioncorpus as uc
>>> corpus = uc.load("corpus/")          # doctest: +SKIP
>>> corpus.documents.head()              # doctest: +SKIP
"""

from __future__ import annotations

from .attributes import congress_refs, document_attributes, parse_year
from .corpus import Corpus, calendar, extract, extract_file, load
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

__version__ = "0.1.0"

__all__ = [
    "Activity",
    "Campaign",
    "Corpus",
    "Document",
    "Furniture",
    "Line",
    "ReadError",
    "ReadFailure",
    "Section",
    "Segmenter",
    "SourceText",
    "UnionCorpusError",
    "UnknownOptionError",
    "__version__",
    "calendar",
    "categories",
    "categorize",
    "congress_refs",
    "decode_bytes",
    "document_attributes",
    "extract",
    "extract_file",
    "heading_tree",
    "load",
    "normalize",
    "parse_heading",
    "parse_month",
    "parse_year",
    "read",
    "read_file",
    "split",
    "split_items",
    "structure",
]
