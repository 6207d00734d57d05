"""SID settings: one file, driven by environment variables (see .env.example).

With no variables set this is the embedded demo: SQLite under var/, Celery tasks run
eagerly in-process, cache in local memory.
"""

import os
from pathlib import Path

import dj_database_url
from django.conf import global_settings

from sid.lib.env import env_bool, env_int, env_list, env_str, gagal, secret_key

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SID_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(DEBUG, VAR_DIR)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    gagal("ALLOWED_HOSTS wajib diisi saat DEBUG=0 (mis. ALLOWED_HOSTS=desa.example.id)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "sid.apps.SidAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_celery_beat",
    "csp",
    "sid",
    "penduduk",
    "keluarga",
    "surat",
    "mandiri",
    "bantuan",
    "konten",
    "perangkat",
    "keuangan",
    # Upward reporting: the village side (always) and the hub side. The hub's tables exist on
    # every instance (empty on villages); its pages and API answer only when SID_HUB=1.
    "sinkron",
    "hub",
    # Moving a village from OpenSID: reads its database backup into every app above.
    "pindah",
]

MIDDLEWARE = [
    # First: drop forwarded headers from untrusted peers, refuse oversized bodies unread.
    "sid.middleware_jaring.ProxyTepercayaMiddleware",
    "sid.middleware_jaring.BatasPermintaanMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "sid.middleware.KonteksPermintaanMiddleware",
    "sid.middleware.AlamatObjekMiddleware",
    "sid.middleware.KueriTanpaNulMiddleware",
]

