"""The export dialog's column list: the chosen layout's columns as the office prints them (an export profile).

Double-click renames, up/down reorders, unticking hides. The list starts from the profile saved in the document
for the (document, layout); what the clerk changes is remembered per layout while the dialog is open and saved
in the document when she exports (a plain saved setting of the document, not an undoable edit).
"""

from __future__ import annotations

from ita_desktop.domain.profiles import PROFILE_LAYOUTS, ExportProfile, ProfileColumn, saved_profile
from ita_desktop.gui.export_settings import PrintSettings
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.reports.profiles import layout_columns

KEY_ROLE = Qt.ItemDataRole.UserRole
DEFAULT_ROLE = Qt.ItemDataRole.UserRole + 1


class ColumnList:
    """Fills ``widget`` with a layout's columns and reads the office's profile back from it."""

    def __init__(self, widget: QtWidgets.QListWidget, up: QtWidgets.QPushButton, down: QtWidgets.QPushButton,
                 reset: QtWidgets.QPushButton, profiles: list[ExportProfile],
                 settings: PrintSettings | None = None) -> None:
        """``settings``: the layout's print settings, kept per layout with the columns (the same profile)."""
        self.widget, self.profiles, self.settings = widget, profiles, settings
        self.document, self.layout = "", 0
        self.edited: dict[tuple[str, int], ExportProfile] = {}  # this dialog's changes, per (document, layout)
        widget.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
                               | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed)
        up.clicked.connect(lambda: self.move(-1))
        down.clicked.connect(lambda: self.move(1))
        reset.clicked.connect(self.reset)

    def show(self, document: str, layout: int) -> None:
        """The columns of ``layout`` for ``document``, as last chosen (or as saved, or as the layout has them)."""
        if self.layout in PROFILE_LAYOUTS.get(self.document, ()):
            self.edited[(self.document, self.layout)] = self.profile() or ExportProfile(self.document, self.layout)
            # (an empty profile: the layout's own columns when the clerk comes back to this layout)
        self.document, self.layout = document, layout
        self.widget.clear()
        usable = layout in PROFILE_LAYOUTS.get(document, ())
        self.widget.setEnabled(usable)
        if not usable:
            return
        profile = self.edited.get((document, layout)) or saved_profile(self.profiles, document, layout)
        self._fill(profile)
        if self.settings is not None:
            self.settings.show(profile, document)

    def _fill(self, profile: ExportProfile | None) -> None:
        self.widget.clear()
        columns = {key: (header, weight) for key, header, weight in layout_columns(self.layout)}
        chosen = {c.key: c for c in profile.columns} if profile else {}
        order = list(chosen) + [k for k in columns if k not in chosen]
        for key in order:
            default = columns[key][0]
            column = chosen.get(key, ProfileColumn(key))
            item = QtWidgets.QListWidgetItem(column.header or default)
            item.setData(KEY_ROLE, key)
            item.setData(DEFAULT_ROLE, default)
            item.setToolTip(f"คอลัมน์เดิม: {default}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if column.hidden else Qt.CheckState.Checked)
            self.widget.addItem(item)

    def _commit(self) -> None:
        """A name being typed is taken before the list changes or is read."""
        editor = self.widget.indexWidget(self.widget.currentIndex())
        if editor is not None:
            self.widget.commitData(editor)
            self.widget.closeEditor(editor, QtWidgets.QAbstractItemDelegate.EndEditHint.NoHint)

    def move(self, step: int) -> None:
        """Move the selected column up (-1) or down (+1)."""
        self._commit()
        row = self.widget.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.widget.count():
            return
        item = self.widget.takeItem(row)
        self.widget.insertItem(target, item)
        self.widget.setCurrentRow(target)

    def reset(self) -> None:
        """Back to the layout's own columns."""
        self._fill(None)

    def profile(self) -> ExportProfile | None:
        """The columns and settings as shown, as a profile (the saved one's id kept); None when there is nothing
        to say (the layout as it is and nothing saved, or every column unticked)."""
        if not self.widget.isEnabled() or not self.widget.count():
            return None
        self._commit()
        columns = []
        for row in range(self.widget.count()):
            item = self.widget.item(row)
            header = item.text().strip()
            columns.append(ProfileColumn(str(item.data(KEY_ROLE)), "" if header == item.data(DEFAULT_ROLE) else header,
                                         hidden=item.checkState() == Qt.CheckState.Unchecked))
        saved = saved_profile(self.profiles, self.document, self.layout)
        try:
            profile = ExportProfile(document=self.document, layout=self.layout, columns=columns)
        except ValueError:  # every column unticked: print the layout as it is rather than an empty table
            return None
        if self.settings is not None:
            self.settings.put_into(profile, saved)
        elif saved is not None:
            profile.grouping, profile.date_style = saved.grouping, saved.date_style
            profile.show_unreported = saved.show_unreported
        if saved is None:
            return None if profile.is_default() else profile
        profile.id = saved.id
        return profile

    def changed(self) -> ExportProfile | None:
        """The profile to keep in the document: None when it is what the document already has (or nothing)."""
        profile = self.profile()
        if profile is None:
            return None
        saved = saved_profile(self.profiles, self.document, self.layout)
        if saved is None:
            return profile
        same = saved.columns == profile.columns and all(getattr(saved, name) == getattr(profile, name) for name in
                                                         ("grouping", "date_style", "show_unreported"))
        return None if same else profile
