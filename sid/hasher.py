"""Staff password hashes carried from OpenSID, accepted once and then replaced.

OpenSID stores a staff password as PHP's `password_hash()` (bcrypt, `$2y$10$…`). A user moved
from OpenSID (`pindah.peta.akun`) keeps that hash as ``opensid_bcrypt$<the $2y$ hash>``, so
the password they know still works; at their first successful login Django re-hashes it with
the first of PASSWORD_HASHERS (`must_update` is always true). The hasher is listed after
Django's own in settings, so nothing new is ever hashed with it.
"""

from __future__ import annotations

import re

import bcrypt
from django.contrib.auth.hashers import BasePasswordHasher, get_hasher, mask_hash
from django.utils.translation import gettext_noop as _

# What PHP's password_hash() and crypt() write: $2y$ (PHP), $2a$/$2b$ (other bcrypts).
POLA_BCRYPT = re.compile(r"^\$2[aby]\$\d\d\$[./A-Za-z0-9]{53}$")
BATAS_BCRYPT = 72  # bcrypt reads only the first 72 bytes; PHP cuts there silently too


def cocok_bcrypt_php(password: str, hash_php: str) -> bool:
    """Whether `password` is the one PHP's password_hash() stored as `hash_php`."""
    if not POLA_BCRYPT.match(hash_php):
        return False
    # bcrypt compares in constant time; $2y$ is PHP's name for the same $2b$.
    return bcrypt.checkpw(password.encode()[:BATAS_BCRYPT], ("$2b$" + hash_php[4:]).encode("ascii"))


class HasherSandiOpenSID(BasePasswordHasher):
    algorithm = "opensid_bcrypt"

    def salt(self) -> str:
        return bcrypt.gensalt(10).decode("ascii")

    def encode(self, password: str, salt: str) -> str:
        """What OpenSID would store for `password` (for tests; SID never hashes with this)."""
        kunci = password.encode()[:BATAS_BCRYPT]
        hasil = bcrypt.hashpw(kunci, salt.replace("$2y$", "$2b$", 1).encode("ascii"))
        return f"{self.algorithm}${hasil.decode('ascii').replace('$2b$', '$2y$', 1)}"

    def decode(self, encoded: str) -> dict:
        algorithm, hash_php = encoded.split("$", 1)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "hash": hash_php, "salt": hash_php[7:29]}

    def verify(self, password: str, encoded: str) -> bool:
        cocok = cocok_bcrypt_php(password, self.decode(encoded)["hash"])
        if not cocok:
            # Spend what a check against SID's own hash costs, so a wrong password for a
            # carried account is not faster than for any other (username enumeration).
            bawaan = get_hasher("default")
            bawaan.encode(password, bawaan.salt())
        return cocok

    def safe_summary(self, encoded: str) -> dict:
        hash_php = self.decode(encoded)["hash"]
        return {
            _("algorithm"): self.algorithm,
            _("work factor"): hash_php[4:6],
            _("hash"): mask_hash(hash_php[7:]),
        }

    def must_update(self, encoded: str) -> bool:
        return True

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass  # verify() already evens the time out
