from django.core.files.base import ContentFile
from django.tasks import task

from lib.images import make_rendition


@task()
def make_photo_renditions(photo_id: int) -> None:
    """Small (320 px) and medium (960 px) WebP copies of a gallery photo."""
    from .models import Photo

    photo = Photo.objects.filter(pk=photo_id).first()
    if photo is None or photo.small:
        return  # deleted meanwhile, or a retried task that already ran
    with photo.image.open("rb") as source:
        data = source.read()
    stem = photo.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    photo.small.save(f"{stem}-320.webp", ContentFile(make_rendition(data, 320)), save=False)
    photo.medium.save(f"{stem}-960.webp", ContentFile(make_rendition(data, 960)), save=False)
    photo.save(update_fields=["small", "medium"])
