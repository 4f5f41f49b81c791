"""Output documents: a format-neutral report model built from domain objects, and PDF/DOCX/XLSX writers."""
