"""The database schema: every table, its columns, keys, checks and header aliases.

One description serves the DDL, the ingest (header mapping, type coercion,
validation) and the UI (German and English table and column labels).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Literal

ColType = Literal["text", "int", "float", "date", "bool", "timestamp"]

SQL_TYPES: dict[str, str] = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "date": "DATE",
    "bool": "BOOLEAN",
    "timestamp": "TIMESTAMP",
}

#: Qualifiers keep what a source really said of one figure: "=" exact, "≈" approximate ("rund", "ca."),
#: ">" lower bound ("über", "mehr als"), "<" upper bound ("fast", "knapp"), "↔" a range whose upper end
#: is in the figure's upper column ("zwischen 400 und 500", "20–25 %"), "Ø" an average ("durchschnittlich").
QUALIFIERS = ("=", "≈", ">", "<", "↔", "Ø")
#: not "–": in statistics and office files a dash means "nichts vorhanden" and reads as no value
RANGE = "↔"
AVERAGE = "Ø"
MODELS = ("zkT", "gE")
SEXES = ("all", "f", "m")
PERIOD_KINDS = ("day", "month", "quarter", "year")
#: "km2": an area in square kilometres (the Destatis Fläche of a district)
UNITS = ("count", "percent", "percent_change", "eur", "ratio", "km2")


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    name: str
    type: ColType
    label_de: str
    label_en: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[str, ...] | None = None
    pattern: str | None = None
    #: (table, column) this column must reference
    ref: tuple[str, str] | None = None
    #: value used when a file lacks the column (makes a required column optional in files)
    default: str | None = None
    #: accepted spellings of choice values, folded with normalise_header -> canonical value
    synonyms: tuple[tuple[str, str], ...] = ()
    #: a figure's companions: the qualifier column says how exact it is, the upper column holds the
    #: upper end of a range (see `figure`)
    qualifier_of: str | None = None
    upper_of: str | None = None

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.type]


@dataclass(frozen=True)
class Table:
    """One table: columns in order, the key, and labels."""

    name: str
    label_de: str
    label_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    #: tables whose rows come from outside carry source and as_of
    sourced: bool = True
    description_de: str = ""
    #: a row must give at least one of these (a staffing row without any figure says nothing)
    measures: tuple[str, ...] = ()
    column_map: dict[str, Column] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "column_map", {c.name: c for c in self.columns})

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return self.column_map[name]

    def label(self, lang: str = "de") -> str:
        return self.label_de if lang == "de" else self.label_en

    @property
    def figures(self) -> list[tuple[str, str, str]]:
        """(figure, its qualifier column, its upper column) for every qualified figure of the table."""
        quals = {c.qualifier_of: c.name for c in self.columns if c.qualifier_of}
        uppers = {c.upper_of: c.name for c in self.columns if c.upper_of}
        return [(f, quals[f], uppers[f]) for f in quals]


def _c(name: str, type_: ColType, de: str, en: str, **kw: object) -> Column:
    return Column(name, type_, de, en, **kw)  # type: ignore[arg-type]


def _sourced() -> tuple[Column, ...]:
    return (
        _c("source", "text", "Quelle", "Source", required=True, aliases=("quelle", "url", "quelle url")),
        # not "Stichtag": that is the date a figure refers to (the staffing `period`), never its Stand
        _c("as_of", "date", "Stand", "As of", required=True, aliases=("stand", "datum stand", "asof")),
    )


def figure(col: Column, qualifier: str | None = None, upper: str | None = None) -> tuple[Column, ...]:
    """A figure a source gives, with its own qualifier and, for a range, its upper end.

    Qualifiers belong to figures, not rows: an event with "über 4.500" participants and exactly
    205 firms. A table with one figure names the companions `qualifier` and `<figure>_upper`,
    one with several `<figure>_qualifier` and `<figure>_upper`; their German headers are
    "<label> Genauigkeit" and "<label> bis".
    """
    qname = qualifier or f"{col.name}_qualifier"
    uname = upper or f"{col.name}_upper"
    single = qname == "qualifier"
    q_de, q_en = ("Genauigkeit", "Qualifier") if single else (f"{col.label_de} Genauigkeit",
                                                              f"{col.label_en} qualifier")
    u_de, u_en = (f"{col.label_de} bis", f"{col.label_en} up to")
    q_aliases = ("genauigkeit", "praefix", "qualifier") if single else (
        f"{col.label_de} genauigkeit", f"{col.name} genauigkeit", *(f"{a} genauigkeit" for a in col.aliases[:3]))
    u_aliases = (f"{col.label_de} obergrenze", f"{col.name} bis", *(f"{a} bis" for a in col.aliases[:3]))
    if single:
        u_aliases += ("obergrenze", "bis zu")
    return (
        col,
        Column(qname, "text", q_de, q_en, aliases=q_aliases, choices=QUALIFIERS, qualifier_of=col.name,
               synonyms=(("exakt", "="), ("genau", "="), ("rund", "≈"), ("ca", "≈"), ("circa", "≈"),
                         ("etwa", "≈"), ("ueber", ">"), ("mehr als", ">"), ("mindestens", ">"),
                         ("fast", "<"), ("knapp", "<"), ("bereich", RANGE), ("zwischen", RANGE),
                         ("durchschnittlich", AVERAGE), ("durchschnitt", AVERAGE))),
        Column(uname, col.type, u_de, u_en, aliases=u_aliases, minimum=col.minimum, maximum=col.maximum,
               upper_of=col.name),
    )


#: The rules of a figure, its qualifier and its upper end, in order: (conditions that all hold, reason).
#: A condition is (field, test, operand) over "value", "qualifier" and "upper": `null`, `set`,
#: `in`/`not_in` a tuple (None stands for an empty cell) and `le` another field. The one rule set:
#: `figure_problem` evaluates it in Python (the data audit), `figure_problem_sql` in the SQL ingest.
FIGURE_RULES: tuple[tuple[tuple[tuple[str, str, Any], ...], str], ...] = (
    ((("value", "null", None), ("qualifier", "not_in", (None, "="))), "figure.no_value"),
    ((("value", "null", None), ("upper", "set", None)), "figure.no_value"),
    ((("value", "set", None), ("qualifier", "in", (RANGE,)), ("upper", "null", None)),
     "figure.range_needs_upper"),
    ((("value", "set", None), ("upper", "set", None), ("qualifier", "not_in", (RANGE,))),
     "figure.upper_needs_range"),
    ((("value", "set", None), ("upper", "set", None), ("upper", "le", "value")),
     "figure.upper_not_above"),
)


def _holds(test: str, x: Any, operand: Any, fields: dict[str, Any]) -> bool:
    if test == "null":
        return x is None
    if test == "set":
        return x is not None
    if test == "in":
        return x in operand
    if test == "not_in":
        return x not in operand
    return bool(x <= fields[operand])   # "le"; the rules test both fields set first


def figure_problem(value: float | None, qualifier: str | None, upper: float | None) -> str | None:
    """The reason a figure's qualifier and upper end do not fit together (its code, `problem.<code>` in
    `strings`), or None (`FIGURE_RULES`)."""
    fields = {"value": value, "qualifier": qualifier, "upper": upper}
    for conditions, reason in FIGURE_RULES:
        if all(_holds(test, fields[f], operand, fields) for f, test, operand in conditions):
            return reason
    return None


def figure_problem_sql(value: str, qualifier: str, upper: str) -> str:
    """`figure_problem` as a SQL expression over three SQL expressions (NULL when the figure is fine)."""
    fields = {"value": value, "qualifier": qualifier, "upper": upper}

    def lit(v: str) -> str:
        return "'" + v.replace("'", "''") + "'"

    def cond(f: str, test: str, operand: Any) -> str:
        x = fields[f]
        if test in ("null", "set"):
            return f"{x} IS {'NOT ' if test == 'set' else ''}NULL"
        if test == "le":
            return f"{x} <= {fields[operand]}"
        values = ", ".join(lit(v) for v in operand if v is not None)
        inside = f"{x} IN ({values})" if values else "false"
        if test == "in":
            return f"({x} IS NULL OR {inside})" if None in operand else f"({x} IS NOT NULL AND {inside})"
        return f"({x} IS NOT NULL AND NOT {inside})" if None in operand else f"({x} IS NULL OR NOT {inside})"

    whens = " ".join(f"WHEN {' AND '.join(cond(*c) for c in conditions)} THEN {lit(reason)}"
                     for conditions, reason in FIGURE_RULES)
    return f"CASE {whens} END"


_AGS = dict(pattern=r"^\d{5}$")
_COUNT = dict(minimum=0)

TABLES: dict[str, Table] = {}


def _table(t: Table) -> Table:
    TABLES[t.name] = t
    return t


DISTRICTS = _table(Table(
    "districts", "Kreise", "Districts",
    (
        _c("ags", "text", "Kreisschlüssel", "District key", required=True,
           aliases=("kreisschluessel", "ags", "kreis schluessel", "regionalschluessel", "kreis id", "krs"), **_AGS),
        _c("name", "text", "Name", "Name", required=True, aliases=("kreis", "kreisname", "name des kreises", "district")),
        _c("kind", "text", "Art", "Kind", required=True, aliases=("art", "kreisart", "typ"),
           choices=("Landkreis", "kreisfreie Stadt"),
           synonyms=(("lk", "Landkreis"), ("kreis", "Landkreis"), ("stadt", "kreisfreie Stadt"),
                     ("kfs", "kreisfreie Stadt"), ("kreisfreie stadt", "kreisfreie Stadt"))),
        _c("state", "text", "Land", "State", required=True, aliases=("land", "bundesland")),
        _c("regierungsbezirk", "text", "Regierungsbezirk", "Administrative region",
           aliases=("rb", "regbez")),
        *_sourced(),
    ),
    key=("ags",),
    description_de="Landkreise und kreisfreie Städte",
))

JOBCENTERS = _table(Table(
    "jobcenters", "Jobcenter", "Jobcenters",
    (
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True,
           aliases=("jobcenter id", "jc id", "traeger nr", "traegernummer", "jobcenter nr")),
        _c("name", "text", "Name", "Name", aliases=("jobcenter", "offizieller name", "bezeichnung")),
        _c("short_name", "text", "Kurzname", "Short name", aliases=("kurzname", "kurzbezeichnung", "kurz")),
        # ags and model are required for the Hessian jobcenters; a peer (below) may leave them empty
        _c("ags", "text", "Kreisschlüssel", "District key",
           aliases=("kreisschluessel", "ags", "regionalschluessel"), ref=("districts", "ags"), **_AGS),
        _c("model", "text", "Modell", "Model", aliases=("modell", "typ", "traegermodell"),
           choices=MODELS,
           synonyms=(("zkt", "zkT"), ("kommunal", "zkT"), ("optionskommune", "zkT"), ("kjc", "zkT"),
                     ("ge", "gE"), ("gemeinsame einrichtung", "gE"))),
        _c("option_since", "int", "Optionskommune seit", "Option since", minimum=2005, maximum=2100,
           aliases=("option seit", "optionskommune seit", "seit")),
        _c("legal_form", "text", "Rechtsform", "Legal form", aliases=("rechtsform",)),
        _c("seat", "text", "Sitz", "Seat", aliases=("sitz", "standort", "ort")),
        _c("website", "text", "Website", "Website", aliases=("webseite", "internet", "homepage", "url website")),
        _c("peer_type", "text", "Vergleichstyp", "Peer type", aliases=("vergleichstyp", "vgt"),
           pattern=r"^(I{1,3}|IV|V)[a-e]?$"),
        _c("peer_type_as_of", "date", "Vergleichstyp Stand", "Peer type as of",
           aliases=("vergleichstyp stand",)),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        #: a jobcenter outside Hessen, kept for ranks within its Vergleichstyp and nearest neighbours;
        #: it has no district here (ags empty) and counts in no Hessian list, count or average
        _c("peer", "bool", "Vergleichs-Jobcenter", "Peer jobcenter",
           aliases=("vergleichs jobcenter", "vergleichsjobcenter", "peer")),
        *_sourced(),
    ),
    key=("jobcenter_id",),
))

#: columns a jobcenter row must give unless it is a peer (`peer` = true)
JOBCENTER_REQUIRED_UNLESS_PEER = ("ags", "model")

INDICATOR_DEFS = _table(Table(
    "indicator_defs", "Kennzahlen-Katalog", "Indicator catalogue",
    (
        _c("code", "text", "Kennzahl", "Code", required=True, aliases=("kennzahl", "kennzahl code", "indikator")),
        _c("name_de", "text", "Bezeichnung", "German name", required=True, aliases=("bezeichnung", "name")),
        _c("name_en", "text", "Bezeichnung (englisch)", "English name", aliases=("name englisch",)),
        _c("unit", "text", "Einheit", "Unit", required=True, aliases=("einheit",), choices=UNITS),
        _c("higher_is_better", "bool", "Höher ist besser", "Higher is better",
           aliases=("hoeher ist besser", "richtung")),
        _c("indicator_group", "text", "Gruppe", "Group", aliases=("gruppe", "group", "zielgruppe")),
        _c("scope", "text", "Bezug", "Scope", aliases=("bezug",), choices=("jobcenter", "district")),
        _c("description_de", "text", "Beschreibung", "Description", aliases=("beschreibung", "definition")),
        _c("sort_order", "int", "Reihenfolge", "Order", aliases=("reihenfolge",)),
        *_sourced(),
    ),
    key=("code",),
))

INDICATORS = _table(Table(
    "indicators", "Kennzahlen", "Indicators",
    (
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True,
           aliases=("jobcenter id", "jc id", "traeger nr"), ref=("jobcenters", "jobcenter_id")),
        _c("period", "date", "Zeitraum", "Period", required=True,
           aliases=("zeitraum", "berichtsmonat", "monat", "jahr", "periode", "datum", "stichtag zahl", "year", "month")),
        _c("period_kind", "text", "Zeitraumart", "Period kind", required=True, aliases=("zeitraumart",),
           choices=PERIOD_KINDS, default="",
           synonyms=(("tag", "day"), ("monat", "month"), ("quartal", "quarter"), ("jahr", "year"))),
        _c("indicator", "text", "Kennzahl", "Indicator", required=True,
           aliases=("kennzahl", "indikator", "merkmal"), ref=("indicator_defs", "code")),
        _c("sex", "text", "Geschlecht", "Sex", required=True, aliases=("geschlecht",), choices=SEXES,
           default="all",
           synonyms=(("insgesamt", "all"), ("gesamt", "all"), ("alle", "all"), ("total", "all"),
                     ("w", "f"), ("weiblich", "f"), ("frauen", "f"), ("female", "f"),
                     ("maennlich", "m"), ("maenner", "m"), ("male", "m"))),
        *figure(_c("value", "float", "Wert", "Value", required=True, aliases=("wert", "anzahl", "betrag", "quote")),
                "qualifier"),
        _c("numerator", "float", "Zähler", "Numerator", aliases=("zaehler",), minimum=0),
        _c("denominator", "float", "Nenner", "Denominator", aliases=("nenner",), minimum=0),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("jobcenter_id", "period", "indicator", "sex"),
))

STAFFING = _table(Table(
    "staffing", "Personal", "Staffing",
    (
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True,
           aliases=("jobcenter id", "jc id"), ref=("jobcenters", "jobcenter_id")),
        _c("period", "date", "Stichtag", "Date", required=True, aliases=("stichtag", "datum", "zeitraum", "jahr")),
        _c("function", "text", "Funktion", "Function", required=True,
           aliases=("funktion", "bereich", "taetigkeit"), default="gesamt"),
        *figure(_c("headcount", "int", "Beschäftigte", "Headcount",
                   aliases=("beschaeftigte", "mitarbeitende", "koepfe", "mitarbeiter", "personen"), **_COUNT)),
        *figure(_c("fte", "float", "VZÄ", "FTE", aliases=("vzae", "vollzeitaequivalente", "stellen vzae"), **_COUNT)),
        *figure(_c("vacancies", "int", "Offene Stellen", "Vacancies", aliases=("offene stellen", "vakanzen"),
                   **_COUNT)),
        *figure(_c("trainees", "int", "Auszubildende/Studierende", "Trainees",
                   aliases=("auszubildende", "nachwuchskraefte", "studierende", "azubis"), **_COUNT)),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("jobcenter_id", "period", "function"),
    measures=("headcount", "fte", "vacancies", "trainees"),
))

BASS_COHORTS = _table(Table(
    "bass_cohorts", "BASS-Jahrgänge", "BASS cohorts",
    (
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True,
           aliases=("jobcenter id", "jc id"), ref=("jobcenters", "jobcenter_id")),
        _c("year", "int", "Jahr", "Year", required=True, aliases=("jahr", "einstellungsjahr", "jahrgang"),
           minimum=2005, maximum=2100),
        _c("programme", "text", "Studiengang", "Programme", required=True,
           aliases=("studiengang", "programm", "modus", "mode"), default="BASS"),
        *figure(_c("started", "int", "Begonnen", "Started",
                   aliases=("begonnen", "neu", "studienanfaenger", "anfaenger"), **_COUNT)),
        *figure(_c("active", "int", "Studierende", "Active", aliases=("studierende", "aktiv", "im studium"),
                   **_COUNT)),
        *figure(_c("graduated", "int", "Abgeschlossen", "Graduated",
                   aliases=("abgeschlossen", "absolventen", "abschluss"), **_COUNT)),
        *figure(_c("hired", "int", "Übernommen", "Hired", aliases=("uebernommen", "uebernahmen", "eingestellt"),
                   **_COUNT)),
        *figure(_c("dropped_out", "int", "Abgebrochen", "Dropped out", aliases=("abgebrochen", "abbrueche"),
                   **_COUNT)),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("jobcenter_id", "year", "programme"),
    measures=("started", "active", "graduated", "hired", "dropped_out"),
))

EVENTS = _table(Table(
    "events", "Veranstaltungen", "Events",
    (
        _c("event_id", "text", "Veranstaltungs-ID", "Event ID", required=True,
           aliases=("veranstaltung id", "id", "veranstaltungs id")),
        _c("date", "date", "Datum", "Date", required=True, aliases=("datum", "beginn", "von")),
        _c("end_date", "date", "Ende", "End date", aliases=("ende", "bis", "enddatum")),
        _c("date_precision", "text", "Datumsgenauigkeit", "Date precision", aliases=("datumsgenauigkeit",),
           choices=("day", "month", "year"), default="",
           synonyms=(("tag", "day"), ("monat", "month"), ("jahr", "year"))),
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", aliases=("jobcenter id", "jc id"),
           ref=("jobcenters", "jobcenter_id")),
        _c("kind", "text", "Art", "Kind", required=True, aliases=("art", "veranstaltungsart", "format")),
        _c("title", "text", "Titel", "Title", required=True, aliases=("titel", "veranstaltung", "bezeichnung")),
        _c("place", "text", "Ort", "Place", aliases=("ort", "veranstaltungsort")),
        _c("target_group", "text", "Zielgruppe", "Target group", aliases=("zielgruppe",)),
        *figure(_c("invited", "int", "Eingeladen", "Invited", aliases=("eingeladen", "eingeladene", "einladungen"),
                   **_COUNT)),
        *figure(_c("participants", "int", "Teilnehmende", "Participants",
                   aliases=("teilnehmende", "teilnehmer", "besucher", "besuchende"), **_COUNT)),
        *figure(_c("employers", "int", "Arbeitgeber", "Employers", aliases=("arbeitgeber", "unternehmen", "firmen"),
                   **_COUNT)),
        *figure(_c("applications", "int", "Bewerbungen", "Applications",
                   aliases=("bewerbungen", "bewerbungsprozesse"), **_COUNT)),
        *figure(_c("internships", "int", "Praktika", "Internships", aliases=("praktika", "praktikum"), **_COUNT)),
        *figure(_c("contracts", "int", "Verträge", "Contracts",
                   aliases=("vertraege", "arbeitsvertraege", "einstellungen", "vermittlungen"), **_COUNT)),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("event_id",),
))

BUDGETS = _table(Table(
    "budgets", "Budgets", "Budgets",
    (
        _c("budget_id", "text", "Budget-ID", "Budget ID", required=True, aliases=("budget id", "id")),
        _c("ags", "text", "Kreisschlüssel", "District key", aliases=("kreisschluessel", "ags"),
           ref=("districts", "ags"), **_AGS),
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", aliases=("jobcenter id", "jc id"),
           ref=("jobcenters", "jobcenter_id")),
        _c("year", "int", "Jahr", "Year", required=True, aliases=("jahr", "haushaltsjahr"),
           minimum=1990, maximum=2100),
        _c("programme", "text", "Programm", "Programme", required=True, aliases=("programm", "foerderprogramm")),
        _c("item", "text", "Posten", "Item", required=True, aliases=("posten", "position", "art")),
        *figure(_c("amount_eur", "float", "Betrag (EUR)", "Amount (EUR)", required=True,
                   aliases=("betrag", "betrag eur", "summe", "euro", "betrag in eur"), minimum=0), "qualifier"),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("budget_id",),
))

FACTS = _table(Table(
    "facts", "Fakten", "Facts",
    (
        _c("fact_id", "text", "Fakt-ID", "Fact ID", required=True, aliases=("fakt id", "id")),
        _c("topic", "text", "Thema", "Topic", required=True, aliases=("thema",)),
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", aliases=("jobcenter id",),
           ref=("jobcenters", "jobcenter_id")),
        _c("label_de", "text", "Aussage", "Statement", required=True, aliases=("aussage", "bezeichnung")),
        *figure(_c("value", "float", "Wert", "Value", aliases=("wert", "zahl")), "qualifier"),
        _c("unit", "text", "Einheit", "Unit", aliases=("einheit",)),
        _c("period", "date", "Zeitraum", "Period", aliases=("zeitraum",)),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("fact_id",),
    description_de="Einzelne belegte Aussagen (Verband, BASS, Hessen)",
))

TARGETS = _table(Table(
    "targets", "Ziele (§ 48b)", "Targets (§ 48b)",
    (
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True,
           aliases=("jobcenter id", "jc id", "traeger nr"), ref=("jobcenters", "jobcenter_id")),
        _c("year", "int", "Jahr", "Year", required=True, aliases=("jahr", "zieljahr"), minimum=2005, maximum=2100),
        _c("indicator", "text", "Kennzahl", "Indicator", required=True,
           aliases=("kennzahl", "indikator", "zielindikator"), ref=("indicator_defs", "code")),
        _c("target_value", "float", "Zielwert", "Target value", aliases=("zielwert", "ziel", "zielgroesse", "target")),
        _c("target_change", "float", "Zielveränderung (%)", "Target change (%)",
           aliases=("zielveraenderung", "veraenderung ziel", "zielveraenderung in prozent", "ziel veraenderung")),
        _c("qualifier", "text", "Genauigkeit", "Qualifier", aliases=("genauigkeit",), choices=QUALIFIERS),
        _c("note", "text", "Hinweis", "Note", aliases=("hinweis", "anmerkung", "bemerkung")),
        *_sourced(),
    ),
    key=("jobcenter_id", "year", "indicator"),
    measures=("target_value", "target_change"),
    description_de="Zielvereinbarungen nach § 48b SGB II: Zielwert oder Zielveränderung gegenüber dem "
                   "Vorjahreswert (Dezember) je Jobcenter, Jahr und Kennzahl",
))

POSTINGS = _table(Table(
    "postings", "Stellenangebote", "Job postings",
    (
        _c("ags", "text", "Kreisschlüssel", "District key", required=True,
           aliases=("kreisschluessel", "ags"), ref=("districts", "ags"), **_AGS),
        _c("place", "text", "Suchort", "Search place", aliases=("suchort", "wo")),
        _c("refnr", "text", "Referenznummer", "Reference number", required=True,
           aliases=("referenznummer", "refnr")),
        _c("title", "text", "Titel", "Title", aliases=("titel", "stellenangebotstitel")),
        _c("occupation", "text", "Beruf", "Occupation", aliases=("beruf",)),
        _c("employer", "text", "Arbeitgeber", "Employer", aliases=("arbeitgeber", "firma")),
        _c("postcode", "text", "PLZ", "Postcode", aliases=("plz", "postleitzahl")),
        _c("city", "text", "Arbeitsort", "Work place", aliases=("arbeitsort",)),
        _c("published", "date", "Veröffentlicht", "Published", aliases=("veroeffentlicht",)),
        _c("start", "date", "Eintritt", "Start", aliases=("eintritt", "eintrittsdatum")),
        _c("link", "text", "Link", "Link", aliases=("externe url", "externeurl")),
        *_sourced(),
    ),
    key=("source", "ags", "refnr"),
    description_de="Offene Stellen aus der Jobsuche der BA; Stand = Tag des Abrufs, an dem sie zuletzt gefunden wurden",
))

LOADS = _table(Table(
    "loads", "Ladevorgänge", "Loads",
    (
        _c("load_id", "int", "Nr.", "No.", required=True),
        _c("loaded_at", "timestamp", "Zeitpunkt", "Loaded at", required=True),
        _c("action", "text", "Aktion", "Action", required=True),
        _c("target_table", "text", "Tabelle", "Table"),
        _c("file", "text", "Datei/Quelle", "File/source"),
        _c("rows", "int", "Zeilen", "Rows"),
        _c("checksum", "text", "Prüfsumme", "Checksum"),
        _c("user_name", "text", "Benutzer", "User"),
    ),
    key=("load_id",),
    sourced=False,
))

INDICATOR_REVISIONS = _table(Table(
    "indicator_revisions", "Neue und korrigierte Kennzahlen", "New and revised indicators",
    (
        _c("load_id", "int", "Ladevorgang", "Load", required=True),
        _c("jobcenter_id", "text", "Jobcenter-ID", "Jobcenter ID", required=True),
        _c("period", "date", "Zeitraum", "Period", required=True),
        _c("indicator", "text", "Kennzahl", "Indicator", required=True),
        _c("sex", "text", "Geschlecht", "Sex", required=True),
        _c("change", "text", "Änderung", "Change", required=True, choices=("new", "revised")),
        _c("old_value", "float", "Alter Wert", "Old value"),
        _c("new_value", "float", "Neuer Wert", "New value"),
        _c("old_source", "text", "Alte Quelle", "Old source"),
        _c("old_as_of", "date", "Alter Stand", "Old as of"),
        _c("new_as_of", "date", "Neuer Stand", "New as of"),
    ),
    key=("load_id", "jobcenter_id", "period", "indicator", "sex"),
    sourced=False,
    description_de="Was jeder Ladevorgang an Kennzahlen neu brachte oder korrigierte (alte Werte bleiben als Verlauf)",
))

META = _table(Table(
    "meta", "Metadaten", "Metadata",
    (
        _c("key", "text", "Schlüssel", "Key", required=True),
        _c("value", "text", "Wert", "Value"),
    ),
    key=("key",),
    sourced=False,
))

#: tables a user may load files into (in dependency order)
LOADABLE: tuple[str, ...] = (
    "districts", "jobcenters", "indicator_defs", "indicators", "staffing",
    "bass_cohorts", "events", "budgets", "facts", "postings", "targets",
)
#: loadable tables the embedded data set (data/) has no file for: filled by `kjc-tui fetch` only
NOT_EMBEDDED: tuple[str, ...] = ("postings", "targets")

SCHEMA_VERSION = "2"


def needs_upgrade(meta: dict[str, str]) -> bool:
    """A database's `meta` says it was built by an older version (`db.snapshot.upgrade` brings it up); a file
    that names no version was not built by kjc-tui and is left as it is."""
    def number(v: str) -> int:
        return int(v) if v.isdigit() else 0

    return "schema_version" in meta and number(str(meta["schema_version"])) < number(SCHEMA_VERSION)


def ddl() -> list[str]:
    """CREATE TABLE statements for the whole schema.

    Keys are enforced by the ingest (which reports duplicates with their rows), not by
    PRIMARY KEY indexes: an ART index over a ten-million-row table would cost load time
    and memory in every reader for no gain.
    """
    out = []
    for t in TABLES.values():
        cols = [f'"{c.name}" {c.sql_type}{" NOT NULL" if c.required else ""}' for c in t.columns]
        out.append(f'CREATE TABLE IF NOT EXISTS "{t.name}" (\n  ' + ",\n  ".join(cols) + "\n)")
    return out


def normalise_header(text: str) -> str:
    """Fold a header for matching: lower case, umlauts spelled out, punctuation to spaces."""
    s = str(text).strip().lower()
    for a, b in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        s = s.replace(a, b)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    return s


def header_index(table: Table) -> dict[str, str]:
    """Map every accepted normalised header spelling to its column name."""
    idx: dict[str, str] = {}
    for c in table.columns:
        for spelling in (c.name, c.label_de, c.label_en, *c.aliases):
            idx.setdefault(normalise_header(spelling), c.name)
    return idx


def table_by_name(name: str) -> Table | None:
    """Find a table by its English name or its German/English label (case-insensitive)."""
    n = normalise_header(name)
    for t in TABLES.values():
        if n in (normalise_header(t.name), normalise_header(t.label_de), normalise_header(t.label_en)):
            return t
    return None


def quote_ident(name: str) -> str:
    """Quote an identifier for SQL; only names checked against a schema should reach here."""
    return '"' + name.replace('"', '""') + '"'


#: Derived views: ratios the users ask for are computed, never stored (DESIGN §2).
VIEWS: dict[str, tuple[str, str, str]] = {
    # name: (German label, English label, SELECT)
    "v_staffing_ratios": (
        "Personal mit Fällen je VZÄ", "Staffing with caseload per FTE",
        """
        SELECT s.*, bg.value AS bg, bg.period AS bg_period, bg.qualifier AS bg_qualifier, bg.value_upper AS bg_upper,
               bg.value / NULLIF(s.fte, 0) AS bg_per_fte,
               bg.value / NULLIF(s.headcount, 0) AS bg_per_head
        FROM staffing s
        LEFT JOIN LATERAL (
            SELECT i.value, i.period, i.qualifier, i.value_upper FROM indicators i
            WHERE i.jobcenter_id = s.jobcenter_id AND i.indicator = 'BG' AND i.sex = 'all'
              AND abs(date_diff('day', i.period, s.period)) <= 366
            ORDER BY abs(date_diff('day', i.period, s.period)) LIMIT 1
        ) bg ON true
        """,
    ),
    "v_event_ratios": (
        "Veranstaltungen mit Quoten", "Events with ratios",
        """
        SELECT e.* EXCLUDE (exact_participants, exact_invited, exact_employers, exact_contracts),
               CASE WHEN exact_participants AND exact_invited
                    THEN e.participants / NULLIF(e.invited, 0) END AS participants_per_invited,
               CASE WHEN exact_participants AND exact_employers
                    THEN e.participants / NULLIF(e.employers, 0) END AS participants_per_employer,
               CASE WHEN exact_contracts AND exact_participants
                    THEN e.contracts / NULLIF(e.participants, 0) END AS contracts_per_participant
        FROM (
            -- a ratio of "über 270" or "400–500" would claim a precision the source does not have
            SELECT *, coalesce(participants_qualifier, '=') = '=' AS exact_participants,
                   coalesce(invited_qualifier, '=') = '=' AS exact_invited,
                   coalesce(employers_qualifier, '=') = '=' AS exact_employers,
                   coalesce(contracts_qualifier, '=') = '=' AS exact_contracts
            FROM events
        ) e
        """,
    ),
    "v_bass_rates": (
        "BASS mit Übernahmequote", "BASS with hiring rate",
        """
        SELECT b.*, b.hired / NULLIF(b.graduated, 0) AS hiring_rate,
               b.dropped_out / NULLIF(b.started, 0) AS dropout_rate
        FROM bass_cohorts b
        """,
    ),
    "v_budget_per_elb": (
        "Budgets je eLb", "Budgets per eLb",
        """
        SELECT b.*, e.value AS elb, b.amount_eur / NULLIF(e.value, 0) AS eur_per_elb
        FROM budgets b
        LEFT JOIN jobcenters j ON j.jobcenter_id = coalesce(b.jobcenter_id,
            (SELECT min(jobcenter_id) FROM jobcenters WHERE ags = b.ags))
        LEFT JOIN LATERAL (
            SELECT i.value FROM indicators i
            WHERE i.jobcenter_id = j.jobcenter_id AND i.indicator = 'ELB' AND i.sex = 'all'
              AND year(i.period) = b.year
            ORDER BY i.period DESC LIMIT 1
        ) e ON true
        """,
    ),
}


def view_ddl() -> list[str]:
    return [f'CREATE OR REPLACE VIEW "{name}" AS {sql}' for name, (_, _, sql) in VIEWS.items()]
