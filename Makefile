# SID — two commands: `make run` (demo on SQLite) and `make test` (the whole suite).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip --disable-pip-version-check -q
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PENDUDUK ?= 2000
export DEBUG ?= 1

.PHONY: help install run serve test lint format bench lock cadangan bahasa

help:
	@echo "make run    - siapkan semuanya dan jalankan desa demo di http://$(HOST):$(PORT)/"
	@echo "make test   - jalankan seluruh tes"
	@echo "make install- buat/perbarui .venv (paket proyek + paket pengembangan)"
	@echo "make bench  - ukur kinerja (lihat docs/performance.md)"
	@echo "make lint   - ruff + pemeriksaan migrasi"
	@echo "make cadangan - buat cadangan terverifikasi sekarang (lihat docs/backup.md)"

$(VENV)/bin/activate:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "SID butuh Python 3.11 atau lebih baru")'
	@$(PYTHON) -m venv $(VENV) || { echo "Gagal membuat virtualenv: pasang paket Debian python3-venv (sudo apt-get install python3-venv)"; exit 1; }

# Creates or updates .venv with the project and its dev dependencies, from the lock file.
$(VENV)/.terpasang: $(VENV)/bin/activate requirements-dev.lock pyproject.toml
	$(PIP) install --upgrade pip
	$(PIP) install --require-hashes -r requirements-dev.lock
	$(PIP) install --no-deps --no-build-isolation -e . 2>/dev/null || $(PIP) install --no-deps -e .
	@touch $@

install: $(VENV)/.terpasang

# WeasyPrint needs Pango from the system; say which Debian package to install if it is missing.
.periksa-sistem: install
	@$(PY) -c 'import weasyprint' 2>/dev/null || { echo "Pustaka Pango tidak ada: jalankan 'sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0' lalu ulangi."; exit 1; }

run: .periksa-sistem
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py buat_admin
	@if $(PY) manage.py help isi_desa_demo >/dev/null 2>&1; then \
		$(PY) manage.py isi_desa_demo --penduduk $(DEMO_PENDUDUK) --jika-kosong; fi
	@echo "Back office: http://$(HOST):$(PORT)/admin/   Website: http://$(HOST):$(PORT)/"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

bench: install
	$(PY) -m bench $(BENCH_ARGS)

# A verified backup now (database + files); prints the archive path. Restore: manage.py pulihkan.
cadangan: install
	$(PY) manage.py cadangkan

# SID's own wording for Django's strings (locale/id/LC_MESSAGES/django.po); the .mo is committed.
bahasa:
	msgfmt --check -o locale/id/LC_MESSAGES/django.mo locale/id/LC_MESSAGES/django.po

# Regenerate the lock files after changing pyproject.toml (needs `pip install uv`).
lock:
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -q -o requirements.lock --custom-compile-command "make lock"
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -q -o requirements-dev.lock --custom-compile-command "make lock"
