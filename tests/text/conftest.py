"""hazm's own tokenizers, built once per session, as the reference our spans must agree with."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(scope="session")
def hazm_word_tokenizer() -> Any:
    import hazm

    return hazm.WordTokenizer(join_verb_parts=False)


@pytest.fixture(scope="session")
def hazm_sentence_tokenizer() -> Any:
    import hazm

    return hazm.SentenceTokenizer()
