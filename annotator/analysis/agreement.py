"""Inter-annotator agreement among the analysts of a project, per label.

Definitions (the README's "Working as a team" repeats them):

* An analyst *annotated* a document when they authored at least one live span in it; only
  documents annotated by two or more analysts count. The analyst named ``gold`` holds the
  adjudicated version and is left out: agreement is among the analysts it adjudicates.
* Token agreement: the units are the word tokens of each such document
  (``annotator.text.token_spans`` on the canonical text). An analyst's value for a token and a
  label is 1 when a span of that label by that analyst *covers* the token, which means
  overlaps it by at least one code point, else 0. An analyst who did not annotate a document
  has no value (missing) for its tokens. Krippendorff's alpha (nominal) runs over all units;
  Cohen's kappa is computed for every pair of analysts over the tokens both gave values for,
  then averaged over the pairs where it is defined.
* Span F1 for a pair of analysts, pooled over the documents both annotated:
  ``2 * matched / (spans of one + spans of the other)``. *Exact*: the same start and end.
  *Overlap*: spans are paired one-to-one, greedily by largest overlap, when they share at least
  one code point. The figure is the mean over the pairs that have any span of the label.
* Stance polarity: over Stance spans paired by overlap (as above) where both give a polarity,
  the share of pairs that agree, Krippendorff's alpha with each pair as a unit, and the mean
  pairwise Cohen's kappa.
* A figure that is undefined (no pairable units, or every value the same so that chance
  agreement is total) is ``None`` (JSON ``null``).
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations, groupby
from typing import Any

from annotator.domain.steps import Steps, finish
from annotator.storage import queries
from annotator.storage.project import Project
from annotator.text import token_spans

GOLD = "gold"
STANCE = "Stance"
POLARITY = "polarity"

Value = Hashable
Patterns = Counter[tuple[tuple[Value, int], ...]]  # a unit's value counts -> how many units


def krippendorff_alpha(units: Iterable[Sequence[Value | None]]) -> float | None:
    """Krippendorff's alpha for nominal data; each unit lists one value per coder, ``None``
    where that coder gave none. Units with fewer than two values are not pairable and are
    skipped. ``None`` when there is nothing to compare or no variation at all."""
    patterns: Patterns = Counter()
    for unit in units:
        add_unit(patterns, unit)
    return alpha_of_patterns(patterns)


def add_unit(patterns: Patterns, unit: Iterable[Value | None], times: int = 1) -> None:
    """Count ``unit`` (``times`` over) into ``patterns``: what alpha needs of a unit is only
    how many coders gave each value, so a corpus of units is a few patterns, not a list."""
    counts = Counter(v for v in unit if v is not None)
    if sum(counts.values()) >= 2:
        patterns[tuple(sorted(counts.items(), key=repr))] += times


def alpha_of_patterns(patterns: Patterns) -> float | None:
    """``krippendorff_alpha`` of the units counted by ``add_unit``."""
    coincidences: defaultdict[tuple[Value, Value], float] = defaultdict(float)
    for pattern, times in patterns.items():
        pairable = sum(n for _, n in pattern)
        for c, n_c in pattern:
            for k, n_k in pattern:
                pairs = n_c * (n_c - 1) if c == k else n_c * n_k
                coincidences[(c, k)] += times * pairs / (pairable - 1)
    totals: defaultdict[Value, float] = defaultdict(float)
    for (c, _), weight in coincidences.items():
        totals[c] += weight
    n = sum(totals.values())
    disagreement = sum(w for (c, k), w in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if n <= 1 or expected == 0:
        return None
    return 1.0 - (n - 1) * disagreement / expected


def cohen_kappa(first: Sequence[Value], second: Sequence[Value]) -> float | None:
    """Cohen's kappa of two coders' values for the same units; ``None`` when chance agreement
    is total (both gave one and the same value throughout) or there are no units."""
    if len(first) != len(second):
        raise ValueError("both coders must give a value for every unit")
    return kappa_of_table(Counter(zip(first, second, strict=True)))


def kappa_of_table(table: Counter[tuple[Value, Value]]) -> float | None:
    """``cohen_kappa`` of units counted as ``table[(first's value, second's value)]``."""
    total = sum(table.values())
    if total == 0:
        return None
    observed = sum(n for (a, b), n in table.items() if a == b) / total
    count_a: Counter[Value] = Counter()
    count_b: Counter[Value] = Counter()
    for (a, b), n in table.items():
        count_a[a] += n
        count_b[b] += n
    expected = sum(count_a[v] * count_b[v] for v in count_a) / (total * total)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1.0 - expected)


def span_f1(first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]], *,
            exact: bool) -> tuple[int, int]:
    """``(matched, total)`` for two analysts' spans ``(start, end)`` (code points) of one label
    in one document; F1 is ``2 * matched / total``. See the module for matching."""
    total = len(first) + len(second)
    if exact:
        return sum((Counter(first) & Counter(second)).values()), total
    return len(match_by_overlap(first, second)), total


def match_by_overlap(first: Sequence[tuple[int, int]], second: Sequence[tuple[int, int]]
                     ) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)`` pairing ``first[i]`` with ``second[j]`` one-to-one, greedily by
    largest overlap in code points (then position); spans that share nothing stay unpaired."""
    candidates = []
    for i, (a_start, a_end) in enumerate(first):
        for j, (b_start, b_end) in enumerate(second):
            overlap = min(a_end, b_end) - max(a_start, b_start)
            if overlap > 0:
                candidates.append((-overlap, a_start, b_start, i, j))
    candidates.sort()
    used_first: set[int] = set()
    used_second: set[int] = set()
    pairs = []
    for _, _, _, i, j in candidates:
        if i not in used_first and j not in used_second:
            used_first.add(i)
            used_second.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(frozen=True)
