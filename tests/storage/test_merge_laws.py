"""Merging is idempotent, commutative and associative, and never loses an edit, on random
histories of edits and deletions by two or three analysts forked from one project: every
version on every side ends up in the result, as a conflict there, or in the history of one."""

from __future__ import annotations

import hashlib
import itertools
import json
import os
import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from annotator.domain.errors import InvariantError
from annotator.formats.importing import import_files
from annotator.storage.checks import check_project
from annotator.storage.history import content, version_hash
from annotator.storage.merging import merge_files
from annotator.storage.project import Project
from annotator.storage.sharing import share_project

RAW_TEXTS = (
    "سفیر 😀 گفت: می‌پردازند.\r\nعلي و كتاب‌ها را دید.\r\n",
    "وزیر گفت که 🙂 قیمت‌ها پایین می‌آید.\r\nخبرنگار پرسید: چرا؟\r\n",
    "متن سوم درباره‌ی سياست خارجی است.\r\n",
)
LABELS = ("Speaker", "Turn", "Claim", "Stance")
ATTRS = {"Claim": {"type": "opinion"}, "Stance": {"polarity": "against"}, "Turn": {},
         "Speaker": {}}
KINDS = ("add", "update", "move", "delete", "restore", "status", "speaker", "import",
         "relation", "unrelate")

Op = tuple[str, int, int, int]
# Edits of the spans every side starts with are what collide, so they come up most often.
WEIGHTED = (*KINDS, "update", "update", "update", "delete", "move")
ops = st.lists(st.tuples(st.sampled_from(WEIGHTED), st.integers(0, 10_000),
                         st.integers(0, 10_000), st.integers(0, 10_000)), max_size=8)


def build_base(folder: Path) -> Path:
    base = folder / "base.annot"
    with Project.create(base, analyst="lead") as project:
        for index, raw in enumerate(RAW_TEXTS[:2]):
            path = folder / f"base{index}.txt"
            path.write_bytes(raw.encode("utf-8"))
            import_files(project, [path])
        speaker = project.add_speaker("سفیر")
        for summary in project.document_summaries():
            mention = project.add_span(summary.id, 0, 4, "Speaker", {"speaker": speaker.id})
            claim = project.add_span(summary.id, 5, 9, "Claim")
            project.add_relation(claim.id, mention.id, "attributed_to")
    return base


def fork(base: Path, name: str) -> Path:
    out = base.with_name(f"{name}.annot")
    with Project.open(base, analyst="lead", read_only=True) as project:
        share_project(project, out)
    return out


def apply(path: Path, analyst: str, history: list[Op], folder: Path, *,
          relations: bool) -> None:
    """Apply the random history with the ordinary editing API; impossible steps are skipped."""
    with Project.open(path, analyst=analyst) as project:
        for kind, a, b, c in history:
            docs = [d.id for d in project.document_summaries()]
            doc_id = docs[a % len(docs)]
            length = len(project.document(doc_id).canonical_text)
            spans = project.spans(doc_id, include_deleted=True)
            live = [s for s in spans if not s.deleted]
            label = LABELS[b % len(LABELS)]
            try:
                if kind == "add":
                    start = c % (length - 1)
                    project.add_span(doc_id, start, min(length, start + 1 + b % 7), label,
                                     ATTRS[label])
                elif kind == "update" and live:
                    project.update_span(live[c % min(2, len(live))].id, label=label,
                                        attrs=ATTRS[label])
                elif kind == "move" and live:
                    span = live[b % len(live)]
                    project.update_span(span.id, end=min(length, span.end + 1 + c % 3))
                elif kind == "delete" and live:
                    project.delete_span(live[c % len(live)].id)
                elif kind == "restore" and len(live) < len(spans):
                    dead = [s for s in spans if s.deleted]
                    project.restore_span(dead[c % len(dead)].id)
                elif kind == "status":
                    project.set_status(doc_id, ("todo", "in progress", "done")[c % 3])
                elif kind == "speaker":
                    project.add_speaker(f"گوینده {c % 5}")
                elif kind == "import":
                    # Each analyst's own article: the same text imported on two sides is
                    # one document, and the project merged into keeps its own copy's id and
                    # title (issue 16, item 3), so that case is not commutative by design;
                    # test_merging.py covers it.
                    raw = f"{RAW_TEXTS[c % len(RAW_TEXTS)]}{analyst}\r\n"
                    text_file = folder / f"{analyst}-{c % len(RAW_TEXTS)}.txt"
                    text_file.write_bytes(raw.encode("utf-8"))
                    import_files(project, [text_file])
                elif kind == "relation" and relations and len(live) >= 2:
                    stances = [s for s in live if s.label == "Stance"]
                    if stances:
                        others = [s for s in live if s.id != stances[0].id]
                        project.add_relation(stances[b % len(stances)].id,
                                             others[c % len(others)].id, "about")
                elif kind == "unrelate" and relations:
                    linked = project.relations(doc_id)
                    if linked:
                        project.delete_relation(linked[c % len(linked)].id)
            except InvariantError:
                pass  # e.g. a restored span whose label no longer fits; the UI refuses it too


