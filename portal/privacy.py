"""Personal data on the school website (lib.privacy contract; imported in PortalConfig.ready())."""

from lib import privacy

from .models import Album, Event

# Only who created the line or album: on deletion the mention is cleared.
privacy.register(Event, owner_fields=(), erase=privacy.KEEP, reason="Lịch công tác của nhà trường.")
privacy.register(Album, owner_fields=(), erase=privacy.KEEP, reason="Album ảnh của nhà trường.")
