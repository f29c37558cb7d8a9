"""Names of the default schema and of the suggestion rules in the interface language.

The project stores ``Claim``, ``checkworthy`` and ``yes``; the window shows ``ادعا``,
``ارزش راستی‌آزمایی`` and ``بله`` in Persian. Only the names of the default interview schema
(``interview_schema()``) and of the rules are translated: a project's own labels, attributes and
values are shown exactly as stored.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from annotator.domain.schema import interview_schema

# Read by lupdate: each default name once, in the context the functions below translate with.
_DECLARED = (
    QT_TRANSLATE_NOOP("SchemaNames", "Speaker"), QT_TRANSLATE_NOOP("SchemaNames", "Turn"),
    QT_TRANSLATE_NOOP("SchemaNames", "Claim"), QT_TRANSLATE_NOOP("SchemaNames", "Stance"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "speaker"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "role"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "type"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "checkworthy"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "quote"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "holder"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "target"),
    QT_TRANSLATE_NOOP("SchemaAttributes", "polarity"),
    QT_TRANSLATE_NOOP("SchemaValues", "interviewer"),
    QT_TRANSLATE_NOOP("SchemaValues", "interviewee"),
    QT_TRANSLATE_NOOP("SchemaValues", "narrator"),
    QT_TRANSLATE_NOOP("SchemaValues", "factual"), QT_TRANSLATE_NOOP("SchemaValues", "opinion"),
    QT_TRANSLATE_NOOP("SchemaValues", "prediction"),
    QT_TRANSLATE_NOOP("SchemaValues", "commitment"),
    QT_TRANSLATE_NOOP("SchemaValues", "other"), QT_TRANSLATE_NOOP("SchemaValues", "yes"),
    QT_TRANSLATE_NOOP("SchemaValues", "no"), QT_TRANSLATE_NOOP("SchemaValues", "direct"),
    QT_TRANSLATE_NOOP("SchemaValues", "indirect"), QT_TRANSLATE_NOOP("SchemaValues", "none"),
    QT_TRANSLATE_NOOP("SchemaValues", "favor"), QT_TRANSLATE_NOOP("SchemaValues", "against"),
    QT_TRANSLATE_NOOP("SchemaValues", "neutral"),
    QT_TRANSLATE_NOOP("RuleNames", "name-prefix"),
    QT_TRANSLATE_NOOP("RuleNames", "question-answer"),
    QT_TRANSLATE_NOOP("RuleNames", "lead-introduction"),
    QT_TRANSLATE_NOOP("RuleNames", "reported-speech"),
    QT_TRANSLATE_NOOP("RuleNames", "reported-view"),
    QT_TRANSLATE_NOOP("RuleNames", "according-to"),
    QT_TRANSLATE_NOOP("RuleNames", "with-saying"),
    QT_TRANSLATE_NOOP("RuleNames", "announced"),
    QT_TRANSLATE_NOOP("RuleNames", "continued-quote"),
    QT_TRANSLATE_NOOP("RuleNames", "post-bullets"),
    QT_TRANSLATE_NOOP("RuleNames", "learned"),
    QT_TRANSLATE_NOOP("RuleNames", "colon-quote"),
    QT_TRANSLATE_NOOP("RuleNames", "propagate"),
)


@cache
def _defaults() -> tuple[frozenset[str], frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    schema = interview_schema()
    labels = frozenset(layer.name for layer in schema.layers)
    attributes = frozenset((layer.name, a.name) for layer in schema.layers
                           for a in layer.attributes)
    values = frozenset((a.name, v) for layer in schema.layers for a in layer.attributes
                       for v in a.values)
    return labels, attributes, values


def label_name(label: str) -> str:
    """A label as the window shows it: translated when it is one of the default schema's."""
    if label in _defaults()[0]:
        return QCoreApplication.translate("SchemaNames", label)
    return label


def attribute_name(label: str, attribute: str) -> str:
    if (label, attribute) in _defaults()[1]:
        return QCoreApplication.translate("SchemaAttributes", attribute)
    return attribute


def value_name(attribute: str, value: str) -> str:
    if (attribute, value) in _defaults()[2]:
        return QCoreApplication.translate("SchemaValues", value)
    return value


def rule_name(rule: str) -> str:
    return QCoreApplication.translate("RuleNames", rule)
