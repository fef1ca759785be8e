"""Language identification (py3langid)."""

from pathlib import Path

import pytest

from newsapi.extraction.cleaning import clean_article
from newsapi.extraction.language import SAMPLE_CHARS, detect_language

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"

SENTENCES = {
    "en": "The minister said on Wednesday that the talks would be held in Istanbul, and that the delegation was ready.",
    "de": "Der Minister sagte am Mittwoch, dass die Gespräche in Istanbul stattfinden werden und die Delegation bereit ist.",
    "fr": "Le ministre a déclaré mercredi que les pourparlers auront lieu à Istanbul et que la délégation est prête.",
    "es": "El ministro dijo el miércoles que las conversaciones se celebrarán en Estambul y que la delegación está lista.",
    "it": "Il ministro ha detto mercoledì che i colloqui si terranno a Istanbul e che la delegazione è pronta.",
    "pt": "O ministro disse na quarta-feira que as negociações serão realizadas em Istambul e que a delegação está pronta.",
    "nl": "De minister zei woensdag dat de gesprekken in Istanbul zullen plaatsvinden en dat de delegatie klaar is.",
    "pl": "Minister powiedział w środę, że rozmowy odbędą się w Stambule i że delegacja jest gotowa.",
    "tr": "Bakan çarşamba günü yaptığı açıklamada, görüşmelerin İstanbul'da yapılacağını ve heyetin hazır olduğunu "
    "söyledi. Bu görüşmeler için her şey hazır ve bir sonraki tur da burada olacak.",
    "sv": "Ministern sade på onsdagen att samtalen kommer att hållas i Istanbul och att delegationen är redo.",
    "da": "Ministeren sagde onsdag, at forhandlingerne vil blive holdt i Istanbul, og at delegationen er klar.",
    "no": "Ministeren sa onsdag at samtalene vil bli holdt i Istanbul, og at delegasjonen er klar til det.",
    "ro": "Ministrul a declarat miercuri că discuțiile vor avea loc la Istanbul și că delegația este pregătită.",
    "cs": "Ministr ve středu řekl, že rozhovory se uskuteční v Istanbulu a že delegace je připravena.",
    "id": "Menteri mengatakan pada hari Rabu bahwa pembicaraan akan diadakan di Istanbul dan delegasi sudah siap.",
    "fi": "Ministeri sanoi keskiviikkona, että neuvottelut pidetään Istanbulissa ja että valtuuskunta on valmis.",
    "hu": "A miniszter szerdán azt mondta, hogy a tárgyalásokat Isztambulban tartják, és a delegáció készen áll.",
    "ru": "Министр заявил в среду, что переговоры пройдут в Стамбуле и что делегация готова.",
    "uk": "Міністр заявив у середу, що переговори відбудуться в Стамбулі і що делегація готова.",
    "ar": "قال الوزير يوم الأربعاء إن المحادثات ستعقد في إسطنبول وإن الوفد مستعد.",
    "fa": "وزیر روز چهارشنبه گفت که گفتگوها در استانبول برگزار می‌شود و هیئت آماده است.",
    "he": "השר אמר ביום רביעי כי השיחות ייערכו באיסטנבול.",
    "el": "Ο υπουργός δήλωσε την Τετάρτη ότι οι συνομιλίες θα γίνουν στην Κωνσταντινούπολη.",
    "zh": "部长周三表示，会谈将在伊斯坦布尔举行，代表团已经准备就绪。",
    "ja": "大臣は水曜日、協議はイスタンブールで行われ、代表団は準備ができていると述べた。",
    "ko": "장관은 수요일 회담이 이스탄불에서 열릴 것이며 대표단은 준비가 되어 있다고 말했다.",
    "hi": "मंत्री ने बुधवार को कहा कि वार्ता इस्तांबुल में होगी और प्रतिनिधिमंडल तैयार है।",
}


@pytest.mark.parametrize(("code", "sentence"), sorted(SENTENCES.items()))
def test_one_news_sentence_is_enough_to_tell_the_language(code, sentence):
    """Each language of the profile set, and each script, from one sentence."""
    assert detect_language(sentence) == code


@pytest.mark.parametrize("path", sorted(SEEDS_DIR.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_seeds_are_english(path):
    """Raw or cleaned, the seed articles are English."""
    raw = path.read_text(encoding="utf-8")
    assert detect_language(raw) == "en"
    assert detect_language(clean_article(raw).body) == "en"


@pytest.mark.parametrize("text", ["", "   \n", "12345 67,89", "Hello world", "Istanbul", "— … ·"])
def test_too_little_text_is_undetermined(text):
    """Empty text, numbers and a couple of words in no profile give "und"."""
    assert detect_language(text) == "und"


def test_an_english_article_quoting_a_german_phrase_stays_english():
    """A foreign quote does not outvote the article around it."""
    text = (
        SENTENCES["en"]
        + " He added, in German, \u201cWir sind bereit\u201d, before the talks began on Monday in the city."
    )
    assert detect_language(text) == "en"


def test_names_with_foreign_letters_do_not_change_the_language():
    """ "Türkiye", "Ngũgĩ" and "Zürich" in English text stay English."""
    text = (
        "The talks in Türkiye were praised by Ngũgĩ and by officials in Zürich, who said that it was a start."
    )
    assert detect_language(text) == "en"


def test_ukrainian_and_russian_are_told_apart_by_their_letters():
    """і/ї/є against ы/э."""
    assert detect_language("Україна готова до переговорів, заявив міністр у четвер.") == "uk"
    assert detect_language("Россия готова к переговорам, заявил министр в четверг.") == "ru"


def test_a_long_text_is_read_only_from_its_start():
    """A megabyte of text is judged by its first few thousand characters."""
    text = SENTENCES["fr"] + " " + SENTENCES["en"] * 20_000
    assert len(text) > 1_000_000
    assert SAMPLE_CHARS < 10_000
    assert detect_language(text) == "en"  # the French sentence is a small part of the sample
    assert detect_language(SENTENCES["en"] * 40 + SENTENCES["fr"] * 20_000) == "en"


def test_english_possessives_are_not_the_czech_word_s():
    """Three names with "'s" once outvoted "on", "to" and "by": the brief was read as Czech and nothing
    was extracted from it. Czech's own "s" and French elisions still count."""
    brief = (
        "Mark Carney's Liberal Party won Canada's federal election on Monday, defeating Pierre Poilievre's "
        "Conservatives, according to projections by public broadcaster CBC."
    )
    assert detect_language(brief) == "en"
    assert detect_language("Prezident řekl, že se s vládou dohodl na tom, že to bude.") == "cs"
    assert detect_language("Il a dit qu'il est parti à l'aube avec les enfants de la maison.") == "fr"


@pytest.mark.parametrize(
    "brief",
    [
        "A 34-year-old Springfield man pleaded guilty Tuesday to federal charges of possessing a firearm as a "
        "felon, U.S. Attorney Gregory Harris announced.",
        "Orkem S.A., a French state-controlled chemical manufacturer, is making a friendly bid for the company.",
        "HAMILTON (AP) --\n\nCanadian authorities issued a nationwide arrest warrant Monday for a man.",
    ],
)
def test_a_one_sentence_english_brief_is_english(brief):
    """Single letters ("A", "a", the "S" of "U.S.", "S.A.") once made these briefs Czech, and nothing was
    extracted from them."""
    assert detect_language(brief) == "en"
