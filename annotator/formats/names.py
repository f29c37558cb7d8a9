"""The names of the import and export formats, in a module that imports nothing, so the command
line can offer them as choices without loading the readers and writers (the ``gui`` command
never needs them at start-up)."""

IMPORT_FORMATS = ("auto", "txt", "csv", "jsonl", "doccano", "label-studio", "brat", "html",
                  "docx", "pdf")
EXPORT_FORMATS = ("jsonl", "spans-jsonl", "spans-csv", "claims-csv", "stance-csv", "conll",
                  "conll2003", "tokens-jsonl", "parquet", "doccano", "label-studio", "brat")
OFFSET_UNITS = ("codepoints", "utf16", "graphemes")  # doccano's offsets (text.units.UNITS)
