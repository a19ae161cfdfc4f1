"""Private downloads behind nginx: X-Accel-Redirect after the access check, else streamed.

tests/production/ checks the same through a real nginx with deploy/'s site.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from announcements.models import Attachment


def _published_attachment(client_for, personas) -> Attachment:
    text = SimpleUploadedFile("danh-sach.txt", "Danh sách đi dã ngoại".encode(), "text/plain")
    response = client_for("teacher_5a").post(
        "/thong-bao/viet/",
        {
            "title": "Dã ngoại",
            "body": "<p>Danh sách kèm theo.</p>",
            "audiences": [f"class:{personas.class_5a.pk}:parent"],
            "priority": "normal",
            "files": [text],
        },
    )
    assert response.status_code == 302
    return Attachment.objects.get()


def _url(attachment: Attachment) -> str:
    return f"/thong-bao/{attachment.announcement_id}/tep/{attachment.pk}/"


def test_without_nginx_the_file_is_streamed(personas, client_for, private_files):
    attachment = _published_attachment(client_for, personas)
    response = client_for("parent_an").get(_url(attachment))
    assert response.status_code == 200
    assert "X-Accel-Redirect" not in response
    assert b"".join(response.streaming_content) == "Danh sách đi dã ngoại".encode()


def test_behind_nginx_the_answer_names_the_file_for_nginx(
    personas, client_for, private_files, settings
):
    settings.PRIVATE_FILES_X_ACCEL = True
    settings.PRIVATE_FILES_ROOT = private_files.parent
    attachment = _published_attachment(client_for, personas)
    response = client_for("parent_an").get(_url(attachment))
    assert response.status_code == 200
    stored = attachment.file.path.removeprefix(str(private_files.parent) + "/")
    assert response["X-Accel-Redirect"] == f"/_private/{stored}"
    assert response.content == b""
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")


def test_behind_nginx_the_access_check_still_comes_first(
    personas, client_for, private_files, settings
):
    settings.PRIVATE_FILES_X_ACCEL = True
    settings.PRIVATE_FILES_ROOT = private_files.parent
    attachment = _published_attachment(client_for, personas)
    response = client_for("other_parent").get(_url(attachment))
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_a_file_outside_the_nginx_root_is_streamed(
    personas, client_for, private_files, settings, tmp_path_factory
):
    settings.PRIVATE_FILES_X_ACCEL = True
    settings.PRIVATE_FILES_ROOT = tmp_path_factory.mktemp("elsewhere")
    attachment = _published_attachment(client_for, personas)
    response = client_for("parent_an").get(_url(attachment))
    assert "X-Accel-Redirect" not in response
    assert response.status_code == 200
