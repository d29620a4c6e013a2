"""HTML report, radar geometry, the SVG picture and explain."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from spreadkit.documents.radar import Point, Radar

Invoke = Callable[..., Any]
XSS = "<script>alert('x')</script> & \"quotes\""


def test_radar_points_for_known_scores() -> None:
    radar = Radar(4, cx=100, cy=100, radius=50)
    # The first axis points up, the rest follow clockwise.
    assert radar.point(0, 100) == Point(100, 50)
    assert radar.point(1, 100) == Point(150, 100)
    assert radar.point(2, 50) == Point(100, 125)
    assert radar.point(3, 0) == Point(100, 100)
    # Scores outside 0..100 are held at the centre or the rim.
    assert radar.point(1, 150) == Point(150, 100)
    # An unscored axis is drawn at the centre.
    assert radar.polygon([100, None, 50, 40]) == "100.0,50.0 100.0,100.0 100.0,125.0 80.0,100.0"


def test_radar_ring_and_labels() -> None:
    radar = Radar(4, cx=100, cy=100, radius=50)
    path = radar.ring([0, 0, 0, 0], [100, 100, 100, 100])
    assert path == (
        "M100.0,50.0 L150.0,100.0 L100.0,150.0 L50.0,100.0 Z "
        "M100.0,100.0 L100.0,100.0 L100.0,100.0 L100.0,100.0 Z"
    )
    # Compared as drawn in the SVG, to one decimal place.
    assert [(str(at), anchor) for at, anchor in map(radar.label, range(4))] == [
        ("100.0,32.0", "middle"),
        ("168.0,100.0", "start"),
        ("100.0,168.0", "middle"),
        ("32.0,100.0", "end"),
    ]
    seven = Radar(7, cx=0, cy=0, radius=100)
    assert str(seven.point(0, 100)) == "0.0,-100.0"
    x, y = seven.point(1, 100).x, seven.point(1, 100).y
    assert (round(x, 2), round(y, 2)) == (78.18, -62.35)  # 100 * (sin 51.43°, -cos 51.43°)


def _report(invoke: Invoke, *args: str) -> str:
    result = invoke(*args)
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def _assert_self_contained(html: str) -> None:
    assert "<script" not in html.lower()
    assert "@import" not in html and "url(" not in html
    # The only addresses are links to read (the guide), never resources to fetch.
    fetched = re.findall(r'(?:src|href)="(https?:[^"]+)"', html)
    assert all(html.count(f'href="{url}"') for url in fetched)
    assert not re.search(r'src="https?:', html)
    assert '<link rel="stylesheet"' not in html


def test_single_report_escapes_user_text_and_is_self_contained(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(
        {
            "benefit.why-worth-it": (1, XSS),
            "benefit.measure": (4, "line one\nline two"),
            "learning.share": "n/a",
        },
        title="Wards <b>pilot</b>",
        respondent="Jo & Sam",
    )
    html = _report(invoke, "export", str(path), "-f", "html")
    _assert_self_contained(html)
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;quotes&quot;" in html
    assert "<title>Wards &lt;b&gt;pilot&lt;/b&gt;</title>" in html
    assert "Jo &amp; Sam" in html
    # The chart is accessible and every score in it is also in the table.
    assert re.search(
        r'<svg class="radar"[^>]*role="img"[^>]*aria-labelledby="chart-1-title chart-1-desc"', html
    )
    assert '<title id="chart-1-title">Readiness by principle</title>' in html
    # benefit: 100 * (1 + 4) / 8 = 62.5
    assert "Benefit 62.5; Networks not scored" in html
    assert '<td>Benefit</td><td class="num">62.5</td>' in html
    assert "Not applicable" in html and "@page { size: A4" in html


def test_team_and_compare_reports(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    team = tmp_path / "team"
    team.mkdir()
    for name, rating in (("ana", 4), ("ben", 0), ("cy", 2)):
        (team / f"{name}.json").write_text(
            write_answers(
                {"benefit.why-worth-it": (rating, f"{name} says <i>{rating}</i>")},
                name=f"{name}.json",
                respondent=f"{name}<x>",
            ).read_text("utf-8"),
            encoding="utf-8",
        )
    html = _report(invoke, "team", str(team), "-f", "html", "--names")
    _assert_self_contained(html)
    assert '<path class="range"' in html and 'fill-rule="evenodd"' in html
    assert "ana says &lt;i&gt;4&lt;/i&gt;" in html and "ana&lt;x&gt;" in html
    assert "Shaded: from the lowest to the highest respondent" in html
    # team benefit = mean(100, 0, 50) = 50, lowest 0, highest 100
    assert (
        '<td>Benefit</td><td class="num">50.0</td><td class="num">0.0</td><td class="num">100.0</td>'
        in html
    )

    later = tmp_path / "later.json"
    later.write_text(
        write_answers({"benefit.why-worth-it": 4}, name="l.json").read_text("utf-8"),
        encoding="utf-8",
    )
    html = _report(invoke, "compare", str(team), str(later), "-f", "html")
    _assert_self_contained(html)
    assert "Baseline (dashed line, squares)" in html and "Latest (solid line, dots)" in html
    assert (
        '<td>Benefit</td><td class="num">50.0</td><td class="num">100.0</td><td>↑ up 50.0</td>'
        in html
    )


def test_summary_as_svg_for_slides(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_answers({"benefit.why-worth-it": 3})
    out = tmp_path / "summary.svg"
    result = invoke("summary", str(path), "-f", "svg", "-o", str(out))
    assert result.exit_code == 0
    svg = out.read_text("utf-8")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert "https://" not in svg  # nothing fetched when the slide is shown
    assert "Benefit" in svg and "75.0" in svg
    again = invoke("summary", str(path), "-f", "svg", "-o", str(out))
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_explain_shows_each_ratings_share(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(
        {
            "benefit.why-worth-it": 4,
            "benefit.communicate-why": 2,
            "benefit.strategic-need": 1,
            "benefit.measure": "n/a",
            "learning.built-in": 1,
        }
    )
    result = invoke("explain", str(path), "--no-color", "-p", "benefit")
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    # shares: 100 * 4 / 12 = 33.3, 100 * 2 / 12 = 16.7, 100 * 1 / 12 = 8.3; sum 58.3
    assert "What makes this innovation worth spreading and taking up? 4 33.3" in out
    assert "16.7" in out and "8.3" in out
    assert "58.3 = 100 × 7 / (3 × 4); the shares add up to the score." in out
    assert (
        "Not applicable, left out: How will you measure the real benefit of this change? "
        "(benefit.measure)" in out
    )
    assert "Unanswered, left out: " in out
    assert "(benefit.local-needs-agreed)" in out
    # overall = (58.33 + 25) / 2 = 41.7; Learning is counted though only Benefit is shown
    assert (
        "(1 × 58.3 (Benefit) + 1 × 25.0 (Learning)) / 2 = 41.7, in the band Early groundwork (0 to under 50)."
        in out
    )
    assert "Learning:" not in out


def test_explain_agrees_with_the_summary(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    path = write_answers(
        {"complexity.system-changes": 3, "networks.pull": 1, "networks.platforms": 4}
    )
    summary = json.loads(_report(invoke, "summary", str(path), "-f", "json"))
    explained = " ".join(_report(invoke, "explain", str(path), "--no-color").split())
    assert (
        f"= {summary['overall']['score']:.1f}, in the band {summary['overall']['band']}"
        in explained
    )
    for p in summary["principles"]:
        if p["score"] is not None:
            assert f"{p['name']}: {p['score']:.1f}, {p['band']}" in explained


@pytest.mark.parametrize("command", [["export", "-f", "html"], ["team", "-f", "html"]])
def test_html_output_respects_force(
    invoke: Invoke, write_answers: Callable[..., Path], tmp_path: Path, command: list[str]
) -> None:
    path = write_answers({"benefit.measure": 2})
    out = tmp_path / "report.html"
    out.write_text("keep", encoding="utf-8")
    result = invoke(command[0], str(path), *command[1:], "-o", str(out))
    assert result.exit_code == 1 and out.read_text("utf-8") == "keep"


def test_the_chart_reads_with_styles_off_and_in_a_contrast_theme(
    invoke: Invoke, write_answers: Callable[..., Path]
) -> None:
    """Without the style sheet (styles turned off, or stripped by a mail client) every shape of the
    chart still says how it is drawn, so it is not a black heptagon; in a contrast theme (forced
    colours) its text and lines take the theme's own colour; what carries meaning is at least
    3:1 against white."""
    from xml.etree import ElementTree

    path = write_answers({"benefit.measure": 1, "learning.share": 3})
    html = _report(invoke, "export", str(path), "-f", "html")
    svg = re.search(r'<svg class="radar".*?</svg>', html, flags=re.DOTALL)
    assert svg is not None
    root = ElementTree.fromstring(svg.group())
    shapes = [
        e
        for e in root.iter()
        if e.tag.split("}")[-1] in ("polygon", "line", "path", "rect", "circle", "text")
    ]
    assert shapes and all(e.get("fill") or e.get("stroke") for e in shapes)
    assert all(e.get("fill") == "none" for e in shapes if e.get("class") == "grid")
    assert "@media (forced-colors: active)" in html and "CanvasText" in html

    def contrast(colour: str) -> float:
        rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lum = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 1.05 / (0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2] + 0.05)

    strokes = {e.get("stroke") for e in shapes if e.get("stroke")}
    assert strokes and all(contrast(colour) >= 3 for colour in strokes if colour)
