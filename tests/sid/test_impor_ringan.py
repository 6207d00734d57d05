"""A web or worker process loads the heavy libraries only where they are used (issue #21,
docs/architecture.md "Imports inside functions"): starting Django and loading every URL pattern
(every admin module, view and form) imports none of them, and Pillow, when something imports
it later, still gets SID's pixel limits before anything can decode."""

import json
import os
import subprocess
import sys
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]
# Loaded only by the code that uses them: PDF rendering, xlsx reading, the export resource,
# backups and hub signatures, image uploads, joining PDF books, QR codes.
BERAT = (
    "weasyprint",
    "fontTools",
    "openpyxl",
    "import_export",
    "tablib",
    "cryptography",
    "PIL",
    "pypdf",
    "segno",
)

SKRIP = """
import json, sys
import django
django.setup()
from django.urls import get_resolver
get_resolver().url_patterns
from sid.celery_app import app
app.loader.import_default_modules()  # what a Celery worker imports at start
dimuat = sorted({m.split(".")[0] for m in sys.modules} & set(json.loads(sys.argv[1])))
from PIL import Image
from sid.lib.berkas import batas_piksel_tertinggi
print(json.dumps({"dimuat": dimuat, "batas": [Image.MAX_IMAGE_PIXELS, batas_piksel_tertinggi()]}))
"""


def test_proses_web_dan_worker_tidak_memuat_pustaka_berat(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SID_", "DATABASE_URL", "REDIS_URL", "DJANGO_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="sid.settings",
        DEBUG="1",
        SID_VAR_DIR=str(tmp_path),
        PYTHONPATH=str(AKAR),
    )
    keluar = subprocess.run(
        [sys.executable, "-c", SKRIP, json.dumps(BERAT)],
        cwd=AKAR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    hasil = json.loads(keluar.stdout.strip().splitlines()[-1])
    assert hasil["dimuat"] == []
    batas, harapan = hasil["batas"]
    assert batas == harapan
