"""Demo forum for Trường Tiểu học Hoa Sen: boards, topics in Vietnamese, a few items to review, cases.

Ordinary posts are written in bulk (fast, deterministic); the held and reported
posts, the cases and their answers go through the services so the demo shows
exactly what the real flows produce.
"""

from datetime import timedelta

from django.utils import timezone

from accounts import audiences

from . import services, text
from .models import (
    Board,
    CaseCategory,
    CaseKind,
    Post,
    PostStatus,
    Premoderation,
    ReportReason,
    Topic,
    WatchedWord,
)

SCHOOL_TOPICS = [
    (
        "Chào mừng các bạn đến với diễn đàn trường Hoa Sen!",
        [
            "Đây là nơi các bạn học sinh trao đổi về học tập và hoạt động của trường. Hãy viết lịch sự, tôn trọng bạn bè nhé!",
            "Em chào thầy cô và các bạn ạ!",
            "Diễn đàn đẹp quá, em sẽ chăm vào đọc.",
        ],
    ),
    (
        "Hội khoẻ Phù Đổng năm nay có những môn gì?",
        [
            "Năm nay trường tổ chức **kéo co**, *nhảy dây* và cờ vua. Lớp nào muốn đăng ký thì báo cô Tổng phụ trách nhé.",
            "Lớp 4B đăng ký kéo co ạ!",
            "Lớp 5A cũng tham gia, bọn mình tập từ tuần sau.",
            "Cờ vua thi vào thứ mấy vậy các bạn?",
        ],
    ),
    (
        "Góc chia sẻ sách hay tháng 11",
        [
            "Mình vừa đọc xong *Dế Mèn phiêu lưu ký*, rất hay. Các bạn đang đọc gì?",
            "Mình đọc **Không gia đình**, hơi buồn nhưng cảm động lắm.",
            "Thư viện trường mới có thêm truyện Doraemon đó!",
        ],
    ),
]
GRADE_TOPICS = [
    (
        "Ôn tập giữa kỳ môn Toán",
        [
            "Các bạn ơi, phần phân số mình chưa hiểu lắm, ai giải thích giúp mình với?",
            "Bạn thử quy đồng mẫu số trước rồi mới cộng nhé:\n\n- Tìm mẫu số chung\n- Nhân cả tử và mẫu\n- Cộng tử số",
            "Cảm ơn bạn, mình hiểu rồi!",
        ],
    ),
]
CLASS_TOPICS = [
    (
        "Lịch trực nhật tuần này",
        [
            "Tổ 1 trực thứ Hai và thứ Ba, tổ 2 trực thứ Tư và thứ Năm, tổ 3 trực thứ Sáu.",
            "Tổ 2 nhớ mang khăn lau bảng nhé.",
        ],
    ),
    (
        "Chuẩn bị cho buổi dã ngoại",
        [
            "Thứ Bảy lớp mình đi dã ngoại ở công viên. Các bạn nhớ mang nước và mũ.",
            "Mình mang thêm bóng để cả lớp chơi nhé!",
            "Hay quá, mình sẽ mang bánh.",
        ],
    ),
]
PARENT_TOPICS = [
    (
        "Giờ đón trả học sinh khi trời mưa",
        [
            "Kính gửi các phụ huynh: khi trời mưa, nhà trường cho học sinh chờ ở sảnh tầng 1 đến 17h30.",
            "Cảm ơn nhà trường đã thông báo.",
        ],
    ),
]


