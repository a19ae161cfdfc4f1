from .models import Notification


def navigation_counts(request) -> dict[str, int]:
    return {"notifications": Notification.objects.for_user(request.user).unread().count()}
