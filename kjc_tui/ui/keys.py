"""Every key binding of the dashboard in one place: id, default keys, action, labels.

Widgets build their ``BINDINGS`` from here, the help screen lists them, and ``kjc.toml``
``[keymap]`` remaps them by id (``"app.help" = "f1,question_mark"``) through
``App.set_keymap``. Descriptions are translated in place when the language changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.binding import Binding, BindingsMap, BindingType
from textual.dom import DOMNode


@dataclass(frozen=True)
class KeySpec:
    id: str
    keys: str
    action: str
    de: str
    en: str
    scope: str
    show: bool = True
    priority: bool = False

    def label(self, lang: str) -> str:
        return self.de if lang == "de" else self.en


SCOPES = {
    # scope: (German, English) headings of the help screen
    "app": ("Überall", "Everywhere"),
    "overview": ("Übersicht", "Overview"),
    "jobcenter": ("Jobcenter", "Jobcenter"),
    "list": ("Kreisliste", "District list"),
    "filter": ("Suchfeld", "Filter field"),
    "figure": ("Tabellen mit Zahlen", "Tables of figures"),
    "dialog": ("Dialoge", "Dialogs"),
    "charts": ("Diagramme", "Charts"),
    "bars": ("Kreisvergleich (Balken)", "Bar chart"),
    "compare": ("Vergleich", "Compare"),
    "sets": ("Gespeicherte Vergleiche (l)", "Saved comparisons (l)"),
    "map": ("Karte (Übersicht)", "Map (Overview)"),
    # Tabellen
    "tables": ("Tabellen (Ansicht 3)", "Tables (view 3)"),
    "grid": ("Tabellen (Ansicht 3): im Raster bewegen", "Tables (view 3): moving in the grid"),
}

KEYS: list[KeySpec] = [
    KeySpec("app.view.overview", "1", "show_view('overview')", "Übersicht", "Overview", "app", show=False),
    KeySpec("app.view.jobcenter", "2", "show_view('jobcenter')", "Jobcenter", "Jobcenter", "app", show=False),
    KeySpec("app.view.tables", "3", "show_view('tables')", "Tabellen", "Tables", "app", show=False),
    KeySpec("app.view.charts", "4", "show_view('charts')", "Diagramme", "Charts", "app", show=False),
    KeySpec("app.view.compare", "5", "show_view('compare')", "Vergleich", "Compare", "app", show=False),
    KeySpec("app.help", "question_mark,f1", "help", "Hilfe", "Help", "app"),
    KeySpec("app.command_palette", "ctrl+p", "command_palette", "Befehle", "Commands", "app", show=False),
    KeySpec("app.language", "f2", "toggle_language", "English", "Deutsch", "app"),
    KeySpec("app.theme", "f3", "change_theme", "Farben", "Theme", "app"),
    KeySpec("app.reload", "ctrl+r", "reload", "Neu laden", "Reload", "app", show=False),
    KeySpec("app.fetch", "f5", "fetch_sources", "Daten aktualisieren", "Update data", "app", show=False),
    KeySpec("app.period", "f4", "pick_period", "Stand wählen", "Pick period", "app", show=False),
    KeySpec("app.quit", "ctrl+q", "quit", "Beenden", "Quit", "app", priority=True),
    KeySpec("app.focus_next", "tab", "focus_next", "Nächster Bereich", "Next area", "app", show=False),
    KeySpec("app.focus_previous", "shift+tab", "focus_previous", "Voriger Bereich", "Previous area", "app",
            show=False),
    KeySpec("overview.map", "m", "focus_map", "Karte", "Map", "overview"),
    KeySpec("jobcenter.filter", "slash", "focus_filter", "Suchen", "Search", "jobcenter"),
    KeySpec("jobcenter.start", "ctrl+s", "save_start_district", "Als Start", "Start here", "jobcenter"),
    KeySpec("jobcenter.compare", "plus", "app.compare_district", "Zum Vergleich", "Compare", "jobcenter"),
    KeySpec("jobcenter.list", "ctrl+left", "focus_list", "Zur Liste", "To the list", "jobcenter", show=False),
    KeySpec("jobcenter.profile", "ctrl+right", "focus_profile", "Zum Profil", "To the profile", "jobcenter",
            show=False),
    KeySpec("jobcenter.table", "ctrl+t", "open_table", "Als Tabelle", "As table", "jobcenter"),
    KeySpec("jobcenter.report", "r", "app.factsheet", "Steckbrief", "Fact sheet", "jobcenter", show=False),
    KeySpec("list.down", "down,j", "cursor_down", "Nächster Kreis", "Next district", "list", show=False),
    KeySpec("list.up", "up,k", "cursor_up", "Voriger Kreis", "Previous district", "list", show=False),
    KeySpec("list.first", "home", "first", "Erster Kreis", "First district", "list", show=False),
    KeySpec("list.last", "end", "last", "Letzter Kreis", "Last district", "list", show=False),
    KeySpec("list.open", "enter", "select", "Profil", "Profile", "list"),
    KeySpec("filter.clear", "escape", "clear_filter", "Suche leeren", "Clear search", "filter"),
    KeySpec("filter.list", "down", "to_list", "Zur Liste", "To the list", "filter", show=False),
    KeySpec("figure.source", "s,enter", "show_source", "Quelle", "Source", "figure"),
    KeySpec("figure.down", "down,j", "cursor_down", "Nächste Zeile", "Next row", "figure", show=False),
    KeySpec("figure.up", "up,k", "cursor_up", "Vorige Zeile", "Previous row", "figure", show=False),
    KeySpec("figure.first", "home", "first", "Erste Zeile", "First row", "figure", show=False),
    KeySpec("figure.last", "end", "last", "Letzte Zeile", "Last row", "figure", show=False),
    KeySpec("dialog.close", "escape", "dismiss_dialog", "Schließen", "Close", "dialog"),
    KeySpec("dialog.quit", "q", "dismiss_dialog", "Schließen", "Close", "dialog", show=False),
    KeySpec("dialog.copy", "c", "copy_source", "Quelle kopieren", "Copy source", "dialog"),
    KeySpec("dialog.why", "w", "dismiss_dialog", "Schließen (Warum?)", "Close (why?)", "dialog", show=False),
    KeySpec("dialog.sources", "i", "dismiss_dialog", "Schließen (Quellen)", "Close (sources)", "dialog",
            show=False),
    # Diagramme, Vergleich, Karte
    KeySpec("charts.toggle", "t", "toggle_mode", "Verlauf/Kreise", "Trend/districts", "charts"),
    KeySpec("charts.earlier", "comma", "step_period(1)", "früher", "earlier", "charts", show=False),
    KeySpec("charts.later", "full_stop", "step_period(-1)", "später", "later", "charts", show=False),
    KeySpec("charts.norm", "n", "cycle_norm", "je Einw./eLb", "per inh./eLb", "charts"),
    KeySpec("charts.indicator", "i", "pick_indicator", "Kennzahl", "Indicator", "charts"),
    KeySpec("charts.add", "a", "add_district", "Zum Verlauf", "Add to trend", "charts"),
    KeySpec("charts.remove", "x", "remove_line", "Reihe entfernen", "Remove series", "charts", show=False),
    KeySpec("charts.compare", "v", "to_compare", "Vergleichen", "Compare", "charts"),
    KeySpec("charts.svg", "s", "save_svg", "SVG", "SVG", "charts"),
    KeySpec("charts.export", "p", "export_chart", "Bild SVG+PNG", "Image SVG+PNG", "charts", show=False),
    KeySpec("charts.table", "ctrl+t", "open_table", "Als Tabelle", "As table", "charts", show=False),
    KeySpec("charts.source", "q", "source", "Quelle", "Source", "charts"),
    KeySpec("charts.demo", "d", "demo", "Demo-Daten", "Demo data", "charts", show=False),
    KeySpec("bars.up", "up,k", "move(-1)", "Voriger Kreis", "Previous district", "bars", show=False),
    KeySpec("bars.down", "down,j", "move(1)", "Nächster Kreis", "Next district", "bars", show=False),
    KeySpec("bars.first", "home", "move(-999)", "Erster Kreis", "First district", "bars", show=False),
    KeySpec("bars.last", "end", "move(999)", "Letzter Kreis", "Last district", "bars", show=False),
    KeySpec("bars.page_up", "pageup", "move(-10)", "10 Kreise zurück", "10 districts back", "bars", show=False),
    KeySpec("bars.page_down", "pagedown", "move(10)", "10 Kreise weiter", "10 districts on", "bars", show=False),
    KeySpec("bars.open", "enter", "select", "Kreis öffnen", "Open district", "bars"),
    KeySpec("compare.add", "a", "add_member", "Hinzufügen", "Add", "compare"),
    KeySpec("compare.remove", "x", "remove_member", "Entfernen", "Remove", "compare"),
    KeySpec("compare.neighbours", "n", "neighbours", "Nachbarn", "Neighbours", "compare"),
    KeySpec("compare.save", "s", "save_set", "Speichern", "Save", "compare"),
    KeySpec("compare.load", "l", "load_set", "Laden", "Load", "compare"),
    KeySpec("compare.chart", "g", "toggle_chart", "Grafik", "Chart", "compare"),
    KeySpec("compare.sources", "i", "sources", "Quellen", "Sources", "compare"),
    KeySpec("compare.why", "w", "why", "Warum?", "Why?", "compare", show=False),
    KeySpec("compare.svg", "e", "save_svg", "SVG", "SVG", "compare"),
    KeySpec("compare.csv", "c", "save_csv", "CSV", "CSV", "compare"),
    KeySpec("compare.export", "p", "export_chart", "Bild SVG+PNG", "Image SVG+PNG", "compare", show=False),
    KeySpec("compare.report", "r", "report", "Bericht", "Report", "compare", show=False),
    KeySpec("compare.demo", "d", "demo", "Demo-Daten", "Demo data", "compare", show=False),
    KeySpec("sets.delete", "delete,ctrl+d", "delete", "Gespeicherten Vergleich löschen",
            "Delete saved comparison", "sets"),
    KeySpec("map.north", "up", "walk(-1, 0)", "Kachel nördlich", "Tile to the north", "map", show=False),
    KeySpec("map.south", "down", "walk(1, 0)", "Kachel südlich", "Tile to the south", "map", show=False),
    KeySpec("map.west", "left", "walk(0, -1)", "Kachel westlich", "Tile to the west", "map", show=False),
    KeySpec("map.east", "right", "walk(0, 1)", "Kachel östlich", "Tile to the east", "map", show=False),
    KeySpec("map.open", "enter", "open", "Profil öffnen", "Open profile", "map"),
    KeySpec("map.previous", "left_square_bracket", "step(-1)", "Kennzahl ←", "Indicator ←", "map"),
    KeySpec("map.next", "right_square_bracket", "step(1)", "Kennzahl →", "Indicator →", "map"),
    # Tabellen (ids kept from the widgets' own bindings; the footer shows the short labels)
    KeySpec("grid.cursor_up", "up,k", "cursor_up", "Zeile hoch", "Row up", "grid", show=False),
    KeySpec("grid.cursor_down", "down,j", "cursor_down", "Zeile runter", "Row down", "grid", show=False),
    KeySpec("grid.cursor_left", "left,h", "cursor_left", "Spalte links", "Column left", "grid", show=False),
    KeySpec("grid.cursor_right", "right,l", "cursor_right", "Spalte rechts", "Column right", "grid", show=False),
    KeySpec("grid.page_up", "pageup", "page_up", "Seite hoch", "Page up", "grid", show=False),
    KeySpec("grid.page_down", "pagedown,space", "page_down", "Seite runter", "Page down", "grid", show=False),
    KeySpec("grid.first_column", "home", "first_column", "Erste Spalte", "First column", "grid", show=False),
    KeySpec("grid.last_column", "end", "last_column", "Letzte Spalte", "Last column", "grid", show=False),
    KeySpec("grid.top", "g,ctrl+home", "top", "Anfang", "Top", "grid", show=False),
    KeySpec("grid.bottom", "G,ctrl+end", "bottom", "Ende", "Bottom", "grid", show=False),
    KeySpec("tables.open", "o", "pick", "Öffnen", "Open", "tables"),
    KeySpec("tables.sql", "colon", "sql", "SQL-Abfrage", "SQL query", "tables", show=False),
    KeySpec("tables.sort_asc", "left_square_bracket", "sort(False)", "▲", "▲", "tables"),
    KeySpec("tables.sort_desc", "right_square_bracket", "sort(True)", "▼", "▼", "tables"),
    KeySpec("tables.sort2_asc", "left_curly_bracket", "sort(False, True)", "2. Sortierung ▲", "2nd sort ▲",
            "tables", show=False),
    KeySpec("tables.sort2_desc", "right_curly_bracket", "sort(True, True)", "2. Sortierung ▼", "2nd sort ▼",
            "tables", show=False),
    KeySpec("tables.filter_equal", "equals_sign", "filter_value('=')", "Filter = Wert", "Filter = value",
            "tables", show=False),
    KeySpec("tables.filter_not_equal", "exclamation_mark", "filter_value('!=')", "Filter ≠ Wert",
            "Filter ≠ value", "tables", show=False),
    KeySpec("tables.filter", "f", "filter_prompt", "Filter", "Filter", "tables"),
    KeySpec("tables.filter_contains", "vertical_line", "contains_prompt", "Filter enthält", "Filter contains",
            "tables", show=False),
    KeySpec("tables.filter_drop", "backspace", "drop_filter", "Letzten Filter weg", "Drop last filter",
            "tables", show=False),
    KeySpec("tables.filter_clear", "x", "clear_filters", "Alle Filter weg", "Clear filters", "tables",
            show=False),
    KeySpec("tables.search", "slash", "search", "Suchen", "Search", "tables"),
    KeySpec("tables.search_all", "backslash", "search_all", "Suchen (Textspalten)", "Search (text columns)",
            "tables", show=False),
    KeySpec("tables.search_next", "n", "search_next", "Weitersuchen", "Search next", "tables", show=False),
    KeySpec("tables.search_previous", "N", "search_previous", "Rückwärts suchen", "Search backwards", "tables",
            show=False),
    KeySpec("tables.hide_column", "minus", "hide", "Spalte ausblenden", "Hide column", "tables", show=False),
    KeySpec("tables.show_columns", "v", "show_all", "Alle Spalten zeigen", "Show all columns", "tables",
            show=False),
    KeySpec("tables.technical", "T", "technical", "Technische Spalten", "Technical columns", "tables",
            show=False),
    KeySpec("tables.frequency", "F", "frequency", "Häufigk.", "Freq.", "tables"),
    KeySpec("tables.stats", "I", "stats", "Statistik", "Statistics", "tables", show=False),
    KeySpec("tables.enter", "enter", "enter", "Zeilen dazu / Wert zeigen", "Matching rows / show value",
            "tables", show=False),
    KeySpec("tables.back", "escape", "back", "Zurück / Abbrechen", "Back / cancel", "tables", show=False),
    KeySpec("tables.copy_value", "c,y", "copy_value", "Wert kopieren", "Copy value", "tables", show=False),
    KeySpec("tables.copy_row", "Y", "copy_row", "Zeile kopieren", "Copy row", "tables", show=False),
    KeySpec("tables.export", "e", "export(False)", "Export", "Export", "tables"),
    KeySpec("tables.export_excel", "E", "export(True)", "Export Excel-CSV", "Export Excel CSV", "tables",
            show=False),
]

_BY_ID = {k.id: k for k in KEYS}


def label(binding_id: str, lang: str) -> str:
    return _BY_ID[binding_id].label(lang)


def spec(binding_id: str) -> KeySpec | None:
    """The registry's entry of a binding id (None for bindings not from the registry)."""
    return _BY_ID.get(binding_id)


