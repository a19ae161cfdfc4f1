"""Demo lessons: three real safe-internet lessons with their quizzes, for grades 1–2 and 3–5.

Written through the services, as a teacher would, so that they are editable
afterwards like any other lesson.
"""

from typing import Any

from django.utils import timezone

from accounts.models import User

from . import progress, services
from .models import Lesson, QuestionKind

ONE, SEVERAL, TRUE_FALSE = QuestionKind.ONE, QuestionKind.SEVERAL, QuestionKind.TRUE_FALSE

LESSONS: list[dict[str, Any]] = [
    {
        "title": "Mật khẩu là bí mật của em",
        "grades": (1, 2),
        "minutes": 10,
        "goals": "Biết mật khẩu là gì.\nGiữ mật khẩu bí mật, chỉ nói với bố mẹ.",
        "sections": [
            (
                "Mật khẩu giống như chìa khoá",
                "<p>Nhà em có chìa khoá để khoá cửa. Tài khoản trên mạng cũng có "
                "<strong>chìa khoá</strong> riêng, gọi là <strong>mật khẩu</strong>.</p>"
                "<p>Ai biết mật khẩu của em thì có thể vào tài khoản của em, giống như "
                "có chìa khoá nhà em vậy.</p>",
            ),
            (
                "Em giữ mật khẩu thế nào?",
                "<ul><li>Không nói mật khẩu cho bạn bè, kể cả bạn thân.</li>"
                "<li>Chỉ bố mẹ hoặc thầy cô chủ nhiệm được biết.</li>"
                "<li>Đăng xuất khi dùng xong máy tính ở trường.</li></ul>",
            ),
        ],
        "questions": [
            {
                "kind": ONE,
                "text": "Bạn cùng lớp hỏi mật khẩu của em. Em làm gì?",
                "choices": [
                    ("Nói cho bạn biết", False),
                    ("Lễ phép nói: mật khẩu là bí mật", True),
                ],
                "explanation": "Mật khẩu là bí mật, kể cả với bạn thân. Em vẫn là bạn tốt "
                "khi giữ bí mật này.",
            },
            {
                "kind": TRUE_FALSE,
                "text": "Em có thể nói mật khẩu cho bố mẹ biết.",
                "true": True,
                "explanation": "Đúng rồi: bố mẹ là người lớn tin cậy, giúp em giữ an toàn.",
            },
            {
                "kind": ONE,
                "text": "Mật khẩu giống với đồ vật nào?",
                "choices": [("Chiếc chìa khoá", True), ("Quả bóng", False), ("Cái bút", False)],
                "explanation": "Mật khẩu mở tài khoản của em, như chìa khoá mở cửa nhà.",
            },
            {
                "kind": TRUE_FALSE,
                "text": "Dùng máy tính ở trường xong, em không cần đăng xuất.",
                "true": False,
                "explanation": "Em nhớ đăng xuất nhé, để bạn sau không vào được tài khoản của em.",
            },
        ],
    },
    {
        "title": "Người lạ trên mạng",
        "grades": (3, 5),
        "minutes": 15,
        "goals": "Nhận ra người lạ trên mạng.\nKhông gửi thông tin cá nhân, không gặp "
        "người quen trên mạng.\nKể với người lớn tin cậy khi có người lạ nhắn tin.",
        "sections": [
            (
                "Ai là người lạ trên mạng?",
                "<p>Người lạ là người em <strong>chưa từng gặp ngoài đời</strong>, dù họ "
                "nói là bạn cùng tuổi, dù ảnh đại diện trông rất thân thiện.</p>"
                "<p>Trên mạng, ai cũng có thể giả làm người khác.</p>",
            ),
            (
                "Thông tin em giữ cho riêng mình",
                "<p>Không gửi cho người lạ: họ tên đầy đủ, địa chỉ nhà, tên trường, "
                "số điện thoại, ảnh của em và gia đình.</p>",
            ),
            (
                "Không bao giờ gặp người quen trên mạng",
                "<p>Nếu có ai rủ em gặp mặt, tặng quà hay bảo em giữ bí mật với bố mẹ, "
                "em <strong>dừng trò chuyện</strong> và kể ngay với bố mẹ hoặc thầy cô.</p>",
            ),
        ],
        "questions": [
            {
                "kind": SEVERAL,
                "text": "Những thông tin nào em KHÔNG gửi cho người lạ?",
                "choices": [
                    ("Địa chỉ nhà", True),
                    ("Tên trường của em", True),
                    ("Số điện thoại", True),
                    ("Màu em thích", False),
                ],
                "explanation": "Địa chỉ, tên trường và số điện thoại giúp người lạ tìm ra "
                "em. Màu em thích thì không sao.",
            },
            {
                "kind": ONE,
                "text": "Một người lạ trên mạng rủ em đi chơi cuối tuần. Em làm gì?",
                "choices": [
                    ("Đi một mình cho vui", False),
                    ("Rủ thêm bạn cùng đi", False),
                    ("Không trả lời và kể với bố mẹ", True),
                ],
                "explanation": "Em không bao giờ gặp người chỉ quen trên mạng. Bố mẹ sẽ giúp "
                "em xử lý.",
            },
            {
                "kind": TRUE_FALSE,
                "text": "Người có ảnh đại diện là một bạn nhỏ chắc chắn là trẻ em.",
                "true": False,
                "explanation": "Ai cũng có thể dùng ảnh của người khác. Em chưa gặp ngoài "
                "đời thì đó vẫn là người lạ.",
            },
            {
                "kind": ONE,
                "text": 'Người lạ nói: "Đừng kể với bố mẹ nhé, đây là bí mật của chúng '
                'mình". Em nghĩ sao?',
                "choices": [("Đây là dấu hiệu nguy hiểm", True), ("Đây là bạn tốt", False)],
                "explanation": "Người tốt không bảo em giấu bố mẹ. Em kể ngay với người lớn "
                "tin cậy nhé.",
            },
        ],
    },
    {
        "title": "Khi lo lắng, em hỏi người lớn",
        "grades": (3, 5),
        "minutes": 10,
        "goals": "Biết những người lớn tin cậy của em.\nDám kể khi thấy điều làm em sợ "
        "hoặc khó chịu trên mạng.",
        "sections": [
            (
                "Người lớn tin cậy là ai?",
                "<p>Là bố mẹ, ông bà, thầy cô chủ nhiệm: những người luôn muốn em an "
                "toàn. Em có thể kể với họ <strong>bất cứ điều gì</strong>.</p>",
            ),
            (
                "Khi nào em cần hỏi?",
                "<ul><li>Thấy hình ảnh, lời nói làm em sợ hay buồn.</li>"
                "<li>Có người bắt nạt, chê bai em trên mạng.</li>"
                "<li>Một trang web đòi mật khẩu hay báo em trúng thưởng.</li></ul>"
                "<p>Kể với người lớn không phải là mách lẻo: đó là cách em tự bảo vệ mình.</p>",
            ),
        ],
        "questions": [
            {
                "kind": SEVERAL,
                "text": "Ai là người lớn tin cậy của em?",
                "choices": [
                    ("Bố mẹ", True),
                    ("Thầy cô chủ nhiệm", True),
                    ("Người lạ trên mạng", False),
                ],
                "explanation": "Bố mẹ và thầy cô luôn muốn em an toàn. Người lạ trên mạng "
                "thì chưa phải người tin cậy.",
            },
            {
                "kind": ONE,
                "text": "Một trang web báo em trúng thưởng chiếc điện thoại. Em làm gì?",
                "choices": [
                    ("Bấm vào để nhận quà ngay", False),
                    ("Hỏi bố mẹ trước khi bấm bất cứ thứ gì", True),
                ],
                "explanation": "Những lời báo trúng thưởng thường là lừa đảo. Hỏi người lớn "
                "là cách làm rất đúng.",
            },
            {
                "kind": TRUE_FALSE,
                "text": "Kể với thầy cô khi bị bắt nạt trên mạng là mách lẻo.",
                "true": False,
                "explanation": "Không phải đâu em. Kể với người lớn là dũng cảm, giúp em và "
                "các bạn được an toàn.",
            },
        ],
    },
]


