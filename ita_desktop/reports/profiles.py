"""Export profiles applied to reports, and exports of several parts.

``apply_profile`` is the last step of building a report: the office's columns renamed, reordered and hidden
(cells move with their columns). ``build_reports`` is what the writers call: the saved profile of each part's
(document, layout) when the options give none, its settings (grouping, date style, unreported steps) put into
the part's options, then one Report per part, in order, for one file.
"""

from __future__ import annotations

from dataclasses import fields, replace

from ita_desktop.domain.model import Document
from ita_desktop.domain.profiles import COLUMN_KEYS, ExportProfile, saved_profile
from ita_desktop.errors import UserError
from ita_desktop.reports.document_model import Column, Report, Table, TableSection
from ita_desktop.services.exporting import ExportOptions

# the profile's settings that are also export options (the options of the layouts' own rewrite; a setting the
# options of this version do not have yet is kept in the profile and used once they do)
PROFILE_SETTINGS = ("grouping", "date_style", "show_unreported")


def layout_columns(layout: int) -> list[tuple[str, str, float]]:
    """(key, header, weight) of each column of a layout, in the layout's order."""
    from ita_desktop.reports.layouts import LAYOUT_COLUMNS

    return [(key, header, weight) for key, (header, weight) in zip(COLUMN_KEYS[layout], LAYOUT_COLUMNS[layout],
                                                                   strict=True)]


def column_order(profile: ExportProfile) -> list[tuple[int, str]]:
    """The printed columns: (index in the layout, header override or "") in print order, hidden ones left out."""
    keys = COLUMN_KEYS[profile.layout]
    listed = {c.key: c for c in profile.columns}
    order = [c.key for c in profile.columns] + [k for k in keys if k not in listed]
    return [(keys.index(k), listed[k].header if k in listed else "") for k in order
            if not (k in listed and listed[k].hidden)]


def _apply_to_table(table: Table, order: list[tuple[int, str]]) -> Table:
    columns = [Column(header or table.columns[i].header, table.columns[i].weight) for i, header in order]
    sections = [TableSection(s.heading, [[row[i] for i, _ in order] for row in s.rows]) for s in table.sections]
    return Table(columns=columns, sections=sections)


def apply_profile(report: Report, profile: ExportProfile | None) -> Report:
    """``report`` with its layout table printed the office's way (a new Report; ``report`` is not changed)."""
    if profile is None or not profile.columns:
        return report
    order = column_order(profile)
    width = len(COLUMN_KEYS[profile.layout])
    blocks = [_apply_to_table(b, order) if isinstance(b, Table) and len(b.columns) == width else b
              for b in report.blocks]
    return replace(report, blocks=blocks)


def default_layout(doc: str) -> int:
    from ita_desktop.reports.layouts import DEFAULT_LAYOUT

    return DEFAULT_LAYOUT[doc]


def with_profile(document: Document, options: ExportOptions) -> ExportOptions:
    """The options of one part with its profile: the given one, else the document's saved one for the
    (document, layout); the profile's chosen settings replace the options' own."""
    layout = options.layout or default_layout(options.doc)
    profile = options.profile or saved_profile(document.profiles, options.doc, layout)
    if profile is None:
        return options
    if (profile.document, profile.layout) != (options.doc, layout):
        raise UserError(f"The columns given are those of a {profile.document} document in layout {profile.layout}, "
                        f"not of this {options.doc} document in layout {layout}. คอลัมน์ไม่ตรงกับรูปแบบตาราง")
    defaults = {f.name: f.default for f in fields(options)}
    # the saved settings stand where the export asks nothing else (an option at its default)
    chosen = {name: getattr(profile, name) for name in PROFILE_SETTINGS
              if name in defaults and getattr(profile, name) is not None and getattr(options, name) == defaults[name]}
    return replace(options, profile=profile, **chosen)


def part_options(options: ExportOptions) -> list[ExportOptions]:
    """Each part of one export, in order: the options themselves, then their ``parts`` (which have none);
    digits and fonts are the whole file's."""
    rest = [replace(p, parts=(), digits=options.digits, font=options.font, bold_font=options.bold_font)
            for p in options.parts]
    return [replace(options, parts=()), *rest]


def build_reports(document: Document, options: ExportOptions) -> list[Report]:
    """One Report per part of the export, each with its profile applied."""
    from ita_desktop.reports.layouts import build_report

    return [build_report(document, with_profile(document, part)) for part in part_options(options)]
