"""The model learned from a project's own marks: a linear-chain CRF (python-crfsuite) over
hazm word tokens, trained on the workstation, stored in the project file.

``learn_project`` trains and stores it; ``with_learned`` adds its confident suggestions to the
rules'; ``next_sentence`` finds the unmarked sentence it is least sure about.
"""

from __future__ import annotations

from annotator.analysis.learning.suggesting import (
    LEARNED_THRESHOLD,
    LearnedSuggestion,
    NoModel,
    UncertainSentence,
    learned_suggestions,
    loaded_model,
    merge_learned,
    model_state,
    next_sentence,
    with_learned,
)
from annotator.analysis.learning.training import (
    RULE_LEARNED,
    LearnReport,
    NothingToLearn,
    TrainingSnapshot,
    learn_project,
    take_snapshot,
    train_snapshot,
)
from annotator.analysis.suggest import RULES

# The one place the rule is registered, so every list of rules describes it.
RULES.setdefault(RULE_LEARNED, "a model learned from this project's own marks and rejections "
                               "(annotator learn) proposes spans the rules missed")

__all__ = [
    "LEARNED_THRESHOLD",
    "RULE_LEARNED",
    "LearnReport",
    "LearnedSuggestion",
    "NoModel",
    "NothingToLearn",
    "TrainingSnapshot",
    "UncertainSentence",
    "learn_project",
    "learned_suggestions",
    "loaded_model",
    "merge_learned",
    "model_state",
    "next_sentence",
    "take_snapshot",
    "train_snapshot",
    "with_learned",
]
