"""Every word and sentence the product shows, in German (first) and English (second), by key.

One table for the dashboard (`ui/i18n.t` in the current language), the documents
(`documents/words.w`, in the report's language) and the CLI: the data layer raises and returns
codes with parameters, and whoever shows them words them here. Placeholders are filled with
`str.format`; data values never pass through here. Keys starting with "doc." belong to the
reports only; everything else may be used by any of them.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES = ("de", "en")

STRINGS: dict[str, tuple[str, str]] = {
    # shell
    "view.overview": ("Übersicht", "Overview"),
    "view.jobcenter": ("Jobcenter", "Jobcenter"),
    "view.tables": ("Tabellen", "Tables"),
    "view.charts": ("Diagramme", "Charts"),
    "view.compare": ("Vergleich", "Compare"),
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
    "notify.save_failed": ("Einstellung nicht gespeichert: {error}", "Setting not saved: {error}"),
    "notify.unknown_district": ("Kreis {ags} ist nicht in der Datenbank.", "District {ags} is not in the database."),
    "notify.copied": ("In die Zwischenablage kopiert.", "Copied to the clipboard."),
    # no data
    "nodata.title": ("Keine Daten", "No data"),
    "nodata.missing": ("Es gibt noch keine Datenbank unter\n  {path}",
                       "There is no database yet at\n  {path}"),
    "nodata.empty": ("Die Datenbank unter\n  {path}\nenthält noch keine Kreise.",
                     "The database at\n  {path}\nholds no districts yet."),
    "nodata.unusable": ("Die Datenbank unter\n  {path}\nlässt sich nicht lesen:\n  {error}",
                        "The database at\n  {path}\ncannot be read:\n  {error}"),
    "nodata.howto_broken": (
        "So geht es weiter:\n\n"
        "  Datei verschieben oder löschen, dann kjc-tui starten: legt die Datenbank\n"
        "                        aus den eingebetteten Daten neu an\n"
        "  kjc-tui load DATEI …  baut eine neue Datenbank aus eigenen Dateien\n"
        "  kjc-tui --demo        zeigt synthetische Demodaten\n\n"
        "Sobald eine lesbare Datenbank da ist, erscheint sie hier von selbst.\nBeenden: Strg+Q",
        "What to do:\n\n"
        "  Move the file away or delete it, then start kjc-tui: creates the database\n"
        "                        again from the embedded data\n"
        "  kjc-tui load FILE …   builds a new database from your own files\n"
        "  kjc-tui --demo        shows synthetic demo data\n\n"
        "As soon as there is a readable database, it shows up here by itself.\nQuit: Ctrl+Q",
    ),
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
    # why a file is refused (`ingest.problem`: problem_text words a Problem, reason_text its code);
    # the values
    "problem.bool_not_number": ("ist ein Wahrheitswert, keine Zahl", "is a truth value, not a number"),
    "problem.too_large": ("ist zu groß", "is too large"),
    "problem.not_finite": ("ist keine endliche Zahl", "is not a finite number"),
    "problem.not_a_number_type": ("ist keine Zahl ({type})", "is not a number ({type})"),
    "problem.empty": ("ist leer", "is empty"),
    "problem.tab_or_newline": ("enthält einen Tabulator oder Zeilenumbruch", "contains a tab or a line break"),
    "problem.misplaced_spaces": ("hat Leerzeichen an falscher Stelle (Tausendergruppen haben drei Ziffern)",
                                 "has spaces in the wrong place (groups of thousands have three digits)"),
    "problem.not_a_number": ("ist keine Zahl", "is not a number"),
    "problem.bad_thousands": ("hat falsch gesetzte Tausendertrennzeichen", "has misplaced thousands separators"),
    "problem.two_decimal_separators": ("hat mehr als ein Dezimaltrennzeichen", "has more than one decimal separator"),
    "problem.other_digit": ("enthält die Ziffer '{digit}' (U+{hex}); erlaubt sind nur 0–9",
                            "contains the digit '{digit}' (U+{hex}); only 0–9 are allowed"),
    "problem.not_whole": ("ist keine ganze Zahl", "is not a whole number"),
    "problem.bad_time": ("hat eine Uhrzeit, die es nicht gibt ({text})", "has a time of day that does not exist ({text})"),
    "problem.bad_month": ("hat den Monat {month}, den es nicht gibt", "has the month {month}, which does not exist"),
    "problem.bad_day": ("ist kein gültiges Datum ({text}: den {day}. gibt es in diesem Monat nicht)",
                        "is not a valid date ({text}: that month has no day {day})"),
    "problem.not_a_date": ("ist kein Datum", "is not a date"),
    "problem.week_not_date": ("ist eine Kalenderwoche, kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 "
                              "oder 2024)", "is a calendar week, not a date (expected e.g. 22.02.2024, 2024-02-22, "
                              "February 2024 or 2024)"),
    "problem.ordinal_not_date": ("ist ein Tag des Jahres (ISO-Ordinaldatum), kein Datum (erwartet z. B. 22.02.2024, "
                                 "2024-02-22, Februar 2024 oder 2024)", "is a day of the year (ISO ordinal date), not a "
                                 "date (expected e.g. 22.02.2024, 2024-02-22, February 2024 or 2024)"),
    "problem.unknown_date": ("ist kein Datum (erwartet z. B. 22.02.2024, 2024-02-22, Februar 2024 oder 2024)",
                             "is not a date (expected e.g. 22.02.2024, 2024-02-22, February 2024 or 2024)"),
    "problem.implausible_year": ("hat das unplausible Jahr {year}", "has the implausible year {year}"),
    "problem.unknown_month_name": ("hat den unbekannten Monatsnamen '{name}'", "has the unknown month name '{name}'"),
    "problem.not_bool": ("ist kein Ja/Nein-Wert (erwartet ja/nein, true/false, 1/0)",
                         "is not a yes/no value (expected ja/nein, true/false, 1/0)"),
    "problem.nul": ("enthält ein NUL-Zeichen (Binärdaten?)", "contains a NUL character (binary data?)"),
    # where (the parts of a problem's line)
    "problem.at.line": ("Zeile {n}", "line {n}"),
    "problem.at.record": ("Datensatz {n}", "record {n}"),
    "problem.at.column": ("Spalte {column}", "column {column}"),
    "problem.at.sheet": ("Blatt {sheet}", "sheet {sheet}"),
    "problem.at.cell": ("Zelle {cell}", "cell {cell}"),
    "problem.at.value": ("Wert {value}", "value {value}"),
    # reading a file
    "problem.is_directory": ("ist ein Verzeichnis, keine Datei", "is a directory, not a file"),
    "problem.unreadable": ("kann nicht gelesen werden: {error}", "cannot be read: {error}"),
    "problem.csv_structure": ("ist kein gültiges CSV (Zeilenenden oder Anführungszeichen lassen sich nicht eindeutig "
                              "lesen)", "is not a valid CSV (its line ends or quotes cannot be read unambiguously)"),
    "problem.utf32": ("ist in UTF-32 kodiert; diese Zeichenkodierung wird nicht unterstützt (bitte als UTF-8 oder "
                      "Windows-1252 speichern)", "is encoded in UTF-32; this encoding is not supported (please save "
                      "it as UTF-8 or Windows-1252)"),
    "problem.bad_utf8_with_bom": ("ist laut Byte-Order-Mark UTF-8, enthält aber ein ungültiges Byte (0x{byte})",
                                  "is UTF-8 by its byte order mark, but holds an invalid byte (0x{byte})"),
    "problem.bad_utf16_with_bom": ("ist laut Byte-Order-Mark UTF-16, lässt sich so aber nicht lesen (abgeschnitten?)",
                                   "is UTF-16 by its byte order mark, but cannot be read so (cut off?)"),
    "problem.binary": ("ist keine Textdatei (enthält Binärdaten)", "is not a text file (holds binary data)"),
    "problem.mixed_encodings": ("mischt Zeichenkodierungen: diese Zeile ist kein UTF-8 (Byte 0x{byte}), andere Zeilen "
                                "sind UTF-8; bitte die Datei einheitlich als UTF-8 oder Windows-1252 speichern",
                                "mixes encodings: this line is not UTF-8 (byte 0x{byte}), other lines are UTF-8; "
                                "please save the whole file as UTF-8 or Windows-1252"),
    "problem.no_header": ("keine Kopfzeile mit bekannten Spaltennamen gefunden (erste Zeile: {first})",
                          "no header line with known column names found (first line: {first})"),
    "problem.field_too_long": ("ein Feld ist länger als {max} Zeichen", "a field is longer than {max} characters"),
    "problem.cell_too_long": ("eine Zelle ist länger als {max} Zeichen (in {part})",
                              "a cell is longer than {max} characters (in {part})"),
    "problem.open_quote": ("ein Anführungszeichen wird nicht geschlossen", "a quotation mark is not closed"),
    "problem.no_separator_after_quote": ("nach einem schließenden Anführungszeichen folgt kein Trennzeichen "
                                         "(Anführungszeichen im Text werden verdoppelt: \"\")",
                                         "a closing quotation mark is not followed by a separator (quotation marks "
                                         "inside text are doubled: \"\")"),
    "problem.bad_csv": ("ist kein gültiges CSV ({detail})", "is not a valid CSV ({detail})"),
    "problem.too_few_fields": ("hat {n} Felder, die Kopfzeile hat {header}", "has {n} fields, the header has {header}"),
    "problem.too_many_fields": ("hat {n} Felder, die Kopfzeile hat {header} (falsches Trennzeichen oder "
                                "Anführungszeichen?)", "has {n} fields, the header has {header} (wrong separator or "
                                "quotation mark?)"),
    "problem.bad_xlsx": ("ist keine gültige XLSX-Datei ({detail})", "is not a valid XLSX file ({detail})"),
    "problem.no_sheet_header": ("kein Tabellenblatt hat eine Kopfzeile mit bekannten Spaltennamen",
                                "no sheet has a header line with known column names"),
    "problem.xlsx_too_large": ("ist entpackt {size} MB groß (Obergrenze {limit} MB); bitte die Tabelle aufteilen oder "
                               "als CSV speichern", "unpacks to {size} MB (limit {limit} MB); please split the table "
                               "or save it as CSV"),
    "problem.xlsx_part_too_large": ("der Teil {part} ist entpackt {size} MB groß (Obergrenze {limit} MB); bitte die "
                                    "Tabelle aufteilen oder als CSV speichern", "the part {part} unpacks to {size} MB "
                                    "(limit {limit} MB); please split the table or save it as CSV"),
    "problem.xlsx_part_lies": ("der Teil {part} ist entpackt größer als {limit} MB (die Angabe im ZIP-Verzeichnis "
                               "stimmt nicht); bitte die Tabelle aufteilen oder als CSV speichern",
                               "the part {part} unpacks to more than {limit} MB (the ZIP directory says otherwise); "
                               "please split the table or save it as CSV"),
    "problem.too_many_rows": ("hat mehr als {max} Zeilen", "has more than {max} rows"),
    "problem.json_too_deep": ("ist zu tief verschachtelt (mehr als {max} Ebenen ab Zeile {json_line}, Spalte "
                              "{json_column})", "is nested too deeply (more than {max} levels from line {json_line}, "
                              "column {json_column})"),
    "problem.bad_json": ("ist kein gültiges JSON ({detail}, Zeile {json_line}, Spalte {json_column})",
                         "is not valid JSON ({detail}, line {json_line}, column {json_column})"),
    "problem.json_several_lists": ("erwartet eine Liste von Objekten oder ein Objekt mit genau einer Liste \"rows\"",
                                   "expected a list of objects or an object with exactly one list \"rows\""),
    "problem.json_not_a_list": ("erwartet eine Liste von Objekten", "expected a list of objects"),
    "problem.no_records": ("enthält keine Datensätze", "holds no records"),
    "problem.only_empty_records": ("enthält keine Datensätze (nur leere Objekte)", "holds no records (only empty objects)"),
    "problem.not_an_object": ("{at} ist kein Objekt", "{at} is not an object"),
    "problem.unknown_keys": ("die Schlüssel der Objekte sind keine bekannten Spaltennamen: {keys}",
                             "the keys of the objects are no known column names: {keys}"),
    "problem.duplicate_json_key": ("der Schlüssel steht in diesem Objekt {times}-mal; welcher Wert gilt, ist nicht "
                                   "eindeutig", "the key appears {times} times in this object; which value counts is "
                                   "ambiguous"),
    "problem.bad_parquet": ("ist keine gültige Parquet-Datei ({detail})", "is not a valid Parquet file ({detail})"),
    "problem.unknown_columns": ("die Spalten sind keine bekannten Spaltennamen: {columns}",
                                "the columns are no known column names: {columns}"),
    # the file as a whole
    "problem.no_data_rows": ("enthält keine Datenzeilen", "holds no data rows"),
    "problem.more_problems": ("… und {n} weitere Probleme (aufgeführt sind die ersten {shown})",
                              "… and {n} more problems (the first {shown} are listed)"),
    "problem.duplicate_key": ("Schlüssel doppelt (schon in {at})", "key twice (already in {at})"),
    # the header
    "problem.unknown_table": ("unbekannte Tabelle (bekannt: {known})", "unknown table (known: {known})"),
    "problem.table_not_recognised": ("Tabelle nicht erkannt: die Spalten passen zu keiner Tabelle vollständig (am "
                                     "ehesten {table} / {label}, dort fehlen: {missing}); mit --table die Tabelle "
                                     "angeben", "table not recognised: the columns fit no table completely (most "
                                     "likely {table} / {label}, which lacks: {missing}); give the table with --table"),
    "problem.table_ambiguous": ("Tabelle nicht eindeutig ({first} oder {second}); mit --table angeben",
                                "table ambiguous ({first} or {second}); give it with --table"),
    "problem.table_rival": ("Tabelle nicht eindeutig erkannt: die Pflichtspalten von {chosen} sind da, aber die "
                            "Spalten {columns} gehören zu {rival}; dort fehlt: {missing}; mit --table die Tabelle "
                            "angeben", "table not recognised unambiguously: the required columns of {chosen} are "
                            "there, but the columns {columns} belong to {rival}, which lacks: {missing}; give the "
                            "table with --table"),
    "problem.at_least_one": ("mindestens eine von {labels}", "at least one of {labels}"),
    "problem.second_column": ("zweite Spalte für {name} (schon in Spalte {other})",
                              "second column for {name} (already in column {other})"),
    "problem.no_measure_column": ("keine Spalte mit Zahlen ({measures})", "no column with figures ({measures})"),
    "problem.required_column": ("Pflichtspalte fehlt ({name}; erlaubte Namen: {names})",
                                "required column missing ({name}; names allowed: {names})"),
    # the cells
    "problem.cell": ("{label} {reason}", "{label} {reason}"),
    "problem.not_allowed": ("ist nicht erlaubt (erlaubt: {choices})", "is not allowed (allowed: {choices})"),
    "problem.ags_four_digits": ("hat nur 4 Ziffern – führende Null verloren? (Kreisschlüssel sind fünfstellig, z. B. "
                                "06437; in Excel die Spalte als Text formatieren)", "has only 4 digits – leading zero "
                                "lost? (district keys have five digits, e.g. 06437; format the column as text in "
                                "Excel)"),
    "problem.bad_format": ("hat nicht das erwartete Format", "does not have the expected format"),
    "problem.no_jobcenter_for_ags": ("kein Jobcenter zu diesem Kreisschlüssel", "no jobcenter for this district key"),
    "problem.several_jobcenters_for_ags": ("mehrere Jobcenter zu diesem Kreisschlüssel; Jobcenter-ID angeben",
                                           "several jobcenters for this district key; give the jobcenter ID"),
    "problem.required": ("{label} fehlt (Pflichtfeld)", "{label} missing (required)"),
    "problem.below_minimum": ("{label} darf nicht kleiner als {bound} sein", "{label} must not be less than {bound}"),
    "problem.above_maximum": ("{label} darf nicht größer als {bound} sein", "{label} must not be greater than {bound}"),
    "problem.unknown.districts": ("unbekannter Kreis (nicht in Tabelle districts)",
                                  "unknown district (not in table districts)"),
    "problem.unknown.jobcenters": ("unbekannter Jobcenter (nicht in Tabelle jobcenters)",
                                   "unknown jobcenter (not in table jobcenters)"),
    "problem.unknown.indicator_defs": ("unbekannte Kennzahl (nicht in Tabelle indicator_defs)",
                                       "unknown indicator (not in table indicator_defs)"),
    "problem.required_unless_peer": ("{label} fehlt (Pflichtfeld; leer nur bei einem Vergleichs-Jobcenter außerhalb "
                                     "Hessens: Spalte „{peer}“ = ja)", "{label} missing (required; empty only for a "
                                     "peer jobcenter outside Hessen: column “{peer}” = ja)"),
    "problem.peer_with_ags": ("ein Vergleichs-Jobcenter hat keinen Kreisschlüssel (nur die Kreise Hessens stehen in der "
                              "Datenbank)", "a peer jobcenter has no district key (only the districts of Hessen are in "
                              "the database)"),
    "problem.no_measure": ("keine Zahl angegeben (mindestens eine von {labels} muss gefüllt sein)",
                           "no figure given (at least one of {labels} must be filled)"),
    "problem.percent_out_of_range": ("Prozentwert von {code} muss zwischen 0 und 100 liegen",
                                     "the percentage of {code} must lie between 0 and 100"),
    "problem.negative_count": ("Anzahl ({code}) darf nicht negativ sein", "a count ({code}) must not be negative"),
    "problem.end_before_start": ("Ende liegt vor dem Beginn", "the end lies before the start"),
    "problem.more_participants_than_invited": ("mehr Teilnehmende als Eingeladene", "more participants than invited"),
    "problem.qualifier_contradicts": ("widerspricht der Zahl in Spalte {column} ({cell})",
                                      "contradicts the figure in column {column} ({cell})"),
    "problem.figure": ("{label}: {reason}", "{label}: {reason}"),
    "problem.figure.no_value": ("Genauigkeit oder Obergrenze ohne Zahl", "qualifier or upper end without a figure"),
    "problem.figure.range_needs_upper": ("ein Bereich (↔) braucht die Obergrenze („bis“)",
                                         "a range (↔) needs the upper end (“up to”)"),
    "problem.figure.upper_needs_range": ("eine Obergrenze („bis“) gibt es nur bei einem Bereich (Genauigkeit ↔)",
                                         "an upper end (“up to”) exists only for a range (qualifier ↔)"),
    "problem.figure.upper_not_above": ("die Obergrenze des Bereichs muss größer als der Wert sein",
                                       "the upper end of the range must be greater than the value"),
    "problem.as_of_future": ("Stand liegt mehr als ein Jahr in der Zukunft", "the as-of date lies more than a year in "
                             "the future"),
    "problem.table": ("Tabelle {table}", "table {table}"),
    "problem.stale_reference": ("verweist auf einen Eintrag, den es in {table} nicht mehr gibt",
                                "refers to an entry that no longer exists in {table}"),
    "problem.synthetic_in_real": ("synthetische Daten (von kjc-tui generate erzeugt) kommen nicht in eine echte "
                                  "Datenbank; mit --synthetisch laden, dann gilt die ganze Datenbank als synthetisch",
                                  "synthetic data (made by kjc-tui generate) do not go into a real database; load "
                                  "with --allow-synthetic, then the whole database counts as synthetic"),
    # publishers' layouts
    "problem.value_cell": ("Wert {reason}", "Value {reason}"),
    "problem.ba_no_header": ("keine Kopfzeile „Berichtsmonat;…“ gefunden – keine BA-Statistiktabelle (Tabellencode "
                             "oder Region falsch?)", "no header line of report months found – not a BA statistics "
                             "table (wrong table code or region?)"),
    "problem.ba_not_a_month": ("ist kein Monat (erwartet z. B. „Januar 2025“)",
                               "is not a month (expected e.g. “Januar 2025”)"),
    "problem.ba_row_twice": ("Zeile kommt mehrfach vor (schon in Zeile {first}); die Zuordnung in indicators ist nicht "
                             "eindeutig (für Unterzeilen „Oberzeile > Zeile“ schreiben)", "the row appears more than "
                             "once (already in line {first}); its mapping in indicators is ambiguous (write "
                             "“Parent > Row” for sub-rows)"),
    "problem.ba_no_district": ("BA-Statistiktabelle erkannt, aber kein Kreis der Datenbank in den Kopfzeilen (erwartet "
                               "z. B. „Region: Odenwaldkreis“; gefunden: {found})", "BA statistics table recognised, "
                               "but no district of the database in its header lines (expected e.g. “Region: "
                               "Odenwaldkreis”; found: {found})"),
    "problem.ba_no_values": ("BA-Statistiktabelle ohne übernehmbare Werte (gefundene Zeilen: {rows})",
                             "BA statistics table without values to take (rows found: {rows})"),
    "problem.destatis_no_header": ("keine Destatis-Kreistabelle (Kopfzeile „Schlüssel-nummer | Regionale Bezeichnung "
                                   "| … | Bevölkerung“ nicht gefunden)", "not a Destatis district table (its header of "
                                   "district key, regional name, …, population not found)"),
    "problem.destatis_bad_stand": ("Gebietsstand ist kein Datum", "the Gebietsstand is not a date"),
    "problem.destatis_no_stand": ("Destatis-Kreistabelle ohne „Gebietsstand:“-Zeile: der Stichtag der Bevölkerung ist "
                                  "unbekannt", "Destatis district table without a “Gebietsstand:” line: the "
                                  "population's reference date is unknown"),
    "problem.destatis_not_ags": ("ist kein Kreisschlüssel (5 Ziffern)", "is not a district key (5 digits)"),
    "problem.destatis_no_district": ("Destatis-Kreistabelle ohne Kreis, zu dem die Datenbank ein Jobcenter hat",
                                     "Destatis district table without a district the database has a jobcenter for"),
    "problem.not_all_encoded": ("ist nicht durchgehend {encoding}-kodiert", "is not encoded in {encoding} throughout"),
    "problem.k48a_no_header": ("keine Kopfzeile der § 48a-Kennzahlen gefunden (erwartet Spalten für Träger, "
                               "Berichtsmonat, Kennzahl und Wert; bekannte Namen in "
                               "kjc_tui/ingest/layouts/kennzahlen_48a.py HEADERS)", "no header line of the § 48a "
                               "indicators found (expected columns for the body, the report month, the indicator and "
                               "the value; known names in kjc_tui/ingest/layouts/kennzahlen_48a.py HEADERS)"),
    "problem.bad_zip": ("ist keine gültige ZIP-Datei", "is not a valid ZIP file"),
    "problem.zip_no_member": ("enthält keine Datei {members} (enthält: {names})",
                              "holds no file {members} (holds: {names})"),
    "problem.zip_empty": ("enthält keine Datei {members} (enthält: (leer))", "holds no file {members} (holds: (empty))"),
    "problem.zip_member_too_large": ("entpackt größer als die Obergrenze{hint}", "unpacks to more than the limit{hint}"),
    "problem.zip_member_broken": ("ZIP-Eintrag ist beschädigt ({detail})", "ZIP entry is damaged ({detail})"),
    "problem.k48a_no_rows": ("keine Zeilen für Jobcenter der Datenbank mit bekannten Kennzahlen ({notes})",
                             "no rows for jobcenters of the database with known indicators ({notes})"),
    "problem.office_lacks_1": ("Pflichtspalte fehlt: die Datei hat keine Spalte „{column1}“; mit {option1} beim Laden "
                               "angeben (z. B. kjc-tui load --quelle \"https://…\" --stand 31.01.2025 DATEI)",
                               "required column missing: the file has no column “{column1}”; give it with {option1} "
                               "when loading (e.g. kjc-tui load --quelle \"https://…\" --stand 31.01.2025 FILE)"),
    "problem.office_lacks_2": ("Pflichtspalte fehlt: die Datei hat keine Spalte „{column1}“ und keine Spalte "
                               "„{column2}“; mit {option1} und {option2} beim Laden angeben (z. B. kjc-tui load "
                               "--quelle \"https://…\" --stand 31.01.2025 DATEI)", "required column missing: the file "
                               "has neither a column “{column1}” nor a column “{column2}”; give them with {option1} "
                               "and {option2} when loading (e.g. kjc-tui load --quelle \"https://…\" --stand "
                               "31.01.2025 FILE)"),
    "problem.office_not_a_year": ("ist kein Jahr (vierstellig, z. B. 2025)", "is not a year (four digits, e.g. 2025)"),
    "problem.office_not_a_month": ("ist kein Monat (1–12 oder Januar … Dezember)",
                                   "is not a month (1–12 or Januar … Dezember)"),
    # sources' refusals (a file a source fetched)
    "problem.bad_json_at": ("ist kein gültiges JSON (Zeile {json_line}, Spalte {json_column})",
                            "is not valid JSON (line {json_line}, column {json_column})"),
    "problem.bad_json_plain": ("ist kein gültiges JSON", "is not valid JSON"),
    "problem.json_not_an_object": ("erwartet ein JSON-Objekt", "expected a JSON object"),
    "problem.jobsuche_shape": ("Antwort hat weder {items} noch {total} – passt version = {version}? (Schlüssel: {keys})",
                               "the answer has neither {items} nor {total} – does version = {version} fit? (keys: "
                               "{keys})"),
    "problem.not_a_list_of_objects": ("ist keine Liste von Objekten", "is not a list of objects"),
    "problem.ba_no_regions": ("keine Kreise: regions in kjc.toml angeben", "no districts: give regions in kjc.toml"),
    "problem.ba_no_configured_values": ("keine Werte für die konfigurierten Zeilen (indicators); gefunden: {found}",
                                        "no values for the rows configured (indicators); found: {found}"),
    "problem.unexpected_content_type": ("unerwarteter Inhaltstyp (erwartet: {accept}); falsche URL oder eine "
                                        "Fehlerseite? Sonst in kjc.toml content_types setzen",
                                        "unexpected content type (expected: {accept}); wrong URL or an error page? "
                                        "Otherwise set content_types in kjc.toml"),
    # notes of a load (what was read otherwise or left out)
    "problem.note.of_file": ("{file}: {note}", "{file}: {note}"),
    "problem.note.release": ("Veröffentlichung {release}", "release {release}"),
    "problem.note.postings_read": ("{n} Stellenangebote gelesen", "{n} job postings read"),
    "problem.note.postings_without_refnr": ("{n} Stellenangebote ohne Referenznummer ausgelassen",
                                            "{n} job postings without a reference number left out"),
    "problem.note.schema_upgraded": ("Datenbank auf Schema {version} gebracht (Genauigkeit je Zahl)",
                                     "database brought to schema {version} (precision per figure)"),
    "problem.note.stale_temporary": ("alte temporäre Datei {path} ({owner}) lässt sich nicht löschen und bleibt "
                                     "liegen; ihr Besitzer oder die Verwaltung kann sie entfernen",
                                     "old temporary file {path} ({owner}) cannot be deleted and stays; its owner "
                                     "or the administration can remove it"),
    "problem.note.year_columns": ("Jahresspalten {columns} als Jahr und Zielwert gelesen",
                                  "year columns {columns} read as year and target value"),
    "problem.note.columns_left_out": ("nicht übernommene Spalten: {columns}", "columns not taken: {columns}"),
    "problem.note.footer": ("Fußzeile {line} nicht übernommen: {text}", "footer line {line} not taken: {text}"),
    "problem.note.encoding": ("Zeichenkodierung {encoding} erkannt", "encoding {encoding} recognised"),
    "problem.note.sheet": ("Tabellenblatt {sheet}", "sheet {sheet}"),
    "problem.note.sheet_chosen": ("Tabellenblatt {sheet} gewählt (seine Kopfzeile passt am besten; übergangen: {others})",
                                  "sheet {sheet} chosen (its header fits best; passed over: {others})"),
    "problem.note.year_and_month": ("Spalten {year} und {month} als Zeitraum (Monat) gelesen",
                                    "columns {year} and {month} read as the period (month)"),
    "problem.note.sum_rows": ("Summenzeilen nicht übernommen (kein Kreis): Zeile {lines}",
                              "sum rows not taken (no district): line {lines}"),
    "problem.note.blanks": ("{n} Zellen „k. A.“/„–“ als leer (kein Wert) gelesen",
                            "{n} cells “k. A.”/“–” read as empty (no value)"),
    "problem.note.from_options_1": ("ohne Spalte {column1}: aus --quelle/--stand",
                                    "without a column {column1}: from --quelle/--stand"),
    "problem.note.from_options_2": ("ohne Spalte {column1} und {column2}: aus --quelle/--stand",
                                    "without a column {column1} and {column2}: from --quelle/--stand"),
    "problem.note.missing": ("Zellen ohne Zahl nicht übernommen (kein Wert, nicht 0): {parts}",
                             "cells without a figure not taken (no value, not 0): {parts}"),
    "problem.note.missing_part": ("{n}× {what} (zuerst {first})", "{n}× {what} (first {first})"),
    "problem.note.mark": ("„{mark}“ {meaning}", "“{mark}” {meaning}"),
    "problem.note.at_line": ("Zeile {line}", "line {line}"),
    "problem.note.at_cell": ("Zeile {line}, Spalte {column}", "line {line}, column {column}"),
    "problem.note.at_member_line": ("{file}, Zeile {line}", "{file}, line {line}"),
    "problem.mark.empty": ("leer", "empty"),
    "problem.mark.anonymised": ("anonymisiert", "anonymised"),
    "problem.mark.nothing": ("nichts vorhanden", "nothing there"),
    "problem.mark.not_meaningful": ("Nachweis nicht sinnvoll", "figure not meaningful"),
    "problem.mark.unknown_or_secret": ("unbekannt oder geheim", "unknown or secret"),
    "problem.mark.later": ("Angabe fällt später an", "figure comes later"),
    "problem.mark.no_information": ("keine Angabe", "no information"),
    "problem.mark.not_available": ("nicht verfügbar", "not available"),
    "problem.note.not_found": ("nicht gefunden: {labels}", "not found: {labels}"),
    "problem.note.ba_legend": ("Legende/Fußnoten ab Zeile {line} nicht übernommen ({text} …)",
                               "legend/footnotes from line {line} not taken ({text} …)"),
    "problem.note.ba_recognised": ("BA-Statistiktabelle erkannt: {district} ({ags})",
                                   "BA statistics table recognised: {district} ({ags})"),
    "problem.note.ba_rows_left_out": ("Zeilen ohne Kennzahl-Zuordnung nicht übernommen: {rows}",
                                      "rows without an indicator mapping not taken: {rows}"),
    "problem.note.ba_no_stand": ("keine „Stand:“-Zeile: als Stand gilt je Wert sein Berichtsmonat (mit --stand angeben)",
                                 "no “Stand:” line: each value's report month counts as its as-of date (give it with "
                                 "--stand)"),
    "problem.note.destatis_recognised": ("Destatis-Kreistabelle erkannt (Blatt {sheet}, Kopfzeile {first}–{last}, "
                                         "Gebietsstand {stand}): Bevölkerung insgesamt, männlich, weiblich",
                                         "Destatis district table recognised (sheet {sheet}, header {first}–{last}, "
                                         "Gebietsstand {stand}): population total, male, female"),
    "problem.note.destatis_recognised_area": ("Destatis-Kreistabelle erkannt (Blatt {sheet}, Kopfzeile {first}–{last}, "
                                              "Gebietsstand {stand}): Bevölkerung insgesamt, männlich, weiblich, Fläche "
                                              "(km²)", "Destatis district table recognised (sheet {sheet}, header "
                                              "{first}–{last}, Gebietsstand {stand}): population total, male, female, "
                                              "area (km²)"),
    "problem.note.destatis_groups": ("{n} Gruppenzeilen (Land, Regierungsbezirk, Region)",
                                     "{n} group rows (state, administrative region, region)"),
    "problem.note.destatis_totals": ("{n} Summenzeilen (Insgesamt)", "{n} sum rows (totals)"),
    "problem.note.destatis_other": ("{n} Kreise ohne Jobcenter in der Datenbank",
                                    "{n} districts without a jobcenter in the database"),
    "problem.note.left_out": ("nicht übernommen: {what}", "not taken: {what}"),
    "problem.note.destatis_trailer": ("Quelle/Fußnoten ab Zeile {line} nicht übernommen",
                                      "source/footnotes from line {line} not taken"),
    "problem.note.destatis_no_area": ("Fläche nicht übernommen (Kennzahl {code} fehlt im Kennzahlen-Katalog der "
                                      "Datenbank)", "area not taken (indicator {code} is not in the database's "
                                      "catalogue)"),
    "problem.note.destatis_density": ("Bevölkerungsdichte nicht übernommen (Bevölkerung je Fläche, aus beiden "
                                      "berechenbar)", "population density not taken (population per area, computable "
                                      "from both)"),
    "problem.note.other_bodies": ("{n} andere Träger ausgelassen", "{n} other bodies left out"),
    "problem.note.unknown_codes": ("unbekannte Kennzahlen ausgelassen: {codes}", "unknown indicators left out: {codes}"),
    "problem.note.peers": ("{n} Vergleichs-Jobcenter außerhalb Hessens", "{n} peer jobcenters outside Hessen"),
    # common
    "missing": ("fehlt", "missing"),
    "not_recorded": ("nicht belegt", "not recorded"),
    "none": ("keine", "none"),
    "loading": ("lädt …", "loading …"),
    "col.indicator": ("Kennzahl", "Indicator"),
    "col.value": ("Wert", "Value"),
    "col.trend": ("Verlauf", "Trend"),
    "col.period": ("Zeitraum", "Period"),
    "col.as_of": ("Stand", "As of"),
    "col.coverage": ("KJC", "KJC"),
    "col.date": ("Datum", "Date"),
    "col.jobcenter": ("Jobcenter", "Jobcenter"),
    "col.title": ("Veranstaltung", "Event"),
    "col.place": ("Ort", "Place"),
    "col.participants": ("Teiln.", "Partic."),
    "col.invited": ("Eingel.", "Invited"),
    "col.employers": ("Arbeitg.", "Employ."),
    "col.contracts": ("Vertr.", "Contr."),
    "col.applications": ("Bewerb.", "Applic."),
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
    "col.programme_item": ("Programm · Posten", "Programme · item"),
    "col.amount": ("Betrag", "Amount"),
    "col.ratio": ("Quote", "Ratio"),
    "col.basis": ("Grundlage", "Basis"),
    "col.statement": ("Aussage", "Statement"),
    "col.n_jobcenters": ("JC", "JC"),
    "agg.sum": ("Σ", "Σ"),
    "agg.mean": ("Ø", "Ø"),
    # overview
    "ov.counts": ("{kjc} Kommunale Jobcenter · {ge} gemeinsame Einrichtungen (gE) · {n} Kreise",
                  "{kjc} municipal jobcenters · {ge} joint jobcenters (gE) · {n} districts"),
    "ov.headline": ("Kennzahlen der KJC zum gemeinsamen Stand (Σ Summe, Ø Mittel, ⚠ keiner · F4 Stand)",
                    "KJC figures at a common period (Σ sum, Ø mean, ⚠ none · F4 period)"),
    "ov.without_values": ("Ohne Werte ({n}): {codes}", "Without values ({n}): {codes}"),
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
    # issue 12: common periods, the newest release, what changed
    "ov.release": ("Neueste Veröffentlichung § 48a SGB II: {period} (Stand {as_of})",
                   "Newest § 48a SGB II release: {period} (as of {as_of})"),
    "ov.release_none": ("keine Veröffentlichung § 48a (K1–K3) mit zwei Kreisen im selben Monat",
                        "no § 48a release (K1–K3) with two districts in one month"),
    # one line even at 80 columns; the offline way is in the message of a fetch that cannot connect
    "ov.official_offer": ("Noch keine amtlichen Kennzahlen – F5 ruft sie ab ({n} Quellen)",
                          "No official indicators yet – F5 fetches them ({n} sources)"),
    "ov.official_none": ("Noch keine amtlichen Kennzahlen – Dateien mit kjc-tui load DATEI laden",
                         "No official indicators yet – load the files with kjc-tui load FILE"),
    "ov.fetched_at": (" · abgerufen {when}", " · fetched {when}"),
    "ov.release_basis": ("Mittel der Kreise: {n} von {total} mit Wert; Veränderung über die {prev} (Vormonat) "
                         "bzw. {year} (Vorjahresmonat) Kreise mit Werten in beiden Monaten",
                         "Mean of the districts: {n} of {total} with a value; change over the {prev} (previous "
                         "month) and {year} (same month last year) districts with values in both months"),
    "ov.of": ("{n} von {total}", "{n} of {total}"),
    "ov.district_scope": (" (ganze Kreise)", " (whole districts)"),
    "scope.district_short": (" (Kreis)", " (district)"),
    # Tabellen's cells: booleans and the codes of coded columns (shown worded; filters, sort, export keep the code)
    "cell.yes": ("ja", "yes"), "cell.no": ("nein", "no"),
    "code.sex.all": ("insgesamt", "total"), "code.sex.f": ("Frauen", "women"), "code.sex.m": ("Männer", "men"),
    "ov.district_basis": ("{coverage} Kreise der KJC; {whole}", "{coverage} districts of the KJC; {whole}"),
    "scope.district_note": ("Zahl des ganzen Kreises, nicht des Jobcenters allein",
                            "a figure of the whole district, not of the jobcenter alone"),
    "ov.movers": ("Bewegt", "Moved"),
    "ov.movers_vs": ("Kreise mit der größten Veränderung ggü. Vormonat",
                     "Districts that moved most against the previous month"),
    "ov.since": ("Neu seit {when}: {new} neue Werte, {revised} korrigiert",
                 "New since {when}: {new} new values, {revised} revised"),
    "ov.revised": ("korrigiert", "revised"),
    "ov.revised_note": ("Korrigiert: vorher {old} (Stand {old_as_of}); der alte Wert bleibt im Verlauf "
                        "(Tabelle indicator_revisions)",
                        "Revised: before {old} (as of {old_as_of}); the old value stays in the history "
                        "(table indicator_revisions)"),
    "ov.old_new": ("alt → neu", "old → new"),
    "ov.no_common": ("kein gemeinsamer Stand", "no common period"),
    "ov.scattered": ("{n} einzeln", "{n} single"),
    "ov.no_common_note": ("{n} von {total} haben Werte, aber keine zwei zum selben Zeitraum ({span}): "
                          "eine Summe oder ein Mittel wäre kein Stand eines Zeitpunkts.",
                          "{n} of {total} have values, but no two for the same period ({span}): "
                          "a sum or mean would not be the state at one time."),
    "ov.missing_at": ("Ohne Wert zum {period}: {names}", "Without a value for {period}: {names}"),
    "col.group": ("Gr.", "Grp."),
    "col.vs_month": ("Vormonat", "Prev. m."),
    "col.vs_year": ("Vorjahr", "Prev. y."),
    "col.coverage_of": ("Kreise", "Districts"),
    "col.district": ("Kreis", "District"),
    "cmp.stand_of": ("{period} · {n} von {total}", "{period} · {n} of {total}"),
    "cmp.stand_of_short": ("{period} · {n}/{total}", "{period} · {n}/{total}"),
    "cmp.no_common": ("kein gem. Stand", "no common period"),
    "cmp.latest_other": ("letzter {period}", "latest {period}"),
    "cmp.latest_value": ("letzter Wert", "latest value"),
    "period.title": ("Stand wählen", "Pick the period"),
    "period.auto": ("Automatisch: je Kennzahl der neueste Monat, den die meisten Kreise haben",
                    "Automatic: for each indicator the newest month most districts share"),
    "period.option": ("{period}  ({n} Kennzahlen mit gemeinsamem Stand)", "{period}  ({n} indicators with a common period)"),
    "period.option_one": ("{period}  (1 Kennzahl mit gemeinsamem Stand)", "{period}  (1 indicator with a common period)"),
    "period.explain": ("Summen, Mittel, Ränge, Abweichungen und die Karte nehmen nur Werte dieses Zeitraums; "
                       "eine Kennzahl ohne Werte dazu nimmt den neuesten gemeinsamen davor.",
                       "Sums, means, ranks, deviations and the map take only values of this period; an "
                       "indicator without values for it takes the newest common one before."),
    "period.set": ("Stand für alle Vergleiche: {period}", "Period for all comparisons: {period}"),
    "period.auto_set": ("Stand: automatisch (neuester gemeinsamer je Kennzahl)",
                        "Period: automatic (newest common one per indicator)"),
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
    "jc.filter": ("{keys} sucht (Name, AGS) …", "{keys} finds (name, key) …"),
    "jc.none_match": ("Kein Kreis passt.", "No district matches."),
    "jc.choose": ("Links einen Kreis wählen.", "Choose a district on the left."),
    "jc.list_title": ("Kreise ({n})", "Districts ({n})"),
    "jc.master": ("Stammdaten", "Master data"),
    "jc.figures": ("Kennzahlen", "Key figures"),
    "jc.staffing": ("Personal", "Staffing"),
    "jc.bass": ("BASS-Jahrgänge", "BASS cohorts"),
    "jc.events": ("Veranstaltungen", "Events"),
    "jc.budgets": ("Budgets", "Budgets"),
    "jc.ratios": ("Abgeleitete Quoten", "Derived ratios"),
    "jc.facts": ("Belegte Aussagen", "Sourced statements"),
    "jc.empty": ("keine Angaben", "no data"),
    "jc.no_table": ("Zu diesem Kreis ist kein Jobcenter erfasst: keine Zeilen zum Zeigen",
                    "No jobcenter is recorded for this district: no rows to show"),
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
    "src.more": ("{n} weitere Quellen", "{n} more sources"),
    "src.none": ("Für diese Zeile ist keine Quelle hinterlegt.", "No source is recorded for this row."),
    "help.title": ("Tastenkürzel", "Keys"),
    "help.footer": ("Tasten lassen sich in kjc.toml unter [keymap] umbelegen, z. B. \"app.help\" = \"f1\"",
                    "Keys can be remapped in kjc.toml under [keymap], e.g. \"app.help\" = \"f1\""),
    "help.col.keys": ("Taste", "Key"),
    "help.col.what": ("Wirkung", "Action"),
    "help.col.id": ("ID (für [keymap])", "ID (for [keymap])"),
    # command palette
    "cmd.placeholder": ("Kreis, Ansicht oder Aktion suchen …", "Find a district, view or action …"),
    "cmd.theme_placeholder": ("Farbschema suchen …", "Find a theme …"),
    "cmd.view": ("Ansicht", "View"),
    "cmd.action": ("Aktion", "Action"),
    "cmd.open_view": ("Zur Ansicht {name}", "Go to {name}"),
    # Diagramme, Vergleich, Karte (charts helper)
    "cmd.compare_set": ("Vergleich: {name}", "Compare: {name}"),
    "cmd.compare_set_help": ("Gespeicherter Vergleich ({members})", "Saved comparison ({members})"),
    "cmd.neighbours": ("Vergleich mit nächsten Nachbarn von {name}", "Compare with the nearest neighbours of {name}"),
    "cmp.dlg.name": ("Name des Vergleichs (wird in Ihrer kjc.toml gespeichert):",
                     "Name of the comparison (saved in your kjc.toml):"),
    "cmp.dlg.exists": ("„{name}“ gibt es schon – Enter noch einmal überschreibt ihn, Esc bricht ab.",
                       "“{name}” exists – Enter again overwrites it, Esc cancels."),
    "cmp.dlg.sets": ("Gespeicherte Vergleiche:", "Saved comparisons:"),
    "cmp.dlg.period": ("Zeitraum", "Period"),
    "cmp.dlg.stand": ("Stand", "As of"),
    "cmp.dlg.source": ("Quelle", "Source"),
    "cmp.dlg.numden": ("Zähler/Nenner", "Numerator/denominator"),
    "cmp.dlg.group_source": ("Mittel aus {n} Kreisen (Quellen in der Tabelle „Kennzahlen“)",
                             "Mean of {n} districts (sources in the table “Kennzahlen”)"),
    "cmd.real_data": ("Echte Daten öffnen", "Open the real data"),
    "cmd.real_data_help": ("Zurück von den synthetischen Demo-Daten zur eingestellten Datenbank",
                           "Back from the synthetic demo data to the configured database"),
    "cmd.chart": ("Diagramm: {name}", "Chart: {name}"),
    "cmd.table": ("Tabelle: {name}", "Table: {name}"),
    "norm.abs": ("absolut", "absolute"),
    "norm.ew": ("je 1.000 Einwohner", "per 1,000 inhabitants"),
    "norm.ew1": ("je Einwohner", "per inhabitant"),
    "norm.elb": ("je 100 eLb", "per 100 eLb"),
    "norm.elb1": ("je eLb", "per eLb"),
    "norm.den.EW": ("Einwohnerzahl (EW)", "population (EW)"),
    "norm.den.ELB": ("Zahl der eLb (ELB)", "number of eLb (ELB)"),
    "cmp.unknown.type": ("unbekannter Vergleichstyp {name}", "unknown comparison type {name}"),
    "cmp.unknown.group": ("unbekannte Gruppe {name}", "unknown group {name}"),
    "cmp.unknown.district": ("unbekannter Kreis {name}", "unknown district {name}"),
    "cmp.neighbours_title": ("Nächste Nachbarn von {name}", "Nearest neighbours of {name}"),
    "cmp.neighbours_explained": (
        "Ähnlichkeit: jede Kennzahl wird über die hessischen Kreise (und die Vergleichs-Jobcenter "
        "außerhalb Hessens, soweit geladen) standardisiert (z-Wert; Anzahlen und Beträge vorher "
        "logarithmiert). Abstand = Wurzel des mittleren quadrierten Unterschieds der z-Werte über die "
        "Kennzahlen, die beide Kreise haben. 0 = gleich, ≈1,4 = so verschieden wie zwei zufällige Kreise.",
        "Similarity: each indicator is standardised over the Hessian districts (and the peer jobcenters "
        "outside Hessen, where loaded) as a z-score (counts and amounts on a log scale first). Distance = "
        "root mean square of the z-score differences over the indicators both districts have. 0 = the same, "
        "≈1.4 = as different as two random districts."),
    "cmp.neighbour_line": ("{name}: Abstand {distance} über {n} Kennzahlen", "{name}: distance {distance} over {n} indicators"),
    "cmp.neighbour_diffs": (" (größte Unterschiede in z: {list})", " (largest differences in z: {list})"),
    "ch.districts_n": ("{n} Kreise",
        "{n} districts"),
    "ch.no_indicators": ("Es sind noch keine Kennzahlen geladen.",
        "No indicators loaded yet."),
    "ch.synthetic": ("  [SYNTHETISCHE DATEN]",
        "  [SYNTHETIC DATA]"),
    "ch.other_period": (" · ,/. anderer Zeitraum",
        " · ,/. other period"),
    "ch.bar_title": ("{name} – alle Kreise, {period}",
        "{name} – all districts, {period}"),
    "ch.best_first": ("Beste zuerst",
        "Best first"),
    "ch.by_value": ("Nach Wert sortiert",
        "Sorted by value"),
    "ch.stand_sources": (" · Stand {date}, {n} Quellen",
        " · as of {date}, {n} sources"),
    "ch.denominator_of": (" · Nenner {name} vom {date}",
        " · denominator {name} of {date}"),
    "ch.bar_keys": (" · q Quelle",
        " · q source"),
    "ch.line_title": ("{name} – Verlauf",
        "{name} – trend"),
    "ch.line_note": ("Ø = Mittel der Kreiswerte je Zeitraum, gestrichelt ┄ · a Reihe dazu · x letzte weg · t alle Kreise · v vergleichen",
        "Ø = mean of the district values per period, dashed ┄ · a add series · x drop last · t all districts · v compare"),
    "ch.pick_bar": ("Im Kreisvergleich einen Balken wählen; q zeigt dann seine Quelle.",
        "Pick a bar in the district chart; q then shows its source."),
    "ch.sparse": ("Zu wenige Daten für ein aussagekräftiges Diagramm: Für „{name}“ {what}.{hint}{demo}",
        "Too little data for a meaningful chart: for “{name}” {what}.{hint}{demo}"),
    "ch.sparse.no_den": ("fehlt für {n} von {total} Kreisen der Nenner {den} (höchstens 3 Jahre vor dem Zeitraum)",
        "{n} of {total} districts lack the denominator {den} (at most 3 years before the period)"),
    "ch.sparse.few_values": ("; Werte liegen nur für {n} Kreise vor",
        "; only {n} districts have values"),
    "ch.sparse.bars": ("liegen nur für {n} von {total} Kreisen Werte vor",
        "only {n} of {total} districts have values"),
    "ch.sparse.points": ("gibt es höchstens {n} Zeitpunkt(e) je Reihe",
        "there are at most {n} points per series"),
    "ch.sparse.better": (" Besser belegt: {codes}.",
        " Better covered: {codes}."),
    "ch.sparse.demo": (" Taste d: synthetische Demo-Daten öffnen (als SYNTHETISCH markiert).",
        " Key d: open synthetic demo data (marked SYNTHETIC)."),
    "ch.rates_no_norm": ("Für Quoten gibt es keine Werte je Einwohner/je eLb.",
        "Rates have no per-inhabitant/per-eLb values."),
    "ch.added": ("{name} im Verlauf ({n} Reihen) – t zeigt ihn.",
        "{name} in the trend ({n} series) – t shows it."),
    "ch.prompt.indicator": ("Kennzahl …",
        "Indicator …"),
    "ch.prompt.add": ("+ Reihe (a) …",
        "+ series (a) …"),
    "ch.stand_source": (" · Stand {date}, 1 Quelle",
        " · as of {date}, 1 source"),
    "cmp.head": ("Vergleich: ",
        "Compare: "),
    "cmp.synthetic": ("  SYNTHETISCHE DATEN",
        "  SYNTHETIC DATA"),
    "cmp.note": ("Gruppe = Mittel der Kreiswerte (ohne Zähler/Nenner) · Abw. zum Hessen-Ø (Pp. bei Quoten) · Rang 1 = beste · Enter Verlauf · i Quellen",
        "Group = mean of the district values (no numerator/denominator) · deviation from the Hessen avg (pp for rates) · rank 1 = best · Enter trend · i sources"),
    "cmp.sparse": ("Kaum vergleichbare Werte: nur {n} Kennzahlen mit Werten für alle.",
        "Hardly comparable: only {n} indicators with values for all."),
    "cmp.sparse_one": ("Kaum vergleichbare Werte: nur 1 Kennzahl mit Werten für alle.",
                       "Hardly comparable: only 1 indicator with values for all."),
    "cmp.sparse_none": ("Kaum vergleichbare Werte: keine Kennzahl mit Werten für alle.",
                        "Hardly comparable: no indicator with values for all."),
    "cmp.col.indicator": ("Kennzahl",
        "Indicator"),
    "cmp.no_value": ("–\nkein Wert",
        "–\nno value"),
    "cmp.group_of": ("Ø aus {n} von {total}",
        "Ø over {n} of {total}"),
    "cmp.group_of_short": ("Ø {n} von {total}",
        "Ø {n} of {total}"),
    "cmp.rank": (" · Rang {r}",
        " · rank {r}"),
    "cmp.rank_in_type": ("{name}: Rang {r} von {n} im Vergleichstyp {type}",
        "{name}: rank {r} of {n} in peer type {type}"),
    "cmp.rank_type": (" · Typ {r} von {n}",
        " · type {r} of {n}"),
    "cmp.rank_type_short": (" · Typ {r}/{n}", " · type {r}/{n}"),
    "cmp.stand_all": ("{code}: Stand {date} (alle)",
        "{code}: as of {date} (all)"),
    "cmp.stand": ("{code}: Stand ",
        "{code}: as of "),
    "cmp.prompt.add": ("Kreis oder Gruppe hinzufügen (a) …",
        "Add a district or group (a) …"),
    "cmp.already": ("Ist schon im Vergleich.",
        "Already in the comparison."),
    "cmp.at_most": ("Höchstens {n} – mit x den letzten entfernen.",
        "At most {n} – x removes the last one."),
    "cmp.no_sets": ("Noch keine gespeicherten Vergleiche – mit s speichern.",
        "No saved comparisons yet – s saves one."),
    "cmp.loaded_set": ("Gespeicherter Vergleich „{name}“.",
        "Saved comparison “{name}”."),
    "cmp.not_saved": ("Nicht gespeichert: {error}",
        "Not saved: {error}"),
    "cmp.set_saved": ("Vergleich „{name}“ gespeichert in {path}",
        "Comparison “{name}” saved in {path}"),
    "cmp.set_deleted": ("Vergleich „{name}“ gelöscht aus {path}",
        "Comparison “{name}” deleted from {path}"),
    "cmp.keep_one": ("Mindestens ein Kreis oder eine Gruppe bleibt.",
        "At least one district or group stays."),
    "cmp.neighbours_need_district": ("Nächste Nachbarn gibt es für Kreise: zuerst einen Kreis hinzufügen (a).",
        "Nearest neighbours are for districts: add a district first (a)."),
    "cmp.neighbours_none": ("Zu wenige gemeinsame Kennzahlen für nächste Nachbarn.",
        "Too few shared indicators for nearest neighbours."),
    "cmp.neighbours_note": ("Nächste Nachbarn von {name} (Abstand): {list} · w: Warum?",
        "Nearest neighbours of {name} (distance): {list} · w: why?"),
    "cmp.why_hint": ("n sucht die nächsten Nachbarn des ersten Kreises; w erklärt sie dann.",
        "n finds the nearest neighbours of the first district; w then explains them."),
    "cmp.csv_failed": ("CSV nicht gespeichert: {error}",
        "CSV not saved: {error}"),
    "cmp.csv_saved": ("Tabelle gespeichert: {path}",
        "Table saved: {path}"),
    "ch.no_values": ("Keine Werte für dieses Diagramm.",
        "No values for this chart."),
    "ch.no_room": ("Zu wenig Platz.",
        "Not enough room."),
    "ch.window": ("▲▼ {first}–{last} von {n}",
        "▲▼ {first}–{last} of {n}"),
    "ch.without_value": ("Ohne Wert ({n}): ",
        "No value ({n}): "),
    "map.no_data": ("k. A.",
        "n/a"),
    "map.darker_better": ("kräftiger = besser", "stronger = better"),
    "map.darker_worse": ("kräftiger = schlechter", "stronger = worse"),
    "map.darker_more": ("kräftiger = höher", "stronger = higher"),
    "map.stand": ("Stand {period} · {n} von {total} Kreisen", "as of {period} · {n} of {total} districts"),
    "map.title": ("Karte: ",
        "Map: "),
    "map.title_rest": (" · {period} · [ ] Kennzahl · ⏎ Profil",
        " · {period} · [ ] indicator · ⏎ profile"),
    "map.sparse": ("\nZu wenige Daten: nur {n} von {total} Kreisen haben einen Wert. Demo-Daten: Diagramme (4), dann d.",
        "\nToo little data: only {n} of {total} districts have a value. Demo data: Charts (4), then d."),
    "map.model_unknown": ("Modell unbekannt",
        "model unknown"),
    "map.no_value": ("kein Wert",
        "no value"),
    "map.status": ("{value} · Zeitraum {period} · Stand {stand}",
        "{value} · period {period} · as of {stand}"),
    "map.none": ("Karte: keine Kennzahlen mit Werten.",
        "Map: no indicators with values."),
    # overview: fetches of the configured sources (kjc-tui fetch, F5)
    "ovf.title": ("Abrufe (F5 aktualisiert)", "Fetches (F5 updates)"),
    "ovf.kind": ("Art", "Kind"),
    "ovf.when": ("Letzter Erfolg", "Last success"),
    "ovf.state": ("Letzter Versuch", "Last try"),
    "ovf.ok": ("geladen", "loaded"),
    "ovf.unchanged": ("unverändert", "unchanged"),
    "ovf.failed": ("fehlgeschlagen", "failed"),
    "ovf.never": ("nie", "never"),
    "ovf.off": ("aus", "off"),
    "ovf.checked": ("zuletzt geprüft {when}: {state}", "last checked {when}: {state}"),
    # charts round 2
    "ch.value": ("Wert", "Value"),
    "ch.sparse.one_value": ("; Werte liegen nur für 1 Kreis vor", "; only 1 district has values"),
    "svg.partial": ("\nzeigt {shown} von {total} {what}; ein größeres Fenster zeigt alle",
        "\nshows {shown} of {total} {what}; a larger window shows all"),
    "svg.districts": ("Kreisen", "districts"),
    "svg.indicators": ("Kennzahlen", "indicators"),
    "cmp.replaced": ("Vergleich voll (höchstens {n}): {new} ersetzt {old}",
        "Comparison full (at most {n}): {new} replaces {old}"),
    # Tabellen
    "tbl.type.text": ("Text", "Text"),
    "tbl.type.int": ("Ganzzahl", "Integer"),
    "tbl.type.number": ("Zahl", "Number"),
    "tbl.type.date": ("Datum", "Date"),
    "tbl.type.timestamp": ("Zeitpunkt", "Timestamp"),
    "tbl.type.bool": ("ja/nein", "yes/no"),
    "tbl.pick_table": ("Tabelle  {label}  ({name}) · {rows} Zeilen", "Table  {label}  ({name}) · {rows} rows"),
    "tbl.pick_view": ("Sicht    {label}  ({name})", "View     {label}  ({name})"),
    "tbl.pick_sql": ("SQL-Abfrage eingeben …", "Enter an SQL query …"),
    "tbl.title_pick_first": ("Tabellen – Tabelle wählen (Enter), ':' für eine SQL-Abfrage",
                             "Tables – pick a table (Enter), ':' for an SQL query"),
    "tbl.title_pick": ("Tabellen – Tabelle wählen (Enter), Esc zurück", "Tables – pick a table (Enter), Esc back"),
    "tbl.unreadable": ("Tabellen lassen sich nicht lesen: {error}", "Tables cannot be read: {error}"),
    "tbl.loading": ("lädt …", "loading …"),
    "tbl.searching": ("sucht … (Esc bricht ab)", "searching … (Esc cancels)"),
    "tbl.search": ("Suche", "Search"),
    "tbl.search_first": ("Erst mit / suchen, dann n/N.", "Search with / first, then n/N."),
    "tbl.not_found": ("Nicht gefunden: {text}", "Not found: {text}"),
    "tbl.copied_value": ("Wert kopiert", "Value copied"),
    "tbl.copied_row": ("Zeile kopiert", "Row copied"),
    "tbl.prompt_filter": ("Filter für {column}: > 5000, <= 31.12.2020, != x, ~ Text, leer, !leer",
                          "Filter for {column}: > 5000, <= 31.12.2020, != x, ~ text, leer (empty), !leer"),
    "tbl.prompt_contains": ("{column} enthält …", "{column} contains …"),
    "tbl.prompt_search": ("In {column} suchen (n weiter, N zurück) …", "Search in {column} (n next, N previous) …"),
    "tbl.prompt_search_all": ("In allen Textspalten suchen (n weiter, N zurück, Esc bricht ab) …",
                              "Search all text columns (n next, N previous, Esc cancels) …"),
    "tbl.prompt_sql": ("Lesende SQL-Abfrage (SELECT …), Enter führt aus", "Read-only SQL query (SELECT …), Enter runs it"),
    "tbl.prompt_export": ("Exportieren nach … (.csv, .parquet, .json, .jsonl, .xlsx)",
                          "Export to … (.csv, .parquet, .json, .jsonl, .xlsx)"),
    "tbl.prompt_export_excel": ("Exportieren nach … (deutsches Excel: .csv)", "Export to … (German Excel: .csv)"),
    "tbl.prompt_overwrite": ("{name} gibt es schon: Enter überschreibt, Esc bricht ab",
                             "{name} exists: Enter overwrites it, Esc cancels"),
    "tbl.excel_needs_csv": ("Deutsches Excel-CSV braucht die Endung .csv.", "German Excel CSV needs the ending .csv."),
    "tbl.exporting": ("Export {done} %", "Export {done} %"),
    "tbl.export_failed": ("Export fehlgeschlagen: {error}", "Export failed: {error}"),
    # what an export cannot do (read/export: ExportError codes; the CLI words them the same way)
    "export.err.format": ("Unbekanntes Format {format!r}; möglich: csv, parquet, json, jsonl, xlsx.",
                          "Unknown format {format!r}; possible: csv, parquet, json, jsonl, xlsx."),
    "export.err.ending": ("Das Format ergibt sich aus der Endung: .csv, .parquet, .json, .jsonl oder .xlsx "
                          "(nicht {ending}).",
                          "The format follows from the ending: .csv, .parquet, .json, .jsonl or .xlsx (not {ending})."),
    "export.err.template_ending": ("Vorlagen gibt es als .xlsx oder .csv (nicht {ending}).",
                                   "Templates come as .xlsx or .csv (not {ending})."),
    "export.err.no_ending": ("ohne Endung", "no ending"),
    "export.err.excel_csv": ("Das deutsche Excel-Format gibt es nur für CSV-Dateien.",
                             "The German Excel format is for CSV files only."),
    "export.err.no_directory": ("Das Verzeichnis {directory} gibt es nicht.", "The directory {directory} does not exist."),
    "export.err.failed": ("Export fehlgeschlagen: {detail}", "Export failed: {detail}"),
    "export.err.xlsx_rows": ("{rows} Zeilen passen nicht in eine Excel-Tabelle (höchstens {most}); bitte filtern oder "
                             "als CSV/Parquet exportieren.",
                             "{rows} rows do not fit into an Excel sheet (at most {most}); please filter or export "
                             "as CSV/Parquet."),
    "export.err.unknown_table": ("unbekannte Tabelle {name!r}; bekannt: {known}", "unknown table {name!r}; known: {known}"),
    "tbl.exported": ("{rows} Zeilen nach {path} exportiert", "{rows} rows exported to {path}"),
    "tbl.status_column": ("Spalte {n}/{of} {column}", "Column {n}/{of} {column}"),
    "tbl.no_rows": ("keine Zeilen", "no rows"),
    "tbl.position": ("Zeile {row} von {rows}", "Row {row} of {rows}"),
    # dashboard round 2
    "cmd.maximize": ("Bereich vergrößern", "Maximize"),
    "cmd.maximize_help": ("Den fokussierten Bereich auf den ganzen Bildschirm", "Maximize the focused widget"),
    "cmd.minimize": ("Bereich verkleinern", "Minimize"),
    "cmd.minimize_help": ("Den vergrößerten Bereich wieder normal zeigen", "Restore the maximized widget"),
    "cmd.screenshot": ("Bildschirmfoto (SVG)", "Screenshot (SVG)"),
    "cmd.screenshot_help": ("Den Bildschirm als SVG-Datei speichern", "Save the screen as an SVG file"),
    "notify.start_district": ("Startkreis gespeichert: {name} ({ags})", "Start district saved: {name} ({ags})"),
    # § 48b targets and documents (reports, chart files)
    "jc.targets": ("Ziele (§ 48b SGB II)", "Targets (§ 48b SGB II)"),
    "col.target": ("Ziel", "Target"),
    "col.actual": ("Ist", "Actual"),
    "col.difference": ("Differenz", "Difference"),
    "col.attainment": ("Erreicht", "Attained"),
    "target.met": ("erreicht", "met"),
    "target.missed": ("verfehlt", "missed"),
    "target.open": ("offen", "open"),
    "target.undirected": ("ohne Richtung", "no direction"),
    "target.provisional": ("vorläufig", "provisional"),
    "cmp.target": ("Ziel {glyph}", "target {glyph}"),
    "report.busy": ("Ein Bericht wird bereits erstellt.", "A report is already being made."),
    "report.start": ("Bericht wird erstellt …", "Making the report …"),
    "report.saved": ("Gespeichert: {paths}", "Saved: {paths}"),
    "report.failed": ("Bericht nicht erstellt: {error}", "Report not made: {error}"),
    "report.no_district": ("Erst einen Kreis wählen.", "Choose a district first."),
    "report.no_chart": ("Kein Diagramm zum Speichern.", "No chart to save."),
    "chart.saved": ("Diagramm gespeichert (ganz, für den Druck): {paths}",
                    "Chart saved (whole, for print): {paths}"),
    "cmd.factsheet": ("Steckbrief {name} als {fmt}", "Fact sheet {name} as {fmt}"),
    "cmd.monthly": ("Kennzahlen-Bericht {set} als {fmt}", "Indicator report {set} as {fmt}"),
    "cmd.monthly_help": ("Neuester Berichtsmonat; Datei im Arbeitsverzeichnis",
                         "Newest report month; file in the working directory"),
    "set.kjc": ("16 KJC", "16 KJC"),
    "set.hessen": ("Hessen (26)", "Hessen (26)"),
    # the UI's own wording (h-ui): fetching, sheet titles, groups, dialogs
    "period.hint": ("Enter wählt", "Enter picks"),
    "cmp.dlg.save_hint": ("Enter speichert", "Enter saves"),
    "cmp.dlg.load_hint": ("Enter lädt", "Enter loads"),
    "svg.saved": ("Bild gespeichert: {path}", "Picture saved: {path}"),
    "svg.failed": ("SVG nicht gespeichert: {error}", "SVG not saved: {error}"),
    "notify.demo_opening": ("Öffne synthetische Demo-Daten (keine echten Zahlen) …", "Opening synthetic demo data (no real figures) …"),
    "notify.demo_failed": ("Demo-Daten nicht erzeugt: {error}", "Demo data not built: {error}"),
    "fetch.none": ("Keine Quellen konfiguriert: [sources.NAME] in kjc.toml eintragen (siehe docs/sources.md).", "No sources configured: add [sources.NAME] to kjc.toml (see docs/sources.md)."),
    "fetch.demo": ("Demodaten: Aktualisieren ist nur mit der echten Datenbank möglich.", "Demo data: updating works only with the real database."),
    "fetch.busy": ("Die Daten werden bereits aktualisiert.", "The data is already being updated."),
    "fetch.start": ("Daten aktualisieren …", "Updating data …"),
    "fetch.waiting": ("wartet", "waiting"),
    "fetch.summary": ("{fetched} geladen, {unchanged} unverändert, {failed} fehlgeschlagen, {rows} Zeilen", "{fetched} fetched, {unchanged} unchanged, {failed} failed, {rows} rows"),
    "fetch.title": ("Daten aktualisiert", "Data updated"),
    "fetch.title_bad": ("Aktualisieren mit Fehlern", "Update with errors"),
    "fetch.error": ("Aktualisieren fehlgeschlagen: {error}", "Update failed: {error}"),
    # a fetch that failed (sources/http.FetchError, "fetch.err.CODE")
    "fetch.err.at": ("{url}: {reason}", "{url}: {reason}"),
    "fetch.err.cause": ("{reason}", "{reason}"),
    "fetch.err.unknown_encoding": ("unbekannte Kodierung {encoding!r} (Content-Encoding)",
                                   "unknown encoding {encoding!r} (Content-Encoding)"),
    "fetch.err.bigger_than_cap": ("Antwort ist größer als die Obergrenze von {cap} (max_bytes in kjc.toml)",
                                  "The answer is bigger than the limit of {cap} (max_bytes in kjc.toml)"),
    "fetch.err.too_big": ("Antwort ist {size} groß, Obergrenze {cap} (max_bytes in kjc.toml)",
                          "The answer is {size}, the limit {cap} (max_bytes in kjc.toml)"),
    "fetch.err.corrupt": ("{encoding}-Daten sind beschädigt ({detail})", "{encoding} data is damaged ({detail})"),
    "fetch.err.incomplete": ("{encoding}-Daten sind unvollständig (Übertragung abgebrochen?)",
                             "{encoding} data is incomplete (transfer broken off?)"),
    "fetch.err.key_over_http": ("ein API-Schlüssel wird nur über https gesendet; bitte eine https-URL angeben",
                                "an API key is only sent over https; please give an https URL"),
    "fetch.err.not_modified_uncached": ("Server antwortet 304 (nicht geändert), aber es gibt keine Kopie im Cache",
                                        "The server answers 304 (not modified), but there is no copy in the cache"),
    "fetch.err.status": ("HTTP {number} {meaning}", "HTTP {number} {meaning}"),
    "fetch.err.after_tries": ("{reason} (nach {n} Versuchen)", "{reason} (after {n} tries)"),
    "fetch.err.retry_later": ("{reason}; der Server bittet, erst in {seconds} s erneut zu fragen",
                              "{reason}; the server asks to try again in {seconds} s only"),
    "fetch.err.no_more_tries": ("{reason}; kein weiterer Versuch: die Gesamtzeit für diese Quelle ({deadline} s, "
                                "deadline in kjc.toml) wäre überschritten",
                                "{reason}; no further try: the total time for this source ({deadline} s, deadline "
                                "in kjc.toml) would be exceeded"),
    "fetch.err.redirects": ("mehr als {n} Umleitungen", "more than {n} redirects"),
    "fetch.err.deadline": ("die Gesamtzeit für diese Quelle ({deadline} s, deadline in kjc.toml) ist überschritten; "
                           "abgebrochen",
                           "the total time for this source ({deadline} s, deadline in kjc.toml) is exceeded; stopped"),
    "fetch.err.too_slow": ("Übertragung dauert länger als {seconds} s ({factor} × timeout); abgebrochen",
                           "The transfer takes longer than {seconds} s ({factor} × timeout); stopped"),
    "fetch.err.no_answer": ("keine Antwort innerhalb von {seconds} s (Zeitüberschreitung)",
                            "no answer within {seconds} s (timed out)"),
    "fetch.err.proxy": ("Proxy-Fehler: {detail} (HTTPS_PROXY/HTTP_PROXY/NO_PROXY prüfen)",
                        "Proxy error: {detail} (check HTTPS_PROXY/HTTP_PROXY/NO_PROXY)"),
    "fetch.err.certificate": ("TLS-Zertifikat von {host} wird nicht anerkannt ({reason}). Steht ein TLS-Proxy "
                              "(Kreis-IT) dazwischen, dessen Zertifizierungsstelle mit SSL_CERT_FILE=/pfad/ca.pem "
                              "angeben; die Prüfung lässt sich nicht abschalten",
                              "TLS certificate of {host} is not recognised ({reason}). If a TLS proxy (the "
                              "district's IT) is in between, give its certificate authority with "
                              "SSL_CERT_FILE=/path/ca.pem; the check cannot be switched off"),
    "fetch.err.unreachable": ("{reason} (kein Internetzugang? Dann den Proxy mit HTTPS_PROXY angeben)",
                              "{reason} (no internet access? Then give the proxy with HTTPS_PROXY)"),
    "fetch.err.connect_failed": ("Verbindung fehlgeschlagen: {reason}", "Connection failed: {reason}"),
    "fetch.err.stalled": ("Übertragung stockt länger als {seconds} s (Zeitüberschreitung)",
                          "The transfer stalls for longer than {seconds} s (timed out)"),
    "fetch.err.broken_off": ("Übertragung abgebrochen: {reason}", "Transfer broken off: {reason}"),
    "fetch.err.redirect_elsewhere": ("Umleitung auf eine andere Adresse ({target}; Schema, Host oder Port "
                                     "verschieden) abgelehnt; bitte die neue Adresse selbst prüfen und in kjc.toml "
                                     "eintragen",
                                     "Redirect to another address ({target}; scheme, host or port differ) refused; "
                                     "please check the new address yourself and enter it in kjc.toml"),
    "fetch.err.not_published": ("keine Veröffentlichung von {first} bis {last} gefunden (HTTP 404); look_back "
                                "erhöhen oder die Adresse (url) prüfen",
                                "no release from {first} to {last} found (HTTP 404); raise look_back or check the "
                                "address (url)"),
    "fetch.http.400": ("Anfrage ungültig", "Bad request"),
    "fetch.http.401": ("nicht angemeldet (API-Schlüssel?)", "not signed in (API key?)"),
    "fetch.http.403": ("Zugriff verweigert (API-Schlüssel? Version?)", "Access denied (API key? Version?)"),
    "fetch.http.404": ("nicht gefunden (URL prüfen)", "not found (check the URL)"),
    "fetch.http.410": ("nicht mehr vorhanden", "gone"),
    "fetch.http.429": ("zu viele Anfragen", "too many requests"),
    "fetch.http.500": ("Serverfehler", "Server error"),
    "fetch.http.502": ("Gateway-Fehler", "Bad gateway"),
    "fetch.http.503": ("Dienst nicht verfügbar", "Service unavailable"),
    "fetch.http.504": ("Gateway-Zeitüberschreitung", "Gateway timeout"),
    "fetch.http.error": ("Fehler", "error"),
    "fetch.http.unexpected": ("unerwartete Antwort", "unexpected answer"),
    "size.bytes": ("{n} Bytes", "{n} bytes"), "size.kb": ("{n} KB", "{n} KB"),
    "size.mb": ("{n} MB", "{n} MB"), "size.gb": ("{n} GB", "{n} GB"),
    "month.1": ("Januar {year}", "January {year}"), "month.2": ("Februar {year}", "February {year}"),
    "month.3": ("März {year}", "March {year}"), "month.4": ("April {year}", "April {year}"),
    "month.5": ("Mai {year}", "May {year}"), "month.6": ("Juni {year}", "June {year}"),
    "month.7": ("Juli {year}", "July {year}"), "month.8": ("August {year}", "August {year}"),
    "month.9": ("September {year}", "September {year}"), "month.10": ("Oktober {year}", "October {year}"),
    "month.11": ("November {year}", "November {year}"), "month.12": ("Dezember {year}", "December {year}"),
    # the steps of a fetch or load, as the progress shows them
    "fetch.step.skipped_off": ("übersprungen (abgeschaltet)", "skipped (switched off)"),
    "fetch.step.skipped_no_key": ("übersprungen (kein API-Schlüssel)", "skipped (no API key)"),
    "fetch.step.done": ("fertig", "done"),
    "fetch.step.check_and_load": ("prüfe und lade", "checking and loading"),
    "fetch.step.get": ("lade {url}", "fetching {url}"),
    "fetch.step.read_file": ("lese Datei", "reading the file"),
    "fetch.step.page": ("{place}, Seite {page}", "{place}, page {page}"),
    "fetch.step.find_release": ("suche Veröffentlichung {month}", "looking for the release of {month}"),
    "fetch.step.get_zip": ("lade ZIP", "fetching the ZIP"),
    "fetch.step.read_indicators": ("lese Kennzahlen", "reading the indicators"),
    "load.step.read": ("lese {name}", "reading {name}"),
    "load.step.check": ("prüfe {name}", "checking {name}"),
    "load.step.load": ("lade {name} → {table}", "loading {name} → {table}"),
    # the outcome of one source (sources/run.SourceResult.said)
    "source.disabled": ("abgeschaltet (enabled = false)", "switched off (enabled = false)"),
    "source.no_key": ("kein API-Schlüssel konfiguriert ({env} oder api_key_file); ohne Schlüssel wird diese Quelle "
                      "nicht abgerufen",
                      "no API key configured ({env} or api_key_file); without a key this source is not fetched"),
    "source.refused": ("Daten abgelehnt; die Datenbank ist unverändert", "Data refused; the database is unchanged"),
    "source.offline": ("{error}. Ohne Internetzugang (oder ohne Freigabe im Proxy): die Datei an einem Rechner mit "
                       "Internet im Browser herunterladen ({url}), herüberkopieren und mit `kjc-tui load DATEI…` "
                       "laden; siehe docs/sources.md, „Ohne Internet“",
                       "{error}. Without internet access (or without clearance in the proxy): download the file in "
                       "a browser on a computer with internet ({url}), copy it over and load it with "
                       "`kjc-tui load FILE…`; see docs/sources.md, “Ohne Internet”"),
    "source.unexpected": ("unerwarteter Fehler: {kind}: {detail}", "unexpected error: {kind}: {detail}"),
    "source.unchanged": ("dieselben Daten wie beim letzten Abruf, nichts geladen",
                         "the same data as at the last fetch, nothing loaded"),
    "source.loaded_one": ("1 Zeile → {tables}", "1 row → {tables}"),
    "source.loaded": ("{n} Zeilen → {tables}", "{n} rows → {tables}"),
    "source.unknown": ("unbekannte Quelle {names} (konfiguriert: {known})", "unknown source {names} (configured: {known})"),
    "source.unknown_none": ("unbekannte Quelle {names} (keine [sources.NAME] in kjc.toml)",
                            "unknown source {names} (no [sources.NAME] in kjc.toml)"),
    # API keys (sources/apikey.KeyProblem, "key.CODE"); never with the key itself
    "key.no_key": ("kein API-Schlüssel: Umgebungsvariable {env} setzen oder api_key_file in kjc.toml angeben (eine "
                   "Datei, die nur Sie lesen dürfen, chmod 600)",
                   "no API key: set the environment variable {env} or give api_key_file in kjc.toml (a file only "
                   "you may read, chmod 600)"),
    "key.not_header_safe": ("API-Schlüssel ({where}) enthält Zeichen, die in einem HTTP-Header nicht erlaubt sind "
                            "(Umlaute, Steuerzeichen, mehrere Zeilen?); bitte den Schlüssel prüfen",
                            "API key ({where}) holds characters not allowed in an HTTP header (umlauts, control "
                            "characters, several lines?); please check the key"),
    "key.where_env": ("Umgebungsvariable {env}", "environment variable {env}"),
    "key.where_file": ("Schlüsseldatei {path}", "key file {path}"),
    "key.file_missing": ("Schlüsseldatei {path} gibt es nicht", "Key file {path} does not exist"),
    "key.file_unopenable": ("Schlüsseldatei {path} kann nicht geöffnet werden: {detail}",
                            "Key file {path} cannot be opened: {detail}"),
    "key.not_regular": ("Schlüsseldatei {path} ist keine gewöhnliche Datei", "Key file {path} is not a regular file"),
    "key.too_open": ("Schlüsseldatei {path} ist für andere lesbar oder schreibbar (Rechte {mode}); abgelehnt. Bitte "
                     "`chmod 600 {path}`",
                     "Key file {path} can be read or written by others (mode {mode}); refused. Please "
                     "`chmod 600 {path}`"),
    "key.other_owner": ("Schlüsseldatei {path} gehört einem anderen Benutzer; abgelehnt",
                        "Key file {path} belongs to another user; refused"),
    "key.empty": ("Schlüsseldatei {path} ist leer", "Key file {path} is empty"),
    # the database (db/store.StoreError "store.CODE", db/snapshot.SnapshotError "snapshot.CODE")
    "store.missing": ("Keine Datenbank unter {path}. Mit `kjc-tui load DATEI…` Daten laden oder `kjc-tui` ohne --db "
                      "starten, um die eingebetteten Daten anzulegen.",
                      "No database at {path}. Load data with `kjc-tui load FILE…` or start `kjc-tui` without --db "
                      "to create the embedded data."),
    "store.unreadable": ("Keine Leserechte für {path}. Die Datenbank gehört {owner}; bitte die Verwaltung um "
                         "Aufnahme in deren Gruppe bitten.",
                         "No right to read {path}. The database belongs to {owner}; please ask the administrators "
                         "to add you to that group."),
    "store.another_user": ("einem anderen Benutzer", "another user"),
    "store.cannot_open": ("Die Datenbank {path} lässt sich nicht öffnen: {reason}",
                          "The database {path} cannot be opened: {reason}"),
    "snapshot.no_embedded_data": ("Die eingebetteten Daten (data/) fehlen in dieser Installation.",
                                  "The embedded data (data/) is missing from this installation."),
    "snapshot.unknown_group": ("Gruppe {group!r} aus kjc.toml [database] group gibt es nicht.",
                               "Group {group!r} of kjc.toml [database] group does not exist."),
    "snapshot.not_in_group": ("{path} kann nicht der Gruppe {group!r} gegeben werden (Sie sind nicht Mitglied "
                              "dieser Gruppe).",
                              "{path} cannot be given to the group {group!r} (you are not a member of that group)."),
    "snapshot.locked": ("Ein anderer Ladevorgang auf {db} läuft seit über {seconds} s; bitte später erneut.",
                        "Another load into {db} has been running for over {seconds} s; please try again later."),
    "snapshot.lock_not_writable": ("Sperrdatei {path} ist für Sie nicht beschreibbar ({detail}; {owner}). Bitte die "
                                   "Verwaltung, sie der Gruppe aus [database] group zu geben (chgrp GRUPPE, chmod "
                                   "0660), oder sie löschen lassen, wenn gerade niemand lädt.",
                                   "You cannot write the lock file {path} ({detail}; {owner}). Please ask the "
                                   "administrators to give it to the group of [database] group (chgrp GROUP, chmod "
                                   "0660), or to delete it while nobody is loading."),
    "snapshot.lock_not_creatable": ("Sperrdatei {path} kann nicht angelegt werden ({detail}); das Verzeichnis "
                                    "{directory} ist für Sie nicht beschreibbar.",
                                    "The lock file {path} cannot be created ({detail}); you cannot write the "
                                    "directory {directory}."),
    "snapshot.owner": ("gehört {owner}, Modus {mode}", "belongs to {owner}, mode {mode}"),
    "snapshot.owner_unknown": ("Besitzer unbekannt", "owner unknown"),
    "snapshot.not_written": ("Der neue Stand konnte nicht geschrieben werden ({reason}); die Datenbank ist "
                             "unverändert.",
                             "The new snapshot could not be written ({reason}); the database is unchanged."),
    "snapshot.disk_full": ("kein Platz mehr auf dem Datenträger von {directory}", "no space left on the disk of {directory}"),
    "snapshot.no_database": ("Keine Datenbank unter {db}; zuerst `kjc-tui` starten oder `kjc-tui info` aufrufen.",
                             "No database at {db}; start `kjc-tui` or run `kjc-tui info` first."),
    "snapshot.no_copy": ("Kopie für den neuen Stand kann nicht angelegt werden: {detail}",
                         "The copy for the new snapshot cannot be made: {detail}"),
    "cli.unexpected": ("unerwarteter Fehler: {reason}", "unexpected error: {reason}"),
    "sql.err.failed": ("Abfrage fehlgeschlagen: {reason}", "Query failed: {reason}"),
    # kjc.toml (core/config.ConfigError "config.CODE")
    "config.at": ("{file}: {key}: {reason}", "{file}: {key}: {reason}"),
    "config.at_line": ("{file}, Zeile {line}: {key}: {reason}", "{file}, line {line}: {key}: {reason}"),
    "config.file": ("(Datei)", "(file)"),
    "config.syntax": ("(Syntax)", "(syntax)"),
    "config.column": ("Spalte {n}", "column {n}"),
    "config.none": ("(keine)", "(none)"),
    "config.not_utf8": ("ist kein UTF-8-Text", "is not UTF-8 text"),
    "config.unreadable": ("kann nicht gelesen werden: {detail}", "cannot be read: {detail}"),
    "config.not_toml": ("kein gültiges TOML: {reason}", "not valid TOML: {reason}"),
    "config.not_found": ("Konfigurationsdatei nicht gefunden", "configuration file not found"),
    "config.not_table": ("muss eine Tabelle [{table}] sein", "must be a table [{table}]"),
    "config.unknown_key": ("unbekannter Schlüssel (erlaubt: {allowed})", "unknown key (allowed: {allowed})"),
    "config.bad_value": ("ungültiger Wert {value}, erwartet: {expected}", "invalid value {value}, expected: {expected}"),
    "config.keys_as_text": ("erwartet Tasten als Text, z. B. \"ctrl+k,f2\"", "expects keys as text, e.g. \"ctrl+k,f2\""),
    "config.comparison_list": ("erwartet eine Liste von 1 bis 4 Kreisschlüsseln oder Gruppen",
                               "expects a list of 1 to 4 district keys or groups"),
    "config.source_tables": ("erwartet Tabellen [sources.NAME]", "expects tables [sources.NAME]"),
    "config.kind_missing": ("fehlt (ohne kind lassen sich nur eingebaute Quellen ändern: {builtin})",
                            "missing (without kind only built-in sources can be changed: {builtin})"),
    "config.unknown_kind": ("unbekannte Art {kind} (bekannt: {known})", "unknown kind {kind} (known: {known})"),
    "config.key_in_file": ("API-Schlüssel gehören nicht in kjc.toml (die Datei lesen oft viele): api_key_file = "
                           "Datei, die nur Sie lesen dürfen (chmod 600), oder die Umgebungsvariable aus api_key_env "
                           "(Standard KJC_JOBSUCHE_API_KEY)",
                           "API keys do not belong in kjc.toml (many people often read it): api_key_file = a file "
                           "only you may read (chmod 600), or the environment variable of api_key_env (default "
                           "KJC_JOBSUCHE_API_KEY)"),
    "config.unknown_source_key": ("unbekannter Schlüssel für kind = {kind} (erlaubt: {allowed})",
                                  "unknown key for kind = {kind} (allowed: {allowed})"),
    "config.unknown_section": ("unbekannter Abschnitt (erlaubt: {allowed})", "unknown section (allowed: {allowed})"),
    "config.unknown_binding": ("unbekannte Tasten-ID ({hint}alle IDs zeigt die Hilfe im Dashboard mit ?, Spalte „ID“)",
                               "unknown key ID ({hint}the help in the dashboard shows every ID with ?, column “ID”)"),
    "config.maybe": ("gemeint ist vielleicht {ids}; ", "perhaps you mean {ids}; "),
    "config.at_key": ("{key}: {reason}", "{key}: {reason}"),
    "config.required": ("fehlt (Pflicht für kind = {kind})", "missing (required for kind = {kind})"),
    "config.table_for_columns": ("fehlt: mit columns muss table die Zieltabelle nennen",
                                 "missing: with columns, table must name the target table"),
    "config.no_such_column": ("{theirs} = {ours}: Tabelle {table} hat keine Spalte {ours} (Spalten: {columns})",
                              "{theirs} = {ours}: table {table} has no column {ours} (columns: {columns})"),
    "config.month_and_year": ("{monat} und {jahr} nur zusammen verwenden (Veröffentlichungsmonat im Namen)",
                              "use {monat} and {jahr} only together (the release month in the name)"),
    "config.key_twice": ("entweder api_key_env oder api_key_file angeben, nicht beide",
                         "give either api_key_env or api_key_file, not both"),
    "config.type.str": ("ein Text", "a text"),
    "config.type.bool": ("true oder false", "true or false"),
    "config.type.int": ("eine ganze Zahl", "a whole number"),
    "config.type.num": ("eine Zahl", "a number"),
    "config.type.ags": ("ein fünfstelliger Kreisschlüssel in Anführungszeichen, z. B. \"06437\"",
                        "a five-digit district key in quotes, e.g. \"06437\""),
    "config.type.port": ("eine Portnummer 1–65535", "a port number 1–65535"),
    "config.type.positive": ("eine Zahl größer 0", "a number greater than 0"),
    "config.type.url_map": ("eine Tabelle Name → http(s)-Adresse, z. B. { sgb2 = \"http://spiegel.example\" }",
                            "a table name → http(s) address, e.g. { sgb2 = \"http://spiegel.example\" }"),
    "config.type.url": ("eine http- oder https-URL, z. B. \"https://example.org/daten.csv\"",
                        "an http or https URL, e.g. \"https://example.org/data.csv\""),
    "config.type.text": ("ein nicht leerer Text", "a text that is not empty"),
    "config.type.non_negative": ("eine Zahl ab 0", "a number from 0"),
    "config.type.count": ("eine ganze Zahl ab 0", "a whole number from 0"),
    "config.type.page_size": ("eine ganze Zahl von 1 bis 500", "a whole number from 1 to 500"),
    "config.type.look_back": ("eine ganze Zahl von 1 bis 24 (Monate)", "a whole number from 1 to 24 (months)"),
    "config.type.text_list": ("eine Liste von Texten, z. B. [\"text/csv\", \"text/plain\"]",
                              "a list of texts, e.g. [\"text/csv\", \"text/plain\"]"),
    "config.type.text_map": ("eine Tabelle aus Texten, z. B. {\"Name in der Quelle\" = \"unser Name\"}",
                             "a table of texts, e.g. {\"name in the source\" = \"our name\"}"),
    "config.type.ags_map": ("eine Tabelle Kreisschlüssel → Name, z. B. {\"06437\" = \"Odenwaldkreis\"}",
                            "a table district key → name, e.g. {\"06437\" = \"Odenwaldkreis\"}"),
    "config.type.params": ("eine Tabelle zusätzlicher Anfrageparameter, z. B. { arbeitszeit = \"vz;tz\", "
                           "zeitarbeit = false }",
                           "a table of further query parameters, e.g. { arbeitszeit = \"vz;tz\", zeitarbeit = false }"),
    "config.type.iso_date": ("ein Datum wie 2025-03-31", "a day as 2025-03-31"),
    "config.type.column_map": ("eine Tabelle {\"Spalte in der Quelle\" = \"unsere_spalte\"} mit Spaltennamen "
                               "unseres Schemas",
                               "a table {\"column in the source\" = \"our_column\"} with column names of our schema"),
    "config.type.indicator_columns": ("eine Tabelle {\"Spalte in der Quelle\" = \"unsere_spalte\"} mit Spalten der "
                                      "Tabelle indicators (oder name, model, peer_type des Jobcenters)",
                                      "a table {\"column in the source\" = \"our_column\"} with columns of the "
                                      "table indicators (or name, model, peer_type of the jobcenter)"),
    "config.type.one_of": ("einer von {choices}", "one of {choices}"),
    "config.type.valid": ("ein gültiger Wert", "a valid value"),
    # the libraries' errors (core/errors.explain)
    "err.other": ("{detail}", "{detail}"),
    "err.net.not_recognised": ("Zertifikat nicht anerkannt", "certificate not recognised"),
    "err.net.certificate": ("TLS-Zertifikat wird nicht anerkannt ({reason})",
                            "TLS certificate is not recognised ({reason})"),
    "err.net.certificate_at": ("TLS-Zertifikat von {host} wird nicht anerkannt ({reason})",
                               "TLS certificate of {host} is not recognised ({reason})"),
    "err.net.no_tls": ("TLS-Verbindung gescheitert: an dieser Adresse spricht kein TLS-Server "
                       "(http:// statt https://? Port richtig?)",
                       "TLS connection failed: no TLS server speaks at this address (http:// instead of https://? "
                       "Right port?)"),
    "err.net.no_tls_at": ("TLS-Verbindung zu {host} gescheitert: an dieser Adresse spricht kein TLS-Server "
                          "(http:// statt https://? Port richtig?)",
                          "TLS connection to {host} failed: no TLS server speaks at this address (http:// instead "
                          "of https://? Right port?)"),
    "err.net.refused": ("Verbindung abgelehnt (läuft der Dienst? Port richtig?)",
                        "Connection refused (is the service running? Right port?)"),
    "err.net.refused_at": ("Verbindung zu {host} abgelehnt (läuft der Dienst? Port richtig?)",
                           "Connection to {host} refused (is the service running? Right port?)"),
    "err.net.unknown_host": ("Rechnername nicht gefunden (Tippfehler? Netz oder DNS?)",
                             "Host name not found (a typo? Network or DNS?)"),
    "err.net.unknown_host_at": ("Rechnername {host} nicht gefunden (Tippfehler? Netz oder DNS?)",
                                "Host name {host} not found (a typo? Network or DNS?)"),
    "err.net.reset": ("Verbindung unterbrochen", "Connection broken off"),
    "err.net.reset_at": ("Verbindung zu {host} unterbrochen", "Connection to {host} broken off"),
    "err.net.timeout": ("Zeitüberschreitung", "Timed out"),
    "err.net.timeout_at": ("Zeitüberschreitung bei {host}", "Timed out at {host}"),
    "err.os.the_file": ("die Datei", "the file"),
    "err.os.missing": ("{path} gibt es nicht", "{path} does not exist"),
    "err.os.permission": ("keine Berechtigung für {path}", "no permission for {path}"),
    "err.os.not_permitted": ("keine Berechtigung", "not permitted"),
    "err.os.directory": ("{path} ist ein Verzeichnis, keine Datei", "{path} is a directory, not a file"),
    "err.os.not_directory": ("{path}: ein Teil des Pfads ist kein Verzeichnis",
                             "{path}: a part of the path is not a directory"),
    "err.os.disk_full": ("kein Platz mehr auf dem Datenträger ({path})", "no space left on the disk ({path})"),
    "err.os.read_only": ("{path} liegt auf einem schreibgeschützten Datenträger", "{path} is on a read-only disk"),
    "err.os.exists": ("{path} gibt es schon", "{path} exists already"),
    "err.os.address_in_use": ("Adresse schon belegt", "Address already in use"),
    "err.os.address_not_here": ("Adresse gehört nicht zu diesem Rechner", "Address does not belong to this machine"),
    "err.db.not_a_database": ("{path} ist keine kjc-tui-Datenbank (DuckDB)", "{path} is not a kjc-tui database (DuckDB)"),
    "err.db.no_table": ("Tabelle {name} gibt es nicht", "Table {name} does not exist"),
    "err.db.no_function": ("Funktion {name} gibt es nicht", "Function {name} does not exist"),
    "err.db.no_table_function": ("Tabellenfunktion {name} gibt es nicht", "Table function {name} does not exist"),
    "err.db.no_aggregate": ("Aggregatfunktion {name} gibt es nicht", "Aggregate function {name} does not exist"),
    "err.db.no_schema": ("Schema {name} gibt es nicht", "Schema {name} does not exist"),
    "err.db.no_macro": ("Makro {name} gibt es nicht", "Macro {name} does not exist"),
    "err.db.no_such": ("{kind} {name} gibt es nicht", "{kind} {name} does not exist"),
    "err.db.no_column": ("Spalte {name} gibt es nicht", "Column {name} does not exist"),
    "err.db.conversion": ("Typumwandlung: {detail}", "Type conversion: {detail}"),
    "err.db.binder": ("Abfrage passt nicht zum Schema: {detail}", "Query does not fit the schema: {detail}"),
    "err.db.parser": ("SQL-Syntaxfehler: {detail}", "SQL syntax error: {detail}"),
    "err.db.out_of_range": ("Wert außerhalb des Bereichs: {detail}", "Value out of range: {detail}"),
    "err.db.invalid_input": ("ungültige Eingabe: {detail}", "invalid input: {detail}"),
    "err.db.io": ("Ein-/Ausgabefehler: {detail}", "Input/output error: {detail}"),
    "err.db.permission": ("nicht erlaubt: {detail}", "not allowed: {detail}"),
    "err.db.catalog": ("unbekannter Name: {detail}", "unknown name: {detail}"),
    "err.db.out_of_memory": ("zu wenig Arbeitsspeicher: {detail}", "not enough memory: {detail}"),
    "err.db.constraint": ("Regel verletzt: {detail}", "rule broken: {detail}"),
    "err.db.other": ("DuckDB: {detail}", "DuckDB: {detail}"),
    "err.toml.table_bracket": ("']' fehlt am Ende der Tabellenüberschrift", "']' missing at the end of the table heading"),
    "err.toml.array_bracket": ("']]' fehlt am Ende der Überschrift", "']]' missing at the end of the heading"),
    "err.toml.equals": ("'=' fehlt nach dem Schlüssel", "'=' missing after the key"),
    "err.toml.line_end": ("nach einem Eintrag muss die Zeile enden", "the line must end after an entry"),
    "err.toml.invalid_value": ("ungültiger Wert (Text gehört in \"Anführungszeichen\")",
                               "invalid value (text belongs in \"quotes\")"),
    "err.toml.invalid_statement": ("ungültige Zeile (erwartet: schluessel = wert oder [tabelle])",
                                   "invalid line (expected: key = value or [table])"),
    "err.toml.key_start": ("ungültiges Zeichen am Anfang eines Schlüssels", "invalid character at the start of a key"),
    "err.toml.unterminated_string": ("Text ohne schließendes Anführungszeichen", "text without a closing quote"),
    "err.toml.duplicate_key": ("Schlüssel doppelt", "key given twice"),
    "err.toml.duplicate_table": ("Tabelle doppelt", "table given twice"),
    "err.toml.illegal_character": ("unerlaubtes Zeichen", "character not allowed"),
    "err.toml.other": ("Syntaxfehler ({detail})", "syntax error ({detail})"),
    "tbl.sorted": ("sortiert: {keys}", "sorted: {keys}"),
    "tbl.hidden_one": ("{n} Spalte ausgeblendet", "{n} column hidden"),
    "tbl.hidden_n": ("{n} Spalten ausgeblendet", "{n} columns hidden"),
    "tbl.filters": ("Filter: {list}", "filter: {list}"),
    "tbl.and": (" und ", " and "),
    "tbl.freq_of": ("Häufigkeiten {column} ({counted})", "Frequencies of {column} ({counted})"),
    "tbl.stats_of": ("Statistik ({label})", "Statistics ({label})"),
    "tbl.op.=": ("=", "="),
    "tbl.op.!=": ("≠", "≠"),
    "tbl.op.<": ("<", "<"),
    "tbl.op.<=": ("≤", "≤"),
    "tbl.op.>": (">", ">"),
    "tbl.op.>=": ("≥", "≥"),
    "tbl.op.contains": ("enthält", "contains"),
    "tbl.op.not contains": ("enthält nicht", "does not contain"),
    "tbl.op.is null": ("ist leer", "is empty"),
    "tbl.op.is not null": ("ist nicht leer", "is not empty"),
    # the computed sheets' columns (read/browse: Source.words)
    "tbl.col.freq.count": ("Anzahl", "Count"),
    "tbl.col.freq.share": ("Anteil", "Share"),
    "tbl.col.stats.column": ("Spalte", "Column"),
    "tbl.col.stats.type": ("Typ", "Type"),
    "tbl.col.stats.values": ("Werte", "Values"),
    "tbl.col.stats.nulls": ("Leer", "Empty"),
    "tbl.col.stats.distinct": ("Verschieden", "Distinct"),
    "tbl.col.stats.distinct_approx": ("Verschieden (ca.)", "Distinct (approx.)"),
    "tbl.col.stats.minimum": ("Minimum", "Minimum"),
    "tbl.col.stats.maximum": ("Maximum", "Maximum"),
    "tbl.col.stats.mean": ("Mittelwert", "Mean"),
    # what a view cannot do (read/browse: BrowseError codes)
    "tbl.err.cancelled": ("Abgebrochen.", "Cancelled."),
    "tbl.err.failed": ("Abfrage fehlgeschlagen: {detail}", "Query failed: {detail}"),
    "tbl.err.not_runnable": ("Die Abfrage lässt sich nicht ausführen: {detail}", "The query cannot run: {detail}"),
    # a user query refused (db/store: QueryRefused codes; the CLI and Tabellen word them alike)
    "sql.err.invalid": ("Die Abfrage ist kein gültiges SQL: {detail}", "The query is not valid SQL: {detail}"),
    "sql.err.statements": ("Genau eine Abfrage erwartet, gefunden: {n}.", "Exactly one query expected, found: {n}."),
    "sql.err.not_select": ("Nur lesende Abfragen (SELECT) sind erlaubt; {kind} wird abgelehnt. Daten ändern Sie mit "
                           "`kjc-tui load`.",
                           "Only reading queries (SELECT) are allowed; {kind} is refused. Change data with "
                           "`kjc-tui load`."),
    "sql.err.write": ("Nur lesende Abfragen sind erlaubt; diese Abfrage enthält einen schreibenden Teil und wird "
                      "abgelehnt. Daten ändern Sie mit `kjc-tui load`.",
                      "Only reading queries are allowed; this query has a part that writes and is refused. Change "
                      "data with `kjc-tui load`."),
    "sql.err.file_access": ("Dateizugriffe (read_csv, COPY, ATTACH, …) sind in Abfragen nicht erlaubt und werden "
                            "abgelehnt. Dateien laden Sie mit `kjc-tui load`, Tabellen schreiben Sie mit "
                            "`kjc-tui export`.",
                            "File access (read_csv, COPY, ATTACH, …) is not allowed in queries and is refused. Load "
                            "files with `kjc-tui load`, write tables with `kjc-tui export`."),
    "tbl.err.parameters": ("Die Abfrage darf keine Parameter (?, $1) enthalten.",
                           "The query must not have parameters (?, $1)."),
    "tbl.err.no_relation": ("Keine Tabelle oder Sicht namens {name!r}.", "No table or view named {name!r}."),
    "tbl.err.unknown_column": ("Unbekannte Spalte: {column!r}", "Unknown column: {column!r}"),
    "tbl.err.unknown_op": ("Unbekannter Vergleich: {op}", "Unknown comparison: {op}"),
    "tbl.err.not_frequency": ("Nur in einer Häufigkeitstabelle möglich.", "Only in a frequency table."),
    "tbl.err.bad_value": ("{text!r} passt nicht zum Typ {type} der Spalte {column}.",
                          "{text!r} does not fit the type {type} of the column {column}."),
    "tbl.err.too_many_values": (
        "{column} hat etwa {n} verschiedene Werte; eine Häufigkeitstabelle davon wäre fast so groß wie die "
        "Tabelle selbst. Bitte erst filtern oder die Statistik (I) ansehen.",
        "{column} has about {n} distinct values; a frequency table of it would be almost as large as the table "
        "itself. Please filter first or look at the statistics (I)."),
    "group.hessen": ("Hessen (alle Kreise)", "Hessen (all districts)"),
    "group.kjc": ("Alle KJC", "All KJC"),
    "group.ge": ("Alle gE", "All gE"),
    "group.type": ("Vergleichstyp {type}", "Comparison type {type}"),
    "group.mean.hessen": ("Hessen-Ø", "Hessen avg"),
    "group.mean.hessen_short": ("HE-Ø", "HE avg"),
    "group.mean.kjc": ("KJC-Ø", "KJC avg"),
    "group.mean.ge": ("gE-Ø", "gE avg"),
    "group.mean.type": ("Typ {type}-Ø", "Type {type} avg"),
    "group.peer": ("{name} (außerhalb Hessens)", "{name} (outside Hessen)"),
    "unit.fte": ("VZÄ", "FTE"),
    # Datei laden (ui/loading.py)
    'load.title': ('Datei laden', 'Load file'),
    'load.path': ('Datei(en), z. B. ~/Kennzahlen-System-A-Januar-2025-CSV.zip', 'File(s), e.g. ~/Kennzahlen-System-A-Januar-2025-CSV.zip'),
    'load.source': ('Quelle, falls keine Spalte „Quelle“ (wie --quelle)', 'Source, if no column „Quelle“ (like --quelle)'),
    'load.stand': ('Stand, falls keine Spalte „Stand“, z. B. 31.01.2025', 'As of, if no column „Stand“, e.g. 31.01.2025'),
    'load.keys': ('Enter laden · Esc abbrechen', 'Enter load · Esc cancel'),
    'load.demo': ('Demodaten: Laden ist nur in die echte Datenbank möglich.', 'Demo data: loading works only into the real database.'),
    'load.row': ('Zeile', 'row'),
    'load.rows': ('Zeilen', 'rows'),
    'load.busy': ('Es wird bereits geladen.', 'A load is already running.'),
    'load.no_path': ('Keine Datei angegeben.', 'No file given.'),
    'load.missing': ('Datei nicht gefunden: {path}', 'File not found: {path}'),
    'load.bad_stand': ('Stand {value!r} {reason}', 'As of {value!r} {reason}'),
    'load.loaded': ('Geladen', 'Loaded'),
    'load.refused': ('Daten abgelehnt; die Datenbank ist unverändert', 'Data refused; the database is unchanged'),
    'load.more': ('… und {n} weitere', '… and {n} more'),
    'load.error': ('Laden fehlgeschlagen: {error}', 'Load failed: {error}'),
    # reports and the Vergleich CSV (documents/)
    "doc.synthetic": ("SYNTHETISCH – erzeugte Demo-Daten, keine echten Zahlen",
                      "SYNTHETIC – generated demo data, not real figures"),
    "doc.factsheet": ("Steckbrief", "Fact sheet"),
    "doc.monthly": ("Kennzahlen-Bericht", "Indicator report"),
    "doc.created": ("erstellt", "created"),
    "doc.page": ("Seite", "Page"),
    "doc.figures": ("Kennzahlen (jeweils neuester Wert)", "Indicators (latest value each)"),
    "doc.charts": ("Verlauf der letzten 24 Monate", "The last 24 months"),
    "doc.staffing": ("Personal und Fälle je VZÄ", "Staffing and caseload per FTE"),
    "doc.targets": ("Ziele nach § 48b SGB II", "Targets under § 48b SGB II"),
    "doc.sources": ("Quellen", "Sources"),
    "doc.none": ("keine Angaben in der Datenbank", "nothing in the database"),
    # master data
    "doc.model.zkT": ("kommunal (zkT, KJC)", "municipal (zkT, KJC)"),
    "doc.model.gE": ("gemeinsame Einrichtung (gE)", "joint institution (gE)"),
    # columns
    "doc.c.rank_he": ("Rang Hessen", "Rank Hessen"), "doc.c.rank_type": ("Rang Typ", "Rank type"),
    "doc.c.dev_he": ("Abw. Hessen-Ø", "Dev. Hessen avg"), "doc.c.dev_kjc": ("Abw. KJC-Ø", "Dev. KJC avg"),
    "doc.c.headcount": ("Beschäftigte", "Headcount"),
    "doc.c.vacancies": ("Offene Stellen", "Vacancies"), "doc.c.bg": ("BG", "Households"),
    "doc.c.bg_per_fte": ("BG je VZÄ", "Households per FTE"),
    "doc.c.active": ("Studierende", "Active"),
    "doc.c.graduated": ("Abgeschlossen", "Graduated"), "doc.c.hired": ("Übernommen", "Hired"),
    "doc.c.dropped_out": ("Abgebrochen", "Dropped out"),
    "doc.c.participants": ("Teilnehmende", "Participants"),
    "doc.c.employers": ("Arbeitgeber", "Employers"), "doc.c.applications": ("Bewerbungen", "Applications"),
    "doc.c.internships": ("Praktika", "Internships"), "doc.c.contracts": ("Verträge", "Contracts"),
    "doc.c.invited": ("Eingeladen", "Invited"),
    "doc.c.what": ("Wofür", "For"),
    "doc.c.rank": ("Rang", "Rank"),
    "doc.c.change_m": ("Δ Vormonat", "Δ prev. month"), "doc.c.change_y": ("Δ Vorjahr", "Δ prev. year"),
    "doc.c.coverage": ("Abdeckung", "Coverage"), "doc.c.average": ("Mittel", "Average"),
    "doc.c.improved": ("Richtung", "Direction"), "doc.c.change": ("Veränderung", "Change"),
    "doc.c.old": ("alter Wert", "old value"), "doc.c.new": ("neuer Wert", "new value"),
    # references
    "doc.ref.set": ("Auswahl-Ø", "Set avg"),
    # attainment
    "doc.change_target": ("Veränderung", "change"),
    "doc.vs": ("gegenüber", "against"),
    # monthly
    "doc.set.kjc": ("die 16 Kommunalen Jobcenter in Hessen", "the 16 municipal jobcenters in Hessen"),
    "doc.set.hessen": ("alle 26 Kreise Hessens", "all 26 districts of Hessen"),
    "doc.set.ge": ("die gemeinsamen Einrichtungen in Hessen", "the joint institutions in Hessen"),
    "doc.set.all": ("alle Jobcenter der Datenbank", "every jobcenter in the database"),
    "doc.set.type": ("Vergleichstyp {name}", "peer type {name}"), "doc.set.set": ("Vergleich „{name}“", "comparison “{name}”"),
    "doc.set.list": ("Kreise {name}", "districts {name}"),
    "doc.overview": ("Überblick", "Overview"), "doc.movers": ("Größte Veränderungen zum Vormonat", "Largest changes since the previous month"),
    "doc.revisions": ("Korrigierte Werte", "Revised figures"),
    "doc.no_revisions": ("Keine korrigierten Werte der Auswahl in den 13 Monaten bis zum Berichtsmonat.",
                         "No revised figures of the selection in the 13 months up to the report month."),
    "doc.better": ("besser", "better"), "doc.worse": ("schlechter", "worse"),
    "doc.coverage": ("{n} von {of} mit Wert", "{n} of {of} with a value"),
    "doc.rank_of": ("{rank} von {of}", "{rank} of {of}"),
    "doc.bars_sorted": ("{n} Jobcenter, sortiert (bester links)", "{n} jobcenters, sorted (best on the left)"),
    "doc.averages_note": ("Mittelwerte: ungewichtetes Mittel der Kreise mit Wert im selben Monat.",
                          "Averages: unweighted mean of the districts with a value in the same month."),
    "doc.dev_note": ("Abweichungen bei Quoten in Prozentpunkten (Pp.), bei Anzahlen in Prozent. Rang 1 = bester Wert "
                     "nach der Richtung der Kennzahl. Ziele: ✓ erreicht, ✗ verfehlt, ○ offen.",
                     "Deviations of rates in percentage points (pp), of counts in percent. Rank 1 = best value by the "
                     "indicator's direction. Targets: ✓ met, ✗ missed, ○ open."),
    # the Vergleich as CSV
    # the load template (documents/template.py): its sheets, the explanation's columns and cells
    "doc.template.notes_sheet": ("Erläuterungen", "Notes"),
    "doc.template.intro": ("Vorlage für die Tabelle {table} ({label}). Eine Zeile je Datensatz im Blatt „{sheet}“; "
                           "laden mit: kjc-tui load DATEI",
                           "Template for the table {table} ({label}). One row per record on the sheet “{sheet}”; "
                           "load with: kjc-tui load FILE"),
    "doc.template.col.column": ("Spalte", "Column"), "doc.template.col.required": ("Pflicht", "Required"),
    "doc.template.col.type": ("Typ", "Type"), "doc.template.col.allowed": ("Erlaubte Werte", "Allowed values"),
    "doc.template.col.also": ("Auch erkannt als", "Also recognised as"),
    "doc.template.yes_or_ags": ("ja (oder Kreisschlüssel)", "yes (or Kreisschlüssel)"),
    "doc.template.no_default": ("nein (sonst {default})", "no (else {default})"),
    "doc.template.minimum": ("mindestens {n}", "at least {n}"),
    "doc.template.maximum": ("höchstens {n}", "at most {n}"),
    "doc.template.ags": ("fünf Ziffern, z. B. 06437 (als Text)", "five digits, e.g. 06437 (as text)"),
    "doc.template.ref": ("muss in Tabelle {table} vorkommen", "must occur in table {table}"),
    "doc.template.source": ("Adresse (URL) oder Fundstelle; fehlt die Spalte: kjc-tui load --quelle",
                            "address (URL) or reference; without the column: kjc-tui load --quelle"),
    "doc.template.as_of": ("Datum der Daten; fehlt die Spalte: kjc-tui load --stand",
                           "date of the data; without the column: kjc-tui load --stand"),
    "doc.template.type.text": ("Text", "text"),
    "doc.template.type.int": ("ganze Zahl", "whole number"),
    "doc.template.type.float": ("Zahl (Dezimalkomma erlaubt)", "number (decimal comma allowed)"),
    "doc.template.type.date": ("Datum (TT.MM.JJJJ, JJJJ-MM oder „Januar 2025“)",
                               "date (DD.MM.YYYY, YYYY-MM or “Januar 2025”)"),
    "doc.template.type.bool": ("ja/nein", "yes/no"),
    "doc.template.type.timestamp": ("Zeitpunkt", "point in time"),
    "doc.csv.synthetic": ("SYNTHETISCHE DATEN – keine echten Zahlen (kjc-tui Demo-Daten)",
                          "SYNTHETIC DATA – not real figures (kjc-tui demo data)"),
    "doc.csv.name": ("Bezeichnung", "Name"), "doc.csv.unit": ("Einheit", "Unit"),
    "doc.csv.qualifier": ("Genauigkeit", "Qualifier"), "doc.csv.upper": ("bis", "up to"),
    "doc.csv.numerator": ("Zähler", "Numerator"), "doc.csv.denominator": ("Nenner", "Denominator"),
    "doc.csv.dev_points": ("Abweichung vom Hessen-Ø (Pp.)", "Deviation from the Hessen avg (pp)"),
    "doc.csv.dev_percent": ("Abweichung vom Hessen-Ø (%)", "Deviation from the Hessen avg (%)"),
    "doc.csv.rank_set": ("Rang in der Auswahl", "Rank in the selection"),
    "doc.csv.rank_type": ("Rang im Vergleichstyp", "Rank in the peer type"),
    "doc.csv.group_source": ("Mittel aus {n} Kreisen", "Mean of {n} districts"),
    "doc.unit.percent": ("%", "%"), "doc.unit.percent_change": ("% Veränderung", "% change"), "doc.unit.count": ("Anzahl", "Count"),
    "doc.unit.eur": ("Euro", "Euro"), "doc.unit.ratio": ("Verhältnis", "Ratio"), "doc.unit.km2": ("km²", "km²"),
    "doc.sheet.data": ("Daten", "Data"), "doc.sheet.movers": ("Veränderungen", "Movers"), "doc.sheet.charts": ("Diagramme", "Charts"),
}


class _Given(dict[str, object]):
    """The parameters of a wording; one that was not given shows as its placeholder."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def say(key: str, lang: str, /, **kw: object) -> str:
    """The string `key` in `lang` ("de" or "en"); unknown keys show as themselves.

    A message is never lost to its wording: a parameter the caller did not give shows as
    "{name}", and a text whose placeholders cannot be filled shows unfilled."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    if not kw:
        return text
    try:
        return text.format_map(_Given(kw))
    except (ValueError, IndexError, AttributeError, TypeError):
        return text


def scope_note(lang: str) -> str:
    """What the mark of a whole-district figure means: "(ganze Kreise): Zahl des ganzen Kreises, …"."""
    return f"{say('ov.district_scope', lang).strip()}: {say('scope.district_note', lang)}"


def scope_mark(scope: str | None, lang: str, short: bool = False) -> str:
    """The mark of a whole-district figure (" (ganze Kreise)", `short` " (Kreis)" where a column is
    narrow), "" for a jobcenter's figure."""
    if scope != "district":
        return ""
    return say("scope.district_short" if short else "ov.district_scope", lang)


