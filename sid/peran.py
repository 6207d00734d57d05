"""Staff roles (Groups) and what each may do. Documented in docs/peran.md.

The Groups are created by a data migration. After every `migrate` each built-in role is offered
the rights of this table it was never offered before (`BawaanPeran` remembers what was offered),
so models added by later apps get the right rights automatically, while a right the
Administrator removed from a role stays removed. "Kembalikan ke bawaan" (the role screen) sets a
role back to exactly this table.
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission

ADMINISTRATOR = "Administrator"
OPERATOR = "Operator"
SEKRETARIS = "Sekretaris Desa"
KEPALA_DESA = "Kepala Desa"
REDAKSI = "Redaksi"
KONTRIBUTOR = "Kontributor"

SEMUA_PERAN = [ADMINISTRATOR, OPERATOR, SEKRETARIS, KEPALA_DESA, REDAKSI, KONTRIBUTOR]

# Apps holding the village's administrative data (population, letters, officials …).
APP_PEMERINTAHAN = [
    "penduduk",
    "keluarga",
    "surat",
    "mandiri",
    "perangkat",
    "bantuan",
    "keuangan",
    "sinkron",  # reporting to the kecamatan/kabupaten hub (enrol, policies, send, tickets)
]
APP_WEBSITE = ["konten"]
HAK_WEBSITE = ("add", "change", "delete", "view", "terbitkan_artikel")

# role → list of (app_label, model or "*", actions); actions are Django's add/change/delete/view
# or an explicit custom codename (e.g. "verifikasi_surat"); "*" = every permission.
ATURAN: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    ADMINISTRATOR: [("*", "*", ("*",))],  # every permission, custom ones included
    OPERATOR: [
        *[(app, "*", ("add", "change", "view")) for app in APP_PEMERINTAHAN],
        # SOP Operator §4.5: the operator publishes the website (articles, agenda, notices).
        *[(app, "*", HAK_WEBSITE) for app in APP_WEBSITE],
        ("sid", "wilayah", ("add", "change", "view")),
        ("sid", "identitasdesa", ("change", "view")),
        # a wrong scan must be removable; the resident's audit trail keeps what it was
        ("penduduk", "dokumenpenduduk", ("delete",)),
        # The operator's own daily work journal (SOP §7); the view shows only their own.
        ("sid", "bukuharian", ("add", "change", "view")),
    ],
    SEKRETARIS: [
        *[(app, "*", ("view",)) for app in APP_PEMERINTAHAN],
        ("sid", "wilayah", ("view",)),
        ("sid", "identitasdesa", ("view",)),
        ("surat", "surat", ("verifikasi_surat",)),
        ("sinkron", "pengumumandesa", ("change",)),  # mark the hub's notices as read
        # SOP §8: the Sekretaris supervises the operators' daily work (audit log, work journal).
        ("sid", "logaktivitas", ("view",)),
        ("sid", "bukuharian", ("view", "periksa_buku_harian")),
    ],
    KEPALA_DESA: [
        *[(app, "*", ("view",)) for app in APP_PEMERINTAHAN],
        ("sid", "wilayah", ("view",)),
        ("sid", "identitasdesa", ("view",)),
        ("surat", "surat", ("tandatangani_surat",)),
        ("sinkron", "pengumumandesa", ("change",)),
        ("sid", "logaktivitas", ("view",)),
        ("sid", "bukuharian", ("view",)),
        # SIPKATDES step 7: the Kepala Desa receives the printed officials report.
        ("perangkat", "penyerahanlaporan", ("terima_laporan_perangkat",)),
    ],
    REDAKSI: [(app, "*", HAK_WEBSITE) for app in APP_WEBSITE],
    KONTRIBUTOR: [("konten", "artikel", ("add", "change", "view"))],
}


def izin_untuk(nama_peran: str):
    """The Permission queryset a role should hold."""
    from django.db.models import Q

    q = Q(pk__in=[])
    for app, model, aksi in ATURAN[nama_peran]:
        cond = Q(pk__isnull=False)  # a real condition: an empty Q() vanishes when OR-ed
        if app != "*":
            cond &= Q(content_type__app_label=app)
        if model != "*":
            cond &= Q(content_type__model=model)
        kode = Q(pk__in=[])
        for a in aksi:
            if a == "*":
                kode = Q(pk__isnull=False)
            elif a in ("add", "change", "delete", "view"):
                kode |= Q(codename__startswith=f"{a}_")
            else:
                kode |= Q(codename=a)
        q |= cond & kode
    return Permission.objects.filter(q)


def _tabel_bawaan_ada() -> bool:
    from django.db import connection

    from sid.models import BawaanPeran

    return BawaanPeran._meta.db_table in connection.introspection.table_names()


def sinkronkan_peran() -> None:
    """Offer each built-in role the rights of `ATURAN` it was never offered; withdraw the ones
    `ATURAN` no longer gives. Rights the Administrator removed or added are left alone."""
    from sid.models import BawaanPeran

    if not _tabel_bawaan_ada():  # migrating to a state before the table: the old full sync
        for nama in SEMUA_PERAN:
            group, _ = Group.objects.get_or_create(name=nama)
            group.permissions.set(izin_untuk(nama))
        return
    for nama in SEMUA_PERAN:
        group, _ = Group.objects.get_or_create(name=nama)
        bawaan = set(izin_untuk(nama).values_list("pk", flat=True))
        ditawarkan = set(BawaanPeran.objects.filter(peran=group).values_list("izin_id", flat=True))
        baru, ditarik = bawaan - ditawarkan, ditawarkan - bawaan
        if baru:
            group.permissions.add(*baru)
            BawaanPeran.objects.bulk_create(
                [BawaanPeran(peran=group, izin_id=pk) for pk in baru], ignore_conflicts=True
            )
        if ditarik:
            group.permissions.remove(*ditarik)
            BawaanPeran.objects.filter(peran=group, izin_id__in=ditarik).delete()


def selisih_bawaan(group: Group) -> tuple[list[Permission], list[Permission]]:
    """(rights of the defaults the role lacks, rights it holds beyond the defaults); empty for
    a role that is not built in."""
    if group.name not in ATURAN:
        return [], []
    bawaan = set(izin_untuk(group.name).values_list("pk", flat=True))
    punya = set(group.permissions.values_list("pk", flat=True))
    urut = ("content_type__app_label", "content_type__model", "codename")
    qs = Permission.objects.select_related("content_type").order_by(*urut)
    return list(qs.filter(pk__in=bawaan - punya)), list(qs.filter(pk__in=punya - bawaan))


def peran_kembalikan_bawaan(*, oleh, group: Group) -> tuple[int, int]:
    """Set a built-in role back to exactly its default rights. Returns (added, removed)."""
    from django.db import transaction

    from sid.lib.audit import catat_aktivitas
    from sid.models import BawaanPeran

    if group.name not in ATURAN:
        raise ValueError(f"{group.name} bukan peran bawaan")
    with transaction.atomic():
        kurang, lebih = selisih_bawaan(group)
        bawaan = list(izin_untuk(group.name))
        group.permissions.set(bawaan)
        BawaanPeran.objects.filter(peran=group).delete()
        BawaanPeran.objects.bulk_create([BawaanPeran(peran=group, izin=p) for p in bawaan])
        catat_aktivitas(
            oleh=oleh,
            aksi="peran_kembalikan_bawaan",
            objek=group,
            keterangan=(
                f"Hak peran dikembalikan ke bawaan: {len(kurang)} ditambahkan kembali"
                + (f" ({', '.join(p.codename for p in kurang[:20])})" if kurang else "")
                + f", {len(lebih)} dicabut"
                + (f" ({', '.join(p.codename for p in lebih[:20])})" if lebih else "")
                + "."
            ),
        )
    return len(kurang), len(lebih)


def sinkronkan_peran_setelah_migrasi(sender=None, using="default", **kwargs) -> None:
    # post_migrate is sent once per app (with models); syncing each time is cheap and the
    # last call sees every app's permissions.
    sinkronkan_peran()
