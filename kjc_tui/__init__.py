"""kjc-tui: terminal dashboard for the Kommunale Jobcenter in Hessen."""

__version__ = "0.1.0"
