"""Admins find people by name whatever the diacritics and case, on SQLite and PostgreSQL.

The school's rule: "nguyen van an" and "NGUYỄN văn an" both find "Nguyễn Văn An",
"d" finds "đ", the words may come in any order and all must match.
"""

import pytest
from django.apps import apps
from django.db import transaction
from django.db.migrations.loader import MigrationLoader

from accounts.importing import confirm_import, prepare_import
from accounts.models import Role, User
from accounts.privacy.data import erase_person
from tests.personas import make_user

from .helpers import csv_bytes, row, upload

LIST = "/nguoi-dung/danh-sach/"


def names_found(client, query: str) -> list[str]:
    response = client.get(LIST, {"q": query})
    assert response.status_code == 200
    return sorted(person.full_name for person in response.context["page"])


@pytest.mark.parametrize(
    "query",
    ["nguyen van an", "NGUYỄN văn an", "Nguyễn Văn An", "  NGUYEN   van   AN  ", "nguyễn văn ân"],
)
def test_name_is_found_with_or_without_diacritics_in_any_case(personas, client_for, query):
    # "ân" folds to "an" as well: the search forgives every mark, as the school asked.
    assert names_found(client_for("admin"), query) == ["Nguyễn Văn An"]


@pytest.mark.parametrize("query", ["do thi lan", "ĐỖ THỊ LAN", "đo", "Do"])
def test_d_and_đ_find_each_other(personas, client_for, query):
    assert "Đỗ Thị Lan" in names_found(client_for("admin"), query)


def test_words_may_come_in_any_order_but_all_must_match(personas, client_for):
    client = client_for("admin")
    assert names_found(client, "an nguyen") == ["Nguyễn Văn An"]
    assert names_found(client, "van nguyen") == ["Nguyễn Văn An", "Nguyễn Văn Quản"]
    assert names_found(client, "nguyen lan") == []


def test_a_word_finds_names_starting_with_it_not_names_containing_it(personas, client_for):
    # "oan" is inside "Hoàng" and "Toàn": matching inside words would find half the school.
    make_user("gv01", "Hoàng Văn Toàn", Role.STAFF)
    make_user("gv02", "Trịnh Thị Oanh", Role.STAFF)
    assert names_found(client_for("admin"), "oan") == ["Trịnh Thị Oanh"]


def test_username_code_phone_and_email_still_find_people(personas, client_for):
    client = client_for("admin")
    assert names_found(client, "hs_bi") == ["Lê Thị Bình"]
    assert names_found(client, "hs0001") == ["Nguyễn Văn An"]
    assert names_found(client, "0987654321") == ["Lê Văn Cường"]
    assert names_found(client, "BICH@example.com") == ["Nguyễn Thị Bích"]


def test_person_created_or_renamed_by_the_import_is_found_by_name(
    personas, client_for, django_capture_on_commit_callbacks
):
    def run_import(rows):
        job = prepare_import(upload=upload("lop.csv", csv_bytes(rows)), by=personas.admin)
        with django_capture_on_commit_callbacks(execute=True):
            assert confirm_import(job=job, by=personas.admin)

    mother = ("Trần Thị Cúc", "Mẹ", "0913 345 678", "cuc@example.com")
    run_import([row("HS1001", "Phạm Thị Ánh", p1=mother)])
    client = client_for("admin")
    assert names_found(client, "pham thi anh") == ["Phạm Thị Ánh"]
    assert names_found(client, "cuc tran") == ["Trần Thị Cúc"]  # the parent it created

    run_import([row("HS1001", "Phạm Thị Ngọc Hà", p1=mother)])
    assert names_found(client, "ngoc ha") == ["Phạm Thị Ngọc Hà"]
    assert names_found(client, "pham anh") == []


def test_renamed_person_is_found_by_the_new_name_and_not_the_old(personas, client_for):
    pupil = personas.pupil_binh
    pupil.full_name = "Lê Thị Đào"
    pupil.save(update_fields=["full_name"])
    client = client_for("admin")
    assert names_found(client, "le thi dao") == ["Lê Thị Đào"]
    assert names_found(client, "le thi binh") == []


def test_renaming_in_the_django_admin_keeps_the_search_in_step(personas, client_for):
    pupil = personas.pupil_binh
    client = client_for("admin")
    form = client.get(f"/quan-tri/accounts/user/{pupil.pk}/change/").context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "password"}
    data.update(
        full_name="Lê Thị Đào",
        groups=[],
        user_permissions=[],
        date_joined_0=pupil.date_joined.strftime("%d/%m/%Y"),
        date_joined_1=pupil.date_joined.strftime("%H:%M:%S"),
    )
    data.pop("date_joined", None)
    data.pop("last_login", None)
    for inline in ("enrolments", "guardians"):
        data.update({f"{inline}-TOTAL_FORMS": 0, f"{inline}-INITIAL_FORMS": 0})
    response = client.post(f"/quan-tri/accounts/user/{pupil.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert names_found(client, "le thi dao") == ["Lê Thị Đào"]
    assert names_found(client, "le thi binh") == []


def test_erased_person_is_not_found_by_the_old_name(personas, client_for):
    with transaction.atomic():
        erase_person(personas.pupil_binh)
    client = client_for("admin")
    assert names_found(client, "le thi binh") == []
    assert names_found(client, "nguoi dung da xoa") == ["Người dùng đã xoá"]


@pytest.mark.parametrize(
    "query", ["%", "%%%", "'; drop table x; --", "<script>", "!!!", "张三", "🙂", "\\"]
)
def test_symbols_and_other_scripts_find_nobody_and_never_fail(personas, client_for, query):
    # No username, code, phone or e-mail holds these; and LIKE's "%" is taken literally.
    assert names_found(client_for("admin"), query) == []


def test_symbols_around_a_name_are_ignored(personas, client_for):
    assert names_found(client_for("admin"), "%%an%% (nguyễn)") == ["Nguyễn Văn An"]


def test_very_long_query_gets_a_clear_message_instead_of_everyone(personas, client_for):
    response = client_for("admin").get(LIST, {"q": "nguyen " * 1000})
    assert response.status_code == 200
    page = response.content.decode()
    assert "tối đa 100 kí tự" in page
    assert 'data-testid="user-row"' not in page


def test_null_character_gets_a_message_not_a_500(personas, client_for):
    response = client_for("admin").get(LIST, {"q": "an\x00"})
    assert response.status_code == 200
    assert 'data-testid="user-row"' not in response.content.decode()


@pytest.mark.parametrize("query", ["nguyen van an", "NGUYỄN văn", "hs_an"])
def test_django_admin_user_search_ignores_diacritics(personas, client_for, query):
    response = client_for("admin").get("/quan-tri/accounts/user/", {"q": query})
    assert response.status_code == 200
    found = [person.full_name for person in response.context["cl"].result_list]
    assert "Nguyễn Văn An" in found and "Lê Thị Bình" not in found


def test_migration_fills_the_folded_name_of_existing_accounts(personas, client_for):
    User.objects.update(search_name="")  # as the rows were before the column existed
    assert names_found(client_for("admin"), "nguyen van an") == []
    migration = MigrationLoader(None).get_migration("accounts", "0006_fill_user_search_name")
    (fill_search_name,) = migration.operations
    fill_search_name.code(apps, None)
    assert names_found(client_for("admin"), "nguyen van an") == ["Nguyễn Văn An"]
