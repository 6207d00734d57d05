"""Submitting forms as a person does: back unchanged, with one ordinary field changed, and with
bad values. Each submission runs in a savepoint that is rolled back, so one form's save never
changes what the next form sees."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.apps import apps
from django.core.cache import cache
from django.db import transaction

from tests.layar import penjelajah as pj

# Messages a form shows when it refuses input (Django admin, the portal, the public site).
_GALAT = re.compile(
    r'class="[^"]*(errorlist|errornote|alert-danger|invalid-feedback|is-invalid|error|galat)'
)
# Django's English messages: none may reach an Indonesian screen.
_INGGRIS = re.compile(
    r"This field is required|Enter a valid|Ensure this value|Select a valid choice|"
    r"Please correct|Null characters are not allowed|is not a valid|Please submit"
)
_FORMAT_TANGGAL = ("%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y")


@dataclass
class Hasil:
    status: int
    lokasi: str = ""
    html: str = ""
    ditolak: bool = False  # the page came back with an error message
    galat: list[str] = field(default_factory=list)

    berubah: list[str] = field(default_factory=list)  # tables whose row count changed

    @property
    def pesan(self) -> str:
        """The error messages on the page, as text."""
        bagian = re.findall(
            r'<(?:ul|p|div)[^>]*class="[^"]*(?:errorlist|errornote|alert-danger|invalid-feedback)'
            r'[^"]*"[^>]*>(.*?)</(?:ul|p|div)>',
            self.html,
            re.S,
        )
        return " | ".join(" ".join(re.sub(r"<[^>]+>", " ", b).split()) for b in bagian)[:500]


def kirim(client, f: pj.Formulir, data: dict[str, list[str]], *, sidik: bool = False) -> Hasil:
    """POST a form inside a savepoint that is rolled back afterwards."""
    with pj.GalatServer() as g, transaction.atomic():
        sebelum = sidik_database() if sidik else None
        berkas = {nama: "" for nama in f.berkas if nama not in data}
        respon = client.post(f.action, {**berkas, **data})
        pj.tutup(respon)
        hasil = _hasil(respon)
        hasil.galat = g.galat
        if sidik:
            sesudah = sidik_database()
            hasil.berubah = [t for t, n in sesudah.items() if sebelum.get(t) != n]
        transaction.set_rollback(True)
    cache.clear()
    return hasil


def kirim_lalu_buka(client, f: pj.Formulir, data, halaman: str) -> tuple[Hasil, str]:
    """POST a form, then open `halaman` again (in the same savepoint) and return its HTML."""
    with pj.GalatServer() as g, transaction.atomic():
        respon = client.post(f.action, data)
        pj.tutup(respon)
        hasil = _hasil(respon)
        html = ""
        if hasil.status == 302:
            lagi = client.get(halaman)
            html = lagi.content.decode(errors="replace")
        hasil.galat = g.galat
        transaction.set_rollback(True)
    cache.clear()
    return hasil, html


def _hasil(respon) -> Hasil:
    html = ""
    if "html" in respon.get("Content-Type", "") and not getattr(respon, "streaming", False):
        html = respon.content.decode(errors="replace")
    return Hasil(
        status=respon.status_code,
        lokasi=respon.get("Location", ""),
        html=html,
        ditolak=respon.status_code == 200 and bool(_GALAT.search(html)),
    )


def bahasa_inggris(html: str) -> str | None:
    m = _INGGRIS.search(html)
    return m.group(0) if m else None


# Written by design when a request is refused: the login lockout counters (every failed login
# counts), sessions, and the hub's tables (in these tests the hub answers in the same process and
# logs the requests it refuses, as a real hub server does on its own database).
_BUKAN_DATA = {"sid.kuncimasuk", "sessions.session"}


def sidik_database() -> dict[str, int]:
    """Rows per table: a refused form must leave every count as it was (the audit log's record
    of a failed login is the one row a refusal writes on purpose)."""
    hasil = {}
    for m in apps.get_models():
        meta = m._meta
        if meta.proxy or not meta.managed or meta.app_label == "hub":
            continue
        if meta.label_lower in _BUKAN_DATA:
            continue
        qs = m._default_manager.all()
        if meta.label_lower == "sid.logaktivitas":
            qs = qs.exclude(aksi__endswith="gagal_masuk")
        hasil[meta.label] = qs.count()
    return hasil


# ---------------------------------------------------------------------------------------------
# Which fields to change


def kolom_biasa(f: pj.Formulir) -> list[str]:
    """Ordinary fields a person edits: visible text, text areas, dates and single choices;
    not inline formset rows, not hidden or read-only inputs, not passwords or PINs."""
    hasil = []
    for nama, k in f.kolom.items():
        if "-" in nama or nama.startswith("_") or nama == "csrfmiddlewaretoken":
            continue
        if "readonly" in k or re.search(r"pin|sandi|password|nik|no_kk|kode", nama):
            continue
        if (
            k["tag"] == "input"
            and k["type"] in ("text", "date", "email", "tel", "number")
            or k["tag"] == "textarea"
            or k["tag"] == "select"
            and not k.get("multiple")
            and len(_opsi_isi(k)) >= 2
        ):
            hasil.append(nama)
    # Text first (the commonest correction), then dates, then choices.
    urut = {"textarea": 1, "select": 3}
    return sorted(hasil, key=lambda n: urut.get(f.kolom[n]["tag"], 2 if _tanggal(f, n) else 0))


def _opsi_isi(k: dict) -> list[str]:
    return [o for o in k.get("opsi", []) if o not in ("", None)]


def _tanggal(f: pj.Formulir, nama: str) -> datetime.date | None:
    nilai = f.data().get(nama, [""])[0]
    for fmt in _FORMAT_TANGGAL:
        try:
            return datetime.datetime.strptime(nilai, fmt).date()
        except ValueError:
            continue
    return None


def nilai_baru(f: pj.Formulir, nama: str) -> str | None:
    """Another valid-looking value for a field, of the same kind as what it shows."""
    k = f.kolom[nama]
    lama = f.data().get(nama, [""])[0]
    if k["tag"] == "select":
        lain = [o for o in _opsi_isi(k) if o != lama]
        return lain[0] if lain else None
    tgl = _tanggal(f, nama)
    if tgl is not None:
        fmt = next(fm for fm in _FORMAT_TANGGAL if _coba(lama, fm))
        return (tgl - datetime.timedelta(days=1)).strftime(fmt)
    if k.get("type") == "number":
        try:
            return str(int(lama or 0) + 1)
        except ValueError:
            return None
    if k.get("type") == "email":
        return "ubah.layar@example.com"
    if lama.strip().isdigit():
        return None  # a number kept as text (a code, a phone number): not an ordinary text
    batas = int(k.get("maxlength") or 0) or 10_000
    baru = (lama.rstrip() + " Ubah") if lama.strip() else "Diubah Layar"
    return baru[:batas] if baru[:batas] != lama else None


def _coba(nilai: str, fmt: str) -> bool:
    try:
        datetime.datetime.strptime(nilai, fmt)
        return True
    except ValueError:
        return False


def tampil(html: str, action: str, nama: str) -> str | None:
    """The value a page's form shows for a field (after a save, reloaded)."""
    for f in pj.formulir_post(html, action):
        nilai = f.data().get(nama)
        if nilai is not None:
            return nilai[0]
    return None


