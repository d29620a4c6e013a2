"""JSON Schemas generated from the models, so editors can check a bank or answers file as you type.

The same schemas are committed under schemas/ in the repository; a test fails when they drift.
"""

from __future__ import annotations

import json
from typing import Any

from spreadkit.model.answers import AnswersFile
from spreadkit.model.bank import Bank

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _render(schema: dict[str, Any], title: str) -> str:
    document = {"$schema": DIALECT, **schema, "title": title}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def bank_schema() -> str:
    return _render(Bank.model_json_schema(), "spreadkit question bank")


def answers_schema() -> str:
    return _render(AnswersFile.model_json_schema(), "spreadkit answers file")
