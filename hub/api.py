"""The hub API villages talk to (/api/sinkron/…): every request signed (hub/verifikasi.py),
every answer signed, every refusal logged. Thin views over hub.services."""

from __future__ import annotations

import uuid
from functools import wraps

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt

from hub.lingkup import hub_aktif
from hub.services import batch as layanan_batch
from hub.services import pendaftaran, percakapan
from hub.verifikasi import (
    Ditolak,
    PermintaanSah,
    baca_body,
    jawab,
    jawab_berkas,
    terlalu_sering,
    tolak,
    verifikasi,
)


def api(method: str = "POST"):
    """Signed-request view: hub only, method checked, verified, refusals logged."""

    def dekorator(fungsi):
        @csrf_exempt
        @wraps(fungsi)
        def view(request, *args, **kwargs):
            hub_aktif()
            if (dibatasi := terlalu_sering(request)) is not None:
                return dibatasi
            permintaan = None
            try:
                if request.method != method:
                    raise Ditolak(405, "metode", f"Gunakan {method}.")
                body = baca_body(request)
                permintaan = verifikasi(request, body)
                hasil = fungsi(request, permintaan, *args, **kwargs)
            except ValidationError as exc:
                return tolak(
                    request, _dari(permintaan, Ditolak(400, "tidak_sah", " ".join(exc.messages)))
                )
            except Ditolak as exc:
                return tolak(request, _dari(permintaan, exc))
            if isinstance(hasil, HttpResponse):
                return hasil
            return jawab(request, hasil)

        return view

    return dekorator


def _dari(permintaan: PermintaanSah | None, exc: Ditolak) -> Ditolak:
    """A refusal after verification names the (verified) credential and village."""
    if permintaan is not None:
        exc.kredensial = exc.kredensial or str(permintaan.kredensial.uuid)
        exc.kode_desa = exc.kode_desa or permintaan.desa.kode
    return exc


def _kursor(request) -> int:
    try:
        return max(0, int(request.GET.get("setelah", "0")))
    except ValueError:
        raise Ditolak(400, "kursor", "Kursor harus bilangan bulat.") from None


@csrf_exempt
def daftar(request):
    """Enrolment: one-time code + the village's new public key → a credential."""
    hub_aktif()
    if (dibatasi := terlalu_sering(request)) is not None:
        return dibatasi
    try:
        if request.method != "POST":
            raise Ditolak(405, "metode", "Gunakan POST.")
        hasil = pendaftaran.pendaftaran_terima(request=request, body=baca_body(request))
    except Ditolak as exc:
        return tolak(request, exc)
    return jawab(request, hasil, status=201)


@api("GET")
def status(request, p: PermintaanSah):
    return {"kode_desa": p.desa.kode, "nama_desa": p.desa.nama, "terhubung": True}


@api()
def batch(request, p: PermintaanSah):
    return layanan_batch.batch_terima(permintaan=p)


@api()
def purge(request, p: PermintaanSah):
    return layanan_batch.purge_terima(permintaan=p)


@api()
def rotasi(request, p: PermintaanSah):
    return pendaftaran.rotasi_terima(permintaan=p)


@api()
def cabut(request, p: PermintaanSah):
    return pendaftaran.cabut_oleh_desa(permintaan=p)


@api("GET")
def pengumuman(request, p: PermintaanSah):
    return percakapan.pengumuman_tarik(permintaan=p, setelah=_kursor(request))


@api("GET")
def pengumuman_lampiran(request, p: PermintaanSah, id: int):
    obj = percakapan.pengumuman_untuk_desa(p.desa).filter(pk=id).first()
    if obj is None or not obj.lampiran:
        raise Ditolak(404, "tidak_ada", "Lampiran tidak ditemukan.")
    with obj.lampiran.open("rb") as f:
        return jawab_berkas(request, f.read(), obj.lampiran_jenis)


@api()
def pengumuman_dibaca(request, p: PermintaanSah, id: int):
    return percakapan.pengumuman_dibaca_terima(permintaan=p, id_pengumuman=id)


@api()
def tiket_baru(request, p: PermintaanSah):
    return percakapan.tiket_terima(permintaan=p)


@api("GET")
def tiket_tarik(request, p: PermintaanSah):
    return percakapan.tiket_tarik(permintaan=p, setelah=_kursor(request))


@api()
def tiket_pesan(request, p: PermintaanSah, kode: uuid.UUID):
    return percakapan.pesan_desa_terima(permintaan=p, tiket_uuid=kode)


@api("GET")
def tiket_lampiran(request, p: PermintaanSah, pesan: uuid.UUID):
    from hub.models import PesanTiket

    obj = PesanTiket.objects.filter(uuid=pesan, tiket__desa=p.desa).first()
    if obj is None or not obj.lampiran:
        raise Ditolak(404, "tidak_ada", "Lampiran tidak ditemukan.")
    with obj.lampiran.open("rb") as f:
        return jawab_berkas(request, f.read(), obj.lampiran_jenis)


# --- discussion board ---------------------------------------------------------------------------
def _topik_json(t) -> dict:
    return {
        "id": t.pk,
        "judul": t.judul,
        "nama": t.nama,
        "dibuat": t.dibuat.isoformat(),
        "diperbarui": t.diperbarui.isoformat(),
        "jumlah_balasan": t.jumlah_balasan,
    }


@api("GET")
def forum(request, p: PermintaanSah):
    daftar = percakapan.topik_untuk_desa(p.desa).order_by("-diperbarui", "-pk")[:100]
    return {"topik": [_topik_json(t) for t in daftar]}


@api("GET")
def forum_topik(request, p: PermintaanSah, id: int):
    topik = percakapan.topik_untuk_desa(p.desa).filter(pk=id).first()
    if topik is None:
        raise Ditolak(404, "tidak_ada", "Topik tidak ditemukan.")
    return {
        "topik": _topik_json(topik),
        "balasan": [
            {"nama": b.nama, "isi": b.isi, "waktu": b.waktu.isoformat()}
            for b in topik.balasan.all()[:500]
        ],
    }


@api()
def forum_baru(request, p: PermintaanSah):
    t = percakapan.topik_buat(
        judul=p.data.get("judul"), isi=p.data.get("isi"), desa=p.desa, nama=p.data.get("nama", "")
    )
    return _topik_json(t)


@api()
def forum_balas(request, p: PermintaanSah, id: int):
    topik = percakapan.topik_untuk_desa(p.desa).filter(pk=id).first()
    if topik is None:
        raise Ditolak(404, "tidak_ada", "Topik tidak ditemukan.")
    percakapan.forum_balas(
        topik=topik, isi=p.data.get("isi"), desa=p.desa, nama=p.data.get("nama", "")
    )
    return {"topik": topik.pk}
