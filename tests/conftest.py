"""Shared fixtures: Qt offscreen, the user data folder pointed at a temp dir, realistic documents."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Never touch the real per-user data folder."""
    folder = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("ITA_DESKTOP_DATA", str(folder))
    yield folder


@pytest.fixture
def sample_doc(tmp_path: Path) -> Path:
    """A document file filled with the realistic sample (10 measures, assessment, round 6/12 progress)."""
    from ita_desktop.samples import create_sample_document

    return create_sample_document(tmp_path / "sample.ita")
