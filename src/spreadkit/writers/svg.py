"""The summary as an SVG picture for slides: the terminal drawing, in colour, fetching nothing."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from rich.console import Console

from spreadkit.documents.person import summary_document
from spreadkit.model.safe import xml_safe
from spreadkit.writers import terminal

if TYPE_CHECKING:
    from spreadkit.model.reports import PersonView


def summary(view: PersonView) -> str:
    # Rich's own template fetches its font from the web; a slide shown offline should fetch
    # nothing, so the picture uses the font installed locally, or any monospace font.
    from rich._export_format import CONSOLE_SVG_FORMAT

    console = Console(
        file=io.StringIO(), record=True, width=90, force_terminal=True, color_system="truecolor"
    )
    console.print(terminal.write(summary_document(view)))
    offline = re.sub(r"@font-face \{\{.*?\}\}\s*", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)
    offline = offline.replace("<!-- Generated with Rich https://www.textualize.io -->", "")
    title = view.answers.meta.title or "Readiness summary"
    return xml_safe(console.export_svg(title=xml_safe(title), code_format=offline))
