"""Task datasets: claim detection (CheckThat style), stance (SemEval style) and BIO tokens.

``claims-csv`` has one row per sentence, ``stance-csv`` one row per Stance span, ``conll`` one
line per hazm word token. Offsets in the CSVs are code points of the exported text, end
exclusive.
"""

from __future__ import annotations

import bisect
from collections import Counter
from typing import IO

from annotator.domain.errors import InputError
from annotator.domain.model import Span
from annotator.domain.schema import LabelSchema
from annotator.formats.export_view import CsvRows, DocumentView, ExportContext, sentence_around
from annotator.formats.tagging import place_spans, sentence_tags, sentences_of_tokens

CLAIM_COLUMNS = ("doc_id", "sentence_id", "speaker", "speaker_id", "text", "label",
                 "claim_type", "checkworthy", "start", "end")
STANCE_COLUMNS = ("id", "doc_id", "holder", "holder_id", "target", "text", "sentence", "stance",
                  "start", "end", "annotator")
STANCES = {"favor": "FAVOR", "against": "AGAINST", "neutral": "NONE"}

Placed = tuple[Span, int, int]


def _overlap(span: Placed, start: int, end: int) -> int:
    return min(span[2], end) - max(span[1], start)


def _most_overlapping(spans: list[Placed], starts: list[int], start: int, end: int
                      ) -> Placed | None:
    """The span overlapping ``[start, end)`` the most; ties go to the earliest, then by id."""
    best: Placed | None = None
    best_key: tuple[int, int, str] | None = None
    for span in spans[:bisect.bisect_left(starts, end)]:
        amount = _overlap(span, start, end)
        if amount <= 0:
            continue
        key = (-amount, span[1], span[0].id)
        if best_key is None or key < best_key:
            best, best_key = span, key
    return best


class ClaimsWriter:
    """One row per sentence: ``label`` 1 when a Claim span overlaps it, else 0.

    The sentence's claim is the overlapping Claim with the largest overlap; its ``type`` and
    ``checkworthy`` fill ``claim_type`` and ``checkworthy``. The speaker is that claim's
    speaker, else the speaker of the Turn overlapping the sentence most. Sentences without a
    claim come only from documents some analyst marked done, unless ``negatives_everywhere``.
    """

    def __init__(self, stream: IO[str], context: ExportContext, *,
                 negatives_everywhere: bool) -> None:
        if context.schema.layer("Claim") is None:
            raise InputError("claims-csv needs a 'Claim' label, and the project's schema has none")
        self.context = context
        self.negatives_everywhere = negatives_everywhere
        self.counts: Counter[str] = Counter()
        self.writer = CsvRows(stream, context)
        self.writer.row(CLAIM_COLUMNS)

    def write(self, view: DocumentView) -> int:
        claims = [s for s in view.spans if s[0].label == "Claim"]
        turns = [s for s in view.spans if s[0].label == "Turn"]
        claim_starts = [s[1] for s in claims]
        turn_starts = [s[1] for s in turns]
        negatives = self.negatives_everywhere or view.done
        rows = 0
        for number, (start, end) in enumerate(view.sentences(), start=1):
            claim = _most_overlapping(claims, claim_starts, start, end)
            if claim is None and not negatives:
                self.counts["label 0 left out (document not done)"] += 1
                continue
            attrs = self.context.attrs(claim[0]) if claim else {}
            speaker = attrs if attrs.get("speaker") else {}
            if not speaker:
                turn = _most_overlapping(turns, turn_starts, start, end)
                speaker = self.context.attrs(turn[0]) if turn else {}
            label = 1 if claim else 0
            self.counts[f"label {label}"] += 1
            cells = (view.document.id, number, speaker.get("speaker", ""),
                     speaker.get("speaker_id", ""), view.text[start:end], label,
                     attrs.get("type", ""), attrs.get("checkworthy", ""), start, end)
            self.writer.row(cells)
            rows += 1
        return rows

    def finish(self) -> None:
        pass


class StanceWriter:
    """One row per Stance span; ``stance`` is FAVOR, AGAINST or NONE (neutral or not given).

    ``target`` is the span's target attribute, else the text of the span its ``about``
    relation points to.
    """

    def __init__(self, stream: IO[str], context: ExportContext) -> None:
        if context.schema.layer("Stance") is None:
            raise InputError("stance-csv needs a 'Stance' label, and the project's schema has none")
        self.context = context
        self.counts: Counter[str] = Counter()
        self.writer = CsvRows(stream, context)
        self.writer.row(STANCE_COLUMNS)

    def write(self, view: DocumentView) -> int:
        placed = {span.id: (start, end) for span, start, end in view.spans}
        about = {r.from_id: r.to_id for r in view.relations if r.type == "about"}
        sentences = view.sentences()
        ends = [e for _, e in sentences]
        rows = 0
        for span, start, end in view.spans:
            if span.label != "Stance":
                continue
            attrs = self.context.attrs(span)
            target = attrs.get("target", "")
            if not target and span.id in about:
                target_start, target_end = placed[about[span.id]]
                target = view.text[target_start:target_end]
            stance = STANCES.get(attrs.get("polarity", ""), "NONE")
            self.counts[stance] += 1
            cells = (span.id, view.document.id, attrs.get("holder", ""),
                     attrs.get("holder_id", ""), target, view.text[start:end],
                     sentence_around(view.text, sentences, ends, start, end), stance, start, end,
                     span.author)
            self.writer.row(cells)
            rows += 1
        return rows

    def finish(self) -> None:
        pass


def conll_columns(schema: LabelSchema) -> list[str]:
    """``token`` then one BIO tag column per label of the schema, in schema order."""
    return ["token", *schema.label_names]


class ConllWriter:
    """BIO (or BIOES) tags over the canonical text's hazm word tokens, one column per label.

    Spans are placed per label as ``tagging.place_spans`` says; a chunk restarts at each
    sentence break. Sentences are separated by a blank line; each document starts with
    ``# doc_id = ID``.
    """

    def __init__(self, stream: IO[str], context: ExportContext, *, tagging: str = "bio"
                 ) -> None:
        self.stream = stream
        self.labels = list(context.schema.label_names)
        self.tagging = tagging
        self.counts: Counter[str] = Counter()
        stream.write("# columns = " + " ".join(conll_columns(context.schema)) + "\n\n")

    def write(self, view: DocumentView) -> int:
        if view.original:
            raise InputError("conll writes the canonical text's tokens; use --offsets canonical")
        text = view.text
        tokens = view.tokens()
        placed = {label: place_spans(view, [label], tokens, self.counts)
                  for label in self.labels}
        out = [f"# doc_id = {view.document.id}\n"]
        for first, last in sentences_of_tokens(view, tokens):
            columns = [sentence_tags(*placed[label], first, last, self.tagging)
                       for label in self.labels]
            for n, i in enumerate(range(first, last)):
                row = [text[tokens[i][0]:tokens[i][1]]] + [column[n] for column in columns]
                out.append("\t".join(row) + "\n")
            out.append("\n")
        self.stream.write("".join(out))
        return len(tokens)

    def finish(self) -> None:
        pass
