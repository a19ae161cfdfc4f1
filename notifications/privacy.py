"""Personal data in the notification centre (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Delivery, Notification, Preference, PushSubscription, QuietHours

# A child's notification centre is theirs: no page shows it to a parent, and its titles
# and links repeat what they are about ("Nhà trường đã trả lời: <a case the child hid>").
# The records themselves go into a parent's download under their own rules.
privacy.register(
    Notification, owner_fields=("recipient",), erase=privacy.DELETE, for_guardian=privacy.HIDE
)
privacy.register(Preference, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(QuietHours, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(
    Delivery, owner_fields=("recipient",), erase=privacy.DELETE, for_guardian=privacy.HIDE
)
# A phone's push address and keys: the person's own, gone with the account.
privacy.register(
    PushSubscription,
    owner_fields=("user",),
    erase=privacy.DELETE,
    exclude=("p256dh", "auth"),  # keys to encrypt to one browser: no use to anyone else
    for_guardian=privacy.HIDE,
)
