"""One report as a document: the figures with the letterhead, the paragraphs and the
date, the same for the page, the print, the XLSX, the CSV and the Word file, whether
it is computed now or was issued (frozen) earlier."""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from . import services
from .models import IssuedReport
from .periods import Period
from .small_numbers import SMALL


@dataclass
class ReportDocument:
    figures: dict
    letterhead: dict
    title: str
    opening: str
    closing: str
    dated: date
    reference: str = ""
    issued: IssuedReport | None = None

    @classmethod
    def live(cls, figures: dict, period: Period) -> "ReportDocument":
        head = services.letterhead()
        texts = services.default_texts(period, head["school_name"])
        return cls(
            figures=figures, letterhead=head, title=texts["title"], opening=texts["opening"],
            closing=texts["closing"], dated=timezone.localdate(),
            reference=f"…/{head['symbol']}" if head["symbol"] else "",
        )  # fmt: skip

    @classmethod
    def of(cls, report: IssuedReport) -> "ReportDocument":
        return cls(
            figures=report.figures, letterhead=report.letterhead, title=report.title,
            opening=report.opening, closing=report.closing,
            dated=timezone.localdate(report.issued_at), reference=report.reference, issued=report,
        )  # fmt: skip

    @property
    def period_label(self) -> str:
        return self.figures["period"]["label"]

    @property
    def period_start(self) -> date:
        return date.fromisoformat(self.figures["period"]["start"])

    @property
    def period_end(self) -> date:
        return date.fromisoformat(self.figures["period"]["end"])

    @property
    def generated_at(self) -> datetime:
        return datetime.fromisoformat(self.figures["generated_at"])

    @property
    def place_and_date(self) -> str:
        """ "Hà Nội, ngày 02 tháng 12 năm 2026" (Nghị định 30/2020: day and month below 10 with a 0)."""
        when = _("ngày %(d)s tháng %(m)s năm %(y)s") % {
            "d": f"{self.dated.day:02d}", "m": f"{self.dated.month:02d}", "y": self.dated.year,
        }  # fmt: skip
        place = self.letterhead.get("place") or ""
        return f"{place}, {when}" if place else when[:1].upper() + when[1:]

    @property
    def sections(self) -> list[dict]:
        return self.figures["sections"]

    def tables(self):
        for section in self.sections:
            yield from section["tables"]

    def table(self, key: str) -> dict | None:
        return next((t for t in self.tables() if t["key"] == key), None)


def format_cell(value: Any, kind: str) -> str:
    """A cell as a person reads it: 1.234 · 49,5 · 09/2026 · — · < 5."""
    if value is None:
        return "—"
    if value == SMALL or isinstance(value, str) and kind != "month":
        return str(value)
    if kind == "month":
        return f"{value[5:7]}/{value[:4]}"
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)
