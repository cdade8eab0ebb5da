"""Publisher file layouts: files as the BA, BMAS/sgb2.info and Destatis ship them, and office spreadsheets.

One module per layout; each turns the publisher's file into a canonical table of the schema
(a `ReadFile` the normal ingest validates), so that `kjc-tui load` and `kjc-tui fetch` read
each layout with one parser.
"""
