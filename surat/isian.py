"""Placeholder codes ("kode isian") in letter templates, compatible with OpenSID.

A template is HTML written by an operator with codes in square brackets: `[nama]`, `[Nik]`,
`[form_keperluan]`. Filling it is plain text replacement in one pass: every value is
HTML-escaped (`django.utils.html.escape`) and never scanned again, and no template engine ever
runs operator-written text. Only values we build ourselves as HTML (`HtmlAman`, e.g. the family
members table) are inserted as they are.

Escaping keeps a value inside its attribute, but a placeholder that IS an attribute value
(`<a href="[form_keperluan]">`) would still turn a resident's `javascript:…` into a live link.
So the filled text is sanitised once more with the rich-text allow-list (`sid.lib.html`):
only http(s)/mailto/tel URLs survive, wherever the value came from (issue #17).

OpenSID's case rule, read from how the code is written:
    [nama] -> lower case       [Nama] -> Title Case
    [NAma] -> UPPER CASE       [NamA] -> as stored
An empty value prints "-". Dates print as "21 November 2026".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join

from penduduk.models import Penduduk, Peristiwa
from sid import kode
from sid.lib.desa import identitas_desa
from sid.lib.format import tanggal_indonesia
from sid.lib.html import bersihkan_html
from surat.terbilang import format_ribuan, format_rupiah, ke_bilangan, terbilang

POLA_KODE = re.compile(r"\[([A-Za-z][A-Za-z0-9_]*)\]")
POLA_KODE_ISIAN_TAMBAHAN = re.compile(r"^form_[a-z0-9_]{1,40}$")
BULAN_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


class HtmlAman(str):
    """A value we built as HTML ourselves (escaped parts only): inserted without escaping."""


# --- filling -----------------------------------------------------------------------------------


def judul_kata(teks: str) -> str:
    """Title Case: every word starts with a capital ("BUDI SANTOSO" -> "Budi Santoso")."""
    return teks.title()


def ubah_huruf(kode_tertulis: str, nilai: str) -> str:
    """Apply OpenSID's case rule for a code as it was written in the template."""
    huruf = [c for c in kode_tertulis if c.isalpha()]
    if not huruf or huruf[0].islower():
        return nilai.lower()
    if len(huruf) > 1 and huruf[1].isupper():
        return nilai.upper()
    if len(huruf) > 1 and huruf[-1].isupper():
        return nilai
    return judul_kata(nilai)


def _teks_nilai(kode_tertulis: str, nilai) -> str:
    if isinstance(nilai, HtmlAman):
        return nilai
    teks = "" if nilai is None else str(nilai)
    if not teks.strip():
        return "-"
    return escape(ubah_huruf(kode_tertulis, teks)).replace("\n", "<br>")


# What SID's own HTML adds to the rich-text allow-list in a filled letter: the members table's
# class and the preview's mark around an unknown code.
TAMBAHAN_ISI = {"table": {"class"}, "mark": {"class"}}


def bersihkan_isi_surat(html: str) -> str:
    """A filled letter body, sanitised with the rich-text allow-list (safe URL schemes only)."""
    return bersihkan_html(html, tambahan=TAMBAHAN_ISI)


def isi_template(html: str, nilai: Mapping[str, object], *, tandai_asing: bool = False) -> str:
    """Replace every known `[kode]` in `html` with its escaped value (one pass), then sanitise
    the result, so a value placed in an attribute cannot become a `javascript:` link.

    Unknown codes stay as written; with `tandai_asing` they are wrapped in <mark> (preview).
    """

    def ganti(m: re.Match) -> str:
        tertulis = m.group(1)
        kunci = ALIAS.get(tertulis.lower(), tertulis.lower())
        if kunci not in nilai:
            if tandai_asing:
                return format_html('<mark class="kode-asing">{}</mark>', m.group(0))
            return m.group(0)
        return _teks_nilai(tertulis, nilai[kunci])

    return bersihkan_isi_surat(POLA_KODE.sub(ganti, html or ""))


