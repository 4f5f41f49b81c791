"""Pages: a canvas that prints "หน้า ๑ / ๕" on every page (the total is known only at the end), and the
signature block, which never splits."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from ita_desktop.reports.document_model import SignatureBlock
from ita_desktop.reports.pdf.draw import draw_glyphs
from ita_desktop.reports.pdf.flowable import draw_lines
from ita_desktop.reports.pdf.linebreak import Line, TextStyle, layout_text, lines_height


def numbered_canvas(label: Callable[[int, int], str], style: TextStyle,
                    margin: float) -> Callable[..., Canvas]:
    """A canvasmaker whose pages carry ``label(page, total)`` centred in the bottom margin."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, 1):
                self.__dict__.update(state)
                text = label(number, total)
                width, _ = self._pagesize
                for line in layout_text(text, style, width):
                    draw_glyphs(self, style.font, style.size, (width - line.width) / 2, margin * 0.5,
                                line.glyphs)
                Canvas.showPage(self)
            Canvas.save(self)

    return NumberedCanvas


class Signatures(Flowable):  # type: ignore[misc]
    """Signers side by side (up to three a row), each: signature line with role, (name), position, date."""

    def __init__(self, block: SignatureBlock, style: TextStyle, width: float) -> None:
        super().__init__()
        self.style = TextStyle(style.font, style.size, style.leading, "center")
        self.width = width
        per_row = min(3, max(1, len(block.signers)))
        self.col = width / per_row
        self.groups: list[list[list[Line]]] = []
        for start in range(0, len(block.signers), per_row):
            group = []
            for signer in block.signers[start:start + per_row]:
                texts = list(signer.lines)
                lines: list[Line] = []
                for text in texts:
                    lines += layout_text(text, self.style, self.col - 12)
                group.append(lines)
            self.groups.append(group)
        self.gap = style.leading * 1.5
        self.height = sum(max(lines_height(c, self.style) for c in g) + self.gap for g in self.groups)
        self.spaceBefore = style.leading * 1.5

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []  # kept together: moves whole to the next page

    def draw(self) -> None:
        top = self.height
        for group in self.groups:
            offset = (self.width - self.col * len(group)) / 2
            for i, lines in enumerate(group):
                draw_lines(self.canv, lines, self.style, offset + i * self.col + 6, top, self.col - 12)
            top -= max(lines_height(c, self.style) for c in group) + self.gap
