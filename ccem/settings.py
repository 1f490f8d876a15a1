"""Settings for the CCEM application, read from the environment (django-environ).

The embedded default (no environment at all) is a development setup: SQLite, Celery inline,
console e-mail. Production sets DEBUG=False, SECRET_KEY, DATABASE_URL, CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=True)
# A fixed key is only acceptable for a local DEBUG run; production must set SECRET_KEY.
SECRET_KEY = env("SECRET_KEY") if not DEBUG else env("SECRET_KEY", default="dev-only-insecure-key-" + "x" * 40)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "comptes",
    "signalements",
    "accompagnement",
    "psychosocial",
    "juridique",
    "sensibilisation",
    "echeances",
    "documents",
    "rapports",
    "donnees",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "comptes.middleware.DefaultLanguageMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "comptes.middleware.RejectNulBytesMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "comptes.middleware.RequireLoginMiddleware",
    "comptes.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "comptes.middleware.SessionAbsoluteTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "ccem.urls"
WSGI_APPLICATION = "ccem.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "comptes.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The report's aggregates look costly to the planner, so PostgreSQL would JIT-compile them:
    # about 0.5 s of compiling per query for a few milliseconds of work (docs/benchmark.md).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://ccem")
    if not env("REDIS_CACHE_URL", default="")
    else {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_CACHE_URL")}
}

# --- Authentication -------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accueil"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "comptes.adapters.AccountAdapter"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# The client's address: REMOTE_ADDR, unless N reverse proxies of ours stand in front (docker-compose: 1);
# then the Nth address from the right of X-Forwarded-For (comptes.audit.client_ip, for allauth too).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
# Failed logins slow down the attacker, not the victim (comptes/connexion.py, docs/securite.md §4):
# - per address (the real one): CONNEXION_ECHECS_PAR_ADRESSE failures in the window, then that address waits;
# - per account: beyond that many failures in the window (so from more than one address), a delay doubling
#   from one minute, never longer than the window, after which the account is free again;
# - per account for second-factor codes (allauth's key): three addresses' worth.
CONNEXION_ECHECS_PAR_ADRESSE = env.int("CONNEXION_ECHECS_PAR_ADRESSE", default=10)
CONNEXION_FENETRE_MINUTES = 15
ACCOUNT_RATE_LIMITS = {
    "login_failed": f"{CONNEXION_ECHECS_PAR_ADRESSE}/{CONNEXION_FENETRE_MINUTES}m/ip,"
    f"{3 * CONNEXION_ECHECS_PAR_ADRESSE}/{CONNEXION_FENETRE_MINUTES}m/key",
    "login": "30/m/ip",
    "reset_password": "5/h/ip,3/h/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "CCEM"
MFA_RECOVERY_CODE_COUNT = 10

SESSION_COOKIE_AGE = 30 * 60  # idle timeout: every request pushes expiry 30 minutes further
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_TIMEOUT = env.int("SESSION_ABSOLUTE_TIMEOUT", default=10 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# --- Security headers --------------------------------------------------------------------------
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["ccem.formats"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Paris")
USE_I18N = True
USE_TZ = True

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "static/"
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Documents (docs/documents.md) ------------------------------------------------------------
# A person's papers, encrypted at rest (AES-GCM) with DOCUMENTS_KEYS: "id:base64-of-32-bytes", comma
# separated, the first one used for writing (rotation: put the new key first, run
# `manage.py documents_rechiffrer`, then drop the old one). Like SECRET_KEY, a key derived from the
# development secret is only acceptable for a local DEBUG run; production must set DOCUMENTS_KEYS.
if not DEBUG:
    DOCUMENTS_KEYS = env.list("DOCUMENTS_KEYS")
else:
    import base64
    import hashlib

    _cle_dev = base64.b64encode(hashlib.sha256(("documents:" + SECRET_KEY).encode()).digest()).decode()
    DOCUMENTS_KEYS = env.list("DOCUMENTS_KEYS", default=[f"dev:{_cle_dev}"])
DOCUMENTS_TAILLE_MAX = env.int("DOCUMENTS_TAILLE_MAX", default=20 * 1024 * 1024)  # bytes per file
# Private folder, outside MEDIA_ROOT and STATIC_ROOT: nothing serves it; downloads go through the app.
DOCUMENTS_ROOT = env.path("DOCUMENTS_ROOT", default=BASE_DIR / "documents-prives")
if env("DOCUMENTS_S3_BUCKET", default=""):
    # Any S3-compatible object store, through django-storages[s3] (installed separately, see the docs).
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DOCUMENTS_S3_BUCKET"),
            "endpoint_url": env("DOCUMENTS_S3_ENDPOINT_URL", default=None),
            "region_name": env("DOCUMENTS_S3_REGION", default=None),
            "access_key": env("DOCUMENTS_S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("DOCUMENTS_S3_SECRET_ACCESS_KEY", default=None),
            "location": env("DOCUMENTS_S3_PREFIX", default="documents"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": DOCUMENTS_ROOT,
            "base_url": None,
            "directory_permissions_mode": 0o700,
            "file_permissions_mode": 0o600,
        },
    }

# --- E-mail ---------------------------------------------------------------------------------
# Django 6.1 configures mail through MAILERS; EMAIL_URL (django-environ syntax) fills it.
_email = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
_smtp_options = {
    "host": _email.get("EMAIL_HOST"),
    "port": _email.get("EMAIL_PORT"),
    "username": _email.get("EMAIL_HOST_USER") or None,
    "password": _email.get("EMAIL_HOST_PASSWORD") or None,
    "use_tls": _email.get("EMAIL_USE_TLS", False),
    "use_ssl": _email.get("EMAIL_USE_SSL", False),
    "timeout": 10,
}
MAILERS = {
    "default": {
        "BACKEND": _email["EMAIL_BACKEND"],
        "OPTIONS": _smtp_options if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend") else {},
    }
}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="ccem-app@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address staff open the app at: links in e-mails sent without a request (the deadline digest).
SITE_URL = env("SITE_URL", default="http://localhost:8000")

# --- Celery ---------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
# No broker configured: run tasks inline (embedded mode). With a broker, a real worker runs them.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# GDPR retention: anonymise files closed more than N years ago, on the 1st of each month at 3:00
# (run by the `beat` service). Unset: no automatic anonymisation (the review page still lists them).
RETENTION_ANNEES_APRES_CLOTURE = env.int("RETENTION_ANNEES_APRES_CLOTURE", default=0)
CELERY_BEAT_SCHEDULE = {
    # Export files hold every person's data: deleted a day after the request (and uploads an hour
    # after their preview), on schedule, whether or not anybody opens the export page.
    "purger-fichiers": {"task": "donnees.purger_fichiers", "schedule": crontab(minute="*/10")},
    # The daily digest of open deadlines, to the users who opted in (echeances/tasks.py).
    "recapitulatif-echeances": {"task": "echeances.envoyer_recapitulatifs", "schedule": crontab(hour="7", minute="0")},
    # What deletions keep for restoration is emptied once the 30 days are over, even with no new deletion.
    "purger-corrections": {"task": "comptes.purger_contenus", "schedule": crontab(hour="2", minute="30")},
    # Bytes of deleted documents, once their deletion can no longer be restored (docs/documents.md).
    "purger-documents": {"task": "documents.purger_fichiers", "schedule": crontab(hour="2", minute="30")},
}
if RETENTION_ANNEES_APRES_CLOTURE:
    CELERY_BEAT_SCHEDULE["retention"] = {
        "task": "donnees.appliquer_retention",
        "schedule": crontab(day_of_month="1", hour="3", minute="0"),
        "kwargs": {"annees": RETENTION_ANNEES_APRES_CLOTURE},
    }

# --- Logs -------------------------------------------------------------------------------------
# Retention of the access log and login attempts (CNIL: 6 to 12 months): `manage.py purger_journal_acces`,
# run as the migration role, deletes older rows; nothing else can (database triggers).
JOURNAL_ACCES_RETENTION_MOIS = env.int("JOURNAL_ACCES_RETENTION_MOIS", default=12)

# --- Reports ----------------------------------------------------------------------------------
# Database connections a year's figures are computed on at once (the units' batches run side by
# side; 1: one after the other). See docs/rapports.md. Embedded SQLite gains nothing from it.
RAPPORTS_CALCUL_PARALLELE = env.int(
    "RAPPORTS_CALCUL_PARALLELE", default=2 if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" else 1
)

# --- Forms ----------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
COUNTRIES_FIRST = ["FR"]

# --- Demo -----------------------------------------------------------------------------------
# The demo shortcut through 2FA (fixed TOTP secret) is refused unless DEBUG is on.
DEMO_ACCOUNTS_ALLOWED = DEBUG
# `make run` sets DEMO_TOTP_CODE so a local demo can pass 2FA with a fixed code; allauth itself
# refuses this setting when DEBUG is off, and so do we, at start-up.
if env("DEMO_TOTP_CODE", default=""):
    if not DEBUG:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured("DEMO_TOTP_CODE is refused when DEBUG is off.")
    MFA_TOTP_INSECURE_BYPASS_CODE = env("DEMO_TOTP_CODE")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "ccem.security": {"handlers": ["console"], "level": "INFO"},
        "django.security": {"handlers": ["console"], "level": "WARNING"},
    },
}
