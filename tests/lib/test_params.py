"""Ids typed into an address bar: plain positive numbers count, anything else is absent."""

import pytest

from lib.params import MAX_ID, positive_id, positive_ids


@pytest.mark.parametrize("value", ["1", "7", "0042", str(MAX_ID)])
def test_plain_positive_numbers_are_read(value):
    assert positive_id(value) == int(value)


@pytest.mark.parametrize(
    "value",
    [None, "", "0", "-1", "+1", " 7", "7 ", "1.0", "1e3", "abc", "²", "٣", "١٢", "0x1f"],
)
def test_anything_but_a_plain_positive_number_is_absent(value):
    assert positive_id(value) is None


def test_numbers_past_the_integer_column_are_absent():
    assert positive_id("2147483647") == 2147483647  # the largest PostgreSQL integer
    assert positive_id("2147483648") is None
    assert positive_id(str(MAX_ID + 1)) is None
    assert positive_id("9" * 30) is None
    assert positive_id("9" * 5000) is None


def test_a_list_keeps_only_the_valid_ids_once_each():
    assert positive_ids(["3", "abc", "3", "²", "0", "12"]) == {3, 12}
    assert positive_ids([]) == set()