def kode_dalam(html: str) -> list[str]:
    """Codes used in a template as written, in order of first appearance."""
    hasil: list[str] = []
    for m in POLA_KODE.finditer(html or ""):
        if m.group(1) not in hasil:
            hasil.append(m.group(1))
    return hasil


def kode_asing(html: str, isian: Iterable[Mapping] = ()) -> list[str]:
    """Codes in `html` that SID does not know (as written, e.g. ['[form_alamt]'])."""
    dikenal = kode_dikenal(isian)
    return [f"[{k}]" for k in kode_dalam(html) if ALIAS.get(k.lower(), k.lower()) not in dikenal]


# --- the catalogue -----------------------------------------------------------------------------


@dataclass(frozen=True)
class KodeIsian:
    kode: str
    keterangan: str


KELOMPOK_KODE: list[tuple[str, list[KodeIsian]]] = [
    (
        "Penduduk",
        [
            KodeIsian("nama", "Nama lengkap"),
            KodeIsian("nik", "NIK"),
            KodeIsian("no_kk", "Nomor Kartu Keluarga"),
            KodeIsian("kepala_kk", "Nama kepala keluarga"),
            KodeIsian("hubungan", "Hubungan dalam keluarga (SHDK)"),
            KodeIsian("tempat_lahir", "Tempat lahir"),
            KodeIsian("tanggal_lahir", "Tanggal lahir (21 November 1990)"),
            KodeIsian("tempat_tgl_lahir", "Tempat, tanggal lahir"),
            KodeIsian("umur", "Umur (35 tahun)"),
            KodeIsian("jenis_kelamin", "Jenis kelamin"),
            KodeIsian("agama", "Agama"),
            KodeIsian("status_kawin", "Status perkawinan"),
            KodeIsian("pekerjaan", "Pekerjaan"),
            KodeIsian("pendidikan", "Pendidikan dalam KK"),
            KodeIsian("pendidikan_sedang", "Pendidikan yang sedang ditempuh"),
            KodeIsian("warga_negara", "Kewarganegaraan"),
            KodeIsian("golongan_darah", "Golongan darah"),
            KodeIsian("alamat", "Alamat lengkap (jalan, RT, RW, dusun)"),
            KodeIsian("alamat_jalan", "Alamat (jalan/nomor rumah)"),
            KodeIsian("rt", "RT"),
            KodeIsian("rw", "RW"),
            KodeIsian("dusun", "Dusun"),
            KodeIsian("alamat_sebelumnya", "Alamat sebelumnya"),
            KodeIsian("nama_ayah", "Nama ayah"),
            KodeIsian("nik_ayah", "NIK ayah"),
            KodeIsian("nama_ibu", "Nama ibu"),
            KodeIsian("nik_ibu", "NIK ibu"),
            KodeIsian("akta_lahir", "Nomor akta kelahiran"),
            KodeIsian("akta_perkawinan", "Nomor akta perkawinan"),
            KodeIsian("tanggal_perkawinan", "Tanggal perkawinan"),
            KodeIsian("akta_perceraian", "Nomor akta perceraian"),
            KodeIsian("tanggal_perceraian", "Tanggal perceraian"),
            KodeIsian("no_paspor", "Nomor paspor"),
            KodeIsian("no_kitas", "Nomor KITAS/KITAP"),
            KodeIsian("telepon", "Telepon"),
            KodeIsian("suku", "Suku/etnis"),
            KodeIsian("status_penduduk", "Status penduduk (TETAP/TIDAK TETAP)"),
            KodeIsian("status_dasar", "Status dasar (HIDUP/MATI/…)"),
            KodeIsian("status_rekam", "Status perekaman KTP-el"),
        ],
    ),
    (
        "Kelahiran dan kematian",
        [
            KodeIsian("waktu_lahir", "Jam lahir"),
            KodeIsian("hari_lahir", "Hari lahir"),
            KodeIsian("tempat_dilahirkan", "Tempat dilahirkan (RS/Puskesmas/…)"),
            KodeIsian("jenis_kelahiran", "Jenis kelahiran (tunggal/kembar)"),
            KodeIsian("kelahiran_anak_ke", "Kelahiran anak ke-"),
            KodeIsian("penolong_kelahiran", "Penolong kelahiran"),
            KodeIsian("berat_lahir", "Berat lahir (gram)"),
            KodeIsian("panjang_lahir", "Panjang lahir (cm)"),
            KodeIsian("hari_kematian", "Hari kematian"),
            KodeIsian("tanggal_kematian", "Tanggal kematian"),
            KodeIsian("jam_kematian", "Jam kematian"),
            KodeIsian("tempat_kematian", "Tempat kematian"),
            KodeIsian("sebab_kematian", "Sebab kematian"),
            KodeIsian("penerang_kematian", "Yang menerangkan kematian"),
            KodeIsian("akta_kematian", "Nomor akta kematian"),
            KodeIsian("umur_kematian", "Umur saat meninggal"),
        ],
    ),
    (
        "Keluarga",
        [
            KodeIsian("anggota_keluarga", "Tabel anggota keluarga (nama, NIK, hubungan, umur)"),
            KodeIsian("jumlah_anggota_keluarga", "Jumlah anggota keluarga yang hidup"),
        ],
    ),
    (
        "Desa",
        [
            KodeIsian("nama_desa", "Nama desa"),
            KodeIsian("kode_desa", "Kode desa (Kemendagri)"),
            KodeIsian("sebutan_desa", "Sebutan desa (Desa/Kampung/Nagari …)"),
            KodeIsian("nama_kecamatan", "Nama kecamatan"),
            KodeIsian("kode_kecamatan", "Kode kecamatan"),
            KodeIsian("sebutan_kecamatan", "Sebutan kecamatan"),
            KodeIsian("nama_kabupaten", "Nama kabupaten/kota"),
            KodeIsian("kode_kabupaten", "Kode kabupaten/kota"),
            KodeIsian("sebutan_kabupaten", "Sebutan kabupaten"),
            KodeIsian("nama_provinsi", "Nama provinsi"),
            KodeIsian("kode_provinsi", "Kode provinsi"),
            KodeIsian("alamat_desa", "Alamat kantor desa"),
            KodeIsian("kode_pos", "Kode pos"),
            KodeIsian("telepon_desa", "Telepon kantor desa"),
            KodeIsian("email_desa", "Email desa"),
            KodeIsian("website_desa", "Website desa"),
            KodeIsian("sebutan_kepala_desa", "Sebutan kepala desa"),
            KodeIsian("sebutan_camat", "Sebutan camat"),
            KodeIsian("sebutan_dusun", "Sebutan dusun"),
            KodeIsian("nama_kepala_desa", "Nama Kepala Desa yang menjabat"),
        ],
    ),
    (
        "Surat",
        [
            KodeIsian("judul_surat", "Judul surat (SURAT KETERANGAN …)"),
            KodeIsian("nama_surat", "Nama jenis surat"),
            KodeIsian("kode_surat", "Kode klasifikasi surat"),
            KodeIsian("nomor_surat", "Nomor urut surat"),
            KodeIsian("format_nomor_surat", "Nomor surat lengkap"),
            KodeIsian("tgl_surat", "Tanggal surat"),
            KodeIsian("hari_surat", "Hari surat (Senin …)"),
            KodeIsian("tahun", "Tahun surat"),
            KodeIsian("bulan_romawi", "Bulan surat dalam angka Romawi"),
            KodeIsian("mulai_berlaku", "Berlaku mulai"),
            KodeIsian("berlaku_sampai", "Berlaku sampai"),
            KodeIsian("masa_berlaku", "Masa berlaku (3 bulan)"),
        ],
    ),
    (
        "Penanda tangan",
        [
            KodeIsian("atas_nama", "Baris jabatan penanda tangan (dengan a.n./u.b.)"),
            KodeIsian("nama_pamong", "Nama penanda tangan"),
            KodeIsian("jabatan", "Jabatan penanda tangan"),
            KodeIsian("nip_pamong", "NIP/NIPD penanda tangan"),
        ],
    ),
]

