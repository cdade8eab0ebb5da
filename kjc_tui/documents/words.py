"""The reports' wording: the one table `core/strings.py` in the report's language (the data
layer returns codes; this names them). Numbers, dates and deviations are spelled by the one
formatter, `core/fmt.py`."""

from __future__ import annotations

from typing import Any

from kjc_tui.core import fmt, strings


def w(key: str, lang: str, **kw: Any) -> str:
    """The string `key` of the one table in `lang`."""
    return strings.say(key, lang, **kw)


def rank(r: int | None, of: int, lang: str) -> str:
    return w("doc.rank_of", lang, rank=r, of=of) if r else fmt.MISSING


def reference(code: str, lang: str) -> str:
    """A reference code named ("hessen" → "Hessen-Ø", "type:IIIc" → "Typ IIIc-Ø"); any other
    label (a district's name) as it is."""
    if code.startswith("type:"):
        return w("group.mean.type", lang, type=code[len("type:"):])
    key = "doc.ref.set" if code == "set" else f"group.mean.{code}"
    return w(key, lang) if key in strings.STRINGS else code


def indicator(ind: Any, lang: str) -> str:
    """An indicator (`IndicatorDef`) as the reports name it: code and name, marked where it is a
    figure of the whole district ("ALO Arbeitslose SGB II und III (ganze Kreise)")."""
    return f"{ind.code} {indicator_name(ind, lang)}"


def indicator_name(ind: Any, lang: str) -> str:
    """An indicator's name in `lang`, with the mark of a whole-district figure."""
    return strings.scoped(ind.name(lang), ind.scope, lang)
