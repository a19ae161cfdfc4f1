"""Demo content: the category tree, thirty-odd articles, a handful of official documents.

Fast and deterministic: pictures and PDFs are drawn with Pillow in memory,
nothing is fetched from the network.
"""

import datetime
import io
import textwrap

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont

from lib.text import slugify_vi

from . import services
from .models import Article, Audience, Category, Document, DocumentType, Kind, Status

FONT_PATH = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

NEWS = [
    (
        "Lễ khai giảng năm học 2026–2027 tại Trường Tiểu học Hoa Sen",
        "Sáng 5/9, thầy và trò nhà trường cùng hơn 600 phụ huynh dự lễ khai giảng trong không khí vui tươi.",
        [
            "Đúng 7 giờ 30, tiếng trống khai trường vang lên mở đầu năm học mới. Thầy Hiệu trưởng đọc thư của Chủ tịch nước gửi ngành giáo dục và nhắc các em học sinh lớp 1 về những điều cần nhớ trong ngày đầu đến trường.",
            "Năm nay trường đón 112 học sinh lớp 1, chia thành 4 lớp. Các em được các anh chị lớp 5 dắt tay vào lớp và tặng bút chì, vở mới.",
            "Sau buổi lễ, các lớp sinh hoạt với giáo viên chủ nhiệm, nhận thời khoá biểu và nội quy lớp học.",
        ],
    ),
    (
        "Hội khoẻ Phù Đổng cấp trường: sân chơi thể thao sôi nổi",
        "Hơn 300 học sinh tham gia các môn chạy, nhảy dây, đá cầu và cờ vua.",
        [
            "Hội khoẻ Phù Đổng năm nay diễn ra trong hai ngày cuối tuần. Mỗi lớp cử ít nhất một đội tham gia.",
            "Lớp 5A giành giải nhất môn kéo co, lớp 4B nhất môn nhảy dây tập thể. Ban tổ chức trao 45 huy chương cho các vận động viên nhỏ tuổi.",
        ],
    ),
    (
        "Trường đạt chuẩn quốc gia mức độ 2",
        "Đoàn kiểm tra của Sở Giáo dục và Đào tạo công nhận trường đạt chuẩn quốc gia mức độ 2.",
        [
            "Sau hai ngày kiểm tra cơ sở vật chất, hồ sơ chuyên môn và dự giờ, đoàn đánh giá cao chất lượng dạy học và công tác chăm sóc học sinh.",
            "Nhà trường cảm ơn cha mẹ học sinh đã đồng hành trong suốt quá trình xây dựng trường chuẩn.",
        ],
    ),
    (
        "Ngày hội đọc sách: mỗi em một cuốn sách hay",
        "Thư viện nhà trường nhận thêm 820 cuốn sách do phụ huynh và học sinh quyên góp.",
        [
            "Các lớp trang trí góc đọc, kể chuyện theo sách và bình chọn cuốn sách được yêu thích nhất.",
            "Thư viện mở cửa cả giờ ra chơi để các em mượn sách về nhà.",
        ],
    ),
    (
        "Học sinh lớp 5 tham quan Bảo tàng Lịch sử quốc gia",
        "Chuyến tham quan giúp các em hiểu thêm bài học Lịch sử và Địa lí lớp 5.",
        [
            "Các em được hướng dẫn viên giới thiệu hiện vật thời Hùng Vương và các triều đại phong kiến.",
            "Mỗi nhóm hoàn thành phiếu học tập và trình bày lại trong tiết học tuần sau.",
        ],
    ),
    (
        "Chào mừng Ngày Nhà giáo Việt Nam 20/11",
        "Học sinh các lớp làm thiếp, biểu diễn văn nghệ tri ân thầy cô.",
        [
            "Buổi lễ có tiết mục múa “Bụi phấn” của lớp 4A và đọc thơ của câu lạc bộ Văn học.",
            "Nhà trường khen thưởng 12 giáo viên có thành tích xuất sắc trong phong trào thi đua.",
        ],
    ),
    (
        "Kết quả kỳ thi Trạng nguyên Tiếng Việt cấp quận",
        "Đội tuyển của trường đạt 3 giải Nhất, 5 giải Nhì và 7 giải Ba.",
        [
            "Các em đã ôn luyện chăm chỉ cùng thầy cô tổ chuyên môn khối 4 và khối 5.",
            "Năm học này trường tiếp tục mở câu lạc bộ Tiếng Việt vào chiều thứ Năm hằng tuần.",
        ],
    ),
    (
        "Tập huấn phòng cháy, chữa cháy và thoát nạn",
        "Cảnh sát phòng cháy chữa cháy quận hướng dẫn học sinh cách thoát hiểm an toàn.",
        [
            "Học sinh được thực hành bò thấp dưới khói, dùng khăn ướt che mũi và đi theo lối thoát hiểm.",
            "Giáo viên được hướng dẫn sử dụng bình chữa cháy và quy trình sơ tán từng tầng.",
        ],
    ),
    (
        "Bữa ăn bán trú: thực đơn mới cho học kỳ I",
        "Thực đơn được chuyên gia dinh dưỡng góp ý, bổ sung rau xanh và hoa quả.",
        [
            "Phụ huynh có thể xem thực đơn từng tuần trên bảng tin và trên cổng thông tin của trường.",
            "Ban đại diện cha mẹ học sinh kiểm tra bếp ăn định kỳ mỗi tháng một lần.",
        ],
    ),
    (
        "Câu lạc bộ Robotics ra mắt",
        "Học sinh khối 4, 5 được làm quen với lập trình và lắp ráp robot.",
        [
            "Câu lạc bộ sinh hoạt vào chiều thứ Ba và thứ Sáu, mỗi nhóm 4 em dùng chung một bộ lắp ráp.",
            "Đây là bước chuẩn bị cho cuộc thi sáng tạo thanh thiếu niên nhi đồng cấp thành phố.",
        ],
    ),
    (
        "Trồng cây xanh quanh sân trường",
        "Mỗi lớp nhận chăm sóc một bồn cây, góp phần làm đẹp trường lớp.",
        [
            "Hội cha mẹ học sinh tặng 40 cây bằng lăng và hoa sữa.",
            "Các lớp thay phiên tưới cây và ghi nhật ký cây xanh mỗi tuần.",
        ],
    ),
    (
        "Đại hội Liên đội nhiệm kỳ 2026–2027",
        "Đại hội bầu Ban chỉ huy Liên đội gồm 11 đội viên tiêu biểu.",
        [
            "Đại hội thông qua chương trình hành động với chủ đề “Đội viên tự tin, thân thiện, an toàn”.",
            "Ban chỉ huy mới ra mắt và nhận nhiệm vụ từ Tổng phụ trách Đội.",
        ],
    ),
    (
        "Khám sức khoẻ định kỳ cho học sinh",
        "Trạm y tế phường khám răng, mắt và đo chiều cao, cân nặng cho toàn trường.",
        [
            "Kết quả khám được gửi về gia đình qua sổ liên lạc. Các em cần khám chuyên khoa sẽ có giấy giới thiệu.",
            "Nhà trường nhắc phụ huynh cho con ăn sáng đầy đủ và ngủ đủ giấc.",
        ],
    ),
    (
        "Giao lưu tiếng Anh với học sinh trường bạn",
        "Học sinh lớp 5 giao lưu trực tuyến với học sinh một trường tiểu học ở Đà Nẵng.",
        [
            "Các em giới thiệu về trường mình, hát và đố vui bằng tiếng Anh.",
            "Buổi giao lưu được tổ chức trong phòng máy của trường, có giáo viên theo dõi.",
        ],
    ),
    (
        "Hội thi giáo viên dạy giỏi cấp trường",
        "18 giáo viên tham gia hội thi với các tiết dạy đổi mới phương pháp.",
        [
            "Ban giám khảo đánh giá cao các tiết học có hoạt động nhóm và sử dụng đồ dùng trực quan.",
            "Sáu giáo viên được chọn tham dự hội thi cấp quận.",
        ],
    ),
    (
        "Tết Trung thu cho em: rước đèn và phá cỗ",
        "Đêm hội trăng rằm với múa lân, rước đèn ông sao và mâm cỗ do các lớp tự bày.",
        [
            "Mỗi em được tặng một chiếc đèn lồng và hộp bánh. Ban đại diện cha mẹ học sinh hỗ trợ tổ chức.",
            "Các lớp thi bày mâm cỗ đẹp; lớp 3B đạt giải nhất với mâm cỗ hình con cá chép.",
        ],
    ),
    (
        "Thông tin tuyển sinh lớp 1 năm học 2027–2028",
        "Nhà trường thông báo kế hoạch tuyển sinh trực tuyến và hồ sơ cần chuẩn bị.",
        [
            "Phụ huynh đăng ký trực tuyến trên cổng tuyển sinh của thành phố, sau đó nộp hồ sơ bản giấy tại trường.",
            "Hồ sơ gồm giấy khai sinh, thông tin cư trú và phiếu đăng ký.",
        ],
    ),
]