def scoped(name: str, scope: str | None, lang: str) -> str:
    """An indicator's name with the Übersicht's mark of a whole-district figure ("Arbeitslose SGB II
    und III (ganze Kreise)") where its scope is the district: every screen and document marks it alike."""
    return name + scope_mark(scope, lang)


def coded(key: str, params: Mapping[str, object], lang: str) -> str:
    """A code the data layer raised (an error) with its parameters, worded: the string `key`
    in `lang`, whole numbers spelled like every figure (other numbers with one decimal), a
    message inside (a `core.coded.Said`, the reason within "after 3 tries") worded in the same
    language, a missing file ending said as such."""
    from kjc_tui.core.coded import Said

    kw = {k: _number(v, lang) if isinstance(v, (int, float)) and not isinstance(v, bool)
          else coded(v.key, v.params, lang) if isinstance(v, Said) else v
          for k, v in params.items()}
    if kw.get("ending") == "":
        kw["ending"] = say("export.err.no_ending", lang)
    return say(key, lang, **kw)


def _number(value: float, lang: str) -> str:
    """A whole number as every figure is spelt, another with one decimal (fmt is imported only
    here: most messages hold none, and an error may be worded where little can be imported)."""
    from kjc_tui.core.fmt import number

    return number(value, lang) if isinstance(value, int) else number(value, lang, 1)
