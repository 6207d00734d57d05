"""The letter workflow: who may do what, in which state; what is frozen at signing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from penduduk import services as penduduk_services
from sid.models import LogAktivitas
from surat import services
from surat.models import PengaturanSurat, Surat
from tests.surat import siapan

pytestmark = pytest.mark.django_db
S = Surat.Status


def catat_kematian(oleh, penduduk):
    penduduk_services.peristiwa_kematian_catat(
        oleh=oleh,
        penduduk=penduduk,
        tanggal_peristiwa=datetime.date(2025, 1, 5),
        tanggal_lapor=datetime.date(2025, 1, 6),
        waktu_kematian=datetime.time(14, 30),
        tempat_kematian="Rumah",
        sebab_kematian=1,
        penerang_kematian=1,
    )


def _jumlah_surat():
    return Surat.objects.count()


def test_alur_lengkap_operator_sekretaris_kepala_desa(
    surat_siap_ttd, kades, django_capture_on_commit_callbacks
):
    s = surat_siap_ttd
    assert s.status == S.TANDA_TANGAN
    with django_capture_on_commit_callbacks(execute=False) as antrean:
        s = services.surat_tandatangani(oleh=kades, surat=s)
    assert len(antrean) == 1  # the PDF is queued only once the signing commits
    assert s.status == S.TERBIT
    assert (
        s.nomor
        == f"401/001/3201012001/{['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'][s.tanggal_surat.month - 1]}/{s.tanggal_surat.year}"
    )
    assert s.penandatangan_nama == siapan.NAMA_KADES
    assert s.penandatangan_jabatan == "Kepala Desa Sukamaju"
    assert s.status_pdf == Surat.StatusPdf.MENUNGGU
    assert "BUDI SANTOSO" in s.isi_terbit and "Beasiswa sekolah anak" in s.isi_terbit
    aksi = list(
        LogAktivitas.objects.filter(object_id=str(s.pk), content_type__model="surat")
        .order_by("waktu", "id")
        .values_list("aksi", flat=True)
    )
    assert aksi == ["buat", "ajukan", "verifikasi", "tandatangani"]


def test_surat_untuk_penduduk_meninggal_ditolak_bila_harus_hidup(
    jenis, keluarga, operator, admin_desa
):
    _k, kepala, _istri, _anak = keluarga
    catat_kematian(admin_desa, kepala)
    kepala.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.surat_create(
            oleh=operator,
            jenis=jenis["keterangan-usaha"],
            penduduk=kepala,
            isian=siapan.isian_contoh(jenis["keterangan-usaha"]),
        )
    assert exc.value.message_dict["penduduk"] == [
        "Keterangan Usaha hanya untuk penduduk yang masih hidup; Budi Santoso tercatat berstatus MATI."
    ]
    assert _jumlah_surat() == 0


def test_keterangan_kematian_hanya_untuk_penduduk_meninggal(jenis, keluarga, operator):
    _k, kepala, _istri, _anak = keluarga
    with pytest.raises(ValidationError, match="hanya untuk penduduk yang telah meninggal"):
        services.surat_create(
            oleh=operator,
            jenis=jenis["keterangan-kematian"],
            penduduk=kepala,
            isian=siapan.isian_contoh(jenis["keterangan-kematian"]),
        )
    assert _jumlah_surat() == 0


def test_sktm_hanya_untuk_kepala_keluarga(jenis, keluarga, operator):
    _k, _kepala, istri, _anak = keluarga
    with pytest.raises(ValidationError) as exc:
        services.surat_create(
            oleh=operator, jenis=jenis["sktm"], penduduk=istri, isian={"form_keperluan": "x"}
        )
    assert (
        "hanya untuk kepala keluarga; Siti Aminah tercatat sebagai ISTRI"
        in exc.value.message_dict["penduduk"][0]
    )
    assert _jumlah_surat() == 0


def test_isian_wajib_dan_jenis_angka_diperiksa(jenis, keluarga, operator):
    _k, kepala, _istri, _anak = keluarga
    j = jenis["keterangan-penghasilan-orang-tua"]
    with pytest.raises(ValidationError) as exc:
        services.surat_create(
            oleh=operator,
            jenis=j,
            penduduk=kepala,
            isian={"form_nama_anak": "Adi", "form_penghasilan": "dua juta"},
        )
    galat = exc.value.message_dict
    assert galat["form_sekolah"] == ["Sekolah/perguruan tinggi anak wajib diisi."]
    assert galat["form_penghasilan"] == [
        "Penghasilan rata-rata per bulan harus berupa angka (tanpa huruf)."
    ]
    assert _jumlah_surat() == 0


def test_tanda_tangan_tanpa_izin_ditolak(surat_siap_ttd, operator, sekretaris):
    for orang in (operator, sekretaris):
        with pytest.raises(PermissionDenied):
            services.surat_tandatangani(oleh=orang, surat=surat_siap_ttd)
    surat_siap_ttd.refresh_from_db()
    assert surat_siap_ttd.status == S.TANDA_TANGAN and surat_siap_ttd.nomor == ""


def test_verifikasi_tanpa_izin_ditolak(jenis, keluarga, operator, kades):
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    services.surat_ajukan(oleh=operator, surat=s)
    with pytest.raises(PermissionDenied):
        services.surat_verifikasi(oleh=operator, surat=s)
    with pytest.raises(PermissionDenied):
        services.surat_verifikasi(oleh=kades, surat=s)


def test_tanda_tangan_kedua_kali_tidak_memberi_nomor_baru(surat_siap_ttd, kades):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    with pytest.raises(ValidationError, match=f"sudah terbit dengan nomor {s.nomor}"):
        services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    from surat.models import PenghitungNomor

    assert PenghitungNomor.objects.get().nomor_terakhir == 1


def test_penanda_tangan_an_dan_ub(jenis, keluarga, operator, sekretaris, kades, perangkat):
    _k, kepala, istri, _anak = keluarga
    a = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    siapan.sampai_tanda_tangan(a, operator=operator, sekretaris=sekretaris)
    a = services.surat_tandatangani(oleh=kades, surat=a, penandatangan="an")
    assert a.penandatangan_nama == siapan.NAMA_SEKDES
    assert a.penandatangan_jabatan.splitlines() == ["a.n. Kepala Desa Sukamaju", "Sekretaris Desa"]
    assert a.nilai_terbit["ttd"]["label_nomor_induk"] == "NIP. 198001012005012001"
    b = services.surat_create(
        oleh=operator,
        jenis=jenis["keterangan-usaha"],
        penduduk=istri,
        isian=siapan.isian_contoh(jenis["keterangan-usaha"]),
    )
    siapan.sampai_tanda_tangan(b, operator=operator, sekretaris=sekretaris)
    b = services.surat_tandatangani(oleh=kades, surat=b, penandatangan=f"ub:{perangkat['kasi'].pk}")
    assert b.penandatangan_nama == siapan.NAMA_KASI
    assert b.penandatangan_jabatan.splitlines() == [
        "a.n. Kepala Desa Sukamaju",
        "Sekretaris Desa",
        "u.b.",
        "Kasi Pelayanan",
    ]


def test_penanda_tangan_yang_tidak_menjabat_pada_tanggal_surat_ditolak(
    surat_siap_ttd, kades, perangkat, admin_desa
):
    from perangkat import services as perangkat_services

    perangkat_services.pengangkatan_berhenti(
        oleh=admin_desa,
        pengangkatan=perangkat["kasi"],
        nomor_sk_berhenti="141/99/KPTS/2025",
        tanggal_sk_berhenti=datetime.date(2025, 2, 1),
        tanggal_berhenti=datetime.date(2025, 2, 1),
        alasan_berhenti="Mengundurkan diri",
    )
    with pytest.raises(ValidationError) as exc:
        services.surat_tandatangani(
            oleh=kades,
            surat=surat_siap_ttd,
            penandatangan=f"ub:{perangkat['kasi'].pk}",
            tanggal=datetime.date(2025, 3, 1),
        )
    assert exc.value.message_dict["penandatangan"] == [
        "Dedi Kurniawan (Kasi Pelayanan) tidak menjabat pada tanggal surat, 1 Maret 2025."
    ]
    surat_siap_ttd.refresh_from_db()
    assert surat_siap_ttd.nomor == "" and surat_siap_ttd.status == S.TANDA_TANGAN
    # the same official signs a letter dated while still in office
    s = services.surat_tandatangani(
        oleh=kades,
        surat=surat_siap_ttd,
        penandatangan=f"ub:{perangkat['kasi'].pk}",
        tanggal=datetime.date(2025, 1, 20),
    )
    assert s.penandatangan_nama == siapan.NAMA_KASI


def test_tanpa_kepala_desa_menjabat_pesan_jelas(jenis, keluarga, operator, sekretaris, kades, desa):
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    siapan.sampai_tanda_tangan(s, operator=operator, sekretaris=sekretaris)
    with pytest.raises(ValidationError, match="Tidak ada Kepala Desa yang menjabat pada"):
        services.surat_tandatangani(oleh=kades, surat=s)
    s.refresh_from_db()
    assert s.nomor == ""


def test_tanggal_surat_di_masa_depan_ditolak(surat_siap_ttd, kades):
    with pytest.raises(ValidationError, match="tidak boleh setelah hari ini"):
        services.surat_tandatangani(
            oleh=kades,
            surat=surat_siap_ttd,
            tanggal=datetime.date.today() + datetime.timedelta(days=1),
        )


def test_isi_surat_terbit_dibekukan(surat_siap_ttd, kades, keluarga, admin_desa, jenis, perangkat):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    beku = (s.isi_terbit, s.nomor, s.penandatangan_nama, s.nilai_terbit)
    _k, kepala, _istri, _anak = keluarga
    kepala.nama = "Budi Santoso Baru"
    kepala.save()
    services.jenis_surat_update(
        oleh=admin_desa, jenis=jenis["sktm"], data={"isi": "<p>Teks lain [NAma]</p>"}
    )
    perangkat["kades"].perangkat.gelar_depan = "Dr."
    perangkat["kades"].perangkat.save()
    s.refresh_from_db()
    assert (s.isi_terbit, s.nomor, s.penandatangan_nama, s.nilai_terbit) == beku
    assert "BUDI SANTOSO" in s.isi_terbit and "Teks lain" not in s.isi_terbit


def test_kembalikan_dengan_alasan_lalu_ajukan_ulang(jenis, keluarga, operator, sekretaris):
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    services.surat_ajukan(oleh=operator, surat=s)
    with pytest.raises(ValidationError):
        services.surat_tolak(oleh=sekretaris, surat=s, alasan="")
    s = services.surat_tolak(oleh=sekretaris, surat=s, alasan="Keperluan kurang jelas")
    assert s.status == S.DIKEMBALIKAN and s.catatan_pengembalian == "Keperluan kurang jelas"
    s = services.surat_update(
        oleh=operator, surat=s, isian={"form_keperluan": "Pendaftaran sekolah anak"}
    )
    s = services.surat_ajukan(oleh=operator, surat=s)
    assert s.status == S.VERIFIKASI and s.catatan_pengembalian == ""
    assert LogAktivitas.objects.filter(
        aksi="tolak", keterangan__contains="Keperluan kurang jelas"
    ).exists()


def test_surat_yang_diajukan_tidak_bisa_diubah(jenis, keluarga, operator):
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    services.surat_ajukan(oleh=operator, surat=s)
    with pytest.raises(ValidationError, match="tidak bisa diubah"):
        services.surat_update(oleh=operator, surat=s, isian={"form_keperluan": "y"})


def test_langkah_opsional_menurut_pengaturan(jenis, keluarga, operator, admin_desa, perangkat):
    services.pengaturan_surat_update(
        oleh=admin_desa, data={"verifikasi_sekretaris": False, "tanda_tangan_kepala_desa": False}
    )
    _k, kepala, _istri, _anak = keluarga
    s = services.surat_create(
        oleh=operator, jenis=jenis["sktm"], penduduk=kepala, isian={"form_keperluan": "x"}
    )
    s = services.surat_ajukan(oleh=operator, surat=s)
    assert s.status == S.TANDA_TANGAN  # no verification step
    s = services.surat_tandatangani(oleh=operator, surat=s)  # the operator issues it
    assert s.status == S.TERBIT and s.penandatangan_nama == siapan.NAMA_KADES


def test_batalkan_surat_terbit_butuh_izin_dan_alasan(surat_siap_ttd, kades, operator):
    s = services.surat_tandatangani(oleh=kades, surat=surat_siap_ttd)
    with pytest.raises(PermissionDenied):
        services.surat_batalkan(oleh=operator, surat=s, alasan="Salah data")
    with pytest.raises(ValidationError, match="alasan"):
        services.surat_batalkan(oleh=kades, surat=s, alasan="x")
    s = services.surat_batalkan(oleh=kades, surat=s, alasan="Salah data penduduk")
    assert s.status == S.BATAL and s.nomor and s.alasan_batal == "Salah data penduduk"


def test_pengaturan_bawaan():
    p = PengaturanSurat.ambil()
    assert p.verifikasi_sekretaris and p.tanda_tangan_kepala_desa
    assert p.format_nomor == "[kode_surat]/[nomor_surat, 3]/[kode_desa]/[bulan_romawi]/[tahun]"


def test_plt_kepala_desa_menandatangani_dengan_gelar_plt(
    surat_siap_ttd, kades, admin_desa, perangkat
):
    from tests.factories import PerangkatFactory

    siapan.angkat(
        admin_desa,
        PerangkatFactory(nama="Joko Susilo"),
        "Kepala Desa",
        jenis="plt",
        tmt=datetime.date(2025, 1, 10),
    )
    s = services.surat_tandatangani(
        oleh=kades, surat=surat_siap_ttd, tanggal=datetime.date(2025, 2, 3)
    )
    assert s.penandatangan_nama == "Joko Susilo"
    assert s.penandatangan_jabatan == "Plt. Kepala Desa Sukamaju"
    assert "Plt. Kepala Desa Sukamaju" in s.isi_terbit  # [Jabatan] [Nama_desa] in the opening
