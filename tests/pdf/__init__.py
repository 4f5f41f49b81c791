"""Tests of the Thai PDF engine and the PDF reports."""
