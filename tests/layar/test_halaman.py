"""Every screen, opened by every kind of visitor: no server error anywhere, and the answer
(page, redirect to a login, refusal) is the one the roles allow (harapan.py)."""

import pytest

from sid import peran
from tests.layar import harapan as h
from tests.layar import penjelajah as pj
from tests.layar.conftest import klien_untuk
from tests.layar.penjelajah import GalatServer, tutup
from tests.layar.ukuran import PERAN, UKURAN

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
            ke_login = respon.status_code == 302 and "/login/" in respon.get("Location", "")
            if ke_login and siapa not in (h.ANONIM, h.WARGA, h.STAF_HUB) and user.is_staff:
                # Staff are never sent to log in again: a refusal is a 403.
                salah.append(f"{path} → dialihkan ke halaman masuk ({harap.alasan})")
            elif respon.status_code >= 500 or not harap.cocok(respon.status_code):
                salah.append(
                    f"{path} → {respon.status_code}, diharapkan {sorted(harap.boleh)} "
                    f"({harap.alasan})"
                )
    UKURAN["permintaan_halaman"] += len(peta.url)
    PERAN.add(siapa)
    assert not g.galat, "\n".join(g.galat)
    assert not salah, "\n".join(salah)


BURUK = ["abc", "%00", "9" * 30, "①"]


@pytest.mark.parametrize("siapa", [h.SUPERUSER, h.ANONIM, h.WARGA, h.STAF_HUB])
def test_alamat_dan_pencarian_buruk_tidak_membuat_galat_server(dunia, peta, siapa):
    """A typed-in address with a non-numeric id, and every search/filter box (GET form) with a
    NUL byte or 10,000 characters: a 4xx, a redirect or the page with a message — never a 5xx."""
    from urllib.parse import urlencode

    client, _user = klien_untuk(dunia, siapa)
    salah, jumlah, dilihat = [], 0, set()
    with GalatServer() as g:
        for route, path in h.urutan_jalan(peta.url):
            if route in h.KELUAR:
                continue
            for nama in pj.nama_konverter(route):
                if nama not in ("object_id", "pk", "id", "uuid", "kode", "slug", "kunci"):
                    continue
                for buruk in BURUK:
                    alamat = pj.isi_pola(route, {**pj.kwargs_dari(path), nama: buruk})
                    if alamat is None:
                        continue
                    jumlah += 1
                    respon = client.get(alamat)
                    tutup(respon)
                    if respon.status_code >= 500:
                        salah.append(f"{alamat} → {respon.status_code}")
            respon = client.get(path)
            if respon.status_code != 200 or "html" not in respon.get("Content-Type", ""):
                tutup(respon)
                continue
            for f in pj.urai(respon.content.decode(errors="replace")).formulir:
                kunci = (pj.rute(f.action or path), tuple(sorted(f.kolom)))
                if f.method != "get" or kunci in dilihat:
                    continue
                dilihat.add(kunci)
                teks = [n for n, k in f.kolom.items() if k.get("type") in ("text", "search")]
                for nama in teks:
                    for nilai in ("Budi\x00", "A" * 10_000):
                        data = {**{k: v[0] for k, v in f.data().items()}, nama: nilai}
                        alamat = (f.action or path).split("?")[0] + "?" + urlencode(data)
                        jumlah += 1
                        r2 = client.get(alamat)
                        tutup(r2)
                        if r2.status_code >= 500:
                            salah.append(f"{alamat[:120]} → {r2.status_code}")
    UKURAN["alamat_buruk"] += jumlah
    assert not g.galat, "\n".join(g.galat)
    assert not salah, "\n".join(salah)
