"""The members of a comparison: one district (its AGS) or a peer group — all Hessian
districts, the KJC, the gE, an SGB II Vergleichstyp — and how a token names them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from kjc_tui.read.catalogue import District

GROUP_HESSEN = "group:hessen"
GROUP_KJC = "group:kjc"
GROUP_GE = "group:ge"
TYPE_PREFIX = "type:"


@dataclass(frozen=True)
class Member:
    """A column of a comparison: one district or a peer group of districts. Data, not words:
    `name` is a district's (or an outside peer's) name, a Vergleichstyp's code, or empty for
    the other groups; the UI names a group by its token and size."""

    token: str
    name: str
    ags: tuple[str, ...]
    #: a jobcenter outside Hessen (from the nationwide § 48a file)
    peer: bool = False

    @property
    def is_group(self) -> bool:
        return not (len(self.ags) == 1 and self.token == self.ags[0])

    @property
    def size(self) -> int:
        return len(self.ags)


def group_tokens(districts: Sequence[District]) -> list[str]:
    """The tokens of the peer groups one can compare: the fixed groups, then each Vergleichstyp."""
    types = sorted({d.peer_type for d in districts if d.peer_type}, key=peer_type_key)
    return [GROUP_HESSEN, GROUP_KJC, GROUP_GE, *(TYPE_PREFIX + t for t in types)]


def peer_type_key(t: str) -> tuple[int, str]:
    """Order Vergleichstypen as people read them: Ia, Ib, IIa, …, IIIe, IV, V."""
    roman = t.rstrip("abcde")
    return ({"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}.get(roman, 9), t[len(roman):])


def resolve(token: str, districts: Sequence[District], peers: Sequence[District] = ()) -> Member | None:
    """A member token ("06437", "group:kjc", "type:IIIb", a peer's jobcenter id …) as a Member, or None
    if unknown. Groups are made of the Hessian districts only."""
    by_ags = {d.ags: d for d in (*districts, *peers)}
    if token in by_ags:
        d = by_ags[token]
        return Member(token, d.name, (token,), d.peer)
    name = ""
    if token == GROUP_HESSEN:
        chosen = list(districts)
    elif token == GROUP_KJC:
        chosen = [d for d in districts if d.model == "zkT"]
    elif token == GROUP_GE:
        chosen = [d for d in districts if d.model == "gE"]
    elif token.startswith(TYPE_PREFIX) and len(token) > len(TYPE_PREFIX):
        name = token[len(TYPE_PREFIX):]
        chosen = [d for d in districts if d.peer_type == name]
        if not chosen:
            return None  # an unknown Vergleichstyp, not an empty group
    else:
        return None
    return Member(token, name, tuple(d.ags for d in chosen))


def unknown(token: str) -> tuple[str, str]:
    """What an unresolvable member token names, for the UI to word: ("type", "ZZ") for an
    unknown Vergleichstyp, ("group", name) for an unknown group, ("district", token) else."""
    if token.startswith(TYPE_PREFIX):
        return "type", token[len(TYPE_PREFIX):]
    if token.startswith("group:"):
        return "group", token[len("group:"):]
    return "district", token
