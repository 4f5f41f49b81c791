"""Allows ``python -m ita_desktop`` where the console script is not on PATH (frozen app, Windows)."""

import sys

from ita_desktop.cli import run

sys.exit(run())
