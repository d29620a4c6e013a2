"""Every question in the built-in bank reads correctly on its own and reads easily.

A question is shown alone in many places (the team's top ten, the plan, survey forms, workbooks,
board packs), so it must not lean on the question before it. And the people rating it are busy:
it should be plain English.
"""

from __future__ import annotations

import re

import pytest

from spreadkit.model.bank import Bank

# Words that point back to something said before. A question may not begin with any of them.
POINTING_BACK = ("that", "those", "these", "it", "its", "them", "they", "this", "each")
# Of those, words the bank's question text does not use anywhere. "That" is on the list because
# a test cannot reliably tell "that reason" (pointing back) from "the people that..." (joining two
# parts of a sentence), so the bank does without the word in its question text altogether.
# "Each of them" is caught by "them".
NEVER_USED = ("that", "those", "these", "them")
# "It" and "its" are allowed only once the question itself has named what they stand for: one of
# these words must come earlier in the same question.
ANTECEDENTS = ("innovation", "change", "spread", "plan", "work", "benefit", "purpose")

# The lowest Flesch reading ease any question may have. 60 to 70 is plain English; 50 to 60
# "fairly difficult", the edge of what a busy reader takes in at a glance.
LOWEST_EASE = 50


def words(text: str) -> list[str]:
    """The words of a text, lower case: runs of letters, with apostrophes kept inside a word and
    a hyphenated word split into its parts ("day-to-day" is three words)."""
    return [
        part
        for word in re.findall(r"[A-Za-z][A-Za-z'\u2019-]*", text)
        for part in word.lower().split("-")
        if part
    ]


def back_pointing_problems(text: str) -> list[str]:
    """What makes a question lean on what came before it; empty when it stands alone."""
    found: list[str] = []
    ws = words(text)
    if ws and ws[0] in POINTING_BACK:
        found.append(f"begins with {ws[0]!r}")
    for word in NEVER_USED:
        if word in ws:
            found.append(f"uses {word!r}")
    for i, word in enumerate(ws):
        if word in ("it", "its") and not any(earlier.startswith(ANTECEDENTS) for earlier in ws[:i]):
            found.append(f"uses {word!r} before naming what it stands for")
    return found


def syllables(word: str) -> int:
    """Syllables in one word, by rule: count the runs of vowels (a, e, i, o, u and y), then take
    one off for a silent ending: a final "e" (but not "-le" or "-ee", as in "people" or "agree"),
    a final "ed" after a consonant other than t or d ("used", not "wanted"), or a final "es"
    after a consonant other than s, x, z, c, g or h ("roles", not "changes"). A word has at
    least one syllable."""
    word = word.replace("'", "").replace("\u2019", "")
    count = len(re.findall(r"[aeiouy]+", word))
    if count > 1 and (
        (word.endswith("e") and not word.endswith(("le", "ee")))
        or re.search(r"[^aeiouytd]ed$", word)
        or re.search(r"[^aeiouysxzcgh]es$", word)
    ):
        count -= 1
    return max(count, 1)


def reading_ease(text: str) -> float:
    """The Flesch reading ease of a text:

        206.835 − 1.015 × (words / sentences) − 84.6 × (syllables / words)

    Words are as in `words`, syllables as in `syllables`. Sentences are counted by their ending
    marks (a run of ".", "?" or "!"), and a text without one is one sentence. Higher is easier:
    above 60 is plain English."""
    ws = words(text)
    sentences = max(len(re.findall(r"[.?!]+", text)), 1)
    total = sum(syllables(w) for w in ws)
    return 206.835 - 1.015 * len(ws) / sentences - 84.6 * total / len(ws)


@pytest.mark.parametrize(
    "text",
    [
        "How clearly can you communicate that reason?",
        "How far are you working with the people in those roles?",
        "What can each of them contribute to it?",
        "How well do adopters support one another through these networks?",
        "It is agreed who does what.",
        "What might they gain from it?",
    ],
)
def test_the_check_catches_questions_that_point_back(text: str) -> None:
    assert back_pointing_problems(text)


def test_the_check_passes_questions_that_stand_alone() -> None:
    assert not back_pointing_problems("What will this innovation mean for the staff it touches?")
    assert not back_pointing_problems("How far is learning built into the way work is run?")


def test_every_question_stands_on_its_own(bank: Bank) -> None:
    """No question begins with a word that points back ("that", "those", "these", "it", "its",
    "them", "they", "this", "each"); none uses "that", "those", "these" or "them" (so not "each of
    them") anywhere; and "it" or "its" comes only after the question has itself named what it
    stands for (the innovation, the change, the spread, the plan, the work, the benefit or the
    purpose)."""
    problems = {q.id: back_pointing_problems(q.text) for _, q in bank.questions()}
    assert {qid: found for qid, found in problems.items() if found} == {}


def test_syllables_and_reading_ease_follow_the_stated_rules() -> None:
    counted = {
        "the": 1,
        "are": 1,
        "people": 2,
        "agreed": 2,
        "used": 1,
        "wanted": 2,
        "roles": 1,
        "changes": 2,
        "routines": 2,
        "innovation": 4,
        "you": 1,
    }
    assert {w: syllables(w) for w in counted} == counted
    # 6 words in 1 sentence, 6 syllables: 206.835 - 1.015 * 6 / 1 - 84.6 * 6 / 6 = 116.145
    assert reading_ease("How far is this in place?") == pytest.approx(116.145)
    # A question that buries its meaning in long words scores low, and would fail.
    hard = "How will adopting, spreading and sustaining this innovation be recognised and rewarded?"
    assert reading_ease(hard) < LOWEST_EASE


def test_every_question_reads_easily(bank: Bank) -> None:
    """Every question's Flesch reading ease, 206.835 − 1.015 × words/sentences − 84.6 ×
    syllables/words, with syllables counted by the rule in `syllables`, is at least 50."""
    scores = {q.id: round(reading_ease(q.text), 1) for _, q in bank.questions()}
    assert len(scores) == len(bank.question_ids)
    assert {qid: s for qid, s in scores.items() if s < LOWEST_EASE} == {}
    # The ten that read hardest in bank 1.1.0 now read as plain English.
    for qid in (
        "benefit.how-recognised",  # replaces benefit.recognise-and-reward
        "benefit.expected-benefit",
        "individual.routines",
        "benefit.measure",
        "complexity.relationships",
        "networks.key-roles",
        "leadership.coordination",
        "innovation-development.trial-space",  # replaces innovation-development.safe-space
        "complexity.interdependencies",
        "innovation-development.room-to-adapt",
    ):
        assert scores[qid] >= 60, qid
