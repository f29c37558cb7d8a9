"""The label schema: which layers (labels) a project has and what attributes each carries."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from annotator.domain.errors import InvariantError

AttributeKind = Literal["choice", "text", "speaker"]
ATTRIBUTE_KINDS: tuple[AttributeKind, ...] = ("choice", "text", "speaker")

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
# Colours of the layers an import or a merge adds, in turn.
NEW_LAYER_COLOURS = ("#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf", "#ff7f0e")


@dataclass(frozen=True)
class Attribute:
    """A typed attribute of a layer.

    ``choice`` attributes take one of ``values``; ``text`` attributes take free text, with
    ``values`` offered as suggestions; ``speaker`` attributes name a registry entry by id.
    """

    name: str
    kind: AttributeKind
    values: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name, "kind": self.kind}
        if self.values:
            out["values"] = list(self.values)
        return out


@dataclass(frozen=True)
class Layer:
    """One label: its name, display colour (``#rrggbb``), keyboard shortcut and attributes."""

    name: str
    color: str
    shortcut: str = ""
    attributes: tuple[Attribute, ...] = ()

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "color": self.color,
            "shortcut": self.shortcut,
            "attributes": [a.to_json() for a in self.attributes],
        }


@dataclass(frozen=True)
class RelationType:
    """A kind of link between two spans; empty label tuples mean any label."""

    name: str
    from_labels: tuple[str, ...] = ()
    to_labels: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "from": list(self.from_labels), "to": list(self.to_labels)}


