from sid.lib.desa import identitas_desa


def desa(request):
    """`desa` (IdentitasDesa) in every template."""
    return {"desa": identitas_desa()}