GUIDANCE_PUPILS = [
    (
        "An toàn trên mạng: 5 điều em cần nhớ",
        "Giữ bí mật mật khẩu, không gặp người lạ quen trên mạng, hỏi bố mẹ khi không chắc chắn.",
        [
            "Mỗi ngày em lên mạng để học và chơi. Hãy nhớ 5 điều này để luôn an toàn:",
            "Mật khẩu là của riêng em, không đưa cho bạn bè, kể cả bạn thân.",
            "Không gửi ảnh, địa chỉ nhà, tên trường cho người em chỉ biết qua mạng.",
            "Nếu ai đó làm em sợ hay khó chịu, hãy tắt máy và kể với bố mẹ hoặc thầy cô ngay.",
            "Không bấm vào đường link lạ hay tin nhắn báo em “trúng thưởng”: hỏi bố mẹ trước đã.",
            "Nói lời tử tế trên mạng như khi em nói chuyện trực tiếp với bạn.",
        ],
    ),
    (
        "Mật khẩu mạnh là thế nào?",
        "Cách đặt mật khẩu dễ nhớ mà khó đoán cho tài khoản học tập của em.",
        [
            "Mật khẩu mạnh dài ít nhất 10 ký tự. Em có thể ghép một câu dễ nhớ: “Meo-nha-em-ten-Bong-2026”.",
            "Không dùng ngày sinh, tên mình hay “123456”. Mỗi tài khoản nên có một mật khẩu khác nhau.",
        ],
    ),
    (
        "Khi bị bắt nạt trên mạng, em làm gì?",
        "Đừng trả lời lại, chụp màn hình, chặn người đó và báo cho người lớn em tin tưởng.",
        [
            "Bắt nạt trên mạng là khi ai đó nhắn tin chế giễu, doạ nạt hoặc đăng ảnh của em để trêu chọc.",
            "Em không có lỗi. Hãy chụp lại tin nhắn, chặn người đó và báo cho thầy cô chủ nhiệm.",
        ],
    ),
    (
        "Tin giả: đừng vội tin, đừng vội chia sẻ",
        "Ba câu hỏi giúp em kiểm tra một tin trước khi chia sẻ.",
        [
            "Ai viết tin này? Tin có ở trang báo chính thống không? Tin có làm em quá sợ hay quá phấn khích không?",
            "Nếu chưa chắc, em đừng chia sẻ và hỏi thầy cô hoặc bố mẹ.",
        ],
    ),
    (
        "Chơi game bao lâu là vừa?",
        "Gợi ý thời gian dùng thiết bị cho học sinh tiểu học.",
        [
            "Em nên dùng máy tính, điện thoại để giải trí không quá 1 giờ mỗi ngày và không dùng trước khi ngủ.",
            "Hãy nghỉ mắt 20 giây sau mỗi 20 phút, nhìn ra xa khoảng 6 mét.",
        ],
    ),
    (
        "Người lạ trên mạng: không phải ai cũng là bạn",
        "Những dấu hiệu cho thấy một người quen trên mạng có thể không tốt.",
        [
            "Người đó hỏi nhiều về em, bảo em giữ bí mật với bố mẹ, hoặc hứa tặng quà, thẻ game.",
            "Em không bao giờ đi gặp người chỉ quen trên mạng. Hãy kể với bố mẹ ngay.",
        ],
    ),
    (
        "Quyền riêng tư: ảnh của em, quyết định của em",
        "Trước khi đăng ảnh, hãy hỏi ý kiến người trong ảnh.",
        [
            "Ảnh đã đăng lên mạng rất khó xoá hẳn. Đừng đăng ảnh có đồng phục, biển tên trường hay số nhà.",
            "Hỏi bạn trước khi đăng ảnh có bạn, và tôn trọng khi bạn nói “không”.",
        ],
    ),
    (
        "Sử dụng diễn đàn của trường đúng cách",
        "Nội quy diễn đàn học sinh: lịch sự, đúng chủ đề, không chia sẻ thông tin cá nhân.",
        [
            "Diễn đàn là nơi các em hỏi bài, chia sẻ sách hay và hoạt động của lớp.",
            "Bài viết thô lỗ hoặc có thông tin cá nhân sẽ bị ẩn; tổ cộng tác viên sẽ nhắc nhở.",
        ],
    ),
    (
        "Lừa đảo trúng thưởng và đường link lạ",
        "Không bấm vào đường link lạ, không nhập mật khẩu vào trang lạ.",
        [
            "Tin nhắn “Chúc mừng bạn trúng thưởng” thường là lừa đảo. Đừng bấm vào link và đừng nhập mật khẩu.",
            "Khi thấy trang đăng nhập lạ, hãy hỏi thầy cô trước.",
        ],
    ),
]

