"""Appointments from their SK: the rules, the bad input the issue names, the SK check flow."""

import datetime
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from PIL import Image

from perangkat import services
from perangkat.models import Pengangkatan, StatusVerifikasi
from sid.exceptions import PerluKonfirmasi
from sid.models import LogAktivitas, Wilayah
from tests.factories import PerangkatFactory, buat_rt
from tests.perangkat.conftest import sk_pdf

pytestmark = pytest.mark.django_db
T = datetime.date


def _berkas_privat() -> list[Path]:
    folder = Path(settings.STORAGES["privat"]["OPTIONS"]["location"])
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture
def jejak():
    """Counts of everything an appointment write touches, to assert nothing was written."""

    def _hitung():
        return (Pengangkatan.objects.count(), LogAktivitas.objects.count(), len(_berkas_privat()))

    return _hitung


def _buat(operator, jabatan, perangkat, nama_jabatan="Kepala Desa", **kwargs):
    data = {
        "nomor_sk": "141/Kep.12-DPMD/2024",
        "tanggal_sk": T(2024, 1, 2),
        "tmt": T(2024, 1, 5),
        "berkas_sk": sk_pdf(),
    }
    data.update(kwargs)
    return services.pengangkatan_create(
        oleh=operator, perangkat=perangkat, jabatan=jabatan[nama_jabatan], **data
    )


# --- the happy path ---------------------------------------------------------------------------


def test_pengangkatan_tercatat_belum_diperiksa_dengan_berkas_privat_dan_audit(operator, jabatan):
    ahmad = PerangkatFactory(nama="Ahmad Fauzi")
    p = _buat(operator, jabatan, ahmad)
    assert p.status_verifikasi == StatusVerifikasi.BELUM
    assert p.berkas_sk_jenis == "application/pdf"
    assert p.berkas_sk.name.startswith("perangkat/sk/") and p.berkas_sk.name.endswith(".pdf")
    assert "sk.pdf" not in p.berkas_sk.name  # stored under a random name
    # Private storage, outside MEDIA_ROOT (which /media/ serves).
    path = Path(p.berkas_sk.path).resolve()
    assert path.is_relative_to(Path(settings.STORAGES["privat"]["OPTIONS"]["location"]).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert _berkas_privat() == [path]
    log = LogAktivitas.objects.get(aksi="buat", object_id=str(p.pk))
    assert log.pengguna == operator
    assert log.perubahan["nomor_sk"] == [None, "141/Kep.12-DPMD/2024"]
    assert p.dibuat_oleh == operator


def test_gambar_sk_diterima_dan_dikodekan_ulang(operator, jabatan):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 60), "white").save(buffer, format="JPEG")
    p = _buat(
        operator,
        jabatan,
        PerangkatFactory(),
        berkas_sk=SimpleUploadedFile("sk.pdf", buffer.getvalue(), "application/pdf"),
    )
    assert p.berkas_sk_jenis == "image/jpeg"
    assert p.berkas_sk.name.endswith(".jpg")  # by content, whatever the uploaded name said


# --- bad input named by the issue: refused with a clear message, nothing written --------------


def test_berkas_exe_berganti_nama_pdf_ditolak(operator, jabatan, jejak):
    sebelum = jejak()
    exe = SimpleUploadedFile("sk.pdf", b"MZ\x90\x00\x03" + b"\x00" * 500, "application/pdf")
    with pytest.raises(ValidationError, match="Berkas bukan PDF yang sah"):
        _buat(operator, jabatan, PerangkatFactory(), berkas_sk=exe)
    assert jejak() == sebelum


def test_pdf_palsu_tanpa_akhir_ditolak(operator, jabatan, jejak):
    sebelum = jejak()
    palsu = SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "application/pdf")
    with pytest.raises(ValidationError, match="Berkas bukan PDF yang sah"):
        _buat(operator, jabatan, PerangkatFactory(), berkas_sk=palsu)
    assert jejak() == sebelum


