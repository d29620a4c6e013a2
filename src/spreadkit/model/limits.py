"""Stated limits, each enforced with a clear message: generous for people, firm against the wrong
file. The README lists them."""

from typing import Final

# A note: a few paragraphs, not a document.
MAX_NOTE: Final = 10_000
# A bank, answers file or sheet.
MAX_FILE_BYTES: Final = 10 * 1024 * 1024
# A title, respondent, team or setting: a line.
MAX_DETAIL: Final = 200
# A principle's or a question's weight.
MAX_WEIGHT: Final = 100
# A sheet, a workbook's sheet or a survey export: a national survey's respondents, and a bank's
# questions with room to spare; past them it is not what it claims to be.
MAX_SHEET_ROWS: Final = 200_000
MAX_SHEET_COLUMNS: Final = 1_000
# A workbook's sheet: the cells it may hold (25,000 people answering 40 questions), so that the
# work of reading one is bounded however its rows and columns are made.
MAX_SHEET_CELLS: Final = 1_000_000
# Suggestions of what to do next, per question.
MAX_NEXT_STEPS: Final = 3
