from datetime import date

from reports import periods, services

from ..url_matrix import ALL_STAFF, Case, only

REPORTERS = ("admin",)


def cases(personas) -> dict:
    period = periods.build(
        periods.CUSTOM, year=personas.year, start=date(2026, 9, 5), end=date(2026, 12, 31)
    )
    issued = services.issue_report(
        by=personas.admin, period=period, number="12", title="Kết quả", opening="Mở", closing="Kết"
    )
    issue_data = {
        "kind": "custom", "year": personas.year.pk, "start": "2026-09-05", "end": "2026-12-31",
        "number": "13", "title": "Kết quả", "opening": "Mở đầu", "closing": "Kết thúc",
    }  # fmt: skip
    return {
        "reports:report": Case("/bao-cao/", only(REPORTERS)),
        "reports:report_export": [
            Case("/bao-cao/tai/xlsx/?kind=hk1", only(REPORTERS)),
            Case("/bao-cao/tai/docx/?kind=month&month=10", only(REPORTERS)),
        ],
        "reports:report_csv": Case("/bao-cao/bang/cases_by_kind.csv", only(REPORTERS)),
        "reports:report_issue": Case(
            "/bao-cao/phat-hanh/", only(REPORTERS, ok=302), method="post", data=issue_data
        ),
        "reports:issued_list": Case("/bao-cao/da-phat-hanh/", only(REPORTERS)),
        "reports:issued_detail": Case(f"/bao-cao/da-phat-hanh/{issued.pk}/", only(REPORTERS)),
        "reports:issued_export": Case(
            f"/bao-cao/da-phat-hanh/{issued.pk}/tai/docx/", only(REPORTERS)
        ),
        "reports:issued_csv": Case(
            f"/bao-cao/da-phat-hanh/{issued.pk}/bang/forum_reports.csv", only(REPORTERS)
        ),
        "reports:overview": Case("/bao-cao/tong-quan/", only(("admin",))),
        # Every staff member may open the index (a teacher without a class sees an empty list).
        "reports:weekly_index": Case("/bao-cao/ban-tin-tuan/", only(ALL_STAFF)),
        "reports:weekly_class": Case(
            f"/bao-cao/ban-tin-tuan/lop/{personas.class_5a.pk}/", only(("teacher_5a", "admin"))
        ),
        "reports:weekly_all": Case("/bao-cao/ban-tin-tuan/tat-ca/", only(("admin",))),
    }
