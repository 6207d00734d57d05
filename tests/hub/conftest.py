# The hub tests share the sync fixtures (hub switched on, hub staff, the village enrolled).
from tests.sinkron.conftest import (  # noqa: F401
    _berkas_sinkron_di_folder_uji,
    _sandi_cepat,
    hub_aktif,
    kode_pendaftaran,
    staf_hub,
    terdaftar,
    transport,
    warga,
)
