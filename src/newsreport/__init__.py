"""newsreport: a reproducible research report on a news corpus."""

__version__ = "0.1.0"
