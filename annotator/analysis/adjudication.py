"""Where analysts disagree in one document, and what taking one analyst's version into gold means.

A *place* is a connected group of spans of one label, by the analysts being compared, that
overlap one another (share at least one code point), directly or through other spans of the
group. An analyst's *version* of a place is the list of their spans in it, each as
``(start, end, attrs)`` in code points of the canonical text. A place is agreed when every
analyst compared has the same version; otherwise it is a disagreement of one kind:

* ``missing``: some analyst has no span there;
* ``label``: as ``missing``, but that analyst marked one of the same stretches with another label;
* ``bounds``: everyone marked it, with different starts or ends;
* ``attributes``: the same stretches, different attributes.

The adjudicated version belongs to the analyst named ``gold``. Taking analyst k's version of a
place replaces gold's spans of that label overlapping the place with copies of k's spans.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from annotator.domain.model import Span

GOLD = "gold"

PlaceKind = Literal["agreed", "missing", "label", "bounds", "attributes"]
Shape = tuple[tuple[int, int, tuple[tuple[str, str], ...]], ...]


def shape(spans: Iterable[Span]) -> Shape:
    """A comparable form of some spans of one label: ordered ``(start, end, attrs)``."""
    return tuple(sorted((s.start, s.end, tuple(sorted(s.attrs.items()))) for s in spans))


@dataclass(frozen=True)
class Place:
    """One stretch of one label where the compared analysts marked something."""

    label: str
    start: int
    end: int
    kind: PlaceKind
    versions: tuple[tuple[str, tuple[Span, ...]], ...]   # (analyst, spans), compared order
    gold: tuple[Span, ...]                                # gold's spans of the label overlapping

    @property
    def key(self) -> tuple[str, int, int]:
        return (self.label, self.start, self.end)

    @property
    def agreed(self) -> bool:
        return self.kind == "agreed"

    def version(self, analyst: str) -> tuple[Span, ...]:
        return next((spans for name, spans in self.versions if name == analyst), ())

    def gold_follows(self) -> list[str]:
        """The analysts whose version gold holds here; empty when gold has its own version or
        nothing here (not adjudicated yet, or adjudicated as "no span")."""
        if not self.gold:
            return []
        gold_shape = shape(self.gold)
        return [name for name, spans in self.versions if shape(spans) == gold_shape]


def places(spans: Iterable[Span], analysts: Sequence[str]) -> list[Place]:
    """The places of one document's live spans among ``analysts`` (gold is never compared),
    ordered by start, then longest first, then label."""
    compared = [a for a in analysts if a != GOLD]
    chosen = set(compared)
    by_label: dict[str, list[Span]] = {}
    gold_by_label: dict[str, list[Span]] = {}
    extents: dict[str, dict[tuple[int, int], set[str]]] = {a: {} for a in compared}
    for span in spans:
        if span.deleted:
            continue
        if span.author == GOLD:
            gold_by_label.setdefault(span.label, []).append(span)
        elif span.author in chosen:
            by_label.setdefault(span.label, []).append(span)
            extents[span.author].setdefault((span.start, span.end), set()).add(span.label)
    found: list[Place] = []
    for label, group in by_label.items():
        for members in _overlapping_groups(group):
            start = min(s.start for s in members)
            end = max(s.end for s in members)
            versions = tuple((a, tuple(sorted((s for s in members if s.author == a),
                                              key=lambda s: (s.start, s.end, s.id))))
                             for a in compared)
            gold = tuple(s for s in gold_by_label.get(label, ()) if s.start < end and s.end > start)
            found.append(Place(label, start, end, _kind(label, versions, extents), versions,
                               gold))
    found.sort(key=lambda p: (p.start, -p.end, p.label))
    return found


def _overlapping_groups(spans: list[Span]) -> list[list[Span]]:
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    groups: list[list[Span]] = []
    reach = -1
    for span in ordered:
        if groups and span.start < reach:
            groups[-1].append(span)
            reach = max(reach, span.end)
        else:
            groups.append([span])
            reach = span.end
    return groups


def _kind(label: str, versions: tuple[tuple[str, tuple[Span, ...]], ...],
          extents: dict[str, dict[tuple[int, int], set[str]]]) -> PlaceKind:
    shapes = {shape(spans) for _, spans in versions}
    if len(shapes) == 1:
        return "agreed"
    marked = {(s.start, s.end) for _, spans in versions for s in spans}
    lacking = [a for a, spans in versions if not spans]
    if lacking:
        for analyst in lacking:
            if any(extents[analyst].get(extent, set()) - {label} for extent in marked):
                return "label"
        return "missing"
    bounds = {tuple((s.start, s.end) for s in spans) for _, spans in versions}
    return "attributes" if len(bounds) == 1 else "bounds"


@dataclass(frozen=True)
class Replacement:
    """What gold must lose and gain to hold one version of a place."""

    remove: tuple[str, ...]                                  # gold span ids
    add: tuple[tuple[int, int, str, dict[str, str]], ...]   # start, end, label, attrs

    @property
    def empty(self) -> bool:
        return not self.remove and not self.add


def take(place: Place, analyst: str) -> Replacement:
    """The change that gives gold ``analyst``'s version of ``place``; empty when it has it."""
    chosen = place.version(analyst)
    if shape(place.gold) == shape(chosen):
        return Replacement((), ())
    return Replacement(tuple(s.id for s in place.gold),
                       tuple((s.start, s.end, place.label, dict(s.attrs)) for s in chosen))