# OpenSID spellings and common variants -> our code.
ALIAS: dict[str, str] = {
    "tgl_lahir": "tanggal_lahir",
    "tanggallahir": "tanggal_lahir",
    "tempatlahir": "tempat_lahir",
    "ttl": "tempat_tgl_lahir",
    "tempat_tanggal_lahir": "tempat_tgl_lahir",
    "usia": "umur",
    "sex": "jenis_kelamin",
    "status": "status_kawin",
    "status_perkawinan": "status_kawin",
    "pendidikan_kk": "pendidikan",
    "kewarganegaraan": "warga_negara",
    "wn": "warga_negara",
    "gol_darah": "golongan_darah",
    "shdk": "hubungan",
    "nokk": "no_kk",
    "dokumen_pasport": "no_paspor",
    "dokumen_kitas": "no_kitas",
    "tanggal_surat": "tgl_surat",
    "jabatan_pamong": "jabatan",
    "tgl_kematian": "tanggal_kematian",
    "tgl_akhir": "berlaku_sampai",
    "tgl_mulai": "mulai_berlaku",
}

KODE_BAWAAN: frozenset[str] = frozenset(k.kode for _, daftar in KELOMPOK_KODE for k in daftar)

JENIS_ISIAN = [
    ("teks", "Teks singkat"),
    ("teks_panjang", "Teks panjang"),
    ("tanggal", "Tanggal"),
    ("angka", "Angka"),
    ("uang", "Uang (rupiah)"),
    ("pilihan", "Pilihan"),
]
JENIS_ANGKA = {"angka", "uang"}


