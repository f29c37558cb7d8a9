"""What the bundle leaves out, in one place: build.spec excludes it, check_bundle.py proves it.

The program uses hazm's normalizer only (annotator/text/hazm_support.py loads it without hazm's
__init__), and from Qt only the modules below. Everything here is importable in the build
environment, so PyInstaller would otherwise follow it in.
"""

from __future__ import annotations

# Python packages the program never runs. nltk comes with hazm's taggers (python-crfsuite too,
# but the learned model needs it: it stays); numpy and pandas are optional in sqlite-utils; the
# rest arrive with nltk or hazm's extras.
EXCLUDED_PACKAGES = (
    "nltk", "nltk_data", "sklearn", "scipy", "numpy", "pandas", "gensim", "spacy",
    "fasttext", "torch", "joblib", "tqdm", "regex", "huggingface_hub", "hf_xet", "httpx",
    "httpcore", "anyio", "matplotlib", "PIL", "tkinter", "_tkinter", "IPython", "pytest",
    "hypothesis", "mypy", "ruff", "krippendorff", "orjson", "psutil",
    # The parquet and interop extras: --format parquet says how to install pyarrow instead.
    "pyarrow", "datasets", "duckdb", "label_studio_converter", "label_studio_tools", "seqeval",
    "pybrat",
    # Nothing in the program uses them, but once in the bundle PyInstaller's runtime hooks
    # import multiprocessing (and pkgutil, through runpy) at every start: about 12 ms.
    "multiprocessing", "asyncio", "concurrent",
)

# hazm's modules for tagging, parsing, embeddings and corpora, which import nltk and crfsuite.
EXCLUDED_HAZM_MODULES = (
    "hazm.chunker", "hazm.corpus_readers", "hazm.dependency_parser", "hazm.embedding",
    "hazm.informal_normalizer", "hazm.ner", "hazm.pos_tagger", "hazm.sequence_tagger",
    "hazm.token_splitter",
)

# lxml's parts no importer uses (python-docx, readability-lxml and lxml-html-clean need etree,
# html and html.clean): objectify alone is 2.9 MB.
EXCLUDED_LXML_MODULES = ("lxml.objectify", "lxml.isoschematron", "lxml.html.diff",
                         "lxml.html._difflib")

# The Qt modules the program uses: widgets, the dashboard's charts, qtawesome's SVG.
KEEP_QT = ("QtCore", "QtGui", "QtWidgets", "QtCharts", "QtSvg")

# Qt families no part of the program uses, as PySide6 module names; the scan also looks for
# their shared libraries and QML folders.
EXCLUDED_QT = (
    "QtWebEngineCore", "QtWebEngineWidgets", "QtWebEngineQuick", "QtWebChannel", "QtWebView",
    "QtWebSockets", "Qt3DCore", "Qt3DRender", "Qt3DInput", "Qt3DLogic", "Qt3DAnimation",
    "Qt3DExtras", "QtQuick", "QtQuick3D", "QtQuickControls2", "QtQuickWidgets", "QtQuickTest",
    "QtQml", "QtMultimedia", "QtMultimediaWidgets", "QtSpatialAudio", "QtTextToSpeech",
    "QtPdf", "QtPdfWidgets", "QtDataVisualization", "QtGraphs", "QtGraphsWidgets",
    "QtBluetooth", "QtNfc", "QtPositioning", "QtLocation", "QtSensors", "QtSerialPort",
    "QtSerialBus", "QtRemoteObjects", "QtScxml", "QtStateMachine", "QtHttpServer", "QtDesigner",
    "QtHelp", "QtUiTools", "QtSql", "QtTest", "QtXml", "QtNetworkAuth", "QtCanvasPainter",
    "QtLabsStyleKit", "QtQmlFeatures", "QtOpenGLWidgets", "QtConcurrent", "QtPrintSupport",
    "QtSvgWidgets", "QtNetwork", "QtOpenGL", "QtDBus",
)


def excluded_modules() -> list[str]:
    """Module names for PyInstaller's ``excludes``."""
    return [*EXCLUDED_PACKAGES, *EXCLUDED_HAZM_MODULES, *EXCLUDED_LXML_MODULES,
            *(f"PySide6.{name}" for name in EXCLUDED_QT)]