def bindings(scope: str, only: tuple[str, ...] | None = None) -> list[BindingType]:
    """The Textual bindings of one scope (or only the given ids of it), with German
    descriptions (see `localise`)."""
    return [
        Binding(k.keys, k.action, k.de, show=k.show, id=k.id, priority=k.priority)
        for k in KEYS if k.scope == scope and (only is None or k.id in only)
    ]


def localise(node: DOMNode, lang: str) -> None:
    """Give the node's own bindings the descriptions of `lang`."""
    key_to_bindings = node._bindings.key_to_bindings
    changed = False
    for key, items in key_to_bindings.items():
        new = []
        for b in items:
            spec = _BY_ID.get(b.id or "")
            if spec is not None and b.description != spec.label(lang):
                b = replace(b, description=spec.label(lang))
                changed = True
            new.append(b)
        key_to_bindings[key] = new
    if changed:
        node._bindings = BindingsMap.from_keys(key_to_bindings)


def effective_keys(spec: KeySpec, keymap: dict[str, str]) -> str:
    """The keys a binding has after the user's keymap."""
    return keymap.get(spec.id, spec.keys)


#: Textual's names of printable keys (textual.keys._character_to_key) shown as the character
_CHARACTER_NAMES = {
    "right_square_bracket": "]", "left_square_bracket": "[", "vertical_line": "|", "equals_sign": "=",
    "exclamation_mark": "!", "backslash": "\\", "minus": "-", "plus": "+", "full_stop": ".", "comma": ",",
    "colon": ":", "semicolon": ";", "less_than_sign": "<", "greater_than_sign": ">", "asterisk": "*",
    "number_sign": "#", "dollar_sign": "$", "percent_sign": "%", "ampersand": "&", "apostrophe": "'",
    "quotation_mark": '"', "left_parenthesis": "(", "right_parenthesis": ")", "left_curly_bracket": "{",
    "right_curly_bracket": "}", "circumflex_accent": "^", "underscore": "_", "grave_accent": "`", "tilde": "~",
    "at": "@",
}


def key_display(keys: str, lang: str = "de") -> str:
    """'question_mark,f1' → '? / F1', 'ctrl+p' → 'Strg+P' for the help screen."""
    de = lang == "de"
    names = {"question_mark": "?", "slash": "/", "escape": "Esc", "enter": "Enter", "down": "↓", "up": "↑",
             "left": "←", "right": "→", "space": "Space", "tab": "Tab", "ctrl": "Strg" if de else "Ctrl",
             "shift": "Shift", "alt": "Alt", "home": "Pos1" if de else "Home", "end": "Ende" if de else "End",
             "pageup": "Bild↑" if de else "PgUp", "pagedown": "Bild↓" if de else "PgDn",
             "delete": "Entf" if de else "Del", "backspace": "⌫", **_CHARACTER_NAMES}
    out = []
    for k in keys.split(","):
        parts = [p.strip() for p in k.strip().split("+")]
        shown = [names.get(p, p.upper() if (len(p) > 1 and p[0] == "f" and p[1:].isdigit()) or "+" in k else p)
                 for p in parts]
        out.append("+".join(shown))
    return " / ".join(out)
