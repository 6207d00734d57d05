"""Staff roles (Groups) and what each may do. Documented in docs/peran.md.

The Groups are created by a data migration; their permissions are (re)synchronised after every
`migrate` from this table, so models added by later apps get the right rights automatically.
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

# role → list of (app_label, model or "*", actions); actions are Django's add/change/delete/view
# or an explicit custom codename (e.g. "verifikasi_surat"); "*" = every permission.
ATURAN: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {
    ADMINISTRATOR: [("*", "*", ("*",))],  # every permission, custom ones included
    OPERATOR: [
        *[(app, "*", ("add", "change", "view")) for app in APP_PEMERINTAHAN],
        ("sid", "wilayah", ("add", "change", "view")),
        ("sid", "identitasdesa", ("change", "view")),
        # a wrong scan must be removable; the resident's audit trail keeps what it was
        ("penduduk", "dokumenpenduduk", ("delete",)),
    ],
    SEKRETARIS: [
        *[(app, "*", ("view",)) for app in APP_PEMERINTAHAN],
        ("sid", "wilayah", ("view",)),
        ("sid", "identitasdesa", ("view",)),
        ("surat", "surat", ("verifikasi_surat",)),
        ("sinkron", "pengumumandesa", ("change",)),  # mark the hub's notices as read
    ],
    KEPALA_DESA: [
        *[(app, "*", ("view",)) for app in APP_PEMERINTAHAN],
        ("sid", "wilayah", ("view",)),
        ("sid", "identitasdesa", ("view",)),
        ("surat", "surat", ("tandatangani_surat",)),
        ("sinkron", "pengumumandesa", ("change",)),
    ],
    REDAKSI: [
        (app, "*", ("add", "change", "delete", "view", "terbitkan_artikel")) for app in APP_WEBSITE
    ],
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


def sinkronkan_peran() -> None:
    for nama in SEMUA_PERAN:
        group, _ = Group.objects.get_or_create(name=nama)
        group.permissions.set(izin_untuk(nama))


def sinkronkan_peran_setelah_migrasi(sender=None, using="default", **kwargs) -> None:
    # post_migrate is sent once per app (with models); syncing each time is cheap and the
    # last call sees every app's permissions.
    sinkronkan_peran()
