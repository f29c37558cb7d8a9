"""The peers' own code as oracles (``make interop``): every test here is marked ``interop``.

``make test`` deselects them; ``make interop`` runs exactly them with ``ANNOTATOR_INTEROP=1``,
and then a missing package of the ``interop`` extra is an error, never a silent skip.
Hugging Face ``datasets`` runs offline, with its cache in a temporary folder.
"""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

PEERS = ("label_studio_converter", "seqeval", "pybrat", "pandas", "duckdb", "datasets",
         "pyarrow", "krippendorff", "regex")
HERE = Path(__file__).parent

os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
os.environ.setdefault("HF_HOME", tempfile.mkdtemp(prefix="annotator-hf-"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if HERE in Path(str(item.path)).parents]
    if not ours:
        return
    missing = [name for name in PEERS if importlib.util.find_spec(name) is None]
    for item in ours:
        item.add_marker(pytest.mark.interop)
    if not missing:
        return
    if os.environ.get("ANNOTATOR_INTEROP"):
        raise pytest.UsageError(
            f"the interop tests need {', '.join(missing)}: pip install -e '.[interop]'")
    for item in ours:
        item.add_marker(pytest.mark.skip(reason=f"not installed: {', '.join(missing)}"))


# Text written for these tests: CRLF line ends, Arabic ي and ك, emoji (one with a skin-tone
# modifier), ZWNJ inside words, and a Turn that runs over a sentence break.
RAW = ("«كاظم جلالي» گفت: ما 😀 همکاری‌های دوجانبه را ادامه می‌دهیم. این راه ادامه دارد.\r\n"
       "سؤال: آیا 👍🏽 با این طرح موافقید؟\r\n"
       "پاسخ: بله، ما با آن موافق هستیم.")
SECOND = "گزارش: «مريم» گفت که 🇮🇷 بازار آرام است.\nاو افزود: قیمت‌ها پایین می‌آید."


@pytest.fixture
def peers_project(tmp_path: Path) -> Path:
    """A project with two documents (one with an id that is no safe file name), spans of two
    analysts, speaker and free-text attributes and both relation types."""
    from annotator.domain.model import Document
    from annotator.storage.project import Project
    from annotator.text import canonicalize

    path = tmp_path / "peers.annot"
    Project.create(path, analyst="tester").close()
    with Project.open(path, analyst="tester") as project:
        docs = []
        for doc_id, raw in (("", RAW), ("news/۱ الف", SECOND)):
            canonical = canonicalize(raw, project.normalization)
            docs.append(project.add_document(Document(
                doc_id, "گفت‌وگو", "test.txt", canonical.text, raw,
                canonical.alignment.segments, {"outlet": "نمونه"})))
        text = docs[0].canonical_text
        jalali = project.add_speaker("کاظم جلالی").id
        turn_end = text.index("\n")
        project.add_span(docs[0].id, 0, turn_end, "Turn", {"speaker": jalali,
                                                          "role": "interviewee"})
        mention = project.add_span(docs[0].id, 1, text.index("»"), "Speaker",
                                   {"speaker": jalali})
        claim = project.add_span(docs[0].id, text.index("ما"), text.index("می‌دهیم") + 7,
                                 "Claim", {"speaker": jalali, "type": "commitment"})
        project.add_relation(claim.id, mention.id, "attributed_to")
        thumbs = text.index("👍🏽")
        stance = project.add_span(docs[0].id, thumbs, thumbs + 2, "Stance",
                                  {"holder": jalali, "polarity": "favor",
                                   "target": "طرح «نو»"})
        plan = project.add_span(docs[0].id, text.index("طرح"), text.index("طرح") + 3, "Speaker")
        project.add_relation(stance.id, plan.id, "about")
        answer = text.index("بله")
        project.add_span(docs[0].id, answer, len(text) - 1, "Claim", {"type": "opinion"},
                         author="maryam")
        second = docs[1].canonical_text
        project.add_span(docs[1].id, second.index("مری"), second.index("مری") + 4, "Speaker")
        project.add_span(docs[1].id, second.index("بازار"), second.index("\n"), "Claim",
                         {"type": "factual"})
        project.add_span(docs[1].id, second.index("قیمت"), len(second) - 1, "Claim",
                         {"type": "prediction"}, author="maryam")
        for doc in docs:
            project.set_status(doc.id, "done")
    return path

