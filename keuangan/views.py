"""The public transparency page of the village budget (APBDes) on the website.

Anyone may read it. Only adopted (ditetapkan) budgets are public: a year that only has a draft
is a 404. Numbers come from keuangan.selectors.apbdes_publik (cached until the next write) and
are shown both as Chart.js charts (vendored) and as tables with the same numbers.
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from keuangan.selectors import apbdes_publik


@require_GET
def apbdes(request, tahun: int | None = None):
    isi = apbdes_publik(tahun)
    if isi is None and tahun is not None:
        raise Http404("APBDes tahun ini belum ditetapkan atau tidak ada.")
    return render(
        request,
        "keuangan/apbdes.html",
        {
            "apbdes": isi["data"] if isi else None,
            "tahun_tersedia": isi["tahun_tersedia"] if isi else [],
        },
    )
