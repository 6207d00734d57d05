"""The resident page's queries stay few and bounded (issue #21), and the one-query permission
and role lookup behind it answers what Django's own backend answers."""

import datetime

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from penduduk import services
from penduduk.models import JenisDokumen, Peristiwa
from penduduk.services import dokumen as layanan_dokumen
from sid.auth import hak_dan_peran
from tests.desa_uji import lahirkan
from tests.factories import JenisSuratFactory, StafFactory, SuratFactory
from tests.mandiri.berkas_uji import jpeg

pytestmark = pytest.mark.django_db
HARI_INI = datetime.date.today()

# session, user, permissions with roles (one UNION), resident with family and area, members,
# events, change history, letters, documents.
QUERY_OPERATOR = 9
# An active superuser needs no permission or role list for the menu.
QUERY_SUPERUSER = 8
# With letters and documents: their types, and the documents' uploaders.
QUERY_LENGKAP = QUERY_OPERATOR + 3


def _hangat(client, url):
    assert client.get(url).status_code == 200  # per-process caches: village, content types


def test_halaman_penduduk_operator_sembilan_query(
    klien_operator, keluarga_budi, django_assert_max_num_queries
):
    _k, kepala, *_ = keluarga_budi
    url = kepala.get_absolute_url()
    _hangat(klien_operator, url)
    with django_assert_max_num_queries(QUERY_OPERATOR):
        r = klien_operator.get(url)
    html = r.content.decode()
    assert 'id="keluarga"' in html and 'id="riwayat-surat"' in html and 'id="dokumen"' in html


def test_halaman_penduduk_superuser_tanpa_query_hak(
    client, keluarga_budi, django_assert_max_num_queries
):
    _k, kepala, *_ = keluarga_budi
    client.force_login(StafFactory(username="akar", is_superuser=True))
    url = kepala.get_absolute_url()
    _hangat(client, url)
    with django_assert_max_num_queries(QUERY_SUPERUSER):
        assert client.get(url).status_code == 200


def test_halaman_penduduk_dengan_surat_dan_dokumen_tetap_terbatas(
    klien_operator, keluarga_budi, operator, django_assert_max_num_queries
):
    _k, kepala, *_ = keluarga_budi
    url = kepala.get_absolute_url()
    services.peristiwa_hilang_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
    )
    jenis_surat = JenisSuratFactory()
    jenis_dokumen = list(JenisDokumen.objects.filter(untuk_keluarga=False)[:2])

    def tambah(n):
        for i in range(n):
            SuratFactory(jenis=jenis_surat, penduduk=kepala)
            layanan_dokumen.dokumen_tambah(
                oleh=operator if i % 2 == 0 else None,
                penduduk=kepala,
                jenis=jenis_dokumen[i % 2],
                berkas=jpeg(f"d{i}.jpg"),
                nomor=f"N{i}",
                peristiwa=peristiwa if i == 0 else None,
            )

    peristiwa = Peristiwa.objects.get(penduduk=kepala)
    tambah(1)
    _hangat(klien_operator, url)
    with django_assert_max_num_queries(QUERY_LENGKAP):
        klien_operator.get(url)
    tambah(4)
    with django_assert_max_num_queries(QUERY_LENGKAP):
        html = klien_operator.get(url).content.decode()
    assert html.count("Keterangan Uji") == 5 and "<td>N3</td>" in html
    tanggal = HARI_INI.strftime("%d-%m-%Y")
    assert " · operator</td>" in html and f"<td>HILANG {tanggal}</td>" in html


def test_hak_dan_peran_satu_query_sama_dengan_backend_django(django_assert_num_queries):
    user = StafFactory(peran="Operator", username="campuran")
    kosong = Group.objects.create(name="Tanpa hak")
    user.groups.add(kosong)
    user.user_permissions.add(Permission.objects.get(codename="view_logaktivitas"))
    harapan = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
    user = type(user).objects.get(pk=user.pk)
    with django_assert_num_queries(1):
        hak, peran = hak_dan_peran(user)
        assert user.has_perm("sid.view_logaktivitas")
        assert user.has_perm("penduduk.change_penduduk") == ("penduduk.change_penduduk" in hak)
    assert hak == harapan and "sid.view_logaktivitas" in hak
    assert peran == {"Operator", "Tanpa hak"}


def test_hak_dan_peran_pengguna_nonaktif_kosong():
    user = StafFactory(peran="Operator", username="keluar", is_active=False)
    assert user.get_all_permissions() == set()
    assert not user.has_perm("penduduk.view_penduduk")


# session, user, permissions with roles (one UNION), family with area, members, the KK's own
# events, the members' events, change history, documents.
QUERY_KELUARGA = 9


def test_halaman_keluarga_terbatas_dan_menamai_mantan_anggota(
    klien_operator, operator, keluarga_budi, django_assert_max_num_queries
):
    """The family page reads events and documents without joins, naming residents from the
    members it holds; former members (here a mother and her baby who left with a new KK)
    cost one query for all of them (and one more when documents name them), the documents'
    types, events and uploaders one each."""
    k, kepala, istri, _anak = keluarga_budi
    url = k.get_absolute_url()
    _hangat(klien_operator, url)
    with django_assert_max_num_queries(QUERY_KELUARGA):
        html = klien_operator.get(url).content.decode()
    assert 'id="peristiwa"' in html and "Belum ada dokumen." in html

    bayi = lahirkan(operator, k, "Putri Kecil", HARI_INI)
    for pemilik, jenis, nomor in (
        (istri, "Kartu Keluarga (KK)", "KK-LAMA-1"),
        (kepala, "KTP", "KTP-ALM-1"),
    ):
        layanan_dokumen.dokumen_tambah(
            oleh=operator,
            penduduk=pemilik,
            jenis=JenisDokumen.objects.get(nama=jenis),
            berkas=jpeg(f"{nomor}.jpg"),
            nomor=nomor,
        )
    services.peristiwa_kematian_catat(
        oleh=operator, penduduk=kepala, tanggal_peristiwa=HARI_INI, tanggal_lapor=HARI_INI
    )
    services.keluarga_pecah(oleh=operator, keluarga=k, anggota=[bayi], kepala=istri)

    with django_assert_max_num_queries(QUERY_KELUARGA + 4):
        r = klien_operator.get(url)
    baris = [(e.jenis, e.penduduk.nama if e.penduduk else None) for e in r.context["peristiwa"]]
    assert ("LAHIR", "Putri Kecil") in baris  # recorded in this KK, the baby has left it
    html = r.content.decode()
    dokumen = html[html.index('id="dokumen"') :]
    assert "KK-LAMA-1" in dokumen and istri.nama in dokumen
    assert "KTP-ALM-1" in dokumen  # a deceased member's own document stays on the page
    assert istri.get_absolute_url() in dokumen
    assert 'id="anggota"' in html and kepala.nama in html
