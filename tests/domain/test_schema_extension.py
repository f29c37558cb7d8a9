"""``LabelSchema.extended_for``: the one schema extension imports and merges share."""

from __future__ import annotations

from annotator.domain.schema import (
    NEW_LAYER_COLOURS,
    Attribute,
    LabelSchema,
    Layer,
    RelationType,
    interview_schema,
)


def test_what_is_missing_is_added_and_noted_in_order() -> None:
    schema = interview_schema()
    extended, notes = schema.extended_for(
        [("Claim", {"type": "rumour", "تیتر": "خبر‌ها 😀"}), ("Quote", {"tone": "dry"}),
         ("Quote", {"tone": "dry"})], ["cites", "about"])
    claim = extended.layer("Claim")
    assert claim is not None
    assert "rumour" in next(a for a in claim.attributes if a.name == "type").values
    assert claim.attribute("تیتر") == Attribute("تیتر", "text")
    quote = extended.layer("Quote")
    assert quote is not None and quote.color == NEW_LAYER_COLOURS[len(schema.layers) % 6]
    assert extended.relation("cites") == RelationType("cites")
    assert notes == ["added the value 'rumour' to Claim.type",
                     "added the attribute Claim.تیتر to the schema",
                     "added the label 'Quote' to the schema",
                     "added the attribute Quote.tone to the schema",
                     "added the relation type 'cites' to the schema"]
    assert schema.extended_for([("Claim", {"type": "opinion"})], ["about"]) == (schema, [])


def test_a_merge_takes_the_source_schemas_layer_and_relation() -> None:
    schema = interview_schema()
    taken = schema.layers[0].shortcut
    theirs = LabelSchema("theirs", (
        Layer("Topic", "#123456", taken, (Attribute("kind", "choice", ("a", "b")),)),),
        (RelationType("on", ("Topic",), ("Claim",)), RelationType("bad", ("Missing",))))
    extended, _ = schema.extended_for([("Topic", {"kind": "a"})], ["bad", "on"], like=theirs)
    topic = extended.layer("Topic")
    assert topic == Layer("Topic", "#123456", "", (Attribute("kind", "choice", ("a", "b")),))
    assert extended.relation("on") == RelationType("on", ("Topic",), ("Claim",))
    assert extended.relation("bad") == RelationType("bad")  # names a layer we do not have
    extended.validate()


def test_an_import_skips_the_id_column_beside_a_speaker_attribute() -> None:
    schema = interview_schema()
    attrs = {"speaker": "علی", "speaker_id": "s-1"}
    assert schema.extended_for([("Turn", attrs)], id_columns=True) == (schema, [])
    extended, notes = schema.extended_for([("Turn", attrs)])
    assert notes == ["added the attribute Turn.speaker_id to the schema"]
    assert extended.layer("Turn") != schema.layer("Turn")
