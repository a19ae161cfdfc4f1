"""Settings for Cổng Trường: one file, read from the environment.

SQLite under var/ works with no variable set; DATABASE_URL switches to
PostgreSQL, REDIS_URL adds a shared cache and cache-backed sessions.
"""

import os
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static as _static
from django.utils.csp import CSP
from django.utils.functional import lazy as _lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    lowered = raw.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def database_from_url(url: str) -> dict:
    """Translate postgres://user:pass@host:port/name?opt=v into Django's dict."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(
            f"DATABASE_URL must be postgres://…, got scheme {parts.scheme!r}"
        )
    options: dict[str, object] = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    # A request waits at most DB_POOL_TIMEOUT seconds for a connection: through a short
    # PostgreSQL restart it waits and succeeds; past that it gets the 503 page.
    options.setdefault(
        "pool",
        {
            "min_size": 1,
            "max_size": env_int("DB_POOL_MAX", 10),
            "timeout": env_int("DB_POOL_TIMEOUT", 10),
        },
    )
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "OPTIONS": options,
        "TEST": {"NAME": f"test_{unquote(parts.path.lstrip('/'))}"},
    }


TESTING = "pytest" in sys.modules or env_bool("TESTING", False)
# `make run` is a demo on the IT person's own machine: served with DEBUG off, so
# that anyone who opens a page they may not see gets the portal's own 403/404/500
# pages and never Django's technical ones with the list of every address, but over
# plain HTTP on the loopback address, with media served by Django, e-mail printed to
# the console and a secret key generated into var/ on the first run.
DEMO = env_bool("DEMO", False)
DEBUG = env_bool("DEBUG", not DEMO)


def _demo_secret_key(path: Path) -> str:
    if not path.exists():
        import secrets

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY and DEMO:
    SECRET_KEY = _demo_secret_key(BASE_DIR / "var" / "secret_key")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG=0 the portal needs a long random SECRET_KEY "
            "in the environment, e.g. `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-0123456789abcdef"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG or DEMO else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SCHOOL_NAME = env_str("SCHOOL_NAME", "Trường Tiểu học Hoa Sen")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_prose_editor",
    "django_tasks_db",
    # Our apps, in dependency order: each may import only those above it.
    "accounts",
    "notifications",
    "news",
    "lessons",
    "forum",
    "announcements",
    "conversations",
    "portal",
    "reports",
]

MIDDLEWARE = [
    "portal.middleware.PrivacyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.IdleSessionMiddleware",
    "portal.middleware.SchoolLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.middleware.HtmxLoginRedirectMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.PasswordChangeRequiredMiddleware",
    "portal.visits.VisitCounterMiddleware",
    # Last: whole anonymous pages from the cache, inside every other middleware.
    "portal.page_cache.AnonymousPageCacheMiddleware",
]

# `make bench` adds a trivial page to measure against (portal/bench_urls.py).
ROOT_URLCONF = "portal.bench_urls" if env_bool("BENCH_URLS", False) else "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # i18n and static are used on every page; loading them everywhere by hand invites mistakes.
            "builtins": [
                "django.templatetags.i18n",
                "django.templatetags.static",
                "portal.templatetags.portal_tags",
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "portal.context_processors.navigation_counts",
                "portal.context_processors.site_menu",
                # Last: placeholders for the CSRF token and nonce in pages the cache keeps.
                "portal.page_cache.placeholders",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
else:
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "portal.sqlite3")),
            "OPTIONS": {
                # IMMEDIATE takes the write lock at BEGIN, so two writers queue
                # behind the busy timeout instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and sessions ---------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL and TESTING and os.environ.get("PYTEST_XDIST_WORKER"):
    # Parallel test workers get one Redis database each (15, 14, ...), so that one
    # worker's cache.clear() cannot empty the cache under another worker's test.
    _worker = int(os.environ["PYTEST_XDIST_WORKER"].removeprefix("gw"))
    REDIS_URL = urlsplit(REDIS_URL)._replace(path=f"/{15 - _worker}").geturl()
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache that lets the site serve on when Redis is down (lib/cache.py).
            "BACKEND": "lib.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_PREFIX", "congtruong"),
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    if TESTING:
        # Query-count tests name every query, the session read included; with the
        # cache in front that read would vanish on some runs and not others.
        SESSION_ENGINE = "django.contrib.sessions.backends.db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# A school computer lab shares machines: a session idles out after 30 minutes
# and ends with the browser, unless the person ticks "remember me". The idle
# mark is written at most once a minute (portal.middleware.IdleSessionMiddleware),
# not on every page.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
SESSION_TOUCH_SECONDS = env_int("SESSION_TOUCH_SECONDS", 60)
# Anonymous pages kept whole in the cache at most this long (portal/page_cache.py);
# writes throw them out sooner. 0 turns the page cache off.
# Off in tests, so that each view's own query count is what the tests measure;
# tests/portal/test_page_cache.py turns it on.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if TESTING else 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Authentication -------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # ModelBackend with permissions (capabilities) kept in the cache.
    "accounts.backends.CachedPermissionsBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    # Hashing is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "accounts.adapter.SchoolAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_USER_DISPLAY = "accounts.models.display_name"
ACCOUNT_RATE_LIMITS = {
    # Wrong passwords never lock an account (anyone could lock a teacher or a
    # classmate out): each account waits longer after each wrong password
    # (accounts/login_throttle.py: 5 free, then 1 s, 2 s, 4 s … at most 15 min,
    # the owner never waits longer than that), and one address has a budget of
    # wrong passwords for all accounts together, sized for a computer lab of 40
    # pupils behind one address (5 typos each an hour).
    #
    # What an attacker gains, however many addresses they use:
    # - per account: 5 tries at once, 10 more in the next 17 minutes (waits of
    #   1+2+…+512 s), then one every 15 minutes: 17 in the first hour, 4 an hour
    #   after that, about 110 a day (the old 5 per 5 minutes allowed 60 an hour,
    #   1,440 a day). Each time the owner logs in the count starts again, which
    #   gives at most 15 more tries per login of the owner's.
    # - per address: 200 wrong passwords an hour over all accounts, 4,800 a day
    #   (the old 20 a minute allowed 1,200 an hour).
    # Against a school-issued password (10 characters of 56: 56^10, about 3e17)
    # 110 tries a day are nothing; a chosen one passes Django's validators
    # (length, common passwords, not all digits).
    "login_failed_address": "200/h/ip",
    # Wrong second-factor codes (staff only, after the right password).
    "login_failed": "20/m/ip,5/5m/key",
    # Every login form sent, right or wrong: a lab of 40 logging in at once.
    "login": "120/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Behind nginx every request comes from 127.0.0.1, and the per-address limits
# above would count the whole school as one address. Set TRUSTED_PROXY_COUNT to
# the number of proxies in front (1 for one nginx) so that the visitor's address
# is read from X-Forwarded-For; at 0 the header, which anyone can forge, is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SCHOOL_NAME

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our catalogue first; then Vietnamese for allauth, which ships none.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_allauth"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["portal.formats"]

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Uploads only views that check access may serve (forum pictures, attachments,
# documents, families-only photos). Never under MEDIA_ROOT, never served by nginx.
PRIVATE_MEDIA_ROOT = Path(
    env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private" / "media"))
)
# Behind nginx (deploy/nginx-congtruong.conf), private files are sent by nginx after
# the view's access check: the view answers X-Accel-Redirect to the internal
# location PRIVATE_FILES_X_ACCEL_PREFIX, which nginx maps to PRIVATE_FILES_ROOT
# (lib/downloads.py). Without it (gunicorn alone, development) Django streams them.
PRIVATE_FILES_X_ACCEL = env_bool("PRIVATE_FILES_X_ACCEL", False)
PRIVATE_FILES_ROOT = Path(env_str("PRIVATE_FILES_ROOT", str(BASE_DIR / "var" / "private")))
PRIVATE_FILES_X_ACCEL_PREFIX = "/_private/"
if TESTING:
    import tempfile

    PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="congtruong-private-"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- E-mail and background work ---------------------------------------------
# Development prints e-mail to the console; production sets EMAIL_BACKEND to
# "django.core.mail.backends.smtp.EmailBackend" and the EMAIL_* variables.
EMAIL_BACKEND_PATH = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
_mailer_options: dict = {}
if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend"):
    _mailer_options = {
        "host": env_str("EMAIL_HOST", "localhost"),
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 20),
    }
elif EMAIL_BACKEND_PATH.endswith("filebased.EmailBackend"):
    _mailer_options = {"file_path": str(BASE_DIR / "var" / "mail")}
MAILERS = {"default": {"BACKEND": EMAIL_BACKEND_PATH, "OPTIONS": _mailer_options}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SCHOOL_NAME} <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
        ),
        "QUEUES": ["default"],
    }
}

# --- Front end --------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------
# Every page is same-origin only: the portal must work on a school LAN with no
# internet, so nothing may be loaded from elsewhere.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-src": [CSP.SELF, "https://www.youtube-nocookie.com", "https://www.youtube.com"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
# The refusal of a form sent from a stale page, in the site's layout and in Vietnamese.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"
SECURE_REFERRER_POLICY = "same-origin"
# Old browsers get DENY; CSP-aware ones follow frame-ancestors, which lets our
# own pages embed our own PDFs.
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
if not DEBUG and not DEMO:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
SILENCED_SYSTEM_CHECKS = [] if env_bool("HSTS_PRELOAD_CHECK", False) else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Demo school seed (make run).
DEMO_PASSWORD = env_str("DEMO_PASSWORD", "hoasen2026")

# --- news ---
# The rich-text editor (django-prose-editor 0.28 / Tiptap) injects one fixed
# <style> element with its base CSS; allow exactly that stylesheet by its hash
# instead of 'unsafe-inline'. Recompute the hash when upgrading the editor
# (Chromium prints the expected value in its CSP console message).
SECURE_CSP["style-src"] = [
    *SECURE_CSP["style-src"],
    "'sha256-PlumsSlvJ7vvWzjqibGAYKq92O3y/4JTxWWsWJvyUYA='",
]


def _editor_extension_adds_no_markup(config: object, allowlist: object) -> None:
    """ImageUpload inserts the editor's own <img>: nothing more to allow."""


