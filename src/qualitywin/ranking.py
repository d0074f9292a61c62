"""Ranking and selection: competition ranking by total, then at most N 入选 a month.

A tie group of rank r and size g takes places r … r+g−1: all 入选 if r+g−1 ≤ N, all 并列待定 if
r ≤ N < r+g−1 (the evaluation group decides; the tool never picks among tied windows).
The group's decision comes in as picks (`score --pick`): `apply_picks` records it after selection.
"""

from __future__ import annotations

from itertools import groupby

from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.model import WindowScore
from qualitywin.scheme import Scheme

SELECTED = "入选"
TIED = "并列待定"


def rank_and_select(scores: list[WindowScore], scheme: Scheme,
                    picks: tuple[str, ...] = ()) -> list[WindowScore]:
    ranked = rank(scores, scheme.roster)
    select(ranked, scheme.winners)
    if picks:
        apply_picks(ranked, picks, scheme)
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


def apply_picks(ranked: list[WindowScore], picks: tuple[str, ...], scheme: Scheme) -> None:
    """Record the evaluation group's choice among the 并列待定 windows.

    The picked windows become 入选 (decided), the rest of the tie group blank. Every wrong pick is
    reported at once (QualitywinError); nothing changes unless all picks are right.
    """
    tied = [s for s in ranked if s.status == TIED]
    if not tied:
        raise QualitywinError.of(Code.PICK_NO_TIE, picks=list(picks))
    chosen, problems = _resolve_picks(ranked, picks, scheme)
    free = scheme.winners - sum(1 for s in ranked if s.status == SELECTED)
    if len(picks) > free:
        problems.append(Issue(Code.PICK_TOO_MANY, params={
            "count": len(picks), "free": free, "tied": [s.window for s in tied]}))
    if problems:
        raise QualitywinError(problems)
    for score in tied:
        score.status = SELECTED if score.window in chosen else ""
        score.decided = score.window in chosen


def _resolve_picks(ranked: list[WindowScore], picks: tuple[str, ...],
                   scheme: Scheme) -> tuple[set[str], list[Issue]]:
    """The roster names picked (names and aliases as records.lookup_window takes them)."""
    from qualitywin.records import lookup_window

    by_window = {s.window: s for s in ranked}
    tied = [s.window for s in ranked if s.status == TIED]
    lookup = scheme.window_lookup()
    chosen: set[str] = set()
    problems: list[Issue] = []
    for pick in picks:
        found = lookup_window(pick, scheme, lookup)
        if not isinstance(found, str):
            problems.append(Issue(Code.PICK_UNKNOWN_WINDOW, value=pick, params={
                "suggestions": found.params.get("suggestions", [])}))
        elif found in chosen:
            problems.append(Issue(Code.PICK_DUPLICATE, value=pick, params={"window": found}))
        elif found not in tied:
            score = by_window.get(found)
            problems.append(Issue(Code.PICK_NOT_TIED, value=pick, params={
                "window": found, "rank": score.rank if score else "—",
                "status": (score.status if score else "") or "—", "tied": tied}))
        else:
            chosen.add(found)
    return chosen, problems
