"""The `ita-desktop/1` and `ita-desktop/2` JSON interchange formats (DESIGN §9): export writes 2, import reads both."""
