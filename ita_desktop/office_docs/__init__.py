"""Documents as offices wrote them: last year's plan or report from Word or its PDF, read into a domain Document.

- docx_tables: the Word file's body in order (paragraphs and tables), cells as lines of text, with Word's
  automatic numbering rebuilt, merged cells resolved and nested tables flattened.
- headings: which column of the office's table holds what, found by its heading.
- cells: the text rules of one cell (indicator labels, steps, units, timeframes, dated entries).
- document_reader: the title block, the texts around the tables and the table rows → ``ita-desktop/2`` data.
- matching: the measures read, added to or matched with the year's plan of the target document.
- columns: the clerk's column mapping (which column is which field), for the preview and ``--map``.
- pdf_tables: a published PDF's paragraphs and ruled tables as the same blocks (pdfplumber).
- thai_repair: a PDF's Thai text mended (private-use marks, ํา, mark order) and the repairs counted.
"""
