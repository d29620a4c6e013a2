"""Word documents written straight as their XML hold together as Word reads them: every part
well formed and of a declared kind, every reference to a link or picture resolved, and each
paragraph's and run's properties in the order Word's schema sets (Word refuses to open a file
whose properties are out of order; python-docx and LibreOffice read it anyway)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from spreadkit.documents.tree import Document, Link, Paragraph
from spreadkit.writers.word import write

ROOT = Path(__file__).resolve().parents[1]
TEAM = ROOT / "tests" / "fixtures" / "team"
OLD_BANK = ("--bank", str(ROOT / "tests" / "fixtures" / "bank-1.0.0.json"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
# The order Word's schema gives the properties spreadkit uses.
PARAGRAPH_ORDER = ["pStyle", "keepNext", "keepLines", "numPr", "pBdr", "spacing", "ind", "jc"]
PARAGRAPH_ORDER.append("outlineLvl")
RUN_ORDER = ["rFonts", "b", "bCs", "i", "color", "sz", "szCs", "u", "lang"]
CELL_ORDER = ["tcW", "shd"]
TABLE_ORDER = ["tblStyle", "tblW", "jc", "tblInd", "tblBorders", "tblLayout", "tblCellMar"]
TABLE_ORDER.append("tblLook")


def _documents(
    invoke: Callable[..., Any], write_answers: Callable[..., Path], tmp_path: Path
) -> list[Path]:
    person = write_answers(
        {
            "benefit.measure": (1, 'A note & a "quote" <b>\x07 with\ttab\nand line'),
            "learning.share": (3, "Monthly huddles"),
        },
        respondent="Ana <Lead> & co",
    )
    made = {
        "person": ("export", str(person)),
        "team": ("team", str(TEAM), *OLD_BANK, "--names"),
        "compare": (
            "compare",
            str(TEAM / "ana.json"),
            str(ROOT / "tests/fixtures/ana-review.json"),
            str(TEAM / "ana.json"),
            *OLD_BANK,
        ),
        "plan": ("plan", str(person)),
    }
    paths = []
    for name, args in made.items():
        path = tmp_path / f"{name}.docx"
        result = invoke(*args, "-o", str(path))
        assert result.exit_code == 0, result.output
        paths.append(path)
    return paths


def _in_order(children: list[ElementTree.Element], order: list[str], where: str) -> None:
    names = [child.tag.removeprefix(W) for child in children]
    assert all(name in order for name in names), (where, names)
    places = [order.index(name) for name in names]
    assert places == sorted(places), (where, names)


def test_every_word_document_holds_together(
    invoke: Callable[..., Any], write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    for path in _documents(invoke, write_answers, tmp_path):
        with zipfile.ZipFile(path) as package:
            names = set(package.namelist())
            parts = {
                name: ElementTree.fromstring(package.read(name))
                for name in names
                if name.endswith((".xml", ".rels"))
            }
            types = package.read("[Content_Types].xml").decode()
            for name in names - {"[Content_Types].xml"}:
                extension = name.rpartition(".")[2]
                assert f'PartName="/{name}"' in types or f'Extension="{extension}"' in types, name
            relations = {found.get("Id"): found for found in parts["word/_rels/document.xml.rels"]}
            for found in relations.values():
                if found.get("TargetMode") == "External":
                    assert found.get("Target", "").startswith("https://"), path.name
                else:
                    assert "word/" + found.get("Target", "") in names, (
                        path.name,
                        found.get("Target"),
                    )
            document = parts["word/document.xml"]
            used = [
                element.get(f"{R}{kind}")
                for element in document.iter()
                for kind in ("id", "embed")
                if element.get(f"{R}{kind}")
            ]
            assert used and all(ident in relations for ident in used), path.name
            pictures = [e.get("id") for e in document.iter() if e.tag.endswith("}docPr")]
            assert len(pictures) == len(set(pictures)), path.name
            for element in [*document.iter(), *parts["word/styles.xml"].iter()]:
                if element.tag == f"{W}pPr":
                    _in_order(list(element), PARAGRAPH_ORDER, path.name)
                elif element.tag == f"{W}rPr":
                    _in_order(list(element), RUN_ORDER, path.name)
                elif element.tag == f"{W}tcPr":
                    _in_order(list(element), CELL_ORDER, path.name)
                elif element.tag == f"{W}tblPr":
                    _in_order(list(element), TABLE_ORDER, path.name)
            # Every table cell holds a paragraph, and the body ends with one before the page.
            assert all(cell.find(f"{W}p") is not None for cell in document.iter(f"{W}tc"))
            body = document.find(f"{W}body")
            assert body is not None
            assert [e.tag for e in list(body)[-2:]] == [f"{W}p", f"{W}sectPr"], path.name


@pytest.mark.parametrize("url", ["https://example.org/a?b=1&c=2#x", "javascript:alert(1)"])
def test_a_link_is_a_link_only_when_it_is_safe_and_its_address_is_kept_whole(url: str) -> None:
    source = Document(title="Links", details=(), blocks=(Paragraph((Link("the guide", url),)),))
    with zipfile.ZipFile(io.BytesIO(write(source))) as package:
        rels = ElementTree.fromstring(package.read("word/_rels/document.xml.rels"))
        text = package.read("word/document.xml").decode()
    targets = [found.get("Target") for found in rels if found.get("TargetMode") == "External"]
    if url.startswith("https://"):
        assert targets == [url] and "<w:hyperlink" in text
    else:
        assert targets == [] and "<w:hyperlink" not in text
        assert "the guide (javascript:alert(1))" in text


def test_a_carriage_return_is_a_line_break_and_a_control_is_not_kept() -> None:
    source = Document(
        title="Notes", details=(), blocks=(Paragraph(("one\r\ntwo\rthree\x85four\x1bfive",)),)
    )
    with zipfile.ZipFile(io.BytesIO(write(source))) as package:
        text = package.read("word/document.xml").decode()
    body = text.partition("<w:body>")[2]
    assert "\r" not in body and "\x85" not in body and "\x1b" not in body
    assert body.count("<w:br/>") == 2
    assert "three\ufffdfour\ufffdfive" in body


def test_the_chart_packed_as_png_holds_every_pixel_as_drawn() -> None:
    from PIL import Image

    from spreadkit.writers.picture import DPI, _png, _rows

    drawn = Image.new("RGB", (37, 11), "white")
    for x in range(37):
        drawn.putpixel((x, x % 11), (x * 7 % 256, 255 - x, x * 3))
    # Each row once, after the 0 that says it is not filtered: nothing more.
    assert _rows(drawn) == b"".join(
        b"\0" + drawn.crop((0, y, 37, y + 1)).tobytes() for y in range(11)
    )
    read = Image.open(io.BytesIO(_png(drawn)))
    assert read.size == drawn.size
    assert read.convert("RGB").tobytes() == drawn.tobytes()
    assert round(read.info["dpi"][0]) == DPI


def test_a_heading_keeps_with_what_it_leads_into_and_the_footer_never_stands_alone() -> None:
    from docx import Document as Word

    from spreadkit.documents.tree import BulletList, Section

    question = Section(3, ("1. A question",), (Paragraph(("Ratings: 0 ×2",)),), keep=True)
    document = Document(
        "T",
        (),
        (
            Section(2, ("Questions to discuss",), (Paragraph(("Ranked by spread.",)), question)),
            Section(2, ("Notes",), (Paragraph(("A paragraph that may break.",)),)),
            Section(
                2,
                ("Bands",),
                (
                    Paragraph(("The bands.",)),
                    BulletList(
                        ((("Early",),)),
                    ),
                ),
            ),
        ),
        footer=("Questions based on the guide.",),
    )
    kept = {
        p.text: bool(p.paragraph_format.keep_with_next)
        for p in Word(io.BytesIO(write(document))).paragraphs
    }
    # The lead-in goes with the first question; a paragraph with nothing of its own after it
    # may end a page; the last section goes with the footer.
    assert kept["Ranked by spread."] is True
    assert kept["A paragraph that may break."] is False
    assert kept["The bands."] is True and kept["Early"] is True
    assert kept["Questions based on the guide."] is False