# Our own editor extension: the picture button, paste and drop (news.forms.EDITOR_EXTENSIONS).
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [_lazy(_static, str)("js/editor-image-upload.js")],
        "extensions": {"ImageUpload": _editor_extension_adds_no_markup},
    }
]

# --- forum ---
FORUM_POSTS_PER_PAGE = env_int("FORUM_POSTS_PER_PAGE", 20)
FORUM_EDIT_WINDOW_MINUTES = env_int("FORUM_EDIT_WINDOW_MINUTES", 15)
# Distinct readers whose reports hide a post until a moderator has looked.
FORUM_REPORT_HIDE_THRESHOLD = env_int("FORUM_REPORT_HIDE_THRESHOLD", 3)
# Accounts younger than this are "new" for boards that pre-moderate new accounts.
FORUM_NEW_ACCOUNT_DAYS = env_int("FORUM_NEW_ACCOUNT_DAYS", 14)

# --- lessons ---
# Files of a lesson's sections, stored on the school's own server (private media).
# nginx's client_max_body_size for the section form (deploy/nginx-congtruong.conf)
# must cover the video, its poster, one recording and one worksheet together.
LESSON_VIDEO_MAX_MB = env_int("LESSON_VIDEO_MAX_MB", 60)
LESSON_AUDIO_MAX_MB = env_int("LESSON_AUDIO_MAX_MB", 15)
LESSON_WORKSHEET_MAX_MB = env_int("LESSON_WORKSHEET_MAX_MB", 10)

