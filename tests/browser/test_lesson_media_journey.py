"""A pupil plays a lesson's video on a phone-sized Chromium: the page loads no video
until play (preload="none"), the player fetches it from our own server in byte
ranges (206), and nothing is asked of another site."""

import base64

import pytest

from lessons import authoring
from tests.migration_data import restore_migration_data

from ..lessons import factories, media

pytestmark = pytest.mark.browser

# Chromium records two seconds of a drawn canvas as WebM: a real, playable video.
RECORD_WEBM = """async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 160; canvas.height = 120;
  const ctx = canvas.getContext("2d");
  const stream = canvas.captureStream(15);
  const recorder = new MediaRecorder(stream, {mimeType: "video/webm"});
  const chunks = [];
  recorder.ondataavailable = (e) => chunks.push(e.data);
  let frame = 0;
  const timer = setInterval(() => {
    ctx.fillStyle = `hsl(${frame * 12 % 360} 80% 50%)`;
    ctx.fillRect(0, 0, 160, 120); frame++;
  }, 66);
  recorder.start(200);
  await new Promise((r) => setTimeout(r, 2000));
  recorder.stop(); clearInterval(timer);
  await new Promise((r) => (recorder.onstop = r));
  const buffer = await new Blob(chunks, {type: "video/webm"}).arrayBuffer();
  let binary = ""; const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}"""


@pytest.fixture(autouse=True)
def _capability_groups(transactional_db):
    restore_migration_data(("accounts", "0002_capability_groups"))


def test_pupil_plays_a_section_video_from_our_server_in_ranges(personas, login):
    page = login("hs_an")
    webm = base64.b64decode(page.evaluate(RECORD_WEBM))
    assert webm.startswith(b"\x1a\x45\xdf\xa3")
    lesson = factories.lesson(
        author=personas.teacher_5a, grades=(5, 5), publish_by=personas.editor, quiz=False
    )
    section = lesson.sections.get()
    authoring.save_section_media(
        section=section,
        by=personas.editor,
        video=media.upload("quay.webm", webm),
        poster=media.upload("anh.jpg", media.gps_jpeg((320, 180))),
    )
    video_url = f"/bai-hoc/tep/phan/{section.pk}/video/"
    requests, responses = [], []
    page.on("request", lambda r: requests.append(r) if video_url in r.url else None)
    page.on("response", lambda r: responses.append(r) if video_url in r.url else None)

    page.goto(f"/bai-hoc/{lesson.slug}/doc/1/")  # a pupil reads one part per screen
    page.wait_for_load_state("networkidle")
    assert requests == []  # preload="none": nothing of the video before the pupil asks
    assert page.locator("video").get_attribute("poster").endswith(f"/phan/{section.pk}/anh/")

    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; v.play(); }")
    # wait_for_function evaluates a string, which the site's CSP forbids: poll instead.
    for _tick in range(100):
        if page.evaluate("() => document.querySelector('video').currentTime") > 0.2:
            break
        page.wait_for_timeout(100)
    else:
        pytest.fail("the video did not play")
    assert any(r.headers.get("range", "").startswith("bytes=") for r in requests)
    assert any(r.status == 206 for r in responses)
    assert page.problems == []
