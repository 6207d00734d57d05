"""The monthly population report and the Bumindes population registers (issue 4).

`mutasi.py` is the one place that turns population events into counts over time: who lived
in the village on a date, and what happened in a month. The monthly report, the Buku
Rekapitulasi, the Buku Induk "per tanggal" and the checks all call it. See docs/statistik.md.
"""
