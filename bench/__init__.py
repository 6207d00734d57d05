"""SID benchmark harness: measures pages over real HTTP against gunicorn (`make bench`).

Results go to docs/performance.md, one section per (database, dataset size).
"""
