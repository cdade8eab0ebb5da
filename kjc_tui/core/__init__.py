"""Core: schema, configuration, formatting, errors and files; used by every layer."""
