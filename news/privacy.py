"""Personal data in news (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Article, InlineImage, Rating, Revision

_PUBLISHED = "Bài viết đã đăng là tài liệu của nhà trường; tác giả hiện là “Người dùng đã xoá”."

privacy.register(Article, owner_fields=("author",), erase=privacy.KEEP, reason=_PUBLISHED)
privacy.register(Revision, owner_fields=("author",), erase=privacy.KEEP, reason=_PUBLISHED)
privacy.register(
    InlineImage,
    owner_fields=("uploaded_by",),
    erase=privacy.KEEP,
    reason="Ảnh nằm trong bài viết đã đăng của nhà trường.",
)
privacy.register(Rating, owner_fields=("user",), erase=privacy.DELETE)
