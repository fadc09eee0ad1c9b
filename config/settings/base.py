"""Settings shared by every environment; everything that differs comes from the environment.

With no environment at all, LegLog runs embedded: SQLite under ``var/`` and a Celery
broker on the file system (kombu's filesystem transport), so web, worker and beat run
on a fresh machine with no server installed. ``DATABASE_URL`` and ``REDIS_URL`` switch
to PostgreSQL and Redis.
"""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from common.tasknames import TaskName

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("SECRET_KEY", default="insecure-dev-only-key-do-not-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Project apps first: their templates (registration/, 404.html) win over Django's own.
    "common",
    "accounts",
    "tracker",
    "symptoms",
    "alerts",
    "insights",
    "notifications",
    "reports",
    "imports",
    "feeds",
    "dashboard",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Outermost, so that it empties a HEAD answer after everything else wrote it.
    "common.middleware.HeadWithoutBodyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise: static files keep their caching; everything else is no-store.
    "common.headers.PrivacyHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a login refused by axes into the lockout answer (accounts.security).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "symptoms.context_processors.ongoing_episode",
                "alerts.context_processors.urgent_alerts",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'leglog.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Web, worker and beat share the file: WAL lets readers run beside the one writer,
    # IMMEDIATE takes the write lock up front instead of failing on upgrade.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A new connection per request or task costs 2.5 to 3 times the throughput on PostgreSQL;
# on SQLite, opening the file and setting its pragmas is most of a small task's time.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # First: refuses a locked username + address pair before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"

# Login throttling (django-axes, see accounts/security.py): 5 wrong passwords for one
# username from one address lock that pair for 15 minutes, on /login/, the admin's login
# and POST /api/v1/auth/token/. Counted in the database, shared by every process.
# The address: REMOTE_ADDR, or with NUM_PROXIES > 0 the address that many hops from the
# right of X-Forwarded-For (set it to the number of proxies in front of gunicorn).
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_ENABLED = True
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The cool-off runs from the lock: failures during it neither count nor extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "accounts.security.client_ip"
AXES_IPWARE_PROXY_COUNT = NUM_PROXIES  # unused while the callable above decides
AXES_LOCKOUT_CALLABLE = "accounts.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_DISABLE_ACCESS_LOG = True  # no row per successful login: nothing to keep or erase
AXES_VERBOSE = False
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# --- Browser policies (config/headers.py adds Cache-Control and Permissions-Policy) ------
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Scripts only from LegLog itself (a template that needs an inline one writes
# <script nonce="{{ request.csp_nonce }}">). Styles also inline: the charts are SVG with
# their own <style>, and Swagger UI's page has one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# --- Request size ---------------------------------------------------------------------
# Every body: 2.5 MB (forms and API alike; common.parsers applies it to DRF's parsers).
# The history import takes up to IMPORT_MAX_BYTES and IMPORT_MAX_ROWS rows (reports).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_500_000)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_500_000)
DATA_UPLOAD_MAX_NUMBER_FILES = 1
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=10_000_000)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)

# --- Internationalisation -------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("id", _("Bahasa Indonesia"))]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date/time style per language (common/formats/<lang>/formats.py) for pages, emails, PDF.
FORMAT_MODULE_PATH = ["common.formats"]

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # Token first, so an anonymous call answers 401 with WWW-Authenticate.
        "accounts.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "common.api.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["common.api.StrictFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # JSON in (api.md), bounded: a body over the view's limit answers 413, JSON deeper than
    # 32 levels 400. Only the import also reads a multipart upload (reports.apis).
    "DEFAULT_PARSER_CLASSES": ["common.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_RATES": {"auth": env("AUTH_THROTTLE_RATE", default="20/min")},
    # Trust no X-Forwarded-For unless NUM_PROXIES says how many proxies set it.
    "NUM_PROXIES": NUM_PROXIES,
    # A ValidationError raised by a model or service answers 400 like a serializer's.
    "EXCEPTION_HANDLER": "common.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "LegLog API",
    "DESCRIPTION": "Exercise log and symptom journal for legs that go numb or tingle.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Served by the app itself, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # "level" names two choice sets: an alert's and a guidance step's.
    "ENUM_NAME_OVERRIDES": {"AlertLevelEnum": "alerts.models.Level"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.openapi.add_error_responses",  # 400/401/404/413/415/429 where they can happen
    ],
}

# --- Cache and Celery -----------------------------------------------------------------
REDIS_URL = env("REDIS_URL", default="")
# The cache stays in-process (throttles count per process): putting it in Redis would
# make logging in depend on the broker, and the app must keep working while it is down.
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        # A writer must not hang on a dead broker: fail fast, the sweep catches up.
        "socket_connect_timeout": 1,
        "socket_timeout": 2,
        "visibility_timeout": 3600,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE: dict[str, dict] = {
    "alerts-sweep": {
        "task": TaskName.ALERTS_SWEEP,
        "schedule": timedelta(minutes=5),
        "options": {"expires": 240},
    },
}

# --- Email ----------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default=f"filemail://{VAR_DIR / 'mail'}")
if EMAIL_CONFIG["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend":
    # django-environ drops the leading "/" of filemail:///abs/path; mail would land in a
    # folder relative to wherever the process started.
    file_path = EMAIL_CONFIG.get("EMAIL_FILE_PATH")
    EMAIL_CONFIG["EMAIL_FILE_PATH"] = (
        str(Path("/") / file_path) if file_path else str(VAR_DIR / "mail")
    )
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="LegLog <no-reply@leglog.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)

# --- Product --------------------------------------------------------------------------
# The emergency number named by urgent alerts and guidance: 112 works in Indonesia and the EU.
EMERGENCY_NUMBER = env("EMERGENCY_NUMBER", default="112")

# Every handler redacts capability URLs (share links, email one-click links, password
# reset links, export file paths): see common/redaction.py. Django's own "django" and
# "django.server" (runserver) loggers are re-declared so that none of Django's default,
# unfiltered handlers stays attached to them.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "common.redaction.RedactCapabilityUrls"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["redact"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Without libharfbuzz-subset WeasyPrint subsets fonts with fontTools, whose logger
        # it turns to DEBUG meanwhile: a hundred lines per PDF would reach the root's
        # handler. Its warnings still reach the console outside WeasyPrint's capture.
        "fontTools": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

# --- Email nudges (notifications) ----------------------------------------------
# Digests and log reminders look every 15 minutes for who is due (Monday 08:xx local
# time; 2 hours after a workout); the outbox sweep re-queues what a broker outage or a
# dead worker dropped. The outbox's unique key makes an extra or overlapping run harmless.
CELERY_BEAT_SCHEDULE.update(
    {
        "notifications-outbox-sweep": {
            "task": TaskName.OUTBOX_SWEEP,
            "schedule": timedelta(minutes=5),
            "options": {"expires": 240},
        },
        "notifications-follow-ups": {
            "task": TaskName.FOLLOW_UPS_DUE,
            "schedule": timedelta(hours=1),
            "options": {"expires": 3000},
        },
        "notifications-digests": {
            "task": TaskName.DIGESTS_DUE,
            "schedule": timedelta(minutes=15),
            "options": {"expires": 600},
        },
        "notifications-log-reminders": {
            "task": TaskName.LOG_REMINDERS_DUE,
            "schedule": timedelta(minutes=15),
            "options": {"expires": 600},
        },
        "notifications-daily-reminders": {
            "task": TaskName.DAILY_REMINDERS_DUE,
            "schedule": timedelta(minutes=15),
            "options": {"expires": 600},
        },
    }
)
