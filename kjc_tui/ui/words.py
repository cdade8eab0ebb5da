"""The UI's wording of what the read layer returns as codes: peer groups, unknown members,
denominators of a norm, the nearest neighbours. In the current language (`i18n.t`);
numbers through `chartfmt` (the UI's number format)."""

from __future__ import annotations

from collections.abc import Mapping

from kjc_tui.core import fmt
from kjc_tui.read import compare as cmp
from kjc_tui.ui.i18n import language, t
from kjc_tui.ui.widgets import chartfmt as cf

_GROUPS = {cmp.GROUP_HESSEN: "group.hessen", cmp.GROUP_KJC: "group.kjc", cmp.GROUP_GE: "group.ge"}


def group_option(token: str) -> str:
    """A peer group as the selectors offer it: "Alle KJC", "Vergleichstyp IIIc", …"""
    if token in _GROUPS:
        return t(_GROUPS[token])
    if token.startswith(cmp.TYPE_PREFIX):
        return t("group.type", type=token[len(cmp.TYPE_PREFIX):])
    return token


def unknown_member(token: str) -> str:
    """An unresolvable member token, worded: "unbekannter Vergleichstyp ZZ"."""
    kind, name = cmp.unknown(token)
    return t(f"cmp.unknown.{kind}", name=fmt.strip_controls(name))


def denominator(norm: cmp.Norm) -> str:
    """The name of a norm's denominator ("Einwohnerzahl (EW)")."""
    return t(f"norm.den.{norm.denominator}") if norm.denominator else ""


def norm_label(norm: cmp.Norm) -> str:
    """"absolut", "je 1.000 Einwohner", …"""
    return t(f"norm.{norm.key}")


def neighbour_line(n: cmp.Neighbour, names: Mapping[str, str], top: int = 3) -> str:
    """"Odenwald: Abstand 0,80 über 20 Kennzahlen (größte Unterschiede in z: K2E3 −1,8, …)"."""
    line = t("cmp.neighbour_line", name=names.get(n.ags, n.ags), distance=cf.number(n.distance, decimals=2),
             n=n.common)
    diffs = ", ".join(f"{c} {fmt.z_difference(d, language())}" for c, d in n.differences[:top])
    return line + (t("cmp.neighbour_diffs", list=diffs) if diffs else "")


_MEANS = {cmp.GROUP_HESSEN: "group.mean.hessen", cmp.GROUP_KJC: "group.mean.kjc", cmp.GROUP_GE: "group.mean.ge"}


def member_label(m: cmp.Member | cmp.Series) -> str:
    """A member's (or series') label as shown: a district's name as it is, a jobcenter outside
    Hessen told apart ("… (außerhalb Hessens)"), a group as its mean and size ("Hessen-Ø (26)",
    "Typ IIIc-Ø (3)")."""
    if m.is_group:
        return f"{reference(m.token, m.name)} ({m.size})"
    return peer_name(m.name) if m.peer else m.name


def peer_name(name: str) -> str:
    """A jobcenter outside Hessen as every list shows it: told apart from the Hessian districts."""
    return t("group.peer", name=name)


def reference(token: str, name: str = "") -> str:
    """A group's mean, named: "Hessen-Ø", "KJC-Ø", "Typ IIIc-Ø" (`name`: the Vergleichstyp)."""
    return t(_MEANS[token]) if token in _MEANS else t("group.mean.type", type=name)
