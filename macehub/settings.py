"""The one settings module. Every value that varies comes from the environment
through the strict helpers in macehub.lib.env; the README lists them all."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from macehub.lib.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

MACEHUB_ENV = env_str("MACEHUB_ENV", "development")
if MACEHUB_ENV not in {"development", "production"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"MACEHUB_ENV must be development or production, not {MACEHUB_ENV!r}."
    )
PRODUCTION = MACEHUB_ENV == "production"

DEBUG = env_bool("DEBUG", default=False)
if PRODUCTION and DEBUG:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("DEBUG must be false when MACEHUB_ENV is production.")

SECRET_KEY = env_str(
    "SECRET_KEY",
    # Development only: production refuses to start without its own key.
    "dev-only-insecure-key-for-local-demo-data-never-used-in-production-0000",
    required=PRODUCTION,
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])
if PRODUCTION and not ALLOWED_HOSTS:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Environment variable ALLOWED_HOSTS is required but not set.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "django_q",
    "macehub.audit",
    "macehub.partnerships",
    "macehub.accounts",
    "macehub.access",
    "macehub.people",
    "macehub.concerns",
    "macehub.cases",
    "macehub.meetings",
    "macehub.missing",
    "macehub.intelligence",
    "macehub.disruption",
    "macehub.breakglass",
    "macehub.retention",
    "macehub.oversight",
    "macehub.sar",
    "macehub.demo",
    "macehub.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "macehub.accounts.middleware.SessionRulesMiddleware",
    "macehub.audit.middleware.RefusedAuditMiddleware",
    "macehub.access.middleware.AccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "macehub.access.middleware.NoStoreMiddleware",
    "axes.middleware.AxesMiddleware",
    "macehub.lib.badinput.BadInput",
]

ROOT_URLCONF = "macehub.urls"
WSGI_APPLICATION = "macehub.wsgi.application"

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
                "macehub.access.context.navigation",
                "macehub.lib.marking.marking",
                "macehub.lib.frame.frame",
            ],
            "libraries": {"frame": "macehub.lib.frame"},
        },
    }
]

DATABASE_URL = env_str("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": database_from_url(DATABASE_URL)}
    POOLED = env_bool("DB_POOLER_TRANSACTION_MODE", default=False)
    DATABASES["default"].update({
        # Each worker keeps its connection this many seconds (0: one per request), and
        # checks a kept connection before a request uses it, so a database restart or a
        # dropped connection costs one reconnect, never an error page.
        "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
        "CONN_HEALTH_CHECKS": True,
        # Behind PgBouncer in transaction mode a cursor cannot outlive its transaction.
        "DISABLE_SERVER_SIDE_CURSORS": POOLED,
    })
    if not POOLED:
        # No JIT compilation: the product's statements are short, and where the planner
        # misjudges one (an import's read of candidates per child) compiling it costs 10
        # to 40 ms, more than running it. PgBouncer refuses this connection option: set
        # it on the role instead (docs/deployment.md).
        DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "macehub.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work beside one writer; IMMEDIATE takes the write
                # lock at BEGIN so two writers queue instead of failing mid-transaction.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Some indexes carry extra columns so PostgreSQL answers from the index alone
# (macehub.people.ranking); SQLite builds the same indexes without them, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# SECURITY S2: length 12 to 128, common-password check, no composition rules, no expiry.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "macehub.accounts.validators.MaximumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# SECURITY S3: lock after 10 failures, per account and per address, every attempt logged.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
# Lock one account from one address (a combination), so failures behind a council's NAT
# or the TLS proxy lock neither everyone at that address nor the account everywhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "macehub.audit.services.client_ip"
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_VERBOSE = False
AXES_HTTP_RESPONSE_CODE = 429

# SECURITY S4: idle 30 minutes, absolute 12 hours, sessions held on the server.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_HOURS", 12) * 3600
# API tokens stop working this many days after they are made (SECURITY S4: no credential
# lasts for ever); a new one is made from the API tokens page.
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 90)
# How long the answer to an API write sent with an Idempotency-Key is kept (and the key
# refused for another write); the schedule then deletes it (macehub.accounts.idempotency).
IDEMPOTENCY_KEY_HOURS = env_int("IDEMPOTENCY_KEY_HOURS", 24)
# The changes feed shows an event once it is this old (macehub/audit/feed.py).
CHANGES_SETTLE_SECONDS = env_int("CHANGES_SETTLE_SECONDS", 10)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# SECURITY S5 and S13.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_NAME = "__Host-macehub_session" if PRODUCTION else "macehub_session"
CSRF_COOKIE_NAME = "__Host-macehub_csrf" if PRODUCTION else "macehub_csrf"
SECURE_SSL_REDIRECT = PRODUCTION and env_bool("SECURE_SSL_REDIRECT", default=True)
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
)
SECURE_HSTS_SECONDS = 31_536_000 if PRODUCTION else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The map's tiles: a URL template such as https://tiles.example.org/{z}/{x}/{y}.png, with
# the attribution its terms ask for. Empty (the default): no tiles are fetched, and the
# map draws the locations over the partnership's area outlines alone.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")
_TILE_ORIGIN = "/".join(MAP_TILE_URL.split("/")[:3]) if "://" in MAP_TILE_URL else ""
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *([_TILE_ORIGIN] if _TILE_ORIGIN else [])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    }
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "macehub@example.org")
# How long a set-password link (welcome or reset e-mail) works; it also stops working once
# used, because the token is made from the password it replaces.
PASSWORD_RESET_TIMEOUT = env_int("PASSWORD_LINK_HOURS", 24) * 3600
# Links in e-mails and calendar files start here. Unset in development, they point where
# the request came in, or to the development server (macehub.lib.site).
SITE_URL = env_str("SITE_URL", "", required=PRODUCTION)

# Police notification imports (SECURITY R3): a file with more rows is refused whole; an
# import that meets this many problems stops and imports nothing.
MISSING_IMPORT_MAX_ROWS = env_int("MISSING_IMPORT_MAX_ROWS", 20_000)
# Rows one MACE tracker file may hold (docs/tracker-import.md); a longer file is refused whole.
TRACKER_IMPORT_MAX_ROWS = env_int("TRACKER_IMPORT_MAX_ROWS", 2_000)
# Where the phase banner's feedback link goes (a form or a mailto: address); empty for the
# help page.
FEEDBACK_URL = env_str("FEEDBACK_URL", "")
MISSING_IMPORT_MAX_ERRORS = env_int("MISSING_IMPORT_MAX_ERRORS", 500)
# A meeting's papers prepared as PDF are kept for their requester this many hours.
PAPER_PACK_HOURS = env_int("PAPER_PACK_HOURS", 8)

# Background work and the schedule (docs/adr/0014-background-work-with-django-q2.md): one
# django-q2 cluster, `manage.py qcluster`, with its queue in the database. A task may run
# for `timeout` seconds; one not acknowledged after `retry` seconds (its worker was killed)
# is handed out again, at most `max_attempts` times. Every task picks up where it stopped.
Q_CLUSTER = {
    "name": "macehub",
    "orm": "default",
    "workers": env_int("TASK_WORKERS", 2 if DATABASE_URL else 1),
    "timeout": 900,
    "retry": 960,
    "max_attempts": 3,
    "ack_failures": True,
    "catch_up": False,
    "save_limit": 500,
    "poll": 1,
    "label": "Background work",
}

POLICY_DIR = Path(env_str("POLICY_DIR", str(BASE_DIR / "policies")))

# OIDC (councils' Entra ID): off unless switched on; the identity provider then owns MFA.
OIDC_ENABLED = env_bool("OIDC_ENABLED", default=False)
if OIDC_ENABLED:
    INSTALLED_APPS.append("mozilla_django_oidc")
    AUTHENTICATION_BACKENDS.append("macehub.accounts.oidc.MacehubOIDCBackend")
    OIDC_RP_CLIENT_ID = env_str("OIDC_RP_CLIENT_ID", required=True)
    OIDC_RP_CLIENT_SECRET = env_str("OIDC_RP_CLIENT_SECRET", required=True)
    OIDC_OP_AUTHORIZATION_ENDPOINT = env_str("OIDC_OP_AUTHORIZATION_ENDPOINT", required=True)
    OIDC_OP_TOKEN_ENDPOINT = env_str("OIDC_OP_TOKEN_ENDPOINT", required=True)
    OIDC_OP_USER_ENDPOINT = env_str("OIDC_OP_USER_ENDPOINT", required=True)
    OIDC_OP_JWKS_ENDPOINT = env_str("OIDC_OP_JWKS_ENDPOINT", required=True)
    OIDC_RP_SIGN_ALGO = env_str("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = "openid email profile"
    OIDC_CREATE_USER = False
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}, "weasyprint": {"level": "WARNING"},
                "fontTools": {"level": "WARNING"}},
}

NINJA_PAGINATION_PER_PAGE = 50

CSRF_FAILURE_VIEW = "macehub.views.csrf_failure"
FORM_RENDERER = "macehub.lib.forms.GovukRenderer"
# Outside production, static files are served straight from static/ (no collectstatic step).
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = not PRODUCTION
