"""Places of disagreement among analysts and the change that takes one version into gold."""

from __future__ import annotations

from annotator.analysis.adjudication import GOLD, places, shape, take
from annotator.domain.model import Span


def span(author: str, start: int, end: int, label: str = "Claim", span_id: str = "",
         **attrs: str) -> Span:
    return Span(span_id or f"{author}-{label}-{start}-{end}", "d", start, end, label,
                dict(attrs), author)


def test_agreed_and_each_kind_of_disagreement() -> None:
    spans = [
        span("ali", 0, 4), span("sara", 0, 4),                                  # agreed
        span("ali", 10, 15), span("sara", 10, 17),                              # bounds
        span("ali", 20, 25, "Stance", polarity="favor"),
        span("sara", 20, 25, "Stance", polarity="against"),                     # attributes
        span("ali", 30, 35),                                                    # missing
        span("ali", 40, 45, "Speaker"), span("sara", 40, 45, "Claim"),          # label (twice)
        span("bita", 50, 55),                                                   # not compared
        span(GOLD, 0, 4),
    ]
    found = {(p.label, p.start, p.end): p.kind for p in places(spans, ["ali", "sara"])}
    assert found == {
        ("Claim", 0, 4): "agreed", ("Claim", 10, 17): "bounds",
        ("Stance", 20, 25): "attributes", ("Claim", 30, 35): "missing",
        ("Speaker", 40, 45): "label", ("Claim", 40, 45): "label",
    }


def test_overlapping_spans_chain_into_one_place_and_touching_ones_do_not() -> None:
    spans = [span("ali", 0, 5), span("sara", 4, 9), span("ali", 8, 12), span("sara", 12, 14)]
    result = places(spans, ["ali", "sara"])
    assert [(p.start, p.end, p.kind) for p in result] == [(0, 12, "bounds"), (12, 14, "missing")]
    assert [s.id for s in result[0].version("ali")] == ["ali-Claim-0-5", "ali-Claim-8-12"]


def test_taking_a_version_replaces_golds_spans_of_the_place() -> None:
    spans = [span("ali", 10, 15, type="factual"), span("sara", 10, 17),
             span(GOLD, 9, 16, span_id="g1"), span(GOLD, 30, 32, span_id="elsewhere")]
    [place] = places(spans, ["ali", "sara"])
    assert [s.id for s in place.gold] == ["g1"] and place.gold_follows() == []
    change = take(place, "ali")
    assert change.remove == ("g1",)
    assert change.add == ((10, 15, "Claim", {"type": "factual"}),)


def test_taking_the_version_gold_already_has_changes_nothing() -> None:
    spans = [span("ali", 10, 15), span("sara", 10, 17), span(GOLD, 10, 17)]
    [place] = places(spans, ["ali", "sara"])
    assert place.gold_follows() == ["sara"]
    assert take(place, "sara").empty
    missing = places([span("ali", 1, 3)], ["ali", "sara"])[0]
    assert take(missing, "sara").empty  # gold has nothing and sara has nothing there
    assert take(missing, "ali").add == ((1, 3, "Claim", {}),)


def test_shape_ignores_ids_authors_and_order() -> None:
    assert shape([span("ali", 5, 6, x="1"), span("ali", 1, 2)]) == \
        shape([span(GOLD, 1, 2, span_id="g"), span("sara", 5, 6, x="1")])
    assert shape([span("ali", 1, 2, x="1")]) != shape([span("ali", 1, 2, x="2")])
