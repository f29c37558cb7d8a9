"""The learned model: its learning curve on the development corpus, and how fast it learns.

    python -m bench learning              # 5 folds; BENCH_QUICK=1: 2 folds, 50 documents

Learning curve: for k = 0, 5, 10, 20 training documents of ../shared/corpus/fa-interviews/
(imported with their gold marks, their speakers registered), Claim span F1 and Claim+speaker
F1 on the remaining documents of the model alone, of the rules alone and of rules + model,
scored with the corpus's own score.py match rule (imported from there at run time; no corpus
text is copied anywhere); the median over random folds. Skipped, with a message, when the
corpus is absent. Writes docs/learning-curve.svg and prints the README's table.

Speed: ``learn`` on 200 generated documents (invented words, reported speech and dialogue).
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import statistics
import time
from pathlib import Path
from types import ModuleType
from typing import Any

from annotator.analysis.learning import (
    LEARNED_THRESHOLD,
    learn_project,
    learned_suggestions,
    loaded_model,
    merge_learned,
)
from annotator.analysis.review import as_json
from annotator.analysis.suggest import suggest
from annotator.domain.model import Document
from annotator.formats.importing import import_files
from annotator.storage.project import Project
from bench.harness import Context, Result

ROOT = Path(__file__).resolve().parents[1]
# ../shared/corpus from the repository's root (a worktree's root sits one folder deeper).
CORPUS = next((p / "shared" / "corpus" / "fa-interviews" for p in (ROOT.parent, ROOT.parent.parent)
               if (p / "shared" / "corpus" / "fa-interviews").is_dir()),
              ROOT.parent / "shared" / "corpus" / "fa-interviews")
PLOT = ROOT / "docs" / "learning-curve.svg"
KS = (0, 5, 10, 20)
FOLDS = 5
SPEED_DOCUMENTS = 200
SPEED_TARGET = 10.0  # seconds
CURVE_TARGET = 0.60  # model alone, Claim span F1 at the largest k
SYSTEMS = ("model", "rules", "rules+model")


def _score_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fa_interviews_score", CORPUS / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _gold() -> list[tuple[Path, dict[str, Any]]]:
    out = []
    for path in sorted(CORPUS.glob("*.gold.json")):
        spec = json.loads(path.read_text(encoding="utf-8"))
        out.append((CORPUS / spec["doc"], spec))
    return out


def _mark_gold(project: Project, doc_id: str, spec: dict[str, Any]) -> None:
    """The gold spans as an analyst's marks, each speaker registered once."""
    registry = {s.name: s.id for s in project.speakers()}
    with project.transaction():
        for span in spec["spans"]:
            attrs: dict[str, str] = {}
            name = span.get("speaker_full") or span.get("speaker") or ""
            if name:
                if name not in registry:
                    aliases = tuple(a for a in [span.get("speaker", ""), *span.get("aliases", [])]
                                    if a and a != name)
                    registry[name] = project.add_speaker(name, aliases=aliases).id
                attrs["speaker"] = registry[name]
            if span["label"] == "Claim" and span.get("quote") in ("direct", "indirect"):
                attrs["quote"] = span["quote"]
            project.add_span(doc_id, span["start"], span["end"], span["label"], attrs)


def _fold(folder: Path, gold: list[tuple[Path, dict[str, Any]]], train: list[int],
          score: ModuleType) -> dict[str, dict[str, list[int]]]:
    """Counts ``[gold, suggested, matched]`` per system and measure for one split."""
    path = folder / f"fold-{len(train)}-{random.random():.9f}.annot"
    counts = {s: {"span": [0, 0, 0], "speaker": [0, 0, 0]} for s in SYSTEMS}
    with Project.create(path, analyst="bench") as project:
        ids = []
        for text_path, _ in gold:
            before = {s.id for s in project.document_summaries()}
            import_files(project, [text_path])
            ids.append(next(s.id for s in project.document_summaries() if s.id not in before))
        for index in train:
            _mark_gold(project, ids[index], gold[index][1])
        model = None
        if train:
            learn_project(project)
            model = loaded_model(project)
        speakers = project.speakers()
        for index, (_, spec) in enumerate(gold):
            if index in train:
                continue
            doc_id = ids[index]
            text = project.document(doc_id).canonical_text
            rules = suggest(doc_id, text, speakers=speakers, schema=project.schema)
            learned = [] if model is None else learned_suggestions(
                doc_id, text, model, speakers=speakers, rules=rules, schema=project.schema)
            adds_from = None if model is None else model.stored.adds_from
            confident = [] if adds_from is None else [
                s for s in learned if s.confidence >= max(adds_from, LEARNED_THRESHOLD)]
            for system, found in (("model", learned), ("rules", rules),
                                  ("rules+model", merge_learned(rules, confident,
                                                           schema=project.schema))):
                rows = as_json(found, project)
                for measure, with_speaker in (("span", False), ("speaker", True)):
                    g, s, m = score.match(spec["spans"], rows, "Claim", with_speaker)
                    for i, n in enumerate((len(g), len(s), len(m))):
                        counts[system][measure][i] += n
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    return counts


