"""The roles-and-permissions table in README.md matches the code."""

from pathlib import Path

from django.conf import settings

from ..portal.test_url_matrix import collect_cases

COLUMNS = {
    "Học sinh": "pupil_an",
    "Phụ huynh": "parent_an",
    "GVCN": "teacher_5a",
    "Ban biên tập": "editor",
    "Tổ CTV": "collaborator",
    "Quản trị": "admin",
}


def table_rows() -> list[dict[str, str]]:
    text = (Path(settings.BASE_DIR) / "README.md").read_text(encoding="utf-8")
    assert "| What | Checked by |" in text, "No roles table in README.md"
    # The table starts at its header row and ends at the first line that is not a row.
    all_lines = text.splitlines()
    start = next(i for i, line in enumerate(all_lines) if line.startswith("| What | Checked by |"))
    lines = []
    for line in all_lines[start:]:
        if not line.startswith("|"):
            break
        lines.append(line)
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def test_the_table_has_every_role_column_and_rows():
    rows = table_rows()
    assert len(rows) >= 20
    assert set(COLUMNS) <= set(rows[0])


def test_each_row_matches_the_permission_matrix_or_the_capability_checks(personas):
    cases = collect_cases(personas)
    mismatches = []
    for row in table_rows():
        check = row["Checked by"].strip("`")
        for column, persona in COLUMNS.items():
            allowed_in_table = row[column].startswith("✓")
            if check.startswith("can_"):
                allowed = getattr(personas.get(persona), check)
            else:
                assert check in cases, f"{check} is not in the permission matrix"
                status = cases[check][0].status_for(persona)
                # Our pages deny with 404 (or 403); the Django admin with a
                # redirect to its own login page.
                denied = {403, 404} | ({302} if check.startswith("admin:") else set())
                allowed = status not in denied
            if allowed != allowed_in_table:
                mismatches.append(
                    f"{row['What']} / {column}: table says {row[column]}, code says {'✓' if allowed else '—'}"
                )
    assert not mismatches, "\n".join(mismatches)
