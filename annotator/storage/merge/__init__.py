"""Merging project files from other analysts: ``merge.source`` opens and vets a source file,
``merge.vetting`` checks each of its values, ``merge.versions`` holds the typed versions and
their history hashes, ``merge.decision`` decides each item (pure), ``merge.run`` writes, and
``merge.conflicts`` reviews what lost. ``annotator.storage.merging`` is the public face.

Kept empty of imports: ``Project`` uses ``merge.versions`` at start-up, the rest loads when a
merge runs.
"""
