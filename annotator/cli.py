"""The ``annotator`` command: parse, call one library function, print. Never imports Qt."""

from __future__ import annotations

import argparse
import gc
import getpass
import json
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from annotator import __version__
from annotator.display import display_problem
from annotator.domain import safe_json
from annotator.domain.errors import AnnotatorError, InputError, shown
from annotator.domain.schema import LabelSchema, interview_schema
from annotator.formats.names import EXPORT_FORMATS, IMPORT_FORMATS, OFFSET_UNITS
from annotator.lazy import lazy
from annotator.storage.backups import list_backups, restore_backup
from annotator.storage.project import Project
from annotator.text import LEVELS

if TYPE_CHECKING:  # each command loads what it runs (annotator/lazy.py)
    from annotator import selftest
    from annotator.analysis import agreement, budget, learning, review
    from annotator.formats import exporting, importing, plain
    from annotator.storage import checks, merging, sharing
else:
    agreement = lazy("annotator.analysis.agreement")
    budget = lazy("annotator.analysis.budget")
    checks = lazy("annotator.storage.checks")
    exporting = lazy("annotator.formats.exporting")
    importing = lazy("annotator.formats.importing")
    learning = lazy("annotator.analysis.learning")
    merging = lazy("annotator.storage.merging")
    plain = lazy("annotator.formats.plain")
    review = lazy("annotator.analysis.review")
    selftest = lazy("annotator.selftest")
    sharing = lazy("annotator.storage.sharing")

Handler = Callable[[argparse.Namespace], int]
type Commands = argparse._SubParsersAction[argparse.ArgumentParser]  # what add_subparsers gives


def default_analyst() -> str:
    """``$ANNOTATOR_ANALYST``, else the login name, else ``analyst``."""
    name = os.environ.get("ANNOTATOR_ANALYST", "").strip()
    if name:
        return name
    try:
        return getpass.getuser() or "analyst"
    except (OSError, KeyError):
        return "analyst"


def cmd_new(args: argparse.Namespace) -> int:
    schema = _load_schema(args.schema)
    with Project.create(args.project, analyst=args.analyst, schema=schema,
                        normalization=args.normalize):
        pass
    print(f"Created {args.project} (schema {schema.name}, normalization {args.normalize}).")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    options = importing.ImportOptions(offsets_unit=args.offsets_unit, text_key=args.text_key)
    with Project.open(args.project, analyst=args.analyst) as project:
        _warn_about_backup(project)
        report = importing.import_files(project, args.files, fmt=args.format, options=options)
    for note in report.notes:
        print(note)
    present = (f"; {report.documents_already_present} already in the project"
               if report.documents_already_present else "")
    print(f"Imported {report.documents_added} document(s) and {report.spans_added} span(s) "
          f"into {args.project}{present}.")
    return 0


def _warn_about_backup(project: Project) -> None:
    """One line on stderr when the automatic backup made on opening failed; work goes on."""
    if project.backup_problem:
        print(shown(f"annotator: warning: {project.path}: {project.backup_problem}"),
              file=sys.stderr)


