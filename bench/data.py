"""Bench data: the demo school plus many articles and forum posts, in bulk.

Run inside Django (bench/run.py calls `fill(...)`). Idempotent: a second run
finds the bench rows (slug prefix "bench-") and adds nothing.
"""

import random
from datetime import timedelta

from django.utils import timezone

WORDS = [
    "hôm",
    "nay",
    "lớp",
    "em",
    "học",
    "bài",
    "an",
    "toàn",
    "trên",
    "mạng",
    "cô",
    "giáo",
    "dặn",
    "không",
    "chia",
    "sẻ",
    "mật",
    "khẩu",
    "với",
    "ai",
    "kể",
    "cả",
    "bạn",
    "thân",
    "nếu",
    "có",
    "người",
    "lạ",
    "nhắn",
    "tin",
    "thì",
    "báo",
    "bố",
    "mẹ",
    "và",
    "thầy",
    "cô",
    "ngay",
    "em",
    "thấy",
    "bài",
    "học",
    "rất",
    "bổ",
    "ích",
    "các",
    "bạn",
    "nhớ",
    "đăng",
    "xuất",
    "khi",
    "dùng",
    "máy",
    "ở",
    "phòng",
    "tin",
    "học",
]


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high))).capitalize() + "."


def fill(*, articles: int, posts: int) -> dict:
    from accounts.models import Role, User
    from forum.models import Board, Post, Topic
    from news.models import Article, Audience, Category, Status

    rng = random.Random(13)
    now = timezone.now()
    staff = User.objects.filter(role=Role.STAFF).order_by("pk").first()
    pupils = list(User.objects.filter(role=Role.PUPIL).order_by("pk")[:50])
    category = Category.objects.order_by("pk").first()
    if not Article.objects.filter(slug__startswith="bench-").exists():
        Article.objects.bulk_create(
            (
                Article(
                    author=staff, category=category, title=f"Tin trường số {i}",
                    slug=f"bench-{i}", summary=_text(rng, 10, 20),
                    body="".join(f"<p>{_text(rng, 30, 60)}</p>" for _ in range(4)),
                    body_text="", search_title=f" tin truong so {i} ", search_body="",
                    status=Status.PUBLISHED, audience=Audience.PUBLIC,
                    publish_at=now - timedelta(hours=i + 1), view_count=i,
                )
                for i in range(articles)
            ),
            batch_size=1000,
        )  # fmt: skip
    board = Board.objects.filter(audience="school").order_by("pk").first() or Board.objects.first()
    if not Topic.objects.filter(title__startswith="Bench ").exists():
        per_topic = 20
        for start in range(0, posts, per_topic * 200):
            topics = Topic.objects.bulk_create(
                Topic(
                    board=board, title=f"Bench chủ đề {start // per_topic + n}",
                    author=pupils[n % len(pupils)], post_count=per_topic,
                    last_position=per_topic, last_post_at=now,
                    last_poster=pupils[(n + 1) % len(pupils)],
                )
                for n in range(min(200, (posts - start) // per_topic))
            )  # fmt: skip
            rows = []
            for topic in topics:
                for position in range(1, per_topic + 1):
                    text = _text(rng, 20, 40)
                    rows.append(
                        Post(
                            topic=topic, position=position,
                            author=pupils[(topic.pk + position) % len(pupils)],
                            body=text, body_html=f"<p>{text}</p>",
                            created_at=now - timedelta(minutes=per_topic - position),
                        )
                    )  # fmt: skip
            Post.objects.bulk_create(rows, batch_size=2000)
    first_topic = Topic.objects.filter(title__startswith="Bench ").order_by("pk").first()
    article = Article.objects.filter(slug__startswith="bench-").order_by("publish_at").last()
    pupil = pupils[0]
    return {"topic": first_topic, "article": article, "pupil": pupil}