def _f1(counts: list[int]) -> float:
    gold, suggested, matched = counts
    if not matched:
        return 0.0
    precision, recall = matched / suggested, matched / gold
    return 2 * precision * recall / (precision + recall)


def learning_curve(folder: Path, folds: int, log: Any = print) -> dict[str, Any]:
    """Median F1 per k, system and measure over ``folds`` random splits."""
    score = _score_module()
    gold = _gold()
    table: dict[int, dict[str, dict[str, list[float]]]] = {}
    for fold in range(folds):
        order = list(range(len(gold)))
        random.Random(fold).shuffle(order)
        for k in KS:
            counts = _fold(folder, gold, order[:k], score)
            for system, measures in counts.items():
                for measure, c in measures.items():
                    table.setdefault(k, {}).setdefault(system, {}).setdefault(
                        measure, []).append(_f1(c))
            log(f"fold {fold} k={k}: " + ", ".join(
                f"{system} {_f1(counts[system]['span']):.2f}/{_f1(counts[system]['speaker']):.2f}"
                for system in SYSTEMS))
    return {"folds": folds, "documents": len(gold), "median": {
        str(k): {system: {measure: round(statistics.median(values), 3)
                          for measure, values in measures.items()}
                 for system, measures in systems.items()}
        for k, systems in table.items()},
        "all": {str(k): systems for k, systems in table.items()}}


def readme_table(curve: dict[str, Any]) -> str:
    lines = ["| k (training documents) | model alone: Claim span F1 | model alone: Claim+speaker "
             "F1 | rules alone: Claim span / +speaker | rules + model: Claim span / +speaker |",
             "|---|---|---|---|---|"]
    for k, row in curve["median"].items():
        lines.append(
            f"| {k} | {row['model']['span']:.2f} | {row['model']['speaker']:.2f} | "
            f"{row['rules']['span']:.2f} / {row['rules']['speaker']:.2f} | "
            f"{row['rules+model']['span']:.2f} / {row['rules+model']['speaker']:.2f} |")
    return "\n".join(lines)


