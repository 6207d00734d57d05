"""Import of residents from OpenSID files and SIAK exports (docs/impor.md)."""
