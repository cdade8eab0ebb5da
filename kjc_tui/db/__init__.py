"""The database: the snapshot writer, the read-only store and the synthetic generator."""
