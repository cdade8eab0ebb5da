"""After F2 every view, dialog, the help and the palette are in the other language.

The words to look for are derived, not hand-picked: every word (4 letters or more) of the
German side of the UI's strings (i18n, the key registry, the schema's table and column
labels) that occurs in no English string, and the reverse. Words that occur in the data
itself (names, sources, titles of the test database; table and column identifiers) are left
out: the UI shows data literally in both languages.

The app starts in one language and shows every view first, so that every widget is composed
in that language; then F2 switches in place and each view is looked at again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest
from textual.message import Message

from chart_fixtures import TODAY, chart_db_path, screen_text, settle
from kjc_tui.core.config import Config
from kjc_tui.core import schema
from kjc_tui.ui import i18n, keys
from kjc_tui.ui.app import KjcApp
from kjc_tui.ui.i18n import set_language
from kjc_tui.ui.messages import ShowCompare, ShowDistrict

WORD = re.compile(r"[^\W\d_]{4,}")


def _pairs() -> list[tuple[str, str]]:
    """(German, English) of every string of the UI."""
    out = [(de, en) for de, en in i18n.STRINGS.values()]
    out += [(k.de, k.en) for k in keys.KEYS] + list(keys.SCOPES.values())
    for table in schema.TABLES.values():
        out.append((table.label_de, table.label_en))
        out += [(c.label_de, c.label_en) for c in table.columns]
    out += [(de, en) for de, en, _ in schema.VIEWS.values()]
    return out


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(text.replace("_", " ").replace(".", " "))}


def _data_words(db: Path) -> set[str]:
    """Every word of the test database's text values."""
    words: set[str] = set()
    con = duckdb.connect(str(db), read_only=True)
    try:
        columns = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                              "WHERE data_type = 'VARCHAR'").fetchall()
        for table, column in columns:
            for (value,) in con.execute(f'SELECT DISTINCT "{column}" FROM "{table}"').fetchall():
                words |= _words(str(value or ""))
    finally:
        con.close()
    return words


#: identifiers the UI shows as they are: table and column names (Tabellen, and the source
#: dialogs, which name the table a figure comes from), binding ids (help)
IDENTIFIERS = {
    "Tabellen": set().union(*(_words(f"{n} {' '.join(t.column_names)}") for n, t in schema.TABLES.items()),
                            *(_words(n) for n in schema.VIEWS)),
    "Hilfe": set().union(*(_words(k.id) for k in keys.KEYS)),
}


def allowed(where: str) -> set[str]:
    tables = IDENTIFIERS["Tabellen"] if where.startswith("Tabellen") or where.endswith("Quelle") else set()
    return tables | (IDENTIFIERS["Hilfe"] if where == "Hilfe" else set())


IDENTIFIER = re.compile(r"\S*[_./\[\]]\S*")


def _prose(text: str) -> list[str]:
    """The words of a UI string, without the identifiers it names (indicator_revisions,
    [sources.NAME], docs/sources.md)."""
    return WORD.findall(IDENTIFIER.sub(" ", text))


def only_in(lang: str, data: set[str]) -> set[str]:
    """Words of the UI's strings in `lang` that no string of the other language has."""
    mine = {w for pair in _pairs() for w in _prose(pair[0 if lang == "de" else 1])}
    other = {w.lower() for pair in _pairs() for w in _prose(pair[1 if lang == "de" else 0])}
    return {w for w in mine if w.lower() not in other and w.lower() not in data}


def found(text: str, words: set[str], where: str) -> set[str]:
    """The words of `words` on screen, but for identifiers the UI shows as they are there."""
    return {w for w in set(WORD.findall(text)) & words if w.lower() not in allowed(where)}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return chart_db_path(tmp_path_factory)


