"""{% opsi_wilayah %} gives the same <option>s the template loops gave (statistics pickers)."""

from __future__ import annotations

import pytest
from django.template import Context, Template

from sid.lib.wilayah import PilihanWilayah

DAFTAR = [
    PilihanWilayah(pk=1, tingkat=1, nama_lengkap="Dusun Krajan"),
    PilihanWilayah(pk=2, tingkat=2, nama_lengkap="Dusun Krajan / RW 001"),
    PilihanWilayah(pk=3, tingkat=3, nama_lengkap="Dusun Krajan / RW 001 / RT 001"),
    PilihanWilayah(pk=1234, tingkat=1, nama_lengkap='Dusun "Sawah" & <Kidul>'),
]

LAMA_BERTINGKAT = (
    '{% for w in daftar %}<option value="{{ w.pk }}"{% if wilayah and w.pk == wilayah.pk %}'
    " selected{% endif %}>{% if w.tingkat > 1 %}{% if w.tingkat > 2 %}— {% endif %}— "
    "{% endif %}{{ w.nama_lengkap }}</option>{% endfor %}"
)
LAMA_DATAR = (
    '{% for w in daftar %}<option value="{{ w.pk }}"{% if wilayah and w.pk == wilayah.pk %}'
    " selected{% endif %}>{{ w.nama_lengkap }}</option>{% endfor %}"
)


@pytest.mark.parametrize("terpilih", [None, DAFTAR[2], DAFTAR[3]])
@pytest.mark.parametrize(
    ("lama", "tag"),
    [
        (LAMA_BERTINGKAT, "{% opsi_wilayah daftar wilayah bertingkat=True %}"),
        (LAMA_DATAR, "{% opsi_wilayah daftar wilayah %}"),
    ],
)
def test_sama_dengan_loop_template(lama, tag, terpilih):
    konteks = Context({"daftar": DAFTAR, "wilayah": terpilih})
    baru = Template("{% load sid %}" + tag).render(konteks)
    assert baru == Template(lama).render(konteks)
    assert "&amp; &lt;Kidul&gt;" in baru
