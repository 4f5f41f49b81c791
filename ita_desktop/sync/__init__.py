"""Sharing a document by USB stick: working copies, save-back, locking, backups, merging, quarantine."""
