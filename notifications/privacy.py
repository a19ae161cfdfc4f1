"""Personal data in the notification centre (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Delivery, Notification, Preference, QuietHours

privacy.register(Notification, owner_fields=("recipient",), erase=privacy.DELETE)
privacy.register(Preference, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(QuietHours, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(Delivery, owner_fields=("recipient",), erase=privacy.DELETE)
