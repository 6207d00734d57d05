"""The letter archive: `log_surat` → Surat (issued letters, with the PDF OpenSID printed, from
the folder backup), `tweb_surat_format` → SID's letter types, and OpenSID's numbering setting
and last numbers → SID's numbering setting and counters, so the next letter of each type
issued in SID continues OpenSID's sequence of that type and year.

- A type whose slug or name matches a SID type (built-in or not) is that type; it takes
  OpenSID's classification code and own number format when it has letters, so SID's next
  number reads as OpenSID's would have (`S-01/003/…`). A type SID does not have becomes an
  archive-only type (switched off: it holds the archive, no new letters are made with it).
- Every numbered letter of OpenSID counts for the counters (drafts, letters to non-residents
  and refused rows too: their number was used); deleted letters do not, as in OpenSID.
- A carried letter is TERBIT with OpenSID's printed number, date, signatory and extra fields,
  its body text (`isi_surat`) and its PDF in private storage, streamed by the letter page.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
from collections import defaultdict
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import slugify

from penduduk.models import Penduduk
from pindah.konteks import Konteks
from pindah.peta import baca
from pindah.peta.identitas import config
from sid.lib.audit import catat_aktivitas, potret, selisih
from sid.lib.berkas import penyimpanan_privat
from sid.lib.html import bersihkan_html
from surat.models import JenisSurat, PengaturanSurat, PenghitungNomor, Surat
from surat.penomoran import format_nomor, periksa_format
from surat.services.jenis import POLA_KODE_SURAT, jenis_surat_create, jenis_surat_update

NAMA = "Arsip surat"
TABEL = {"log_surat", "tweb_surat_format", "setting_aplikasi", "config"}
MODEL = [JenisSurat, Surat, PenghitungNomor, PengaturanSurat]

SURAT = "Arsip surat"
JENIS = "Jenis surat"
P = PengaturanSurat.Penomoran
# OpenSID `penomoran_surat`: 1 all service letters, 2 per type, 3 with incoming/outgoing
# mail, 4 per classification code (app/Models/LogSurat.php).
PENOMORAN = {"1": P.GLOBAL, "2": P.PER_JENIS, "3": P.GLOBAL, "4": P.PER_JENIS}
# OpenSID slugs whose SID type has another name.
ALIAS = {
    "pengantar-surat-keterangan-catatan-kepolisian": "pengantar-skck",
    "keterangan-kurang-mampu": "sktm",
}
ISI_ARSIP = (
    "<p>Jenis surat ini dibawa dari OpenSID hanya untuk arsip surat yang sudah terbit. "
    "Untuk membuat surat baru jenis ini, tulis isi suratnya di sini lalu aktifkan.</p>"
)
BATCH = 500


# --- helpers shared with the other mappers --------------------------------------------------------


def zona(ktx: Konteks) -> datetime.tzinfo:
    """The village's time zone as OpenSID kept it (its wall-clock timestamps are in it)."""
    for b in ktx.baris("setting_aplikasi"):
        if b.get("key") == "timezone":
            try:
                return ZoneInfo(baca.teks(b.get("value")))
            except (ZoneInfoNotFoundError, ValueError):
                break
    return timezone.get_current_timezone()


def saat(v, tz: datetime.tzinfo) -> datetime.datetime | None:
    """An OpenSID timestamp (wall time in `tz`) as an aware datetime; None when empty/zero."""
    v = baca.teks(v)
    try:
        return datetime.datetime.fromisoformat(v).replace(tzinfo=tz) if v else None
    except ValueError:
        return None


def setelan(ktx: Konteks) -> dict[str, str]:
    return {b.get("key"): baca.teks(b.get("value")) for b in ktx.baris("setting_aplikasi")}


def _angka(v) -> int | None:
    """OpenSID's CAST(no_surat AS UNSIGNED): the leading digits, None without any."""
    m = re.match(r"\s*(\d+)", "" if v is None else str(v))
    return int(m.group(1)) if m else None


def _kunci_nama(nama: str) -> str:
    nama = re.sub(r"\(.*?\)", " ", nama.lower())
    nama = " ".join(nama.split())
    return nama.removeprefix("surat ")


def _slug_opensid(url: str) -> str:
    return slugify(url.replace("_", "-")).removeprefix("surat-")


# --- letter types -----------------------------------------------------------------------------------


