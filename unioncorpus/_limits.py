"""Per-file limits of the readers: each one, when passed, gives a ReadError with its own reason.

They exist so that no single submission can hang or exhaust a batch (a 42 KB .docx of 40,000 paragraphs,
a zip bomb, a page nested 20,000 deep, /dev/zero given as a file). The defaults are far above any real
plan or compilation (the largest real compilation seen is about 1 MB of text in 12,000 lines).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAULT_LIMITS", "Limits"]


@dataclass(frozen=True, slots=True)
class Limits:
    """What one file (or one member of a .zip) may hold before it is refused, and the reason it gets.

    Attributes:
        max_bytes: size of the file as stored (``too_large``).
        max_chars: characters of text once read (``too_many_characters``).
        max_lines: lines, paragraphs, table rows, page blocks or sheet rows (``too_many_lines``).
        max_table_depth: Word tables inside tables (``too_deeply_nested``).
        max_html_depth: elements inside elements of a web page (``too_deeply_nested``).
        max_ratio: how many times a zip member may expand over its compressed size once it is over
            ``min_ratio_size`` bytes (``zip_bomb``); real .docx text expands 5 to 30 times.
        min_ratio_size: below this a member's ratio is not checked (a small file of spaces expands a lot).
        max_unpacked: bytes all members of one zip (or .docx/.xlsx) may unpack to (``zip_bomb``).
        max_members: files in one .zip (``too_many_files``).
        max_archive_depth: zips inside zips (``too_deeply_nested``).
        converter_timeout: seconds an external converter (LibreOffice, pdftotext) may run
            (``converter_failed``).
    """

    max_bytes: int = 20_000_000
    max_chars: int = 5_000_000
    max_lines: int = 200_000
    max_table_depth: int = 32
    max_html_depth: int = 5_000
    max_ratio: int = 100
    min_ratio_size: int = 2_000_000
    max_unpacked: int = 200_000_000
    max_members: int = 5_000
    max_archive_depth: int = 2
    converter_timeout: float = 120.0


DEFAULT_LIMITS = Limits()
