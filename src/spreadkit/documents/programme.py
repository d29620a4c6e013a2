"""The programme report: every site's latest round by principle (the band written in each cell),
each site's overall score in every round, how it moved, the weakest principle across the
programme, the questions most often among sites' priorities, and the spread by principle where
enough sites have a round."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spreadkit.documents import parts
from spreadkit.documents.tree import (
    Block,
    BulletList,
    Cell,
    Column,
    Document,
    Inlines,
    Paragraph,
    Section,
    Strong,
    Table,
)
from spreadkit.model.safe import isolated
from spreadkit.model.wording import band_change, change, score_text, when
from spreadkit.model.words import plural

if TYPE_CHECKING:
    from spreadkit.model.bank import Band, Bank
    from spreadkit.model.programme import Programme, Round
    from spreadkit.model.reports import ProgrammeView

PROGRAMME_TITLE = "Spread programme: readiness across sites"


def programme_document(view: ProgrammeView) -> Document:
    bank, result = view.bank, view.programme
    each = sorted(len(site.rounds) for site in result.sites) or [0]
    # Counted site by site: "12" alone read as twelve rounds of the programme.
    a_site = f"{each[0]}" if each[0] == each[-1] else f"{each[0]} to {each[-1]}"
    rounds = f"{sum(each):,} in all, {a_site} a site"
    details: list[tuple[str, Inlines]] = []
    if view.report.made is not None:
        details.append(("Made", (when(view.report.made),)))
    details += [
        ("Sites", (str(len(result.sites)),)),
        ("Rounds", (rounds,)),
        *parts.left_out(result.left_out),
        parts.bank_detail(bank),
    ]
    if result.anonymous:
        details.append(("Sites shown as", ("Site A, Site B… in the order of their names",)))
    blocks: list[Block] = [
        _lead(result),
        Section(
            2,
            ("Latest round, by site and principle",),
            (
                Paragraph(
                    ("Each cell is the site's score in its latest round, and its band.",),
                    "aside",
                ),
                _latest(bank, result),
            ),
        ),
        Section(2, ("Overall score in every round",), _every_round(bank, result)),
        Section(2, ("Movement since the first round",), _movement(bank, result)),
        Section(2, ("Questions most often among sites' priorities",), _common(result)),
        Section(2, ("The programme's spread by principle",), _spread(result)),
        *_people(result),
        *parts.scale_and_bands(bank),
    ]
    return Document(
        title=view.report.title or PROGRAMME_TITLE,
        details=tuple(details),
        blocks=tuple(blocks),
        footer=parts.footer(bank),
        made=view.report.made,
        kind="programme",
    )


def _lead(result: Programme) -> Paragraph:
    weakest = result.weakest
    if weakest is None:
        return Paragraph((Strong("No principle is scored yet at any site."),), "lead")
    backwards = len(result.backwards)
    moved = f"; {plural(backwards, 'site')} moved backwards" if backwards else ""
    return Paragraph(
        (
            Strong(f"Weakest principle across the programme: {weakest.principle.name}"),
            f" (median {score_text(weakest.median)} over {plural(weakest.sites, 'site')}){moved}.",
        ),
        "lead",
    )


def _band_score(bank: Bank, score: float | None, band: Band | None) -> Cell:
    """A score and its band in words, shaded by the band where a format colours it."""
    if score is None:
        return Cell(("not scored",))
    return Cell((f"{score_text(score)} {band.label if band else ''}".strip(),), _shade(bank, band))


def _shade(bank: Bank, band: Band | None) -> float | None:
    return parts.band_cell(bank, band).shade


def _latest(bank: Bank, result: Programme) -> Table:
    columns = (
        Column("Site"),
        Column("Round"),
        *(Column(p.name, "band") for p in bank.principles),
        Column("Overall", "band"),
    )
    rows = []
    for site in result.sites:
        latest = site.latest
        cells = [parts.cell(site.name), parts.cell(latest.name)]
        for principle in bank.principles:
            mark = latest.mark(principle.id)
            cells.append(
                _band_score(bank, mark.score, mark.band) if mark else Cell(("not scored",))
            )
        cells.append(_band_score(bank, latest.overall, latest.overall_band))
        rows.append(tuple(cells))
    return Table(columns, tuple(rows))


def _people(result: Programme) -> list[Block]:
    """Who answered each site's latest round: only with --names, when the rounds keep them."""
    rows = tuple(
        (
            parts.cell(site.name),
            parts.cell(site.latest.name),
            parts.cell(", ".join(isolated(name) for name in site.latest.people)),
        )
        for site in result.sites
        if site.latest.people
    )
    if not rows:
        return []
    table = Table((Column("Site"), Column("Round"), Column("Who answered")), rows)
    return [Section(2, ("Who answered each site's latest round",), (table,))]


def _who(round_: Round) -> str:
    if round_.agreed:
        return f"{round_.respondents:,}, agreed"
    if round_.card:
        return f"{round_.respondents:,}, card"
    return f"{round_.respondents:,}"