def kode_dikenal(isian: Iterable[Mapping] = ()) -> set[str]:
    dikenal = set(KODE_BAWAAN)
    ada_angka = False
    for f in isian:
        dikenal.add(f["kode"])
        if f.get("jenis") in JENIS_ANGKA:
            dikenal.add(f"terbilang_{f['kode']}")
            ada_angka = True
    if ada_angka:
        dikenal.add("terbilang")
    return dikenal


def katalog(isian: Iterable[Mapping] = ()) -> list[tuple[str, list[KodeIsian]]]:
    """Every code the editor lists, grouped, with this type's extra fields first."""
    tambahan: list[KodeIsian] = []
    angka_pertama = None
    for f in isian:
        tambahan.append(KodeIsian(f["kode"], f.get("label") or f["kode"]))
        if f.get("jenis") in JENIS_ANGKA:
            tambahan.append(KodeIsian(f"terbilang_{f['kode']}", f"{f.get('label')} dengan huruf"))
            angka_pertama = angka_pertama or f
    if angka_pertama:
        tambahan.append(
            KodeIsian("terbilang", f"{angka_pertama.get('label')} dengan huruf (terbilang)")
        )
    hasil = [("Isian surat ini", tambahan)] if tambahan else []
    return hasil + KELOMPOK_KODE


# --- values ------------------------------------------------------------------------------------


def bulan_romawi(tanggal: datetime.date) -> str:
    return BULAN_ROMAWI[tanggal.month - 1]


def _tanggal(nilai) -> str:
    return tanggal_indonesia(nilai) if nilai else ""


def _pilihan(obj, nama: str) -> str:
    return getattr(obj, f"get_{nama}_display")() if getattr(obj, nama) is not None else ""


def _umur(lahir: datetime.date | None, pada: datetime.date) -> str:
    if not lahir:
        return ""
    tahun = pada.year - lahir.year - ((pada.month, pada.day) < (lahir.month, lahir.day))
    return f"{max(tahun, 0)} tahun"


