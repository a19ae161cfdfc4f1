"""Issuing a report: the figures are frozen as they are now, with who issued it."""

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import SchoolSettings, User
from accounts.services import record_audit

from . import figures
from .models import IssuedReport
from .periods import Period


def letterhead(school: SchoolSettings | None = None) -> dict[str, Any]:
    """What the Word document prints around the figures, from the school's settings."""
    school = school or SchoolSettings.load()
    return {
        "managing_body": school.managing_body,
        "school_name": school.official_name or settings.SCHOOL_NAME,
        "place": school.place_name,
        "symbol": school.report_symbol,
        "recipients": [
            line.strip() for line in school.report_recipients.splitlines() if line.strip()
        ],
        "signer_title": school.signer_title,
        "signer_name": school.signer_name,
    }


def default_texts(period: Period, school_name: str) -> dict[str, str]:
    return {
        "title": _(
            "Kết quả thực hiện giáo dục an toàn cho học sinh trên môi trường mạng %(period)s"
        )
        % {"period": period.label},
        "opening": _(
            "Thực hiện kế hoạch giáo dục an toàn cho học sinh trên môi trường mạng, %(school)s "
            "báo cáo kết quả thực hiện %(period)s như sau:"
        )
        % {"school": school_name, "period": period.label},
        "closing": _(
            "Trên đây là báo cáo kết quả thực hiện %(period)s của %(school)s. Nhà trường tiếp tục "
            "duy trì các hoạt động giáo dục và bảo vệ học sinh trên môi trường mạng."
        )
        % {"school": school_name, "period": period.label},
    }


@transaction.atomic
def issue_report(
    *, by: User, period: Period, number: str, title: str, opening: str, closing: str
) -> IssuedReport:
    """Freeze the figures of `period` as they are now. Only people who may read reports."""
    if not by.can_report:
        raise PermissionDenied
    head = letterhead()
    report = IssuedReport.objects.create(
        number=number.strip(),
        symbol=head["symbol"],
        title=title.strip(),
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        opening=opening.strip(),
        closing=closing.strip(),
        figures=figures.build_report(period),
        letterhead=head,
        issued_by=by,
        issued_at=timezone.now(),
    )
    record_audit(actor=by, action="report.issue", target=report, after=report.reference)
    return report