def _every_round(bank: Bank, result: Programme) -> tuple[Block, ...]:
    columns = (
        Column("Site"),
        Column("Round"),
        Column("Date"),
        Column("Respondents", "number"),
        Column("Overall score", "number"),
        Column("Band", "band"),
    )
    rows = tuple(
        (
            parts.cell(site.name),
            parts.cell(r.name),
            parts.cell(r.date or "–"),
            parts.cell(_who(r)),
            parts.score_cell(r.overall),
            parts.band_cell(bank, r.overall_band),
        )
        for site in result.sites
        for r in site.rounds
    )
    blocks: list[Block] = [Table(columns, rows)]
    if result.agreed:
        said = "; ".join(f"{site.name}, {r.name}" for site, r in result.agreed)
        blocks.append(
            Paragraph(
                (
                    "An agreed file (made by spreadkit agree) stands for these rounds, and "
                    f"counts the people who agreed it: {said}.",
                ),
                "aside",
            )
        )
    if any(r.card for site in result.sites for r in site.rounds):
        blocks.append(
            Paragraph(
                ("A round marked card was read from the site's benchmark card: its scores only.",),
                "aside",
            )
        )
    return tuple(blocks)


def _movement(bank: Bank, result: Programme) -> tuple[Block, ...]:
    rows = []
    for site in result.sites:
        if len(site.rounds) < 2:
            continue
        first, latest = site.first, site.latest
        rows.append(
            (
                parts.cell(site.name),
                parts.score_cell(first.overall),
                parts.score_cell(latest.overall),
                parts.cell(change(site.moved)),
                Cell(
                    (band_change(first.overall_band, latest.overall_band),),
                    _shade(bank, latest.overall_band),
                ),
            )
        )
    if not rows:
        return (Paragraph(("Every site has one round so far.",), "aside"),)
    table = Table(
        (
            Column("Site"),
            Column("First", "number"),
            Column("Latest", "number"),
            Column("Change", "change"),
            Column("Band", "band"),
        ),
        tuple(rows),
    )
    backwards = result.backwards
    if backwards:
        said: Block = Section(
            3,
            ("Sites that moved backwards",),
            (
                BulletList(
                    tuple(
                        (f"{site.name}: {change(site.moved)} since {site.first.name}",)
                        for site in backwards
                    )
                ),
            ),
        )
    else:
        said = Paragraph(("No site moved backwards overall.",), "aside")
    return (table, said)


def _common(result: Programme) -> tuple[Block, ...]:
    if not result.common:
        return (Paragraph(("None: no site's latest round rates a question.",), "aside"),)
    rows = tuple(
        (
            parts.cell(f"{c.principle.name}: {c.question.text}"),
            parts.cell(str(c.sites)),
        )
        for c in result.common
    )
    return (
        Paragraph(
            (
                "A site's priorities are the five questions its latest round rated lowest "
                "(the mean of its people's ratings).",
            ),
            "aside",
        ),
        Table((Column("Question"), Column("Sites", "number")), rows),
    )


def _spread(result: Programme) -> tuple[Block, ...]:
    shown = [p for p in result.principles if p.spread is not None]
    hidden = [p for p in result.principles if p.spread is None]
    blocks: list[Block] = []
    if shown:
        rows = []
        for p in shown:
            s = p.spread
            assert s is not None
            rows.append(
                (
                    parts.cell(p.principle.name),
                    parts.cell(str(p.sites)),
                    *(parts.score_cell(v) for v in (s.min, s.q1, s.median, s.q3, s.max)),
                )
            )
        columns = (
            Column("Principle"),
            Column("Sites", "number"),
            Column("Lowest", "number"),
            Column("Lower quartile", "number"),
            Column("Median", "number"),
            Column("Upper quartile", "number"),
            Column("Highest", "number"),
        )
        blocks += [
            Paragraph(("Over each site's latest round.",), "aside"),
            Table(columns, tuple(rows)),
            Section(
                3,
                ("Each site's place",),
                (_places(result, shown_ids=[p.principle.id for p in shown]),),
            ),
        ]
    if hidden:
        names = ", ".join(p.principle.name for p in hidden)
        blocks.append(
            Paragraph(
                (
                    f"Not shown for {names}: fewer than {result.min_sites} sites have a round "
                    "scoring it, and in a small group a site could be picked out.",
                ),
                "aside",
            )
        )
    return tuple(blocks)


def _places(result: Programme, shown_ids: list[str]) -> Table:
    names = {p.principle.id: p.principle.name for p in result.principles}
    rows = tuple(
        (
            parts.cell(site.name),
            *(parts.cell(result.place(site, pid) or "–") for pid in shown_ids),
        )
        for site in result.sites
    )
    return Table((Column("Site"), *(Column(names[pid]) for pid in shown_ids)), rows)