class LabelAgreement:
    """Agreement figures for one label; ``units`` is the number of pairable tokens."""

    alpha: float | None
    kappa: float | None
    f1_exact: float | None
    f1_overlap: float | None
    units: int

    def to_json(self) -> dict[str, Any]:
        return {"alpha": self.alpha, "kappa": self.kappa, "f1_exact": self.f1_exact,
                "f1_overlap": self.f1_overlap, "units": self.units}


@dataclass(frozen=True)
class PolarityAgreement:
    """Agreement on the polarity of Stance spans that two analysts both marked (by overlap)."""

    matched: int
    agreement: float | None
    alpha: float | None
    kappa: float | None

    def to_json(self) -> dict[str, Any]:
        return {"matched": self.matched, "agreement": self.agreement, "alpha": self.alpha,
                "kappa": self.kappa}


@dataclass(frozen=True)
class AgreementReport:
    """What ``annotator agree`` prints; the dashboard reads the same object."""

    analysts: tuple[str, ...]
    documents: int
    labels: dict[str, LabelAgreement] = field(hash=False)
    stance_polarity: PolarityAgreement

    def to_json(self) -> dict[str, Any]:
        return {"analysts": list(self.analysts), "documents": self.documents,
                "labels": {name: figures.to_json() for name, figures in self.labels.items()},
                "stance_polarity": self.stance_polarity.to_json()}

    def to_text(self) -> str:
        lines = [f"{self.documents} document(s) annotated by two or more of: "
                 + (", ".join(self.analysts) or "(no analysts)")]
        lines.append(f"{'label':<12} {'alpha':>7} {'kappa':>7} {'F1 exact':>9} "
                     f"{'F1 overlap':>11} {'tokens':>8}")
        for name, f in self.labels.items():
            lines.append(f"{name:<12} {_show(f.alpha):>7} {_show(f.kappa):>7} "
                         f"{_show(f.f1_exact):>9} {_show(f.f1_overlap):>11} {f.units:>8}")
        p = self.stance_polarity
        lines.append(f"Stance polarity: {p.matched} matched pair(s), agreement "
                     f"{_show(p.agreement)}, alpha {_show(p.alpha)}, kappa {_show(p.kappa)}")
        return "\n".join(lines)


