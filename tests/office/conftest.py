"""Fixtures for the Word/Excel tests: one sample document per module, LibreOffice conversion to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ita_desktop.domain.model import Document

FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ita_desktop.samples import create_sample_document

    return create_sample_document(tmp_path_factory.mktemp("office") / "sample.ita")


@pytest.fixture(scope="module")
def sample(sample_file: Path) -> Document:
    from ita_desktop.services.documents import load

    return load(sample_file)


def soffice_or_skip() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.skip("LibreOffice (soffice) is not on PATH")
    return found


def to_pdf(files: list[Path], outdir: Path) -> dict[str, Path]:
    """Convert with LibreOffice headless in one run (a private profile; the bundled Sarabun made visible so the
    substitute for TH SarabunPSK has Thai glyphs). Returns stem -> PDF."""
    soffice = soffice_or_skip()
    outdir.mkdir(parents=True, exist_ok=True)
    fonts_conf = outdir / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{FONTS}</dir><cachedir>{outdir / 'fc-cache'}</cachedir>"
        '<alias binding="same"><family>TH SarabunPSK</family><prefer><family>Sarabun</family></prefer></alias>'
        "</fontconfig>", encoding="utf-8")
    env = dict(os.environ, FONTCONFIG_FILE=str(fonts_conf))
    profile = (outdir / "lo_profile").as_uri()
    pdfs = {f.stem: outdir / f"{f.stem}.pdf" for f in files}
    # LibreOffice's first start on a fresh profile now and then quits before converting (seen once in ~10 full
    # runs here); a second run on the same, now initialised, profile is a fair retry. A broken file fails both.
    for _attempt in range(2):
        done = subprocess.run(
            [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
             str(outdir), *map(str, files)],
            capture_output=True, text=True, timeout=180, env=env, check=False)
        if done.returncode == 0 and all(p.exists() for p in pdfs.values()):
            break
    assert done.returncode == 0, done.stderr
    missing = [str(p) for p in pdfs.values() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}: {done.stdout} {done.stderr}"
    return pdfs


def pdf_text(pdf: Path) -> str:
    """All text of a PDF with every whitespace removed (line breaks fall anywhere in a table cell)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        document.close()
    return squeeze("".join(pages))


def squeeze(text: str) -> str:
    return "".join(text.split())
