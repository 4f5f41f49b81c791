"""Fonts embedded in a Word file, so it lays out as the PDF does on a PC that lacks them.

A DOCX names its fonts; Word and LibreOffice substitute a missing one, and a substitute of other widths moved
seed 004's report from 9 pages (PDF) to 24 (LibreOffice without TH SarabunPSK). The bundled Sarabun is under the
SIL Open Font License, which allows embedding, so by default the file carries it (ECMA-376 Part 1, §17.8.1: each
font file is "obfuscated" by XOR-ing its first 32 bytes with a key derived from a GUID, stored as
``word/fonts/fontN.odttf`` and named in ``fontTable.xml`` with that key; ``settings.xml`` says
``embedTrueTypeFonts``). Word and LibreOffice then use it wherever the font is not installed.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

RT_FONT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
CT_OBFUSCATED = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_TABLE = "/word/fontTable.xml"


def obfuscate(data: bytes, key: uuid.UUID) -> bytes:
    """The font file as Word stores it: the first 32 bytes XOR-ed with the key's bytes in reverse order."""
    digits = key.hex
    mask = bytes(int(digits[30 - 2 * i:32 - 2 * i], 16) for i in range(16))
    return bytes(b ^ mask[i % 16] for i, b in enumerate(data[:32])) + data[32:]


def embed_font(document: WordDocument, family: str, regular: Path | bytes, bold: Path | bytes | None = None) -> None:
    """Carry ``family`` (its regular and bold files, or their bytes) inside ``document``."""
    package = document.part.package
    table = next(p for p in package.iter_parts() if str(p.partname) == FONT_TABLE)
    root = etree.fromstring(table.blob)
    for old in root.findall(qn("w:font")):
        if old.get(qn("w:name")) == family:
            root.remove(old)
    font = OxmlElement("w:font")
    font.set(qn("w:name"), family)
    taken = {str(p.partname) for p in package.iter_parts()}
    for tag, path in (("w:embedRegular", regular), ("w:embedBold", bold)):
        if path is None:
            continue
        key = uuid.uuid4()
        n = next(i for i in range(1, 100) if f"/word/fonts/font{i}.odttf" not in taken)
        name = f"/word/fonts/font{n}.odttf"
        taken.add(name)
        data = path if isinstance(path, bytes) else path.read_bytes()
        part = Part(PackURI(name), CT_OBFUSCATED, obfuscate(data, key), package)
        embed = OxmlElement(tag)
        embed.set(qn("r:id"), table.relate_to(part, RT_FONT))
        embed.set(qn("w:fontKey"), "{" + str(key).upper() + "}")
        font.append(embed)
    root.append(font)
    table._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    settings = document.settings.element
    if settings.find(qn("w:embedTrueTypeFonts")) is None:
        settings.insert(0, OxmlElement("w:embedTrueTypeFonts"))