def _padanan(ktx: Konteks, format_surat: dict[int, dict]) -> dict[int, JenisSurat]:
    """OpenSID type id → the SID type of the same slug or name (when there is one)."""
    semua = list(JenisSurat.objects.all())
    per_slug = {j.slug: j for j in semua}
    per_nama = {_kunci_nama(j.nama): j for j in semua}
    hasil = {}
    for id_format, f in format_surat.items():
        url = baca.teks(f.get("url_surat"))
        slug = _slug_opensid(url)
        j = (
            per_slug.get(slugify(url))
            or per_slug.get(slug)
            or per_slug.get(ALIAS.get(slug, ""))
            or per_nama.get(_kunci_nama(baca.teks(f.get("nama"))))
        )
        if j is not None:
            hasil[id_format] = j
    return hasil


def _format_opensid(f: dict, global_: str) -> str:
    sendiri = baca.teks(f.get("format_nomor"))
    if str(f.get("format_nomor_global") or "1") == "0" and sendiri:
        return sendiri
    return global_


def _sesuaikan_jenis(ktx: Konteks, jenis: JenisSurat, f: dict) -> None:
    """A matched type with carried letters takes OpenSID's code and own number format, so its
    next SID number reads like the ones before it."""
    data = {}
    kode = baca.teks(f.get("kode_surat"))
    if kode and kode != jenis.kode_surat and POLA_KODE_SURAT.match(kode):
        data["kode_surat"] = kode
    sendiri = _format_opensid(f, "")
    if sendiri and sendiri != jenis.format_nomor and not periksa_format(sendiri):
        data["format_nomor"] = sendiri
    if not data:
        return
    sebelum = {k: getattr(jenis, k) for k in data}
    jenis_surat_update(oleh=ktx.oleh, jenis=jenis, data=data, konfirmasi=True)
    ktx.laporan.ubah(
        JENIS,
        f"tweb_surat_format id {f['id']} ({baca.teks(f.get('nama'))})",
        "Jenis surat SID "
        + jenis.nama
        + " memakai "
        + ", ".join(f"{k.replace('_', ' ')} {v!r} (semula {sebelum[k]!r})" for k, v in data.items())
        + " seperti di OpenSID, agar nomor surat berikutnya berlanjut dalam bentuk yang sama.",
    )


def _jenis_arsip(ktx: Konteks, f: dict) -> JenisSurat:
    """An archive-only type (switched off) for letters of a type SID does not have."""
    nama = " ".join(baca.teks(f.get("nama")).split())[:90] or f"Jenis surat OpenSID {f['id']}"
    if JenisSurat.objects.filter(nama=nama).exists():
        nama = f"{nama} (OpenSID)"
    slug = f"opensid-{_slug_opensid(baca.teks(f.get('url_surat'))) or f['id']}"[:60]
    if JenisSurat.objects.filter(slug=slug).exists():
        slug = f"opensid-{f['id']}"
    kode = baca.teks(f.get("kode_surat"))
    jenis = jenis_surat_create(
        oleh=ktx.oleh,
        data={
            "nama": nama,
            "slug": slug,
            "judul": f"SURAT {nama.upper()}",
            "kode_surat": kode if POLA_KODE_SURAT.match(kode) else "470",
            "isi": ISI_ARSIP,
            "aktif": False,
            "urutan": 900,
        },
        konfirmasi=True,
    )
    ktx.laporan.hitung("Jenis surat arsip")
    ktx.laporan.ubah(
        JENIS,
        f"tweb_surat_format id {f['id']} ({nama})",
        "SID tidak punya jenis surat ini: dibuat sebagai jenis surat arsip (tidak aktif) untuk "
        "surat-surat yang sudah terbit.",
    )
    return jenis


# --- letters ----------------------------------------------------------------------------------------


def _isian(f: dict, masukan: dict) -> tuple[dict, list[dict]]:
    """OpenSID's extra fields (kode_isian) and their values in the letter's `input`."""
    try:
        definisi = json.loads(baca.teks(f.get("kode_isian")) or "[]") or []
    except ValueError:
        definisi = []
    nilai, daftar = {}, []
    for d in definisi if isinstance(definisi, list) else []:
        kode = re.sub(r"[^a-z0-9_]", "", str(d.get("kode") or "").lower())
        if not kode:
            continue
        kunci = kode.removeprefix("form_")
        isi = masukan.get(kunci, masukan.get(kode))
        if isinstance(isi, str | int | float):
            nilai[kode if kode.startswith("form_") else f"form_{kode}"] = str(isi)[:2000]
            daftar.append(
                {
                    "kode": kode if kode.startswith("form_") else f"form_{kode}",
                    "label": str(d.get("nama") or kunci)[:100],
                    "jenis": "teks_panjang" if d.get("tipe") == "textarea" else "teks",
                }
            )
    return nilai, daftar


