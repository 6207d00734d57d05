"""Layanan Mandiri PINs carried from OpenSID, accepted once and then replaced.

OpenSID stores a resident's PIN as ``md5(str(int(reversed PIN) * 77) + "!#@$#%")``: unsalted
and cheap, so it is never kept longer than needed. An account moved from OpenSID
(`pindah.peta.akun`) holds ``opensid_md5pin$<that md5>``; at the resident's first successful
login `akun_masuk` re-hashes the PIN with `mandiri.pin.hasher_pin()` (`must_update` is always
true), and the account already asks for a new PIN. Listed after Django's hashers in settings.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop as _

from mandiri import pin as aturan_pin

GARAM_OPENSID = "!#@$#%"  # OpenSID's fixed suffix (hash_pin in its helpers)


def hash_pin_opensid(pin: str) -> str | None:
    """OpenSID's md5 of a PIN, or None for what cannot be a PIN (OpenSID's are digits)."""
    if not (pin.isascii() and pin.isdigit()) or len(pin) > aturan_pin.PANJANG_MAKSIMUM:
        return None
    # PHP: strrev(), then `* 77` reads the string as a number (leading zeros drop).
    teks = str(int(pin[::-1]) * 77) + GARAM_OPENSID
    return hashlib.md5(teks.encode("ascii"), usedforsecurity=False).hexdigest()


class HasherPinOpenSID(BasePasswordHasher):
    algorithm = "opensid_md5pin"

    def salt(self) -> str:
        return ""  # OpenSID's hash has none

    def encode(self, password: str, salt: str) -> str:
        """What OpenSID would store for `password` (for tests; SID never hashes with this)."""
        hasil = hash_pin_opensid(password)
        if hasil is None:
            raise ValueError("PIN OpenSID hanya berisi angka.")
        return f"{self.algorithm}${hasil}"

    def decode(self, encoded: str) -> dict:
        algorithm, hasil = encoded.split("$", 1)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": hasil, "salt": ""}

    def verify(self, password: str, encoded: str) -> bool:
        hasil = hash_pin_opensid(password)
        cocok = hasil is not None and constant_time_compare(hasil, self.decode(encoded)["hash"])
        if not cocok:
            # Spend what a check against SID's own PIN hash costs, so a wrong PIN for a
            # carried account is not faster than for any other account or an unknown NIK.
            hasher = aturan_pin.hasher_pin()
            hasher.encode(password, hasher.salt())
        return cocok

    def safe_summary(self, encoded: str) -> dict:
        return {_("algorithm"): self.algorithm, _("hash"): mask_hash(self.decode(encoded)["hash"])}

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass  # verify() already evens the time out
