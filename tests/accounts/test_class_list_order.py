"""A class list reads the way a Vietnamese teacher expects: by given name, đ after d."""

from accounts.models import Enrolment, Role

from ..personas import make_user


def test_class_page_lists_pupils_by_given_name_in_the_vietnamese_alphabet(personas, client_for):
    for username, name in (
        ("hs_tung", "Bùi Thành Tùng"),
        ("hs_dat", "Bùi Đức Đạt"),
        ("hs_dung", "Trần Văn Dũng"),
    ):
        pupil = make_user(username, name, Role.PUPIL)
        Enrolment.objects.create(pupil=pupil, school_class=personas.class_5a)
    html = client_for("teacher_5a").get(f"/nguoi-dung/lop/{personas.class_5a.pk}/").content.decode()
    positions = [
        html.index(name)
        for name in ("Nguyễn Văn An", "Trần Văn Dũng", "Bùi Đức Đạt", "Bùi Thành Tùng")
    ]
    assert positions == sorted(positions)


def test_a_persons_page_title_is_just_their_name(personas, client_for):
    html = client_for("admin").get(f"/nguoi-dung/{personas.pupil_an.pk}/").content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert title.startswith("Nguyễn Văn An") and "<form" not in title
    assert html.count('name="reason" maxlength="1000"') == 1
