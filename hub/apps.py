from django.apps import AppConfig


class HubConfig(AppConfig):
    """The kecamatan/kabupaten hub. Installed everywhere (tables stay empty on villages); its
    pages, API and admin screens answer only when settings.SID_HUB is on."""

    name = "hub"
    verbose_name = "Hub Kecamatan/Kabupaten"