def _alamat(p) -> dict[str, str]:

    w = p.wilayah
    desa = identitas_desa()
    jalan = (p.keluarga.alamat if p.keluarga_id else "") or p.alamat_sekarang or ""
    rt = w.nama if w.tingkat == w.Tingkat.RT else ""
    rw = ""
    if w.rw_id:
        rw = w.rw.nama
    dusun = w.dusun.nama if w.dusun_id else ""
    bagian = [jalan]
    if rt:
        bagian.append(f"RT {rt}")
    if rw:
        bagian.append(f"RW {rw}")
    if dusun:
        bagian.append(f"{desa.sebutan_dusun} {dusun}")
    return {
        "alamat": " ".join(b for b in bagian if b),
        "alamat_jalan": jalan,
        "rt": rt,
        "rw": rw,
        "dusun": dusun,
    }


def nilai_penduduk(p, pada: datetime.date) -> dict[str, object]:
    """Resident codes (3–4 queries: family head, members, death event)."""

    nilai: dict[str, object] = {
        "nama": p.nama,
        "nik": p.nik,
        "no_kk": p.keluarga.no_kk if p.keluarga_id else "",
        "hubungan": _pilihan(p, "shdk"),
        "tempat_lahir": p.tempat_lahir,
        "tanggal_lahir": _tanggal(p.tanggal_lahir),
        "tempat_tgl_lahir": p.tempat_tanggal_lahir,
        "umur": _umur(p.tanggal_lahir, pada),
        "jenis_kelamin": _pilihan(p, "jenis_kelamin"),
        "agama": _pilihan(p, "agama"),
        "status_kawin": _pilihan(p, "status_kawin"),
        "pekerjaan": _pilihan(p, "pekerjaan"),
        "pendidikan": _pilihan(p, "pendidikan_kk"),
        "pendidikan_sedang": _pilihan(p, "pendidikan_sedang"),
        "warga_negara": _pilihan(p, "warganegara"),
        "golongan_darah": _pilihan(p, "golongan_darah"),
        "alamat_sebelumnya": p.alamat_sebelumnya,
        "nama_ayah": p.nama_ayah,
        "nik_ayah": p.nik_ayah,
        "nama_ibu": p.nama_ibu,
        "nik_ibu": p.nik_ibu,
        "akta_lahir": p.akta_lahir,
        "akta_perkawinan": p.akta_perkawinan,
        "tanggal_perkawinan": _tanggal(p.tanggal_perkawinan),
        "akta_perceraian": p.akta_perceraian,
        "tanggal_perceraian": _tanggal(p.tanggal_perceraian),
        "no_paspor": p.dokumen_pasport,
        "no_kitas": p.dokumen_kitas,
        "telepon": p.telepon,
        "suku": p.suku,
        "status_penduduk": _pilihan(p, "status_penduduk"),
        "status_dasar": _pilihan(p, "status_dasar"),
        "status_rekam": _pilihan(p, "status_rekam"),
        "waktu_lahir": p.waktu_lahir.strftime("%H.%M") if p.waktu_lahir else "",
        "hari_lahir": HARI[p.tanggal_lahir.weekday()] if p.tanggal_lahir else "",
        "tempat_dilahirkan": _pilihan(p, "tempat_dilahirkan"),
        "jenis_kelahiran": _pilihan(p, "jenis_kelahiran"),
        "kelahiran_anak_ke": str(p.kelahiran_anak_ke or ""),
        "penolong_kelahiran": _pilihan(p, "penolong_kelahiran"),
        "berat_lahir": f"{p.berat_lahir} gram" if p.berat_lahir else "",
        "panjang_lahir": f"{p.panjang_lahir} cm".replace(".", ",") if p.panjang_lahir else "",
        **_alamat(p),
    }
    # The family: head's name, living members (one query for both).
    anggota = []
    if p.keluarga_id:
        anggota = list(
            Penduduk.objects.filter(keluarga_id=p.keluarga_id, status_dasar=kode.StatusDasar.HIDUP)
            .order_by("shdk", "tanggal_lahir", "pk")
            .only("nama", "nik", "shdk", "tanggal_lahir", "jenis_kelamin")
        )
    kepala = next((a for a in anggota if a.shdk == kode.SHDK.KEPALA_KELUARGA), None)
    nilai["kepala_kk"] = kepala.nama if kepala else ""
    nilai["jumlah_anggota_keluarga"] = str(len(anggota)) if anggota else ""
    nilai["anggota_keluarga"] = tabel_anggota(anggota, pada) if anggota else ""
    # Death details from the latest standing MATI event.
    mati = None
    if p.status_dasar == kode.StatusDasar.MATI:
        mati = (
            Peristiwa.objects.berlaku()
            .filter(penduduk=p, jenis=kode.JenisPeristiwa.MATI)
            .order_by("-tanggal_peristiwa", "-pk")
            .first()
        )
    nilai.update(
        {
            "hari_kematian": HARI[mati.tanggal_peristiwa.weekday()] if mati else "",
            "tanggal_kematian": _tanggal(mati.tanggal_peristiwa) if mati else "",
            "jam_kematian": mati.waktu_kematian.strftime("%H.%M")
            if mati and mati.waktu_kematian
            else "",
            "tempat_kematian": mati.tempat_kematian if mati else "",
            "sebab_kematian": _pilihan(mati, "sebab_kematian") if mati else "",
            "penerang_kematian": _pilihan(mati, "penerang_kematian") if mati else "",
            "akta_kematian": mati.no_akta_kematian if mati else "",
            "umur_kematian": _umur(p.tanggal_lahir, mati.tanggal_peristiwa) if mati else "",
        }
    )
    return nilai


