from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import services
from .models import Notification


def notification_list(request):
    page = Paginator(Notification.objects.for_user(request.user), 30).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def notification_open(request, pk: int):
    notification = services.mark_read(user=request.user, notification_id=pk)
    target = notification.url if notification is not None else ""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = reverse("notifications:list")
    return redirect(target)


@require_POST
def notification_mark_all_read(request):
    services.mark_all_read(user=request.user)
    return redirect("notifications:list")