def _tanggal_input(v) -> datetime.date | None:
    try:
        return datetime.datetime.strptime(str(v or ""), "%d-%m-%Y").date()
    except ValueError:
        return None


def _isi_terbit(isi_surat: str) -> str:
    """The printed body without OpenSID's page header/footer (the letterhead), cleaned."""
    isi = re.sub(r"<page_(header|footer)>.*?</page_\1>", "", isi_surat or "", flags=re.S | re.I)
    return bersihkan_html(isi).strip()


def _pdf(ktx: Konteks, b: dict, rujukan: str) -> bytes | None:
    nama = baca.teks(b.get("nama_surat"))
    isi = ktx.berkas_folder(f"arsip/{nama}") if nama else None
    if not isi or not isi.startswith(b"%PDF-"):
        alasan = (
            "Nama berkas arsip kosong" if not nama
            else f"Berkas {nama} tidak ada di cadangan folder desa" if not isi
            else f"Berkas {nama} bukan PDF"
        )  # fmt: skip
        ktx.laporan.ubah(SURAT, rujukan, f"{alasan}: surat dibawa tanpa PDF.")
        return None
    lampiran = baca.teks(b.get("lampiran"))
    if lampiran:
        tambahan = ktx.berkas_folder(f"arsip/{lampiran}")
        try:
            from pypdf import PdfReader, PdfWriter

            if not tambahan:
                raise ValueError(f"berkas {lampiran} tidak ada di cadangan folder desa")
            penulis = PdfWriter()
            for data in (isi, tambahan):
                penulis.append(PdfReader(io.BytesIO(data)))
            keluaran = io.BytesIO()
            penulis.write(keluaran)
            isi = keluaran.getvalue()
        except Exception as exc:  # noqa: BLE001 - any unreadable attachment is only reported
            ktx.laporan.ubah(SURAT, rujukan, f"Lampiran tidak digabung ({exc}).")
    return isi


