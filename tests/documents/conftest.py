"""The document files (web pages, Word files, PDFs) are made by document_files.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
