"""Starter training modules: two for staff (with a quiz) and the school's safe-internet
rules for staff and families (confirmation only).

They describe what this portal does: private cases ("Hỏi đáp – Phản ánh, kiến
nghị"), the safeguarding alarm, reports, the review queue, sanctions, appeals and the
moderation log. Keep them in step with forum/services when those rules change.
"""

from . import Starter, one, picture, several, true_false

STAFF = "staff"
STAFF_AND_FAMILIES = "staff_families"

MODULES: list[Starter] = [
    Starter(
        key="xu-ly-bao-cao-bat-nat",
        title="Tiếp nhận và xử lý khi học sinh báo bị bắt nạt",
        audience=STAFF,
        grades=(1, 5),
        minutes=20,
        goals="Biết lắng nghe và trấn an học sinh khi các em kể bị bắt nạt.\n"
        "Nắm quy trình hồ sơ hỏi đáp riêng và cảnh báo an toàn trên Cổng Trường.\n"
        "Giữ bí mật thông tin của học sinh.",
        sections=[
            (
                "Khi học sinh kể với thầy cô",
                picture(
                    "boi-duong-bat-nat.svg",
                    "Cô giáo ngồi ngang tầm mắt lắng nghe một học sinh, bên cạnh là tấm "
                    "khiên có trái tim",
                )
                + "<ul><li><strong>Lắng nghe</strong> bình tĩnh, không ngắt lời, không hỏi "
                "dồn. Cảm ơn em đã dám kể.</li>"
                "<li>Nói rõ: <em>em không có lỗi</em>.</li>"
                "<li>Không hứa giữ bí mật tuyệt đối: nói với em rằng thầy cô sẽ chỉ báo "
                "cho những người cần biết để giúp em.</li>"
                "<li>Không đối chất học sinh bị kể tên trước lớp hay trên diễn đàn.</li>"
                "<li>Ghi lại ngay: ai, việc gì, khi nào, ở đâu, lời của em.</li></ul>",
            ),
            (
                "Hồ sơ hỏi đáp riêng trên Cổng Trường",
                "<p>Học sinh và phụ huynh có thể gửi cho nhà trường trong mục <strong>Hỏi "
                "đáp – Phản ánh, kiến nghị</strong>, nhóm <strong>An toàn, bắt nạt</strong>. "
                "Chỉ người gửi, người được giao và tổ cộng tác viên đọc được; học sinh có "
                "thể chọn không cho phụ huynh xem.</p>"
                "<p>Tổ cộng tác viên giao hồ sơ cho giáo viên phụ trách (thường là giáo "
                "viên chủ nhiệm) và đặt hạn xử lý (mặc định 5 ngày). Người được giao nhận "
                "thông báo, trả lời học sinh trong hồ sơ, cập nhật trạng thái (Đang xử lý, "
                "Đã trả lời, Đã đóng). Mỗi bước được ghi vào nhật ký.</p>",
            ),
            (
                "Khi học sinh có thể đang gặp nguy hiểm",
                "<p>Khi lời của học sinh (bài viết, hồ sơ, ghi chú báo cáo, khiếu nại) có "
                "dấu hiệu <strong>tự làm hại, bạo lực hoặc bị dụ dỗ</strong>, hệ thống gửi "
                "<strong>cảnh báo khẩn</strong> cho giáo viên chủ nhiệm và tổ cộng tác "
                "viên, kể cả ngoài giờ, và mở một hồ sơ giao cho giáo viên chủ nhiệm. Học "
                "sinh thấy lời động viên và số <strong>111</strong> (Tổng đài quốc gia bảo "
                "vệ trẻ em).</p>"
                "<p>Nhận cảnh báo khẩn: liên hệ học sinh <strong>trong ngày</strong>, báo "
                "Ban giám hiệu. Phụ huynh chỉ xem hồ sơ khi cài đặt của trường cho phép và "
                "nội dung không liên quan đến gia đình. Nguy hiểm tức thời: gọi 111 hoặc "
                "113.</p>",
            ),
            (
                "Bảo mật và theo dõi",
                "<p>Không chụp, không chuyển nội dung hồ sơ ra ngoài (nhóm chat, mạng xã "
                "hội). Trao đổi với phụ huynh các bên riêng rẽ, tôn trọng. Theo dõi lại với "
                "học sinh sau một tuần để chắc chắn việc bắt nạt đã dừng.</p>",
            ),
        ],
        questions=[
            one(
                "Một học sinh kể em bị các bạn chế giễu trong nhóm chat. Việc làm đầu tiên "
                "của thầy cô là gì?",
                [
                    ("Gọi các bạn bị kể tên lên bảng để đối chất", False),
                    ("Lắng nghe, cảm ơn em và trấn an em không có lỗi", True),
                    ("Khuyên em rời nhóm chat rồi thôi", False),
                ],
                "Lắng nghe và trấn an trước tiên; đối chất công khai có thể khiến em bị trả đũa.",
            ),
            true_false(
                "Thầy cô nên hứa giữ bí mật tuyệt đối mọi điều học sinh kể.",
                False,
                "Khi học sinh có thể gặp nguy hiểm, thầy cô phải báo người cần biết. Hãy "
                "nói trước với em như vậy.",
            ),
            several(
                "Cảnh báo khẩn của hệ thống được gửi khi lời học sinh có dấu hiệu nào?",
                [
                    ("Tự làm hại", True),
                    ("Bạo lực", True),
                    ("Bị dụ dỗ", True),
                    ("Lỗi chính tả", False),
                ],
                "Ba nhóm dấu hiệu tự làm hại, bạo lực, bị dụ dỗ kích hoạt cảnh báo khẩn "
                "gửi ngay cho GVCN và tổ cộng tác viên.",
            ),
            one(
                "Nhận cảnh báo khẩn về một học sinh lớp mình, thầy cô liên hệ em khi nào?",
                [
                    ("Trong ngày", True),
                    ("Trong hạn 5 ngày của hồ sơ", False),
                    ("Khi phụ huynh hỏi", False),
                ],
                "Hạn 5 ngày dành cho hồ sơ thông thường; cảnh báo khẩn cần liên hệ ngay "
                "trong ngày.",
            ),
            true_false(
                "Được phép chụp nội dung hồ sơ gửi vào nhóm chat của lớp để phụ huynh cùng biết.",
                False,
                "Hồ sơ là thông tin riêng của học sinh; chỉ người được giao và tổ cộng "
                "tác viên xử lý trên Cổng Trường.",
            ),
        ],
    ),
    Starter(
        key="quy-tac-kiem-duyet",
        title="Quy tắc kiểm duyệt diễn đàn",
        audience=STAFF,
        grades=(1, 5),
        minutes=20,
        goals="Nắm các quyết định kiểm duyệt và lý do phải ghi.\n"
        "Áp dụng xử lý theo mức: nhắc nhở, tạm cấm đăng bài, đình chỉ.\n"
        "Tôn trọng quyền khiếu nại và sự riêng tư của học sinh.",
        sections=[
            (
                "Hàng đợi duyệt bài",
                picture(
                    "boi-duong-kiem-duyet.svg",
                    "Danh sách bài viết chờ duyệt với ba nút Duyệt, Từ chối, Ẩn và chiếc "
                    "cân công bằng",
                )
                + "<p>Bài của học sinh mới, bài có từ khoá cần theo dõi và bài bị báo cáo "
                "vào <strong>Hàng đợi duyệt bài</strong>. Người kiểm duyệt chọn "
                "<strong>Duyệt</strong>, <strong>Từ chối</strong> hoặc <strong>Ẩn</strong>. "
                "Từ chối hay ẩn thì <strong>bắt buộc ghi lý do</strong>: học sinh và phụ "
                "huynh được xem lý do này, nên viết ngắn gọn, tôn trọng, dễ hiểu với trẻ "
                "em.</p><p>Khi ba người khác nhau cùng báo cáo, bài được tạm ẩn chờ xem "
                "xét.</p>",
            ),
            (
                "Xử lý theo mức",
                "<ol><li><strong>Nhắc nhở</strong>: lần đầu, lỗi nhẹ.</li>"
                "<li><strong>Tạm cấm đăng bài</strong>: tái phạm hoặc lỗi nặng hơn, có "
                "thời hạn.</li>"
                "<li><strong>Đình chỉ tài khoản diễn đàn</strong>: lỗi nghiêm trọng, báo "
                "Ban giám hiệu và phụ huynh.</li></ol>"
                "<p>Mỗi xử lý đều ghi lý do; người bị xử lý xem được lý do. Bắt nạt một "
                "bạn: ẩn bài, nhắc nhở, và mở hồ sơ hỗ trợ cho học sinh bị bắt nạt.</p>",
            ),
            (
                "Khiếu nại và nhật ký",
                "<p>Học sinh có quyền <strong>khiếu nại quyết định</strong>. Khiếu nại phải "
                "do <strong>một người kiểm duyệt khác</strong> xem xét, không phải người "
                "đã ra quyết định. Mọi quyết định đều vào <strong>Nhật ký kiểm "
                "duyệt</strong>, không sửa, không xoá.</p>"
                "<p>Không nêu tên học sinh vi phạm trước lớp hay ngoài tổ; không dùng tài "
                "khoản của người khác.</p>",
            ),
        ],
        questions=[
            one(
                "Khi từ chối một bài viết của học sinh, người kiểm duyệt phải làm gì?",
                [
                    ("Không cần giải thích", False),
                    ("Ghi lý do ngắn gọn, tôn trọng", True),
                    ("Nhắn tin riêng cho bạn cùng lớp của học sinh", False),
                ],
                "Lý do bắt buộc và học sinh, phụ huynh đều xem được, nên viết tôn trọng, dễ hiểu.",
            ),
            one(
                "Ai xem xét khiếu nại về một quyết định kiểm duyệt?",
                [
                    ("Chính người đã ra quyết định", False),
                    ("Một người kiểm duyệt khác", True),
                    ("Học sinh cùng lớp", False),
                ],
                "Khiếu nại do người khác xem xét để bảo đảm công bằng; hệ thống không cho "
                "người ra quyết định tự xét.",
            ),
            several(
                "Các mức xử lý trên diễn đàn gồm những gì?",
                [
                    ("Nhắc nhở", True),
                    ("Tạm cấm đăng bài", True),
                    ("Đình chỉ tài khoản diễn đàn", True),
                    ("Đăng tên học sinh lên trang chủ", False),
                ],
                "Ba mức nhắc nhở, tạm cấm, đình chỉ; không bao giờ công khai tên học sinh vi phạm.",
            ),
            true_false(
                "Người kiểm duyệt được xoá một dòng trong nhật ký kiểm duyệt nếu ghi nhầm.",
                False,
                "Nhật ký không sửa, không xoá; ghi nhầm thì ra một quyết định mới có lý do.",
            ),
            true_false(
                "Bài bị ba người khác nhau báo cáo sẽ được tạm ẩn chờ người kiểm duyệt xem.",
                True,
                "Đúng: bài được ẩn tạm thời và vào hàng đợi; người kiểm duyệt quyết định sau cùng.",
            ),
        ],
    ),
    Starter(
        key="noi-quy-internet-an-toan",
        title="Nội quy sử dụng Internet an toàn của nhà trường",
        audience=STAFF_AND_FAMILIES,
        grades=(1, 5),
        minutes=10,
        goals="Cùng nhà trường thống nhất cách dùng Internet an toàn cho các em.\n"
        "Xác nhận đã đọc và hiểu nội quy.",
        sections=[
            (
                "Tài khoản và thông tin cá nhân",
                picture(
                    "noi-quy.svg",
                    "Ngôi trường có tấm khiên xanh và dấu tích: nội quy giữ an toàn cho học "
                    "sinh trên mạng",
                )
                + "<ol><li>Tài khoản trên Cổng Trường do nhà trường cấp; mỗi người chỉ dùng "
                "tài khoản của mình, không cho mượn mật khẩu.</li>"
                "<li>Không đăng họ tên đầy đủ, địa chỉ, số điện thoại, ảnh của học sinh "
                "lên nơi công khai khi chưa có đồng ý của phụ huynh.</li>"
                "<li>Hỏi ý người trong ảnh trước khi đăng hoặc gửi ảnh.</li></ol>",
            ),
            (
                "Ứng xử trên mạng",
                '<ol start="4"><li>Lời lẽ tôn trọng, không bắt nạt, không chia sẻ nội '
                "dung chế giễu người khác.</li>"
                "<li>Kiểm tra tin ở nguồn chính thức (trang web, mục Thông báo của nhà "
                "trường) trước khi chia sẻ.</li>"
                "<li>Không bấm đường link lạ, không cung cấp mã OTP, mật khẩu cho bất kỳ "
                "ai.</li></ol>",
            ),
            (
                "Khi có chuyện",
                '<ol start="7"><li>Thấy bài viết vi phạm trên diễn đàn: dùng '
                "<strong>Báo cáo vi phạm</strong>.</li>"
                "<li>Lo lắng về an toàn của học sinh: gửi trong mục <strong>Hỏi đáp – Phản "
                "ánh, kiến nghị</strong> hoặc báo ngay giáo viên chủ nhiệm; khẩn cấp gọi "
                "<strong>111</strong>.</li>"
                "<li>Thời gian dùng màn hình của các em do gia đình và nhà trường cùng "
                "thống nhất; tắt màn hình một giờ trước khi ngủ.</li></ol>",
            ),
        ],
        questions=[],
    ),
]
