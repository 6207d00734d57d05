"""gunicorn settings read from the working directory (the image's /app, the benchmarks' repo
root); the command line (Dockerfile CMD, bench/server.py) gives workers, bind and timeouts.

preload_app: the master imports Django and every app once, then forks the workers, which share
those pages until they write to them. Measured (docs/performance.md, "Memori proses"): each
worker's resident size after the same requests is ~7 MB lower and its proportional share
(PSS) ~30 MB lower than when every worker imports the project itself. The master opens no
connection that a worker could inherit: sid.wsgi closes its start-up database check.
Code changes need a restart of the container (a HUP reloads no code with preloading).
"""

preload_app = True
