"""Helpers shared by the Word and Excel writers and the Excel reader (no Qt, no SQL)."""
