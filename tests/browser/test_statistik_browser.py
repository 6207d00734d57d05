"""Journey: the operator opens the statistics, picks "Pendidikan dalam KK", sees the chart,
switches it to a pie, and follows a number to the resident list with the same count."""

import datetime

import pytest

from sid import kode
from tests.factories import SANDI_UJI, KeluargaFactory, PendudukFactory, buat_rt


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_statistik_pendidikan_grafik_dan_tautan_ke_daftar(
    browser, live_server, buat_staf, desa, artefak
):
    buat_staf("Operator", username="operatorstat")
    rt = buat_rt()
    k = KeluargaFactory(no_kk="3201010101230001", wilayah=rt)
    data = [
        ("Budi Santoso", 1, 5, kode.SHDK.KEPALA_KELUARGA, 2),
        ("Siti Aminah", 2, 5, kode.SHDK.ISTRI, 2),
        ("Adi Santoso", 1, 3, kode.SHDK.ANAK, 1),
        ("Dewi Lestari", 2, 8, kode.SHDK.ANAK, 1),
        ("Rudi Hartono", 1, 5, kode.SHDK.ANAK, 1),
    ]
    for i, (nama, jk, pendidikan, shdk, kawin) in enumerate(data):
        PendudukFactory(
            nama=nama,
            jenis_kelamin=jk,
            pendidikan_kk=pendidikan,
            keluarga=k,
            shdk=shdk,
            status_kawin=kawin,
            tanggal_lahir=datetime.date(1975 + 6 * i, 3, 1 + i),
        )

    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.set_default_timeout(10_000)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "operatorstat")
    page.fill("#id_password", SANDI_UJI)
    page.click("input[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    # From the navigation to the statistics page, then the category.
    page.click("a[href='/admin/penduduk/statistik/']")
    page.wait_for_selector("#tabel-statistik")
    page.click(".sid-statistik-nav >> text=Pendidikan dalam KK")
    page.wait_for_selector("h2:has-text('Pendidikan dalam KK')")
    page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length === 1")
    grafik = page.evaluate(
        """() => {
            const c = document.getElementById('grafik-statistik');
            const g = Object.values(Chart.instances)[0];
            const piksel = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let terisi = 0;
            for (let i = 3; i < piksel.length; i += 4) { if (piksel[i] > 0) terisi++; }
            return {lebar: c.width, tinggi: c.height, jenis: g.config.type,
                    label: g.data.labels, terisi: terisi};
        }"""
    )
    assert grafik["lebar"] > 0 and grafik["tinggi"] > 0 and grafik["terisi"] > 1000
    assert grafik["jenis"] == "bar"
    assert grafik["label"] == ["TAMAT SD / SEDERAJAT", "SLTA / SEDERAJAT", "DIPLOMA IV/ STRATA I"]
    page.screenshot(path=str(artefak / "statistik-pendidikan-batang.png"), full_page=True)

    page.click("[data-jenis-grafik=pie]")
    assert page.evaluate("Object.values(Chart.instances)[0].config.type") == "pie"
    assert page.evaluate("Object.keys(Chart.instances).length") == 1
    page.screenshot(path=str(artefak / "statistik-pendidikan-lingkaran.png"), full_page=True)

    # The SLTA row's total links to the filtered resident list with the same count.
    baris = page.locator("#tabel-statistik tr", has_text="SLTA / SEDERAJAT")
    sel = baris.locator("td.angka a").first
    angka = int(sel.inner_text())
    assert angka == 3
    sel.click()
    page.wait_for_url("**/admin/penduduk/penduduk/?**")
    assert "pendidikan_kk__exact=5" in page.url
    assert page.locator("#result_list tbody tr").count() == angka
    nama = page.locator("#result_list tbody th a").all_inner_texts()
    assert sorted(nama) == ["Budi Santoso", "Rudi Hartono", "Siti Aminah"]
    page.screenshot(path=str(artefak / "statistik-ke-daftar-penduduk.png"), full_page=True)
    page.close()