def svg_plot(curve: dict[str, Any]) -> str:
    """A small line chart of Claim span F1 against k, one line per system (hand-written SVG)."""
    width, height, left, bottom, top, right = 520, 300, 50, 40, 20, 150
    ks = [int(k) for k in curve["median"]]
    span = max(ks) or 1

    def x(k: int) -> float:
        return left + (width - left - right) * k / span

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - value)

    colours = {"model": "#d62728", "rules": "#7f7f7f", "rules+model": "#1f77b4"}
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'font-family="sans-serif" font-size="12">',
             f'<rect width="{width}" height="{height}" fill="white"/>',
             f'<line x1="{left}" y1="{y(0)}" x2="{width - right}" y2="{y(0)}" stroke="black"/>',
             f'<line x1="{left}" y1="{y(0)}" x2="{left}" y2="{y(1)}" stroke="black"/>']
    for tick in (0.0, 0.2, 0.4, 0.6, 0.8, 1.0):
        parts.append(f'<text x="{left - 8}" y="{y(tick) + 4}" text-anchor="end">{tick:.1f}</text>')
        parts.append(f'<line x1="{left}" y1="{y(tick)}" x2="{width - right}" y2="{y(tick)}" '
                     'stroke="#ddd"/>')
    for k in ks:
        parts.append(f'<text x="{x(k)}" y="{y(0) + 16}" text-anchor="middle">{k}</text>')
    parts.append(f'<text x="{(left + width - right) / 2}" y="{height - 6}" '
                 'text-anchor="middle">training documents (k)</text>')
    for row, (system, colour) in enumerate(colours.items()):
        points = " ".join(f"{x(k):.1f},{y(curve['median'][str(k)][system]['span']):.1f}"
                          for k in ks)
        parts.append(f'<polyline points="{points}" fill="none" stroke="{colour}" '
                     'stroke-width="2"/>')
        legend_y = top + 20 * row + 10
        parts.append(f'<line x1="{width - right + 10}" y1="{legend_y}" x2="{width - right + 30}" '
                     f'y2="{legend_y}" stroke="{colour}" stroke-width="2"/>')
        parts.append(f'<text x="{width - right + 36}" y="{legend_y + 4}">{system}</text>')
    parts.append(f'<text x="{left}" y="{top - 6}">Claim span F1 (median of '
                 f'{curve["folds"]} folds)</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


# -- speed on generated documents -------------------------------------------------------------

_NAMES = ("رضا کاظمی", "مریم سلطانی", "بهرام نیکزاد", "سارا امینی", "کاوه رستمی")
_WORDS = ("بازار", "امسال", "دولت", "برنامه", "مردم", "شهر", "آینده", "قیمت", "کار‌ها",
          "تصمیم", "گزارش", "نشست", "هفته", "بودجه", "پروژه", "مدرسه", "آب", "جاده", "😀")
_VERBS = ("گفت", "افزود", "تأکید کرد", "اظهار داشت")


def generated_documents(count: int, seed: int = 7) -> list[tuple[str, list[tuple[str, int, int]]]]:
    """``count`` invented news documents with their Claim and Turn marks (code points)."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        text, marks = "", []
        for _ in range(12):
            kind = rng.random()
            name = rng.choice(_NAMES)
            words = " ".join(rng.choices(_WORDS, k=rng.randint(6, 14)))
            if kind < 0.5:
                head = f"{name} {rng.choice(_VERBS)}: "
                marks.append(("Claim", len(text) + len(head), len(text) + len(head) + len(words)))
                text += f"{head}{words}.\n"
            elif kind < 0.75:
                head = f"{name}: "
                marks.append(("Turn", len(text) + len(head), len(text) + len(head) + len(words)))
                text += f"{head}{words}\n"
            else:
                text += f"{words}.\n"
        out.append((text, marks))
    return out


def learn_seconds(folder: Path, count: int) -> tuple[float, float, int]:
    """Wall and CPU seconds of ``learn_project`` on ``count`` generated, marked documents, and
    the marks it learned from."""
    path = folder / f"speed-{count}.annot"
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)
    with Project.create(path, analyst="bench") as project:
        documents = generated_documents(count)
        stored = project.add_documents(
            [Document("", f"generated {i}", "bench", text, text, ((len(text), len(text)),))
             for i, (text, _) in enumerate(documents)])
        with project.transaction():
            for document, (_, marks) in zip(stored, documents, strict=True):
                for label, start, end in marks:
                    project.add_span(document.id, start, end, label)
        began, began_cpu = time.perf_counter(), time.process_time()
        report = learn_project(project)
        return time.perf_counter() - began, time.process_time() - began_cpu, report.marks


def run(ctx: Context) -> list[Result]:
    results = []
    count = ctx.size(SPEED_DOCUMENTS, minimum=20)
    measured = [learn_seconds(ctx.workdir, count) for _ in range(max(1, min(ctx.repeats, 3)))]
    cpu = [m[1] for m in measured]
    wall = [m[0] for m in measured]
    # Judged on CPU time: the machine is shared, and its load stretches wall time many-fold.
    results.append(Result(
        name=f"learn on {count} generated documents (CPU time)", what="annotator learn",
        unit="s", value=statistics.median(cpu), target=float("nan"), kind="max", runs=cpu,
        verdict=statistics.median(cpu) <= SPEED_TARGET, target_label=f"≤ {SPEED_TARGET:g} s",
        size=f"{count} documents, {measured[0][2]} marks",
        notes=f"wall s median {statistics.median(wall):.2f}, min {min(wall):.2f}"))
    if not (CORPUS / "score.py").is_file():
        ctx.log(f"bench_learning: {CORPUS} is absent; the learning curve is skipped")
        return results
    folds = FOLDS if ctx.scale >= 1 else 2
    curve = learning_curve(ctx.workdir, folds, ctx.log)
    PLOT.write_text(svg_plot(curve), encoding="utf-8")
    ctx.log(readme_table(curve))
    median = curve["median"]
    top = str(max(KS))
    model = [median[str(k)]["model"]["span"] for k in KS]
    rising = all(b >= a for a, b in itertools.pairwise(model))
    never_below = all(median[str(k)]["rules+model"][m] >= median[str(k)]["rules"][m]
                      for k in KS for m in ("span", "speaker"))
    results.append(Result(
        name=f"model alone, Claim span F1 at k={top}", what="median of folds", unit="",
        value=median[top]["model"]["span"], target=float("nan"), kind="max",
        verdict=median[top]["model"]["span"] >= CURVE_TARGET and rising,
        target_label=f"≥ {CURVE_TARGET:g} and rising with k",
        size=f"{curve['documents']} texts, {folds} folds",
        notes="k " + " ".join(f"{k}:{v:.2f}" for k, v in zip(KS, model, strict=True))))
    results.append(Result(
        name="rules + model vs rules alone (Claim span and +speaker F1)", what="median",
        unit="", value=median[top]["rules+model"]["span"], target=float("nan"), kind="max",
        baseline=median[top]["rules"]["span"], verdict=never_below,
        target_label="never below rules alone, at every k",
        size=f"{curve['documents']} texts, {folds} folds", notes=json.dumps(median)))
    return results
