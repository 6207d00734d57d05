# SID production image: gunicorn (web), Celery worker and Celery beat all run from this image.
# See docs/produksi.md. Build: docker compose build (or: docker build -t sid .)
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Runtime libraries WeasyPrint needs (Pango, HarfBuzz subsetting) and fonts for the PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-liberation \
        fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# Unprivileged user; fixed ids so a bind-mounted /data can be chowned to 10001:10001.
RUN groupadd --system --gid 10001 sid \
    && useradd --system --uid 10001 --gid sid --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin sid

WORKDIR /app

# Dependencies first (cached while only the code changes). The lock pins every transitive
# dependency with hashes, so --no-deps is safe; pip check proves the set is complete.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock && pip check

COPY . .

# Paths as in .env.example. XDG_RUNTIME_DIR: where gunicorn puts its control socket
# ($HOME=/app is read-only for the sid user).
ENV DEBUG=0 \
    PYTHONPATH=/app \
    SID_VAR_DIR=/data \
    SID_MEDIA_ROOT=/data/media \
    SID_PRIVATE_ROOT=/data/privat \
    SID_BACKUP_ROOT=/data/cadangan \
    SID_STATIC_ROOT=/app/var/static \
    GUNICORN_WORKERS=3 \
    XDG_RUNTIME_DIR=/tmp

# Static files are baked into the image (served by WhiteNoise). The SECRET_KEY and
# ALLOWED_HOSTS here are build-only dummies required by DEBUG=0; they are not kept in the image.
RUN DEBUG=0 \
    SECRET_KEY=build-only-dummy-key-not-used-at-runtime-0123456789abcdefghijklmnop \
    ALLOWED_HOSTS=build.invalid \
    python manage.py collectstatic --noinput -v0 \
    && python -m compileall -q /app \
    && chmod 0755 /app/docker/entrypoint.sh \
    && mkdir -p /data/media /data/privat /data/cadangan \
    && chown -R sid:sid /data \
    && chmod 0750 /data/privat /data/cadangan

USER sid
VOLUME ["/data"]
EXPOSE 8000

ENTRYPOINT ["/app/docker/entrypoint.sh"]
# gunicorn also reads /app/gunicorn.conf.py (preload_app: the workers share the imported code).
CMD ["sh", "-c", "exec gunicorn sid.wsgi:application --bind 0.0.0.0:8000 --workers ${GUNICORN_WORKERS:-3} --timeout 60 --access-logfile -"]
