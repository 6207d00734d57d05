"""`sid` is the ground floor: outside its migrations it imports no domain app, so every other
app can depend on it and it on none of them (docs/architecture.md)."""

import ast
from pathlib import Path

SID = Path(__file__).resolve().parents[2] / "sid"
APLIKASI = {
    "penduduk", "keluarga", "surat", "mandiri", "konten", "perangkat", "bantuan", "keuangan",
    "sinkron", "hub",
}  # fmt: skip


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


def test_sid_tidak_mengimpor_aplikasi_domain():
    salah = [
        f"{b.relative_to(SID.parent)}: {m}"
        for b in SID.rglob("*.py")
        if "migrations" not in b.parts
        for m in _impor(b)
        if m.split(".")[0] in APLIKASI
    ]
    assert not salah, salah
