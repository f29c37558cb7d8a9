"""The learned model: trained from invented marked documents, stored in the file, merged with
the rules' suggestions, stale after a schema change, and asked for the sentence it is least
sure about."""

from __future__ import annotations

import contextlib
import json
import random
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.analysis.learning import (
    RULE_LEARNED,
    LearnedSuggestion,
    NoModel,
    NothingToLearn,
    learn_project,
    model_state,
    next_sentence,
)
from annotator.analysis.learning.crf import spans_of
from annotator.analysis.learning.features import document_sequences
from annotator.analysis.learning.training import CHECK_MIN_DOCUMENTS, adds_from, tags_for
from annotator.analysis.review import accept, reject, suggest_document, undo_accept, unreject
from annotator.analysis.suggest import RULES
from annotator.domain.model import Document
from annotator.domain.schema import Layer
from annotator.storage.checks import check_project
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.sharing import share_project
from annotator.text import canonicalize

# An attribution the rules do not know: «از نگاه NAME، CLAIM.» makes CLAIM a Claim.
NAMES = ("پرستو نادری", "کامران یگانه", "شیرین ملکی", "بابک آذرنوش", "نگار فرهمند")
WORDS = ("بازار", "كتاب", "شهرداری", "پل", "ترافیک", "قیمت", "نان", "مدرسه‌ها", "کارخانه",
         "باران", "سد", "بودجه", "سینما", "😀", "پروژه", "آینده", "جاده‌ها", "برق")
FILLER = ("امروز", "هوا", "ابری", "بود", "و", "جلسه", "در", "ساعت", "ده", "آغاز", "شد")


def invented_document(rng: random.Random, lines: int = 6) -> tuple[str, list[tuple[int, int]]]:
    """A text of narration and «از نگاه NAME، CLAIM.» lines, with the claims' bounds."""
    text, claims = "", []
    for i in range(lines):
        if i % 2:
            name = rng.choice(NAMES)
            claim = " ".join(rng.choices(WORDS, k=rng.randint(5, 9)))
            head = f"از نگاه {name}، "
            claims.append((len(text) + len(head), len(text) + len(head) + len(claim)))
            text += f"{head}{claim}.\n"
        else:
            text += " ".join(rng.choices(FILLER, k=rng.randint(6, 10))) + ".\n"
    return text, claims


def add_text(project: Project, raw: str, title: str = "doc") -> str:
    canonical = canonicalize(raw, project.normalization)
    return project.add_document(Document(
        id="", title=title, source=f"{title}.txt", canonical_text=canonical.text, raw_text=raw,
        alignment=canonical.alignment.segments)).id


def trained(project: Project, documents: int = 8, seed: int = 3) -> random.Random:
    """``project`` with ``documents`` marked invented documents, its speakers registered (a
    learned Claim is merged only with a speaker), and a model learned from them."""
    rng = random.Random(seed)
    ids = {s.name: s.id for s in project.speakers()}
    for name in NAMES:
        if name not in ids:
            ids[name] = project.add_speaker(name).id
    for n in range(documents):
        text, claims = invented_document(rng)
        doc_id = add_text(project, text, f"train {n}")
        for start, end in claims:
            speaker = next(name for name in NAMES if name in text[start - 20:start])
            project.add_span(doc_id, start, end, "Claim",
                             {"quote": "indirect", "speaker": ids[speaker]})
    learn_project(project)
    return rng


def test_a_model_trained_on_marked_documents_finds_the_pattern_in_a_new_one(
        project: Project) -> None:
    rng = trained(project)
    text, claims = invented_document(random.Random(99), lines=8)
    raw = text.replace("\n", "\r\n").replace("ی", "ي", 3)  # CRLF and Arabic yeh, folded on import
    doc_id = add_text(project, raw, "new")
    canonical = project.document(doc_id).canonical_text
    suggestions = suggest_document(project, doc_id)
    learned = [s for s in suggestions if s.rule == RULE_LEARNED]
    assert learned and all(isinstance(s, LearnedSuggestion) for s in learned)
    for s in learned:
        assert canonical[s.start:s.end] == s.text
        assert 0.0 < s.confidence <= 1.0 and s.label == "Claim"
    found = {(s.start, s.end) for s in learned}
    assert sum((start, end) in found for start, end in claims) >= len(claims) - 1, (claims, found)
    names = project.speaker_names()
    for s in learned:  # the speaker is the registered name before the claim in its line
        assert names[str(s.attrs["speaker"])] in canonical[s.start - 20:s.start]
    assert RULE_LEARNED in RULES
    del rng


