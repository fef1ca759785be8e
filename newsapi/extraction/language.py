"""Language identification: pure Python, light, fast on long text.

Two steps over a sample of the text's start:

1. The script: Cyrillic, Arabic, Hebrew, Greek, Devanagari, Thai, Hangul,
   kana and Han characters settle the language (or narrow it: Ukrainian
   letters і/ї/є/ґ against Russian ы/э/ё, Persian letters against Arabic).
2. For Latin script, stopword profiles: the language whose most common
   function words cover the most tokens wins, helped by letters only some
   languages use (ß, ñ, ã, ł, ı, ø, å...).

The answer is an ISO 639-1 code, or "und" when the text gives too little to
say (empty, numbers, a handful of words in no profile).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

SAMPLE_CHARS = 4000
UNDETERMINED = "und"
_MIN_HITS = 3  # stopwords needed before a Latin-script guess
_MIN_SHARE = 0.08  # share of tokens that must be stopwords of the winning language

_STOPWORDS: dict[str, frozenset[str]] = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the of and to in is that for it was on with as by at from his her he she they are were be "
        "been has have had this which not but or an will would said its their who after about",
        "de": "der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im auch es wird "
        "werden wurde hat sind bei nach aus wie oder aber als dass noch über nur er sie",
        "fr": "le la les de des du et est un une en que qui dans pour pas sur au aux avec il elle ne se ce "
        "cette sont par plus ont été mais ou son sa ses nous vous leur",
        "es": "el la los las de del y que en un una es se no por con para su sus al lo como más pero fue "
        "ha han este esta entre sobre también muy sin ya cuando son está",
        "it": "il lo la gli le di del della dei delle che e è un una per non con su sono ha hanno al alla "
        "nel nella anche come più ma questo questa essere stato da dal degli",
        "pt": "o a os as de do da dos das e é que em no na nos nas um uma para com não por se mais ao foi "
        "são pelo pela seu sua mas como também já está ele ela",
        "nl": "de het een en van is dat die in op te met voor niet zijn aan er ook als bij door maar om naar "
        "dan wordt werd heeft hebben nog uit over deze dit wel geen kan ze hij",
        "pl": "i w nie na się z do to że jest o jak ale po co tak za od przez jego jej są był była było dla "
        "oraz już także może tylko przy który która które tym czy ich",
        "tr": "ve bir bu da de için ile olarak olan daha çok gibi en ama ne değil var yok kadar sonra her "
        "şey o ben biz onun tarafından ise veya ancak göre ki mi üzerinde içinde",
        "sv": "och i att det som en är på för av med till den har inte om ett var de jag men han hon sig "
        "från vi så kan när eller efter också skulle vid över sina detta",
        "da": "og i at det er en til på som af for med den de har ikke et var om fra men han hun sig vi så "
        "kan når eller efter også skal blev være ved over dette hvor sagde blive mod nu noget meget hvad fik havde",
        "no": "og i det er en til på som av for med den de har ikke et var om fra men han hun seg vi så kan "
        "når eller etter også skal ble være ved over dette hvor jeg sa bli mot nå noe mye hva fikk hadde at",
        "ro": "și în de la a cu pe că nu este din o un se sunt mai pentru care au fost sau dar ca această "
        "acest lui ei el ea foarte prin după până fi va",
        "cs": "a se na je v že to s z do o jsou by jako ale pro k po jeho její byl byla bylo které který "
        "která tak už také jen nebo při od podle mezi",
        "id": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena oleh atau sudah "
        "saya mereka kami bisa telah lebih sebagai tersebut namun bahwa para",
        "fi": "ja on ei se että oli ovat kun mutta myös tai hän joka sen niin kuin jo vain ole olla mukaan "
        "jälkeen sekä tämä siitä nyt vielä voi koska",
        "hu": "a az és hogy nem is egy meg van volt de azt ez már csak mint ki el még lesz vagy kell pedig "
        "után szerint között amely ahol most",
    }.items()
}

# Letters that only some Latin-script languages use: each occurrence is a small vote.
_LETTER_HINTS: dict[str, str] = {
    "ß": "de", "ä": "de fi sv", "ö": "de fi sv tr hu", "ü": "de tr hu", "ñ": "es", "¿": "es", "¡": "es",
    "ã": "pt", "õ": "pt", "ç": "fr pt tr", "ê": "fr pt", "è": "fr it", "à": "fr it pt", "ù": "fr it",
    "ł": "pl", "ą": "pl", "ę": "pl", "ś": "pl", "ź": "pl", "ż": "pl", "ń": "pl", "ı": "tr", "ş": "tr ro",
    "ğ": "tr", "ø": "da no", "æ": "da no", "å": "sv da no", "ș": "ro", "ț": "ro", "ă": "ro", "ř": "cs",
    "ě": "cs", "ů": "cs", "č": "cs", "ő": "hu", "ű": "hu",
}  # fmt: skip
_LETTER_WEIGHT = 0.5

# Words, but not the one letter after an apostrophe: English's "'s", "'t", "'d" would count as the
# Czech and Slovak "s" ("with"), and a few possessive names tip a short English text to Czech.
# Elisions keep the word after the mark ("qu'il", "l'anno").
_TOKEN = re.compile(r"(?<!['\u2019])[^\W\d_]+|(?<=['\u2019])[^\W\d_]{2,}")


@lru_cache(maxsize=4096)
def _script(char: str) -> str | None:
    """The script of one letter, by its Unicode name (None for marks, digits and punctuation)."""
    if not char.isalpha():
        return None
    if char.isascii():
        return "latin"
    name = unicodedata.name(char, "")
    for script in (
        "LATIN", "CYRILLIC", "ARABIC", "HEBREW", "GREEK", "DEVANAGARI", "THAI", "HANGUL", "HIRAGANA",
        "KATAKANA", "CJK", "BENGALI", "TAMIL", "GEORGIAN", "ARMENIAN",
    ):  # fmt: skip
        if name.startswith(script):
            return script.lower()
    return "other"


def _by_script(counts: dict[str, int], sample: str) -> str:
    """The language of a non-Latin script, refined by the letters some languages alone use."""
    script = max(counts, key=counts.get)
    if script in ("hiragana", "katakana", "cjk"):
        kana = counts.get("hiragana", 0) + counts.get("katakana", 0)
        return "ja" if kana >= 0.05 * (kana + counts.get("cjk", 0)) else "zh"
    if script == "cyrillic":
        ukrainian = sum(sample.count(c) for c in "іїєґІЇЄҐ")
        russian = sum(sample.count(c) for c in "ыэёЫЭЁ")
        if ukrainian > russian:
            return "uk"
        if any(c in sample for c in "ђјљњћџЂЈЉЊЋЏ"):
            return "sr"
        if russian == 0 and sample.count("ъ") > 0:
            return "bg"
        return "ru"
    if script == "arabic":
        persian = sum(sample.count(c) for c in "پچژگی")
        urdu = sum(sample.count(c) for c in "ٹڈڑںے")
        if urdu > persian and urdu > 0:
            return "ur"
        return "fa" if persian > sample.count("ة") + sample.count("ي") else "ar"
    return {
        "hebrew": "he",
        "greek": "el",
        "devanagari": "hi",
        "thai": "th",
        "hangul": "ko",
        "bengali": "bn",
        "tamil": "ta",
        "georgian": "ka",
        "armenian": "hy",
    }.get(script, UNDETERMINED)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    sample = text[:SAMPLE_CHARS]
    counts: dict[str, int] = {}
    # Each distinct character once: a news sample holds a few dozen of them in thousands of places.
    for char, occurrences in Counter(sample).items():
        script = _script(char)
        if script is not None:
            counts[script] = counts.get(script, 0) + occurrences
    if not counts:
        return UNDETERMINED
    if max(counts, key=counts.get) != "latin":
        return _by_script(counts, sample)

    tokens = _TOKEN.findall(sample.lower())
    if not tokens:
        return UNDETERMINED
    scores = {code: sum(1 for t in tokens if t in words) for code, words in _STOPWORDS.items()}
    hits = dict(scores)
    lowered = sample.lower()
    for letter, codes in _LETTER_HINTS.items():
        occurrences = lowered.count(letter)
        if occurrences:
            for code in codes.split():
                scores[code] += _LETTER_WEIGHT * occurrences
    best = max(scores, key=scores.get)
    if hits[best] < _MIN_HITS or hits[best] < _MIN_SHARE * len(tokens):
        return UNDETERMINED
    return best
