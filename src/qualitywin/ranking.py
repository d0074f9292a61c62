"""Ranking and selection: competition ranking by total, then at most N 入选 a month.

Ranks are by total over all windows (1, 2, 2, 4). Selection walks the eligible windows in rank
order: a window with a counted veto row (一票否决) or below the scheme's minimum total (未达最低分)
is skipped and frees its place. A tie group taking places p … p+g−1 of the eligible windows is
all 入选 if p+g−1 ≤ N, all 并列待定 if p ≤ N < p+g−1 — unless the scheme lists tie-break criteria:
then each criterion in turn splits the group, and only what they cannot separate stays 并列待定
(the evaluation group decides; the tool never picks among windows the scheme cannot tell apart).
The group's decision among 并列待定 windows comes in as picks (`score --pick`):
`apply_picks` records it after selection.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import groupby
from typing import Callable

from qualitywin.decimals import plain_text
from qualitywin.issues import Code, Issue, QualitywinError
from qualitywin.model import WindowScore
from qualitywin.scheme import Scheme
from qualitywin.vocabulary import Reason, ReasonCode, WindowStatus

SELECTED = WindowStatus.SELECTED
TIED = WindowStatus.TIED
VETOED = WindowStatus.VETOED
BELOW_MINIMUM = WindowStatus.BELOW_MINIMUM
NONE = WindowStatus.NONE

TieKey = Callable[[WindowScore], Decimal | int]


def rank_and_select(
    scores: list[WindowScore], scheme: Scheme, picks: tuple[str, ...] = ()
) -> list[WindowScore]:
    ranked = rank(scores, scheme.roster)
    eligible = set_aside_ineligible(ranked, scheme)
    select(eligible, scheme.winners, scheme)
    if picks:
        apply_picks(ranked, picks, scheme)
    return ranked


def rank(scores: list[WindowScore], roster: tuple[str, ...]) -> list[WindowScore]:
    """Highest total first, ties in roster order; ranks 1, 2, 2, 4."""
    order = {w: i for i, w in enumerate(roster)}
    ranked = sorted(scores, key=lambda s: (-s.total, order[s.window]))
    for place, score in enumerate(ranked, start=1):
        score.rank = (
            place
            if place == 1 or score.total != ranked[place - 2].total
            else ranked[place - 2].rank
        )
    return ranked


def set_aside_ineligible(ranked: list[WindowScore], scheme: Scheme) -> list[WindowScore]:
    """Mark vetoed windows and those below the minimum total; return the others, in order."""
    eligible = []
    for score in ranked:
        if score.veto is not None:
            score.status, score.cause = VETOED, veto_reason(score, scheme)
        elif scheme.min_total is not None and score.total < scheme.min_total:
            score.status = BELOW_MINIMUM
            score.cause = Reason(
                ReasonCode.BELOW_MINIMUM,
                {"total": plain_text(score.total), "min_total": plain_text(scheme.min_total)},
            )
        else:
            eligible.append(score)
    return eligible


def veto_reason(score: WindowScore, scheme: Scheme) -> Reason:
    veto = score.veto
    assert veto is not None
    return Reason(
        ReasonCode.VETO,
        {
            "rule": veto.rule_id,
            "label": scheme.rule(veto.rule_id).short,
            "sheet": veto.sheet,
            "row": veto.row,
        },
    )


def select(eligible: list[WindowScore], winners: int, scheme: Scheme | None = None) -> None:
    """Places 1 … N among the eligible windows, in rank order; ties straddling the cut go to
    the scheme's tie-break criteria, if any."""
    criteria = scheme.tie_break if scheme is not None else ()
    place = 1
    for _, group in groupby(eligible, key=lambda s: s.total):
        members = list(group)
        settle(members, winners - place + 1, criteria, scheme, [])
        place += len(members)


def settle(
    members: list[WindowScore],
    seats: int,
    criteria: tuple[str, ...],
    scheme: Scheme | None,
    used: list[str],
) -> None:
    """Give `seats` places to a group of windows the criteria in `used` could not separate."""
    if seats >= len(members) or seats <= 0:
        code = ReasonCode.TIE_SELECTED if seats > 0 else ReasonCode.TIE_LEFT_OUT
        for score in members:
            score.status = SELECTED if seats > 0 else NONE
            score.cause = Reason(code, {"criteria": list(used)}) if used else None
        return
    if not criteria:
        for score in members:
            score.status = TIED
            score.cause = (
                Reason(ReasonCode.TIE_UNRESOLVED, {"criteria": list(used)}) if used else None
            )
        return
    name, rest = criteria[0], criteria[1:]
    key = tie_key(name, scheme)
    for _, sub in groupby(sorted(members, key=key), key=key):
        part = list(sub)
        settle(part, seats, rest, scheme, [*used, name])
        seats -= len(part)


# -- tie-break criteria: one small function each; the names are scheme.CRITERIA ---------------


def fewer_counted_rows(score: WindowScore) -> int:
    return score.counted_rows


def fewer_deducted(score: WindowScore) -> Decimal:
    return score.deducted


def more_bonus(score: WindowScore) -> Decimal:
    return -score.bonus


def fewer_lost(category: str, points: Decimal) -> TieKey:
    return lambda score: points - score.categories[category]


CRITERIA: dict[str, TieKey] = {
    "fewer_counted_rows": fewer_counted_rows,
    "fewer_deducted": fewer_deducted,
    "more_bonus": more_bonus,
}


def tie_key(name: str, scheme: Scheme | None) -> TieKey:
    """The sort key of a criterion: the lower, the better placed."""
    if name.startswith("fewer_lost:"):
        assert scheme is not None
        category = name.partition(":")[2]
        return fewer_lost(category, scheme.category(category).points)
    return CRITERIA[name]


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
        problems.append(
            Issue(
                Code.PICK_TOO_MANY,
                params={"count": len(picks), "free": free, "tied": [s.window for s in tied]},
            )
        )
    if problems:
        raise QualitywinError(problems)
    for score in tied:
        score.status = SELECTED if score.window in chosen else NONE
        score.decided = score.window in chosen


def _resolve_picks(
    ranked: list[WindowScore], picks: tuple[str, ...], scheme: Scheme
) -> tuple[set[str], list[Issue]]:
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
            problems.append(
                Issue(
                    Code.PICK_UNKNOWN_WINDOW,
                    value=pick,
                    params={"suggestions": found.params.get("suggestions", [])},
                )
            )
        elif found in chosen:
            problems.append(Issue(Code.PICK_DUPLICATE, value=pick, params={"window": found}))
        elif found not in tied:
            score = by_window.get(found)
            problems.append(
                Issue(
                    Code.PICK_NOT_TIED,
                    value=pick,
                    params={
                        "window": found,
                        "rank": score.rank if score else "—",
                        "status": (score.status if score else "") or "—",
                        "tied": tied,
                    },
                )
            )
        else:
            chosen.add(found)
    return chosen, problems
