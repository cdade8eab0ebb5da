"""Reusable widgets of the dashboard (Textual only, no SQL)."""
