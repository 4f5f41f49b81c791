"""Word runs that show Thai in the right font and size.

Word picks the font of Thai characters from the complex-script slot (``w:rFonts w:cs``, ``w:szCs``, ``w:bCs``),
not from the Latin one: a run that only sets ``w:rFonts w:ascii`` and ``w:sz`` shows Thai in Tahoma at the wrong
size. Every run we write therefore carries both slots, ``w:cs`` (treat the run as complex script, so digits and
Latin letters follow the same font) and ``w:lang w:bidi="th-TH"`` (Thai line breaking and spelling), with
``w:val="en-US"`` for the Latin words LibreOffice breaks by that language.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.text.paragraph import Paragraph
from lxml import etree

from ita_desktop.reports.pdf.styles import LEADING

# The bundled Sarabun, carried inside the file (office/docx_fonts.py), so Word and LibreOffice lay it out as the PDF
# is, at the PDF's size; a clerk may name an installed font instead (the cabinet's TH SarabunPSK at 16 pt).
DEFAULT_FONT = "Sarabun"
DEFAULT_SIZE = 12.0  # points: the PDF's body text
INSTALLED_FONT = "TH SarabunPSK"  # the cabinet's standard font, installed on every government office PC
THAI = "th-TH"
# The language of Latin letters. LibreOffice breaks Latin words by this language, not by w:cs; as th-TH it cut
# "(Interna|l Integr|ity" in narrow columns (4 of 207 breaks in seed 002's report), as en-US none.
LATIN = "en-US"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W15 = ("w15", "http://schemas.microsoft.com/office/word/2012/wordml")  # Word 2013's namespace


def _el(tag: str, **attrs: str) -> BaseOxmlElement:
    element: BaseOxmlElement = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    return element


def run_properties(font: str, size: float, *, bold: bool = False) -> BaseOxmlElement:
    """A ``w:rPr`` with the Latin and complex-script font, size and weight, in the schema's order."""
    rpr = OxmlElement("w:rPr")
    rpr.append(_el("w:rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font))
    if bold:
        rpr.append(_el("w:b"))
        rpr.append(_el("w:bCs"))
    half_points = str(round(size * 2))
    rpr.append(_el("w:sz", val=half_points))
    rpr.append(_el("w:szCs", val=half_points))
    rpr.append(_el("w:cs"))
    rpr.append(_el("w:lang", val=LATIN, bidi=THAI))
    return rpr


def add_run(paragraph: Paragraph, text: str, font: str, size: float, *, bold: bool = False) -> BaseOxmlElement:
    """Append a Thai-ready run holding ``text`` (tabs become ``w:tab``) and return its ``w:r``."""
    run = OxmlElement("w:r")
    run.append(run_properties(font, size, bold=bold))
    for i, piece in enumerate(text.split("\t")):
        if i:
            run.append(OxmlElement("w:tab"))
        if piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run.append(t)
    paragraph._p.append(run)
    return run


def add_field(paragraph: Paragraph, instruction: str, shown: str, font: str, size: float,
              *, fallback: str | None = None) -> None:
    """Append a complex field (``PAGE``, ``NUMPAGES`` …) whose cached result is ``shown`` until Word updates it.

    With ``fallback``, the instruction is a Markup Compatibility choice (ECMA-376 Part 3): Word 2013 and later,
    which know the ``w15`` namespace, read ``instruction``; a reader that does not (LibreOffice up to at least
    7.4 takes only ``wps``, ``wpg`` and ``w14`` choices) reads ``fallback``.
    """
    for kind in ("begin", "instr", "separate", "result", "end"):
        run = OxmlElement("w:r")
        run.append(run_properties(font, size))
        if kind == "instr":
            if fallback is None:
                run.append(_instruction(instruction))
            else:
                run.append(_choice(W15, _instruction(instruction), _instruction(fallback)))
        elif kind == "result":
            t = OxmlElement("w:t")
            t.text = shown
            run.append(t)
        else:
            run.append(_el("w:fldChar", fldCharType=kind))
        paragraph._p.append(run)


def _instruction(text: str) -> BaseOxmlElement:
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {text} "
    return instr


def _choice(namespace: tuple[str, str], chosen: BaseOxmlElement, fallback: BaseOxmlElement) -> etree._Element:
    """``mc:AlternateContent``: ``chosen`` for readers that know ``namespace``, ``fallback`` for the others."""
    prefix, uri = namespace
    alternate = etree.Element(f"{{{MC}}}AlternateContent", nsmap={"mc": MC, prefix: uri})
    choice = etree.SubElement(alternate, f"{{{MC}}}Choice", Requires=prefix)
    choice.append(chosen)
    etree.SubElement(alternate, f"{{{MC}}}Fallback").append(fallback)
    return alternate


def set_document_defaults(styles_element: BaseOxmlElement, font: str, size: float, *,
                          cell_size: float | None = None) -> None:
    """Make the document's default run Thai-ready; paragraphs at the PDF's line height, no space after."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    for child in list(defaults):
        defaults.remove(child)
    rpr_default = OxmlElement("w:rPrDefault")
    rpr = run_properties(font, size)
    rpr.remove(rpr.find(qn("w:cs")))  # w:cs belongs on runs; the default keeps Latin text Latin
    rpr_default.append(rpr)
    defaults.append(rpr_default)
    ppr_default = OxmlElement("w:pPrDefault")
    ppr = OxmlElement("w:pPr")
    ppr.append(_el("w:widowControl"))  # a paragraph split by a page keeps two lines on each side, in cells too
    # At least the PDF's line height: LibreOffice's single line for Sarabun (its typo metrics, 1.3 em) is tighter
    # than the PDF's 1.45 em; Word's (its usWin metrics, 1.85 em) is already taller and stays as it is.
    ppr.append(_el("w:spacing", after="0", line=str(round(size * LEADING * 20)), lineRule="atLeast"))
    ppr_default.append(ppr)
    defaults.append(ppr_default)
    cell_line = str(round((cell_size or size) * LEADING * 20))
    for style in styles_element.findall(qn("w:style")):  # "Table Grid" asks single spacing for its cells
        if style.get(qn("w:type")) == "table":
            for spacing in style.findall(f"{qn('w:pPr')}/{qn('w:spacing')}"):
                spacing.attrib.clear()
                spacing.set(qn("w:after"), "0")
                spacing.set(qn("w:line"), cell_line)
                spacing.set(qn("w:lineRule"), "atLeast")
