"""Agreement figures, checked against the krippendorff package and a kappa computed here."""

from __future__ import annotations

import json
import math
import random
from collections import Counter

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis.agreement import (
    agreement,
    cohen_kappa,
    krippendorff_alpha,
    label_counts,
    match_by_overlap,
    progress,
    span_f1,
)
from annotator.domain.model import Document
from annotator.storage.project import Project
from annotator.text import token_spans

TEXT = "سفیر 😀 گفت: می‌پردازند.\nعلی و کتاب‌ها را دید و گفت که قیمت‌ها پایین می‌آید."


def reference_alpha(units: list[list[int | None]]) -> float:
    coders = list(zip(*units, strict=True))
    data = np.array([[np.nan if v is None else v for v in row] for row in coders], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def reference_kappa(first: list[int], second: list[int]) -> float:
    """Cohen's kappa from the confusion matrix, written out independently of the library."""
    values = sorted(set(first) | set(second))
    n = len(first)
    matrix = {(a, b): 0 for a in values for b in values}
    for a, b in zip(first, second, strict=True):
        matrix[(a, b)] += 1
    p_o = sum(matrix[(v, v)] for v in values) / n
    p_e = sum(sum(matrix[(v, w)] for w in values) * sum(matrix[(w, v)] for w in values)
              for v in values) / n / n
    return (p_o - p_e) / (1 - p_e)


def test_perfect_agreement_is_one() -> None:
    units = [[v, v, v] for v in [0, 1, 1, 0, 2, 1, 0, 0]]
    assert krippendorff_alpha(units) == pytest.approx(1.0)
    assert reference_alpha([list(u) for u in units]) == pytest.approx(1.0)
    assert cohen_kappa([0, 1, 1, 0], [0, 1, 1, 0]) == pytest.approx(1.0)


def test_chance_agreement_is_about_zero() -> None:
    first = [0, 0, 1, 1] * 250
    second = [0, 1, 0, 1] * 250  # independent of the first: agreement is exactly chance
    units: list[list[int | None]] = [[a, b] for a, b in zip(first, second, strict=True)]
    alpha = krippendorff_alpha(units)
    assert alpha is not None and abs(alpha) < 0.01
    assert alpha == pytest.approx(reference_alpha(units))
    assert cohen_kappa(first, second) == pytest.approx(0.0)
    assert reference_kappa(first, second) == pytest.approx(0.0)


def test_missing_values_match_the_krippendorff_package() -> None:
    # Krippendorff's own worked example (2011, "Computing Krippendorff's alpha"), 4 coders.
    rows = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
        [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None],
    ]
    units = [list(u) for u in zip(*rows, strict=True)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=0.001)
    assert krippendorff_alpha(units) == pytest.approx(reference_alpha(units))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=3, max_size=3),
                min_size=2, max_size=40))
def test_alpha_matches_the_krippendorff_package(units: list[list[int | None]]) -> None:
    ours = krippendorff_alpha(units)
    pairable = [u for u in units if sum(v is not None for v in u) >= 2]
    values = {v for u in pairable for v in u if v is not None}
    if len(values) < 2:
        assert ours is None  # no variation: undefined, where the package raises or divides by 0
        return
    assert ours == pytest.approx(reference_alpha(units), abs=1e-9)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), min_size=1, max_size=50))
def test_kappa_matches_an_independent_computation(pairs: list[tuple[int, int]]) -> None:
    first, second = [a for a, _ in pairs], [b for _, b in pairs]
    ours = cohen_kappa(first, second)
    counts_a, counts_b = Counter(first), Counter(second)
    if len(counts_a) == 1 and counts_a == counts_b:
        assert ours is None
        return
    assert ours == pytest.approx(reference_kappa(first, second))


def test_span_matching() -> None:
    assert span_f1([(0, 4), (5, 9)], [(0, 4), (6, 9)], exact=True) == (1, 4)
    assert span_f1([(0, 4), (5, 9)], [(0, 4), (6, 9)], exact=False) == (2, 4)
    # One long span overlapping two short ones is paired with only one of them.
    assert match_by_overlap([(0, 10)], [(0, 3), (4, 9)]) == [(0, 1)]
    assert span_f1([(0, 2)], [(2, 4)], exact=False) == (0, 2)  # touching is not overlapping