GUIDANCE_PARENTS = [
    (
        "Hướng dẫn phụ huynh cài đặt kiểm soát của cha mẹ",
        "Các bước bật chế độ kiểm soát trên điện thoại Android, iPhone và máy tính Windows.",
        [
            "Trên Android, dùng ứng dụng Family Link để giới hạn thời gian và duyệt ứng dụng con tải về.",
            "Trên iPhone, vào Cài đặt › Thời gian sử dụng để đặt giới hạn và nội dung phù hợp lứa tuổi.",
            "Trên Windows, tạo tài khoản gia đình cho con thay vì dùng chung tài khoản quản trị.",
        ],
    ),
    (
        "Trò chuyện với con về an toàn trên mạng",
        "Gợi ý những câu hỏi mở để con sẵn lòng kể về thế giới mạng của mình.",
        [
            "Hãy hỏi “Hôm nay con xem gì vui?” thay vì “Con lại chơi điện thoại à?”.",
            "Cùng con đặt nội quy dùng thiết bị của gia đình và dán ở nơi mọi người đều thấy.",
        ],
    ),
    (
        "Nhận biết dấu hiệu con bị bắt nạt trên mạng",
        "Những thay đổi trong cảm xúc và thói quen mà cha mẹ cần để ý.",
        [
            "Con bỗng sợ đi học, giấu điện thoại, buồn bã sau khi dùng máy hoặc không muốn nói chuyện.",
            "Hãy bình tĩnh lắng nghe, lưu bằng chứng và liên hệ giáo viên chủ nhiệm để phối hợp.",
        ],
    ),
    (
        "Bảo vệ thông tin cá nhân của con",
        "Hạn chế đăng ảnh con kèm tên trường, lớp, địa chỉ lên mạng xã hội.",
        [
            "Thông tin tưởng như vô hại có thể giúp người lạ tìm ra con.",
            "Kiểm tra chế độ riêng tư của tài khoản và chỉ chia sẻ với người thân.",
        ],
    ),
    (
        "Hướng dẫn đăng nhập cổng thông tin cho phụ huynh",
        "Cách đăng nhập, đổi mật khẩu và xem thông báo của lớp con.",
        [
            "Nhà trường cấp tài khoản cho mỗi phụ huynh. Lần đầu đăng nhập, hãy đổi mật khẩu.",
            "Thông báo của lớp hiện ở trang nhất sau khi đăng nhập; bấm “Xác nhận đã đọc” để giáo viên biết.",
        ],
    ),
    (
        "Thời gian dùng thiết bị phù hợp lứa tuổi tiểu học",
        "Khuyến nghị của chuyên gia và cách áp dụng trong gia đình.",
        [
            "Trẻ 6–10 tuổi nên dùng thiết bị giải trí dưới 1–2 giờ mỗi ngày, có người lớn đi kèm khi có thể.",
            "Không để thiết bị trong phòng ngủ của trẻ vào ban đêm.",
        ],
    ),
    (
        "Cảnh giác lừa đảo qua điện thoại mạo danh nhà trường",
        "Nhà trường không bao giờ yêu cầu chuyển khoản qua điện thoại.",
        [
            "Gần đây có kẻ gian gọi điện báo học sinh bị tai nạn và yêu cầu chuyển tiền gấp.",
            "Hãy gọi lại số điện thoại chính thức của trường hoặc giáo viên chủ nhiệm để kiểm tra.",
        ],
    ),
]

