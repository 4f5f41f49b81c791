"""The roll-over's choice of last year's measures: every one listed, those of an indicator still below target
ticked (services.rollover.offer), the clerk ticks or unticks before the new year is made."""

from __future__ import annotations

from ita_desktop.gui.dialogs import thai_buttons
from ita_desktop.gui.qt import Qt, QtWidgets
from ita_desktop.services.rollover import Offered
from ita_desktop.thai.digits import to_thai_digits


def offered_label(item: Offered) -> str:
    """'มาตรการ… — ตัวชี้วัด ๙ ยังต่ำกว่าเป้าหมาย' as the list shows it."""
    m = item.measure
    title = " ".join((m.title or m.issue or "(ยังไม่มีชื่อ)").split())
    numbers = to_thai_digits(", ".join(str(n) for n in m.indicators))
    if item.weak:
        weak = to_thai_digits(", ".join(str(n) for n in item.weak))
        return f"{title} — ตัวชี้วัด {weak} ยังต่ำกว่าเป้าหมาย"
    if m.indicators:
        return f"{title} — ตัวชี้วัด {numbers}" + ("" if item.ticked else " ผ่านเป้าหมายแล้ว")
    return title


class RolloverDialog(QtWidgets.QDialog):
    """Which of last year's measures the new year starts with."""

    def __init__(self, parent: QtWidgets.QWidget | None, source: int, target: int, offered: list[Offered],
                 judged_by: int) -> None:
        super().__init__(parent)
        self.setObjectName("rolloverDialog")
        self.setWindowTitle(f"สร้างปีงบประมาณ {target} จากแผนปี {source}")
        self.offered = offered
        intro = QtWidgets.QLabel(
            f"เลือกมาตรการของปี {source} ที่จะใช้ต่อในปี {target} — เลือกไว้ให้แล้วเฉพาะมาตรการของตัวชี้วัดที่ยังต่ำกว่า"
            f"เป้าหมาย (ตามผลการประเมินที่บันทึกในปี {judged_by}) และมาตรการที่ไม่ระบุตัวชี้วัด")
        intro.setWordWrap(True)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("offeredMeasures")
        for entry in offered:
            item = QtWidgets.QListWidgetItem(offered_label(entry), self.list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if entry.ticked else Qt.CheckState.Unchecked)
        every = QtWidgets.QPushButton("เลือกทั้งหมด")
        every.setObjectName("tickAll")
        every.clicked.connect(lambda: self._tick(lambda _e: True))
        weak = QtWidgets.QPushButton("เฉพาะที่ยังต่ำกว่าเป้าหมาย")
        weak.setObjectName("tickWeak")
        weak.clicked.connect(lambda: self._tick(lambda e: e.ticked))
        row = QtWidgets.QHBoxLayout()
        row.addWidget(every)
        row.addWidget(weak)
        row.addStretch(1)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Ok
                                             | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        thai_buttons(buttons, ok="สร้างปีงบประมาณใหม่")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(760, 460)

    def _tick(self, wanted: object) -> None:
        for i, entry in enumerate(self.offered):
            on = wanted(entry)  # type: ignore[operator]
            self.list.item(i).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def chosen_ids(self) -> set[str]:
        """The ids of the measures ticked."""
        return {e.measure.id for i, e in enumerate(self.offered)
                if self.list.item(i).checkState() == Qt.CheckState.Checked}
