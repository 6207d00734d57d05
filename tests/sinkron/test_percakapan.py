"""Both directions of conversation: hub notices reach the village and its reading shows at the
hub; a village report reaches the hub and the answer and status come back; the board."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hub.lingkup import Lingkup
from hub.models import PengumumanDibaca, Tiket, TopikForum
from hub.services import percakapan as hub_percakapan
from perangkat.demo import pdf_sederhana
from sinkron.models import PengumumanDesa, TiketDesa
from sinkron.services import percakapan
from sinkron.services.kirim import sinkron_kirim

pytestmark = pytest.mark.django_db


def _pdf(nama="lampiran.pdf", teks="LAMPIRAN"):
    return SimpleUploadedFile(nama, pdf_sederhana([teks]), "application/pdf")


def test_pengumuman_sampai_di_desa_dan_bacaannya_tampil_di_hub(
    terdaftar, staf_hub, admin_desa, client, django_capture_on_commit_callbacks
):
    p = hub_percakapan.pengumuman_buat(
        oleh=staf_hub["kab"],
        lingkup=Lingkup("3201", "Bogor"),
        judul="Rapat koordinasi",
        isi="Hadir Senin pukul 09.00.",
        lampiran=_pdf("undangan.pdf", "UNDANGAN"),
    )
    sinkron_kirim(hub_id=terdaftar.pk, paksa=True, tarik=True)
    lokal = PengumumanDesa.objects.get()
    assert (lokal.id_hub, lokal.judul) == (p.pk, "Rapat koordinasi")
    with lokal.lampiran.open("rb") as f:
        assert f.read().startswith(b"%PDF")
    # The village dashboard lists it as unread.
    client.force_login(admin_desa)
    assert "Baca: Rapat koordinasi" in client.get(reverse("admin:index")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(reverse("admin:sinkron_pengumumandesa_baca", args=[lokal.pk]))
    assert r.status_code == 302
    baca = PengumumanDibaca.objects.get()
    assert baca.pengumuman == p and baca.desa.kode == terdaftar.kode_desa
    assert admin_desa.username in baca.dibaca_oleh
    # The hub's notice page shows who read it.
    client.force_login(staf_hub["kab"])
    isi = client.get(reverse("hub:pengumuman", args=[p.pk])).content.decode()
    assert "Sudah dibaca 1 dari 1 desa" in isi


def test_pengumuman_untuk_kecamatan_lain_tidak_sampai(terdaftar, staf_hub):
    hub_percakapan.pengumuman_buat(
        oleh=staf_hub["kec2"], lingkup=Lingkup("320102"), judul="Khusus kec. 2", isi="x"
    )
    sinkron_kirim(hub_id=terdaftar.pk, paksa=True, tarik=True)
    assert not PengumumanDesa.objects.exists()


def test_laporan_desa_sampai_di_hub_dan_jawaban_serta_status_kembali(
    terdaftar, staf_hub, admin_desa, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        t = percakapan.tiket_buat(
            oleh=admin_desa,
            hub=terdaftar,
            kategori="masalah",
            judul="Listrik kantor desa padam",
            isi="Sejak kemarin server SID mati-hidup.",
            lampiran=_pdf("foto.pdf"),
        )
    di_hub = Tiket.objects.get(uuid=t.uuid)
    assert di_hub.desa.kode == terdaftar.kode_desa and di_hub.status == "diterima"
    assert di_hub.pesan.get().lampiran
    t.refresh_from_db()
    assert t.status == "diterima"

    hub_percakapan.tiket_balas(
        oleh=staf_hub["kec1"], tiket=di_hub, isi="Teknisi datang besok.", status="diproses"
    )
    sinkron_kirim(hub_id=terdaftar.pk, paksa=True, tarik=True)
    t.refresh_from_db()
    assert t.status == "diproses" and t.ada_balasan
    assert [p.isi for p in t.pesan.filter(dari="hub")] == ["Teknisi datang besok."]

    # The village answers back in the thread.
    with django_capture_on_commit_callbacks(execute=True):
        percakapan.tiket_balas(oleh=admin_desa, tiket=t, isi="Terima kasih.")
    assert di_hub.pesan.filter(dari="desa").count() == 2

    client.force_login(admin_desa)
    r = client.get(reverse("admin:sinkron_tiketdesa_change", args=[t.pk]))
    assert "Teknisi datang besok." in r.content.decode()
    assert not TiketDesa.objects.get(pk=t.pk).ada_balasan


def test_laporan_tanpa_judul_ditolak_dan_tidak_ditulis(terdaftar, admin_desa):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        percakapan.tiket_buat(oleh=admin_desa, hub=terdaftar, kategori="masalah", judul="", isi="")
    assert exc.value.message_dict["judul"] == ["Judul wajib diisi."]
    assert not TiketDesa.objects.exists()


def test_forum_desa_dan_staf_hub_saling_membalas(terdaftar, staf_hub, admin_desa):
    topik = percakapan.forum_topik_buat(
        oleh=admin_desa, hub=terdaftar, judul="Format laporan BLT", isi="Ada contoh?"
    )
    t = TopikForum.objects.get(pk=topik["id"])
    assert t.lingkup == "320101" and t.desa.kode == terdaftar.kode_desa
    hub_percakapan.forum_balas(topik=t, isi="Lihat lampiran pengumuman.", oleh=staf_hub["kec1"])
    data = percakapan.forum_topik(hub=terdaftar, id_topik=t.pk)
    assert [b["isi"] for b in data["balasan"]] == ["Ada contoh?", "Lihat lampiran pengumuman."]
    assert [x["judul"] for x in percakapan.forum_daftar(hub=terdaftar)] == ["Format laporan BLT"]
