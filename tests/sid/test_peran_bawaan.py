"""Built-in roles: migrate no longer reverts the Administrator's changes; the role screen says
what differs from the defaults and restores them (issue #19 §3)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse

from sid import peran
from sid.models import BawaanPeran, LogAktivitas

pytestmark = pytest.mark.django_db


def _izin(kode: str) -> Permission:
    app, codename = kode.split(".")
    return Permission.objects.get(content_type__app_label=app, codename=codename)


def _simpan_hak(klien, group: Group, izin: list[int]):
    url = reverse("admin:auth_group_change", args=[group.pk])
    return klien.post(url, {"name": group.name, "permissions": [str(pk) for pk in izin]})


def test_hak_yang_dicabut_administrator_tetap_dicabut_setelah_migrate(klien_admin, desa):
    operator = Group.objects.get(name=peran.OPERATOR)
    sebelum = set(operator.permissions.values_list("pk", flat=True))
    cabut = _izin("konten.delete_artikel")
    assert cabut.pk in sebelum  # SOP Operator §4.5: the operator publishes the website
    respons = _simpan_hak(klien_admin, operator, sorted(sebelum - {cabut.pk}))
    assert respons.status_code == 302
    assert LogAktivitas.objects.filter(aksi="ubah_hak_peran", objek=peran.OPERATOR).exists()

    call_command("migrate", verbosity=0)  # post_migrate: the role sync runs

    sesudah = set(operator.permissions.values_list("pk", flat=True))
    assert cabut.pk not in sesudah
    assert sesudah == sebelum - {cabut.pk}  # nothing else changed (before: 112 → 113)


def test_hak_model_baru_tetap_ditambahkan_saat_migrate(desa):
    operator = Group.objects.get(name=peran.OPERATOR)
    baru = _izin("sid.add_bukuharian")
    # As if the model had just arrived: its default was never offered to the role.
    operator.permissions.remove(baru)
    BawaanPeran.objects.filter(peran=operator, izin=baru).delete()
    peran.sinkronkan_peran_setelah_migrasi()
    assert operator.permissions.filter(pk=baru.pk).exists()


def test_layar_peran_menunjukkan_selisih_dan_mengembalikan_ke_bawaan(klien_admin, desa):
    sekretaris = Group.objects.get(name=peran.SEKRETARIS)
    url = reverse("admin:auth_group_change", args=[sekretaris.pk])
    assert "Hak peran ini sama dengan bawaan SID." in klien_admin.get(url).content.decode()

    cabut = _izin("surat.verifikasi_surat")
    tambah = _izin("konten.add_artikel")
    hak = set(sekretaris.permissions.values_list("pk", flat=True)) - {cabut.pk} | {tambah.pk}
    assert _simpan_hak(klien_admin, sekretaris, sorted(hak)).status_code == 302
    html = klien_admin.get(url).content.decode()
    assert "Dicabut dari bawaan (1)" in html and "surat.verifikasi_surat" in html
    assert "Ditambahkan di luar bawaan (1)" in html and "konten.add_artikel" in html
    assert "Kembalikan ke bawaan" in html

    respons = klien_admin.post(reverse("admin:auth_group_bawaan", args=[sekretaris.pk]))
    assert respons.status_code == 302
    assert set(sekretaris.permissions.all()) == set(peran.izin_untuk(peran.SEKRETARIS))
    assert "Hak peran ini sama dengan bawaan SID." in klien_admin.get(url).content.decode()
    assert LogAktivitas.objects.filter(aksi="peran_kembalikan_bawaan").exists()


def test_kembalikan_ke_bawaan_ditolak_bagi_yang_tidak_berhak(client, buat_staf, desa):
    operator = Group.objects.get(name=peran.OPERATOR)
    hak = operator.permissions.count()
    client.force_login(buat_staf(peran.SEKRETARIS))
    assert client.post(reverse("admin:auth_group_bawaan", args=[operator.pk])).status_code == 403
    assert operator.permissions.count() == hak
    assert not LogAktivitas.objects.filter(aksi="peran_kembalikan_bawaan").exists()


def test_operator_mengelola_website(client, buat_staf, desa):
    client.force_login(buat_staf(peran.OPERATOR))
    for nama in ("konten_artikel_changelist", "konten_artikel_add", "konten_agenda_add"):
        assert client.get(reverse(f"admin:{nama}")).status_code == 200, nama
    assert client.get(reverse("admin:konten_pengumuman_changelist")).status_code == 200
