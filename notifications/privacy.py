"""Personal data in the notification centre (accounts.privacy contract).

`Notification` itself is registered by accounts/privacy/own.py.
"""

from accounts import privacy

from .models import Delivery, Preference, QuietHours

privacy.register(Preference, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(QuietHours, owner_fields=("user",), erase=privacy.DELETE)
privacy.register(Delivery, owner_fields=("recipient",), erase=privacy.DELETE)
