"""Every screen, opened by every kind of visitor: no server error anywhere, and the answer
(page, redirect to a login, refusal) is the one the roles allow (harapan.py)."""

import pytest

from sid import peran
from tests.layar import harapan as h
from tests.layar.conftest import klien_untuk
from tests.layar.penjelajah import GalatServer, tutup

pytestmark = pytest.mark.django_db

SIAPA = [*peran.SEMUA_PERAN, h.SUPERUSER, h.ANONIM, h.WARGA, h.STAF_HUB]


@pytest.mark.parametrize("siapa", SIAPA)
def test_setiap_halaman_untuk_setiap_peran(dunia, peta, siapa):
    client, user = klien_untuk(dunia, siapa)
    salah = []
    with GalatServer() as g:
        for route, path in h.urutan_jalan(peta.url):
            respon = client.get(path)
            tutup(respon)
            harap = h.harapan(siapa, user, route, path)
            if respon.status_code >= 500 or not harap.cocok(respon.status_code):
                salah.append(
                    f"{path} → {respon.status_code}, diharapkan {sorted(harap.boleh)} "
                    f"({harap.alasan})"
                )
    print(f"\nLayar [{siapa}]: {len(peta.url)} halaman dibuka.")
    assert not g.galat, "\n".join(g.galat)
    assert not salah, "\n".join(salah)
