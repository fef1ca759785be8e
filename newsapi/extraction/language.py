"""Language identification with py3langid, the maintained fork of langid.py.

langid.py is a naive Bayes classifier over byte n-grams, trained on text of many domains; its model
ships inside the package (nothing downloads) and reads the start of an article in about 1.4 ms
(BENCHMARKS.md). It replaced a stopword count of our own, which read short English wire briefs as
Czech (the article "a", "U.S." split into "u" and "s"): nothing was extracted from them.

The answer is an ISO 639-1 code, or "und" when the text gives too little to say (empty, numbers, a
couple of words): the classifier's probability for its best language is below ``MIN_CONFIDENCE``.
"""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 4000
UNDETERMINED = "und"
# Below this probability the best language is a guess: "Hello world" and "Istanbul" score 0.1-0.2; a
# sentence of news, in any language the model knows, 0.9 or more.
MIN_CONFIDENCE = 0.5


@lru_cache(maxsize=1)
def _identifier():
    """The classifier, loaded once per process (half a second), restricted to the languages with an
    ISO 639-1 code: the codes newsapi stores."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([code for code in identifier.labels if len(code) == 2])
    # The unrestricted weights are kept only to restrict again, which newsapi never does: 27 MB.
    identifier._full_model = None
    return identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    if not any(char.isalpha() for char in sample):
        return UNDETERMINED
    code, probability = _identifier().classify(sample)
    return code if probability >= MIN_CONFIDENCE else UNDETERMINED
