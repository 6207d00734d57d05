"""Every screen the code defines is reached by the harness, and none answered with an error
while it was being found."""

import pytest

pytestmark = pytest.mark.django_db


def test_setiap_pola_url_punya_halaman_nyata(peta):
    assert not peta.galat, "\n".join(peta.galat)
    assert not peta.tak_terjangkau, (
        "Pola URL tanpa tautan dari halaman mana pun dan tanpa objek contoh (lihat "
        "docs/pengujian.md):\n" + "\n".join(peta.tak_terjangkau)
    )
