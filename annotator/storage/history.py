"""Per-item history hashes; they live with the versions they hash, in
``annotator.storage.merge.versions`` (see there), and are named here as before."""

from annotator.storage.merge.versions import (
    APPEND_SQL,
    HASH_LENGTH,
    SEEN_ALL,
    canonical,
    content,
    next_hash,
    relation_version,
    span_version,
    speaker_version,
    version_hash,
)
from annotator.storage.tables import history_json

__all__ = ["APPEND_SQL", "HASH_LENGTH", "SEEN_ALL", "canonical", "content", "history_json",
           "next_hash", "relation_version", "span_version", "speaker_version", "version_hash"]