# --- announcements ---
# Announcement attachments live outside MEDIA_ROOT; a view checks the audience before serving.
ANNOUNCEMENT_FILES_ROOT = Path(
    env_str("ANNOUNCEMENT_FILES_ROOT", str(BASE_DIR / "var" / "private" / "announcements"))
)
# Local time at which `send_digests --schedule` runs the daily digest.
NOTIFICATIONS_DIGEST_TIME = env_str("NOTIFICATIONS_DIGEST_TIME", "17:30")

# SMS through an HTTP gateway (notifications/sms.py). Empty URL: no SMS channel.
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
SMS_GATEWAY_USER = env_str("SMS_GATEWAY_USER")
SMS_GATEWAY_PASSWORD = env_str("SMS_GATEWAY_PASSWORD")
SMS_GATEWAY_TOKEN = env_str("SMS_GATEWAY_TOKEN")  # sent as "Authorization: Bearer"
SMS_GATEWAY_TIMEOUT = env_int("SMS_GATEWAY_TIMEOUT", 10)  # seconds
SMS_SENDER = env_str("SMS_SENDER")  # the registered brand name shown as sender
SMS_TEMPLATE = env_str("SMS_TEMPLATE", "{school}: {title} {link}")
SMS_ASCII = env_bool("SMS_ASCII", True)  # Vietnamese without diacritics (1 SMS = 160 chars)
SMS_MONTHLY_BUDGET = env_int("SMS_MONTHLY_BUDGET", 1000)  # messages per calendar month
# Web Push (notifications/push.py): `manage.py vapid_keys` prints a new pair.
VAPID_PUBLIC_KEY = env_str("VAPID_PUBLIC_KEY")
VAPID_PRIVATE_KEY = env_str("VAPID_PRIVATE_KEY")
VAPID_SUBJECT = env_str("VAPID_SUBJECT", "mailto:admin@localhost")
# The name under the icon on a phone's home screen (the manifest's short_name).
PWA_SHORT_NAME = env_str("PWA_SHORT_NAME", "Cổng Trường")
PUSH_TIMEOUT = env_int("PUSH_TIMEOUT", 10)  # seconds

