"""Fill the folded name of every existing account so the search finds them too."""

from django.db import migrations

from accounts.search import search_name_for


def fill_search_name(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    batch = []
    # Historical models have no custom save(): set the column explicitly.
    for user in User.objects.only("pk", "full_name").iterator(chunk_size=2000):
        user.search_name = search_name_for(user.full_name)
        batch.append(user)
        if len(batch) >= 2000:
            User.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        User.objects.bulk_update(batch, ["search_name"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_user_search_name")]

    operations = [migrations.RunPython(fill_search_name, migrations.RunPython.noop, elidable=True)]
