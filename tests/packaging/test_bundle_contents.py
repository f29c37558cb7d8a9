"""The bundle scan (packaging/check_bundle.py) flags what must stay out, and nothing needed."""

from __future__ import annotations

import sys
from pathlib import Path

PACKAGING = Path(__file__).resolve().parents[2] / "packaging"
sys.path.insert(0, str(PACKAGING))

import bundle_contents  # noqa: E402 - from the folder put on the path above
from check_bundle import problems  # noqa: E402

NEEDED_FILES = [
    *bundle_contents.REQUIRED_FILES, "lxml/etree.cpython-312-x86_64-linux-gnu.so",
    "lxml/html/__init__.pyc", "pdfminer/cmap/78-EUC-H.json.gz",
    "PySide6/QtCharts.abi3.so", "PySide6/QtSvg.abi3.so", "PySide6/QtWidgets.abi3.so",
    "PySide6/Qt/lib/libQt6Charts.so.6", "PySide6/Qt/lib/libQt6OpenGLWidgets.so.6",
    "PySide6/Qt/lib/libQt6Svg.so.6", "PySide6/Qt/lib/libicudata.so.73",
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so", "PySide6/Qt/translations/qtbase_fa.qm",
    "qtawesome/fonts/fontawesome5-solid-webfont-5.15.4.ttf", "libpython3.12.so.1.0",
    "python3.12/lib-dynload/_sqlite3.cpython-312-x86_64-linux-gnu.so",
    "pycrfsuite/_pycrfsuite.cpython-312-x86_64-linux-gnu.so",  # the learned model's CRF
]
NEEDED_MODULES = [*bundle_contents.REQUIRED_MODULES, "hazm", "hazm.lemmatizer", "hazm.stemmer",
                  "PySide6.QtCharts", "PySide6.QtSvg", "annotator.text.hazm_support", "click"]
UNWANTED_FILES = [
    "nltk/tokenize/api.py", "nltk_data/corpora/x", "numpy/_core/_multiarray_umath.so",
    "numpy.libs/libscipy_openblas.so", "numpy-2.5.5.dist-info/METADATA",
    "sklearn/__init__.pyc",
    "PySide6/QtWebEngineCore.abi3.so", "PySide6/QtMultimedia.abi3.so",
    "PySide6/Qt/lib/libQt6WebEngineCore.so.6", "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6QmlModels.so.6", "PySide6/Qt/lib/libQt63DRender.so.6",
    "PySide6/Qt/lib/libQt6Pdf.so.6", "PySide6/Qt/lib/libQt6VirtualKeyboard.so.6",
    "PySide6/Qt/libexec/QtWebEngineProcess", "PySide6/Qt/qml/QtQuick/Controls/qmldir",
    "PySide6/Qt/plugins/imageformats/libqpdf.so",
    "PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    "PySide6/Qt/translations/qtbase_de.qm", "hazm/corpus_readers/peykare_reader.py",
    "Qt6WebEngineCore.dll", "PySide6/Qt6Quick.dll",
    "lxml/objectify.cpython-312-x86_64-linux-gnu.so", "lxml/isoschematron/__init__.pyc",
    "lxml/html/diff.cpython-312-x86_64-linux-gnu.so",
]
UNWANTED_MODULES = ["nltk", "nltk.tokenize.api", "numpy", "sklearn.base",
                    "hazm.pos_tagger", "hazm.chunker", "hazm.corpus_readers.peykare_reader",
                    "PySide6.QtWebEngineWidgets", "PySide6.QtQml", "PySide6.QtDataVisualization"]


def test_a_bundle_of_needed_things_has_no_problem() -> None:
    assert problems(NEEDED_FILES, NEEDED_MODULES) == []


def test_each_unwanted_file_and_module_is_named() -> None:
    found = problems([*NEEDED_FILES, *UNWANTED_FILES], [*NEEDED_MODULES, *UNWANTED_MODULES])
    assert found == [*(f"should not be bundled: file {p}" for p in UNWANTED_FILES),
                     *(f"should not be bundled: module {m}" for m in UNWANTED_MODULES)]


def test_missing_hazm_data_is_named() -> None:
    files = [path for path in NEEDED_FILES if path != "hazm/data/words.dat"]
    modules = [name for name in NEEDED_MODULES if name != "hazm.normalizer"]
    assert problems(files, modules) == ["missing: file hazm/data/words.dat",
                                        "missing: module hazm.normalizer"]


def test_kept_qt_modules_are_not_excluded() -> None:
    assert not set(bundle_contents.KEEP_QT) & set(bundle_contents.EXCLUDED_QT)
    assert "hazm.normalizer" not in bundle_contents.excluded_modules()
