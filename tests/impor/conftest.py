import shutil
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
CONTOH = DATA / "contoh_penduduk.xlsx"
SIAK = DATA / "format_siak.xls"


@pytest.fixture
def operator(buat_staf):
    return buat_staf("Operator", username="operator")


@pytest.fixture
def salinan(tmp_path):
    """A writable copy of a reference file."""

    def _salin(sumber: Path) -> Path:
        tujuan = tmp_path / sumber.name
        shutil.copy(sumber, tujuan)
        return tujuan

    return _salin
