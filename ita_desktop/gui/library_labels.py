"""The names of the library's two plan actions, shared by its page and the window's Plan menu (the window's menu is
built before the library page, which is built when first shown)."""

from __future__ import annotations

DRAFT_LABEL = "ร่างแผนจากผลคะแนน"
SAVE_LABEL = "บันทึกไว้ในคลังของหน่วยงาน"
