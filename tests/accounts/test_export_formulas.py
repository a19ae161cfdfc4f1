"""The import templates a school downloads never carry a live spreadsheet formula."""

import csv
import io

from openpyxl import load_workbook

from accounts import importing

LINK = '=HYPERLINK("http://x.invalid","Nguyễn Văn An")'


def _with_a_formula_name(monkeypatch):
    row = list(importing.SAMPLE_ROWS[0])
    row[1] = LINK
    monkeypatch.setattr(importing, "SAMPLE_ROWS", [row])


def test_csv_template_shows_a_formula_like_name_as_text(personas, client_for, monkeypatch):
    _with_a_formula_name(monkeypatch)
    response = client_for("admin").get("/nguoi-dung/nhap-danh-sach/mau.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][1] == "'" + LINK


def test_xlsx_template_shows_a_formula_like_name_as_text(personas, client_for, monkeypatch):
    _with_a_formula_name(monkeypatch)
    response = client_for("admin").get("/nguoi-dung/nhap-danh-sach/mau.xlsx")
    cell = load_workbook(io.BytesIO(response.content)).active["B2"]
    assert cell.data_type == "s" and cell.value == "'" + LINK
