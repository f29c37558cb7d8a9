"""What a dataset card says of an export: its settings, how the format was made, and the
Python that loads it (pandas and Hugging Face ``datasets``), as ``CardFacts``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from annotator.domain.schema import LabelSchema
from annotator.formats.card import CardFacts
from annotator.formats.datasets import conll_columns
from annotator.storage.project import Project

if TYPE_CHECKING:
    from annotator.formats.exporting import ExportOptions

RECORD = {"jsonl": "document", "spans-jsonl": "span", "spans-csv": "span",
          "claims-csv": "sentence", "stance-csv": "Stance span", "conll": "token",
          "conll2003": "token", "tokens-jsonl": "sentence", "parquet": "span (or sentence)",
          "doccano": "document", "label-studio": "document (task)",
          "brat": "document (.txt and .ann)"}
_CSV_FORMATS = ("spans-csv", "claims-csv", "stance-csv")
_JSONL_FORMATS = ("jsonl", "spans-jsonl", "doccano", "tokens-jsonl")
_TEXT_CLASSIFICATION = ("claims-csv", "stance-csv")
_UNITS = {"utf16": "UTF-16 code units (what doccano's front end counts)",
          "graphemes": "grapheme clusters (doccano's grapheme mode)"}


def card_facts(project: Project, options: ExportOptions, output: Path, status: str,
               files: dict[str, str], schema: LabelSchema) -> CardFacts:
    """The card's facts for an export of ``project`` to ``output``; ``files`` maps each split
    to its file, relative to the card."""
    fmt = options.format
    decisions: list[str] = []
    if options.split:
        decisions.append(
            f"Split {options.split} by document with seed {options.seed}: the ids of the "
            "exported documents are sorted, shuffled with Python's random.Random(seed) and cut "
            "by the percentages, so no document is in two splits and the same project, options "
            "and seed give the same split.")
    decisions.extend(_FORMAT_DECISIONS.get(fmt, ()))
    if fmt == "doccano":
        decisions.append(
            "Shape `entities`: `entities` `[{id, label, start_offset, end_offset}]` and "
            "`relations` `[{id, from_id, to_id, type}]`." if options.doccano_shape == "entities"
            else "Shape `label`: `[[start, end, label], ...]`; relations are not in this shape "
                 "(export `--doccano-shape entities` for them).")
    if fmt == "claims-csv":
        decisions.append(
            "Sentences without a claim (label 0) come from every exported document "
            "(`--status any` was given)." if options.status == "any" else
            "Sentences without a claim (label 0) come only from documents some analyst marked "
            "done; give `--status any` to take them from every document.")
    if fmt == "conll":
        decisions.append("Columns: " + " ".join(conll_columns(schema)) + ".")
    if fmt in ("conll", "conll2003", "tokens-jsonl") and options.tagging == "bioes":
        decisions.append("Tags are BIOES: `S-` a one-token span, `E-` its last token.")
    if options.csv_safe:
        decisions.append(
            "`--csv-safe`: a cell starting with = + - @, a tab or CR has a `'` put before it, "
            "so in such cells `text` no longer equals `text[start:end]` of the document; strip "
            "the leading `'` of those cells to get the text back.")
    unit = _UNITS.get(options.offsets_unit, "") if fmt == "doccano" else (
        "UTF-16 code units (what Label Studio counts)" if fmt == "label-studio" else "")
    split = len(files) > 1 or options.split is not None
    loadable = fmt not in ("brat", "label-studio") and not (
        fmt == "doccano" and options.doccano_shape == "label")
    prefix = f"{output.with_suffix('').name}/" if options.split else ""
    return CardFacts(
        project=project.path.name, format=fmt, offsets=options.offsets,
        status=options.status or "any (not given)", by=options.by,
        split=options.split or "none", seed=options.seed if options.split else None,
        normalization=project.normalization, project_hazm_version=project.hazm_version,
        files=files, record=RECORD[fmt], decisions=tuple(decisions),
        loading=loading_lines(fmt, {k: prefix + v for k, v in files.items()},
                              conll_columns(schema), folder=prefix.rstrip("/") if split else "",
                              datasets_reads=loadable),
        license=options.license, offsets_unit=unit,
        task_category="text-classification" if fmt in _TEXT_CLASSIFICATION
        else "token-classification",
        builder=builder_options(fmt, conll_columns(schema)), loadable=loadable)


def builder_options(fmt: str, conll_names: list[str]) -> dict[str, object]:
    """What ``load_dataset`` needs besides the files (written in the card's configs)."""
    if fmt in _CSV_FORMATS:
        return {"keep_default_na": False}
    if fmt == "conll":  # datasets' own CoNLL builder: one row per sentence
        return {"column_names": conll_names, "delimiter": "\t", "comment_prefix": "# "}
    if fmt == "conll2003":
        return {"column_names": ["tokens", "ner_tags"], "delimiter": " "}
    return {}


_FORMAT_DECISIONS: dict[str, tuple[str, ...]] = {
    "claims-csv": (
        "One row per sentence (hazm's sentence breaks plus every line end). `label` is 1 when a "
        "Claim span overlaps the sentence; the Claim overlapping it most gives `claim_type` and "
        "`checkworthy`. `speaker` is that claim's speaker, else the speaker of the Turn "
        "overlapping the sentence most. `sentence_id` counts the document's sentences from 1; "
        "`start`/`end` locate the sentence.",
    ),
    "stance-csv": (
        "One row per Stance span; `stance` is FAVOR, AGAINST or NONE (neutral or not given). "
        "`target` is the span's target attribute, else the text its `about` relation points to.",
    ),
    "conll": (
        "Tokens are hazm word tokens of the canonical text (a ZWNJ-joined word is one token); "
        "a blank line ends each sentence and `# doc_id = ID` starts each document.",
        "A span crossing a sentence break starts again with `B-` in the next sentence, so "
        "every sentence is valid BIO (and BIOES with `--tagging bioes`) on its own.",
        "Overlaps: one BIO tag column per label, so spans of different labels never compete. "
        "Within one label, spans are placed by start, longest first; a span that would re-tag "
        "a token already tagged with that label is left out and counted under 'Records by "
        "class'. A token is in a span when any of its characters is.",
    ),
    "conll2003": (
        "CoNLL-2003 layout: `token TAG` (one space), a blank line after each sentence, "
        "`-DOCSTART- O` and a blank line before each document, no comments. Tokens are hazm "
        "word tokens of the canonical text.",
        "One tag column: the `--label` given, else every label, the schema's earlier label "
        "winning where spans overlap (the spans that lose are counted under 'Records by "
        "class'). A span crossing a sentence break starts again with `B-`.",
    ),
    "tokens-jsonl": (
        "One record per sentence: `doc_id`, `sentence_id` (from 1), `start`/`end` (code "
        "points), `text`, `tokens` (hazm word tokens) and `ner_tags` (tag strings), Hugging "
        "Face's token-classification layout. One tag sequence as in conll2003; a span crossing "
        "a sentence break starts again with `B-`.",
    ),
    "parquet": (
        "A Parquet table written with pyarrow: the span table (the columns of spans-jsonl), or "
        "with `--table sentences` the sentence table (the fields of tokens-jsonl).",
    ),
    "doccano": (
        "In doccano, turn on 'Allow overlapping entity' in the project settings before "
        "importing: with doccano's default it drops nested spans (a Claim inside a Turn).",
    ),
    "label-studio": (
        "One task per document (an integer `id`, stable per document), one annotation per "
        "analyst (`completed_by` an integer per analyst, `annotator` the analyst's name); "
        "offsets count UTF-16 code units, as Label Studio does; attributes are per-region "
        "`choices`/`textarea` results sharing the span's id; relations are `relation` results. "
        "Create the Label Studio project with `label_config.xml`, written beside the export.",
    ),
    "brat": (
        "One `ID.txt` and `ID.ann` per document (ID is the document id when it is a safe file "
        "name, else `doc-` and its text hash); a span crossing line ends is written as "
        "fragments split at them; choice attributes are `A` lines (empty values are left out), "
        "free-text attributes (speaker names, targets) are `#` AnnotatorNotes lines "
        "`name: value`; `annotation.conf` names the labels, relations and choice attributes "
        "and declares `<OVERLAP>` so nested spans are allowed; `annotator_ids.tsv` maps file "
        "names to document ids.",
    ),
}


def loading_lines(fmt: str, files: dict[str, str], conll_names: list[str], *,
                  folder: str = "", datasets_reads: bool = True) -> tuple[str, ...]:
    """Lines of Python, pandas then Hugging Face ``datasets``, that load the export when run
    in the folder that holds it (``folder``: a split export's folder, read with its card).
    ``datasets`` reads the CoNLL files with its own ``conll`` builder, one row per sentence."""
    if fmt == "brat":
        return ("# brat standoff is read by brat (copy the folder into brat's data folder) or by",
                "# annotator import PROJECT FOLDER --format brat; pandas and datasets do not "
                "read it.")
    split = len(files) > 1 or bool(folder)
    data_files = repr(files) if split else repr(next(iter(files.values())))

    def pandas(call: str) -> str:
        if split:
            return f"frames = {{name: {call.format('path')} for name, path in {files!r}.items()}}"
        return f"frame = {call.format(data_files)}"

    def hub(builder: str, options: dict[str, object] | None = None) -> str:
        if folder:  # the card's front matter names the files and options
            return f"dataset = load_dataset({folder!r})"
        given = "".join(f", {key}={value!r}" for key, value in (options or {}).items())
        return f'dataset = load_dataset("{builder}", data_files={data_files}{given})'

    options = builder_options(fmt, conll_names)
    if fmt in _CSV_FORMATS:
        return (pandas("pd.read_csv({}, keep_default_na=False)"), hub("csv", options))
    if fmt == "parquet":
        return (pandas("pd.read_parquet({})"), hub("parquet"))
    if fmt == "label-studio":
        return (pandas("pd.read_json({}, dtype=False)"),
                "# Hugging Face datasets cannot type Label Studio's mixed result values; "
                "use Label Studio or pandas.")
    if not datasets_reads:
        return (pandas("pd.read_json({}, lines=True, dtype=False)"),
                "# Hugging Face datasets cannot type this shape's [start, end, label] lists; "
                "export --doccano-shape entities for it.")
    if fmt in _JSONL_FORMATS:
        return (pandas("pd.read_json({}, lines=True, dtype=False)"), hub("json"))
    if fmt == "conll2003":
        return (pandas('pd.read_csv({}, sep=" ", names=["token", "tag"], quoting=3, '
                       'keep_default_na=False).query("token != \'-DOCSTART-\'")'),
                hub("conll", options))
    names = repr(conll_names)
    return (pandas(f'pd.read_csv({{}}, sep="\\t", names={names}, quoting=3, '
                   'keep_default_na=False).query("~token.str.startswith(\'# \')", '
                   'engine="python")'),
            hub("conll", options))
