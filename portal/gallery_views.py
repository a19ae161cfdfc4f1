"""Thư viện ảnh: albums for families, a few public ones for the website."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lib.downloads import private_file_response

from . import services
from .access import get_album_for_reader, get_photo_for_editor, may_edit_website, require_editor
from .forms import AlbumForm, PhotoUploadForm
from .models import Album, Photo


@login_not_required
def album_list(request):
    albums = Album.objects.visible_to(request.user).select_related("cover")
    page = Paginator(albums, 12).get_page(request.GET.get("page"))
    may_edit = may_edit_website(request.user)
    return render(request, "portal/album_list.html", {"page": page, "may_edit": may_edit})


@login_not_required
def album_detail(request, slug: str):
    album = get_album_for_reader(request.user, slug)
    page = Paginator(album.photos.all(), 24).get_page(request.GET.get("page"))
    may_edit = may_edit_website(request.user)
    context = {
        "album": album,
        "page": page,
        "may_edit": may_edit,
        "upload_form": PhotoUploadForm() if may_edit else None,
    }
    return render(request, "portal/album_detail.html", context)


def album_add(request: HttpRequest) -> HttpResponse:
    editor = require_editor(request.user)
    form = AlbumForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        album = services.create_album(by=editor, **form.cleaned_data)
        messages.success(request, _("Đã tạo album. Hãy tải ảnh lên."))
        return redirect(album)
    return render(request, "portal/album_form.html", {"form": form})


@require_POST
def photos_add(request: HttpRequest, slug: str) -> HttpResponse:
    editor = require_editor(request.user)
    album = get_album_for_reader(request.user, slug)
    form = PhotoUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        page = Paginator(album.photos.all(), 24).get_page(1)
        context = {"album": album, "page": page, "may_edit": True, "upload_form": form}
        return render(request, "portal/album_detail.html", context, status=400)
    images = form.cleaned_data["images"]
    services.add_photos(
        album=album,
        images=images,
        captions=[form.cleaned_data["caption"]] * len(images),
        by=editor,
    )
    messages.success(request, _("Đã tải lên %(n)s ảnh.") % {"n": len(images)})
    return redirect(album)


@require_POST
def photo_delete(request, pk: int):
    photo = get_photo_for_editor(request.user, pk)
    services.delete_photo(photo=photo, by=require_editor(request.user))
    messages.success(request, _("Đã xoá ảnh."))
    return redirect(photo.album)


_SIZES = {"goc": "image", "nho": "small", "vua": "medium"}


@login_not_required
def photo_file(request, pk: int, size: str):
    """A photo, only for those who may see its album (families-only albums are private)."""
    field_name = _SIZES.get(size)
    if field_name is None:
        raise Http404
    photo = get_object_or_404(
        Photo.objects.filter(album__in=Album.objects.visible_to(request.user)), pk=pk
    )
    stored = getattr(photo, field_name) or photo.image
    response = private_file_response(stored, content_type=_content_type(stored.name))
    # Browsers may keep it, shared caches may not: the next person may not be allowed.
    response["Cache-Control"] = "private, max-age=86400"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response


def _content_type(name: str | None) -> str:
    extension = (name or "").rsplit(".", 1)[-1].lower()
    return {"jpg": "image/jpeg", "png": "image/png", "webp": "image/webp"}.get(
        extension, "application/octet-stream"
    )
