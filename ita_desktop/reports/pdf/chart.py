"""The analysis report's bar chart: indicator scores against the 85-point target.

Bars, axis and target line are reportlab.graphics shapes; every label (Thai indicator names, scores in the report's
digits) goes through the Thai text engine, so the chart's words are shaped, searchable and extract exactly.
Bars run horizontally: Thai indicator names are long and read best on the left, one under the other.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.platypus import Flowable

from ita_desktop.reports.document_model import BarChart
from ita_desktop.reports.pdf.flowable import draw_lines
from ita_desktop.reports.pdf.linebreak import Line as TextLine
from ita_desktop.reports.pdf.linebreak import TextStyle, layout_text, lines_height
from ita_desktop.reports.pdf.styles import ReportStyles
from ita_desktop.thai.digits import DigitStyle, digits

PASS_COLOR = colors.Color(0.30, 0.60, 0.40)
SHORT_COLOR = colors.Color(0.90, 0.55, 0.20)
TARGET_COLOR = colors.Color(0.80, 0.10, 0.10)
GRID_COLOR = colors.Color(0.80, 0.80, 0.80)


def _right(style: TextStyle) -> TextStyle:
    return TextStyle(style.font, style.size, style.leading, "right")


class ThaiBarChart(Flowable):  # type: ignore[misc]
    def __init__(self, chart: BarChart, styles: ReportStyles, width: float, style: DigitStyle) -> None:
        super().__init__()
        self.chart = chart
        self.styles = styles
        self.digit_style = style
        self.width = width
        self.label_width = width * 0.38
        self.plot_width = width - self.label_width - 60
        label_style = _right(styles.small)
        self.label_style = label_style
        self.labels = [layout_text(label, label_style, self.label_width - 8) for label, _ in chart.bars]
        self.title_lines = layout_text(chart.title, styles.heading2, width)
        self.row_heights = [max(lines_height(lines, label_style), 16.0) + 4 for lines in self.labels]
        self.axis_height = styles.small.leading * 2.2
        self.height = (lines_height(self.title_lines, styles.heading2) + sum(self.row_heights)
                       + self.axis_height + 6)
        self.spaceBefore = 6.0
        self.spaceAfter = 10.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def _text(self, text: str, style: TextStyle, x: float, top: float, width: float) -> None:
        lines: list[TextLine] = layout_text(text, style, width)
        draw_lines(self.canv, lines, style, x, top, width)

    def _score(self, value: float) -> str:
        return digits(f"{value:.2f}", self.digit_style)

    def draw(self) -> None:
        # reportlab.graphics here, not at the top: only the analysis report draws a chart (≈ 45 M instructions)
        from reportlab.graphics import renderPDF
        from reportlab.graphics.shapes import Drawing, Line, Rect

        canv = self.canv
        styles = self.styles
        top = self.height
        draw_lines(canv, self.title_lines, styles.heading2, 0, top, self.width)
        top -= lines_height(self.title_lines, styles.heading2) + 4
        x0 = self.label_width
        scale = self.plot_width / 100.0
        plot_top, plot_bottom = top, top - sum(self.row_heights)
        drawing = Drawing(self.width, self.height)
        # The shapes carry no text, but the renderer would otherwise select (and declare) Helvetica.
        drawing.initialFontName = styles.body.font.fontName
        for tick in range(0, 101, 20):
            x = x0 + tick * scale
            drawing.add(Line(x, plot_bottom, x, plot_top, strokeColor=GRID_COLOR, strokeWidth=0.5))
        y = plot_top
        for (_, value), height in zip(self.chart.bars, self.row_heights, strict=True):
            bar_h = min(14.0, height - 6)
            color = PASS_COLOR if value >= self.chart.target else SHORT_COLOR
            drawing.add(Rect(x0, y - height / 2 - bar_h / 2, max(0.0, min(value, 100.0)) * scale, bar_h,
                             fillColor=color, strokeColor=None))
            y -= height
        target_x = x0 + self.chart.target * scale
        drawing.add(Line(target_x, plot_bottom - 4, target_x, plot_top + 2, strokeColor=TARGET_COLOR,
                         strokeWidth=1.2, strokeDashArray=[4, 2]))
        drawing.add(Line(x0, plot_bottom, x0 + 100 * scale, plot_bottom, strokeColor=colors.black, strokeWidth=0.6))
        drawing.add(Line(x0, plot_bottom, x0, plot_top, strokeColor=colors.black, strokeWidth=0.6))
        renderPDF.draw(drawing, canv, 0, 0)
        canv.setFillColor(colors.black)
        small = styles.small
        y = plot_top
        for lines, (_, value), height in zip(self.labels, self.chart.bars, self.row_heights, strict=True):
            block = lines_height(lines, self.label_style)
            draw_lines(canv, lines, self.label_style, 0, y - (height - block) / 2, self.label_width - 8)
            value_x = x0 + 100 * scale + 6
            self._text(self._score(value), small, value_x, y - (height - small.leading) / 2, 56)
            y -= height
        center = TextStyle(small.font, small.size, small.leading, "center")
        for tick in range(0, 101, 20):
            x = x0 + tick * scale
            self._text(digits(tick, self.digit_style), center, x - 15, plot_bottom - 2, 30)
        label = f"ค่าเป้าหมาย {self._score(self.chart.target)}"
        self._text(label, TextStyle(small.font, small.size, small.leading, "center"), target_x - 60,
                   plot_bottom - small.leading - 2, 120)
