from django.db import migrations

GROUP = "Cộng tác viên viết bài"


def create_group(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("accounts"), apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.set(
        Permission.objects.filter(content_type__app_label="accounts", codename="contribute")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_capability_groups")]
    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [
                    ("publish", "Duyệt và xuất bản bài viết"),
                    ("moderate", "Kiểm duyệt diễn đàn"),
                    ("administer", "Quản trị tài khoản và nhà trường"),
                    ("contribute", "Đề xuất bài viết để duyệt"),
                ],
                "verbose_name": "người dùng",
                "verbose_name_plural": "người dùng",
            },
        ),
        migrations.RunPython(create_group, remove_group),
    ]