def _galat(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _jenis_ttd(jabatan: str) -> str:
    j = jabatan.lower()
    if j.startswith(("a.n", "an.")):
        return Surat.JenisTtd.AN
    if j.startswith(("u.b", "ub.")):
        return Surat.JenisTtd.UB
    return Surat.JenisTtd.KEPALA_DESA if "kepala" in j and "desa" in j else ""


def jalankan(ktx: Konteks) -> None:
    tz = zona(ktx)
    s = setelan(ktx)
    format_global = s.get("format_nomor_surat") or PengaturanSurat.ambil().format_nomor
    kode_desa = baca.teks(config(ktx).get("kode_desa"))
    format_surat = {int(f["id"]): f for f in ktx.baris("tweb_surat_format")}
    padanan = _padanan(ktx, format_surat)
    pk_penduduk = ktx.peta["tweb_penduduk"]
    penduduk = {
        p["pk"]: p
        for p in Penduduk.objects.filter(pk__in=pk_penduduk.values()).values("pk", "nama", "nik")
    }
    pk_user = ktx.peta.get("user", {})
    terpakai = set(Surat.objects.bernomor().values_list("tahun", "nomor"))
    # (year, OpenSID type id) → highest number used that year (whatever became of the row)
    terakhir: dict[tuple[int, int], int] = defaultdict(int)
    disesuaikan: set[int] = set()
    antre: list[Surat] = []
    for b in ktx.baris("log_surat"):
        rujukan = f"log_surat id {b['id']}"
        if baca.nilai(b.get("deleted_at")):
            ktx.laporan.tolak(SURAT, rujukan, "Sudah dihapus di OpenSID.")
            continue
        waktu = saat(b.get("tanggal"), tz)
        n = _angka(b.get("no_surat"))
        id_format = int(b.get("id_format_surat") or 0)
        if waktu is not None and n is not None:
            kunci = (waktu.year, id_format)
            terakhir[kunci] = max(terakhir[kunci], n)
        f = format_surat.get(id_format)
        p = penduduk.get(pk_penduduk.get(int(b.get("id_pend") or 0)))
        alasan = (
            "Tanggal surat kosong." if waktu is None
            else f"Masih konsep di OpenSID (belum dicetak); nomor {baca.teks(b.get('no_surat')) or '-'} "
            "tetap dianggap terpakai." if str(b.get("status")) != "1"
            else f"Jenis suratnya (tweb_surat_format id {id_format}) tidak ada." if f is None
            else f"Surat untuk bukan penduduk ({baca.teks(b.get('nama_non_warga'))}): SID mencatat "
            "surat hanya untuk penduduk." if p is None and baca.teks(b.get("nama_non_warga"))
            else "Penduduknya tidak terbawa." if p is None
            else ""
        )  # fmt: skip
        if alasan:
            ktx.laporan.tolak(SURAT, rujukan, alasan)
            continue
        jenis = padanan.get(id_format)
        try:
            if jenis is None:
                jenis = padanan[id_format] = _jenis_arsip(ktx, f)
            elif id_format not in disesuaikan:
                _sesuaikan_jenis(ktx, jenis, f)
        except ValidationError as exc:
            ktx.laporan.tolak(SURAT, rujukan, f"Jenis suratnya tidak dapat dibuat: {_galat(exc)}")
            continue
        finally:
            disesuaikan.add(id_format)
        tanggal = waktu.date()
        tahun_cetak = _angka(b.get("tahun")) or tanggal.year
        bulan_cetak = _angka(b.get("bulan")) or tanggal.month
        if n is None:
            ktx.laporan.ubah(
                SURAT,
                rujukan,
                f"Nomor surat {baca.teks(b.get('no_surat'))!r} bukan angka: nomor urut 0.",
            )
        cetak = datetime.date(tahun_cetak, bulan_cetak if 1 <= bulan_cetak <= 12 else 1, 1)
        nomor = format_nomor(
            _format_opensid(f, format_global),
            nomor_urut=n or 0,
            kode_surat=baca.teks(f.get("kode_surat")),
            kode_desa=kode_desa,
            tanggal=cetak,
        )[:100]
        if (tanggal.year, nomor) in terpakai:
            ktx.laporan.ubah(
                SURAT, rujukan,
                f"Nomor {nomor} sudah dipakai surat lain tahun {tanggal.year}: dicatat sebagai "
                f"“{nomor} ({rujukan})”.",
            )  # fmt: skip
            nomor = f"{nomor} ({rujukan})"
        terpakai.add((tanggal.year, nomor))
        try:
            masukan = json.loads(baca.teks(b.get("input")) or "{}")
        except ValueError:
            masukan = {}
        masukan = masukan if isinstance(masukan, dict) else {}
        isian, definisi = _isian(f, masukan)
        jabatan = baca.teks(b.get("nama_jabatan"))
        surat = Surat(
            jenis=jenis,
            penduduk_id=p["pk"],
            nama_penduduk=p["nama"][:100],
            nik_penduduk=p["nik"],
            isian=isian,
            status=Surat.Status.TERBIT,
            tanggal_surat=tanggal,
            berlaku_sampai=_tanggal_input(masukan.get("berlaku_sampai")),
            tahun=tanggal.year,
            nomor_urut=n or 0,
            nomor=nomor,
            isi_terbit=_isi_terbit(baca.teks(b.get("isi_surat"))),
            nilai_terbit={
                "jenis": {
                    "nama": baca.teks(f.get("nama")),
                    "slug": baca.teks(f.get("url_surat")),
                    "kode_surat": baca.teks(f.get("kode_surat")),
                },
                "isian": isian,
                "isian_definisi": definisi,
                "cetak": {"judul": ""},
                "ttd": {"nama": baca.teks(b.get("nama_pamong")), "baris_jabatan": [jabatan]},
                "opensid": {
                    "log_surat": b["id"],
                    "no_surat": baca.teks(b.get("no_surat")),
                    "berkas": baca.teks(b.get("nama_surat")),
                    "keterangan": baca.teks(b.get("keterangan")),
                },
            },
            penandatangan_jenis=_jenis_ttd(jabatan),
            penandatangan_nama=baca.teks(b.get("nama_pamong"))[:150],
            penandatangan_jabatan=jabatan[:150],
            dibuat=waktu,
            dibuat_oleh_id=pk_user.get(int(b.get("id_user") or 0)),
            ditandatangani_pada=waktu,
        )
        try:
            surat.clean_fields(exclude=["jenis", "penduduk", "dibuat_oleh", "pengangkatan"])
        except ValidationError as exc:
            ktx.laporan.tolak(SURAT, rujukan, _galat(exc))
            terpakai.discard((tanggal.year, nomor))
            continue
        isi = _pdf(ktx, b, rujukan)
        if isi is None:
            surat.status_pdf = Surat.StatusPdf.GAGAL
            surat.galat_pdf = "PDF arsip OpenSID tidak ada di cadangan folder desa."
        else:
            nama = f"surat/{surat.tahun}/{surat.kode}.pdf"
            surat.berkas_pdf.name = ktx.simpan_berkas(penyimpanan_privat(), nama, isi)
            surat.sha256_pdf = hashlib.sha256(isi).hexdigest()
            surat.status_pdf, surat.pdf_dibuat = Surat.StatusPdf.SIAP, waktu
        antre.append(surat)
    for i in range(0, len(antre), BATCH):
        Surat.objects.bulk_create(antre[i : i + BATCH])
    ktx.laporan.hitung(SURAT, len(antre))
    if antre:
        catat_aktivitas(
            oleh=ktx.oleh,
            aksi="impor",
            keterangan=f"{len(antre)} surat terbit dibawa dari OpenSID ({ktx.nama_berkas}).",
        )
    _penomoran(ktx, s, format_global, format_surat, padanan, terakhir)


# --- numbering --------------------------------------------------------------------------------------


def _penomoran(ktx, s, format_global, format_surat, padanan, terakhir) -> None:
    """SID's numbering setting and counters from OpenSID's, so numbers continue."""
    kode_setelan = s.get("penomoran_surat", "")
    cara = PENOMORAN.get(kode_setelan, P.GLOBAL)
    pengaturan = PengaturanSurat.ambil()
    sebelum = potret(pengaturan)
    pengaturan.penomoran = cara
    if format_global and format_global != pengaturan.format_nomor:
        if periksa_format(format_global):
            ktx.laporan.catatan.append(
                f"Format nomor surat OpenSID {format_global!r} tidak dikenal SID: "
                f"SID tetap memakai {pengaturan.format_nomor!r}."
            )
        else:
            pengaturan.format_nomor = format_global
    pengaturan.full_clean()
    pengaturan.save()
    perubahan = selisih(sebelum, potret(pengaturan))
    perubahan.pop("diperbarui", None)
    if perubahan:
        catat_aktivitas(
            oleh=ktx.oleh, aksi="ubah", objek=pengaturan, perubahan=perubahan,
            keterangan="Penomoran surat dibawa dari OpenSID.",
        )  # fmt: skip
    if kode_setelan == "3":
        ktx.laporan.catatan.append(
            "OpenSID menomori surat layanan bersama surat masuk/keluar; SID menomori surat "
            "layanan dalam satu urutan (agenda surat masuk/keluar belum ada di SID)."
        )
    batas: dict[tuple[int, str], int] = defaultdict(int)
    for (tahun, id_format), n in terakhir.items():
        if cara == P.GLOBAL:
            batas[(tahun, "semua")] = max(batas[(tahun, "semua")], n)
            continue
        f = format_surat.get(id_format)
        if kode_setelan == "4" and f is not None:
            # per classification code: every type of that code continues after the highest
            sasaran = [
                i for i, g in format_surat.items() if g.get("kode_surat") == f.get("kode_surat")
            ]
        else:
            sasaran = [id_format]
        for i in sasaran:
            if i in padanan:
                kunci = (tahun, f"jenis-{padanan[i].pk}")
                batas[kunci] = max(batas[kunci], n)
    for (tahun, lingkup), n in sorted(batas.items()):
        hitung, _ = PenghitungNomor.objects.get_or_create(tahun=tahun, lingkup=lingkup)
        if hitung.nomor_terakhir < n:
            PenghitungNomor.objects.filter(pk=hitung.pk).update(nomor_terakhir=n)
    nama_jenis = {f"jenis-{j.pk}": j.nama for j in padanan.values()}
    if batas:
        ktx.laporan.catatan.append(
            f"Penomoran surat: {cara.label.lower()}. Nomor terakhir dari OpenSID: "
            + "; ".join(
                f"{nama_jenis.get(lingkup, 'semua jenis')} {tahun}: {n}"
                for (tahun, lingkup), n in sorted(batas.items())
            )
            + ". Surat berikutnya di SID melanjutkan nomor itu."
        )
    if s.get("verifikasi_sekdes") == "0" or s.get("verifikasi_kades") == "0":
        ktx.laporan.catatan.append(
            "Verifikasi sekretaris dan tanda tangan kepala desa tetap aktif di SID (bawaan); "
            "ubah di Pengaturan surat bila desa tidak memakainya."
        )
