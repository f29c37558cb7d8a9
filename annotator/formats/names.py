"""The names of the import and export formats, in a module that imports nothing, so the command
line can offer them as choices without loading the readers and writers (the ``gui`` command
never needs them at start-up)."""

IMPORT_FORMATS = ("auto", "txt", "csv", "jsonl", "doccano", "label-studio", "brat", "html",
                  "docx", "pdf")
EXPORT_FORMATS = ("jsonl", "spans-jsonl", "spans-csv", "claims-csv", "stance-csv", "conll",
                  "doccano", "label-studio", "brat")
