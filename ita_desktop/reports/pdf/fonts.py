"""TrueType fonts for Thai PDFs: the bundled Sarabun or a TTF the clerk chose, embedded as subsets.

ReportLab addresses glyphs through code points (its subsets map code → glyph through the font's cmap) and writes
each subset's ToUnicode CMap from those code points. Shaped Thai needs glyphs that have no code point of their own
(a tone mark lowered over a short consonant, ฐ without its tail, a nikhahit+tone ligature), so ``ShapingFont`` gives
each (glyph, text) pair a private code whose ToUnicode entry is the *real* text: readers then extract the source
characters, never private-use ones.
"""

from __future__ import annotations

import struct
import threading
from dataclasses import dataclass
from hashlib import sha1
from pathlib import Path
from typing import Any

import uharfbuzz as hb
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont

from ita_desktop.errors import UserError
from ita_desktop.paths import resource

PRIVATE_BASE = 0xF0000  # supplementary private-use plane: never in a Thai document's text
BUNDLED_REGULAR = "Sarabun-Regular.ttf"
BUNDLED_BOLD = "Sarabun-Bold.ttf"
# Width given in the PDF to zero-advance marks (1/1000 em). The pen is put back with a TJ adjustment, so nothing
# moves, but readers judge characters by these boxes: pdfminer cannot group two zero-width characters into one
# line (a tone mark over an upper vowel became a line of its own); PDFium inserts a space after a mark shifted far
# left (ฝั่ง read "ฝั ่ง") when its box is narrower than about 0.15 em; poppler starts a new word (and may reorder)
# when the next glyph starts 0.2 em before the mark's box ends. 0.15 em satisfies all three (measured).
MARK_PDF_WIDTH = 150.0
_REFERENCE_KO_HEIGHT = 0.586  # height of ก in Sarabun, in em: other fonts are scaled to the same Thai size