@dataclass(frozen=True)
class LabelSchema:
    """A project's layers and relation types, stored in the project and exchanged as JSON."""

    name: str
    layers: tuple[Layer, ...]
    relations: tuple[RelationType, ...] = field(default=())

    def layer(self, name: str) -> Layer | None:
        return next((layer for layer in self.layers if layer.name == name), None)

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    def speaker_attributes(self, label: str) -> frozenset[str]:
        """Names of the speaker-valued attributes of ``label`` (none for an unknown label)."""
        layer = self.layer(label)
        if layer is None:
            return frozenset()
        return frozenset(a.name for a in layer.attributes if a.kind == "speaker")

    def span_faults(self, label: str, attrs: Mapping[str, object],
                    speaker_exists: Callable[[str], bool]) -> list[str]:
        """What keeps a span of ``label`` with ``attrs`` from fitting this schema, one sentence
        per fault; an empty list when it fits. ``speaker_exists`` tells registry ids apart."""
        layer = self.layer(label)
        if layer is None:
            return [f"the label {label!r} is not in the project's schema"]
        faults = []
        for name, value in attrs.items():
            attribute = layer.attribute(name)
            if attribute is None:
                faults.append(f"the label {label!r} has no attribute {name!r}")
            elif not isinstance(value, str):
                faults.append(f"the attribute {label}.{name} must be text")
            elif attribute.kind == "choice" and value not in attribute.values:
                faults.append(f"{value!r} is not one of the values of {label}.{name}: "
                              + ", ".join(attribute.values))
            elif attribute.kind == "speaker" and value and not speaker_exists(value):
                faults.append(f"{label}.{name} names the unknown speaker id {value!r}")
        return faults

    @property
    def label_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "layers": [layer.to_json() for layer in self.layers],
            "relations": [r.to_json() for r in self.relations],
        }

    @classmethod
    def from_json(cls, value: object) -> LabelSchema:
        """Build and validate a schema from parsed JSON; raises ``InvariantError`` if malformed."""
        obj = _mapping(value, "schema")
        layers = tuple(_layer_from_json(item) for item in _sequence(obj.get("layers"), "layers"))
        relations = tuple(
            _relation_from_json(item) for item in _sequence(obj.get("relations", []), "relations")
        )
        name = _text(obj.get("name", "custom"), "schema name")
        schema = cls(name=name, layers=layers, relations=relations)
        schema.validate()
        return schema

    def validate(self) -> None:
        """Raise ``InvariantError`` unless names are unique and non-empty and colours are valid."""
        if not self.layers:
            raise InvariantError("the schema has no layers")
        seen: set[str] = set()
        shortcuts: set[str] = set()
        for layer in self.layers:
            if not layer.name.strip():
                raise InvariantError("a layer has an empty name")
            if layer.name in seen:
                raise InvariantError(f"the layer {layer.name!r} is defined twice")
            seen.add(layer.name)
            if not _COLOUR.match(layer.color):
                raise InvariantError(
                    f"the layer {layer.name!r} has colour {layer.color!r}; use #rrggbb"
                )
            if layer.shortcut:
                if layer.shortcut in shortcuts:
                    raise InvariantError(f"the shortcut {layer.shortcut!r} is used twice")
                shortcuts.add(layer.shortcut)
            names = [a.name for a in layer.attributes]
            if len(names) != len(set(names)) or any(not n.strip() for n in names):
                raise InvariantError(f"the layer {layer.name!r} has empty or repeated attributes")
            for attribute in layer.attributes:
                if attribute.kind == "choice" and not attribute.values:
                    raise InvariantError(
                        f"the choice attribute {layer.name}.{attribute.name} has no values"
                    )
        relation_names = [r.name for r in self.relations]
        if len(relation_names) != len(set(relation_names)):
            raise InvariantError("a relation type is defined twice")
        for relation in self.relations:
            for label in (*relation.from_labels, *relation.to_labels):
                if label not in seen:
                    raise InvariantError(
                        f"the relation {relation.name!r} names the unknown layer {label!r}"
                    )

    def with_layer(self, layer: Layer) -> LabelSchema:
        """Return a copy with ``layer`` added or replacing the layer of the same name."""
        layers = [layer if existing.name == layer.name else existing for existing in self.layers]
        if self.layer(layer.name) is None:
            layers.append(layer)
        return LabelSchema(self.name, tuple(layers), self.relations)

    def with_relation(self, relation: RelationType) -> LabelSchema:
        if self.relation(relation.name) is not None:
            return self
        return LabelSchema(self.name, self.layers, (*self.relations, relation))

    def extended_for(self, spans: Iterable[tuple[str, Mapping[str, str]]],
                     relation_types: Iterable[str] = (), *, like: LabelSchema | None = None,
                     id_columns: bool = False) -> tuple[LabelSchema, list[str]]:
        """This schema with the labels, attributes, choice values and relation types that
        ``spans`` (label and attributes, in order) and ``relation_types`` use and it lacks,
        and one note per addition, in order; what imports and merges add.

        A new layer or relation type is the one ``like`` (the schema the spans come from)
        has, when it has one that fits; else a new layer gets the next spare colour and text
        attributes. With ``id_columns`` an attribute ``<name>_id`` beside a speaker attribute
        ``name`` is the id column exports write, not an attribute.
        """
        schema: LabelSchema = self
        notes: list[str] = []
        for label, attrs in spans:
            schema = schema._with_span(label, attrs, like, id_columns, notes)
        for name in relation_types:
            if schema.relation(name) is None:
                found = like.relation(name) if like is not None else None
                schema = schema.with_relation(found if found is not None and all(
                    schema.layer(label) for label in (*found.from_labels, *found.to_labels)
                ) else RelationType(name))
                notes.append(f"added the relation type {name!r} to the schema")
        return schema, notes

    def _with_span(self, label: str, attrs: Mapping[str, str], like: LabelSchema | None,
                   id_columns: bool, notes: list[str]) -> LabelSchema:
        layer = self.layer(label)
        speaker_names = self.speaker_attributes(label) if id_columns else frozenset()
        if layer is None:
            theirs = like.layer(label) if like is not None else None
            shortcuts = {existing.shortcut for existing in self.layers}
            colour = NEW_LAYER_COLOURS[len(self.layers) % len(NEW_LAYER_COLOURS)]
            layer = Layer(label, colour) if theirs is None else Layer(
                label, theirs.color, "" if theirs.shortcut in shortcuts else theirs.shortcut,
                theirs.attributes)
            notes.append(f"added the label {label!r} to the schema")
        attributes = list(layer.attributes)
        for name, value in attrs.items():
            if name.endswith("_id") and name[:-3] in speaker_names:
                continue
            found = next((a for a in attributes if a.name == name), None)
            if found is None:
                attributes.append(Attribute(name, "text"))
                notes.append(f"added the attribute {label}.{name} to the schema")
            elif found.kind == "choice" and value not in found.values:
                attributes[attributes.index(found)] = Attribute(
                    name, "choice", (*found.values, value))
                notes.append(f"added the value {value!r} to {label}.{name}")
        if self.layer(label) is None or attributes != list(layer.attributes):
            return self.with_layer(
                Layer(layer.name, layer.color, layer.shortcut, tuple(attributes)))
        return self