def _show(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    polarity: str


def agreement(project: Project) -> AgreementReport:
    """Agreement among the project's analysts (``gold`` excluded), per label of the schema
    and every other label in use; see the module docstring for each definition.

    Read a slice of documents at a time in two passes over the spans (which labels and
    analysts, then the figures), each unit counted as it is made: memory does not grow with
    the corpus."""
    return finish(agreement_steps(project))


DOCUMENTS_PER_STEP = 100  # documents whose spans one step of the first pass reads


def agreement_steps(project: Project) -> Steps[AgreementReport]:
    """``agreement`` a small step at a time (``domain.steps``): a slice of documents in the
    first pass, one shared document in the second; the same report."""
    labels = list(project.schema.label_names)
    known = set(labels)
    shared: list[tuple[str, frozenset[str]]] = []  # documents and the analysts marking each
    names: dict[frozenset[str], frozenset[str]] = {}  # one object per set of analysts
    after = ""  # ids are never empty
    while ids := queries.document_ids_after(project, after, DOCUMENTS_PER_STEP):
        marks = queries.span_marks_of(project, ids, excluding=GOLD,
                                      columns=("doc_id", "author", "label"))
        for doc_id, rows in groupby(marks, key=lambda row: row[0]):
            present = set()
            for _, author, label in rows:
                present.add(author)
                if label not in known:  # labels in figure order: the schema's, then as met
                    known.add(label)
                    labels.append(label)
            if len(present) >= 2:
                frozen = frozenset(present)
                shared.append((doc_id, names.setdefault(frozen, frozen)))
        after = ids[-1]
        yield
    tally = _Tally(labels)
    for doc_id, _present in shared:
        by_analyst: dict[str, dict[str, list[_Mark]]] = defaultdict(lambda: defaultdict(list))
        for _, author, label, start, end, attrs in queries.span_marks_of(
                project, [doc_id], excluding=GOLD):
            polarity = json.loads(attrs).get(POLARITY, "") if label == STANCE else ""
            by_analyst[author][label].append(_Mark(start, end, str(polarity)))
        tally.add(token_spans(project.document(doc_id).canonical_text), by_analyst)
        yield
    analysts = sorted({a for _doc, present in shared for a in present})
    return AgreementReport(tuple(analysts), len(shared), tally.figures(), tally.polarity())


class _Tally:
    """The counts agreement's figures are made of, added to a document at a time."""

    def __init__(self, labels: list[str]) -> None:
        self.labels = labels
        # Each label's units as the tuple of values of the analysts present, counted.
        self.units: dict[str, Counter[tuple[int, ...]]] = {label: Counter() for label in labels}
        self.tables: dict[str, dict[tuple[str, str], Counter[tuple[Value, Value]]]] = {
            label: defaultdict(Counter) for label in labels}
        self.f1_counts: dict[str, dict[tuple[str, str], list[int]]] = {
            label: defaultdict(lambda: [0, 0, 0]) for label in labels}  # exact, overlap, total
        self.polarity_pairs: dict[tuple[str, str], tuple[list[str], list[str]]] = \
            defaultdict(lambda: ([], []))

    def add(self, tokens: Sequence[tuple[int, int]],
            by_analyst: dict[str, dict[str, list[_Mark]]]) -> None:
        present = sorted(by_analyst)
        for label in self.labels:
            covered = {a: _coverage(tokens, by_analyst[a].get(label, [])) for a in present}
            units = Counter(zip(*covered.values(), strict=True))
            self.units[label].update(units)
            for a, b in combinations(present, 2):
                self.tables[label][(a, b)].update(units if len(present) == 2 else
                                                  zip(covered[a], covered[b], strict=True))
                spans_a = [(m.start, m.end) for m in by_analyst[a].get(label, [])]
                spans_b = [(m.start, m.end) for m in by_analyst[b].get(label, [])]
                counts = self.f1_counts[label][(a, b)]
                counts[0] += span_f1(spans_a, spans_b, exact=True)[0]
                counts[1] += span_f1(spans_a, spans_b, exact=False)[0]
                counts[2] += len(spans_a) + len(spans_b)
        for a, b in combinations(present, 2):
            stance_a = by_analyst[a].get(STANCE, [])
            stance_b = by_analyst[b].get(STANCE, [])
            for i, j in match_by_overlap([(m.start, m.end) for m in stance_a],
                                         [(m.start, m.end) for m in stance_b]):
                if stance_a[i].polarity and stance_b[j].polarity:
                    self.polarity_pairs[(a, b)][0].append(stance_a[i].polarity)
                    self.polarity_pairs[(a, b)][1].append(stance_b[j].polarity)

    def figures(self) -> dict[str, LabelAgreement]:
        figures = {}
        for label in self.labels:
            patterns: Patterns = Counter()
            for unit, times in self.units[label].items():  # in order of first appearance
                add_unit(patterns, unit, times)
            kappas = [kappa_of_table(table) for table in self.tables[label].values()]
            scored = [c for c in self.f1_counts[label].values() if c[2] > 0]
            figures[label] = LabelAgreement(
                alpha=alpha_of_patterns(patterns),
                kappa=_mean(kappas),
                f1_exact=_mean([2 * c[0] / c[2] for c in scored]),
                f1_overlap=_mean([2 * c[1] / c[2] for c in scored]),
                units=sum(patterns.values()))
        return figures

    def polarity(self) -> PolarityAgreement:
        pairs = list(self.polarity_pairs.values())
        matched = sum(len(x) for x, _ in pairs)
        agreeing = sum(a == b for x, y in pairs for a, b in zip(x, y, strict=True))
        return PolarityAgreement(
            matched=matched,
            agreement=agreeing / matched if matched else None,
            alpha=krippendorff_alpha([(a, b) for x, y in pairs
                                      for a, b in zip(x, y, strict=True)]),
            kappa=_mean([cohen_kappa(x, y) for x, y in pairs]))


def _coverage(tokens: Sequence[tuple[int, int]], spans: Sequence[_Mark]) -> list[int]:
    """1 for each token that some span overlaps by at least one code point, else 0."""
    values = [0] * len(tokens)
    for mark in spans:
        first = bisect_right(tokens, mark.start, key=lambda token: token[1])
        last = bisect_left(tokens, mark.end, key=lambda token: token[0])
        for index in range(first, last):
            values[index] = 1
    return values


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [v for v in values if v is not None]
    return sum(defined) / len(defined) if defined else None


def progress(project: Project) -> dict[str, dict[str, int]]:
    """Per analyst: documents by status (``todo``, ``in progress``, ``done``) and live spans."""
    return finish(team_counts_steps(project))[0]


def label_counts(project: Project) -> dict[str, dict[str, int]]:
    """Live spans per analyst and label, every schema label present (0 when unused)."""
    return finish(team_counts_steps(project))[1]


SPANS_PER_STEP = 20_000  # spans one step of ``team_counts_steps`` counts


def team_counts_steps(project: Project
                      ) -> Steps[tuple[dict[str, dict[str, int]], dict[str, dict[str, int]]]]:
    """``(progress, label_counts)`` a range of spans at a time (``domain.steps``)."""
    empty = {"todo": 0, "in progress": 0, "done": 0, "spans": 0}
    out: dict[str, dict[str, int]] = {analyst: dict(empty) for analyst in project.analysts()}
    for analyst, status, count in queries.status_counts(project):
        out.setdefault(analyst, dict(empty))[status] = count
    yield
    by_label: Counter[tuple[str, str]] = Counter()
    after = -(2 ** 63)  # below every rowid SQLite allows
    while (last := queries.span_rowid_after(project, after, SPANS_PER_STEP)) is not None:
        for author, label, count in queries.live_span_counts(project, by_label=True,
                                                             rowids=(after + 1, last)):
            by_label[(author, label)] += count
        after = last
        yield
    labels: dict[str, dict[str, int]] = {}
    for (author, label), count in sorted(by_label.items()):
        out.setdefault(author, dict(empty))["spans"] += count
        labels.setdefault(author, dict.fromkeys(project.schema.label_names, 0))[label] = count
    return out, labels
