"""Audience keys are built and read back only through accounts.audiences."""

import pytest

from accounts import audiences
from accounts.models import Role

pytestmark = pytest.mark.django_db


def test_class_and_grade_keys_are_the_ones_their_people_belong_to(personas):
    an, mother = personas.pupil_an, personas.parent_an
    assert audiences.class_key(personas.class_5a.pk) in audiences.keys_for(an)
    assert audiences.class_key(personas.class_5a.pk, Role.PARENT) in audiences.keys_for(mother)
    assert audiences.grade_key(5, Role.PUPIL) in audiences.keys_for(an)
    assert audiences.grade_key(4) not in audiences.keys_for(an)
    assert audiences.class_key(personas.class_4b.pk) not in audiences.keys_for(mother)


@pytest.mark.parametrize("role", [None, Role.PUPIL, Role.PARENT, Role.STAFF])
def test_built_keys_read_back_as_what_was_built(role):
    assert audiences.parse(audiences.class_key(12, role)) == audiences.Audience("class", 12, role)
    assert audiences.parse(audiences.grade_key(5, role)) == audiences.Audience("grade", 5, role)