GUIDANCE_STAFF = [
    (
        "Quy trình đăng bài trên cổng thông tin",
        "Giáo viên viết bài, gửi duyệt; ban biên tập duyệt hoặc trả lại kèm nhận xét.",
        [
            "Bài viết lưu ở trạng thái nháp cho đến khi bấm “Gửi duyệt”.",
            "Ảnh học sinh chỉ được đăng khi có đồng ý của phụ huynh; không ghi họ tên đầy đủ của học sinh.",
        ],
    ),
    (
        "Hướng dẫn bảo mật tài khoản cán bộ, giáo viên",
        "Bật xác thực hai lớp và không dùng chung máy tính khi đăng nhập.",
        [
            "Vào menu tài khoản › Xác thực hai lớp để bật mã từ ứng dụng trên điện thoại.",
            "Đăng xuất sau khi dùng máy ở phòng máy hoặc thư viện.",
        ],
    ),
]

DOCUMENTS = [
    (
        "583/KH-PGDĐT",
        DocumentType.PLAN,
        "Phòng Giáo dục và Đào tạo quận Hoa Sen",
        (2026, 9, 12),
        "Nguyễn Văn Bình",
        "Kế hoạch triển khai giáo dục an toàn trên không gian mạng cho học sinh tiểu học năm học 2026–2027",
    ),
    (
        "112/CV-THHS",
        DocumentType.LETTER,
        "Trường Tiểu học Hoa Sen",
        (2026, 10, 2),
        "Lê Thị Thu",
        "Về việc tổ chức Hội khoẻ Phù Đổng cấp trường",
    ),
    (
        "45/QĐ-THHS",
        DocumentType.DECISION,
        "Trường Tiểu học Hoa Sen",
        (2026, 8, 25),
        "Lê Thị Thu",
        "Quyết định thành lập Ban biên tập cổng thông tin điện tử nhà trường",
    ),
    (
        "07/TB-THHS",
        DocumentType.NOTICE,
        "Trường Tiểu học Hoa Sen",
        (2026, 11, 3),
        "Lê Thị Thu",
        "Thông báo lịch họp cha mẹ học sinh giữa học kỳ I",
    ),
    (
        "1234/HD-SGDĐT",
        DocumentType.GUIDELINE,
        "Sở Giáo dục và Đào tạo Hà Nội",
        (2025, 9, 1),
        "Trần Quốc Hùng",
        "Hướng dẫn thực hiện nhiệm vụ giáo dục tiểu học năm học 2025–2026",
    ),
    (
        "1500/HD-SGDĐT",
        DocumentType.GUIDELINE,
        "Sở Giáo dục và Đào tạo Hà Nội",
        (2026, 9, 3),
        "Trần Quốc Hùng",
        "Hướng dẫn thực hiện nhiệm vụ giáo dục tiểu học năm học 2026–2027",
    ),
    (
        "20/BC-THHS",
        DocumentType.REPORT,
        "Trường Tiểu học Hoa Sen",
        (2026, 6, 10),
        "Lê Thị Thu",
        "Báo cáo tổng kết năm học 2025–2026",
    ),
]


