"""Load the starter list from forum/data/watched_words.tsv, with categories.

Words already in the list get their category. Words nobody has touched since the
first starter list (no `created_by`) also take the new list's action; a word a
collaborator has set keeps the action they chose. Starter words the new list
drops (too broad: "zalo" alone, "mẹ mày", which children write of each other's
mothers) are removed only while untouched.
"""

from django.db import migrations

from forum.screening import starter_rules

RETIRED = [
    ("zalo", "flag"),
    ("số điện thoại", "flag"),
    ("địa chỉ nhà", "flag"),
    ("chết đi", "hold"),
    ("mẹ mày", "censor"),
]


def load_starter_list(apps, schema_editor):
    WatchedWord = apps.get_model("forum", "WatchedWord")
    existing = {row.word: row for row in WatchedWord.objects.all()}
    missing = []
    for rule in starter_rules():
        row = existing.get(rule.word)
        if row is None:
            missing.append(
                WatchedWord(word=rule.word, category=rule.category, action=rule.effective_action)
            )
            continue
        row.category = rule.category
        fields = ["category"]
        if row.created_by_id is None:
            row.action = rule.effective_action
            fields.append("action")
        row.save(update_fields=fields)
    WatchedWord.objects.bulk_create(missing)
    for word, action in RETIRED:
        WatchedWord.objects.filter(word=word, action=action, created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("forum", "0004_watched_word_category")]
    operations = [migrations.RunPython(load_starter_list, migrations.RunPython.noop)]