ROOT_URLCONF = "sid.urls"
WSGI_APPLICATION = "sid.wsgi.application"

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
                "sid.context_processors.desa",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    DATABASES["default"].setdefault("OPTIONS", {})
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "sid.sqlite3",
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
            # A file (not :memory:) so a Celery worker process can see the test database;
            # one per test process, so parallel runs never share it.
            "TEST": {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "sid",
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
# Without Redis (the embedded default of `make run`) there is no worker: tasks run in a
# background thread of the web process, never inside the request (sid/tugas_latar.py).
SID_TUGAS_DALAM_PROSES = not REDIS_URL
# "Terbitkan dan unduh PDF" waits this long for the worker's PDF before showing the letter page
# (a one-page letter takes a fraction of a second; a busy worker leaves the page to finish it).
SID_TUNGGU_PDF_DETIK = env_int("SID_TUNGGU_PDF_DETIK", 8)
# ... and, with no Celery beat, the web process keeps the weekly backup schedule
# (sid/cadangan/tertanam.py). Off: SID_CADANGAN_JADWAL_TERTANAM=0.
SID_CADANGAN_JADWAL_TERTANAM = env_bool("SID_CADANGAN_JADWAL_TERTANAM", True)
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A worker child whose peak passed this (a long register book, a big import) is replaced once
# its task ends, so it does not keep that memory; a child rendering letters stays well below.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env_int("SID_WORKER_MEMORI_MAKS_MB", 250) * 1024  # KiB
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Asia/Jakarta"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Auth -----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["sid.auth.BackendDenganPenguncian"]
# Django's own hashers first (the first one hashes every new password and PIN); then the
# hashes carried from OpenSID, each accepted once and replaced at the next login
# (docs/pindah-opensid.md).
PASSWORD_HASHERS = [
    *global_settings.PASSWORD_HASHERS,
    "sid.hasher.HasherSandiOpenSID",
    "mandiri.hasher.HasherPinOpenSID",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Where a staff login lands when `next` is missing or refused (an outside address): the back
# office's dashboard, not Django's /accounts/profile/ (no such page).
LOGIN_REDIRECT_URL = "admin:index"
SESSION_COOKIE_AGE = env_int("SID_SESI_DETIK", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Login lockout (sid.lib.penguncian): failures in a row before a lock, lock length, doubling.
SID_KUNCI_BATAS_USERNAME = env_int("SID_KUNCI_BATAS_USERNAME", 10)
SID_KUNCI_BATAS_IP = env_int("SID_KUNCI_BATAS_IP", 30)
SID_KUNCI_MENIT = env_int("SID_KUNCI_MENIT", 15)
# Number of reverse proxies in front of gunicorn whose X-Forwarded-For we trust, and the
# addresses/networks those proxies connect from. X-Forwarded-For/-Proto is believed only when
# the direct peer (REMOTE_ADDR) is in SID_PROXY_TEPERCAYA; from anyone else both headers are
# dropped (sid.middleware_jaring), so a client reaching gunicorn directly cannot pick its IP.
SID_JUMLAH_PROXY = env_int("SID_JUMLAH_PROXY", 0)
SID_PROXY_TEPERCAYA = env_list("SID_PROXY_TEPERCAYA", "127.0.0.0/8,::1")

# Uploads (sid.lib.berkas, sid.lib.xlsx; docs/keamanan.md). Image pixel limits per kind of field,
# read from the header before anything is decoded; Pillow's own limit is set to the largest.
SID_PIKSEL_FOTO_MAKS = env_int("SID_PIKSEL_FOTO_MAKS", 40_000_000)  # photos, scans, articles
SID_PIKSEL_PASFOTO_MAKS = env_int("SID_PIKSEL_PASFOTO_MAKS", 24_000_000)  # resident/official
SID_PIKSEL_LOGO_MAKS = env_int("SID_PIKSEL_LOGO_MAKS", 10_000_000)  # village logo
# Excel imports: the ZIP is checked before it is opened (uncompressed MB, ratio of a big part).
SID_XLSX_TERURAI_MB = env_int("SID_XLSX_TERURAI_MB", 50)
SID_XLSX_TERURAI_MB_PENDUDUK = env_int("SID_XLSX_TERURAI_MB_PENDUDUK", 250)
SID_XLSX_BAGIAN_MB = env_int("SID_XLSX_BAGIAN_MB", 50)
SID_XLSX_RASIO_MAKS = env_int("SID_XLSX_RASIO_MAKS", 100)

# --- Security (production defaults; `manage.py check --deploy` is clean with DEBUG=0) ----
HTTPS = env_bool("SID_HTTPS", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS and env_bool("SID_HTTPS_REDIRECT", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env_int("SID_HSTS_DETIK", 31536000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
if SID_JUMLAH_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response of every door (back office, portal, website, hub):
# scripts only from our own static files (no inline <script>, no on*="" attributes: the
# template scan in tests/sid/test_csp.py holds every template to it), no plugins, no <base>,
# forms post only here, nothing frames a page (the SK-scan view allows its own check screen:
# perangkat.admin_pengangkatan). Inline styles stay allowed (style attributes, TinyMCE, htmx).
# img-src data: for Bootstrap's and TinyMCE's inline SVG icons, blob: for pasted images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_REDIRECT_EXEMPT = [r"^sehat/$"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Request bodies (sid.middleware_jaring.BatasPermintaanMiddleware): refused with 413 from their
# Content-Length before a byte is read. SID_BATAS_PERMINTAAN_MB for every URL; the larger
# SID_BATAS_UNGGAHAN_STAF_MB only on the backup-restore / OpenSID / import uploads and only for
# a logged-in staff user; the hub API keeps SID_HUB_BATAS_BATCH_MB (below).
SID_BATAS_PERMINTAAN_MB = env_int("SID_BATAS_PERMINTAAN_MB", 12)
SID_BATAS_UNGGAHAN_STAF_MB = env_int("SID_BATAS_UNGGAHAN_STAF_MB", 1024)

# --- Language & time --------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia")]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# --- Files --------------------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("SID_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it, even before collectstatic
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("SID_MEDIA_ROOT", str(VAR_DIR / "media")))
# Private files (letter PDFs, SK scans, resident documents, backups): never served by URL,
# only streamed by permission-checking views.
PRIVATE_ROOT = Path(env_str("SID_PRIVATE_ROOT", str(VAR_DIR / "privat")))
BACKUP_ROOT = Path(env_str("SID_BACKUP_ROOT", str(VAR_DIR / "cadangan")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "privat": {
        "BACKEND": "sid.lib.berkas.PenyimpananPrivat",
        "OPTIONS": {"location": str(PRIVATE_ROOT)},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Email ----------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    _email = dj_database_url.parse(EMAIL_URL.replace("smtp", "postgres", 1))
    EMAIL_HOST = _email["HOST"]
    EMAIL_PORT = int(_email["PORT"] or 587)
    EMAIL_HOST_USER = _email["USER"]
    EMAIL_HOST_PASSWORD = _email["PASSWORD"]
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sid@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Forms ------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Logging ------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"ringkas": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "ringkas"}},
    "root": {"handlers": ["console"], "level": env_str("SID_LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR"}},
}

# --- Backups (sid/cadangan, docs/backup.md) -------------------------------------------------
# Retention of the automatic weekly backups: the last N, plus the newest one of each of the
# last M months. Manual backups are kept until an administrator deletes them.
SID_CADANGAN_SIMPAN_MINGGUAN = env_int("SID_CADANGAN_SIMPAN_MINGGUAN", 8)
SID_CADANGAN_SIMPAN_BULANAN = env_int("SID_CADANGAN_SIMPAN_BULANAN", 6)
# A second directory (e.g. a mounted disk) that every verified backup is copied to; "" = none.
SID_CADANGAN_SALINAN_DIR = env_str("SID_CADANGAN_SALINAN_DIR")
# Passphrase for encrypting backups (AES-256-GCM); "" = not encrypted. Keep a copy off the server.
SID_CADANGAN_KUNCI = env_str("SID_CADANGAN_KUNCI")

# --- Sinkron / Hub (docs/sinkron.md) -----------------------------------------------------------
# Every instance is a village that may report to kecamatan/kabupaten hubs. SID_HUB=1 turns this
# instance into a hub too: /hub/ (dashboard for hub staff) and /api/sinkron/ (villages' API).
SID_HUB = env_bool("SID_HUB", False)
SID_HUB_NAMA = env_str("SID_HUB_NAMA", "Hub SID")
# The area the hub serves: 4 digits (kabupaten, e.g. 3201) or 6 (kecamatan, e.g. 320101).
SID_HUB_KODE_WILAYAH = env_str("SID_HUB_KODE_WILAYAH", "")
if SID_HUB_KODE_WILAYAH and not (
    SID_HUB_KODE_WILAYAH.isdigit() and len(SID_HUB_KODE_WILAYAH) in (2, 4, 6)
):
    gagal("SID_HUB_KODE_WILAYAH harus 2, 4 atau 6 digit kode wilayah (mis. 3201 atau 320101)")
# A village whose last batch is older than this is listed as stale on the hub.
SID_HUB_BASI_JAM = env_int("SID_HUB_BASI_JAM", 48)
# How long a one-time enrolment code stays valid.
SID_HUB_KODE_BERLAKU_JAM = env_int("SID_HUB_KODE_BERLAKU_JAM", 72)
# Largest request body the hub API reads (batches carry SK scans when a village shares records).
SID_HUB_BATAS_BATCH_MB = env_int("SID_HUB_BATAS_BATCH_MB", 40)
# Refused API requests (hub.verifikasi.tolak): repeats within the window share one log row with
# a counter; after SID_HUB_TOLAK_BATAS_IP refusals from one address in the window, that address
# is answered 429 (nothing read, nothing written) until the window has passed.
SID_HUB_TOLAK_JENDELA_MENIT = env_int("SID_HUB_TOLAK_JENDELA_MENIT", 10)
SID_HUB_TOLAK_BATAS_IP = env_int("SID_HUB_TOLAK_BATAS_IP", 20)
# Signed requests older or newer than this (seconds) are refused as expired.
SID_SINKRON_TOLERANSI_DETIK = env_int("SID_SINKRON_TOLERANSI_DETIK", 300)
# Network timeout of the village's requests to a hub (seconds).
SID_SINKRON_BATAS_WAKTU_DETIK = env_int("SID_SINKRON_BATAS_WAKTU_DETIK", 30)

# --- Layanan Mandiri (docs/mandiri.md) ---------------------------------------------------------
# PIN length (6-12), idle minutes before a resident session ends, bulk PIN-slip PDF lifetime.
SID_MANDIRI_PANJANG_PIN = env_int("SID_MANDIRI_PANJANG_PIN", 6)
SID_MANDIRI_SESI_MENIT = env_int("SID_MANDIRI_SESI_MENIT", 30)
SID_MANDIRI_SLIP_MENIT = env_int("SID_MANDIRI_SLIP_MENIT", 60)
