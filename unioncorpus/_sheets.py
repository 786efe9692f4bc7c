"""Spreadsheet files a clerk opens: CSV for any program, XLSX laid out for reading.

Every text cell goes through :func:`unioncorpus._safe.neutralise`, so nothing taken from a submitted file
becomes a formula; in XLSX the cell is also stored as text with Excel's quote prefix (no visible ``'``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from ._labels import width
from ._safe import FORMULA_START, printable, safe_table

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["write_csv", "write_xlsx"]


def write_csv(df: pd.DataFrame, path: str | os.PathLike[str]) -> None:
    """UTF-8 with a BOM (so spreadsheet programs show the Chinese), formula-safe cells."""
    safe_table(df).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


def _display_width(value: object) -> int:
    return width("" if value is None else str(value))


def write_xlsx(
    sheets: Mapping[str, pd.DataFrame],
    path: str | os.PathLike[str],
    *,
    fill_by: tuple[str, Mapping[str, str]] | None = None,
    max_width: int = 60,
    created: datetime | None = None,
) -> None:
    """Write each DataFrame to a sheet: bold frozen header row, autofilter, fitted column widths.

    Args:
        sheets: sheet name → table (column names are the header row, as given).
        path: the .xlsx file.
        fill_by: ``(column, {value: "RRGGBB"})``: colour that column's cell by its value (verdicts).
        max_width: widest column, in characters (long reasons wrap instead).
        created: the date the file says it was made (and every member's date in the zip): the same
            inputs and date give the same bytes.
    """
    import pandas as pd
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    for title, df in sheets.items():
        ws = wb.create_sheet(title=title[:31])
        ws.append([printable(str(c)) for c in df.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEEEEE")
        fill_col = list(df.columns).index(fill_by[0]) if fill_by and fill_by[0] in df.columns else None
        for row in df.itertuples(index=False):
            values = []
            for v in row:
                if v is None or (not isinstance(v, str) and pd.api.types.is_scalar(v) and pd.isna(v)):
                    values.append(None)
                elif isinstance(v, str):
                    values.append(printable(v))
                else:
                    values.append(v.item() if hasattr(v, "item") else v)
            ws.append(values)
            r = ws.max_row
            for j, v in enumerate(values, start=1):
                if isinstance(v, str):
                    cell = ws.cell(row=r, column=j)
                    cell.data_type = "s"  # never a formula or an error code, whatever the text
                    if v.startswith(FORMULA_START):
                        cell.quotePrefix = True
            if fill_col is not None:
                colour = fill_by[1].get(str(row[fill_col]))  # type: ignore[index]
                if colour:
                    cell = ws.cell(row=r, column=fill_col + 1)
                    cell.fill = PatternFill("solid", fgColor=colour)
                    cell.font = Font(color="FFFFFF", bold=True)
        ws.freeze_panes = "A2"
        if df.shape[1]:
            ws.auto_filter.ref = f"A1:{get_column_letter(df.shape[1])}{max(ws.max_row, 1)}"
        for j, col in enumerate(df.columns, start=1):
            sample = [col, *df.iloc[:500, j - 1].tolist()]
            width = min(max_width, max(_display_width(v) for v in sample) + 2)
            ws.column_dimensions[get_column_letter(j)].width = max(width, 6)
            if width >= max_width:
                for cell in ws[get_column_letter(j)][1:]:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if created is not None:
        wb.properties.created = created
    wb.save(path)
    _fix_dates(path, wb.properties.created if created is None else created)


def _fix_dates(path: str | os.PathLike[str], when: datetime) -> None:
    """Give the workbook's "modified" property and its zip members one fixed date, for reproducible bytes.

    openpyxl stamps both with the time of saving; the zip is rewritten with the public zipfile API.
    """
    import re
    import zipfile

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode("ascii")
    with zipfile.ZipFile(path) as z:
        members = [(info, z.read(info)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp, data)
            fixed = zipfile.ZipInfo(info.filename, date_time=max(when, datetime(1980, 1, 1)).timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            z.writestr(fixed, data)
