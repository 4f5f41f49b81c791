"""The Qt window: main window, table models, delegates, undo commands and dialogs (DESIGN §3)."""
