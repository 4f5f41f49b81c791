"""Thai language helpers: Buddhist-era calendar, Thai digits, word segmentation. No Qt, no SQL."""
