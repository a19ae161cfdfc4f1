"""Odd values in the address bar get the page (filter ignored) or a 404, never a server error."""

import pytest


@pytest.fixture
def notice(personas, publish):
    return publish(keys=[f"class:{personas.class_5a.pk}:parent"], title="Họp phụ huynh")


@pytest.mark.parametrize("value", ["²", "٣x", "9" * 5000, "-1", "abc", ""])
@pytest.mark.parametrize("page", ["tinh-trang/", "tinh-trang/in/"])
def test_odd_class_filter_shows_every_class(notice, client_for, page, value):
    response = client_for("teacher_5a").get(f"/thong-bao/{notice.pk}/{page}", {"lop": value})
    assert response.status_code == 200
    assert "Họp phụ huynh" in response.text


def test_class_filter_still_narrows_to_one_class(personas, notice, client_for):
    response = client_for("teacher_5a").get(
        f"/thong-bao/{notice.pk}/tinh-trang/", {"lop": personas.class_4b.pk}
    )
    assert response.status_code == 200
    assert "Nguyễn Thị Bích" not in response.text  # 5A's parent, filtered out


@pytest.mark.parametrize("value", ["²", "9" * 5000, "abc"])
@pytest.mark.parametrize("url", ["/thong-bao/", "/thong-bao/da-gui/", "/thong-bao-ca-nhan/"])
def test_odd_page_numbers_show_a_page(client_for, notice, url, value):
    assert client_for("teacher_5a").get(url, {"page": value}).status_code == 200


def test_huge_announcement_number_is_a_404(client_for):
    teacher = client_for("teacher_5a")
    assert teacher.get(f"/thong-bao/{'9' * 30}/").status_code == 404
    assert teacher.get(f"/thong-bao/{'9' * 30}/tinh-trang/").status_code == 404
