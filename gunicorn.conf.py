"""gunicorn settings read from the working directory (the image's /app, the benchmarks' repo
root); the command line (Dockerfile CMD, bench/server.py) gives workers, bind and timeouts.

preload_app: the master imports Django and every app once, then forks the workers, which share
those pages until they write to them (docs/performance.md, "Memori proses"). The master opens
no connection that a worker could inherit: sid.wsgi closes its start-up database check.
Code changes need a restart of the container (a HUP reloads no code with preloading).
"""

import gc

preload_app = True


def pre_fork(server, worker):
    # Move everything imported so far out of the collector's reach: a worker's garbage
    # collection then never writes to those objects, so their pages stay shared with the master.
    gc.collect()
    gc.freeze()