def cmd_export(args: argparse.Namespace) -> int:
    options = exporting.ExportOptions(format=args.format, offsets=args.offsets, status=args.status,
                            by=args.by, csv_safe=args.csv_safe, split=args.split, seed=args.seed,
                            offsets_unit=args.offsets_unit, doccano_shape=args.doccano_shape,
                            label=args.label, tagging=args.tagging, license=args.license,
                            with_suggestions=args.with_suggestions, table=args.table)
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        report = exporting.export_project(project, args.output, options)
    if report.card is None:  # -o -: the records went to standard output
        print(f"Wrote {report.documents} document(s) and {report.spans} span(s) to standard "
              f"output ({args.format}, {args.offsets} offsets).", file=sys.stderr)
        return 0
    files = ", ".join(str(path) for path in report.files)
    print(f"Wrote {report.documents} document(s) and {report.spans} span(s) to {files} "
          f"({args.format}, {args.offsets} offsets); dataset card {report.card}.")
    for what, count in sorted(report.counts.items()):
        if "left out" in what:
            print(f"  {count} {what}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        stats = checks.project_stats(project)
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    print(f"{stats['documents']} document(s), {stats['spans']} span(s), "
          f"{stats['relations']} relation(s), {stats['speakers']} speaker(s); "
          f"normalization {stats['normalization']}")
    for label, count in stats["labels"].items():
        print(f"  {label}: {count}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        faults = checks.check_project(project)
    if faults:
        for fault in faults:
            print(f"{args.project}: {fault}", file=sys.stderr)
        print(f"{args.project}: {len(faults)} fault(s) found.", file=sys.stderr)
        return 1
    print(f"{args.project}: no faults found.")
    return 0


def cmd_learn(args: argparse.Namespace) -> int:
    with Project.open(args.project, analyst=args.analyst) as project:
        report = learning.learn_project(project)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    labels = ", ".join(f"{label} {count}" for label, count in report.labels.items())
    print(f"Learned from {report.marks} mark(s) in {report.documents} document(s) ({labels}) "
          f"in {report.seconds:.1f} s; held-in accuracy {report.accuracy:.2f}; "
          f"{report.check_sentence()}; stored in {args.project}.")
    return 0


def _print_next_sentence(args: argparse.Namespace) -> int:
    if args.accept or args.doc:
        raise InputError("--next takes neither --accept nor --doc", path=args.project)
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        found = learning.next_sentence(project)
    if args.json:
        print(json.dumps(None if found is None else {
            "doc_id": found.doc_id, "start": found.start, "end": found.end, "text": found.text,
            "certainty": found.certainty}, ensure_ascii=False, indent=2))
    elif found is None:
        print("Every sentence has a mark.")
    else:
        text = found.text.replace("\n", " ")
        print(f"{found.doc_id}  {found.start}-{found.end}  certainty {found.certainty:.2f}  "
              f"{text}")
    return 0


def cmd_suggest(args: argparse.Namespace) -> int:

    if args.next:
        return _print_next_sentence(args)
    with Project.open(args.project, analyst=args.analyst, read_only=not args.accept) as project:
        _warn_about_backup(project)
        suggestions, abandoned = budget.suggest_within_budget(project, args.doc)
        for doc_id in abandoned:
            print(shown(f"annotator: warning: {args.project}: document {doc_id}: suggestions "
                        f"stopped after {budget.suggest_seconds():g} s (a text too long or too "
                        "dense for the rules); none are given for it"), file=sys.stderr)
        rows = review.as_json(suggestions, project)
        accepted = review.accept(project, suggestions) if args.accept else None
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            speaker = row["attrs"].get("speaker", "")
            text = row["text"].replace("\n", " ")
            print(f"{row['doc_id'][:8]}  {row['label']:<7} {row['start']:>6}-{row['end']:<6} "
                  f"{row['rule']:<17} {speaker:<20} {text[:60]}{'…' if len(text) > 60 else ''}")
        print(f"{len(rows)} suggestion(s).")
    if accepted is not None:
        print(f"Accepted {len(accepted.spans)} suggestion(s) as spans and registered "
              f"{len(accepted.speakers)} new speaker(s) in {args.project}.",
              file=sys.stderr if args.json else sys.stdout)
    return 0


def cmd_share(args: argparse.Namespace) -> int:
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        out = sharing.share_project(project, args.output)
    print(f"Wrote a self-contained copy of {args.project} to {out}.")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    report = merging.merge_files(args.project, args.sources, analyst=args.analyst,
                         on_open=_warn_about_backup)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    for note in report.notes:
        print(note)
    for name, counts in report.counts().items():
        print(f"{name}: {counts.added} added, {counts.updated} updated, "
              f"{counts.unchanged} unchanged, {counts.conflicts} in conflict, "
              f"{counts.refused} refused")
    for refusal in report.refusals:
        print(f"refused {refusal.entity} {refusal.id} from {refusal.source}: {refusal.reason}")
    return 0


def cmd_agree(args: argparse.Namespace) -> int:
    with Project.open(args.project, analyst=args.analyst, read_only=True) as project:
        report = agreement.agreement(project)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return 0
    print(report.to_text())
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if args.backup is None:
        found = list_backups(args.project)
        if not found:
            print(f"{args.project}: there are no backups.")
            return 0
        print(f"Backups of {args.project}, newest first (restore one with: "
              f"annotator restore {args.project} NUMBER):")
        for number, info in enumerate(found, start=1):
            counts = ("cannot be read" if info.documents is None else
                      f"{info.documents} document(s), {info.spans} span(s)")
            print(f"{number:3}  {info.created} UTC  {info.size / 1024:9.1f} KiB  "
                  f"{info.reason:<14} {counts}  {info.path.name}")
        return 0
    report = restore_backup(args.project, args.backup)
    kept = f"; the replaced file was kept as {report.saved_current}" if report.saved_current \
        else ""
    print(f"Restored {report.restored} from {report.from_backup}{kept}.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The program's options and its commands, each command's handler as ``handler``."""
    parser = argparse.ArgumentParser(
        prog="annotator",
        description="Mark speakers, claims and stance in Persian text; export training data.")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check the whole program on the bundled sample in a temporary "
                             "folder; exit 0 only if every check held")
    parser.add_argument("--analyst", default=None,
                        help="author of what the command creates (default: $ANNOTATOR_ANALYST, "
                             "then the login name; the window asks once and remembers)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for add in (_add_new_and_import, _add_export, _add_review, _add_team, _add_upkeep):
        add(commands)
    return parser


def _add_new_and_import(commands: Commands) -> None:
    """Making a project and bringing text (and others' annotations) into it."""
    new = commands.add_parser("new", help="create a project file")
    new.add_argument("project", help="the .annot file to create")
    new.add_argument("--schema", default="interview",
                     help="'interview' (the default) or a label schema JSON file")
    new.add_argument("--normalize", choices=LEVELS, default="letters",
                     help="how imported text becomes canonical text (default: letters)")
    new.set_defaults(handler=cmd_new)

    imp = commands.add_parser(
        "import", help="import text, CSV, JSONL, doccano, Label Studio or brat files, saved "
                       "web pages (.html), Word files (.docx) and PDFs")
    imp.add_argument("project", help="the .annot file")
    imp.add_argument("files", nargs="+", metavar="FILE",
                     help="files to import; a folder imports every .txt file in it "
                          "(with its .ann file, when the folder holds brat files)")
    imp.add_argument("--format", choices=IMPORT_FORMATS, default="auto",
                     help="input format (default: from each file's extension)")
    imp.add_argument("--offsets-unit", choices=OFFSET_UNITS, default="utf16",
                     help="what doccano offsets count (default: utf16, what doccano writes; "
                          "an entity's own text, where the file has it, decides)")
    imp.add_argument("--text-key", metavar="KEY",
                     help="the key of a Label Studio task's data that holds the text "
                          "(default: text)")
    imp.set_defaults(handler=cmd_import)


def _add_export(commands: Commands) -> None:
    """``export``: every dataset format and its options."""
    exp = commands.add_parser("export", help="export documents and spans as a dataset")
    exp.add_argument("project", help="the .annot file")
    exp.add_argument("--format", choices=EXPORT_FORMATS, required=True, help="output format")
    exp.add_argument("-o", "--output", required=True,
                     help="the file to write (a new or empty folder for brat); with --split, "
                          "out.jsonl names a new folder out/ with train.jsonl, "
                          "validation.jsonl, test.jsonl and README.md; '-' writes to standard "
                          "output (no card; never a project, a backup or a device)")
    exp.add_argument("--offsets", choices=("canonical", "original"), default="canonical",
                     help="offsets into the canonical text (default) or the imported text")
    exp.add_argument("--status", choices=("done", "any"), default=None,
                     help="'done': only documents some analyst marked done (default: any; "
                          "claims-csv then takes sentences without a claim only from documents "
                          "marked done, unless --status any is given)")
    exp.add_argument("--by", default="all",
                     help="only spans by this analyst, 'gold', or 'all' (default)")
    exp.add_argument("--csv-safe", action="store_true",
                     help="make CSV cells starting with = + - @ tab or CR inert for spreadsheets")
    exp.add_argument("--split", metavar="TRAIN/DEV/TEST",
                     help="split by document, e.g. 80/10/10 (train/validation/test) or 90/10 "
                          "(train/test); one output per split")
    exp.add_argument("--seed", type=int, default=0,
                     help="the seed that shuffles documents into splits (default: 0)")
    exp.add_argument("--offsets-unit", choices=OFFSET_UNITS, default="utf16",
                     help="doccano: what offsets count (default: utf16, what doccano reads)")
    exp.add_argument("--doccano-shape", choices=("label", "entities"), default="label",
                     help="doccano: [[start, end, label]] lists (default) or entities with "
                          "relations")
    exp.add_argument("--label", help="conll2003, tokens-jsonl, parquet --table sentences: tag "
                                     "only this label (default: every label, the schema's "
                                     "earlier label winning where spans overlap)")
    exp.add_argument("--tagging", choices=("bio", "bioes"), default="bio",
                     help="conll, conll2003, tokens-jsonl: the tag scheme (default: bio)")
    exp.add_argument("--license", help="the license the dataset card names (e.g. cc-by-4.0; "
                                       "default: none named)")
    exp.add_argument("--with-suggestions", action="store_true",
                     help="label-studio: add the rule suggestions as predictions")
    exp.add_argument("--table", choices=("spans", "sentences"), default="spans",
                     help="parquet: the span table (default) or the sentence table")
    exp.set_defaults(handler=cmd_export)


def _add_review(commands: Commands) -> None:
    """Counting what is marked, and the suggestions and learned model that help mark more."""
    stats = commands.add_parser("stats", help="count documents, spans and labels")
    stats.add_argument("project", help="the .annot file")
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(handler=cmd_stats)

    sug = commands.add_parser("suggest", help="propose speakers, turns and claims to review")
    sug.add_argument("project", help="the .annot file")
    sug.add_argument("--doc", metavar="ID", help="only this document (default: all)")
    sug.add_argument("--json", action="store_true",
                     help="print a JSON list of {doc_id, label, start, end, text, attrs, rule}")
    sug.add_argument("--accept", action="store_true",
                     help="store every suggestion as a span and register new speakers")
    sug.add_argument("--next", action="store_true",
                     help="print the unmarked sentence the learned model is least sure about "
                          "(document id, start, end, text) instead of suggestions")
    sug.set_defaults(handler=cmd_suggest)

    learn = commands.add_parser("learn", help="train the on-device model from the project's "
                                              "marks and rejections, and store it in the file")
    learn.add_argument("project", help="the .annot file")
    learn.add_argument("--json", action="store_true",
                       help="print {documents, marks, labels, seconds, accuracy} as JSON")
    learn.set_defaults(handler=cmd_learn)


def _add_team(commands: Commands) -> None:
    """Sharing a copy, merging analysts' copies back, and how far they agree."""
    share = commands.add_parser("share", help="write one self-contained, verified copy")
    share.add_argument("project", help="the .annot file")
    share.add_argument("output", metavar="OUT.annot", help="the copy to write")
    share.set_defaults(handler=cmd_share)

    merge = commands.add_parser("merge", help="merge other analysts' project files into this one")
    merge.add_argument("project", help="the .annot file to merge into")
    merge.add_argument("sources", nargs="+", metavar="SOURCE.annot", help="files to merge in")
    merge.add_argument("--json", action="store_true", help="print the merge report as JSON")
    merge.set_defaults(handler=cmd_merge)

    agree = commands.add_parser("agree", help="inter-annotator agreement per label")
    agree.add_argument("project", help="the .annot file")
    agree.add_argument("--json", action="store_true", help="print JSON")
    agree.set_defaults(handler=cmd_agree)


def _add_upkeep(commands: Commands) -> None:
    """Checking a project, opening the window, and restoring a backup."""
    check = commands.add_parser("check", help="verify integrity and every span invariant")
    check.add_argument("project", help="the .annot file")
    check.set_defaults(handler=cmd_check)

    gui = commands.add_parser("gui", help="open the desktop window (the default command)")
    gui.add_argument("project", nargs="?", default=None,
                     help="the .annot file (default: the last one, or a sample project)")
    gui.set_defaults(handler=cmd_gui)

    restore = commands.add_parser("restore", help="list the project's backups, or restore one")
    restore.add_argument("project", help="the .annot file (it may be damaged or missing)")
    restore.add_argument("backup", nargs="?",
                         help="the backup to restore: its number in the list, name or path")
    restore.set_defaults(handler=cmd_restore)


def cmd_self_test(args: argparse.Namespace) -> int:
    return 0 if selftest.run_self_test() else 1


def cmd_gui(args: argparse.Namespace) -> int:
    problem = display_problem()
    if problem:  # before Qt, which would name one missing library and abort
        print(problem, file=sys.stderr)
        return 1
    # Start-up allocates many objects and frees few: the cyclic collector would scan them again
    # and again for nothing. run_gui turns it back on after the window's first frame.
    gc.disable()
    from annotator.ui.app import run_gui  # Qt is loaded only for the window

    return run_gui(args.project, args.analyst)


def command_names(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in parser._actions if isinstance(action, argparse._SubParsersAction)
            for name in action.choices]


def _with_default_command(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """``annotator [PROJECT]`` means ``annotator gui [PROJECT]``."""
    args = list(argv)
    position = 0
    while position < len(args):
        word = args[position]
        if word == "--analyst":
            position += 2
        elif word.startswith("--analyst="):
            position += 1
        else:
            break
    if position >= len(args):
        return [*args, "gui"]
    word = args[position]
    if word not in commands and not word.startswith("-"):
        args.insert(position, "gui")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 a fault, 2 a usage mistake)."""
    gc.enable()  # off while the program started (annotator/__main__.py); cmd_gui says when
    if hasattr(signal, "SIGXFSZ"):
        # Past a file size limit, writes then fail with EFBIG and we say so, instead of dying.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    parser = build_parser()
    args = parser.parse_args(_with_default_command(
        sys.argv[1:] if argv is None else argv, command_names(parser)))
    # The window remembers the name it asked for; other commands take the default at once.
    if args.analyst is None and (args.command != "gui" or os.environ.get("ANNOTATOR_ANALYST")):
        args.analyst = default_analyst()
    handler: Handler = cmd_self_test if args.self_test else args.handler
    try:
        return handler(args)
    except AnnotatorError as error:
        print(f"annotator: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        print(shown(f"annotator: {where}{error.strerror or error}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("annotator: interrupted; nothing was changed by the unfinished step",
              file=sys.stderr)
        return 130


def _load_schema(value: str) -> LabelSchema:
    if value == "interview":
        return interview_schema()
    path = Path(value)
    if not path.exists():
        raise InputError("no such schema file", path=value)
    try:
        data = safe_json.loads(plain.read_bytes(path).decode("utf-8"))
    except (UnicodeDecodeError, safe_json.UnsafeJSON) as error:
        raise InputError(f"is not a JSON schema ({error})", path=value, line=getattr(
            error, "line", None)) from None
    try:
        return LabelSchema.from_json(data)
    except AnnotatorError as error:
        raise InputError(error.message, path=value) from None
