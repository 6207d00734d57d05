"""Where the shared reference files are (shared/reference: official code lists, OpenSID's files).

Beside the repository (`../shared/reference`, as on the development machine and in CI), else at
`SID_REFERENSI` or `/work/shared/reference` (a worktree or clone elsewhere on that machine).
Missing: a test that needs them skips with the reason, or fails in CI (`SID_REQUIRE_SERVICES=1`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_CALON = [Path(p) for p in (os.environ.get("SID_REFERENSI"),) if p] + [
    Path(__file__).resolve().parents[2] / "shared" / "reference",
    Path("/work/shared/reference"),
]


def folder_rujukan(*bagian: str) -> Path:
    """`shared/reference/<bagian…>`, or skip/fail the test that asks when it is not there."""
    for akar in _CALON:
        if (akar / Path(*bagian)).exists():
            return akar / Path(*bagian)
    pesan = f"shared/reference/{'/'.join(bagian)} tidak ditemukan (dicari di: {', '.join(map(str, _CALON))})"
    if os.environ.get("SID_REQUIRE_SERVICES") == "1":
        pytest.fail(pesan)
    pytest.skip(pesan)
