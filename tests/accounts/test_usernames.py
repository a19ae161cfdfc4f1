"""Usernames from Vietnamese names and readable initial passwords."""

from accounts.credentials import (
    PASSWORD_ALPHABET,
    readable_password,
    unique_username,
    username_base,
)


def test_given_name_then_initials_of_family_and_middle_names():
    assert username_base("Nguyễn Thị Ánh") == "anhnt"
    assert username_base("Trần Văn Đức") == "ductv"
    assert username_base("Lê Bình") == "binhl"
    assert username_base("Tôn Nữ Hoàng Yến") == "yentnh"


def test_rare_diacritics_and_odd_spacing_fold_to_plain_letters():
    assert username_base("  Đặng   Thị  Ngọc  Ửng ") == "ungdtn"
    assert username_base("Nguyễn Thị Thuỳ Dương") == "duongntt"
    assert username_base("Lê Thị Hạnh-Nhân") == "hanhnhanlt"
    assert username_base("Hoàng Ỷ Lan") == "lanhy"
    assert username_base("Ksor H'Bia") == "hbiak"
    assert username_base("Ɓ") == "nguoidung"  # nothing usable: a safe default


def test_collisions_get_numbers_from_two():
    taken = {"anhnt", "anhnt2"}
    assert unique_username("anhnt", taken) == "anhnt3"
    assert unique_username("anhnt", taken) == "anhnt4"
    assert unique_username("binhl", taken) == "binhl"
    assert "binhl" in taken


def test_parents_get_a_prefix_so_they_never_compete_with_pupils():
    assert username_base("Nguyễn Thị Ánh", prefix="ph.") == "ph.anhnt"


def test_passwords_are_readable_and_random():
    forbidden = set("0Oo1lI")
    passwords = {readable_password() for _ in range(200)}
    assert len(passwords) == 200
    for password in passwords:
        assert len(password) == 10
        assert not forbidden & set(password)
        assert any(c.isdigit() for c in password) and any(c.isalpha() for c in password)
    assert not forbidden & set(PASSWORD_ALPHABET)


def test_import_gives_siblings_with_the_same_name_distinct_usernames(personas):
    from accounts.importing.apply import _State, new_account
    from accounts.models import Role

    state = _State(None)
    first, _ = new_account(full_name="Nguyễn Văn An", role=Role.PUPIL, state=state)
    second, _ = new_account(full_name="Nguyễn Văn An", role=Role.PUPIL, state=state)
    assert (first.username, second.username) == ("annv", "annv2")