# Qt libraries that must not be in the bundle, by family: nothing of the program uses them, and
# two plugins (imageformats/libqpdf, the virtual keyboard input context) would pull in QtPdf,
# QtQuick and QtQml. Matched against file names, e.g. libQt6WebEngineCore.so.6, Qt6Quick.dll.
FORBIDDEN_QT_LIBRARIES = (
    "WebEngine", "WebChannel", "WebView", "WebSockets", "3D", "Quick", "Qml", "Multimedia",
    "SpatialAudio", "TextToSpeech", "Pdf", "DataVisualization", "Graphs", "VirtualKeyboard",
    "Bluetooth", "Nfc", "Positioning", "Location", "Sensors", "SerialPort", "SerialBus",
    "RemoteObjects", "Scxml", "StateMachine", "HttpServer", "Designer", "Help", "UiTools",
    "Sql", "Test",
)
FORBIDDEN_PLUGINS = ("imageformats/libqpdf", "imageformats/qpdf",
                     "platforminputcontexts/libqtvirtualkeyboardplugin",
                     "platforminputcontexts/qtvirtualkeyboardplugin")
# Files the program needs at run time, relative to _internal (checked present).
REQUIRED_FILES = ("hazm/data/words.dat", "hazm/data/verbs.dat", "hazm/data/abbreviations.dat",
                  "resources/samples/interview-fa.txt", "resources/fonts/Vazirmatn-Regular.ttf",
                  "resources/icons/annotator.png")
REQUIRED_MODULES = ("hazm.normalizer", "hazm.word_tokenizer", "flashtext", "annotator.selftest",
                    "annotator.ui.app", "sqlite_utils", "qtawesome", "readability", "docx",
                    "pdfminer.layout", "lxml.html", "pycrfsuite", "annotator.analysis.learning")

# Qt's own translations that the window loads (qtbase_fa); the other 40-odd languages go.
KEEP_QT_TRANSLATIONS = ("_fa.qm", "_en.qm")


def forbidden_module(name: str) -> bool:
    """Whether the Python module ``name`` (dotted) must not be in the bundle."""
    banned = (*EXCLUDED_PACKAGES, *EXCLUDED_HAZM_MODULES, *EXCLUDED_LXML_MODULES,
              *(f"PySide6.{qt}" for qt in EXCLUDED_QT))
    return any(name == b or name.startswith(b + ".") for b in banned)


def forbidden_file(path: str) -> bool:
    """Whether a file at ``path`` (relative to the bundle's _internal) must not be in it."""
    parts = path.replace("\\", "/").split("/")
    name = parts[-1]
    top = name.split(".")[0]
    if parts[0].split("-")[0].split(".")[0] in EXCLUDED_PACKAGES:
        return True  # a package folder, its .libs folder or its .dist-info
    if parts[0] == "hazm" and len(parts) > 1 and f"hazm.{parts[1].removesuffix('.py')}" in \
            EXCLUDED_HAZM_MODULES:
        return True
    if parts[0] == "lxml" and ".".join([*parts[:-1], top]) in EXCLUDED_LXML_MODULES:
        return True  # an extension module such as lxml/objectify.cpython-312-x86_64-linux-gnu.so
    if parts[0] == "lxml" and ".".join(parts[:2]) in EXCLUDED_LXML_MODULES:
        return True  # a sub-package's folder, such as lxml/isoschematron/resources
    if parts[0] == "PySide6" and top in EXCLUDED_QT:
        return True  # a binding such as PySide6/QtWebEngineCore.abi3.so
    if "qml" in parts:
        return True  # QML modules are for QtQuick
    for family in FORBIDDEN_QT_LIBRARIES:
        for prefix in (f"libQt6{family}", f"Qt6{family}", f"Qt{family}"):
            if name.startswith(prefix):
                return True
    joined = "/".join(parts)
    if any(f"plugins/{plugin}." in joined for plugin in FORBIDDEN_PLUGINS):
        return True
    return "translations" in parts and name.endswith(".qm") and \
        not name.endswith(KEEP_QT_TRANSLATIONS)
