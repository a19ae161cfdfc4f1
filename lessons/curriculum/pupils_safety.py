"""Starter lessons, keeping myself safe: passwords, personal information, strangers,
scams and reporting a post. Style and rules: pupils.py.
"""

from . import Starter, one, picture, several, true_false

PUPILS = "pupils"

LESSONS: list[Starter] = [
    Starter(
        key="mat-khau-bi-mat",
        title="Mật khẩu là bí mật của em",
        audience=PUPILS,
        grades=(1, 3),
        minutes=10,
        goals="Biết mật khẩu dùng để làm gì.\n"
        "Giữ mật khẩu bí mật, chỉ bố mẹ hoặc thầy cô chủ nhiệm được biết.\n"
        "Nhớ đăng xuất khi dùng xong máy tính chung.",
        sections=[
            (
                "Mật khẩu giống như chiếc chìa khoá",
                picture(
                    "mat-khau.svg",
                    "Chiếc chìa khoá vàng bên cạnh ổ khoá có dấu sao: mật khẩu giữ an toàn "
                    "cho tài khoản của em",
                )
                + "<p>Nhà em có chìa khoá để mở cửa. Tài khoản của em trên mạng cũng có một "
                "chiếc chìa khoá riêng, gọi là <strong>mật khẩu</strong>.</p>"
                "<p>Ai biết mật khẩu của em thì có thể vào tài khoản của em, đọc tin nhắn "
                "và viết bài như thể đó là em.</p>",
            ),
            (
                "Em giữ mật khẩu thế nào?",
                "<ul><li>Không nói mật khẩu cho bạn bè, kể cả bạn thân nhất.</li>"
                "<li>Chỉ bố mẹ hoặc thầy cô chủ nhiệm được biết.</li>"
                "<li>Không viết mật khẩu lên bàn, lên vở hay dán lên máy tính.</li>"
                "<li>Dùng máy tính ở trường xong, em bấm <strong>Đăng xuất</strong>.</li></ul>",
            ),
            (
                "Một mật khẩu tốt",
                "<p>Mật khẩu tốt thì <strong>dài</strong> và <strong>khó đoán</strong>. "
                "Đừng dùng tên em, ngày sinh hay 123456.</p>"
                "<p>Em có thể ghép vài từ mà chỉ em nhớ, ví dụ: "
                "<em>meo-an-ca-luc-7-gio</em>. Nhờ bố mẹ giúp em đặt nhé.</p>",
            ),
        ],
        questions=[
            one(
                "Bạn cùng lớp hỏi mật khẩu của em. Em làm gì?",
                [
                    ("Nói cho bạn biết vì bạn là bạn thân", False),
                    ("Nhẹ nhàng nói: mật khẩu là bí mật của tớ", True),
                    ("Viết mật khẩu ra giấy cho bạn", False),
                ],
                "Mật khẩu là bí mật, kể cả với bạn thân. Em vẫn là một người bạn tốt khi "
                "giữ bí mật này.",
            ),
            true_false(
                "Em có thể nói mật khẩu cho bố mẹ biết.",
                True,
                "Đúng rồi! Bố mẹ là người lớn tin cậy, luôn giúp em giữ an toàn.",
            ),
            one(
                "Mật khẩu giống với đồ vật nào nhất?",
                [("Quả bóng", False), ("Chiếc chìa khoá", True), ("Cái bút chì", False)],
                "Mật khẩu mở tài khoản của em, giống như chìa khoá mở cửa nhà em.",
            ),
            true_false(
                "Dùng máy tính ở trường xong, em không cần đăng xuất.",
                False,
                "Em nhớ đăng xuất nhé, để bạn dùng máy sau em không vào được tài khoản của em.",
            ),
            several(
                "Mật khẩu nào KHÔNG tốt vì quá dễ đoán?",
                [
                    ("123456", True),
                    ("Tên của em", True),
                    ("meo-an-ca-luc-7-gio", False),
                ],
                "123456 và tên em ai cũng đoán được. Mật khẩu dài, ghép từ những chữ chỉ "
                "em nhớ thì khó đoán hơn nhiều.",
            ),
        ],
    ),
    Starter(
        key="thong-tin-ca-nhan",
        title="Thông tin cá nhân là gì?",
        audience=PUPILS,
        grades=(2, 5),
        minutes=15,
        goals="Biết những thông tin nào là thông tin cá nhân.\n"
        "Hỏi bố mẹ trước khi điền thông tin của em lên mạng.",
        sections=[
            (
                "Những điều nói lên em là ai",
                picture(
                    "thong-tin-ca-nhan.svg",
                    "Tấm thẻ có ảnh một bạn nhỏ, tên, ngôi nhà và số điện thoại, được che "
                    "bằng một chiếc khiên",
                )
                + "<p><strong>Thông tin cá nhân</strong> là những điều giúp người khác biết "
                "em là ai và tìm được em: họ tên đầy đủ, ngày sinh, địa chỉ nhà, tên trường "
                "và lớp, số điện thoại, ảnh của em và gia đình.</p>",
            ),
            (
                "Vì sao phải giữ gìn?",
                "<p>Trên mạng có rất nhiều người em không quen. Nếu họ biết nhà em ở đâu, "
                "em học trường nào, họ có thể tìm đến em.</p>"
                "<p>Thông tin đã đăng lên mạng thì rất khó xoá hết, giống như nước đã đổ "
                "thì khó hốt lại.</p>",
            ),
            (
                "Em làm thế nào?",
                "<ul><li>Trò chơi hay trang web hỏi tên, tuổi, địa chỉ: em <strong>hỏi bố "
                "mẹ trước</strong>.</li>"
                "<li>Đặt tên hiển thị là biệt danh, không dùng họ tên đầy đủ.</li>"
                "<li>Chụp ảnh đăng lên mạng: để ý đừng để lộ biển số nhà, tên trường trên "
                "áo.</li></ul>",
            ),
        ],
        questions=[
            several(
                "Đâu là thông tin cá nhân của em?",
                [
                    ("Địa chỉ nhà em", True),
                    ("Số điện thoại của mẹ", True),
                    ("Con vật em thích nhất", False),
                    ("Tên trường và lớp của em", True),
                ],
                "Địa chỉ, số điện thoại, tên trường giúp người lạ tìm ra em. Con vật em "
                "thích thì nói thoải mái!",
            ),
            one(
                "Một trò chơi trên mạng bảo em nhập địa chỉ nhà để nhận quà. Em làm gì?",
                [
                    ("Nhập ngay để nhận quà", False),
                    ("Hỏi bố mẹ trước", True),
                    ("Nhập địa chỉ nhà của bạn", False),
                ],
                "Em làm đúng khi hỏi bố mẹ trước. Nhập địa chỉ của bạn cũng không được vì "
                "đó là thông tin của bạn ấy.",
            ),
            true_false(
                "Đã đăng lên mạng rồi thì xoá là mất hẳn, không ai còn thấy nữa.",
                False,
                "Người khác có thể đã lưu lại hoặc chụp màn hình. Vì vậy em suy nghĩ kỹ "
                "trước khi đăng nhé.",
            ),
            one(
                "Tên hiển thị nào an toàn hơn khi em chơi trò chơi trên mạng?",
                [("Nguyễn Văn An, lớp 3A", False), ("Mèo Con Vui Vẻ", True)],
                "Biệt danh vui vẻ không nói em là ai. Họ tên và lớp thì nói quá nhiều về em.",
            ),
            true_false(
                "Ảnh em mặc áo có in tên trường cũng có thể cho người lạ biết em học ở đâu.",
                True,
                "Đúng vậy. Trước khi đăng ảnh, em nhìn xem trong ảnh có tên trường, biển "
                "số nhà không nhé.",
            ),
        ],
    ),
    Starter(
        key="nguoi-la-tren-mang",
        title="Người lạ trên mạng",
        audience=PUPILS,
        grades=(3, 5),
        minutes=15,
        goals="Nhận ra người lạ trên mạng.\n"
        "Không bao giờ đi gặp người chỉ quen trên mạng.\n"
        "Kể ngay với người lớn tin cậy khi người lạ nhắn tin.",
        sections=[
            (
                "Ai là người lạ trên mạng?",
                picture(
                    "nguoi-la.svg",
                    "Một chiếc mặt nạ cười che sau màn hình máy tính: trên mạng ai cũng có "
                    "thể giả làm người khác",
                )
                + "<p>Người lạ là người em <strong>chưa từng gặp ngoài đời</strong> cùng "
                "bố mẹ, dù họ nói là bạn cùng tuổi, dù ảnh đại diện trông rất dễ thương.</p>"
                "<p>Trên mạng, ai cũng có thể dùng ảnh và tên của người khác.</p>",
            ),
            (
                "Những dấu hiệu cần cẩn thận",
                "<ul><li>Khen em rất nhiều, hứa tặng quà, thẻ nạp trò chơi.</li>"
                "<li>Hỏi em ở đâu, học trường nào, ở nhà một mình không.</li>"
                "<li>Xin ảnh của em, nhất là ảnh riêng tư.</li>"
                "<li>Bảo em <strong>giữ bí mật</strong>, đừng kể với bố mẹ.</li></ul>",
            ),
            (
                "Không bao giờ đi gặp",
                "<p>Nếu ai đó rủ em gặp mặt, em <strong>không đi</strong>, kể cả khi họ "
                "nói sẽ tặng quà hay đến đón em.</p>"
                "<p>Em dừng trò chuyện, không xoá tin nhắn, và kể ngay với bố mẹ hoặc thầy "
                "cô. Em không có lỗi gì cả.</p>",
            ),
        ],
        questions=[
            one(
                "Một người quen trên mạng rủ em đi chơi công viên cuối tuần. Em làm gì?",
                [
                    ("Đi một mình cho vui", False),
                    ("Rủ thêm bạn cùng lớp đi cùng", False),
                    ("Không đi và kể ngay với bố mẹ", True),
                ],
                "Em không bao giờ đi gặp người chỉ quen trên mạng, kể cả đi cùng bạn. Bố "
                "mẹ sẽ giúp em.",
            ),
            true_false(
                "Người có ảnh đại diện là một bạn nhỏ chắc chắn là trẻ em.",
                False,
                "Ai cũng có thể dùng ảnh của người khác. Chưa gặp ngoài đời thì đó vẫn là "
                "người lạ.",
            ),
            one(
                'Người lạ nhắn: "Đừng kể với bố mẹ nhé, đây là bí mật của chúng mình." '
                "Em nghĩ sao?",
                [("Đây là dấu hiệu nguy hiểm", True), ("Đây là một người bạn tốt", False)],
                "Người tốt không bao giờ bảo em giấu bố mẹ. Em kể ngay với người lớn tin cậy nhé.",
            ),
            several(
                "Khi người lạ nhắn tin làm em lo, em nên làm gì?",
                [
                    ("Dừng trò chuyện", True),
                    ("Kể với bố mẹ hoặc thầy cô", True),
                    ("Gửi ảnh của em để họ vui", False),
                    ("Giữ lại tin nhắn cho người lớn xem", True),
                ],
                "Dừng lại, giữ tin nhắn và kể với người lớn là ba việc rất dũng cảm. Không "
                "gửi ảnh cho người lạ em nhé.",
            ),
            true_false(
                "Nếu em lỡ trò chuyện với người lạ, em vẫn có thể kể với bố mẹ.",
                True,
                "Luôn luôn được! Bố mẹ và thầy cô không trách em, mọi người chỉ muốn giúp "
                "em an toàn.",
            ),
        ],
    ),
    Starter(
        key="lua-dao-trung-thuong",
        title="Trúng thưởng? Coi chừng lừa đảo!",
        audience=PUPILS,
        grades=(3, 5),
        minutes=15,
        goals="Nhận ra lời mời trúng thưởng, quà miễn phí là cách lừa đảo thường gặp.\n"
        "Không bấm đường link lạ, không nhập mật khẩu hay mã số, hỏi người lớn trước.",
        sections=[
            (
                "Quà miễn phí thường là cái bẫy",
                picture(
                    "lua-dao.svg",
                    "Hộp quà treo trên lưỡi câu câu cá và dòng chữ Trúng thưởng: lời mời quà "
                    "miễn phí có thể là cái bẫy",
                )
                + '<p>"Chúc mừng em trúng điện thoại!", "Nhận kim cương miễn phí trong '
                'trò chơi!". Kẻ lừa đảo dùng những lời như vậy để em bấm vào đường link '
                "lạ, nhập mật khẩu hoặc hỏi mã số của bố mẹ.</p>",
            ),
            (
                "Đường link lạ",
                "<p>Một đường link lạ có thể dẫn đến trang giả, cài phần mềm xấu vào máy "
                "hoặc lấy mất tài khoản của em.</p>"
                "<ul><li>Không bấm link trong tin nhắn của người lạ.</li>"
                "<li>Không nhập mật khẩu vào trang em không chắc chắn.</li>"
                "<li>Không bao giờ đọc mã số gửi về điện thoại của bố mẹ cho ai.</li></ul>",
            ),
            (
                "Nhớ câu: Dừng – Hỏi – Kể",
                "<p><strong>Dừng</strong>: không bấm. <strong>Hỏi</strong>: bố mẹ, thầy "
                "cô. <strong>Kể</strong>: nếu lỡ bấm rồi, em kể ngay để người lớn giúp đổi "
                "mật khẩu. Em không bị mắng đâu.</p>",
            ),
        ],
        questions=[
            one(
                'Một tin nhắn báo: "Em trúng xe đạp! Bấm vào link để nhận." Em làm gì?',
                [
                    ("Bấm vào link để nhận xe", False),
                    ("Không bấm, hỏi bố mẹ", True),
                    ("Gửi link cho bạn cùng nhận", False),
                ],
                "Lời báo trúng thưởng lạ thường là lừa đảo. Em dừng lại và hỏi người lớn là "
                "rất đúng.",
            ),
            true_false(
                "Trò chơi hứa tặng kim cương miễn phí nếu em nhập mật khẩu. Em nên nhập.",
                False,
                "Không ai tặng quà thật lại đòi mật khẩu của em. Đó là cách lấy mất tài khoản.",
            ),
            several(
                "Việc nào giúp em tránh bị lừa?",
                [
                    ("Không bấm link lạ", True),
                    ("Không đọc mã số trong điện thoại của bố mẹ cho ai", True),
                    ("Nhập mật khẩu vào mọi trang hỏi", False),
                    ("Hỏi người lớn khi chưa chắc", True),
                ],
                "Không bấm link lạ, giữ kín mã số và mật khẩu, hỏi người lớn: em đã biết "
                "cách tự bảo vệ rồi!",
            ),
            one(
                "Em lỡ bấm vào một link lạ. Em làm gì?",
                [
                    ("Giấu đi vì sợ bị mắng", False),
                    ("Kể ngay với bố mẹ hoặc thầy cô", True),
                ],
                "Kể sớm giúp người lớn kịp đổi mật khẩu và giữ an toàn cho em. Ai cũng có "
                "lúc nhầm.",
            ),
            true_false(
                "Quà miễn phí trên mạng từ người lạ thường là cái bẫy.",
                True,
                "Đúng vậy. Nghe quá hấp dẫn thì càng cần cẩn thận.",
            ),
        ],
    ),
    Starter(
        key="bao-cao-bai-viet",
        title="Cách báo cáo bài viết trên diễn đàn của trường",
        audience=PUPILS,
        grades=(3, 5),
        minutes=10,
        goals="Biết khi nào cần báo cáo một bài viết.\n"
        "Biết dùng nút Báo cáo vi phạm và mục Hỏi đáp để báo cho thầy cô.",
        sections=[
            (
                "Khi nào em báo cáo?",
                picture(
                    "bao-cao.svg",
                    "Một bài viết trên diễn đàn có lá cờ đỏ ở góc và nút Báo cáo vi phạm",
                )
                + "<p>Khi em thấy bài viết <strong>bắt nạt</strong> một bạn, có lời lẽ "
                "<strong>không phù hợp</strong>, đưa tin <strong>sai sự thật</strong>, "
                "hay quảng cáo linh tinh (<strong>spam</strong>).</p>",
            ),
            (
                "Báo cáo thế nào?",
                "<ol><li>Dưới bài viết, em bấm <strong>Báo cáo vi phạm</strong>.</li>"
                "<li>Chọn <strong>Lý do</strong>: Bắt nạt, Không phù hợp, Sai sự thật, "
                "Spam hoặc Khác.</li>"
                "<li>Nếu muốn, em viết thêm vài dòng ở <strong>Ghi chú thêm</strong>.</li>"
                "<li>Bấm <strong>Gửi báo cáo</strong>.</li></ol>"
                "<p>Thầy cô trong tổ kiểm duyệt sẽ xem. Khi nhiều bạn cùng báo cáo, bài "
                "viết được tạm ẩn chờ thầy cô xem xét.</p>",
            ),
            (
                "Khi em cần thầy cô giúp riêng",
                "<p>Nếu chuyện làm em buồn hay sợ, em vào mục <strong>Hỏi đáp – Phản ánh, "
                "kiến nghị</strong> để gửi cho thầy cô. Chỉ em và thầy cô đọc được.</p>"
                "<p>Báo cáo đúng lúc là giúp diễn đàn của trường an toàn, vui vẻ cho mọi "
                "người. Em đừng báo cáo chỉ vì không thích một bạn nhé.</p>",
            ),
        ],
        questions=[
            several(
                "Khi nào em nên báo cáo một bài viết?",
                [
                    ("Bài viết chế giễu một bạn", True),
                    ("Bài viết có lời lẽ thô tục", True),
                    ("Bài viết kể về chuyến dã ngoại vui của lớp", False),
                ],
                "Bắt nạt và lời lẽ thô tục cần báo cáo. Bài kể chuyện vui thì em trả lời "
                "thật tử tế nhé.",
            ),
            one(
                "Em bấm nút nào để báo cáo một bài viết?",
                [
                    ("Trả lời", False),
                    ("Báo cáo vi phạm", True),
                    ("Theo dõi chủ đề", False),
                ],
                "Nút Báo cáo vi phạm nằm dưới mỗi bài viết của bạn khác.",
            ),
            true_false(
                "Báo cáo một bài chỉ vì em không thích bạn viết bài là việc nên làm.",
                False,
                "Báo cáo dùng khi bài viết làm hại hoặc làm buồn người khác, không phải vì "
                "em không thích ai đó.",
            ),
            one(
                "Chuyện trên mạng làm em sợ và em muốn nói riêng với thầy cô. Em dùng mục nào?",
                [
                    ("Đăng một chủ đề mới cho cả trường đọc", False),
                    ("Hỏi đáp – Phản ánh, kiến nghị", True),
                ],
                "Mục Hỏi đáp chỉ em và thầy cô đọc được. Thầy cô sẽ trả lời em sớm.",
            ),
            true_false(
                "Khi nhiều bạn cùng báo cáo, bài viết có thể được tạm ẩn chờ thầy cô xem.",
                True,
                "Đúng vậy. Nhờ các em báo cáo, bài viết xấu được ẩn đi nhanh hơn.",
            ),
        ],
    ),
]
