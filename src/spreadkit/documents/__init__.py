"""Reports as documents: one tree of headings, paragraphs, lists, tables and figures (tree.py),
built once per report (person.py, team.py, comparison.py, plan.py) and written out by one writer
per format (spreadkit.writers). A builder decides what a report says; a writer decides only how."""
