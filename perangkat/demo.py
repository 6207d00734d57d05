"""Demo officials for `isi_desa_demo`: a complete, verified village government with history.

`isi_perangkat_demo(rng=..., tanggal_mulai=...)` runs after the residents exist. It appoints,
through the services (so the audit log reads like real work):

- a past Kepala Desa (dismissed), and the current one from a date inside the demo period,
  so letters dated anywhere from `tanggal_mulai` to today have a signatory;
- a Sekretaris Desa who signs "a.n.", the Kaur and Kasi (two of them sign "u.b."), with
  Kasi Kesejahteraan held by an acting (Plt.) official beside their own post;
- one Kepala Dusun per dusun, living in that dusun; two Staf (the last one left unverified,
  so the dashboard shows the SK check at work).

Officials are residents of the register where there are any, else people with their own
identity. Each appointment gets a small generated PDF as its "scanned" SK.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from penduduk.models import Penduduk
from perangkat import services
from perangkat.models import Jabatan, JenisPengangkatan, Perangkat
from sid import kode
from sid.models import Wilayah

HARI = datetime.timedelta(days=1)

NAMA_CADANGAN = [
    ("Ahmad Fauzi", 1), ("Siti Rahmawati", 2), ("Budi Hartono", 1), ("Dewi Lestari", 2),
    ("Agus Salim", 1), ("Rina Marlina", 2), ("Joko Susilo", 1), ("Nur Aini", 2),
    ("Hendra Gunawan", 1), ("Yuliani", 2), ("Slamet Riyadi", 1), ("Wulan Sari", 2),
    ("Dedi Kurniawan", 1), ("Eka Putri", 2), ("Bambang Sutrisno", 1), ("Lilis Suryani", 2),
]  # fmt: skip
# Academic titles by the last education completed (PendidikanKK): none below a diploma.
GELAR_PER_PENDIDIKAN = {
    7: ["A.Md."],  # D III
    8: ["", "S.Sos.", "S.E.", "S.Pd.", "S.Kom.", "S.AP."],  # D IV / S1
    9: ["M.Si.", "M.AP."],  # S2
    10: ["M.Si."],  # S3 (the doctor's "Dr." goes before the name; not used in the demo)
}


def gelar_untuk(pendidikan: int | None, rng: random.Random) -> str:
    """A title that matches the education: no "S.E." for someone who finished primary school."""
    return rng.choice(GELAR_PER_PENDIDIKAN.get(pendidikan or 0, [""]))


def pdf_sederhana(baris: list[str]) -> bytes:
    """A small valid one-page PDF showing the given lines (Helvetica, latin-1)."""

    def esc(teks: str) -> str:
        teks = teks.encode("latin-1", "replace").decode("latin-1")
        return teks.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    isi = "BT /F1 12 Tf 16 TL 60 780 Td " + " ".join(f"({esc(b)}) '" for b in baris) + " ET"
    objek = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(isi.encode('latin-1'))} >>\nstream\n{isi}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    keluaran = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    posisi = []
    for i, o in enumerate(objek, start=1):
        posisi.append(len(keluaran))
        keluaran += f"{i} 0 obj\n{o}\nendobj\n".encode("latin-1")
    xref = len(keluaran)
    keluaran += f"xref\n0 {len(objek) + 1}\n0000000000 65535 f \n".encode()
    for p in posisi:
        keluaran += f"{p:010d} 00000 n \n".encode()
    keluaran += (
        f"trailer\n<< /Size {len(objek) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(keluaran)


def _tahun_sebelum(tanggal: datetime.date, tahun: int) -> datetime.date:
    try:
        return tanggal.replace(year=tanggal.year - tahun)
    except ValueError:
        return tanggal.replace(year=tanggal.year - tahun, day=28)


class _Pembuat:
    def __init__(self, rng: random.Random, hari_ini: datetime.date, oleh: Any):

        self.rng, self.hari_ini, self.oleh = rng, hari_ini, oleh
        self.nomor = 0
        self.cadangan = list(NAMA_CADANGAN)
        rng.shuffle(self.cadangan)
        # Adults of working age with a real NIK: a bounded pool to pick officials from.
        self.calon = list(
            Penduduk.objects.hidup()
            .tetap()
            .exclude(nik__startswith="0")
            .filter(
                tanggal_lahir__lte=_tahun_sebelum(hari_ini, 25),
                tanggal_lahir__gt=_tahun_sebelum(hari_ini, 56),
            )
            .select_related("wilayah")
            .order_by("pk")[:600]
        )
        rng.shuffle(self.calon)
        self.terpakai: set[int] = set()

    def orang(self, *, dusun=None, nipd_tmt: datetime.date | None = None) -> Perangkat:
        r = self.rng
        penduduk = None
        for calon in self.calon:
            if calon.pk in self.terpakai:
                continue
            if dusun is not None and calon.wilayah.dusun_id != dusun.pk:
                continue
            penduduk = calon
            break
        if penduduk is None and dusun is not None:
            penduduk = (
                Penduduk.objects.hidup()
                .tetap()
                .filter(wilayah__dusun=dusun, tanggal_lahir__lte=_tahun_sebelum(self.hari_ini, 25))
                .exclude(pk__in=self.terpakai)
                .exclude(nik__startswith="0")
                .order_by("pk")
                .first()
            )
        data: dict[str, Any] = {"aktif": True}
        if penduduk is not None:
            self.terpakai.add(penduduk.pk)
            data["penduduk"] = penduduk
            data["gelar_belakang"] = gelar_untuk(penduduk.pendidikan_kk, r)
            lahir = penduduk.tanggal_lahir
        else:
            nama, jk = self.cadangan.pop() if self.cadangan else (f"Perangkat {self.nomor}", 1)
            lahir = datetime.date(r.randint(1968, 1995), r.randint(1, 12), r.randint(1, 28))
            data.update(
                nama=nama,
                jenis_kelamin=jk,
                tempat_lahir=r.choice(["Bogor", "Sukabumi", "Cianjur", "Bandung"]),
                tanggal_lahir=lahir,
                agama=kode.Agama.ISLAM,
                pendidikan=r.choice([5, 5, 7, 8]),
            )
            data["gelar_belakang"] = gelar_untuk(data["pendidikan"], r)
        if nipd_tmt is not None:
            self.nomor += 1
            data["nipd"] = f"{lahir:%Y%m%d}{nipd_tmt:%Y%m}{self.nomor:02d}"
        return services.perangkat_create(oleh=self.oleh, data=data)

    def angkat(
        self,
        orang: Perangkat,
        jabatan: Jabatan,
        tmt: datetime.date,
        *,
        kades: bool = False,
        jenis: str = JenisPengangkatan.DEFINITIF,
        verifikasi: bool = True,
        **lain,
    ):
        self.nomor += 1
        tanggal_sk = tmt - HARI * self.rng.randint(3, 25)
        nomor_sk = (
            f"141/Kep.{self.nomor:03d}-DPMD/{tanggal_sk.year}"
            if kades
            else f"141/{self.nomor:02d}/KPTS/{tanggal_sk.year}"
        )
        judul = f"{'Plt. ' if jenis == JenisPengangkatan.PLT else ''}{jabatan.nama}"
        pdf = pdf_sederhana(
            [
                "KEPUTUSAN " + ("BUPATI" if kades else "KEPALA DESA"),
                f"NOMOR {nomor_sk}",
                f"TENTANG PENGANGKATAN {judul.upper()}",
                "",
                f"Mengangkat: {orang.nama_bergelar}",
                f"Sebagai: {judul}",
                f"Terhitung mulai tanggal {tmt:%d-%m-%Y}",
                "",
                f"Ditetapkan tanggal {tanggal_sk:%d-%m-%Y}",
            ]
        )
        p = services.pengangkatan_create(
            oleh=self.oleh,
            perangkat=orang,
            jabatan=jabatan,
            jenis=jenis,
            nomor_sk=nomor_sk,
            tanggal_sk=tanggal_sk,
            tmt=tmt,
            berkas_sk=ContentFile(pdf, name="sk.pdf"),
            **lain,
        )
        if verifikasi:
            services.pengangkatan_verifikasi(oleh=self.oleh, pengangkatan=p)
        return p


def isi_perangkat_demo(
    *,
    rng: random.Random,
    tanggal_mulai: datetime.date,
    hari_ini: datetime.date | None = None,
    oleh: Any = None,
) -> int:
    """Create the demo officials; does nothing when officials already exist.

    `tanggal_mulai` is the start of the demo's history: a kepala desa is in office on every
    day from then until `hari_ini`. Returns the number of appointments created.
    """
    if Perangkat.objects.exists():
        return 0
    hari_ini = hari_ini or timezone.localdate()
    tanggal_mulai = min(tanggal_mulai, hari_ini - 30 * HARI)
    jabatan = {j.nama: j for j in Jabatan.objects.all()}
    buat = _Pembuat(rng, hari_ini, oleh)
    jumlah = 0

    def sebelum_mulai(tahun_maks: int) -> datetime.date:
        return tanggal_mulai - HARI * rng.randint(30, 365 * tahun_maks)

    # Kepala Dusun first: each needs a resident of their own dusun.
    kadus = jabatan.get("Kepala Dusun")
    if kadus is not None:
        for dusun in Wilayah.objects.filter(tingkat=Wilayah.Tingkat.DUSUN).order_by("nama"):
            tmt = sebelum_mulai(10)
            orang = buat.orang(dusun=dusun, nipd_tmt=tmt)
            buat.angkat(orang, kadus, tmt, dusun=dusun)
            jumlah += 1

    kades = jabatan.get("Kepala Desa") or Jabatan.objects.filter(kepala_desa=True).first()
    if kades is not None:
        # The change of kepala desa falls inside the demo period, so both sign letters.
        rentang = (hari_ini - tanggal_mulai).days
        pergantian = tanggal_mulai + HARI * rng.randint(rentang // 4, max(rentang // 2, 1))
        lama = buat.orang()
        p_lama = buat.angkat(lama, kades, _tahun_sebelum(pergantian, 6), kades=True)
        services.pengangkatan_berhenti(
            oleh=oleh,
            pengangkatan=p_lama,
            nomor_sk_berhenti=f"141/Kep.{buat.nomor + 1:03d}-DPMD/{pergantian.year}",
            tanggal_sk_berhenti=pergantian - HARI * rng.randint(1, 10),
            tanggal_berhenti=pergantian,
            alasan_berhenti="Masa jabatan berakhir",
        )
        buat.nomor += 1
        baru = buat.orang()
        buat.angkat(
            baru, kades, pergantian, kades=True, rencana_selesai=_tahun_sebelum(pergantian, -8)
        )
        jumlah += 2

    tugas = [
        ("Sekretaris Desa", {"boleh_an": True}),
        ("Kaur Keuangan", {}),
        ("Kaur Umum dan Perencanaan", {}),
        ("Kasi Pemerintahan", {"boleh_ub": True}),
        ("Kasi Pelayanan", {"boleh_ub": True}),
    ]
    kaur_umum = None
    for nama, lain in tugas:
        j = jabatan.get(nama)
        if j is None:
            continue
        tmt = sebelum_mulai(8)
        orang = buat.orang(nipd_tmt=tmt)
        buat.angkat(orang, j, tmt, **lain)
        jumlah += 1
        if nama == "Kaur Umum dan Perencanaan":
            kaur_umum = orang
    # Kasi Kesejahteraan is vacant: the Kaur Umum acts (Plt.) beside their own post.
    kesra = jabatan.get("Kasi Kesejahteraan")
    if kesra is not None and kaur_umum is not None:
        buat.angkat(
            kaur_umum,
            kesra,
            tanggal_mulai + HARI * rng.randint(0, 20),
            jenis=JenisPengangkatan.PLT,
            keterangan="Merangkap Kaur Umum dan Perencanaan",
        )
        jumlah += 1

    staf = jabatan.get("Staf")
    if staf is not None:
        for i in range(2):
            tmt = sebelum_mulai(4) if i == 0 else hari_ini - HARI * rng.randint(5, 25)
            orang = buat.orang(nipd_tmt=tmt)
            buat.angkat(orang, staf, tmt, verifikasi=i == 0)
            jumlah += 1
    return jumlah


def isi_demo(
    *, rng: random.Random, tanggal_mulai: datetime.date, hari_ini: datetime.date
) -> str | None:
    """The officials' part of `isi_desa_demo` (registered in PerangkatConfig.ready)."""
    jumlah = isi_perangkat_demo(rng=rng, tanggal_mulai=tanggal_mulai, hari_ini=hari_ini)
    return f"Perangkat desa: {jumlah} pengangkatan." if jumlah else None
