"""Document formats (HTML, DOCX, PDF) rendered to the plain text the parser and the text pane share."""