def test_berkas_lebih_dari_5_mb_ditolak(operator, jabatan, jejak):
    sebelum = jejak()
    isi = sk_pdf().read()
    besar = SimpleUploadedFile(
        "sk.pdf", isi[:-6] + b"\n%" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF\n", "application/pdf"
    )
    assert besar.size > 5 * 1024 * 1024
    with pytest.raises(ValidationError, match=r"terlalu besar \(maksimal 5 MB\)"):
        _buat(operator, jabatan, PerangkatFactory(), berkas_sk=besar)
    assert jejak() == sebelum


def test_kepala_desa_definitif_kedua_pada_periode_bertumpuk_ditolak(operator, jabatan, jejak):
    pertama = PerangkatFactory(nama="Ahmad Fauzi")
    _buat(operator, jabatan, pertama)
    sebelum = jejak()
    with pytest.raises(ValidationError) as info:
        _buat(
            operator,
            jabatan,
            PerangkatFactory(nama="Budi Hartono"),
            nomor_sk="141/Kep.99-DPMD/2025",
            tanggal_sk=T(2025, 3, 1),
            tmt=T(2025, 3, 1),
        )
    pesan = info.value.message_dict["jabatan"][0]
    assert "sudah dipegang secara definitif oleh Ahmad Fauzi" in pesan
    assert "TMT 05-01-2024 sampai sekarang" in pesan
    assert "Plt/Pj" in pesan
    assert jejak() == sebelum


def test_kepala_desa_lama_yang_berhenti_sebelum_tmt_baru_tidak_bertumpuk(operator, jabatan):
    lama = _buat(operator, jabatan, PerangkatFactory(nama="Ahmad Fauzi"))
    services.pengangkatan_berhenti(
        oleh=operator,
        pengangkatan=lama,
        nomor_sk_berhenti="141/Kep.50-DPMD/2025",
        tanggal_sk_berhenti=T(2025, 2, 20),
        tanggal_berhenti=T(2025, 3, 1),
    )
    # Closed period overlapping the new one is still refused …
    with pytest.raises(ValidationError, match="sudah dipegang secara definitif"):
        _buat(
            operator,
            jabatan,
            PerangkatFactory(nama="Budi Hartono"),
            nomor_sk="141/Kep.51-DPMD/2025",
            tanggal_sk=T(2025, 2, 1),
            tmt=T(2025, 2, 1),
        )
    # … the successor may start on the predecessor's first day out of office.
    baru = _buat(
        operator,
        jabatan,
        PerangkatFactory(nama="Budi Hartono"),
        nomor_sk="141/Kep.51-DPMD/2025",
        tanggal_sk=T(2025, 2, 25),
        tmt=T(2025, 3, 1),
    )
    assert baru.pk


@pytest.mark.parametrize(
    "kolom,nilai,pesan",
    [
        (
            "tanggal_sk_berhenti",
            T(2023, 12, 1),
            "Tanggal SK pemberhentian (01-12-2023) tidak boleh sebelum tanggal SK pengangkatan (02-01-2024)",
        ),
        (
            "tanggal_berhenti",
            T(2024, 1, 3),
            "Tanggal berhenti (03-01-2024) tidak boleh sebelum TMT pengangkatan (05-01-2024)",
        ),
    ],
)
def test_pemberhentian_sebelum_pengangkatan_ditolak(operator, jabatan, jejak, kolom, nilai, pesan):
    p = _buat(operator, jabatan, PerangkatFactory())
    sebelum = jejak()
    data = {
        "nomor_sk_berhenti": "141/Kep.60-DPMD/2024",
        "tanggal_sk_berhenti": T(2024, 6, 1),
        "tanggal_berhenti": T(2024, 6, 1),
    }
    data[kolom] = nilai
    with pytest.raises(ValidationError) as info:
        services.pengangkatan_berhenti(oleh=operator, pengangkatan=p, **data)
    assert pesan in info.value.message_dict[kolom][0]
    p.refresh_from_db()
    assert p.tanggal_berhenti is None and p.nomor_sk_berhenti == ""
    assert jejak() == sebelum


