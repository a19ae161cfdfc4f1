"""The year report, the overview and the weekly sheets cost the same number of queries
for a school ten times bigger; the year report of a 2,000-pupil school renders in one
request in under 2 s of CPU time."""

import time
from datetime import date

import pytest

from announcements.models import Announcement, AnnouncementAudience
from portal.models import Event

from .world import at, build_school

YEAR = "/bao-cao/?kind=year"
PUPILS_PER_CLASS = 29


def measure(client, url, count_queries) -> tuple[int, float, int]:
    client.get(url)  # warm caches that are not about data (templates, fonts)
    with count_queries() as queries:
        started = time.process_time()
        response = client.get(url)
        cpu = time.process_time() - started
    assert response.status_code == 200
    return queries.count, cpu, len(response.content)


@pytest.mark.slow
def test_the_year_report_costs_the_same_queries_for_200_and_2000_pupils(personas, client_for, count_queries):  # fmt: skip
    client = client_for("admin")
    # Forty announcements a year to every family, half of them read: 40,000 receipts at 2,000.
    build_school(personas, n_classes=7, per_class=PUPILS_PER_CLASS, tag="s", announcements=4)
    small, small_cpu, small_size = measure(client, YEAR, count_queries)
    build_school(personas, n_classes=63, per_class=PUPILS_PER_CLASS, tag="b", announcements=36)
    big, big_cpu, big_size = measure(client, YEAR, count_queries)
    print(f"\nyear report: {small} queries, {small_cpu:.2f} s CPU, {small_size} B (203 pupils); "
          f"{big} queries, {big_cpu:.2f} s CPU, {big_size} B (2,030 pupils)")  # fmt: skip
    # 35 at both sizes (measured 2 December 2026): session and user, the school year
    # (default period, form initial, form choice, the report's year), population (classes,
    # pupils, guardians, staff), lessons (published per grade, attempts per class,
    # assignments, completed progress, correct choices, answers, questions), staff
    # training (modules, completions per module), forum (5), cases (3), announcements
    # (3), accounts and visits (2), school settings (letterhead), the site header's
    # counters and the form's year choices. The lessons hooks added 4 of them.
    assert small == big
    assert big_cpu < 2.0
    for fmt in ("xlsx", "docx"):
        started = time.process_time()
        response = client.get(f"/bao-cao/tai/{fmt}/?kind=year")
        size = sum(len(chunk) for chunk in response.streaming_content)
        print(f"{fmt}: {size} B, {time.process_time() - started:.2f} s CPU (2,030 pupils)")
    csv_size = sum(len(chunk) for chunk in client.get("/bao-cao/bang/announcements_by_class.csv?kind=year").streaming_content)  # fmt: skip
    print(f"csv (announcements by class, 70 rows): {csv_size} B")


def test_the_overview_costs_the_same_queries_at_two_sizes(personas, client_for, count_queries):
    client = client_for("admin")
    build_school(personas, n_classes=2, per_class=3, tag="s")
    small, _cpu, _size = measure(client, "/bao-cao/tong-quan/", count_queries)
    build_school(personas, n_classes=20, per_class=3, tag="b")
    big, _cpu, _size = measure(client, "/bao-cao/tong-quan/", count_queries)
    print(f"\noverview: {small} queries (6 pupils), {big} queries (66 pupils)")
    # The lessons hooks cost 5: pupils by class, assignments, completed progress (overdue
    # lessons); training modules, staff who completed them all.
    assert small == big


def _week_of_news(personas, n: int):
    monday = date(2026, 11, 30)
    for i in range(n):
        announcement = Announcement.objects.create(
            title=f"Tin {i}",
            body="<p>Dòng một</p>",
            author=personas.admin,
            publish_at=at(monday, 8 + i % 8),
        )
        AnnouncementAudience.objects.create(announcement=announcement, key="school")
        Event.objects.create(title=f"Họp {i}", starts_at=at(monday, 14))


def test_printing_every_class_costs_the_same_queries_for_2_or_22_classes(personas, client_for, count_queries):  # fmt: skip
    client = client_for("admin")
    url = "/bao-cao/ban-tin-tuan/tat-ca/?tuan=2026-12-01"
    _week_of_news(personas, 2)
    small, _cpu, _size = measure(client, url, count_queries)
    build_school(personas, n_classes=20, per_class=1, tag="b")
    _week_of_news(personas, 10)
    big, _cpu, _size = measure(client, url, count_queries)
    assert small == big
