from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from portal.seed import SeedContext

# Each app may offer `<app>.seed.seed(ctx)`; they run in this order.
SEED_APPS = ("portal", "news", "lessons", "forum", "announcements", "conversations")
DEMO_LOGINS = ("admin", "teacher", "moderator", "parent", "pupil")


class Command(BaseCommand):
    help = "Seed the demo school (Trường Tiểu học Hoa Sen) into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Seed even with DEBUG off.")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when users already exist.",
        )

    def handle(self, *args, force=False, if_empty=False, **options):
        if not settings.DEBUG and not settings.DEMO and not force:
            raise CommandError(
                "seed_demo tạo mật khẩu ai cũng biết nên không chạy khi DEBUG tắt (dùng --force nếu thật sự muốn)."
            )
        if User.objects.exists():
            if if_empty:
                self.stdout.write("Cơ sở dữ liệu đã có người dùng: bỏ qua dữ liệu mẫu.")
                return
            raise CommandError(
                "Cơ sở dữ liệu đã có người dùng: seed_demo chỉ điền vào cơ sở dữ liệu trống."
            )
        ctx = SeedContext()
        with transaction.atomic():
            import_module("accounts.seed").seed(ctx, password=settings.DEMO_PASSWORD)
            for app in SEED_APPS:
                try:
                    module = import_module(f"{app}.seed")
                except ModuleNotFoundError as error:
                    if error.name != f"{app}.seed":
                        raise
                    continue
                module.seed(ctx)
        for line in ctx.log:
            self.stdout.write(line)
        self.stdout.write(
            self.style.SUCCESS(
                "Trường mẫu đã sẵn sàng. Tài khoản đăng nhập (mật khẩu: %s):"
                % settings.DEMO_PASSWORD
            )
        )
        for username in DEMO_LOGINS:
            user = ctx.users[username]
            self.stdout.write(f"  {username:<10} {user.full_name} ({user.get_role_display()})")
