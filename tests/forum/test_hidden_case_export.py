"""A case a pupil hid from their parents stays hidden in the parents' data download too."""

import io
import zipfile

from forum import services


def _zip(response) -> dict[str, str]:
    archive = zipfile.ZipFile(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    )
    return {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}


def test_guardian_download_leaves_out_the_hidden_case_but_the_pupils_own_has_it(
    personas, client_for
):
    secret = "Ở nhà em hay bị đánh, em sợ lắm"
    services.open_case(
        author=personas.pupil_an, kind="complaint", category="other", title="Em cần giúp đỡ", body=secret,
        hidden_from_guardians=True,
    )  # fmt: skip
    services.open_case(
        author=personas.pupil_an, kind="question", category="study", title="Hỏi về lịch thi", body="Bao giờ thi ạ?",
        hidden_from_guardians=False,
    )  # fmt: skip
    url = f"/nguoi-dung/cua-toi/du-lieu/{personas.pupil_an.pk}/tai-ve/"
    parents = _zip(client_for("parent_an").get(url))
    assert not any(secret in text or "Em cần giúp đỡ" in text for text in parents.values())
    assert "Hỏi về lịch thi" in parents["forum/case.json"]
    own = _zip(client_for("pupil_an").get(url))
    assert "Em cần giúp đỡ" in own["forum/case.json"]
    assert any(secret in text for text in own.values())
