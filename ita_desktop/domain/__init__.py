"""Plain dataclasses and rules of an ITA document. No Qt, no SQL."""
