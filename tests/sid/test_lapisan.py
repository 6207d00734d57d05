"""The apps stand in layers (docs/architecture.md, "Lapisan"): an app imports only apps of a
lower layer, never one of its own layer or above, so there is no import loop between apps
and `sid` (the ground floor) imports no domain app. Migrations are history and not checked."""

import ast
from pathlib import Path

AKAR = Path(__file__).resolve().parents[2]
# Bottom to top; the same list is drawn in docs/architecture.md.
LAPISAN = [
    {"sid"},
    {"keluarga"},
    {"penduduk"},
    {"perangkat"},
    {"surat", "konten", "bantuan", "keuangan"},
    {"mandiri"},
    {"sinkron", "pindah"},
    {"hub"},
]
TINGKAT = {app: i for i, lapis in enumerate(LAPISAN) for app in lapis}


def _impor(berkas: Path) -> set[str]:
    hasil = set()
    for node in ast.walk(ast.parse(berkas.read_text())):
        if isinstance(node, ast.Import):
            hasil |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            hasil.add(node.module)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module":
            hasil |= {a.value for a in node.args if isinstance(a, ast.Constant)}
    return hasil


def _pelanggaran(app: str) -> list[str]:
    return [
        f"{b.relative_to(AKAR)}: {m}"
        for b in (AKAR / app).rglob("*.py")
        if "migrations" not in b.parts
        for m in _impor(b)
        if m.split(".")[0] in TINGKAT
        and m.split(".")[0] != app
        and TINGKAT[m.split(".")[0]] >= TINGKAT[app]
    ]


def test_setiap_aplikasi_hanya_mengimpor_lapisan_di_bawahnya():
    salah = [s for app in TINGKAT for s in _pelanggaran(app)]
    assert not salah, salah


def test_sid_tidak_mengimpor_aplikasi_domain():
    assert not _pelanggaran("sid")


def test_semua_aplikasi_punya_lapisan():
    """A new app must be given its place in the layers (and in docs/architecture.md)."""
    aplikasi = {
        p.parent.name
        for p in AKAR.glob("*/apps.py")
        if p.parent.name not in {"tests", "bench", "docker"}
    }
    assert aplikasi <= set(TINGKAT), aplikasi - set(TINGKAT)


def test_impor_antar_aplikasi_di_puncak_modul():
    """A cross-app import inside a function hides a dependency until that code runs; only
    AppConfig.ready() may (the registry must be ready first)."""
    salah = []
    for app in TINGKAT:
        for b in (AKAR / app).rglob("*.py"):
            if "migrations" in b.parts or b.name == "apps.py":
                continue
            pohon = ast.parse(b.read_text())
            puncak = {id(n) for n in pohon.body}
            for node in ast.walk(pohon):
                if id(node) in puncak or not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                nama = (
                    [a.name for a in node.names]
                    if isinstance(node, ast.Import)
                    else [node.module or ""] * (not node.level)
                )
                lain = [n for n in nama if n.split(".")[0] in TINGKAT and n.split(".")[0] != app]
                if lain:
                    salah.append(f"{b.relative_to(AKAR)}:{node.lineno}: {lain[0]}")
    assert not salah, salah