def seed_lessons(*, author: User) -> list[Lesson]:
    """Write and publish the starter lessons as `author` (an editor), and give them to every
    pupil of the school (each pupil gets those that suit their grade; no due date)."""
    made = []
    for spec in LESSONS:
        first, last = spec["grades"]
        lesson = services.create_lesson(
            by=author,
            title=spec["title"],
            min_grade=first,
            max_grade=last,
            goals=spec["goals"],
            minutes=spec["minutes"],
        )
        for title, body in spec["sections"]:
            services.add_section(lesson=lesson, by=author, title=title, body=body)
        for question in spec["questions"]:
            services.add_question(
                lesson=lesson,
                by=author,
                kind=question["kind"],
                text=question["text"],
                explanation=question["explanation"],
                choices=question.get("choices", ()),
                statement_is_true=question.get("true"),
            )
        services.submit_lesson(lesson=lesson, by=author)
        made.append(services.publish_lesson(lesson=lesson, by=author))
        progress.assign_lesson(
            by=author, lesson=lesson, audience=progress.SCHOOL_PUPILS, opens_at=timezone.now()
        )
    return made


def seed(ctx) -> None:
    made = seed_lessons(author=ctx.users["teacher"])  # the demo teacher may publish
    ctx.log.append(f"lessons: {len(made)} lessons with quizzes")