# --- accounts ---
# Initial passwords issued by the school (imports, slips) are random (~57 bits)
# and must be changed at first login, so they are hashed with a cheaper PBKDF2
# (accounts.hashers.InitialPasswordHasher); Django re-hashes with the first,
# preferred hasher when the person logs in. See accounts/hashers.py.
from django.conf import global_settings as _global_settings  # noqa: E402

PASSWORD_HASHERS = [
    *globals().get("PASSWORD_HASHERS", _global_settings.PASSWORD_HASHERS),
    "accounts.hashers.InitialPasswordHasher",
]
INSTALLED_APPS = [*INSTALLED_APPS, "allauth.usersessions"]
MIDDLEWARE = [
    *MIDDLEWARE[:-1],
    # Staff without two-factor authentication set it up first when the school requires it.
    "accounts.middleware.StaffMfaRequiredMiddleware",
    MIDDLEWARE[-1],  # the anonymous page cache stays last
]
# allauth.usersessions records each login's session (a person can end their
# other sessions; deactivation ends them all). Activity tracking is off: it
# would cost five queries on every page.
USERSESSIONS_TRACK_ACTIVITY = False
MFA_RECOVERY_CODE_COUNT = 10
# Uploaded class lists live here, outside MEDIA_ROOT (never served), and are
# deleted once imported or cancelled.
ACCOUNTS_PRIVATE_ROOT = Path(env_str("ACCOUNTS_PRIVATE_ROOT", str(BASE_DIR / "var" / "private")))
# The largest class list one upload may hold (rows), and its size in bytes.
ACCOUNTS_IMPORT_MAX_ROWS = env_int("ACCOUNTS_IMPORT_MAX_ROWS", 10_000)
ACCOUNTS_IMPORT_MAX_BYTES = env_int("ACCOUNTS_IMPORT_MAX_BYTES", 10 * 1024 * 1024)

# --- operations (manage.py backup / restore / doctor) ---
# Where `manage.py backup` writes its dated archives. It keeps the newest archive of
# each of the last 7 days, 4 weeks and 12 months that have one, and deletes the rest.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
if TESTING:
    BACKUP_DIR = Path(tempfile.mkdtemp(prefix="congtruong-backups-"))
BACKUP_KEEP_DAILY = env_int("BACKUP_KEEP_DAILY", 7)
BACKUP_KEEP_WEEKLY = env_int("BACKUP_KEEP_WEEKLY", 4)
BACKUP_KEEP_MONTHLY = env_int("BACKUP_KEEP_MONTHLY", 12)
# A passphrase (at least 16 characters) that encrypts every archive (AES-256-GCM,
# lib/stream_crypto.py). Keep a copy away from the server: without it no archive
# can be restored. Empty: archives are not encrypted.
BACKUP_KEY = env_str("BACKUP_KEY")
if BACKUP_KEY and len(BACKUP_KEY) < 16:
    raise ImproperlyConfigured("BACKUP_KEY must have at least 16 characters")
# The daily run (portal.tasks.run_daily) also makes a backup when none was made in
# the last 20 hours, so a site run by the worker alone, without the backup timer,
# still has one every day. Off in tests: they build their own sites to back up.
BACKUP_IN_DAILY_RUN = env_bool("BACKUP_IN_DAILY_RUN", not TESTING)
# `manage.py doctor` warns when the newest backup is older than this many hours,
# when less than this many megabytes are free where the database and uploads live,
# and when a background task has waited longer than this many minutes for a worker.
DOCTOR_BACKUP_MAX_AGE_HOURS = env_int("DOCTOR_BACKUP_MAX_AGE_HOURS", 26)
DOCTOR_MIN_FREE_MB = env_int("DOCTOR_MIN_FREE_MB", 1024)
DOCTOR_TASK_MAX_WAIT_MINUTES = env_int("DOCTOR_TASK_MAX_WAIT_MINUTES", 15)
