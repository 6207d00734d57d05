"""The village's sync screens in the back office (Sinkron ke Hub)."""

from sinkron.admin import hub, percakapan  # noqa: F401 - registers the admins
