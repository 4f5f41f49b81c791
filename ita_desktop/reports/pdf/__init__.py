"""Thai PDF typesetting on ReportLab: segment, shape (HarfBuzz), map glyphs to text, break lines, draw, paginate."""
