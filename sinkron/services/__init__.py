"""Village-side services of the upward sync (see docs/sinkron.md)."""
