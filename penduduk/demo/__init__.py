"""Demo village generator (`manage.py isi_desa_demo`).

`rencana.rencanakan()` plans everything in memory (pure and deterministic for a seed);
`tulis.isi_desa_demo()` writes the plan with bulk inserts in one transaction.
"""
