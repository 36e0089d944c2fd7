"""One settings module, configured by the environment, with safe defaults.

DATABASE_URL          default: SQLite file in DANGBO_DATA_DIR; postgres://user@host:5432/db
DANGBO_DATA_DIR       where the SQLite file, the secret key and uploads live (default ./data)
DANGBO_SECRET_KEY     shared by all app servers (default: generated once into DANGBO_DATA_DIR)
DANGBO_DEBUG          "1" for development
DANGBO_ALLOWED_HOSTS  comma-separated host names (the public sub-sites' too, docs/portal.md)
DANGBO_HTTPS          "1" behind a TLS proxy: HSTS, redirect to https, secure cookies
DANGBO_PG_RANDOM_PAGE_COST  PostgreSQL planner's random_page_cost (default 1.1, for SSDs;
                      empty: the server's)
DANGBO_TASKS_BACKEND  the task queue: "database" (default; `dangbo db_worker`), "rq" (Redis;
                      `dangbo rqworker`), "immediate" (run at once, in the caller)
DANGBO_REDIS_URL      Redis for the rq backend (and the cache); REDIS_URL is read too
The rest (login throttling, passwords, security headers) is in docs/operations.md.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


DATA_DIR = Path(os.environ.get("DANGBO_DATA_DIR", "data")).resolve()
DEBUG = _env_bool("DANGBO_DEBUG")


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept in the data folder.

    Several app servers must share DANGBO_SECRET_KEY; a laptop just keeps its own file.
    """
    key = os.environ.get("DANGBO_SECRET_KEY", "")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    from django.core.management.utils import get_random_secret_key

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get(
        "DANGBO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],tanky.localhost"
    ).split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("DANGBO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "dangbo.core",
    # Before django_tasks_db: its `db_worker` command is ours (dangbo/worker).
    "dangbo.worker",
    "dangbo.org",
    "dangbo.accounts",
    "dangbo.people",
    "dangbo.discipline",
    "dangbo.rotation",
    "dangbo.assessment",
    "dangbo.supervision",
    "dangbo.ratings",
    "dangbo.interchange",
    "dangbo.reviews",
    "dangbo.reports",
    "dangbo.home",
    "dangbo.notices",
    "dangbo.portal",
    "dangbo.demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "dangbo.accounts.apps.UsersAdminConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dangbo.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

WSGI_APPLICATION = "dangbo.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'dangbo.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (CONN_MAX_AGE 60, as for PostgreSQL): a new SQLite connection
    # per request starts with an empty page cache and parses the schema again, which made an
    # uncached sub-site article 60 ms instead of 21 ms under gunicorn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers go on while an import writes; IMMEDIATE takes the write lock
            # at the start of a transaction instead of failing half-way with "locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )

elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost of a random page read, for SSDs (PostgreSQL's 4.0 is for disks):
    # at 4.0 a district's discipline and supervision reviews hashed every person of a
    # million (seq scan) where a few thousand index lookups answer (118 → 51 ms measured).
    # DANGBO_PG_RANDOM_PAGE_COST="" leaves the server's own setting.
    _page_cost = os.environ.get("DANGBO_PG_RANDOM_PAGE_COST", "1.1").strip()
    if _page_cost:
        _options = DATABASES["default"].setdefault("OPTIONS", {})
        _options["options"] = (
            f"{_options.get('options', '')} -c random_page_cost={float(_page_cost)}"
        )

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out username + address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "dangbo.accounts.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": _env_int("DANGBO_PASSWORD_MIN_LENGTH", 10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"

# Vietnamese for everyone unless a user picks English in their account settings; the
# browser's Accept-Language is deliberately ignored (an office PC is often set to English).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
# Our own strings (refreshed by `make messages`), then Vietnamese for the Wagtail admin
# strings our screens show, which Wagtail's own catalogue leaves mostly untranslated.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = "dangbo"
# Wagtail's login form with its password field labelled (and so translated).
WAGTAILADMIN_USER_LOGIN_FORM = "dangbo.accounts.forms.LoginForm"
WAGTAILADMIN_BASE_URL = os.environ.get("DANGBO_BASE_URL", "http://127.0.0.1:8000")
# "simple": no English stemming or stop words on PostgreSQL ("an", "to", "do" are Vietnamese
# words once folded); the portal's search folds Vietnamese itself (dangbo/portal/search.py).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "simple"}
}
WAGTAIL_ENABLE_UPDATE_CHECK = False

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if os.environ.get("DANGBO_REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["DANGBO_REDIS_URL"],
    }

# --- Background work (docs/operations.md, "The worker") -----------------------------------

REDIS_URL = (
    os.environ.get("DANGBO_REDIS_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
).strip()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
DANGBO_TASKS_BACKEND = os.environ.get("DANGBO_TASKS_BACKEND", "").strip() or "database"
if DANGBO_TASKS_BACKEND not in _TASK_BACKENDS:
    raise ValueError(
        f"DANGBO_TASKS_BACKEND={DANGBO_TASKS_BACKEND!r}: use one of {', '.join(_TASK_BACKENDS)}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[DANGBO_TASKS_BACKEND]}}
RQ_QUEUES = {"default": {"URL": REDIS_URL}}
# A job whose worker died is run again, as on the database queue (dangbo/worker/rq.py).
RQ = {"QUEUE_CLASS": "dangbo.worker.rq.Queue", "JOB_CLASS": "dangbo.worker.rq.Job"}
if DANGBO_TASKS_BACKEND == "rq":
    # Its `rqworker` command; only then (its admin model has no table).
    INSTALLED_APPS.append("django_rq")
# A worker whose heartbeat is older than this is reported stale by /healthz?worker=1 (it may
# be busy with one long task: its lease, not its heartbeat, says whether it is alive).
DANGBO_WORKER_BEAT_SECONDS = _env_int("DANGBO_WORKER_BEAT_SECONDS", 30)
# A task whose worker died is run again at most this many times in all, then marked failed.
DANGBO_TASK_MAX_ATTEMPTS = _env_int("DANGBO_TASK_MAX_ATTEMPTS", 3)

# --- Security (docs/operations.md, "Security settings") ---------------------------------

# Behind a TLS proxy (which sets X-Forwarded-Proto): browsers are told to use https only,
# plain http is redirected, and cookies never travel unencrypted. DANGBO_SECURE_COOKIES=1
# (the older switch) still turns on the secure cookies alone.
HTTPS = _env_bool("DANGBO_HTTPS")
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # A load balancer's health check on the app server's plain http port (docs/operations.md).
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = 365 * 24 * 60 * 60
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS or _env_bool("DANGBO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Failed logins (django-axes): after DANGBO_LOGIN_FAILURE_LIMIT wrong passwords for one
# username from one address, that pair is refused for DANGBO_LOGIN_COOLOFF_MINUTES (each
# further try starts the wait again). `dangbo axes_reset_username NAME` unlocks at once.
AXES_FAILURE_LIMIT = _env_int("DANGBO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_env_int("DANGBO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "dangbo.core.security.lockout_response"
AXES_RESET_ON_SUCCESS = True

# Content-Security-Policy (django-csp 4): only our own origin; inline <script>/<style> only
# with the per-request nonce (`{{ request.csp_nonce }}`). Wagtail's date pickers carry an
# inline script, replaced by dangbo/core/static/dangbo/js/widgets.js (see the templates in
# dangbo/core/templates/wagtailadmin/widgets/).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Powerful browser features no screen of ours uses (django-permissions-policy).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
# No avatars fetched from gravatar.com: the office may have no Internet, and the CSP above
# would refuse them anyway.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Tenure review (RULES §1): reviewing deputies too is the Tân Kỳ practice, off by default.
DANGBO_TENURE_INCLUDE_DEPUTIES = _env_bool("DANGBO_TENURE_INCLUDE_DEPUTIES", False)

# Uploads on the import screen (docs/operations.md): the largest file accepted, what a .zip
# or .xlsx may unpack to and how many files it may hold (a small zip can unpack to
# gigabytes), and how many days a stored upload is kept before `dangbo purge_uploads` (also
# run after each upload) removes it. Larger datasets go through `dangbo import` on the server.
DANGBO_UPLOAD_MAX_BYTES = int(os.environ.get("DANGBO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DANGBO_UPLOAD_MAX_UNPACKED_BYTES = int(
    os.environ.get("DANGBO_UPLOAD_MAX_UNPACKED_BYTES", 50 * 1024 * 1024)
)
DANGBO_UPLOAD_MAX_MEMBERS = int(os.environ.get("DANGBO_UPLOAD_MAX_MEMBERS", 100))
DANGBO_UPLOAD_KEEP_DAYS = int(os.environ.get("DANGBO_UPLOAD_KEEP_DAYS", 30))
# The largest file a committee member may attach to their own supervision report.
DANGBO_REPORT_FILE_MAX_BYTES = int(os.environ.get("DANGBO_REPORT_FILE_MAX_BYTES", 10 * 1024 * 1024))

# Documents (dangbo.reports, docs/guide/van-ban.md): a folder whose files replace the shipped
# template set's of the same name (layout.json, base.docx); empty: the shipped set alone.
DANGBO_DOCUMENT_TEMPLATES = os.environ.get("DANGBO_DOCUMENT_TEMPLATES", "").strip()

# E-mail (notices of the daily schedule, docs/operations.md "Daily schedule"): SMTP when
# DANGBO_EMAIL_HOST is set, else printed on the console (the demo, a laptop).
EMAIL_HOST = os.environ.get("DANGBO_EMAIL_HOST", "").strip()
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = _env_int("DANGBO_EMAIL_PORT", 587)
    EMAIL_HOST_USER = os.environ.get("DANGBO_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("DANGBO_EMAIL_PASSWORD", "")
    EMAIL_USE_SSL = _env_bool("DANGBO_EMAIL_USE_SSL", False)
    EMAIL_USE_TLS = not EMAIL_USE_SSL and _env_bool("DANGBO_EMAIL_USE_TLS", True)
    EMAIL_TIMEOUT = _env_int("DANGBO_EMAIL_TIMEOUT", 30)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DANGBO_EMAIL_FROM", "dangbo@localhost")
