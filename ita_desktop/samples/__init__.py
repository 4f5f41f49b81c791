"""The realistic sample document (built from real ITA documents) behind Help ▸ Open sample and the tests."""

from __future__ import annotations

from pathlib import Path

SAMPLE_JSON = Path(__file__).with_name("sample.json")


def create_sample_document(path: Path) -> Path:
    """A new document at ``path`` filled with the sample plan, assessment and progress."""
    from ita_desktop.domain.model import Organization
    from ita_desktop.services.documents import import_file, new_document

    new_document(path, Organization(), 2567)
    import_file(path, SAMPLE_JSON)
    return path
