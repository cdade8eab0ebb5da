"""The read layer: queries for the screens, browsing, comparison and export. Returns data, never prose."""