def test_pemberhentian_sebelum_pengangkatan_ditolak_database(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Pengangkatan.objects.filter(pk=p.pk).update(
            nomor_sk_berhenti="X", tanggal_sk_berhenti=T(2024, 6, 1), tanggal_berhenti=T(2023, 1, 1)
        )


def test_tmt_sebelum_tanggal_sk_perlu_konfirmasi(operator, jabatan, jejak):
    ahmad = PerangkatFactory()
    sebelum = jejak()
    data = {"tanggal_sk": T(2024, 2, 10), "tmt": T(2024, 1, 1)}
    with pytest.raises(PerluKonfirmasi) as info:
        _buat(operator, jabatan, ahmad, **data)
    assert "TMT (01-01-2024) lebih awal dari tanggal SK (10-02-2024)" in info.value.messages[0]
    assert "centang konfirmasi" in info.value.messages[0]
    assert jejak() == sebelum
    # Back-dated decrees happen: confirmed, it is saved and the audit says so.
    p = _buat(operator, jabatan, ahmad, konfirmasi=True, **data)
    assert p.tmt == T(2024, 1, 1)
    assert "dikonfirmasi" in LogAktivitas.objects.get(aksi="buat", object_id=str(p.pk)).keterangan


def test_nomor_sk_dipakai_untuk_orang_lain_ditolak(operator, jabatan, jejak):
    _buat(operator, jabatan, PerangkatFactory(nama="Ahmad Fauzi"), nomor_sk="141/07/KPTS/2024")
    sebelum = jejak()
    with pytest.raises(ValidationError) as info:
        _buat(
            operator,
            jabatan,
            PerangkatFactory(nama="Siti Rahmawati"),
            "Sekretaris Desa",
            nomor_sk="  141/07/kpts/2024 ",  # same number, other case and spacing
        )
    pesan = info.value.message_dict["nomor_sk"][0]
    assert "Nomor SK 141/07/kpts/2024 sudah dipakai untuk pengangkatan Ahmad Fauzi" in pesan
    assert "Satu SK pengangkatan hanya untuk satu orang" in pesan
    assert jejak() == sebelum


def test_nomor_sk_yang_sama_untuk_orang_yang_sama_boleh(operator, jabatan):
    """One decree may appoint one person to a post and an acting post at once."""
    ahmad = PerangkatFactory()
    _buat(operator, jabatan, ahmad, "Kaur Umum dan Perencanaan", nomor_sk="141/08/KPTS/2024")
    p = _buat(
        operator, jabatan, ahmad, "Kasi Kesejahteraan", nomor_sk="141/08/KPTS/2024", jenis="plt"
    )
    assert p.judul_jabatan == "Plt. Kasi Kesejahteraan"


# --- further rules ---------------------------------------------------------------------------


def test_plt_di_samping_jabatan_definitif_boleh_tetapi_dua_definitif_tidak(operator, jabatan):
    ahmad = PerangkatFactory(nama="Ahmad Fauzi")
    _buat(operator, jabatan, ahmad, "Kaur Keuangan", nomor_sk="A/1")
    _buat(operator, jabatan, ahmad, "Kepala Desa", nomor_sk="A/2", jenis="plt")
    with pytest.raises(ValidationError) as info:
        _buat(operator, jabatan, ahmad, "Kasi Pelayanan", nomor_sk="A/3")
    assert (
        "masih memegang jabatan definitif Kaur Keuangan" in info.value.message_dict["perangkat"][0]
    )


def test_dua_plt_pada_jabatan_tunggal_bersamaan_ditolak(operator, jabatan):
    _buat(operator, jabatan, PerangkatFactory(), jenis="plt", nomor_sk="A/1")
    with pytest.raises(ValidationError, match="sudah memiliki pejabat sementara: Plt. Kepala Desa"):
        _buat(operator, jabatan, PerangkatFactory(), jenis="pj", nomor_sk="A/2")


def test_kepala_dusun_banyak_tetapi_satu_definitif_per_dusun(operator, jabatan):
    krajan = buat_rt("KRAJAN").dusun
    timur = buat_rt("TIMUR").dusun
    _buat(operator, jabatan, PerangkatFactory(), "Kepala Dusun", nomor_sk="D/1", dusun=krajan)
    b = _buat(operator, jabatan, PerangkatFactory(), "Kepala Dusun", nomor_sk="D/2", dusun=timur)
    assert b.judul_jabatan == "Kepala Dusun TIMUR"
    with pytest.raises(ValidationError) as info:
        _buat(operator, jabatan, PerangkatFactory(), "Kepala Dusun", nomor_sk="D/3", dusun=krajan)
    assert (
        "Kepala Dusun KRAJAN sudah dijabat secara definitif" in info.value.message_dict["dusun"][0]
    )
    # Staf: many holders, no dusun.
    _buat(operator, jabatan, PerangkatFactory(), "Staf", nomor_sk="S/1")
    _buat(operator, jabatan, PerangkatFactory(), "Staf", nomor_sk="S/2")


def test_dusun_hanya_untuk_jabatan_per_dusun(operator, jabatan):
    krajan = buat_rt("KRAJAN").dusun
    assert krajan.tingkat == Wilayah.Tingkat.DUSUN
    with pytest.raises(ValidationError, match="Dusun hanya diisi untuk jabatan per dusun"):
        _buat(operator, jabatan, PerangkatFactory(), "Staf", dusun=krajan)


def test_an_hanya_sekretaris_dan_satu_pada_satu_waktu(operator, jabatan):
    with pytest.raises(ValidationError, match="Hanya Sekretaris Desa yang dapat menandatangani"):
        _buat(operator, jabatan, PerangkatFactory(), "Kasi Pelayanan", boleh_an=True)
    _buat(operator, jabatan, PerangkatFactory(nama="Siti"), "Sekretaris Desa", boleh_an=True)
    with pytest.raises(ValidationError, match="Siti .* sudah berhak menandatangani a.n."):
        _buat(
            operator,
            jabatan,
            PerangkatFactory(),
            "Sekretaris Desa",
            nomor_sk="X/9",
            jenis="plt",
            boleh_an=True,
        )


def test_kepala_desa_tidak_menandatangani_ub(operator, jabatan):
    with pytest.raises(ValidationError, match="Kepala Desa menandatangani sendiri"):
        _buat(operator, jabatan, PerangkatFactory(), boleh_ub=True)


def test_database_menolak_dua_kepala_desa_definitif_terbuka(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Pengangkatan.objects.create(
            perangkat=PerangkatFactory(),
            jabatan=p.jabatan,
            jabatan_tunggal=True,
            nomor_sk="LAIN/1",
            tanggal_sk=T(2025, 1, 1),
            tmt=T(2025, 1, 1),
        )


def test_jabatan_dijadikan_tunggal_ditolak_bila_pernah_dipegang_bersamaan(operator, jabatan):
    _buat(operator, jabatan, PerangkatFactory(nama="A"), "Staf", nomor_sk="S/1")
    _buat(operator, jabatan, PerangkatFactory(nama="B"), "Staf", nomor_sk="S/2")
    with pytest.raises(ValidationError, match="pernah dipegang bersamaan oleh A dan B"):
        services.jabatan_update(oleh=operator, jabatan=jabatan["Staf"], data={"tunggal": True})


def test_jabatan_tunggal_disalin_ke_pengangkatan(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory(), "Staf", nomor_sk="S/1")
    assert p.jabatan_tunggal is False
    services.jabatan_update(oleh=operator, jabatan=jabatan["Staf"], data={"tunggal": True})
    p.refresh_from_db()
    assert p.jabatan_tunggal is True


# --- the SK check (verification) --------------------------------------------------------------


def test_cocok_menandai_terverifikasi_dengan_siapa_dan_kapan(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory())
    p = services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    assert p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI
    assert p.diverifikasi_oleh == operator and p.diverifikasi_pada
    log = LogAktivitas.objects.get(aksi="verifikasi", object_id=str(p.pk))
    assert log.pengguna == operator
    assert log.perubahan["status_verifikasi"][1].startswith("terverifikasi")


def test_verifikasi_tanpa_pindaian_ditolak(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory(), berkas_sk=None)
    with pytest.raises(ValidationError, match="Belum ada pindaian SK"):
        services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    p.refresh_from_db()
    assert p.status_verifikasi == StatusVerifikasi.BELUM


def test_perbaiki_perlu_catatan(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory())
    with pytest.raises(ValidationError, match="Tulis apa yang harus diperbaiki"):
        services.pengangkatan_minta_perbaikan(oleh=operator, pengangkatan=p, catatan=" ")
    p = services.pengangkatan_minta_perbaikan(
        oleh=operator, pengangkatan=p, catatan="Tanggal SK tertulis 3 Januari"
    )
    assert p.status_verifikasi == StatusVerifikasi.PERLU_PERBAIKAN
    log = LogAktivitas.objects.get(aksi="minta_perbaikan", object_id=str(p.pk))
    assert log.keterangan == "Tanggal SK tertulis 3 Januari"


def test_mengubah_data_sk_yang_terverifikasi_mengembalikan_ke_belum(operator, jabatan):
    p = _buat(operator, jabatan, PerangkatFactory())
    services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    # A non-SK field keeps the verification …
    p = services.pengangkatan_update(
        oleh=operator, pengangkatan=p, data={"keterangan": "Hasil pilkades"}
    )
    assert p.status_verifikasi == StatusVerifikasi.TERVERIFIKASI
    # … an SK field sends it back to the check.
    p = services.pengangkatan_update(
        oleh=operator, pengangkatan=p, data={"tanggal_sk": T(2024, 1, 3)}
    )
    assert p.status_verifikasi == StatusVerifikasi.BELUM
    assert p.diverifikasi_oleh is None and p.diverifikasi_pada is None
    log = LogAktivitas.objects.filter(aksi="ubah", object_id=str(p.pk)).first()
    assert "kembali ke 'belum diperiksa'" in log.keterangan


def test_mengganti_berkas_sk_menghapus_berkas_lama_setelah_commit(
    operator, jabatan, django_capture_on_commit_callbacks
):
    p = _buat(operator, jabatan, PerangkatFactory())
    services.pengangkatan_verifikasi(oleh=operator, pengangkatan=p)
    lama = p.berkas_sk.name
    with django_capture_on_commit_callbacks(execute=True):
        p = services.pengangkatan_update(
            oleh=operator, pengangkatan=p, data={"berkas_sk": sk_pdf("baru")}
        )
    assert p.berkas_sk.name != lama
    assert not p.berkas_sk.storage.exists(lama)
    assert p.status_verifikasi == StatusVerifikasi.BELUM
    assert len(_berkas_privat()) == 1


def test_ubah_dengan_berkas_buruk_tidak_menulis_apa_pun(operator, jabatan, jejak):
    p = _buat(operator, jabatan, PerangkatFactory())
    sebelum = jejak()
    exe = SimpleUploadedFile("sk.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 100)
    with pytest.raises(ValidationError, match="Berkas bukan PDF yang sah"):
        services.pengangkatan_update(
            oleh=operator, pengangkatan=p, data={"berkas_sk": exe, "nomor_sk": "BARU/1"}
        )
    p.refresh_from_db()
    assert p.nomor_sk == "141/Kep.12-DPMD/2024"
    assert jejak() == sebelum