def _to_unicode_cmap(fontname: str, texts: list[str]) -> str:
    """A ToUnicode CMap whose entry i maps subset code i to ``texts[i]`` (one or more characters)."""
    def hex16(text: str) -> str:
        return text.encode("utf-16-be").hex().upper() or "0000"

    entries = [f"<{i:02X}> <{hex16(t)}>" for i, t in enumerate(texts)]
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
             f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
             f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
             f"<00> <{len(texts) - 1:02X}>", "endcodespacerange"]
    for start in range(0, len(entries), 100):  # at most 100 entries per bfchar block (PDF reference)
        chunk = entries[start:start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class ShapingFont(TTFont):  # type: ignore[misc]
    """A ReportLab TTFont that can draw any glyph of the font, each with the text it stands for."""

    def __init__(self, name: str, path: Path) -> None:
        super().__init__(name, str(path))
        self.path = path
        self.hb_font = hb.Font(hb.Face(hb.Blob(self.face._ttf_data)))
        self.upem: int = self.hb_font.face.upem
        self._private: dict[tuple[int, str], int] = {}
        self._codes: dict[tuple[int, str], tuple[int, float]] = {}  # (gid, text) -> (code, its PDF width)
        self.private_text: dict[int, str] = {}
        self._lock = threading.Lock()
        self._nominal: dict[int, int] = {}
        self._names: dict[int, str] = {}
        self._ink: dict[int, tuple[float, float, float, float]] = {}
        self.shaped: dict[str, Any] = {}  # text -> ShapedText, filled by shaping.shape
        self.outlines: dict[int, str] = {}  # gid -> PDF path operators in font units, filled by draw._outline
        self.fallback: ShapingFont | None = None  # draws the characters this font lacks

    # -- glyph identity ------------------------------------------------------------------------------------
    def nominal(self, char: str) -> int:
        """The cmap glyph of ``char`` (0 when the font lacks it)."""
        code = ord(char)
        gid = self._nominal.get(code)
        if gid is None:
            gid = self._nominal[code] = self.hb_font.get_nominal_glyph(code) or 0
        return gid

    def glyph_name(self, gid: int) -> str:
        name = self._names.get(gid)
        if name is None:
            name = self._names[gid] = self.hb_font.get_glyph_name(gid) or ""
        return name

    def ink(self, gid: int) -> tuple[float, float, float, float]:
        """(left, right, bottom, top) of the glyph's outline, in 1/1000 em from its origin."""
        box = self._ink.get(gid)
        if box is None:
            e = self.hb_font.get_glyph_extents(gid)
            k = 1000.0 / self.upem
            box = (e.x_bearing * k, (e.x_bearing + e.width) * k, (e.y_bearing + e.height) * k, e.y_bearing * k) \
                if e else (0.0, 0.0, 0.0, 0.0)
            self._ink[gid] = box
        return box

    def width_of(self, code: int) -> float:
        """The width ReportLab writes into the PDF for ``code``, in 1/1000 em."""
        return float(self.face.charWidths.get(code, self.face.defaultWidth))

    def code_and_width(self, gid: int, text: str) -> tuple[int, float]:
        """``code_for(gid, text)`` and its ``width_of``, remembered (shaping asks once per character drawn)."""
        key = (gid, text)
        known = self._codes.get(key)
        if known is None:
            code = self.code_for(gid, text)
            known = self._codes[key] = (code, self.width_of(code))
        return known

    def code_for(self, gid: int, text: str) -> int:
        """A code point that draws glyph ``gid`` and extracts as ``text``."""
        advance = self.face.hmetrics[gid][0] if gid < len(self.face.hmetrics) else 0
        if len(text) == 1 and text != "\xa0" and self.nominal(text) == gid and gid and advance:
            return ord(text)
        key = (gid, text)
        code = self._private.get(key)
        if code is None:
            with self._lock:
                code = self._private.get(key)
                if code is None:
                    code = PRIVATE_BASE + len(self._private)
                    face = self.face
                    face.charToGlyph[code] = gid
                    face.glyphToChar.setdefault(gid, []).append(code)
                    face.charWidths[code] = advance * 1000.0 / self.upem if advance else MARK_PDF_WIDTH
                    self.private_text[code] = text
                    self._private[key] = code
        return code

    def size_factor(self) -> float:
        """How much to enlarge this font so its Thai letters are as big as Sarabun's (TH Sarabun runs small)."""
        gid = self.nominal("ก")
        extents = self.hb_font.get_glyph_extents(gid) if gid else None
        if extents is None or extents.height == 0:
            return 1.0
        height = abs(extents.height) / self.upem
        return float(max(0.8, min(1.6, _REFERENCE_KO_HEIGHT / height)))

    # -- PDF objects (ReportLab's addObjects, with ToUnicode entries for private codes) ----------------------
    def addObjects(self, doc: Any) -> None:
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            base_name = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            pdf_font = pdfdoc.PDFTrueTypeFont()
            pdf_font.__Comment__ = f"Font {self.fontName} subset {n}"
            pdf_font.Name = internal_name
            pdf_font.BaseFont = base_name
            pdf_font.FirstChar = 0
            pdf_font.LastChar = len(subset) - 1
            pdf_font.Widths = pdfdoc.PDFArray([self.face.getCharWidth(c) for c in subset])
            cmap = pdfdoc.PDFStream()
            cmap.content = _to_unicode_cmap(base_name, [self.private_text.get(c, chr(c)) for c in subset])
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            pdf_font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            pdf_font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(pdf_font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = pdf_font
        del self.state[doc]


@dataclass(frozen=True)
class FontSet:
    """The regular and bold faces of one report, and the factor that makes them as large as Sarabun."""

    regular: ShapingFont
    bold: ShapingFont
    scale: float = 1.0


_cache: dict[Path, ShapingFont] = {}
_cache_lock = threading.Lock()


def _load(path: Path) -> ShapingFont:
    path = path.resolve()
    with _cache_lock:
        font = _cache.get(path)
        if font is None:
            if not path.is_file():
                raise UserError(f"Font file not found: {path}. ไม่พบไฟล์ฟอนต์")
            name = "ITA-" + sha1(str(path).encode()).hexdigest()[:10]
            try:
                font = ShapingFont(name, path)
            except (TTFError, OSError, ValueError, KeyError, IndexError, TypeError, struct.error) as exc:  # cut off
                raise UserError(f"{path.name} is not a usable TrueType font ({exc}). "
                                f"ไฟล์ฟอนต์นี้ใช้ไม่ได้ กรุณาเลือกฟอนต์ .ttf") from None
            if not font.nominal("ก") or not font.nominal("ำ"):
                raise UserError(f"{path.name} has no Thai letters; choose a Thai font such as TH Sarabun New. "
                                f"ฟอนต์นี้ไม่มีอักษรไทย")
            pdfmetrics.registerFont(font)
            _cache[path] = font
        return font


def _bold_sibling(regular: Path) -> Path | None:
    """TH Sarabun New.ttf → TH Sarabun New Bold.ttf, Foo-Regular.ttf → Foo-Bold.ttf, when present."""
    stem, suffix = regular.stem, regular.suffix
    names = [stem.replace("Regular", "Bold"), f"{stem} Bold", f"{stem}-Bold", f"{stem}Bold", f"{stem}_Bold"]
    for name in names:
        candidate = regular.with_name(name + suffix)
        if name != stem and candidate.is_file():
            return candidate
    return None


def load_fonts(regular: str | Path | None = None, bold: str | Path | None = None) -> FontSet:
    """The bundled Sarabun, or the clerk's TTF (its bold sibling when one sits beside it)."""
    if regular is None:
        reg = _load(resource("fonts", BUNDLED_REGULAR))
        return FontSet(reg, _load(resource("fonts", BUNDLED_BOLD)), 1.0)
    reg_path = Path(regular)
    reg = _load(reg_path)
    bold_path = Path(bold) if bold else _bold_sibling(reg_path)
    bold_font = _load(bold_path) if bold_path else reg
    for font, bundled in ((reg, BUNDLED_REGULAR), (bold_font, BUNDLED_BOLD)):
        fallback = _load(resource("fonts", bundled))
        if font is not fallback and font.fallback is not fallback:
            font.fallback = fallback
            font.shaped.clear()
    return FontSet(reg, bold_font, reg.size_factor())
