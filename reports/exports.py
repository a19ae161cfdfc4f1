"""XLSX (one sheet per section) and CSV (one per table) of a report.

Both are written once: the XLSX by openpyxl's write-only workbook into a temporary
file that the response then streams, the CSV row by row into a streaming response.
Numbers stay numbers, dates are dates, text passes lib.exports.safe_row.
"""

import csv
import re
from collections.abc import Iterator
from datetime import date
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from lib.exports import safe_row

from .document import ReportDocument

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, used: set[str]) -> str:
    name = SHEET_NAME_FORBIDDEN.sub(" ", title)[:31].strip() or "Sheet"
    base, n = name, 2
    while name in used:
        name = f"{base[:28]} {n}"
        n += 1
    used.add(name)
    return name


def excel_value(value: Any, kind: str) -> Any:
    """What a cell stores: numbers as numbers, a month as a date, "< 5" as text."""
    if kind == "month" and isinstance(value, str) and len(value) == 10:
        return date.fromisoformat(value)
    return value


def _cell(sheet, value: Any, *, font: Font | None = None, number_format: str | None = None):
    cell = WriteOnlyCell(sheet, value=value)
    if font:
        cell.font = font
    if number_format:
        cell.number_format = number_format
    return cell


FORMATS = {"percent": "0.0", "hours": "0.0", "int": "#,##0", "people": "#,##0", "month": "MM/YYYY"}


def write_xlsx(document: ReportDocument, target: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    used: set[str] = set()
    cover = workbook.create_sheet(sheet_name(_("Thông tin"), used))
    cover.column_dimensions["A"].width = 24
    cover.column_dimensions["B"].width = 60
    head = document.letterhead
    cover.append([_cell(cover, head["school_name"], font=TITLE)])
    cover.append(safe_row([_("Báo cáo"), document.title]))
    cover.append(safe_row([_("Số, ký hiệu"), document.reference]))
    cover.append([_("Từ ngày"), _cell(cover, document.period_start, number_format="DD/MM/YYYY")])
    cover.append([_("Đến ngày"), _cell(cover, document.period_end, number_format="DD/MM/YYYY")])
    cover.append([_("Ngày báo cáo"), _cell(cover, document.dated, number_format="DD/MM/YYYY")])
    cover.append(
        safe_row([_("Ghi chú"), _("Ô ghi “< 5” là số dưới 5 học sinh, không ghi cụ thể.")])
    )
    for section in document.sections:
        sheet = workbook.create_sheet(sheet_name(section["title"], used))
        sheet.column_dimensions["A"].width = 40
        for letter in "BCDEFG":
            sheet.column_dimensions[letter].width = 16
        sheet.append([_cell(sheet, section["title"], font=TITLE)])
        for line in section["prose"]:
            sheet.append(safe_row([line]))
        for data in section["tables"]:
            sheet.append([])
            sheet.append([_cell(sheet, data["title"], font=BOLD)])
            header = []
            for column in data["columns"]:
                cell = _cell(sheet, column["label"], font=BOLD)
                cell.alignment = Alignment(wrap_text=True)
                header.append(cell)
            sheet.append(header)
            for row in data["rows"]:
                cells = []
                for value, column in zip(safe_row(row), data["columns"], strict=True):
                    kind = column["kind"]
                    cells.append(
                        _cell(sheet, excel_value(value, kind), number_format=FORMATS.get(kind))
                    )
                sheet.append(cells)
            if data["note"]:
                sheet.append(safe_row([data["note"]]))
    workbook.save(target)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(data: dict) -> Iterator[str]:
    """A table as CSV lines (UTF-8 with a BOM so that Excel reads Vietnamese)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    yield writer.writerow(safe_row([column["label"] for column in data["columns"]]))
    for row in data["rows"]:
        yield writer.writerow(
            safe_row(
                [
                    f"{value[5:7]}/{value[:4]}" if column["kind"] == "month" and value else value
                    for value, column in zip(row, data["columns"], strict=True)
                ]
            )
        )
