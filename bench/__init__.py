"""Benchmarks of Annotator: ``python -m bench`` (see ``bench/run.py`` and the README)."""