def _font(size: int):
    try:
        return ImageFont.truetype(FONT_PATH, size)
    except OSError:
        return ImageFont.load_default()


def _picture(title: str, hue: int) -> ContentFile:
    image = Image.new("RGB", (960, 540), (20 + hue % 60, 80 + hue % 120, 140 + hue % 100))
    draw = ImageDraw.Draw(image)
    for i in range(0, 960, 48):
        draw.ellipse((i, 400 - (i % 96), i + 90, 490 - (i % 96)), fill=(255, 214, 107))
    draw.text((40, 40), title[:40], fill="white", font=_font(36))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    upload = ContentFile(out.getvalue(), name="anh.jpg")
    return upload


def _pdf(lines: list[str]) -> bytes:
    page = Image.new("RGB", (1240, 1754), "white")  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    y = 120
    for index, text in enumerate(lines):
        for line in textwrap.wrap(text, 60) or [""]:
            draw.text((120, y), line, fill="black", font=_font(34 if index == 0 else 26))
            y += 70 if index == 0 else 46
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150)
    return out.getvalue()


def _xlsx(title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([title])
    sheet.append(["Lớp", "Sĩ số", "Hoàn thành tốt", "Hoàn thành"])
    for grade in range(1, 6):
        sheet.append([f"Khối {grade}", 120 + grade, 60 + grade, 58])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def ensure_category(*, name: str, parent: Category | None = None, position: int = 0) -> Category:
    """The category called `name`, made if missing. Categories are otherwise kept in the admin."""
    category, _created = Category.objects.get_or_create(
        slug=slugify_vi(name), defaults={"name": name, "parent": parent, "position": position}
    )
    return category


def seed(ctx) -> None:
    teacher = ctx.users["teacher"]  # homeroom teacher of 5A, may publish
    # A homeroom teacher who writes but may not publish (not the collaborator).
    writer = next(
        (u for u in ctx.staff if u.is_school_staff and not (u.can_publish or u.can_moderate)),
        teacher,
    )
    root_news = ensure_category(name="Tin tức", position=1)
    events = ensure_category(name="Tin tức sự kiện", parent=root_news, position=1)
    school_news = ensure_category(name="Tin tức nhà trường", parent=events, position=1)
    activities = ensure_category(name="Hoạt động ngoại khoá", parent=events, position=2)
    admissions = ensure_category(name="Tuyển sinh", parent=root_news, position=2)
    root_guidance = ensure_category(name="Hướng dẫn", position=2)
    for_pupils = ensure_category(name="Bài học an toàn trên mạng", parent=root_guidance, position=1)
    for_parents = ensure_category(name="Góc phụ huynh", parent=root_guidance, position=2)
    for_staff = ensure_category(name="Dành cho giáo viên", parent=root_guidance, position=3)

    now = ctx.now
    made = 0

    def add(title, summary, paragraphs, *, kind, category, audience, days_ago, picture=False,
            status=Status.PUBLISHED, author=teacher):  # fmt: skip
        nonlocal made
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
        if kind == Kind.GUIDANCE and len(paragraphs) > 2:
            body = (
                f"<p>{paragraphs[0]}</p><ul>"
                + "".join(f"<li>{p}</li>" for p in paragraphs[1:])
                + "</ul>"
            )
        article = services.create_article(
            by=author, kind=kind, category=category, title=title, summary=summary,
            body=body, audience=audience,
        )  # fmt: skip
        created = now - datetime.timedelta(days=days_ago, hours=ctx.rng.randint(0, 9))
        Article.objects.filter(pk=article.pk).update(created_at=created, updated_at=created)
        article.refresh_from_db()
        if picture:
            services.set_featured_image(
                article=article, upload=_picture(title, made * 37), by=author
            )
            article.featured_alt = title
            article.save(update_fields=["featured_alt"])
        if status == Status.PUBLISHED:
            services.publish_article(article=article, by=teacher, publish_at=created)
            Article.objects.filter(pk=article.pk).update(
                view_count=ctx.rng.randint(20, 900),
                rating_sum=0,
            )
        elif status == Status.SUBMITTED:
            services.submit_article(article=article, by=author)
        made += 1
        return article

    for index, (title, summary, paragraphs) in enumerate(NEWS):
        category = admissions if "tuyển sinh" in title.lower() else (
            activities if index % 3 == 1 else school_news
        )  # fmt: skip
        add(title, summary, paragraphs, kind=Kind.NEWS, category=category,
            audience=Audience.PUBLIC, days_ago=2 + index * 4, picture=index < 6)  # fmt: skip
    for index, (title, summary, paragraphs) in enumerate(GUIDANCE_PUPILS):
        add(title, summary, paragraphs, kind=Kind.GUIDANCE, category=for_pupils,
            audience=Audience.PUBLIC if index < 6 else Audience.PUPILS,
            days_ago=3 + index * 5)  # fmt: skip
    for index, (title, summary, paragraphs) in enumerate(GUIDANCE_PARENTS):
        add(title, summary, paragraphs, kind=Kind.GUIDANCE, category=for_parents,
            audience=Audience.PUBLIC if index < 4 else Audience.PARENTS,
            days_ago=4 + index * 6)  # fmt: skip
    for index, (title, summary, paragraphs) in enumerate(GUIDANCE_STAFF):
        add(title, summary, paragraphs, kind=Kind.GUIDANCE, category=for_staff,
            audience=Audience.STAFF, days_ago=10 + index * 9)  # fmt: skip

    # The workflow in motion: one waiting for review, one draft, one scheduled.
    add("Lớp 5A trải nghiệm làm bánh chưng", "Các em học gói bánh chưng cùng ông bà.",
        ["Buổi trải nghiệm giúp các em hiểu thêm phong tục ngày Tết."], kind=Kind.NEWS,
        category=activities, audience=Audience.PUBLIC, days_ago=0,
        status=Status.SUBMITTED, author=writer)  # fmt: skip
    add("Chuẩn bị cho tuần lễ học tốt (bản nháp)", "", ["Nội dung đang viết."], kind=Kind.NEWS,
        category=school_news, audience=Audience.PUBLIC, days_ago=0,
        status=Status.DRAFT, author=writer)  # fmt: skip
    scheduled = add("Lịch nghỉ Tết Dương lịch 2027", "Học sinh nghỉ học ngày 1/1/2027.",
        ["Học sinh đi học trở lại vào thứ Hai ngày 4/1/2027."], kind=Kind.NEWS,
        category=school_news, audience=Audience.PUBLIC, days_ago=0, status=Status.DRAFT)  # fmt: skip
    services.publish_article(
        article=scheduled, by=teacher, publish_at=now + datetime.timedelta(days=3)
    )

    documents: dict[str, Document] = {}
    for number, doc_type, issuer, (y, m, d), signer, summary in DOCUMENTS:
        issued = datetime.date(y, m, d)
        document = Document(
            number=number, doc_type=doc_type, issuer=issuer, issued_on=issued, signer=signer,
            summary=summary, effective_on=issued,
            recipients="- Các trường tiểu học trên địa bàn;\n- Lưu: VT.",
        )  # fmt: skip
        if doc_type == DocumentType.REPORT:
            upload = ContentFile(_xlsx(summary), name=f"{number.replace('/', '-')}.xlsx")
        else:
            upload = ContentFile(
                _pdf([f"{issuer.upper()}", f"Số: {number}", summary, "",
                      f"Hà Nội, ngày {d:02d} tháng {m:02d} năm {y}", f"Người ký: {signer}"]),
                name=f"{number.replace('/', '-')}.pdf",
            )  # fmt: skip
        if number == "1500/HD-SGDĐT":
            document.replaces = documents.get("1234/HD-SGDĐT")
        documents[number] = services.save_document(document=document, by=teacher, upload=upload)
    old = documents["1234/HD-SGDĐT"]
    old.expires_on = datetime.date(2026, 9, 3)
    old.save(update_fields=["expires_on"])
    ctx.log.append(
        f"Tin tức: {Article.objects.count()} bài viết trong 9 chuyên mục, {len(documents)} văn bản"
    )
