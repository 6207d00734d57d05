"""The Bumindes population registers and the monthly report as tables (columns + rows).

Each register is a `Buku`: its numbered columns (with the group headers of the official
forms), a row source (a queryset, iterated in chunks, or a short list) and a function turning
one source item into the row's text. The same `Buku` feeds the screen (paginated), the PDF
(`keluaran.sebagai_pdf`, in chunks) and the .xlsx (`keluaran.sebagai_xlsx`, streamed).

Registers listing people "on a date" use `mutasi.hadir_pada()`, so the Buku Induk on the
last day of a month has exactly as many rows as the monthly report's end figure.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.db.models import Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from penduduk.laporan import mutasi
from penduduk.laporan.dasar import (
    Buku,
    J,
    Kolom,
    Parameter,
    _alamat,
    _di,
    _jk,
    _label,
    _nik,
    _penduduk_per_tanggal,
    _periode,
    _tgl_pendek,
    _wn,
)
from penduduk.laporan.rekap import buku_rekapitulasi, laporan_bulanan
from penduduk.models import Penduduk, PendudukHapus, Peristiwa
from sid import kode
from sid.lib.format import tanggal_indonesia


def buku_induk(p: Parameter) -> Buku:
    kolom = [
        Kolom("No", "2.5%", "tengah", 6),
        Kolom("Nama lengkap / panggilan", "10%", lebar_xlsx=28),
        Kolom("Jenis kelamin", "4%", "tengah", 8),
        Kolom("Status perkawinan", "5.5%", lebar_xlsx=14),
        Kolom("Tempat lahir", "6%", lebar_xlsx=16),
        Kolom("Tanggal lahir", "5.5%", lebar_xlsx=14),
        Kolom("Agama", "5%", lebar_xlsx=12),
        Kolom("Pendidikan terakhir", "7%", lebar_xlsx=20),
        Kolom("Pekerjaan", "7%", lebar_xlsx=20),
        Kolom("Dapat membaca huruf", "5%", lebar_xlsx=12),
        Kolom("Kewarga-negaraan", "4.5%", "tengah", 10),
        Kolom("Alamat lengkap", "10.5%", lebar_xlsx=34),
        Kolom("Kedudukan dalam keluarga", "6%", lebar_xlsx=16),
        Kolom("NIK", "8.5%", lebar_xlsx=20),
        Kolom("Nomor KK", "8.5%", lebar_xlsx=20),
        Kolom("Keterangan", "4.5%", lebar_xlsx=16),
    ]
    sumber = (
        _penduduk_per_tanggal(p)
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by(
            "wilayah__dusun__nama",
            F("keluarga__no_kk").asc(nulls_last=True),
            F("shdk").asc(nulls_last=True),
            "tanggal_lahir",
            "pk",
        )
    )

    def isi(o: Penduduk) -> list[str]:
        ket = []
        if o.nik_sementara:
            ket.append("NIK sementara")
        if o.status_dasar != kode.StatusDasar.HIDUP:
            ket.append(f"Kini {o.get_status_dasar_display()}")
        if o.status_penduduk == kode.StatusPenduduk.TIDAK_TETAP:
            ket.append("Tidak tetap")
        return [
            o.nama,
            _jk(o),
            o.get_status_kawin_display(),
            o.tempat_lahir,
            _tgl_pendek(o.tanggal_lahir),
            o.get_agama_display(),
            o.get_pendidikan_kk_display(),
            o.get_pekerjaan_display(),
            _label(kode.DapatMembacaHuruf, o.dapat_membaca_huruf),
            _wn(o),
            _alamat(o),
            _label(kode.SHDK, o.shdk),
            _nik(o.nik, p.samarkan),
            _nik(o.keluarga.no_kk, p.samarkan) if o.keluarga_id else "-",
            "; ".join(ket),
        ]

    return Buku(
        "induk",
        "Buku Induk Penduduk",
        f"Keadaan per {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-induk-penduduk-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk pada tanggal ini.",
    )


# --- Buku Mutasi Penduduk -----------------------------------------------------------------------
def buku_mutasi(p: Parameter) -> Buku:
    awal, akhir, periode = _periode(p)
    if p.tab == "hapus":
        return _buku_mutasi_hapus(p, awal, akhir, periode)
    kolom = [
        Kolom("No", "3%", "tengah", 6),
        Kolom("Nama lengkap / panggilan", "13%", lebar_xlsx=28),
        Kolom("Tempat & tanggal lahir", "11%", lebar_xlsx=24),
        Kolom("Jenis kelamin", "4%", "tengah", 8),
        Kolom("Kewarga-negaraan", "5%", "tengah", 10),
        Kolom("Datang dari", "12%", lebar_xlsx=28, kelompok="Penambahan"),
        Kolom("Tanggal", "7%", lebar_xlsx=14, kelompok="Penambahan"),
        Kolom("Pindah ke", "12%", lebar_xlsx=28, kelompok="Pengurangan"),
        Kolom("Tanggal", "7%", lebar_xlsx=14, kelompok="Pengurangan"),
        Kolom("Meninggal tanggal", "7%", lebar_xlsx=14, kelompok="Pengurangan"),
        Kolom("Tanggal lapor", "7%", lebar_xlsx=14),
        Kolom("Keterangan", "12%", lebar_xlsx=30),
    ]
    sumber = (
        Peristiwa.objects.filter(
            mutasi.q_wilayah(p.wilayah, "penduduk__"),
            dibatalkan=False,
            tanggal_peristiwa__gte=awal,
            tanggal_peristiwa__lte=akhir,
        )
        .select_related("penduduk")
        .order_by("tanggal_peristiwa", "pk")
    )

    def isi(e: Peristiwa) -> list[str]:
        o = e.penduduk
        tanggal = _tgl_pendek(e.tanggal_peristiwa)
        datang = pindah = ""
        tgl_datang = tgl_pindah = meninggal = ""
        if e.jenis == J.LAHIR:
            datang, tgl_datang = "Lahir", tanggal
        elif e.jenis in (J.PINDAH_MASUK, J.KEMBALI_DATANG):
            datang, tgl_datang = e.alamat_asal or o.alamat_sebelumnya or "-", tanggal
        elif e.jenis == J.PINDAH_KELUAR:
            pindah, tgl_pindah = e.alamat_tujuan or "-", tanggal
        elif e.jenis == J.PERGI:
            pindah, tgl_pindah = "Pergi (penduduk tidak tetap)", tanggal
        elif e.jenis == J.HILANG:
            pindah, tgl_pindah = "Hilang", tanggal
        elif e.jenis == J.MATI:
            meninggal = tanggal
        ket = [e.get_jenis_display()]
        if e.jenis_pindah:
            ket.append(e.get_jenis_pindah_display())
        if e.catatan:
            ket.append(e.catatan)
        return [
            o.nama,
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)}",
            _jk(o),
            _wn(o),
            datang,
            tgl_datang,
            pindah,
            tgl_pindah,
            meninggal,
            _tgl_pendek(e.tanggal_lapor),
            "; ".join(ket),
        ]

    return Buku(
        "mutasi",
        "Buku Mutasi Penduduk",
        f"{periode}{_di(p)} (menurut tanggal peristiwa)",
        kolom,
        sumber,
        isi,
        f"buku-mutasi-penduduk-{awal:%Y-%m}" if p.bulan else f"buku-mutasi-penduduk-{p.tahun}",
        pesan_kosong="Tidak ada peristiwa kependudukan pada periode ini.",
    )


def _buku_mutasi_hapus(p: Parameter, awal, akhir, periode) -> Buku:
    from django.utils import timezone

    kolom = [
        Kolom("No", "4%", "tengah", 6),
        Kolom("Nama", "16%", lebar_xlsx=28),
        Kolom("NIK", "12%", lebar_xlsx=20),
        Kolom("Jenis kelamin", "8%", lebar_xlsx=12),
        Kolom("Tempat & tanggal lahir", "14%", lebar_xlsx=24),
        Kolom("Waktu dihapus", "10%", lebar_xlsx=18),
        Kolom("Dihapus oleh", "10%", lebar_xlsx=16),
        Kolom("Alasan", "26%", lebar_xlsx=40),
    ]
    zona = timezone.get_current_timezone()
    mulai = datetime.datetime.combine(awal, datetime.time.min, zona)
    sampai = datetime.datetime.combine(akhir + datetime.timedelta(days=1), datetime.time.min, zona)
    sumber = PendudukHapus.objects.filter(waktu__gte=mulai, waktu__lt=sampai).order_by(
        "waktu", "pk"
    )

    def isi(h: PendudukHapus) -> list[str]:
        d = h.data or {}
        jk = str(d.get("jenis_kelamin") or "-").split(" ", 1)[-1]
        lahir = d.get("tanggal_lahir")
        try:
            lahir = _tgl_pendek(datetime.date.fromisoformat(lahir)) if lahir else "-"
        except ValueError:
            lahir = str(lahir)
        return [
            h.nama,
            _nik(h.nik, p.samarkan),
            jk,
            f"{d.get('tempat_lahir') or '-'}, {lahir}",
            f"{timezone.localtime(h.waktu):%d-%m-%Y %H:%M}",
            h.nama_pengguna,
            h.alasan,
        ]

    return Buku(
        "mutasi",
        "Buku Mutasi Penduduk — data dihapus karena salah input",
        periode,
        kolom,
        sumber,
        isi,
        f"buku-mutasi-penduduk-dihapus-{awal:%Y-%m}"
        if p.bulan
        else f"buku-mutasi-dihapus-{p.tahun}",
        pesan_kosong="Tidak ada data yang dihapus pada periode ini.",
    )


# --- Buku Penduduk Sementara ----------------------------------------------------------------------
def buku_sementara(p: Parameter) -> Buku:
    """TIDAK TETAP residents present on the date, or who left earlier in the same year."""
    kolom = [
        Kolom("No", "3%", "tengah", 6),
        Kolom("Nama lengkap", "10%", lebar_xlsx=28),
        Kolom("L", "2.5%", "tengah", 5, kelompok="Jenis kelamin"),
        Kolom("P", "2.5%", "tengah", 5, kelompok="Jenis kelamin"),
        Kolom("Nomor identitas / tanda pengenal", "9%", lebar_xlsx=22),
        Kolom("Tempat & tanggal lahir / umur", "9.5%", lebar_xlsx=26),
        Kolom("Pekerjaan", "8%", lebar_xlsx=20),
        Kolom("Kebangsaan", "6%", lebar_xlsx=14, kelompok="Kewarganegaraan"),
        Kolom("Keturunan", "6%", lebar_xlsx=14, kelompok="Kewarganegaraan"),
        Kolom("Datang dari", "9%", lebar_xlsx=26),
        Kolom("Maksud & tujuan kedatangan", "8.5%", lebar_xlsx=24),
        Kolom("Nama & alamat yang didatangi", "9.5%", lebar_xlsx=30),
        Kolom("Datang tanggal", "5.5%", lebar_xlsx=14),
        Kolom("Pergi tanggal", "5.5%", lebar_xlsx=14),
        Kolom("Keterangan", "4.5%", lebar_xlsx=16),
    ]
    awal_tahun = p.tanggal.replace(month=1, day=1)
    berlaku = Peristiwa.objects.filter(penduduk=OuterRef("pk"), dibatalkan=False)
    datang = berlaku.filter(jenis__in=mutasi.MASUK, tanggal_peristiwa__lte=p.tanggal).order_by(
        "-tanggal_peristiwa", "-id"
    )
    pergi = berlaku.filter(
        jenis__in=mutasi.KELUAR, tanggal_peristiwa__gte=awal_tahun, tanggal_peristiwa__lte=p.tanggal
    ).order_by("-tanggal_peristiwa", "-id")
    hadir = _penduduk_per_tanggal(p).values("pk")
    sumber = (
        Penduduk.objects.filter(
            mutasi.q_wilayah(p.wilayah), status_penduduk=kode.StatusPenduduk.TIDAK_TETAP
        )
        .filter(Q(pk__in=hadir) | Exists(pergi))
        .annotate(
            datang_tanggal=Subquery(datang.values("tanggal_peristiwa")[:1]),
            datang_dari=Subquery(datang.values("alamat_asal")[:1]),
            datang_maksud=Subquery(datang.values("catatan")[:1]),
            pergi_tanggal=Subquery(pergi.values("tanggal_peristiwa")[:1]),
            pergi_jenis=Subquery(pergi.values("jenis")[:1]),
        )
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by(Coalesce("datang_tanggal", "tanggal_lahir"), "nama", "pk")
    )

    def isi(o) -> list[str]:
        identitas = _nik(o.nik, p.samarkan)
        if o.warganegara == kode.WargaNegara.WNA:
            identitas = o.dokumen_kitas or o.dokumen_pasport or identitas
        kebangsaan = _wn(o) + (f" ({o.negara_asal})" if o.negara_asal else "")
        ket = []
        if o.pergi_jenis and o.pergi_jenis != J.PERGI:
            ket.append(kode.JenisPeristiwa(o.pergi_jenis).label)
        return [
            o.nama,
            "L" if _jk(o) == "L" else "",
            "P" if _jk(o) == "P" else "",
            identitas,
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)} / {o.umur(p.tanggal)} th",
            o.get_pekerjaan_display(),
            kebangsaan,
            o.suku or "-",
            o.datang_dari or o.alamat_sebelumnya or "-",
            o.datang_maksud or "-",
            _alamat(o),
            _tgl_pendek(o.datang_tanggal),
            _tgl_pendek(o.pergi_tanggal),
            "; ".join(ket),
        ]

    return Buku(
        "sementara",
        "Buku Penduduk Sementara",
        f"Tahun {p.tanggal.year} sampai {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-penduduk-sementara-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk tidak tetap pada periode ini.",
    )


# --- Buku KTP dan KK ------------------------------------------------------------------------------
def buku_ktp_kk(p: Parameter) -> Buku:
    kolom = [
        Kolom("No", "2.5%", "tengah", 6),
        Kolom("No. KK", "7.5%", lebar_xlsx=20),
        Kolom("Nama lengkap", "8.5%", lebar_xlsx=28),
        Kolom("NIK", "7.5%", lebar_xlsx=20),
        Kolom("Jenis kelamin", "3%", "tengah", 8),
        Kolom("Tempat / tanggal lahir", "7%", lebar_xlsx=24),
        Kolom("Gol. darah", "3%", "tengah", 8),
        Kolom("Agama", "4%", lebar_xlsx=12),
        Kolom("Pendidikan", "5.5%", lebar_xlsx=20),
        Kolom("Pekerjaan", "5.5%", lebar_xlsx=20),
        Kolom("Alamat", "8.5%", lebar_xlsx=30),
        Kolom("Status perkawinan", "4.5%", lebar_xlsx=14),
        Kolom("Tempat & tanggal dikeluarkan", "5.5%", lebar_xlsx=22),
        Kolom("Status hubungan dalam keluarga", "4.5%", lebar_xlsx=16),
        Kolom("Kewarga-negaraan", "3.5%", "tengah", 10),
        Kolom("Ayah", "5%", lebar_xlsx=22, kelompok="Orang tua"),
        Kolom("Ibu", "5%", lebar_xlsx=22, kelompok="Orang tua"),
        Kolom("Tanggal mulai tinggal di desa", "4.5%", lebar_xlsx=14),
        Kolom("Keterangan", "5%", lebar_xlsx=18),
    ]
    masuk = Peristiwa.objects.filter(
        penduduk=OuterRef("pk"), dibatalkan=False, jenis__in=mutasi.MASUK_PERTAMA
    ).order_by("tanggal_peristiwa", "id")
    sumber = (
        _penduduk_per_tanggal(p)
        .filter(keluarga__isnull=False)
        .annotate(mulai_tinggal=Subquery(masuk.values("tanggal_peristiwa")[:1]))
        .select_related("keluarga", "wilayah__dusun", "wilayah__rw")
        .order_by("keluarga__no_kk", F("shdk").asc(nulls_last=True), "tanggal_lahir", "pk")
    )

    def isi(o) -> list[str]:
        dikeluarkan = ", ".join(
            x
            for x in [
                o.tempat_cetak_ktp,
                _tgl_pendek(o.tanggal_cetak_ktp) if o.tanggal_cetak_ktp else "",
            ]
            if x
        )
        ket = [_label(kode.KtpEl, o.ktp_el)] if o.ktp_el else []
        if o.status_rekam:
            ket.append(_label(kode.StatusRekam, o.status_rekam))
        return [
            _nik(o.keluarga.no_kk, p.samarkan),
            o.nama,
            _nik(o.nik, p.samarkan),
            _jk(o),
            f"{o.tempat_lahir}, {_tgl_pendek(o.tanggal_lahir)}",
            _label(kode.GolonganDarah, o.golongan_darah),
            o.get_agama_display(),
            o.get_pendidikan_kk_display(),
            o.get_pekerjaan_display(),
            _alamat(o),
            o.get_status_kawin_display(),
            dikeluarkan or "-",
            _label(kode.SHDK, o.shdk),
            _wn(o),
            o.nama_ayah or "-",
            o.nama_ibu or "-",
            _tgl_pendek(o.mulai_tinggal) if o.mulai_tinggal else "Data awal",
            "; ".join(ket),
        ]

    return Buku(
        "ktp-kk",
        "Buku KTP dan KK",
        f"Keadaan per {tanggal_indonesia(p.tanggal)}{_di(p)}",
        kolom,
        sumber,
        isi,
        f"buku-ktp-dan-kk-{p.tanggal:%Y-%m-%d}",
        pesan_kosong="Tidak ada penduduk ber-KK pada tanggal ini.",
    )


# --- Buku Rekapitulasi Jumlah Penduduk ------------------------------------------------------------

BUKU: dict[str, tuple[str, Callable[[Parameter], Buku], str]] = {
    # key: (title, builder, parameter kind: "tanggal" | "bulan" | "periode")
    "bulanan": ("Laporan Bulanan Penduduk", laporan_bulanan, "bulan"),
    "rekapitulasi": ("Buku Rekapitulasi Jumlah Penduduk", buku_rekapitulasi, "bulan"),
    "induk": ("Buku Induk Penduduk", buku_induk, "tanggal"),
    "mutasi": ("Buku Mutasi Penduduk", buku_mutasi, "periode"),
    "sementara": ("Buku Penduduk Sementara", buku_sementara, "tanggal"),
    "ktp-kk": ("Buku KTP dan KK", buku_ktp_kk, "tanggal"),
}


def buat_buku(kunci: str, p: Parameter) -> Buku:
    return BUKU[kunci][1](p)
