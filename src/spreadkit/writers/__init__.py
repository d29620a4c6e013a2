"""One writer per document format: markdown, HTML, Word and the terminal. Each walks the document
tree and knows nothing of banks, answers or teams; each escapes text for its own format, in one
place."""
