"""Odd ids in the address bar or a posted form: ignored, a message or a 404, never a 500."""

import pytest

from accounts.models import Capability, InitialCredential, User
from accounts.services import capability_group, issue_initial_password

ODD_IDS = ["²", "٣", "9" * 5000, "9" * 30, "-1", "abc"]


@pytest.mark.parametrize("value", ODD_IDS)
def test_odd_slip_choice_shows_the_whole_class(personas, client_for, value):
    issue_initial_password(user=personas.pupil_an, by=personas.admin)
    response = client_for("teacher_5a").get(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/phieu/", {"chi": value}
    )
    assert response.status_code == 200
    assert response.text.count('data-testid="slip"') == 1  # An's slip, not filtered away


def test_slip_choice_still_narrows_to_the_chosen_person(personas, client_for):
    for person in (personas.pupil_an, personas.parent_an):
        issue_initial_password(user=person, by=personas.admin)
    response = client_for("admin").get(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/phieu/", {"chi": ["²", personas.parent_an.pk]}
    )
    assert response.text.count('data-testid="slip"') == 1
    assert "Nguyễn Thị Bích" in response.text


@pytest.mark.parametrize("value", ODD_IDS)
def test_odd_reissue_choice_asks_to_choose_someone(personas, client_for, value):
    response = client_for("teacher_5a").post(
        f"/nguoi-dung/lop/{personas.class_5a.pk}/cap-lai/", {"people": [value]}, follow=True
    )
    assert response.status_code == 200
    assert "Hãy chọn ít nhất một người để cấp lại mật khẩu." in response.text
    assert not InitialCredential.objects.exists()


@pytest.mark.parametrize("value", ODD_IDS)
def test_odd_team_removal_is_a_404_and_removes_nobody(personas, client_for, value):
    capability_group(Capability.MODERATE).user_set.add(personas.teacher_5a)
    response = client_for("admin").post(
        "/nguoi-dung/to-cong-tac-vien/thay-doi/", {"kind": "staff", "remove": value}
    )
    assert response.status_code == 404
    assert User.objects.get(pk=personas.teacher_5a.pk).can_moderate
