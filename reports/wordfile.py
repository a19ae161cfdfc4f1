"""The report as a Word document in the Vietnamese administrative layout
(Nghị định 30/2020/NĐ-CP, Phụ lục I): A4, Times New Roman 13–14 pt, margins
20/20/30/15 mm; the managing body and the school at the top left with số/ký hiệu,
Quốc hiệu and tiêu ngữ at the top right with place and date; the title "BÁO CÁO"
and its trích yếu centred; the body; "Nơi nhận" at the bottom left and the signer's
title and name at the bottom right.
"""

import io
from typing import IO

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from . import charts
from .document import ReportDocument, format_cell

FONT = "Times New Roman"
NATIONAL_NAME = "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


def _paragraph(cell_or_doc, text: str = "", *, bold=False, italic=False, size=13, align=None, upper=False, space_after=0):  # fmt: skip
    paragraph = cell_or_doc.add_paragraph()
    run = paragraph.add_run(text.upper() if upper else text)
    run.bold, run.italic, run.font.size = bold, italic, Pt(size)
    paragraph.paragraph_format.space_after = Pt(space_after)
    paragraph.paragraph_format.space_before = Pt(0)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _setup(document) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(13)
    # East-Asian and complex-script runs take the same font (Word otherwise picks another).
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


HEAD_WIDTHS = (Cm(7.5), Cm(9))


def _two_columns(document, widths=HEAD_WIDTHS):
    grid = document.add_table(rows=1, cols=2)
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for cell, width in zip(grid.rows[0].cells, widths, strict=True):
        cell.width = width
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return grid.rows[0].cells


def _letterhead(document, report: ReportDocument) -> None:
    head = report.letterhead
    left, right = _two_columns(document)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    left.paragraphs[0].add_run((head.get("managing_body") or "").upper()).font.size = Pt(12)
    left.paragraphs[0].alignment = centre
    _paragraph(left, head["school_name"], bold=True, size=12, align=centre, upper=True)
    _paragraph(left, "———", size=10, align=centre)
    _paragraph(left, _("Số: %(ref)s") % {"ref": report.reference or "…"}, size=13, align=centre)
    run = right.paragraphs[0].add_run(NATIONAL_NAME)
    run.bold, run.font.size = True, Pt(12)
    right.paragraphs[0].alignment = centre
    _paragraph(right, MOTTO, bold=True, size=13, align=centre)
    _paragraph(right, "———————", size=10, align=centre)
    _paragraph(right, report.place_and_date, italic=True, size=13, align=centre)


def _table(document, data: dict) -> None:
    columns = data["columns"]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, column in zip(grid.rows[0].cells, columns, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(column["label"])
        run.bold, run.font.size = True, Pt(11)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in data["rows"]:
        cells = grid.add_row().cells
        for cell, value, column in zip(cells, row, columns, strict=True):
            run = cell.paragraphs[0].add_run(format_cell(value, column["kind"]))
            run.font.size = Pt(11)
            if column["kind"] != "text":
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _body(document, report: ReportDocument) -> None:
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    for paragraph in report.opening.split("\n"):
        if paragraph.strip():
            _paragraph(document, paragraph.strip(), size=14, align=justify, space_after=6).paragraph_format.first_line_indent = Cm(1)  # fmt: skip
    for number, section in enumerate(report.sections, start=1):
        _paragraph(document, f"{number}. {section['title']}", bold=True, size=14, space_after=6)
        for line in section["prose"]:
            _paragraph(document, line, size=14, align=justify, space_after=6).paragraph_format.first_line_indent = Cm(1)  # fmt: skip
        for data in section["tables"]:
            _paragraph(document, data["title"], italic=True, size=13, space_after=3)
            picture = charts.png_bytes(data)
            if picture:
                document.add_picture(io.BytesIO(picture), width=Cm(16))
                document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            _table(document, data)
            if data["note"]:
                _paragraph(document, data["note"], italic=True, size=11)
            _paragraph(document, "", size=6)
    for paragraph in report.closing.split("\n"):
        if paragraph.strip():
            _paragraph(document, paragraph.strip(), size=14, align=justify, space_after=6).paragraph_format.first_line_indent = Cm(1)  # fmt: skip
    _paragraph(
        document,
        _("Ghi chú: ô ghi “< 5” là số dưới 5 học sinh, không ghi cụ thể để bảo vệ học sinh."),
        italic=True,
        size=11,
    )


def _signature(document, report: ReportDocument) -> None:
    head = report.letterhead
    left, right = _two_columns(document, (Cm(8), Cm(8.5)))
    run = left.paragraphs[0].add_run(_("Nơi nhận:"))
    run.bold, run.italic, run.font.size = True, True, Pt(12)
    recipients = head.get("recipients") or [_("Như trên;"), _("Lưu: VT.")]
    for line in recipients:
        _paragraph(left, f"- {line}", size=11)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    run = right.paragraphs[0].add_run((head.get("signer_title") or _("Hiệu trưởng")).upper())
    run.bold, run.font.size = True, Pt(13)
    right.paragraphs[0].alignment = centre
    for _blank in range(4):
        _paragraph(right, "", size=13)
    _paragraph(right, head.get("signer_name") or "", bold=True, size=13, align=centre)


def write_docx(report: ReportDocument, target: IO[bytes]) -> None:
    document = Document()
    _setup(document)
    _letterhead(document, report)
    _paragraph(document, "", size=8)
    _paragraph(document, "BÁO CÁO", bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, report.title, bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "———————", size=10, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=12)
    _body(document, report)
    _paragraph(document, "", size=8)
    _signature(document, report)
    document.core_properties.title = f"BÁO CÁO {report.title}"
    document.core_properties.author = report.letterhead["school_name"]
    document.save(target)
