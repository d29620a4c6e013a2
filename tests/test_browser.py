"""The HTML reports in a real browser: headless Chromium draws them to PNG, offline.

The picture comes from Chromium's --screenshot. Whether the page fetched anything is read from
Chromium's own account of the page's network traffic, over the DevTools protocol on a pipe, so the
browser's background housekeeping (update checks and the like) cannot be mistaken for the page.
A control page with a remote image shows the check does see a request.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Chromium is not installed (.ci/run installs Debian's chromium for this test)",
    ),
    pytest.mark.skipif(
        sys.platform == "win32", reason="the DevTools pipe needs POSIX file handles"
    ),
]
Image = pytest.importorskip("PIL.Image")
LATEST_BLUE = (31, 95, 168)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def screenshot(page: Path, png: Path) -> None:
    assert CHROMIUM is not None
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--window-size=1000,1400",
                f"--screenshot={png}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


class DevTools:
    """A minimal DevTools protocol client over --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, profile: str) -> None:
        assert CHROMIUM is not None
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # Chromium reads commands on fd 3 and writes replies on fd 4; a small Python step puts the
        # pipes there and becomes Chromium (a shell cannot name descriptors above 9).
        # The copies go via fds 100 and 101, so a pipe that already sits at 3 or 4 is not lost.
        wiring = (
            "import os, sys; os.dup2(int(sys.argv[1]), 100); os.dup2(int(sys.argv[2]), 101); "
            "os.dup2(100, 3); os.dup2(101, 4); os.execv(sys.argv[3], sys.argv[3:])"
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                wiring,
                str(to_browser_r),
                str(from_browser_w),
                CHROMIUM,
                *FLAGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-pipe",
            ],
            pass_fds=(to_browser_r, from_browser_w),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 65536):
            buffer += chunk
            *whole, buffer = buffer.split(b"\0")
            for raw in whole:
                self.messages.put(json.loads(raw))

    def call(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 30
        while True:
            reply = self.messages.get(timeout=max(deadline - time.monotonic(), 0.01))
            if reply.get("id") == self._next_id:
                assert "error" not in reply, reply
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, event: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self.messages.get(timeout=max(deadline - time.monotonic(), 0.01)))

    def drain(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            try:
                self.events.append(self.messages.get(timeout=left))
            except queue.Empty:
                return

    def close(self) -> None:
        with suppress(OSError, queue.Empty, AssertionError):
            self.call("Browser.close")
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        os.close(self._to_browser)


@contextmanager
def devtools() -> Iterator[DevTools]:
    with tempfile.TemporaryDirectory() as profile:
        browser = DevTools(profile)
        try:
            yield browser
        finally:
            browser.close()


def requests_made_by(page: Path) -> list[str]:
    """Every network address the page asked for while it loaded (its own file aside)."""
    with devtools() as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call("Network.enable", session)
        browser.call("Page.enable", session)
        browser.call("Page.navigate", session, url=page.as_uri())
        browser.wait_for("Page.loadEventFired")
        browser.drain(0.5)
        urls = [
            e["params"]["request"]["url"]
            for e in browser.events
            if e.get("method") == "Network.requestWillBeSent" and e.get("sessionId") == session
        ]
    return [url for url in urls if not url.startswith(("file:", "data:"))]


def looks_drawn(png: Path) -> dict[str, Any]:
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        # Pillow 12 renamed getdata; older releases only have the old name.
        flatten = getattr(rgb, "get_flattened_data", None) or rgb.getdata
        counts = Counter(flatten())
    total = rgb.width * rgb.height
    near_blue = sum(
        n
        for colour, n in counts.items()
        if sum(abs(a - b) for a, b in zip(colour, LATEST_BLUE, strict=True)) < 40
    )
    return {
        "size": rgb.size,
        "inked": 1 - counts[(255, 255, 255)] / total,
        "colours": len(counts),
        "blue": near_blue,
    }


@pytest.fixture
def reports(
    invoke: Callable[..., Any], write_answers: Callable[..., Path], tmp_path: Path
) -> dict[str, Path]:
    team = tmp_path / "team"
    team.mkdir()
    ratings = {"ana": 4, "ben": 1, "cy": 2}
    for name, rating in ratings.items():
        answers = {
            qid: (rating, "<script>alert(1)</script>")
            for qid in (
                "complexity.system-changes",
                "leadership.shared-purpose",
                "benefit.measure",
                "learning.share",
                "networks.pull",
            )
        }
        source = write_answers(answers, name=f"{name}-src.json", respondent=name)
        (team / f"{name}.json").write_text(source.read_text("utf-8"), encoding="utf-8")
    pages = {
        "single": ["export", str(team / "ana.json"), "-f", "html"],
        "team": ["team", str(team), "-f", "html", "--names"],
        "compare": ["compare", str(team / "ben.json"), str(team / "ana.json"), "-f", "html"],
    }
    out = {}
    for kind, args in pages.items():
        page = tmp_path / f"{kind}.html"
        assert invoke(*args, "-o", str(page)).exit_code == 0
        out[kind] = page
    return out


@pytest.mark.parametrize("kind", ["single", "team", "compare"])
def test_report_renders_and_fetches_nothing(
    reports: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    png = tmp_path / f"{kind}.png"
    screenshot(reports[kind], png)
    seen = looks_drawn(png)
    assert seen["size"] == (1000, 1400)
    assert seen["inked"] > 0.03, "the page looks blank"
    assert seen["colours"] > 50
    assert seen["blue"] > 200, "the chart's score line is not drawn"
    assert requests_made_by(reports[kind]) == []


def test_a_page_that_fetches_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><img src="http://example.test/pixel.png" alt="">'
        '<link rel="stylesheet" href="https://fonts.example.test/font.css">',
        encoding="utf-8",
    )
    assert sorted(requests_made_by(page)) == [
        "http://example.test/pixel.png",
        "https://fonts.example.test/font.css",
    ]


# On a phone, and for everyone: the example workshop's reports at 1280 and 390 pixels wide ------

AXE = os.environ.get("SPREADKIT_AXE", "")


@pytest.fixture(scope="module")
def workshop_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every HTML report, made from the example workshop."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "examples"))
    from make_workshop import make
    from typer.testing import CliRunner

    from spreadkit.cli.commands import app

    folder = tmp_path_factory.mktemp("workshop")
    make(folder)
    runner = CliRunner()
    plan = folder / "plan.json"
    commands = {
        "person": ["export", str(folder / "sam.json")],
        "team": ["team", str(folder / "baseline")],
        "plan": ["plan", str(folder / "baseline")],
        "compare": [
            "compare",
            str(folder / "baseline"),
            str(folder / "review"),
            "--plan",
            str(plan),
        ],
    }
    assert runner.invoke(app, ["plan", str(folder / "baseline"), "-o", str(plan)]).exit_code == 0
    pages = {}
    for name, args in commands.items():
        page = folder / f"{name}.html"
        result = runner.invoke(app, [*args, "-f", "html", "-o", str(page)])
        assert result.exit_code == 0, result.output
        pages[name] = page
    return pages


def _measure(page: Path, width: int) -> dict[str, Any]:
    """The page's own width at this window width, and what axe-core finds, if it is here."""
    with devtools() as browser:
        target = browser.call("Target.createTarget", url="about:blank")["targetId"]
        session = browser.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=900,
            deviceScaleFactor=1,
            mobile=width < 600,
        )
        browser.call("Page.enable", session)
        browser.call("Page.navigate", session, url=page.as_uri())
        browser.wait_for("Page.loadEventFired")

        def evaluate(expression: str) -> Any:
            reply = browser.call(
                "Runtime.evaluate",
                session,
                expression=expression,
                awaitPromise=True,
                returnByValue=True,
            )
            return reply["result"].get("value")

        found: dict[str, Any] = {
            "width": evaluate("document.documentElement.scrollWidth"),
            "smallest": evaluate(
                "Math.min(...[...document.querySelectorAll('svg.radar text')].map("
                "t => t.getBoundingClientRect().height).filter(h => h > 0))"
            ),
        }
        if AXE:
            evaluate(Path(AXE).read_text(encoding="utf-8"))
            found["violations"] = evaluate(
                "axe.run(document).then(r => r.violations.map(v => v.id + ': ' + "
                "v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')))"
            )
    return found


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["person", "team", "plan", "compare"])
def test_every_report_fits_the_screen_and_is_accessible(
    workshop_pages: dict[str, Path], name: str, width: int
) -> None:
    found = _measure(workshop_pages[name], width)
    # No sideways scrolling: a wide table scrolls in its own box, the chart scales.
    assert found["width"] <= width
    if name != "plan":
        # The chart's labels stay legible as it scales down (at least 9 CSS pixels tall).
        assert found["smallest"] >= 9
    if not AXE:
        pytest.skip("axe-core is not here (.ci/run installs it and sets SPREADKIT_AXE)")
    assert found["violations"] == []


def test_a_long_unbroken_name_or_title_wraps_on_a_phone(
    write_answers: Callable[..., Path], invoke: Callable[..., Any], tmp_path: Path
) -> None:
    path = write_answers({"benefit.measure": 3}, respondent="B" * 190, title="T" * 150)
    page = tmp_path / "report.html"
    assert invoke("export", str(path), "-f", "html", "-o", str(page)).exit_code == 0
    assert _measure(page, 390)["width"] <= 390
