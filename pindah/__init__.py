"""Pindah dari OpenSID: move a whole village from OpenSID into SID in one step.

`pindah.dump` reads OpenSID's own database backup (a MySQL ``.sql`` dump, optionally gzip- or
zip-compressed) without a MySQL server; the mapping onto SID's models comes on top of it.
"""