def test_learned_suggestions_are_accepted_rejected_and_undone_like_any(project: Project) -> None:
    trained(project)
    text, _ = invented_document(random.Random(5), lines=8)
    doc_id = add_text(project, text, "new")
    first, *rest = [s for s in suggest_document(project, doc_id) if s.rule == RULE_LEARNED]
    reject(project, [first])
    assert first not in suggest_document(project, doc_id)
    unreject(project, [first])
    assert first in suggest_document(project, doc_id)
    accepted = accept(project, [first])
    assert [(s.start, s.end, s.label) for s in accepted.spans] == [
        (first.start, first.end, "Claim")]
    assert first not in suggest_document(project, doc_id)
    undo_accept(project, accepted)
    assert first in suggest_document(project, doc_id)
    assert rest is not None


def test_the_model_is_stored_in_the_file_and_travels_with_a_shared_copy(
        project_path: Path, tmp_path: Path) -> None:
    with Project.open(project_path, analyst="tester") as project:
        trained(project)
        [model] = project.learned_models()
        assert model.labels == ("Claim",) and model.documents == 8 and model.marks == 24
        assert model.analyst == "tester" and model.trained
        assert model.adds_from is not None and 0.5 <= model.adds_from <= 1.0
    with Project.open(project_path, analyst="other", read_only=True) as project:
        assert project.learned_models()[0].model == model.model
        assert project.learned_models()[0].adds_from == model.adds_from
        assert model_state(project) == "fresh" and check_project(project) == []
        copy = share_project(project, tmp_path / "copy.annot")
    with Project.open(copy, analyst="other", read_only=True) as shared:
        assert shared.learned_models()[0].model == model.model


def test_merging_a_file_with_a_model_keeps_the_projects_own(project_path: Path,
                                                             tmp_path: Path) -> None:
    other = tmp_path / "other.annot"
    with Project.create(other, analyst="ali") as project:
        trained(project, seed=8)
        theirs = project.learned_models()[0].model
    merge_files(project_path, [other], analyst="tester")
    with Project.open(project_path, analyst="tester", read_only=True) as project:
        assert project.learned_models() == [] and check_project(project) == []
    with Project.open(project_path, analyst="tester") as project:
        trained(project)
        ours = project.learned_models()[0].model
    merge_files(project_path, [other], analyst="tester")
    with Project.open(project_path, analyst="tester", read_only=True) as project:
        assert project.learned_models()[0].model == ours != theirs


def test_a_schema_change_makes_the_model_stale_until_learned_again(project: Project) -> None:
    trained(project)
    text, _ = invented_document(random.Random(5), lines=8)
    doc_id = add_text(project, text, "new")
    assert any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))
    project.set_schema(project.schema.with_layer(Layer("Topic", "#123456", "o")))
    assert model_state(project) == "stale"
    assert not any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))
    with pytest.raises(NoModel, match="for its current labels"):
        next_sentence(project)
    learn_project(project)
    assert model_state(project) == "fresh"
    assert any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))


def test_next_sentence_is_an_unmarked_one(project: Project) -> None:
    with pytest.raises(NoModel, match="no learned model"):
        next_sentence(project)
    trained(project)
    text, _ = invented_document(random.Random(11), lines=6)
    add_text(project, text, "new")
    found = next_sentence(project)
    assert found is not None
    assert project.document(found.doc_id).canonical_text[found.start:found.end] == found.text
    assert not project.spans_in(found.doc_id, found.start, found.end)
    assert 0.0 <= found.certainty <= 1.0
    # Once every sentence is marked, there is nothing to ask about.
    for summary in project.document_summaries():
        length = project.document(summary.id).canonical_text
        project.add_span(summary.id, 0, len(length.rstrip()), "Turn")
    assert next_sentence(project) is None


