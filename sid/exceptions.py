"""Domain exceptions shared by every app."""

from django.core.exceptions import ValidationError


class PerluKonfirmasi(ValidationError):
    """A warning the operator may override (e.g. a NIK whose encoded birth date differs).

    Raised by a service when `konfirmasi=False`; the form shows the message with a
    "saya sudah memeriksa" checkbox and calls the service again with `konfirmasi=True`.
    """
