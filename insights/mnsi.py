"""The Michigan Neuropathy Screening Instrument (MNSI), patient part: 15 yes/no
questions about the feeling in the legs and feet, answered by the person. Pure: no ORM.

Source and licence (checked 2026-12-03):

- Wording of the 15 questions: PhenX Toolkit protocol 140401 "Diabetic Peripheral
  Neuropathy" (https://phenxtoolkit.org/protocols/view/140401), which reproduces the
  MNSI self-administered questionnaire and states: "This protocol is freely available;
  permission not required for use." The MNSI's clinical examination (part B) is not in
  that protocol and not here.
- Scoring: University of Michigan, "How to Use the Michigan Neuropathy Screening
  Instrument" (the instrument's own instructions, as reproduced at
  https://docsbay.net/doc/162278/how-to-use-the-michigan-neuropathy-screening-instrument):
  "yes" to items 1-3, 5-6, 8-9, 11-12 and 14-15 counts 1 point each; "no" to items 7 and
  13 counts 1 point; item 4 (a measure of impaired circulation) and item 10 (general
  asthenia) are not scored; total 0 to 13. (PhenX's own one-line summary, "score each
  positive response as 1", is a simplification; the University's item rule is used.)
- Cut-offs: 7 or more was the original threshold (Feldman et al., Diabetes Care 1994;
  17:1281-9); 4 or more was proposed from the DCCT/EDIC cohort (Herman et al., Diabet
  Med 2012;29:937-44). Both are shown, as screening thresholds of a questionnaire
  validated in people with diabetes, never as a diagnosis.
- Indonesian: no validated Indonesian translation of the MNSI questionnaire was found,
  so the questions are shown in the English original in both languages, with a note in
  Indonesian saying so; nothing of the instrument's wording is translated here. Only
  LegLog's own text around it (titles, the note, the score line) is translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

ITEM_COUNT = 15
MAX_SCORE = 13
# Items whose "yes" counts 1 point, whose "no" counts 1 point, and the unscored ones.
YES_SCORES = frozenset({1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15})
NO_SCORES = frozenset({7, 13})
UNSCORED = frozenset({4, 10})
CUTOFF_HERMAN_2012 = 4
CUTOFF_FELDMAN_1994 = 7

CANONICAL_URL = "https://phenxtoolkit.org/protocols/view/140401"
SOURCE = "PhenX Toolkit protocol 140401 (MNSI patient questionnaire; free, no permission needed)"

# The instrument's English wording (PhenX 140401). Not translated: see the module's note.
QUESTIONS: tuple[str, ...] = (
    "Are your legs and/or feet numb?",
    "Do you ever have any burning pain in your legs and/or feet?",
    "Are your feet too sensitive to touch?",
    "Do you get muscle cramps in your legs and/or feet?",
    "Do you ever have any prickling feelings in your legs or feet?",
    "Does it hurt when the bed covers touch your skin?",
    "When you get into the tub or shower, are you able to tell the hot water from the cold water?",
    "Have you ever had an open sore on your foot?",
    "Has your doctor ever told you that you have diabetic neuropathy?",
    "Do you feel weak all over most of the time?",
    "Are your symptoms worse at night?",
    "Do your legs hurt when you walk?",
    "Are you able to sense your feet when you walk?",
    "Is the skin on your feet so dry that it cracks open?",
    "Have you ever had an amputation?",
)
INSTRUCTIONS = (
    "Please take a few minutes to answer the questions below about the feeling in your "
    "legs and feet. Check yes or no based on how you usually feel."
)


def score(answers: Sequence[bool]) -> int:
    """The MNSI history score (0-13) of 15 answers, True for "yes", in item order."""
    if len(answers) != ITEM_COUNT or not all(isinstance(a, bool) for a in answers):
        raise ValueError("The MNSI has 15 yes/no answers.")
    points = 0
    for item, yes in enumerate(answers, start=1):
        if (item in YES_SCORES and yes) or (item in NO_SCORES and not yes):
            points += 1
    return points


@dataclass(frozen=True)
class Trend:
    """The scores over time, oldest first, and the change from the first to the last."""

    scores: tuple[int, ...]

    @property
    def change(self) -> int | None:
        return self.scores[-1] - self.scores[0] if len(self.scores) > 1 else None


def at_or_above(points: int, cutoff: int) -> bool:
    return points >= cutoff
