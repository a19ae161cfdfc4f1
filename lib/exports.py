"""Cells for CSV and XLSX files that people open in a spreadsheet.

A cell whose text starts with = + - @ (or a tab or carriage return, which
some spreadsheets skip before reading a formula) is run as a formula when
the file is opened: a pupil named `=HYPERLINK("http://…","Bấm vào đây")` in
a class list would become a link, and worse formulas can reach other files.
Every CSV or XLSX writer passes its cells through `safe_cell` (or rows
through `safe_row`); the quote it adds makes the spreadsheet show the text
as typed.
"""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

Cell = str | int | float | Decimal | bool | dt.date | dt.datetime | dt.time | None

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Cell) -> Cell:
    """Text that a spreadsheet would read as a formula, with a leading quote;
    anything else (numbers, dates, empty cells, ordinary text) unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Cell]) -> list[Cell]:
    """`safe_cell` of each value: writer.writerow(safe_row(...)), sheet.append(safe_row(...))."""
    return [safe_cell(value) for value in values]
