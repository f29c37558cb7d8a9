"""A child process for the crash and full-disk tests: runs one kind of work until it is killed.

``python crash_child.py MODE PROJECT SEED [ARG]`` prints ``ready`` once the project is open,
then for each step a ``doing`` line before the call and an ``ack`` line (JSON with the
resulting state) after the call returned, flushed at once. Whatever the parent reads as
acknowledged must be in the file after a SIGKILL at any moment.

Modes: ``edits`` (the window's calls: spans, relations, speakers, statuses, with timed
backups every 50 ms), ``import`` (all-or-nothing imports of CSV files of ``ROWS`` rows, a
few per child), ``export`` (exports over one file name). A merge mode belongs here too once
``annotator merge`` exists: add a function to ``MODES`` that merges a source project in a
loop, acknowledging each merge, and a checker in test_crash.py (whole or absent).
"""

from __future__ import annotations

import csv
import json
import random
import resource
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from annotator.domain.errors import AnnotatorError
from annotator.domain.model import new_id
from annotator.storage.project import Project

ROWS = 20
IMPORTS_PER_CHILD = 3
ROW_TEXT = "سخنگوی دولت گفت: «می‌پردازیم» 😀 و ادامه داد که برنامه‌ها تغییر نمی‌کند. "


def say(kind: str, **fields: object) -> None:
    print(json.dumps({"kind": kind, **fields}, ensure_ascii=False), flush=True)


def edits(project: Project, rng: random.Random, _arg: str) -> None:
    project.backup_interval = 0.05
    doc_ids = [d.id for d in project.document_summaries()]
    lengths = {d.id: d.length for d in project.document_summaries()}
    speakers = [s.id for s in project.speakers()]
    while True:
        doc = rng.choice(doc_ids)
        live = project.spans(doc)
        claims = [s for s in live if s.label == "Claim"]
        mentions = [s for s in live if s.label == "Speaker"]
        relations = project.relations(doc)
        choice = rng.random()
        if choice < 0.35 or len(live) < 4:
            start = rng.randrange(lengths[doc] - 1)
            end = rng.randrange(start + 1, min(lengths[doc], start + 20) + 1)
            label = rng.choice(["Claim", "Speaker", "Stance"])
            attrs = {"type": rng.choice(["factual", "opinion"])} if label == "Claim" else {}
            span_id = new_id()
            say("doing", entity="span", id=span_id)
            span = project.add_span(doc, start, end, label, attrs, span_id=span_id)
            ack_span(span.id, project)
        elif choice < 0.55:
            span = rng.choice(live)
            start = rng.randrange(lengths[doc] - 1)
            say("doing", entity="span", id=span.id)
            project.update_span(span.id, start=start, end=start + 1)
            ack_span(span.id, project)
        elif choice < 0.65:
            span = rng.choice(live)
            # Deleting a span also tombstones the relations that use it.
            users = [r.id for r in relations if span.id in (r.from_id, r.to_id)]
            say("doing", entity="span", id=span.id, also=users)
            project.delete_span(span.id)
            # One line for the whole step, so a kill cannot split its acknowledgement.
            ack_span(span.id, project, [relation_state(r, doc, project) for r in users])
        elif choice < 0.7:
            dead = [s for s in project.spans(doc, include_deleted=True) if s.deleted]
            if dead:
                span = rng.choice(dead)
                say("doing", entity="span", id=span.id)
                project.restore_span(span.id)
                ack_span(span.id, project)
        elif choice < 0.8 and claims and mentions:
            relation_id = new_id()
            say("doing", entity="relation", id=relation_id)
            project.add_relation(rng.choice(claims).id, rng.choice(mentions).id, "attributed_to",
                                 relation_id=relation_id)
            ack_relation(relation_id, doc, project)
        elif choice < 0.85 and relations:
            relation = rng.choice(relations)
            say("doing", entity="relation", id=relation.id)
            project.delete_relation(relation.id)
            ack_relation(relation.id, doc, project)
        elif choice < 0.92:
            speaker_id = new_id()
            say("doing", entity="speaker", id=speaker_id)
            project.add_speaker(f"گوینده {len(speakers)}", speaker_id=speaker_id)
            speakers.append(speaker_id)
            say("ack", entity="speaker", id=speaker_id)
        else:
            status = rng.choice(["todo", "in progress", "done"])
            say("doing", entity="status", id=doc, status=status)
            project.set_status(doc, status)
            say("ack", entity="status", id=doc, status=status)
        project.maybe_backup()


def ack_span(span_id: str, project: Project, relations: list[dict[str, object]] | None = None
             ) -> None:
    span = project.span(span_id)
    say("ack", entity="span", id=span_id, start=span.start, end=span.end, label=span.label,
        revision=span.revision, deleted=span.deleted, relations=relations or [])


def relation_state(relation_id: str, doc_id: str, project: Project) -> dict[str, object]:
    [relation] = [r for r in project.relations(doc_id, include_deleted=True)
                  if r.id == relation_id]
    return {"kind": "ack", "entity": "relation", "id": relation_id,
            "revision": relation.revision, "deleted": relation.deleted}


def ack_relation(relation_id: str, doc_id: str, project: Project) -> None:
    print(json.dumps(relation_state(relation_id, doc_id, project)), flush=True)


def write_csv(path: Path, tag: str, rows: int = ROWS) -> None:
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "title", "text"])
        for row in range(rows):
            writer.writerow([f"{tag}-{row}", f"{tag} {row}", f"{tag} {row}: " + ROW_TEXT * 20])


def imports(project: Project, rng: random.Random, folder: str) -> None:
    from annotator.formats.importing import import_files

    tag = f"{rng.getrandbits(48):012x}"
    for number in range(IMPORTS_PER_CHILD):
        path = Path(folder) / f"{tag}-{number}.csv"
        write_csv(path, f"{tag}-{number}")
        say("doing", entity="import", id=path.name)
        report = import_files(project, [path])
        say("ack", entity="import", id=path.name, documents=report.documents_added)
    time.sleep(3600)  # idle until killed: the project must not grow without bound in a soak


def exports(project: Project, _rng: random.Random, output: str) -> None:
    from annotator.formats.exporting import ExportOptions, export_project

    while True:
        say("doing", entity="export", id=output)
        report = export_project(project, output, ExportOptions(format="jsonl"))
        say("ack", entity="export", id=output, documents=report.documents)


MODES: dict[str, Callable[[Project, random.Random, str], None]] = {
    "edits": edits,
    "import": imports,
    "export": exports,
}


def main() -> int:
    mode, project_path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    arg = sys.argv[4] if len(sys.argv) > 4 else ""
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    if limit:
        # A file size limit stands in for a full disk: writes past it fail with EFBIG.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    try:
        project = Project.open(project_path, analyst="crash", read_only=mode == "export")
        say("ready", backup_problem=project.backup_problem)
        MODES[mode](project, random.Random(seed), arg)
    except AnnotatorError as error:
        say("error", type=type(error).__name__, message=str(error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
