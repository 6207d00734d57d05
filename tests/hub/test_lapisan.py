"""The hub stands alone: it shares only the wire format (sid.lib.kabel) with the village's
sinkron app, never imports it (a hub server need not run the village's code)."""

import ast
from pathlib import Path

HUB = Path(__file__).resolve().parents[2] / "hub"


def _impor(berkas: Path) -> set[str]:
    hasil = set()
    for node in ast.walk(ast.parse(berkas.read_text())):
        if isinstance(node, ast.Import):
            hasil |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            hasil.add(node.module)
    return hasil


def test_hub_tidak_mengimpor_sinkron():
    salah = [
        f"{b.relative_to(HUB.parent)}: {m}"
        for b in HUB.rglob("*.py")
        for m in _impor(b)
        if m == "sinkron" or m.startswith("sinkron.")
    ]
    assert not salah, salah