def tabel_anggota(anggota: list, pada: datetime.date) -> HtmlAman:
    """The family members as a bordered table (built here, every cell escaped)."""
    baris = format_html_join(
        "",
        '<tr><td style="text-align: center">{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td>{}</td><td style="text-align: center">{}</td></tr>',
        (
            (
                i,
                a.nama.upper(),
                a.nik,
                "L" if a.jenis_kelamin == 1 else "P",
                a.get_shdk_display() if a.shdk else "-",
                _umur(a.tanggal_lahir, pada).replace(" tahun", ""),
            )
            for i, a in enumerate(anggota, start=1)
        ),
    )
    return HtmlAman(
        format_html(
            '<table class="tabel-bergaris"><thead><tr><th>No</th><th>Nama</th><th>NIK</th>'
            "<th>L/P</th><th>Hubungan</th><th>Umur</th></tr></thead><tbody>{}</tbody></table>",
            baris,
        )
    )


def nilai_desa(desa) -> dict[str, object]:
    return {
        "nama_desa": desa.nama_desa,
        "kode_desa": desa.kode_desa,
        "sebutan_desa": desa.sebutan_desa,
        "nama_kecamatan": desa.nama_kecamatan,
        "kode_kecamatan": desa.kode_kecamatan,
        "sebutan_kecamatan": desa.sebutan_kecamatan,
        "nama_kabupaten": desa.nama_kabupaten,
        "kode_kabupaten": desa.kode_kabupaten,
        "sebutan_kabupaten": desa.sebutan_kabupaten,
        "nama_provinsi": desa.nama_provinsi,
        "kode_provinsi": desa.kode_provinsi,
        "alamat_desa": desa.alamat_kantor,
        "kode_pos": desa.kode_pos,
        "telepon_desa": desa.telepon,
        "email_desa": desa.email_desa,
        "website_desa": desa.website,
        "sebutan_kepala_desa": desa.sebutan_kepala_desa,
        "sebutan_camat": desa.sebutan_camat,
        "sebutan_dusun": desa.sebutan_dusun,
    }


