"""Starter lessons, living well together online: bullying, asking before sharing a
photo, fake news, kind words, screen time. Style and rules: pupils.py.
"""

from . import Starter, one, picture, several, true_false

PUPILS = "pupils"

LESSONS: list[Starter] = [
    Starter(
        key="bat-nat-tren-mang",
        title="Khi bị bắt nạt trên mạng",
        audience=PUPILS,
        grades=(3, 5),
        minutes=15,
        goals="Nhận ra thế nào là bắt nạt trên mạng.\n"
        "Biết kể với người lớn tin cậy và giúp đỡ bạn bị bắt nạt.",
        sections=[
            (
                "Bắt nạt trên mạng là gì?",
                picture(
                    "bat-nat.svg",
                    "Một bạn nhỏ buồn nhìn điện thoại có nhiều tin nhắn xấu, bên cạnh cô "
                    "giáo đang dang tay giúp đỡ",
                )
                + "<p>Là khi ai đó <strong>cố ý làm người khác buồn</strong> qua mạng, "
                "nhiều lần: chê bai, đặt biệt danh xấu, đăng ảnh để chế giễu, rủ cả nhóm "
                "không chơi với một bạn.</p>",
            ),
            (
                "Nếu em bị bắt nạt",
                "<ul><li>Em <strong>không có lỗi</strong>.</li>"
                "<li>Không trả lời bằng lời xấu.</li>"
                "<li>Chụp màn hình hoặc giữ lại tin nhắn.</li>"
                "<li>Kể với bố mẹ, thầy cô chủ nhiệm. Em cũng có thể gửi cho thầy cô "
                "trong mục <strong>Hỏi đáp – Phản ánh, kiến nghị</strong>: chỉ em và thầy "
                "cô đọc được.</li></ul>",
            ),
            (
                "Nếu em thấy bạn bị bắt nạt",
                "<p>Đừng bấm thích, đừng chia sẻ bài chế giễu. Hãy nhắn hỏi thăm bạn, và "
                "kể với thầy cô. Trên diễn đàn của trường, em bấm <strong>Báo cáo vi "
                "phạm</strong> và chọn lý do <strong>Bắt nạt</strong>.</p>"
                "<p>Kể với người lớn không phải là mách lẻo: đó là giúp bạn.</p>",
            ),
        ],
        questions=[
            several(
                "Việc nào là bắt nạt trên mạng?",
                [
                    ("Đăng ảnh xấu của bạn để cả lớp cười", True),
                    ("Rủ cả nhóm không nói chuyện với một bạn", True),
                    ("Chúc mừng sinh nhật bạn", False),
                    ("Nhắn tin chê bai bạn nhiều lần", True),
                ],
                "Chế giễu, cô lập, chê bai đều làm bạn đau lòng. Chúc mừng sinh nhật thì "
                "làm bạn vui!",
            ),
            one(
                "Có người nhắn tin chửi em trên mạng. Em làm gì trước tiên?",
                [
                    ("Chửi lại cho hả giận", False),
                    ("Giữ lại tin nhắn và kể với người lớn", True),
                    ("Im lặng, không kể với ai", False),
                ],
                "Chửi lại chỉ làm mọi chuyện tệ hơn, còn im lặng thì em phải buồn một "
                "mình. Người lớn sẽ giúp em.",
            ),
            true_false(
                "Kể với thầy cô khi bạn bị bắt nạt là mách lẻo.",
                False,
                "Không phải đâu em. Kể với người lớn là dũng cảm và tốt bụng, giúp bạn được "
                "an toàn.",
            ),
            true_false(
                "Bị bắt nạt là lỗi của người bị bắt nạt.",
                False,
                "Không bao giờ là lỗi của em. Người bắt nạt mới là người làm sai.",
            ),
            one(
                "Em thấy một bài trên diễn đàn trường chế giễu bạn cùng lớp. Em làm gì?",
                [
                    ("Bấm thích cho vui", False),
                    ("Chia sẻ cho các bạn khác xem", False),
                    ("Bấm Báo cáo vi phạm, chọn Bắt nạt", True),
                ],
                "Báo cáo giúp thầy cô biết và xử lý. Bấm thích hay chia sẻ sẽ làm bạn buồn hơn.",
            ),
        ],
    ),
    Starter(
        key="hoi-truoc-khi-dang-anh",
        title="Hỏi trước khi đăng ảnh của bạn",
        audience=PUPILS,
        grades=(2, 5),
        minutes=10,
        goals="Biết hỏi ý bạn trước khi đăng hay gửi ảnh có bạn.\nTôn trọng khi bạn nói không.",
        sections=[
            (
                "Ảnh của bạn là của bạn",
                picture(
                    "hoi-truoc-khi-dang.svg",
                    "Hai bạn nhỏ cạnh chiếc máy ảnh, một bạn hỏi và bạn kia giơ ngón tay cái "
                    "đồng ý",
                )
                + "<p>Mỗi người được quyết định ảnh của mình có được đăng lên mạng hay "
                "không. Có bạn thích, có bạn không thích, và cả hai đều được tôn trọng.</p>",
            ),
            (
                "Ba bước trước khi đăng",
                "<ol><li><strong>Hỏi</strong>: Tớ đăng ảnh này nhé?</li>"
                "<li><strong>Chờ</strong> bạn trả lời. Bạn nói không thì em không đăng.</li>"
                "<li><strong>Hỏi bố mẹ</strong> nếu em chưa chắc ảnh có nên đăng không.</li>"
                "</ol><p>Ảnh làm bạn xấu hổ thì không đăng, kể cả khi thấy buồn cười.</p>",
            ),
        ],
        questions=[
            one(
                "Em chụp được ảnh cả nhóm rất vui. Trước khi đăng lên mạng, em làm gì?",
                [
                    ("Đăng ngay cho nhanh", False),
                    ("Hỏi các bạn trong ảnh có đồng ý không", True),
                ],
                "Hỏi trước là tôn trọng bạn. Các bạn sẽ rất quý em vì điều đó.",
            ),
            true_false(
                "Bạn nói không muốn đăng ảnh, em vẫn đăng vì ảnh là do em chụp.",
                False,
                "Dù em chụp, ảnh vẫn có hình của bạn. Bạn nói không thì em không đăng nhé.",
            ),
            one(
                "Ảnh nào em KHÔNG nên đăng?",
                [
                    ("Ảnh cả lớp trồng cây, mọi người đều đồng ý", False),
                    ("Ảnh bạn ngã, bạn đang khóc", True),
                ],
                "Ảnh làm bạn xấu hổ hay buồn thì không đăng, kể cả khi các bạn khác thấy "
                "buồn cười.",
            ),
            several(
                "Khi chưa chắc có nên đăng ảnh, em có thể hỏi ai?",
                [("Bạn có trong ảnh", True), ("Bố mẹ", True), ("Thầy cô", True)],
                "Tất cả đều đúng! Hỏi thêm một câu không bao giờ thừa.",
            ),
        ],
    ),
    Starter(
        key="tin-gia",
        title="Tin giả: dừng lại và kiểm tra",
        audience=PUPILS,
        grades=(4, 5),
        minutes=15,
        goals="Biết trên mạng có tin không đúng sự thật.\n"
        "Dừng lại, hỏi người lớn hoặc xem nguồn chính thức trước khi tin và chia sẻ.",
        sections=[
            (
                "Không phải tin nào cũng đúng",
                picture(
                    "tin-gia.svg",
                    "Chiếc kính lúp soi một tờ báo có dấu hỏi lớn: hãy kiểm tra trước khi tin",
                )
                + "<p>Trên mạng, ai cũng có thể viết bất cứ điều gì. Có tin viết sai vì "
                "nhầm lẫn, có tin cố ý lừa người đọc để được nhiều lượt xem.</p>",
            ),
            (
                "Dấu hiệu của tin giả",
                "<ul><li>Tiêu đề rất giật gân: <em>SỐC!!!</em>, <em>Khẩn cấp, chia sẻ "
                "ngay!</em></li>"
                "<li>Không biết ai viết, không có ngày tháng.</li>"
                "<li>Chỉ một trang nói, các trang tin chính thức không nói.</li></ul>",
            ),
            (
                "Em làm gì?",
                "<p><strong>Dừng lại</strong>, chưa chia sẻ. <strong>Hỏi</strong> bố mẹ, "
                "thầy cô. <strong>Kiểm tra</strong> ở nguồn chính thức: trang web của nhà "
                "trường, của Bộ Giáo dục và Đào tạo, báo chính thống.</p>"
                '<p>Ví dụ: tin "Ngày mai được nghỉ học" thì em xem mục <strong>Thông '
                "báo</strong> của trường hoặc hỏi cô chủ nhiệm.</p>",
            ),
        ],
        questions=[
            one(
                'Em đọc được tin "SỐC: ngày mai cả nước nghỉ học, chia sẻ ngay!". Em làm gì?',
                [
                    ("Chia sẻ ngay cho cả lớp", False),
                    ("Hỏi cô chủ nhiệm hoặc xem thông báo của trường", True),
                    ("Tin ngay và không chuẩn bị bài", False),
                ],
                "Tin quan trọng về việc học, nhà trường luôn thông báo chính thức. Kiểm tra "
                "trước rồi mới tin em nhé.",
            ),
            several(
                "Dấu hiệu nào cho thấy tin có thể là tin giả?",
                [
                    ("Tiêu đề giật gân, nhiều dấu chấm than", True),
                    ("Không biết ai viết, không có ngày tháng", True),
                    ("Trang web của nhà trường cũng đăng", False),
                ],
                "Tin giật gân, không rõ ai viết thì cần kiểm tra. Tin trên trang của nhà "
                "trường là nguồn chính thức.",
            ),
            true_false(
                "Tin được nhiều người chia sẻ thì chắc chắn là đúng.",
                False,
                "Tin giả cũng có thể được chia sẻ rất nhiều. Đông người chia sẻ không có "
                "nghĩa là đúng.",
            ),
            one(
                "Đâu là nguồn chính thức để kiểm tra tin về trường em?",
                [
                    ("Trang web và mục Thông báo của nhà trường", True),
                    ("Một tài khoản lạ trên mạng", False),
                    ("Tin nhắn không rõ ai gửi", False),
                ],
                "Trang của nhà trường do thầy cô đăng, nên em tin được.",
            ),
            true_false(
                "Chưa chắc tin đúng hay sai thì em chưa chia sẻ.",
                True,
                "Rất đúng! Dừng lại một chút giúp em và các bạn không bị lừa.",
            ),
        ],
    ),
    Starter(
        key="loi-noi-tu-te",
        title="Lời nói tử tế trên mạng",
        audience=PUPILS,
        grades=(1, 5),
        minutes=10,
        goals="Biết sau màn hình là một người bạn có cảm xúc.\nNói lời tử tế, xin lỗi khi lỡ lời.",
        sections=[
            (
                "Sau màn hình là một người bạn",
                picture(
                    "loi-noi-tu-te.svg",
                    "Hai màn hình nối với nhau bằng những trái tim: lời nói tử tế làm bạn vui",
                )
                + "<p>Khi nhắn tin, em không thấy mặt bạn. Nhưng bạn vẫn có thể buồn, có "
                "thể khóc khi đọc lời nói xấu.</p>"
                "<p>Trước khi gửi, em tự hỏi: <strong>Nếu nói trước mặt bạn, mình có nói "
                "câu này không?</strong></p>",
            ),
            (
                "Những lời làm bạn vui",
                "<ul><li>Cảm ơn bạn nhé!</li><li>Bài vẽ của bạn đẹp quá!</li>"
                "<li>Tớ xin lỗi, tớ lỡ lời.</li><li>Bạn có sao không?</li></ul>"
                "<p>Khi đang giận, em chờ một chút rồi mới viết.</p>",
            ),
        ],
        questions=[
            one(
                "Bạn đăng bức tranh bạn vẽ. Em bình luận thế nào?",
                [("Xấu quá!", False), ("Bạn vẽ đẹp quá, tớ thích màu xanh!", True)],
                "Một lời khen chân thành làm bạn rất vui. Em thật tử tế!",
            ),
            true_false(
                "Nhắn tin thì không thấy mặt nên nói gì cũng được.",
                False,
                "Bạn vẫn buồn khi đọc lời xấu, dù em không thấy mặt bạn. Hãy nói như khi "
                "đứng trước mặt bạn nhé.",
            ),
            one(
                "Em đang rất giận bạn. Em làm gì trước khi nhắn tin?",
                [
                    ("Nhắn ngay thật nhiều lời giận dữ", False),
                    ("Hít thở, chờ bình tĩnh rồi mới viết", True),
                ],
                "Chờ bình tĩnh giúp em không nói điều làm mình hối hận.",
            ),
            several(
                "Câu nào là lời nói tử tế?",
                [
                    ("Cảm ơn bạn nhé!", True),
                    ("Tớ xin lỗi, tớ lỡ lời.", True),
                    ("Đồ ngốc!", False),
                    ("Bạn có sao không?", True),
                ],
                "Cảm ơn, xin lỗi, hỏi thăm: ba câu nhỏ làm bạn bè gần nhau hơn.",
            ),
        ],
    ),
    Starter(
        key="man-hinh-giac-ngu",
        title="Màn hình, giấc ngủ và đôi mắt",
        audience=PUPILS,
        grades=(1, 5),
        minutes=10,
        goals="Biết dùng màn hình vừa đủ, nghỉ mắt và ngủ đủ giấc.\n"
        "Cùng bố mẹ đặt giờ dùng màn hình.",
        sections=[
            (
                "Đôi mắt cũng cần nghỉ",
                picture(
                    "man-hinh-giac-ngu.svg",
                    "Mặt trăng, ngôi sao và chiếc máy tính bảng đang tắt bên gối: đến giờ "
                    "ngủ thì cất màn hình",
                )
                + "<p>Nhìn màn hình lâu làm mắt mỏi, khô và mờ. Em nhớ quy tắc "
                "<strong>20-20-20</strong>: cứ 20 phút, em nhìn ra xa khoảng 6 mét (như "
                "nhìn cây ngoài cửa sổ) trong 20 giây.</p>"
                "<p>Ngồi thẳng lưng, để màn hình xa mắt, phòng đủ sáng.</p>",
            ),
            (
                "Ngủ đủ để lớn nhanh",
                "<p>Các em tiểu học cần ngủ khoảng <strong>9 đến 12 tiếng</strong> mỗi "
                "đêm. Ánh sáng màn hình làm em khó ngủ, nên em tắt màn hình ít nhất "
                "<strong>1 tiếng trước khi ngủ</strong> và không mang điện thoại lên "
                "giường.</p>",
            ),
            (
                "Cùng bố mẹ đặt giờ",
                "<p>Em và bố mẹ thoả thuận: dùng màn hình lúc nào, bao lâu. Thời gian còn "
                "lại, em chạy nhảy, đọc sách, giúp bố mẹ, chơi với bạn.</p>",
            ),
        ],
        questions=[
            one(
                "Theo quy tắc 20-20-20, cứ 20 phút nhìn màn hình em làm gì?",
                [
                    ("Nhìn ra xa khoảng 20 giây", True),
                    ("Dụi mắt thật mạnh", False),
                    ("Đưa màn hình lại gần mắt hơn", False),
                ],
                "Nhìn ra xa giúp mắt được nghỉ. Dụi mắt mạnh thì không tốt cho mắt đâu em.",
            ),
            true_false(
                "Xem điện thoại trên giường giúp em ngủ ngon hơn.",
                False,
                "Ánh sáng màn hình làm em khó ngủ. Tắt màn hình trước khi ngủ 1 tiếng em nhé.",
            ),
            one(
                "Học sinh tiểu học cần ngủ khoảng bao lâu mỗi đêm?",
                [("4 đến 5 tiếng", False), ("9 đến 12 tiếng", True), ("2 tiếng", False)],
                "Ngủ đủ 9 đến 12 tiếng giúp em khoẻ, lớn nhanh và học tốt.",
            ),
            several(
                "Khi không dùng màn hình, em có thể làm gì?",
                [
                    ("Đọc sách", True),
                    ("Chơi đá cầu với bạn", True),
                    ("Giúp bố mẹ tưới cây", True),
                ],
                "Tất cả đều tuyệt! Có rất nhiều niềm vui ngoài màn hình.",
            ),
            true_false(
                "Em và bố mẹ có thể cùng thoả thuận giờ dùng màn hình.",
                True,
                "Đúng rồi. Thoả thuận cùng nhau thì em dễ làm theo hơn.",
            ),
        ],
    ),
]
