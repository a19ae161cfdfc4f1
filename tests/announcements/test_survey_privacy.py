"""Answers and consents given through forms: in the export, gone with the account."""

import io
import json
import zipfile

from accounts.privacy.data import build_export, erase_person
from announcements.models import Answer, Response, Survey
from announcements.surveys import Value, save_response

from .survey_helpers import make_survey, minimal_values, values


def _rows(archive_bytes):
    archive = zipfile.ZipFile(io.BytesIO(archive_bytes))
    return json.loads(archive.read("announcements/response.json"))


def _answer_with_consent(personas):
    survey = make_survey(personas)
    save_response(
        by=personas.parent_an, survey=survey, pupil=personas.pupil_an,
        values=minimal_values(survey) | values(survey, **{
            "Đồng ý cho con đi dã ngoại": Value(yes=True, signed_name="Nguyễn Thị Bích"),
            "Dị ứng thức ăn": Value(text="Tôm"),
        }),
    )  # fmt: skip
    return survey


def test_the_guardians_export_has_each_answer_and_the_consent_as_read(personas):
    _answer_with_consent(personas)
    [row] = _rows(build_export(personas.parent_an))
    assert row["form"] == "Đăng ký suất ăn bán trú tháng 1" and row["pupil"] == "Nguyễn Văn An"
    answers = {a["question"]: a["answer"] for a in row["answers"]}
    assert answers["Dị ứng thức ăn"] == "Tôm"
    assert answers["Đồng ý cho con đi dã ngoại"].startswith("Đồng ý – Nguyễn Thị Bích, ")
    # The child's own download, and the guardian downloading it for the child, show it too.
    assert len(_rows(build_export(personas.pupil_an))) == 1
    assert len(_rows(build_export(personas.pupil_an, viewer=personas.parent_an))) == 1
    assert _rows(build_export(personas.other_parent)) == []


def test_deleting_the_guardian_deletes_their_answers_and_consents_and_keeps_the_form(personas):
    survey = _answer_with_consent(personas)
    erase_person(personas.parent_an)
    assert not Response.objects.exists()
    assert not Answer.objects.filter(signed_name="Nguyễn Thị Bích").exists()
    assert Survey.objects.filter(pk=survey.pk).exists()


def test_deleting_the_pupil_deletes_the_answers_about_them(personas):
    _answer_with_consent(personas)
    erase_person(personas.pupil_an)
    assert not Response.objects.exists() and not Answer.objects.exists()
