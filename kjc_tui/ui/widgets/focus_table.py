"""The app's DataTable: it shows its cursor row only while it has the focus.

Textual draws an unfocused DataTable's cursor row in a paler colour, which still reads as
"selected" while the user works in another pane. A CSS rule cannot hide it without breaking the
zebra stripes (a component style's background is blended over the table's own background, not
the row's), so the row is drawn as if the cursor were elsewhere: its stripe shows through.
"""

from __future__ import annotations

from rich.style import Style
from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey, SegmentLines

#: a location no row has: rows are drawn without the cursor
_NOWHERE = Coordinate(-1, -1)


class FocusTable(DataTable[object]):
    """A DataTable whose cursor row is highlighted only while it is focused."""

    def _render_line_in_row(self, row_key: RowKey, line_no: int, base_style: Style,
                            cursor_location: Coordinate, hover_location: Coordinate,
                            ) -> tuple[SegmentLines, SegmentLines]:
        # the line cache's key holds the pseudo-classes (focus among them): a focus change redraws
        return super()._render_line_in_row(row_key, line_no, base_style,
                                           cursor_location if self.has_focus else _NOWHERE, hover_location)
