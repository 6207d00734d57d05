import datetime

from django.template import Context, Template

from sid.lib.format import samarkan_nik, tanggal_indonesia


def test_samarkan_nik_menyisakan_4_digit_awal_dan_akhir():
    assert samarkan_nik("3201011705800003") == "3201********0003"
    assert samarkan_nik("") == "-" and samarkan_nik(None) == "-"


def test_filter_template_samarkan_dan_tanggal():
    html = Template("{% load sid %}{{ nik|samarkan }} {{ t|tanggal_id }}").render(
        Context({"nik": "3201011705800003", "t": datetime.date(2026, 11, 21)})
    )
    assert html == "3201********0003 21 November 2026"


def test_tanggal_indonesia():
    assert tanggal_indonesia(datetime.date(2026, 1, 5)) == "5 Januari 2026"