def add_doc(project: Project, text: str = TEXT) -> str:
    return project.add_document(
        Document("", "t", "s", text, text, ((len(text), len(text)),))).id


def test_project_agreement_excludes_gold_and_checks_against_the_package(project: Project
                                                                        ) -> None:
    doc = add_doc(project)
    lonely = add_doc(project, "فقط یک تحلیلگر این را خواند.")
    tokens = token_spans(TEXT)
    rng = random.Random(7)
    marked: dict[str, list[tuple[int, int]]] = {}
    for analyst in ("ali", "bita", "cyrus"):
        chosen = sorted(rng.sample(range(len(tokens)), 6))
        marked[analyst] = [tokens[i] for i in chosen]
        for start, end in marked[analyst]:
            project.add_span(doc, start, end, "Claim", author=analyst)
    project.add_span(doc, *tokens[0], "Speaker", author="ali")
    project.add_span(doc, *tokens[0], "Speaker", author="bita")
    project.add_span(doc, *tokens[1], "Claim", author="gold")
    project.add_span(lonely, 0, 3, "Claim", author="ali")
    report = agreement(project)
    assert report.analysts == ("ali", "bita", "cyrus")
    assert report.documents == 1
    data = report.to_json()
    assert set(data) == {"analysts", "documents", "labels", "stance_polarity"}
    assert set(data["labels"]["Claim"]) == {"alpha", "kappa", "f1_exact", "f1_overlap", "units"}
    json.dumps(data)
    # Independently: the token table and both figures, from the package and by hand.
    table = [[int(any(s < e_ and s_ < e for s_, e_ in marked[a])) for a in marked]
             for s, e in tokens]
    claim = report.labels["Claim"]
    assert claim.units == len(tokens)
    assert claim.alpha == pytest.approx(reference_alpha([list(r) for r in table]))
    columns = list(zip(*table, strict=True))
    kappas = [reference_kappa(list(columns[i]), list(columns[j]))
              for i, j in ((0, 1), (0, 2), (1, 2))]
    assert claim.kappa == pytest.approx(sum(kappas) / 3)
    # Speaker: ali and bita marked the same token; cyrus marked none, which counts as "no".
    speaker = report.labels["Speaker"]
    assert speaker.f1_exact == pytest.approx(1 / 3)  # 1 for ali–bita, 0 for each with cyrus
    assert speaker.alpha is not None and speaker.alpha < 1
    assert report.labels["Turn"].alpha is None  # nobody used it: undefined, not perfect


def test_stance_polarity_is_compared_on_overlapping_spans(project: Project) -> None:
    doc = add_doc(project)
    tokens = token_spans(TEXT)
    project.add_span(doc, tokens[2][0], tokens[4][1], "Stance", {"polarity": "favor"},
                     author="ali")
    project.add_span(doc, tokens[3][0], tokens[5][1], "Stance", {"polarity": "favor"},
                     author="bita")
    project.add_span(doc, tokens[8][0], tokens[9][1], "Stance", {"polarity": "against"},
                     author="ali")
    project.add_span(doc, tokens[8][0], tokens[9][1], "Stance", {"polarity": "neutral"},
                     author="bita")
    report = agreement(project)
    polarity = report.stance_polarity
    assert polarity.matched == 2 and polarity.agreement == pytest.approx(0.5)
    assert report.labels["Stance"].f1_exact == pytest.approx(0.5)
    assert report.labels["Stance"].f1_overlap == pytest.approx(1.0)
    assert polarity.alpha is not None and not math.isnan(polarity.alpha)
    assert "Stance polarity: 2 matched" in report.to_text()


def test_progress_and_label_counts(project: Project) -> None:
    doc = add_doc(project)
    project.add_span(doc, 0, 4, "Claim", author="ali")
    project.set_status(doc, "done", analyst="ali")
    project.set_status(doc, "in progress", analyst="bita")
    assert progress(project)["ali"] == {"todo": 0, "in progress": 0, "done": 1, "spans": 1}
    assert progress(project)["bita"]["in progress"] == 1
    assert label_counts(project)["ali"] == {"Speaker": 0, "Turn": 0, "Claim": 1, "Stance": 0}