def _make_topic(ctx, board: Board, title: str, bodies: list[str], authors: list, start) -> Topic:
    topic = Topic.objects.create(board=board, title=title, author=authors[0], created_at=start)
    posts = []
    at = start
    for index, body in enumerate(bodies):
        at = at + timedelta(minutes=ctx.rng.randint(5, 300))
        posts.append(
            Post(
                topic=topic,
                position=index + 1,
                author=authors[index % len(authors)],
                body=body,
                body_html=text.render_post(body, allow_links=board.allow_links),
                created_at=at,
            )
        )
    Post.objects.bulk_create(posts)
    topic.post_count = topic.last_position = len(posts)
    topic.last_post_at = posts[-1].created_at
    topic.last_poster = posts[-1].author
    topic.save(update_fields=["post_count", "last_position", "last_post_at", "last_poster"])
    board.topic_count += 1
    board.post_count += len(posts)
    board.last_post_at = max(board.last_post_at or at, at)
    return topic


def seed(ctx) -> None:
    now = ctx.now
    # The migration loads the starter list; a database whose list was emptied gets it back.
    if not WatchedWord.objects.exists():
        WatchedWord.objects.add_starter_words()
    teacher, moderator, pupil, parent = (
        ctx.users["teacher"],
        ctx.users["moderator"],
        ctx.users["pupil"],
        ctx.users["parent"],
    )
    school = Board.objects.create(
        name="Sân trường Hoa Sen",
        slug="san-truong",
        description="Chuyên mục chung của học sinh toàn trường.",
        audience="school",
        position=10,
        premoderation=Premoderation.NEW_ACCOUNTS,
        slow_mode_seconds=30,
        start_min_grade=3,  # grades 1–2 read and reply; older pupils also start topics
    )
    school.moderators.add(moderator)
    grade_boards = {}
    for grade in range(1, 6):
        grade_boards[grade] = Board.objects.create(
            name=f"Khối {grade}",
            slug=f"khoi-{grade}",
            description=f"Trao đổi học tập của học sinh khối {grade}.",
            audience=audiences.grade_key(grade),
            position=100 + grade,
            # Pupils of grades 1–2 read and reply; they do not start topics.
            start_min_grade=3,
            premoderation=Premoderation.NONE,
        )
    parents = Board.objects.create(
        name="Góc phụ huynh",
        slug="goc-phu-huynh",
        description="Phụ huynh trao đổi với nhau và với nhà trường.",
        audience="school:parent",
        position=500,
        start_roles="parent,staff",
        reply_roles="parent,staff",
        premoderation=Premoderation.NONE,
        allow_links=True,
    )
    services.ensure_class_boards(year=ctx.year)
    class_boards = {
        board.school_class.name: board
        for board in Board.objects.filter(school_class__year=ctx.year).select_related(
            "school_class"
        )
        if board.school_class is not None
    }
    for board in class_boards.values():
        board.premoderation = Premoderation.NONE
        board.save(update_fields=["premoderation"])

    start = now - timedelta(days=20)
    for title, bodies in SCHOOL_TOPICS:
        authors = [teacher] + ctx.rng.sample(
            ctx.pupils_by_class["5A"] + ctx.pupils_by_class["4B"], 3
        )
        _make_topic(ctx, school, title, bodies, authors, start)
        start += timedelta(days=3)
    for grade, board in grade_boards.items():
        pupils = ctx.pupils_by_class[f"{grade}A"] + ctx.pupils_by_class[f"{grade}B"]
        for title, bodies in GRADE_TOPICS:
            _make_topic(ctx, board, title, bodies, ctx.rng.sample(pupils, 3), start)
    for name, board in class_boards.items():
        for title, bodies in CLASS_TOPICS:
            homeroom = board.school_class.homeroom_teacher if board.school_class else None
            authors = [homeroom or teacher] + ctx.rng.sample(ctx.pupils_by_class[name], 2)
            _make_topic(ctx, board, title, bodies, authors, start + timedelta(days=2))
    for title, bodies in PARENT_TOPICS:
        _make_topic(ctx, parents, title, bodies, [moderator, parent], start)
    for board in [school, parents, *grade_boards.values(), *class_boards.values()]:
        board.save(update_fields=["topic_count", "post_count", "last_post_at"])
    Topic.objects.filter(board=school, title__startswith="Chào mừng").update(is_pinned=True)

    # Items waiting for the moderator: a held post (watched word), a pre-moderated
    # new topic, and a reported post.
    board_5a = class_boards["5A"]
    topic_5a = Topic.objects.filter(board=board_5a).earliest("pk")
    classmate = ctx.pupils_by_class["5A"][1]
    services.create_reply(
        topic=topic_5a, author=classmate, body="Bạn Nam đúng là đồ ngu, không biết trực nhật.",
    )  # fmt: skip
    school_topic = Topic.objects.filter(board=school).order_by("pk").last()
    Board.objects.filter(pk=school.pk).update(premoderation=Premoderation.ALL)
    school.refresh_from_db()
    services.create_topic(
        board=school,
        author=ctx.pupils_by_class["4B"][2],
        title="Ai muốn lập nhóm học tiếng Anh không?",
        body="Mình muốn rủ các bạn lập nhóm học tiếng Anh vào giờ ra chơi.",
    )
    Board.objects.filter(pk=school.pk).update(premoderation=Premoderation.NEW_ACCOUNTS)
    reported = Post.objects.filter(topic=school_topic, position=3).first()
    if reported is not None:
        for reporter in ctx.pupils_by_class["5A"][2:4]:
            services.report_post(
                post=reported,
                reporter=reporter,
                reason=ReportReason.SPAM,
                note="Bạn ấy quảng cáo truyện.",
            )
    # A decided post on the demo pupil's record, so the parent's page shows one.
    own = services.create_reply(
        topic=topic_5a, author=pupil, body="Tổ 3 lười lắm, không ai thèm chơi với tổ 3!",
    )  # fmt: skip
    services.decide_post(
        post=own,
        moderator=teacher,
        decision="reject",
        reason="Lời lẽ có thể làm các bạn tổ 3 buồn. Em hãy góp ý nhẹ nhàng hơn nhé.",
    )

    # Cases: a parent's question, a pupil's complaint hidden from parents, an answered one.
    question = services.open_case(
        author=parent,
        kind=CaseKind.QUESTION,
        category=CaseCategory.BOARDING,
        title="Thực đơn bán trú tuần sau",
        body="Nhà trường cho hỏi thực đơn bán trú tuần sau đã có chưa ạ? Cháu bị dị ứng tôm.",
        hidden_from_guardians=False,
    )
    services.manage_case(case=question, by=moderator, assigned_to=teacher, status="in_progress", due_on=question.due_on)  # fmt: skip
    services.reply_case(
        case=question,
        by=teacher,
        body="Thực đơn đã dán ở bảng tin. Nhà bếp sẽ thay món tôm cho cháu An.",
    )
    services.open_case(
        author=ctx.pupils_by_class["4B"][0],
        kind=CaseKind.COMPLAINT,
        category=CaseCategory.SAFETY,
        title="Có bạn trêu chọc em ở nhà vệ sinh",
        body="Mấy anh lớp trên hay chặn đường em ở nhà vệ sinh tầng 2. Em không muốn bố mẹ lo.",
        hidden_from_guardians=True,
    )
    overdue = services.open_case(
        author=ctx.pupils_by_class["3A"][0],
        kind=CaseKind.PETITION,
        category=CaseCategory.FACILITIES,
        title="Đề nghị sửa quạt trần lớp 3A",
        body="Quạt trần thứ hai của lớp em kêu to và quay chậm ạ.",
        hidden_from_guardians=False,
    )
    type(overdue).objects.filter(pk=overdue.pk).update(
        created_at=now - timedelta(days=9), due_on=timezone.localdate() - timedelta(days=2)
    )
    ctx.log.append(
        f"Diễn đàn: {Board.objects.count()} chuyên mục, {Topic.objects.count()} chủ đề, "
        f"{Post.objects.filter(status=PostStatus.PUBLISHED).count()} bài viết, "
        f"{Post.objects.filter(queued_at__isnull=False).count()} bài chờ duyệt, 3 hỏi đáp"
    )
