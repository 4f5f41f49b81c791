"""The `ita-desktop/1` JSON interchange format (DESIGN §9)."""
