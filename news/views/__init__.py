"""News pages: reading (public where the audience allows), writing and reviewing (staff).

Split by meaning once the single module passed ~600 lines (DESIGN.md); news/urls.py
still reaches every view as `views.<name>`, so they are re-exported here.
"""

from .documents import document_detail, document_file, document_form, document_list
from .editorial import (
    article_archive,
    article_publish,
    article_return,
    article_revisions,
    review_queue,
    revision_diff,
    revision_restore,
)
from .reading import (
    article_detail,
    article_print,
    article_rate,
    article_report,
    attachment_download,
    category_detail,
    guidance_index,
    news_index,
)
from .writing import (
    article_create,
    article_edit,
    article_preview,
    article_submit,
    attachment_delete,
    image_upload,
    my_articles,
)

__all__ = [
    "article_archive",
    "article_create",
    "article_detail",
    "article_edit",
    "article_preview",
    "article_print",
    "article_publish",
    "article_rate",
    "article_report",
    "article_return",
    "article_revisions",
    "article_submit",
    "attachment_delete",
    "attachment_download",
    "category_detail",
    "document_detail",
    "document_file",
    "document_form",
    "document_list",
    "guidance_index",
    "image_upload",
    "my_articles",
    "news_index",
    "review_queue",
    "revision_diff",
    "revision_restore",
]
