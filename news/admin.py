from django.contrib import admin
from django.db import models

from lib.widgets import PrivateFileInput

from . import services
from .models import Article, Category, Document


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "position")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    """Read and archive only: writing goes through the site's editor and its workflow."""

    list_display = ("title", "kind", "status", "audience", "publish_at", "view_count")
    list_filter = ("status", "kind", "audience")
    search_fields = ("title",)
    readonly_fields = [f.name for f in Article._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """The documents register is kept here by editors; saving goes through the service."""

    list_display = ("number", "doc_type", "issuer", "issued_on", "download_count")
    list_filter = ("doc_type", "issuer")
    search_fields = ("number", "summary")
    exclude = ("file_name", "file_size", "content_type")
    # Documents live in private storage: the admin may replace the file but not link to it.
    formfield_overrides = {models.FileField: {"widget": PrivateFileInput}}

    def save_model(self, request, obj, form, change):
        upload = form.cleaned_data.get("file") if "file" in form.changed_data else None
        if upload is not None:
            obj.file = None
        services.save_document(document=obj, by=request.user, upload=upload)
