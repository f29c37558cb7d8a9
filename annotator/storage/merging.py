"""Merge project files from other analysts into a project, all-or-nothing.

Matching: documents by id, else by canonical text hash (the same article imported twice is one
document); spans, relations and speakers by id. Each item keeps its author.

Which version of an item wins is a pure function of all the versions seen, so merging is
idempotent (the same file twice changes nothing), commutative and associative:

* the highest ``revision`` wins (an edit made on top of another has a higher revision);
* versions at that revision whose content differs (anything but ``modified``) are a conflict:
  the one with the later ``modified`` (then the larger canonical JSON) stays in the item's row
  and every other is kept in ``merge_conflicts`` as JSON for review, never dropped;
* a version at a lower revision that no other version was built on (by their ``history``)
  is a conflict too, unless the winner's history is unknown there (then the higher revision
  simply wins, as before histories);
* conflicts at a lower revision than the row are obsolete: a later edit resolved them.

A source file is untrusted: its header is read as bytes first, then it is opened read-only
and immutable, its schema must be exactly ours (no view, trigger or unknown table), and every
value is checked like an import before anything is written.
"""

from annotator.storage.merge.conflicts import ENTITIES, Conflict, conflicts, resolve_conflict
from annotator.storage.merge.report import MergeCounts, MergeReport, Refusal
from annotator.storage.merge.run import merge_files, merge_projects
from annotator.storage.merge.source import SourceFile, open_source
from annotator.storage.merge.versions import Version, combine

__all__ = ["ENTITIES", "Conflict", "MergeCounts", "MergeReport", "Refusal", "SourceFile",
           "Version", "combine", "conflicts", "merge_files", "merge_projects", "open_source",
           "resolve_conflict"]
