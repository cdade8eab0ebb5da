"""The documents' data: the district fact sheet (Steckbrief) and the monthly report
(Kennzahlen-Bericht).  Data layer: numbers, dates and codes — no prose, no Textual.

The writers in `kjc_tui.documents` word and draw these models in German or English.
"""

from kjc_tui.read.reports.factsheet import FactSheet, build_factsheet
from kjc_tui.read.reports.model import BarChart, Figure, LineChart, SourceRef
from kjc_tui.read.reports.monthly import MonthlyReport, ReportError, build_monthly, resolve_members

__all__ = ["BarChart", "FactSheet", "Figure", "LineChart", "MonthlyReport", "ReportError", "SourceRef",
           "build_factsheet", "build_monthly", "resolve_members"]
