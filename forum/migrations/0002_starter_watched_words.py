"""Our own starter list of watched words (Vietnamese and English).

Collaborators edit the list afterwards; this migration only adds words that are
missing and never removes any. Matching ignores diacritics and case and sees
through spacing and digit-for-letter tricks, so each word is written once.
"""

from django.db import migrations

BLOCK = "block"
HOLD = "hold"
CENSOR = "censor"
FLAG = "flag"

STARTER_WORDS = [
    # Vietnamese. A word written with other marks is another word ("lớn" is not
    # "lồn"), but the same letters written bare are matched, so words whose bare
    # form is also an everyday word are held for a person to look, not blocked.
    ("địt", BLOCK), ("đụ má", BLOCK), ("địt mẹ", BLOCK), ("con đĩ", BLOCK), ("vãi lồn", BLOCK),
    ("lồn", HOLD), ("buồi", HOLD), ("cặc", HOLD), ("đéo", FLAG),
    ("đmm", CENSOR), ("dcm", CENSOR), ("vcl", CENSOR), ("vkl", CENSOR), ("mẹ mày", CENSOR),
    ("đồ ngu", HOLD), ("thằng ngu", HOLD), ("con ngu", HOLD), ("óc chó", HOLD),
    ("mặt lợn", HOLD), ("đồ béo", HOLD), ("đồ điên", HOLD), ("cút đi", HOLD),
    ("chết đi", HOLD), ("tự tử", HOLD), ("giết mày", HOLD), ("đánh chết", HOLD),
    ("tẩy chay", FLAG), ("hội anti", FLAG), ("số điện thoại", FLAG), ("địa chỉ nhà", FLAG),
    ("gặp riêng", FLAG), ("zalo", FLAG),
    # English.
    ("fuck", BLOCK), ("motherfucker", BLOCK), ("cunt", BLOCK), ("send nudes", BLOCK),
    ("shit", CENSOR), ("bitch", CENSOR), ("asshole", CENSOR), ("bastard", CENSOR),
    ("kill yourself", HOLD), ("kys", HOLD), ("you are ugly", HOLD), ("meet me alone", HOLD),
    ("loser", FLAG), ("stupid", FLAG), ("idiot", FLAG),
]  # fmt: skip


def add_words(apps, schema_editor):
    WatchedWord = apps.get_model("forum", "WatchedWord")
    existing = set(WatchedWord.objects.values_list("word", flat=True))
    WatchedWord.objects.bulk_create(
        WatchedWord(word=word, action=action) for word, action in STARTER_WORDS if word not in existing
    )


class Migration(migrations.Migration):
    dependencies = [("forum", "0001_initial")]
    operations = [migrations.RunPython(add_words, migrations.RunPython.noop)]
