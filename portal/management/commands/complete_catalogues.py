"""Keep the vi and en catalogues complete.

Our msgids are Vietnamese, so the vi catalogue's translation of each entry is
its msgid; this command writes those. The en catalogue needs a person: with
--check the command fails listing every English entry still missing.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Fill the vi catalogue from msgids; with --check, fail on missing or fuzzy English entries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check=False, **options):
        base = Path(settings.LOCALE_PATHS[0])
        vi_path = base / "vi" / "LC_MESSAGES" / "django.po"
        en_path = base / "en" / "LC_MESSAGES" / "django.po"
        vi = polib.pofile(str(vi_path))
        filled = 0
        for entry in vi:
            if entry.obsolete:
                continue
            # msgids are Vietnamese: the Vietnamese translation is the msgid itself,
            # whatever msgmerge may have guessed.
            if entry.msgid_plural:
                if entry.msgstr_plural != {0: entry.msgid}:
                    entry.msgstr_plural = {0: entry.msgid}
                    filled += 1
            elif entry.msgstr != entry.msgid:
                entry.msgstr = entry.msgid
                filled += 1
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
                filled += 1
        if filled and check:
            raise CommandError(f"{filled} Vietnamese entries were empty; run `make messages`.")
        if filled:
            vi.save()
            vi.save_as_mofile(str(vi_path.with_suffix(".mo")))
        en = polib.pofile(str(en_path))
        missing = [
            e.msgid for e in en if not e.obsolete and (not e.translated() or "fuzzy" in e.flags)
        ]
        if missing and check:
            raise CommandError("English translations missing:\n  " + "\n  ".join(missing))
        if not check:
            en.save_as_mofile(str(en_path.with_suffix(".mo")))
        self.stdout.write(f"vi: {filled} filled; en: {len(missing)} missing")
