"""Annotator: mark speakers, claims and stance in Persian text; export training datasets."""

__version__ = "0.1.0"
