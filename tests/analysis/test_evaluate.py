"""The gold annotations and the scores of the suggestions against them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.analysis.evaluate import (
    GOLD_DIR,
    GoldSpan,
    evaluate,
    load_gold,
    main,
    overlap_ratio,
    score,
)
from annotator.analysis.suggest import NewSpeaker, Suggestion
from annotator.domain.errors import InputError

GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))


def test_there_are_gold_files() -> None:
    assert {p.name for p in GOLD_FILES} >= {"interview-fa.json", "heldout-interview-fa.json",
                                           "blind-news-fa.json"}


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_every_gold_span_covers_its_text(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    text, spans = load_gold(path)
    assert len(spans) == len(data["spans"])
    for item in data["spans"]:
        assert text[item["start"]:item["end"]] == item["text"]
        assert item["text"] == item["text"].strip()
        assert item["label"] in {"Turn", "Claim"} and item["speaker"]


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: p.name)
def test_suggestions_reach_the_required_scores(path: Path) -> None:
    scores, median_ms = evaluate(path)
    by = {(s.label, s.with_speaker): s for s in scores}
    assert by["Turn", True].f1 >= 0.9
    assert by["Claim", True].f1 >= 0.7
    assert median_ms < 100


def test_a_damaged_gold_span_is_refused(tmp_path: Path) -> None:
    data = json.loads((GOLD_DIR / "interview-fa.json").read_text(encoding="utf-8"))
    data["spans"][0]["start"] += 1
    broken = tmp_path / "gold.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="gold span 1 does not cover its text"):
        load_gold(broken)


def test_matching_rule() -> None:
    assert overlap_ratio((0, 10), (5, 15)) == pytest.approx(5 / 15)
    assert overlap_ratio((0, 10), (10, 20)) == 0.0
    gold = [GoldSpan("Claim", 0, 10, "کاظم جلالی"), GoldSpan("Claim", 20, 30, "کاظم جلالی")]
    offered = [
        Suggestion("d", "Claim", 0, 9, "", {"speaker": NewSpeaker("كاظم جلالي")}, "r", "1"),
        Suggestion("d", "Claim", 1, 8, "", {"speaker": NewSpeaker("کاظم جلالی")}, "r", "2"),
        Suggestion("d", "Claim", 20, 30, "", {"speaker": "id-x"}, "r", "3"),
        Suggestion("d", "Turn", 20, 30, "", {}, "r", "4"),
    ]
    with_speaker = score(gold, offered, "Claim", with_speaker=True, names={"id-x": "دیگری"})
    assert (with_speaker.gold, with_speaker.suggested, with_speaker.matched) == (2, 3, 1)
    assert with_speaker.precision == pytest.approx(1 / 3)
    assert with_speaker.recall == pytest.approx(1 / 2)
    assert with_speaker.f1 == pytest.approx(0.4)
    assert score(gold, offered, "Claim", with_speaker=False).matched == 2


def test_evaluate_prints_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(GOLD_DIR / "interview-fa.json")]) == 0
    out = capsys.readouterr().out
    assert "overlap >= 50% of the union" in out and "interview-fa.json" in out
    print(out)  # shown with pytest -s, for the README
