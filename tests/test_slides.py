"""Slides: a board pack in PowerPoint, and a picture of the chart and its key figures for a slide,
as SVG and PNG, for each report that has them."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from conftest import ROOT
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from spreadkit.documents.tree import (
    BulletList,
    Cell,
    Column,
    Document,
    NumberedList,
    Paragraph,
    Quote,
    Section,
    Table,
)
from spreadkit.writers import pptx as slides
from spreadkit.writers import slide

Invoke = Callable[..., Any]
FIXTURES = ROOT / "tests" / "fixtures"
BANK = str(FIXTURES / "bank-1.0.0.json")
TEAM = str(FIXTURES / "team")
ANA = str(FIXTURES / "team" / "ana.json")
REVIEW = str(FIXTURES / "ana-review.json")
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def _fixed_bank(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPREADKIT_BANK", BANK)


REPORTS = {
    "person": ["export", ANA],
    "team": ["team", TEAM, "--names"],
    "compare": ["compare", TEAM, REVIEW],
    "plan": ["plan", TEAM],
}
PICTURES = {
    "summary": ["summary", ANA],
    "team": ["team", TEAM],
    "compare": ["compare", TEAM, REVIEW],
    "plan": ["plan", TEAM],
}


def _made(invoke: Invoke, tmp_path: Path, name: str, args: list[str]) -> bytes:
    out = tmp_path / name
    result = invoke(*args, "-o", str(out))
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def _shapes(shapes: Any) -> Iterator[Any]:
    for shape in shapes:
        yield shape
        if shape.shape_type == 6:  # a group
            yield from _shapes(shape.shapes)


def check_deck(data: bytes) -> Any:
    """What every board pack holds to: 16:9; each shape inside its slide; each picture with its
    text alternative; no text under 18 pt; true properties; Arial throughout."""
    deck = Presentation(io.BytesIO(data))
    width, height = deck.slide_width, deck.slide_height
    assert abs(width / height - 16 / 9) < 0.01
    for number, page in enumerate(deck.slides, start=1):
        for shape in _shapes(page.shapes):
            assert shape.left >= 0 and shape.top >= 0, (number, shape.name)
            assert shape.left + shape.width <= width, (number, shape.name)
            assert shape.top + shape.height <= height, (number, shape.name)
            if shape.shape_type == 13:  # a picture
                described = shape._element.xpath("./p:nvPicPr/p:cNvPr")[0].get("descr")
                assert described and "Radar chart" in described
            frames = []
            if shape.has_text_frame:
                frames.append(shape.text_frame)
            if getattr(shape, "has_table", False):
                frames += [cell.text_frame for row in shape.table.rows for cell in row.cells]
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        assert run.font.size is not None and run.font.size >= Pt(18)
                        assert run.font.name in ("Arial", "Consolas"), run.font.name
                        assert "Click to" not in run.text
            if shape.is_placeholder:
                raise AssertionError(f"slide {number}: a placeholder left in")
    properties = deck.core_properties
    every = json.dumps(
        [
            properties.title,
            properties.author,
            properties.comments,
            properties.last_modified_by,
            properties.subject,
            properties.keywords,
        ]
    )
    assert "python-pptx" not in every and "Steve Canny" not in every
    assert properties.created is not None and properties.created.year >= 2025
    for part in deck.part.package.iter_parts():
        assert "thumbnail" not in str(part.partname)  # the template's blank page, left out
        if str(part.partname).startswith("/docProps/"):
            assert b"python-pptx" not in part.blob and b"Macintosh" not in part.blob
    return deck


@pytest.mark.parametrize("report", sorted(REPORTS))
def test_each_report_makes_a_board_pack(invoke: Invoke, tmp_path: Path, report: str) -> None:
    deck = check_deck(_made(invoke, tmp_path, f"{report}.pptx", REPORTS[report]))
    texts = [
        shape.text_frame.text
        for page in deck.slides
        for shape in page.shapes
        if shape.has_text_frame
    ]
    assert len(deck.slides) >= 3
    assert deck.core_properties.title == texts[0]
    if report != "plan":
        # The verdict on the title slide, and the chart on a slide of its own.
        first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
        assert "Overall:" in first
        pictures = [s for page in deck.slides for s in page.shapes if s.shape_type == 13]
        assert len(pictures) == 1
    if report == "team":
        assert any(t.startswith("Questions to discuss") for t in texts)
    if report == "person":
        assert any("What to do next" in t for t in texts)
        # Every answer is the written report's, named on the closing slide.
        assert any("Answers by principle" in t for t in texts)
    if report == "plan":
        assert any("1. " in t for t in texts)


def test_the_author_is_the_respondent_or_no_one(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 3}, respondent="Sam Patel")
    deck = check_deck(_made(invoke, tmp_path, "person.pptx", ["export", str(path)]))
    assert deck.core_properties.author == "Sam Patel"
    team = check_deck(_made(invoke, tmp_path, "team.pptx", ["team", TEAM]))
    assert team.core_properties.author == ""


def test_long_lists_and_tables_go_on_to_further_slides_at_full_size() -> None:
    rows = tuple(
        (Cell((f"Principle number {n} with a longer name than most",)), Cell((f"{n}.0",)))
        for n in range(40)
    )
    table = Table((Column("Principle"), Column("Score", "number")), rows)
    items = tuple((f"Item {n}: " + "words " * 30,) for n in range(30))
    document = Document(
        title="A long report " * 8,
        details=(("Made", ("today",)),),
        blocks=(
            Paragraph(("The verdict.",), "lead"),
            Section(2, ("A table",), (table,)),
            Section(2, ("A list",), (BulletList(items), NumberedList(items))),
            Section(2, ("Kept",), (Paragraph(("x " * 3000,)),), keep=True),
        ),
    )
    deck = check_deck(slides.write(document))
    titles = [page.shapes[0].text_frame.text for page in deck.slides]
    assert "A table (continued)" in titles and "A list (continued)" in titles
    tables = [s.table for page in deck.slides for s in page.shapes if s.has_table]
    assert len(tables) > 1
    # The header is repeated, and every row is there once.
    assert all(t.cell(0, 0).text == "Principle" for t in tables)
    assert sum(len(t.rows) - 1 for t in tables) == 40


def test_a_note_that_breaks_the_xml_does_not_stop_the_deck(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": (3, "bad \x01 char <b>&</b>")})
    check_deck(_made(invoke, tmp_path, "person.pptx", ["export", str(path)]))


def check_svg(text: str) -> ElementTree.Element:
    root = ElementTree.fromstring(text)  # well formed
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}title").text  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc") is not None and root.find(f"{SVG}desc").text  # type: ignore[union-attr]
    # No window to look like: no coloured buttons, no terminal font, nothing to type.
    assert "monospace" not in text.lower() and "Fira Code" not in text
    for circle in root.iter(f"{SVG}circle"):
        assert circle.get("fill", "").lower() not in ("#ff5f57", "#febc2e", "#28c840")
    assert "spreadkit " not in text and "$ " not in text
    assert "https://" not in text  # nothing fetched when the slide is shown
    background = root.find(f"{SVG}rect")
    assert background is not None and background.get("fill") == "#ffffff"
    return root


def _contrast(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("report", sorted(PICTURES))
def test_each_report_makes_a_picture_for_a_slide(
    invoke: Invoke, tmp_path: Path, report: str
) -> None:
    out = tmp_path / f"{report}.svg"
    result = invoke(*PICTURES[report], "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    root = check_svg(text)
    description = root.find(f"{SVG}desc").text or ""  # type: ignore[union-attr]
    # The description is told too, to paste as alt text.
    assert description in result.stderr.replace("\n", " ")
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    if report == "plan":
        assert "1. " in words and "Improvement plan" in words
    else:
        assert "Overall:" in words and "Radar chart" in description
        # Each principle's score is there in figures.
        for name in ("Benefit", "Learning", "Innovation development"):
            assert name in words
    # Whatever draws or writes in a colour, against white, 3:1 at least.
    for colour in set(re.findall(r'(?:stroke|fill)="(#[0-9a-f]{6})"', text)):
        if colour in (slide.WHITE, slide.RANGE_FILL, "#c9d0d6"):
            continue  # the background, the range (edged in RANGE_EDGE) and the table's rules
        assert _contrast(colour) >= 3, colour
    png = _made(invoke, tmp_path, f"{report}.png", PICTURES[report])
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1920, 1080)
    assert image.getpixel((5, 5)) == (255, 255, 255)
    assert "Description" in image.info and image.info["Title"]


def test_every_band_colour_reads_against_white() -> None:
    for colour in (*slide.BANDS, slide.INK, slide.MUTED, slide.GRID, slide.LATEST):
        assert _contrast(colour) >= 3, colour
    assert _contrast(slide.BASELINE) >= 3 and _contrast(slide.RANGE_EDGE) >= 3


def test_a_picture_escapes_what_people_wrote(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 3}, title="<script>alert(1)</script> & \x01")
    out = tmp_path / "a.svg"
    assert invoke("summary", str(path), "-o", str(out)).exit_code == 0
    text = out.read_text("utf-8")
    check_svg(text)
    assert "<script" not in text


def test_a_png_cannot_go_to_a_terminal_but_can_go_down_a_pipe(invoke: Invoke) -> None:
    result = invoke("summary", ANA, "-f", "png")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"\x89PNG")
    assert "Alt text for the picture:" in result.stderr


def test_an_agreed_teams_answers_make_the_same_board_pack_with_no_author(
    invoke: Invoke, tmp_path: Path, write_answers: Callable[..., Path]
) -> None:
    path = write_answers({"benefit.measure": 3, "learning.built-in": 1}, respondents=4)
    deck = check_deck(_made(invoke, tmp_path, "agreed.pptx", ["export", str(path)]))
    first = " ".join(s.text_frame.text for s in deck.slides[0].shapes if s.has_text_frame)
    assert "Agreed by: a team of 4 people" in first and "Overall:" in first
    assert deck.core_properties.author == ""


def test_a_section_that_goes_on_to_another_slide_is_headed_again_there() -> None:
    """Comments on one principle that run past a slide go on under that principle's name, not
    under the one before it."""
    said = tuple(
        Quote(f"Comment {n} on networks, long enough to take its own line.") for n in range(20)
    )
    sections = (
        Section(3, ("Benefit",), (Quote("Short."),)),
        Section(3, ("Networks",), said),
    )
    deck = check_deck(slides.write(Document("T", (), (Section(2, ("Comments",), sections),))))
    pages = [
        [shape.text_frame.text for shape in page.shapes if shape.has_text_frame]
        for page in deck.slides
    ]
    following = [texts for texts in pages[1:] if texts and texts[0].startswith("Comments")]
    assert len(following) >= 2
    for texts in following[1:]:
        body = " ".join(texts[1:])
        assert body.startswith("Networks (continued)"), body[:80]


def test_a_title_too_long_for_the_picture_is_cut_where_it_shows_it_was() -> None:
    title = " ".join(["Virtual wards for frail older people across the region"] * 4)
    drawn = slide.scene(Document(title, (), ()))
    lines = [item.text for item in drawn.items if getattr(item, "size", 0) == 44]
    assert len(lines) == 2
    assert lines[-1].endswith("…")
    assert " ".join(lines).removesuffix("…") in title