def ada_di_halaman(html: str, teks: str) -> bool:
    import html as html_lib

    isi = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split()).casefold()
    return " ".join(teks.split()).casefold() in isi


def sama(a: str | None, b: str | None) -> bool:
    def norm(x):
        return " ".join((x or "").split()).casefold()

    return norm(a) == norm(b)


# ---------------------------------------------------------------------------------------------
# Bad values


def contoh_buruk(f: pj.Formulir) -> list[tuple[str, dict[str, list[str]]]]:
    """A sample of bad submissions for a form: (description, data)."""
    data = f.data()
    hasil = []
    wajib = [n for n, k in f.kolom.items() if "required" in k and n in data and "-" not in n]
    teks = [
        n
        for n, k in f.kolom.items()
        if n in data
        and "-" not in n
        and n != "csrfmiddlewaretoken"
        and (
            (k["tag"] == "input" and k["type"] in ("text", "email", "tel"))
            or k["tag"] == "textarea"
        )
    ]
    tanggal = [n for n in teks if _tanggal(f, n)]
    if wajib:
        hasil.append((f"{wajib[0]} kosong", {**data, wajib[0]: [""]}))
    if teks:
        hasil.append((f"byte NUL di {teks[0]}", {**data, teks[0]: ["Budi\x00Santoso"]}))
        hasil.append((f"10.000 karakter di {teks[-1]}", {**data, teks[-1]: ["A" * 10_000]}))
    if tanggal:
        fmt = next(fm for fm in _FORMAT_TANGGAL if _coba(data[tanggal[0]][0], fm))
        jauh = datetime.date(9999, 12, 31).strftime(fmt)
        hasil.append((f"tanggal 9999 di {tanggal[0]}", {**data, tanggal[0]: [jauh]}))
    return hasil


# ---------------------------------------------------------------------------------------------
# The forms a visitor sees


@dataclass
class FormHalaman:
    route: str  # of the page showing the form
    path: str
    form: pj.Formulir


def formulir_terlihat(client, url: dict[str, str]) -> list[FormHalaman]:
    """Every POST form on every page this client may open, each form (its action's pattern and
    its fields) once."""
    from tests.layar.harapan import KELUAR, urutan_jalan

    hasil, dilihat = [], set()
    for route, path in urutan_jalan(url):
        if route in KELUAR:
            continue
        respon = client.get(path)
        pj.tutup(respon)
        if respon.status_code != 200 or "html" not in respon.get("Content-Type", ""):
            continue
        for f in pj.formulir_post(respon.content.decode(errors="replace"), path):
            kunci = (pj.rute(f.action), tuple(sorted(f.kolom)))
            if kunci[0] is None or kunci in dilihat:
                continue
            dilihat.add(kunci)
            hasil.append(FormHalaman(route, path, f))
    return hasil


def form_ubah(fh: FormHalaman, user) -> bool:
    """A change form of an object this user may change, or a custom edit view ("…/ubah/"):
    submitting it unchanged must be accepted."""
    from django.test import RequestFactory

    if pj.rute(fh.form.action) != fh.route:
        return False
    model, ma = pj.admin_model_untuk(fh.route)
    if model is None or user is None:
        return False
    nama_url = next((p.nama for p in pj.semua_pola() if p.route == fh.route), "") or ""
    if nama_url.endswith("_ubah"):
        return True
    if pj.jenis_admin(fh.route) != "change":
        return False
    # A reply box on a conversation page (a report to the hub) is not an edit of the object:
    # only a form that shows the object's own fields is.
    nama_field = {f.name for f in model._meta.get_fields()}
    if not nama_field & set(fh.form.kolom):
        return False
    req = RequestFactory().get(fh.path)
    req.user = user
    obj = model._default_manager.filter(pk=pj.kwargs_dari(fh.path).get("object_id")).first()
    return obj is not None and ma.has_change_permission(req, obj)