def test_too_few_marks_is_one_clear_sentence(project: Project) -> None:
    doc_id = add_text(project, "از نگاه پرستو نادری، بازار آرام است.\n")
    with pytest.raises(NothingToLearn, match="too few marks"):
        learn_project(project)
    project.add_span(doc_id, 21, 35, "Claim")
    with pytest.raises(NothingToLearn, match=str(project.path)):
        learn_project(project)
    assert project.learned_models() == []


def test_rejected_suggestions_in_an_unmarked_document_are_negatives(project: Project) -> None:
    trained(project)
    text, _ = invented_document(random.Random(21), lines=8)
    doc_id = add_text(project, text, "rejected")
    learned = [s for s in suggest_document(project, doc_id) if s.rule == RULE_LEARNED]
    reject(project, learned)
    before = project.learned_models()[0].model
    learn_project(project)
    assert project.learned_models()[0].model != before
    assert not any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))


def test_tokens_and_tags_keep_code_point_offsets() -> None:
    text = "سلام 😀 دنیا، می‌خواهم\nرضا: «خبر» است."
    sequences = document_sequences(text)
    assert len(sequences) == 2
    tokens = [text[a:b] for s in sequences for a, b in s.tokens]
    assert tokens == ["سلام", "😀", "دنیا", "،", "می‌خواهم", "رضا", ":", "«", "خبر", "»", "است",
                      "."]
    second = sequences[1]
    start = text.index("خبر")
    assert tags_for(second, [("Turn", start - 1, len(text)), ("Claim", start, start + 3)]) == [
        "O", "O", "B-Turn", "B-Claim", "I-Turn", "I-Turn", "I-Turn"]
    assert spans_of(["O", "I-Claim", "I-Claim", "B-Claim", "O", "B-Turn", "I-Claim"]) == [
        ("Claim", 1, 3), ("Claim", 3, 4), ("Turn", 5, 6), ("Claim", 6, 7)]
    assert replace(second, tokens=second.tokens).start == text.index("رضا")