def nilai_isian(definisi: Iterable[Mapping], isian: Mapping[str, object]) -> dict[str, object]:
    """Extra-field codes: the values as printed, plus `terbilang_*` for numbers."""
    nilai: dict[str, object] = {}
    terbilang_pertama = None
    for f in definisi:
        kode_f = f["kode"]
        mentah = isian.get(kode_f, "")
        jenis = f.get("jenis", "teks")
        if jenis == "tanggal" and mentah:
            try:
                nilai[kode_f] = tanggal_indonesia(datetime.date.fromisoformat(str(mentah)))
            except ValueError:
                nilai[kode_f] = str(mentah)
        elif jenis in JENIS_ANGKA:
            n = ke_bilangan(mentah)
            if n is None:
                nilai[kode_f] = str(mentah or "")
                nilai[f"terbilang_{kode_f}"] = ""
            else:
                nilai[kode_f] = format_rupiah(n) if jenis == "uang" else format_ribuan(n)
                kata = terbilang(n) + (" rupiah" if jenis == "uang" else "")
                nilai[f"terbilang_{kode_f}"] = kata
            if terbilang_pertama is None:
                terbilang_pertama = nilai[f"terbilang_{kode_f}"]
        else:
            nilai[kode_f] = "" if mentah is None else str(mentah)
    if terbilang_pertama is not None:
        nilai["terbilang"] = terbilang_pertama
    return nilai


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    indeks = tanggal.month - 1 + bulan
    tahun, bulan_baru = tanggal.year + indeks // 12, indeks % 12 + 1
    import calendar

    hari = min(tanggal.day, calendar.monthrange(tahun, bulan_baru)[1])
    return datetime.date(tahun, bulan_baru, hari)


def hitung_berlaku_sampai(jenis, mulai: datetime.date) -> datetime.date | None:
    """Last day of validity (inclusive): 1 Jan + 1 bulan -> 31 Jan. None when unlimited."""
    n = jenis.masa_berlaku
    if not n:
        return None
    satuan = jenis.satuan_masa_berlaku
    if satuan == "hari":
        akhir = mulai + datetime.timedelta(days=n)
    elif satuan == "minggu":
        akhir = mulai + datetime.timedelta(weeks=n)
    elif satuan == "tahun":
        akhir = tambah_bulan(mulai, 12 * n)
    else:
        akhir = tambah_bulan(mulai, n)
    return akhir - datetime.timedelta(days=1)


def nilai_surat(
    *,
    jenis,
    tanggal: datetime.date,
    nomor: str,
    nomor_urut: int | None,
    berlaku_sampai: datetime.date | None,
) -> dict[str, object]:
    return {
        "judul_surat": jenis.judul,
        "nama_surat": jenis.nama,
        "kode_surat": jenis.kode_surat,
        "nomor_surat": str(nomor_urut) if nomor_urut else "…",
        "format_nomor_surat": nomor,
        "tgl_surat": tanggal_indonesia(tanggal),
        "hari_surat": HARI[tanggal.weekday()],
        "tahun": str(tanggal.year),
        "bulan_romawi": bulan_romawi(tanggal),
        "mulai_berlaku": tanggal_indonesia(tanggal) if berlaku_sampai else "",
        "berlaku_sampai": tanggal_indonesia(berlaku_sampai) if berlaku_sampai else "",
        "masa_berlaku": jenis.teks_masa_berlaku if jenis.masa_berlaku else "",
    }


def nilai_penandatangan(ttd: Mapping[str, object] | None, kepala_desa: str = "") -> dict:
    """Signatory codes from the frozen signatory (see services.surat._ttd)."""
    ttd = ttd or {}
    return {
        "atas_nama": "\n".join(ttd.get("baris_jabatan", [])),
        "nama_pamong": ttd.get("nama", ""),
        "jabatan": ttd.get("jabatan", ""),
        "nip_pamong": ttd.get("nomor_induk", ""),
        "nama_kepala_desa": kepala_desa,
    }