def interview_schema() -> LabelSchema:
    """The default schema of DESIGN.md: Speaker, Turn, Claim and Stance layers."""
    return LabelSchema(
        name="interview",
        layers=(
            Layer("Speaker", "#1f77b4", "s", (Attribute("speaker", "speaker"),)),
            Layer(
                "Turn",
                "#7f7f7f",
                "t",
                (
                    Attribute("speaker", "speaker"),
                    Attribute("role", "choice", ("interviewer", "interviewee", "narrator")),
                ),
            ),
            Layer(
                "Claim",
                "#d62728",
                "c",
                (
                    Attribute("speaker", "speaker"),
                    Attribute(
                        "type", "choice",
                        ("factual", "opinion", "prediction", "commitment", "other"),
                    ),
                    Attribute("checkworthy", "choice", ("yes", "no")),
                    Attribute("quote", "choice", ("direct", "indirect", "none")),
                ),
            ),
            Layer(
                "Stance",
                "#2ca02c",
                "a",
                (
                    Attribute("holder", "speaker"),
                    Attribute("target", "text"),
                    Attribute("polarity", "choice", ("favor", "against", "neutral")),
                ),
            ),
        ),
        relations=(
            RelationType("attributed_to", ("Claim",), ("Speaker",)),
            RelationType("about", ("Stance",), ()),
        ),
    )


def _mapping(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvariantError(f"{what} must be a JSON object")
    return cast(dict[str, Any], value)


def _sequence(value: object, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise InvariantError(f"{what} must be a JSON list")
    return value


def _text(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise InvariantError(f"{what} must be a string")
    return value


def _layer_from_json(value: object) -> Layer:
    obj = _mapping(value, "a layer")
    attributes = []
    for item in _sequence(obj.get("attributes", []), "attributes"):
        a = _mapping(item, "an attribute")
        kind = _text(a.get("kind", "text"), "attribute kind")
        if kind not in ATTRIBUTE_KINDS:
            raise InvariantError(
                f"attribute kind {kind!r} is not one of {', '.join(ATTRIBUTE_KINDS)}")
        values = tuple(
            _text(v, "attribute value") for v in _sequence(a.get("values", []), "values"))
        attributes.append(Attribute(_text(a.get("name"), "attribute name"), kind, values))
    return Layer(
        name=_text(obj.get("name"), "layer name"),
        color=_text(obj.get("color", "#888888"), "layer colour"),
        shortcut=_text(obj.get("shortcut", ""), "layer shortcut"),
        attributes=tuple(attributes),
    )


def _relation_from_json(value: object) -> RelationType:
    obj = _mapping(value, "a relation type")
    return RelationType(
        name=_text(obj.get("name"), "relation name"),
        from_labels=tuple(_text(v, "label") for v in _sequence(obj.get("from", []), "from")),
        to_labels=tuple(_text(v, "label") for v in _sequence(obj.get("to", []), "to")),
    )