def test_learn_and_suggest_next_on_the_command_line(
        project_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from annotator.cli import main

    assert main(["learn", str(project_path)]) == 1
    assert "too few marks to learn from" in capsys.readouterr().err
    assert main(["suggest", str(project_path), "--next"]) == 1
    assert f"{project_path}: has no learned model; run 'annotator learn' first" in \
        capsys.readouterr().err
    with Project.open(project_path, analyst="tester") as project:
        trained(project, documents=4)
        text, _ = invented_document(random.Random(2), lines=4)
        doc_id = add_text(project, text, "new")
    assert main(["learn", str(project_path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == 4 and report["marks"] == 12
    assert report["labels"] == {"Claim": 12} and 0.9 <= report["accuracy"] <= 1.0
    assert 0 < report["seconds"] < 60
    check = report["check"]
    assert check["documents"] == 4 and check["added"] >= check["right"] > 0
    assert 0.5 <= check["adds_from"] <= 1.0
    assert main(["learn", str(project_path)]) == 0
    said = capsys.readouterr().out
    assert said.startswith("Learned from 12 mark(s) in 4 document(s)")
    assert f"of its {check['added']} addition(s) to the rules matched a mark: it adds " \
        "suggestions from confidence" in said
    assert main(["suggest", str(project_path), "--next", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    with Project.open(project_path, analyst="tester", read_only=True) as project:
        marked = project.document(found["doc_id"]).canonical_text
        assert marked[found["start"]:found["end"]] == found["text"]
        assert not project.spans_in(found["doc_id"], found["start"], found["end"])
    assert main(["suggest", str(project_path), "--next"]) == 0
    assert capsys.readouterr().out.startswith(
        f"{found['doc_id']}  {found['start']}-{found['end']}")
    assert main(["suggest", str(project_path), "--json", "--doc", doc_id]) == 0
    rows = json.loads(capsys.readouterr().out)
    learned = [r for r in rows if r["rule"] == RULE_LEARNED]
    assert learned and all(0 < r["confidence"] <= 1 for r in learned)
    assert all("confidence" not in r for r in rows if r["rule"] != RULE_LEARNED)
    assert main(["suggest", str(project_path), "--next", "--accept"]) == 1
    assert "--next takes neither --accept nor --doc" in capsys.readouterr().err


def test_a_damaged_model_costs_its_suggestions_only(project: Project) -> None:
    from annotator.analysis.learning.crf import ModelError, Tagger

    trained(project)
    [model] = project.learned_models()
    text, _ = invented_document(random.Random(5), lines=8)
    doc_id = add_text(project, text, "new")
    rng = random.Random(1)
    for _ in range(60):  # cut short or one byte changed: refused or read, never a crash
        damaged = bytearray(model.model)
        damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        for candidate in (bytes(damaged), model.model[:rng.randrange(len(model.model))]):
            with contextlib.suppress(ModelError):
                Tagger(candidate).best_tags([["bias"]])
    project.store_learned_models([replace(model, model=model.model[:300])])
    suggestions = suggest_document(project, doc_id)
    assert not any(s.rule == RULE_LEARNED for s in suggestions)
    with pytest.raises(ModelError, match="damaged"):
        next_sentence(project)
    learn_project(project)
    assert any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))


def test_additions_join_from_the_lowest_confidence_right_more_often_than_wrong_beyond_doubt(
        ) -> None:
    assert adds_from([]) is None
    assert adds_from([(0.99, True)] * 3) is None  # three of three: not yet beyond doubt at 95%
    assert adds_from([(0.99, True)] * 4) == 0.99
    # Below 0.9 the right and the wrong ones mix until the lower bound falls under one half.
    outcomes = [(0.99, True)] * 10 + [(0.9, True), (0.9, False)] + [(0.7, False)] * 8
    assert adds_from(outcomes) == 0.9
    assert adds_from([(0.99, True), (0.99, False)] * 20) is None  # right half the time only
    assert adds_from([(0.99, True), (0.98, False)] * 20) == 0.99  # the surer ones are right


def test_a_model_shown_right_on_too_few_documents_adds_nothing(project: Project) -> None:
    trained(project, documents=CHECK_MIN_DOCUMENTS - 1)
    [model] = project.learned_models()
    assert model.adds_from is None
    text, _ = invented_document(random.Random(99), lines=8)
    doc_id = add_text(project, text, "new")
    assert not any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))


def test_a_model_whose_held_out_additions_miss_the_marks_adds_nothing(project: Project) -> None:
    """The analyst's claims are said by someone other than the name before them (as in news,
    where the named person is often the one reported on): the model finds the claims, but the
    speaker it gives them, the nearest name, is never the analyst's, so it adds nothing."""
    rng = random.Random(5)
    ids = {name: project.add_speaker(name).id for name in NAMES}
    for n in range(8):
        text, claims = invented_document(rng)
        doc_id = add_text(project, text, f"train {n}")
        for start, end in claims:
            named = next(name for name in NAMES if name in text[start - 20:start])
            other = NAMES[(NAMES.index(named) + 1) % len(NAMES)]
            project.add_span(doc_id, start, end, "Claim",
                             {"quote": "indirect", "speaker": ids[other]})
    report = learn_project(project)
    assert report.check is not None and report.check.added > 0 and report.check.right == 0
    assert report.adds_from is None and project.learned_models()[0].adds_from is None
    text, _ = invented_document(random.Random(99), lines=8)
    doc_id = add_text(project, text, "new")
    assert not any(s.rule == RULE_LEARNED for s in suggest_document(project, doc_id))


def test_a_stored_threshold_that_is_no_confidence_is_read_as_none(project: Project) -> None:
    trained(project)
    project.conn.execute("UPDATE learned_models SET adds_from = 7.5")
    assert project.learned_models()[0].adds_from is None