def snapshot(path: Path) -> dict[str, Any]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        out: dict[str, Any] = {}
        for table, order in (("documents", "id"), ("spans", "id"), ("relations", "id"),
                             ("speakers", "id"), ("document_status", "doc_id, analyst"),
                             ("merge_conflicts", "id")):
            out[table] = conn.execute(f"SELECT * FROM {table} ORDER BY {order}").fetchall()
        out["analysts"] = [r[0] for r in conn.execute("SELECT name FROM analysts ORDER BY 1")]
        return out
    finally:
        conn.close()


def versions(path: Path) -> dict[tuple[str, str], tuple[dict[str, Any], list[str]]]:
    """Every span, relation and speaker of a file as the version a merge compares (see
    ``annotator.storage.merging.Version``), with the item's history."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found: dict[tuple[str, str], tuple[dict[str, Any], list[str]]] = {}
        common = "author, created, modified, revision, deleted, history"
        for row in conn.execute(f'SELECT id, start, "end", label, attrs, {common} FROM spans'):
            found[("span", row[0])] = (
                {"id": row[0], "start": row[1], "end": row[2], "label": row[3],
                 "attrs": json.loads(row[4]), **_common(row[5:])}, json.loads(row[10]))
        for row in conn.execute(f"SELECT id, from_id, to_id, type, {common} FROM relations"):
            found[("relation", row[0])] = (
                {"id": row[0], "from": row[1], "to": row[2], "type": row[3],
                 **_common(row[4:])}, json.loads(row[9]))
        for row in conn.execute(
                f"SELECT id, name, aliases, role, affiliation, {common} FROM speakers"):
            found[("speaker", row[0])] = (
                {"id": row[0], "name": row[1], "aliases": json.loads(row[2]), "role": row[3],
                 "affiliation": row[4], **_common(row[5:])}, json.loads(row[10]))
        return found
    finally:
        conn.close()


def _common(row: tuple[Any, ...]) -> dict[str, Any]:
    return {"author": row[0], "created": row[1], "modified": row[2], "revision": row[3],
            "deleted": bool(row[4])}


def conflicts(path: Path) -> list[tuple[str, str, dict[str, Any]]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [(r[0], r[1], json.loads(r[2])) for r in
                conn.execute("SELECT entity, entity_id, other FROM merge_conflicts")]
    finally:
        conn.close()


def merged(folder: Path, name: str, target: Path, sources: list[Path]) -> Path:
    out = folder / f"{name}.annot"
    shutil.copyfile(target, out)
    for source in sources:
        merge_files(out, [source], analyst="lead")
    return out


def assert_histories_match(path: Path) -> None:
    """Every item's history is complete and ends with the hash of the version in its row:
    what the editing API stores agrees with what merging computes."""
    for key, (version, history) in versions(path).items():
        assert len(history) == version["revision"], (key, version, history)
        assert history[-1] == version_hash(version), (key, version, history)


def assert_nothing_lost(result: Path, sides: list[Path]) -> None:
    """Every version on every side (its rows and its kept conflicts) is in the result, kept
    there as a conflict, or an ancestor (in the history) of a version the result keeps."""
    final = versions(result)
    kept = {(entity, entity_id, content(other)) for entity, entity_id, other in
            conflicts(result)}
    ancestors: dict[tuple[str, str], list[list[str]]] = {
        key: [history] for key, (_, history) in final.items()}
    for entity, entity_id, other in conflicts(result):
        ancestors[(entity, entity_id)].append(other["history"])
    for side in sides:
        side_versions = [(key, version) for key, (version, _) in versions(side).items()]
        side_versions += [((entity, entity_id), {k: v for k, v in other.items()
                                                 if k != "history"})
                          for entity, entity_id, other in conflicts(side)]
        for key, version in side_versions:
            now, _ = final[key]
            if content(now) == content(version) or (key[0], key[1], content(version)) in kept:
                continue
            revision, mark = version["revision"], version_hash(version)
            assert any(revision <= len(history) and history[revision - 1] == mark
                       for history in ancestors[key]), (key, version, now)


def describe(result: Path) -> None:
    """Label the example so --hypothesis-show-statistics shows what the histories reached."""
    state = snapshot(result)
    event(f"conflicts: {min(len(state['merge_conflicts']), 2)}")
    event(f"documents: {len(state['documents'])}")
    event(f"deleted spans: {min(sum(row[10] for row in state['spans']), 2)}")
    unseen = sum(json.loads(row[6])["revision"] < row[4] for row in state["merge_conflicts"])
    event(f"conflicts with an edit the winner never saw: {min(unseen, 2)}")


# MERGE_EXAMPLES=300 make unit runs a longer round than the default (about 4 minutes).
EXAMPLES = int(os.environ.get("MERGE_EXAMPLES", "0"))
SETTINGS = settings(max_examples=EXAMPLES or 15, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
THREE_SETTINGS = settings(SETTINGS, max_examples=EXAMPLES or 8)


@SETTINGS
@given(first=ops, second=ops)
# Ali edits the first span once, Bita twice from the same base: Ali's edit must survive.
@example(first=[("update", 0, 1, 0)], second=[("update", 0, 2, 0), ("move", 0, 0, 0)])
def test_two_analysts(first: list[Op], second: list[Op]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = build_base(folder)
        ali, bita = fork(base, "ali"), fork(base, "bita")
        apply(ali, "ali", first, folder, relations=True)
        apply(bita, "bita", second, folder, relations=True)
        one = merged(folder, "ali_bita", ali, [bita])
        describe(one)
        other = merged(folder, "bita_ali", bita, [ali])
        assert snapshot(one) == snapshot(other)  # commutative
        before = hashlib.sha256(one.read_bytes()).hexdigest()
        report = merge_files(one, [bita], analyst="lead")
        assert not report.changed  # idempotent
        assert snapshot(one) == snapshot(other)
        assert hashlib.sha256(one.read_bytes()).hexdigest() == before
        assert_nothing_lost(one, [ali, bita])
        for path in (ali, bita, one):
            assert_histories_match(path)
        with Project.open(one, analyst="lead", read_only=True) as project:
            assert check_project(project) == []


@THREE_SETTINGS
@given(histories=st.lists(ops, min_size=3, max_size=3))
def test_three_analysts_in_any_order(histories: list[list[Op]]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        base = build_base(folder)
        sides = []
        for analyst, history in zip(("ali", "bita", "cyrus"), histories, strict=True):
            side = fork(base, analyst)
            # Relations made after the fork stay out: a relation to a span another analyst
            # deleted is deleted with it, and a third file may restore the span (README).
            apply(side, analyst, history, folder, relations=False)
            sides.append(side)
        results = [merged(folder, f"order{i}", base, list(order))
                   for i, order in enumerate(itertools.permutations(sides))]
        first = snapshot(results[0])
        describe(results[0])
        for result in results[1:]:
            assert snapshot(result) == first
        # Associative: a merge of merges equals merging one at a time.
        pair = merged(folder, "pair", sides[1], [sides[2]])
        nested = merged(folder, "nested", sides[0], [pair])
        assert snapshot(nested) == first
        assert_nothing_lost(results[0], sides)
        assert_nothing_lost(nested, [sides[0], pair])
        assert_histories_match(results[0])
        with Project.open(results[0], analyst="lead", read_only=True) as project:
            assert check_project(project) == []
