"""Searching 10,000 documents (30 MB) with ``Project.search``.

Three queries: ``علي`` (typed with Arabic yeh; folding finds ``علی`` in about half of the
documents, part of longer words included), a word in no document (the whole corpus is
scanned), and a common word with ``limit=100`` (what a results panel asks for first). The
baseline is ``str.find`` over folded texts already in memory: the floor, without SQLite.
The first search after opening, which reads and folds every text, is reported beside them.
"""

from __future__ import annotations

from annotator.formats.importing import import_files
from annotator.storage.project import Project
from annotator.text import search_fold
from bench import corpus
from bench.harness import Context, Result, median, peak_memory, timed

DOCUMENTS = 10_000
QUERIES = (("علي", None), (corpus.ABSENT_WORD, None), ("ایران", 100))


def run(ctx: Context) -> list[Result]:
    count = ctx.size(DOCUMENTS, minimum=5)
    texts = corpus.documents(count, seed=ctx.seed)
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    size = f"{count:,} documents, {megabytes:.1f} MB"
    path = ctx.path("search.annot")
    Project.create(path, analyst="bench").close()
    with Project.open(path, analyst="bench") as project:
        import_files(project, corpus.write_files(texts, ctx.workdir / "texts"))
    ctx.log(f"search: {size}")
    results = []
    with Project.open(path, analyst="bench", read_only=True) as project:
        first = timed(lambda: project.search(QUERIES[0][0]))
        folded = [search_fold(d.canonical_text) for d in project.documents()]
        for query, limit in QUERIES:
            hits = len(project.search(query, limit=limit))
            needle = search_fold(query)
            measured, baseline = ctx.compare(
                lambda q=query, n=limit: project.search(q, limit=n),
                lambda n=needle: _find_in_memory(folded, n))
            shown = f"{query!r}" + (f", limit {limit}" if limit else "")
            results.append(Result(
                f"search {shown}", "Project.search across every document", "s",
                median(measured), 0.050, "max", median(baseline),
                "str.find over folded texts in memory", measured, baseline,
                f"{size}, {hits:,} hits"))
    with Project.open(path, analyst="bench", read_only=True) as project:
        memory = peak_memory(lambda: project.search(QUERIES[0][0]))
    results.append(Result(
        "first search after opening", "reads and folds every text, then searches", "s", first,
        1.0, "max", size=size,
        notes=f"one measurement: only the first search pays it; the texts it keeps take "
              f"{memory.python_peak / 2**20:.0f} MB (Python heap peak), RSS grew "
              f"{memory.rss_growth / 2**20:.0f} MB"))
    return results


def _find_in_memory(folded: list[str], needle: str) -> int:
    hits = 0
    for text in folded:
        start = text.find(needle)
        while start >= 0:
            hits += 1
            start = text.find(needle, start + len(needle))
    return hits
