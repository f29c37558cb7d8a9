"""hazm's normalizer loaded without hazm/__init__.py repairs text exactly as hazm's own does."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "samples" / "interview-fa.txt"

# Each run normalizes the same texts in a fresh interpreter; FULL_HAZM imports hazm in full first,
# so the normalizer is hazm's own, built on the real nltk base classes.
SCRIPT = r"""
import json, sys
if sys.argv[1] == "full":
    import hazm
from annotator.text.hazm_support import spacing_normalizer
from annotator.text.normalize import normalize
texts = json.loads(sys.stdin.read())
repairs = spacing_normalizer()
out = {
    "spacing": [repairs.correct_spacing(t) for t in texts],
    "mi": [repairs.seperate_mi(t) for t in texts],
    "level": [normalize(t, "hazm").text for t in texts],
    "modules": sorted(m for m in sys.modules if m.split(".")[0] in
                      ("hazm", "nltk", "pycrfsuite", "sklearn", "numpy", "gensim", "spacy")),
}
print(json.dumps(out, ensure_ascii=False))
"""

TEXTS = [
    *SAMPLE.read_text(encoding="utf-8").splitlines(),
    "کتاب ها را میخوانم 😀 و نمی کنم",
    "علي و كتاب\u200cها می پردازند .",
    "https://example.com/a.b و S-400 و a@b.ir",
    "خانهٔ ما ، «جان» گفت : بله",
]


def run(mode: str) -> dict[str, list[str]]:
    result = subprocess.run([sys.executable, "-c", SCRIPT, mode], input=json.dumps(TEXTS),
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    loaded: dict[str, list[str]] = json.loads(result.stdout)
    return loaded


def test_the_light_loader_normalizes_like_hazm_and_loads_neither_nltk_nor_taggers() -> None:
    light, full = run("light"), run("full")
    for key in ("spacing", "mi", "level"):
        assert light[key] == full[key], key
    assert light["spacing"][len(TEXTS) - 4].startswith("کتاب‌ها")  # hazm did repair something
    assert "nltk" in full["modules"] and "hazm.pos_tagger" in full["modules"]
    assert set(light["modules"]) <= {
        "hazm.api", "hazm.constants", "hazm.lemmatizer", "hazm.normalizer",
        "hazm.sentence_tokenizer", "hazm.stemmer", "hazm.types", "hazm.utils",
        "hazm.word_tokenizer"}, light["modules"]
    assert "hazm.normalizer" in light["modules"]


def test_hazm_imported_after_the_light_loader_is_whole() -> None:
    code = ("from annotator.text.hazm_support import spacing_normalizer\n"
            "spacing_normalizer()\n"
            "import hazm\n"
            "print(hazm.WordTokenizer(join_verb_parts=False).tokenize('کتاب ها'),"
            " hazm.SentenceTokenizer().tokenize('یک. دو.'), hazm.POSTagger.__name__)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['کتاب', 'ها'] ['یک.', 'دو.'] POSTagger"
