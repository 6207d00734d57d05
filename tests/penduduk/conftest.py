import pytest

from tests.factories import buat_rt


@pytest.fixture
def rt(desa):
    """KRAJAN RW 001 RT 001, the RT of the shared `keluarga_budi` (tests/desa_uji.py)."""
    return buat_rt()


@pytest.fixture
def klien_operator(client, operator, desa):
    client.force_login(operator)
    return client
