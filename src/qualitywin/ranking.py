"""Ranking and selection: competition ranking by total, then at most N 入选 a month.

A tie group of rank r and size g takes places r … r+g−1: all 入选 if r+g−1 ≤ N, all 并列待定 if
r ≤ N < r+g−1 (the evaluation group decides; the tool never picks among tied windows).
"""

from __future__ import annotations

from itertools import groupby

from qualitywin.model import WindowScore
from qualitywin.scheme import Scheme

SELECTED = "入选"
TIED = "并列待定"


def rank_and_select(scores: list[WindowScore], scheme: Scheme,
                    picks: tuple[str, ...] = ()) -> list[WindowScore]:
    ranked = rank(scores, scheme.roster)
    select(ranked, scheme.winners)
    return ranked


def rank(scores: list[WindowScore], roster: tuple[str, ...]) -> list[WindowScore]:
    """Highest total first, ties in roster order; ranks 1, 2, 2, 4."""
    order = {w: i for i, w in enumerate(roster)}
    ranked = sorted(scores, key=lambda s: (-s.total, order[s.window]))
    for place, score in enumerate(ranked, start=1):
        score.rank = place if place == 1 or score.total != ranked[place - 2].total else ranked[place - 2].rank
    return ranked


def select(ranked: list[WindowScore], winners: int) -> None:
    for _, group in groupby(ranked, key=lambda s: s.rank):
        members = list(group)
        first, last = members[0].rank, members[0].rank + len(members) - 1
        status = SELECTED if last <= winners else TIED if first <= winners else ""
        for score in members:
            score.status = status
