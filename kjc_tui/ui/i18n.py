"""UI strings in German (default) and English.

`t(key, **kw)` looks a string up in the current language (set by the app with
`set_language`); placeholders are filled with `str.format`. Data values never pass through
here: they are shown literally by the widgets.
"""

from __future__ import annotations

LANGUAGES = ("de", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # shell
    "view.overview": ("Übersicht", "Overview"),
    "view.jobcenter": ("Jobcenter", "Jobcenter"),
    "view.tables": ("Tabellen", "Tables"),
    "view.charts": ("Diagramme", "Charts"),
    "view.compare": ("Vergleich", "Compare"),
    "app.title": ("KJC Hessen", "KJC Hessen"),
    "too_small": ("Fenster zu klein: bitte mindestens {w}×{h} Zeichen.  Beenden: Strg+Q",
                  "Window too small: please at least {w}×{h} characters.  Quit: Ctrl+Q"),
    "status.loading": ("Lade Daten …", "Loading data …"),
    "status.synthetic": ("SYNTHETISCH", "SYNTHETIC"),
    "status.synthetic_long": ("SYNTHETISCHE DATEN – keine echten Zahlen", "SYNTHETIC DATA – not real figures"),
    "status.stale": ("Neu: Strg+R", "New: Ctrl+R"),
    "notify.stale": ("Ein neuer Datenstand liegt vor. Strg+R lädt ihn (Ihre Auswahl bleibt).",
                     "A new data snapshot is available. Ctrl+R loads it (your selection stays)."),
    "notify.reloaded": ("Neuer Datenstand geladen.", "New data snapshot loaded."),
    "notify.error": ("Fehler beim Lesen der Daten: {error}", "Error reading the data: {error}"),
    "notify.language": ("Sprache: Deutsch (gespeichert)", "Language: English (saved)"),
    "notify.theme": ("Farbschema „{theme}“ gespeichert", "Theme “{theme}” saved"),
    "notify.saved": ("Gespeichert: {setting} = {value}", "Saved: {setting} = {value}"),
    "notify.save_failed": ("Einstellung nicht gespeichert: {error}", "Setting not saved: {error}"),
    "notify.unknown_district": ("Kreis {ags} ist nicht in der Datenbank.", "District {ags} is not in the database."),
    "notify.copied": ("In die Zwischenablage kopiert.", "Copied to the clipboard."),
    # no data
    "nodata.title": ("Keine Daten", "No data"),
    "nodata.missing": ("Es gibt noch keine Datenbank unter\n  {path}",
                       "There is no database yet at\n  {path}"),
    "nodata.empty": ("Die Datenbank unter\n  {path}\nenthält noch keine Kreise.",
                     "The database at\n  {path}\nholds no districts yet."),
    "nodata.unusable": ("Die Datenbank lässt sich nicht lesen:\n  {error}", "The database cannot be read:\n  {error}"),
    "nodata.howto": (
        "So kommen Daten hinein:\n\n"
        "  kjc-tui               legt sie aus den eingebetteten Daten an\n"
        "  kjc-tui load DATEI …  lädt eigene Dateien (CSV, XLSX, JSON, Parquet)\n"
        "  kjc-tui --demo        zeigt synthetische Demodaten\n"
        "  kjc-tui info          zeigt, welche Datenbank benutzt wird\n\n"
        "Sobald Daten da sind, erscheinen sie hier von selbst.\nBeenden: Strg+Q",
        "How to get data in:\n\n"
        "  kjc-tui               creates it from the embedded data\n"
        "  kjc-tui load FILE …   loads your own files (CSV, XLSX, JSON, Parquet)\n"
        "  kjc-tui --demo        shows synthetic demo data\n"
        "  kjc-tui info          shows which database is in use\n\n"
        "As soon as there is data, it shows up here by itself.\nQuit: Ctrl+Q",
    ),
    # common
    "missing": ("fehlt", "missing"),
    "none": ("keine", "none"),
    "loading": ("lädt …", "loading …"),
    "col.indicator": ("Kennzahl", "Indicator"),
    "col.value": ("Wert", "Value"),
    "col.trend": ("Verlauf", "Trend"),
    "col.period": ("Zeitraum", "Period"),
    "col.as_of": ("Stand", "As of"),
    "col.coverage": ("KJC", "KJC"),
    "col.agg": ("", ""),
    "col.date": ("Datum", "Date"),
    "col.jobcenter": ("Jobcenter", "Jobcenter"),
    "col.title": ("Veranstaltung", "Event"),
    "col.place": ("Ort", "Place"),
    "col.participants": ("Teiln.", "Partic."),
    "col.invited": ("Eingel.", "Invited"),
    "col.employers": ("Arbeitg.", "Employ."),
    "col.contracts": ("Vertr.", "Contr."),
    "col.field": ("Angabe", "Field"),
    "col.source": ("Quelle", "Source"),
    "col.rows": ("Zeilen", "Rows"),
    "col.year": ("Jahr", "Year"),
    "col.function": ("Funktion", "Function"),
    "col.headcount": ("Köpfe", "Heads"),
    "col.fte": ("VZÄ", "FTE"),
    "col.vacancies": ("Offen", "Vacant"),
    "col.trainees": ("Nachw.", "Trainees"),
    "col.started": ("Begonnen", "Started"),
    "col.active": ("Aktiv", "Active"),
    "col.graduated": ("Abschl.", "Grad."),
    "col.hired": ("Übern.", "Hired"),
    "col.dropped": ("Abbr.", "Dropped"),
    "col.programme": ("Programm", "Programme"),
    "col.item": ("Posten", "Item"),
    "col.amount": ("Betrag", "Amount"),
    "col.ratio": ("Quote", "Ratio"),
    "col.basis": ("Grundlage", "Basis"),
    "col.statement": ("Aussage", "Statement"),
    "agg.sum": ("Σ", "Σ"),
    "agg.mean": ("Ø", "Ø"),
    # overview
    "ov.counts": ("{kjc} Kommunale Jobcenter · {ge} gemeinsame Einrichtungen (gE) · {n} Kreise",
                  "{kjc} municipal jobcenters · {ge} joint jobcenters (gE) · {n} districts"),
    "ov.headline": ("Kennzahlen der KJC (Σ Summe, Ø Mittel der letzten Werte)",
                    "Key figures of the KJC (Σ sum, Ø mean of latest values)"),
    "ov.no_indicators": ("Noch keine Kennzahlen geladen.", "No indicators loaded yet."),
    "ov.upcoming": ("Anstehende Veranstaltungen", "Upcoming events"),
    "ov.recent": ("Letzte Veranstaltungen", "Recent events"),
    "ov.no_events": ("keine", "none"),
    "ov.bass": ("BASS – dualer Studiengang (HS Fulda)", "BASS – dual study programme (HS Fulda)"),
    "ov.bass_cohort": ("Jahrgang {year}: {started} begonnen, {active} aktiv, {graduated} abgeschlossen, "
                       "{hired} übernommen ({n} JC)",
                       "Intake {year}: {started} started, {active} active, {graduated} graduated, "
                       "{hired} hired ({n} JC)"),
    "ov.no_bass": ("Keine BASS-Angaben geladen.", "No BASS figures loaded."),
    "ov.sources": ("Datenherkunft", "Where the data comes from"),
    "ov.last_load": ("Letzter Ladevorgang: {when} · {action} · {user}", "Last load: {when} · {action} · {user}"),
    "ov.no_load": ("Noch kein Ladevorgang verzeichnet.", "No load recorded yet."),
    "ov.db": ("Datenbank: {path}", "Database: {path}"),
    "ov.n_sources": ("{n} Quellen insgesamt", "{n} sources in all"),
    "ov.coverage": ("{n}/{total}", "{n}/{total}"),
    "ov.association": ("Verband", "Association"),
    # inputs of derived ratios
    "in.bg": ("Bedarfsgemeinschaften", "households"),
    "in.fte": ("VZÄ", "FTE"),
    "in.headcount": ("Beschäftigte", "employees"),
    "in.participants": ("Teilnehmende", "participants"),
    "in.employers": ("Arbeitgeber", "employers"),
    "in.contracts": ("Verträge", "contracts"),
    "in.amount_eur": ("Betrag €", "amount €"),
    "in.elb": ("eLb", "eLb"),
    "in.programme": ("Programm", "programme"),
    "in.hired": ("übernommen", "hired"),
    "in.graduated": ("abgeschlossen", "graduated"),
    # jobcenter
    "jc.filter": ("Kreis suchen (Name, AGS) …", "Find district (name, key) …"),
    "jc.none_match": ("Kein Kreis passt.", "No district matches."),
    "jc.choose": ("Links einen Kreis wählen.", "Choose a district on the left."),
    "jc.master": ("Stammdaten", "Master data"),
    "jc.figures": ("Kennzahlen", "Key figures"),
    "jc.staffing": ("Personal", "Staffing"),
    "jc.bass": ("BASS-Jahrgänge", "BASS cohorts"),
    "jc.events": ("Veranstaltungen", "Events"),
    "jc.budgets": ("Budgets", "Budgets"),
    "jc.ratios": ("Abgeleitete Quoten", "Derived ratios"),
    "jc.facts": ("Belegte Aussagen", "Sourced statements"),
    "jc.empty": ("keine Angaben", "no data"),
    "jc.model.zkT": ("Kommunales Jobcenter (zkT, § 6a SGB II)", "Municipal jobcenter (zkT, § 6a SGB II)"),
    "jc.model.gE": ("Gemeinsame Einrichtung (gE)", "Joint jobcenter (gE)"),
    "jc.tag.zkT": ("KJC", "KJC"),
    "jc.tag.gE": ("gE", "gE"),
    "jc.hint": ("s: Quelle der markierten Zeile · Tab: nächster Abschnitt",
                "s: source of the highlighted row · Tab: next section"),
    "field.name": ("Jobcenter", "Jobcenter"),
    "field.district": ("Kreis", "District"),
    "field.ags": ("Kreisschlüssel", "District key"),
    "field.kind": ("Art", "Kind"),
    "field.model": ("Modell", "Model"),
    "field.since": ("Optionskommune seit", "Option since"),
    "field.legal_form": ("Rechtsform", "Legal form"),
    "field.seat": ("Sitz", "Seat"),
    "field.website": ("Website", "Website"),
    "field.peer_type": ("Vergleichstyp", "Peer type"),
    "field.rb": ("Regierungsbezirk", "Administrative region"),
    "field.note": ("Hinweis", "Note"),
    "ratio.bg_per_fte": ("Bedarfsgemeinschaften je VZÄ", "Households per FTE"),
    "ratio.bg_per_head": ("Bedarfsgemeinschaften je Beschäftigte/n", "Households per employee"),
    "ratio.participants_per_employer": ("Teilnehmende je Arbeitgeber", "Participants per employer"),
    "ratio.contracts_per_participant": ("Verträge je Teilnehmende/n", "Contracts per participant"),
    "ratio.eur_per_elb": ("Euro je eLb", "Euro per eLb"),
    "ratio.bass_hiring_rate": ("BASS-Übernahmequote", "BASS hiring rate"),
    # source dialog
    "src.title": ("Quelle", "Source"),
    "src.what": ("Angabe", "Item"),
    "src.value": ("Wert", "Value"),
    "src.source": ("Quelle", "Source"),
    "src.as_of": ("Stand", "As of"),
    "src.period": ("Zeitraum", "Period"),
    "src.note": ("Hinweis", "Note"),
    "src.table": ("Tabelle", "Table"),
    "src.basis": ("Berechnet aus", "Computed from"),
    "src.more": ("und {n} weitere Quellen", "and {n} more sources"),
    "src.none": ("Für diese Zeile ist keine Quelle hinterlegt.", "No source is recorded for this row."),
    "src.keys": ("Esc/q schließen · c Quelle kopieren", "Esc/q close · c copy source"),
    # help
    "help.title": ("Tastenkürzel", "Keys"),
    "help.footer": ("Tasten lassen sich in kjc.toml unter [keymap] umbelegen, z. B. \"app.help\" = \"f1\".  "
                    "Esc schließt.",
                    "Keys can be remapped in kjc.toml under [keymap], e.g. \"app.help\" = \"f1\".  Esc closes."),
    "help.others": ("In den Ansichten", "In the views"),
    "help.col.keys": ("Taste", "Key"),
    "help.col.what": ("Wirkung", "Action"),
    "help.col.id": ("ID (für [keymap])", "ID (for [keymap])"),
    # command palette
    "cmd.district": ("Kreis", "District"),
    "cmd.view": ("Ansicht", "View"),
    "cmd.action": ("Aktion", "Action"),
    "cmd.open_view": ("Zur Ansicht {name}", "Go to {name}"),
    "cmd.open_district": ("Profil von {name} öffnen", "Open the profile of {name}"),
    # Diagramme, Vergleich, Karte (charts helper)
    "cmd.compare_set": ("Vergleich: {name}", "Compare: {name}"),
    "cmd.compare_set_help": ("Gespeicherter Vergleich ({members})", "Saved comparison ({members})"),
    "cmd.neighbours": ("Vergleich mit nächsten Nachbarn von {name}", "Compare with the nearest neighbours of {name}"),
    "cmd.chart": ("Diagramm: {name}", "Chart: {name}"),
    "notify.compare_added": ("{name} zum Vergleich hinzugefügt.", "{name} added to the comparison."),
    # placeholders
    "ph.tables": ("Tabellen: jede Tabelle und jedes Abfrageergebnis durchblättern – sortieren, filtern, suchen, "
                  "Spalten ausblenden, Häufigkeiten, Statistik, Export.",
                  "Tables: browse any table or query result – sort, filter, search, hide columns, frequencies, "
                  "statistics, export."),
    "ph.charts": ("Diagramme: Zeitreihen und Balken über Kreise für jede Kennzahl; absolut, je Einwohner oder je "
                  "eLb; mehrere Kreise zugleich.",
                  "Charts: time series and bars across districts for any indicator; absolute, per inhabitant or "
                  "per eLb; several districts at once."),
    "ph.compare": ("Vergleich: zwei bis vier Kreise oder Gruppen nebeneinander – jede Kennzahl, Abweichung vom "
                   "Hessen-Mittel, Rang unter Vergleichbaren.",
                   "Compare: two to four districts or groups side by side – every indicator, deviation from the "
                   "Hessen average, rank among peers."),
    "ph.soon": ("Diese Ansicht folgt in einer der nächsten Versionen.", "This view follows in a coming version."),
    "ph.request": ("Angefordert: {what}", "Requested: {what}"),
}


_language = "de"


def set_language(lang: str) -> None:
    global _language
    _language = lang if lang in LANGUAGES else "de"


def language() -> str:
    return _language


def t(key: str, **kw: object) -> str:
    """The string `key` in the current language; unknown keys show as themselves."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[0] if _language == "de" else pair[1]
    return text.format(**kw) if kw else text
