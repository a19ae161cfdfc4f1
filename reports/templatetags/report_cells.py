from django import template

from ..document import format_cell

register = template.Library()


@register.filter
def cell(value, kind: str) -> str:
    return format_cell(value, kind)


@register.filter
def zip_columns(row: list, columns: list) -> list:
    return list(zip(row, columns, strict=False))


@register.filter
def get_item(mapping: dict | None, key: str):
    return (mapping or {}).get(key, "")