def test_the_word_lists_are_derived_and_not_empty(db: Path) -> None:
    data = _data_words(db)
    german, english = only_in("de", data), only_in("en", data)
    assert {"Kennzahl", "Schließen", "Speichern", "Vergleich"} <= german
    assert {"Indicator", "Source", "Close", "Compare"} <= english
    assert "indicator" in allowed("Tabellen: Tabelle") and "compare" in allowed("Hilfe")
    assert "Odenwaldkreis" not in german  # a name from the data, shown in both languages
    assert not german & english
    # the words the read layer once returned as German prose (sheet names, statistics and
    # frequency columns, browse errors, peers): now codes, worded by the UI, so on the list
    assert {"Statistik", "Häufigkeiten", "Spalte", "Verschieden", "Mittelwert", "Anzahl", "Anteil",
            "außerhalb", "Abfrage", "Unbekannte"} <= german
    assert {"Statistics", "Frequencies", "Distinct", "Mean", "Share", "outside"} <= english


#: what the word lists cannot catch (a sign, not a word): a group's mean is "Hessen-Ø" in
#: German and "Hessen avg" in English, and so on for every group the read layer names by code
PHRASES = {"de": ("-Ø",), "en": (" avg",)}


#: the tour: keys to press (or the message to post) and the name of what is then on screen
TOUR: list[tuple[tuple[str, ...] | Callable[[], Message], str]] = [
    (("1",), "Übersicht"),
    (("s",), "Übersicht: Quelle"),  # the source of the first headline figure
    (("escape", "m"), "Übersicht: Karte"),
    (lambda: ShowDistrict("06437"), "Jobcenter"),
    (("3",), "Tabellen: Auswahl"),
    (("enter",), "Tabellen: Tabelle"),
    (("I",), "Tabellen: Statistik"),
    (("escape", "F"), "Tabellen: Häufigkeiten"),
    (("escape",), "Tabellen: Tabelle"),
    (("4",), "Diagramme: Balken"),
    (("q",), "Diagramme: Quelle"),
    (("escape", "t"), "Diagramme: Verlauf"),
    (lambda: ShowCompare(["06437", "06535", "group:kjc", "type:IIIc"]), "Vergleich"),
    (("i",), "Vergleich: Quellen"),
    (("escape", "s"), "Vergleich: Name"),
    (("escape", "n"), "Vergleich: Nachbarn"),
    (("w",), "Vergleich: Warum"),
    (("escape", "question_mark"), "Hilfe"),
    (("escape", "ctrl+p"), "Befehle"),
]


async def _tour(pilot, check) -> None:
    """Every view, the map, the dialogs, the help and the palette; `check(where)` on each."""
    for step, where in TOUR:
        if isinstance(step, tuple):
            await pilot.press(*step)
        else:
            pilot.app.post_message(step())
        await settle(pilot)
        check(where)
    await pilot.press("escape")
    await settle(pilot)


@pytest.mark.slow
@pytest.mark.parametrize("start", ["de", "en"])
async def test_f2_leaves_no_word_of_the_other_language_on_any_view(db: Path, tmp_path: Path, start: str) -> None:
    after = "en" if start == "de" else "de"
    data = _data_words(db)
    wrong = only_in(start, data)
    seen: list[str] = []
    config = Config(user_file=tmp_path / "user" / "kjc.toml", database_path=db)
    config.ui["language"] = start
    app = KjcApp(config, db_path=db, today=TODAY, watch_interval=3600)
    try:
        async with app.run_test(size=(160, 50)) as pilot:
            await settle(pilot)
            await _tour(pilot, seen.append)  # every view composed in `start`
            await pilot.press("f2")
            await settle(pilot)
            assert i18n.language() == after
            problems: list[str] = []

            def check(where: str) -> None:
                text = screen_text(app)
                hits = found(text, wrong, where) | {p for p in PHRASES[start] if p in text}
                if hits:
                    problems.append(f"{where}: {sorted(hits)}")

            await _tour(pilot, check)
            assert not problems, "\n".join(problems)
            assert seen == [where for _, where in TOUR]
    finally:
        set_language("de")
