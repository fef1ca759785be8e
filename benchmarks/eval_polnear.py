"""Direct-quote detection and attribution on PolNeAR, train and dev apart, newsapi vs textacy.

Usage::

    python benchmarks/eval_polnear.py [--eval-dir ../shared/eval] [--split train|dev|both]
                                      [--limit N] [--cache-dir DIR] [--model PACKAGE] [--json]

``polnear-train`` is what rules are tuned on; ``polnear-dev`` is the check
part whose figures are reported (benchmarks/splits.py). For each split the
table gives direct-quote precision/recall/F1, the right-speaker rate (share
of the quotes found whose speaker is right) and end-to-end attribution F1.

spaCy parses are cached on disk (a DocBin per split, model, tokenizer rules
and text set, under ``--cache-dir``, default ``/tmp/newsapi-polnear-cache``): the 840
training articles take minutes to parse and seconds to load.

textacy is the peer, measured in the same run on the same parses. It is not
a project dependency: install the optional ``bench`` extra in a separate
virtualenv and run the benchmark from there (the repository root is put on
``sys.path``; only the plain-Python extraction core is imported)::

    python3 -m venv /tmp/newsapi-bench
    /tmp/newsapi-bench/bin/pip install -e '.[bench]'
    /tmp/newsapi-bench/bin/python benchmarks/eval_polnear.py

Without textacy only newsapi is measured, with a message.

How the gold data is read (see ``<eval-dir>/README.md``):

* One annotator per article: the first ``NAME_ANNOTATOR.ann`` in sorted order.
* Gold direct quotes: every Content fragment (BRAT fragments split on ``;``)
  that lies inside quotation marks: it starts with an opening mark (or right
  after one) and ends with a closing mark (or right before one, trailing
  punctuation allowed). Each fragment is one gold quote, with the
  attribution's Source as its speaker; marks are stripped before comparing.
* Matching is lenient and one-to-one: a predicted quote matches a gold one
  when their overlap covers at least half of each span (the usual "lenient"
  span criterion in attribution evaluation). Greedy by overlap size.
* A prediction that matches no gold direct quote but lies mostly (>= 50 %)
  inside the Content of an attribution that is not fully quoted (a partial
  quote inside reported speech) is neither right nor wrong: it is left out of
  precision, for both systems alike.
* The speaker is right when the predicted speaker span overlaps a gold
  Source span, or the predicted speaker text / resolved entity name and the
  Source text name the same person (``names.names_match`` when it exists,
  else a shared capitalised word). Attribution is scored end to end: a hit
  needs the quote found AND the right speaker, over all predictions and all
  gold quotes (gold quotes without a Source can never be hit).

textacy's ``direct_quotations`` raises on a document with an odd number of
quotation marks; it is measured on whole documents (as its API is meant to
be used; such documents give it no predictions) and, more kindly, paragraph
by paragraph.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from newsapi.extraction.quotes import extract_quotes  # noqa: E402
from newsapi.extraction.types import (  # noqa: E402
    DIRECT,
    LOCATION,
    ORGANIZATION,
    OTHER,
    PERSON,
    EntityCandidate,
    MentionSpan,
)

DEFAULT_EVAL_DIR = REPO_ROOT.parent / "shared" / "eval"
OPEN_MARKS = "\"“‘«'„"
CLOSE_MARKS = "\"”’»'"
ALL_MARKS = set(OPEN_MARKS + CLOSE_MARKS)
TRAILING_PUNCT = ".,;:!?…—– "
PRONOUNS = {"he", "she", "they", "him", "her", "it", "we", "i", "you"}


@dataclass
class GoldQuote:
    start: int
    end: int
    sources: list[tuple[int, int]]  # Source fragments, may be empty


@dataclass
class GoldArticle:
    name: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    other_contents: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Prediction:
    start: int
    end: int
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_name: str | None = None


# ------------------------------------------------------------------ gold data


def _parse_ann(path: Path) -> tuple[dict[str, tuple[str, list[tuple[int, int]]]], list[dict[str, str]]]:
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    relations: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            frags = []
            for frag in offsets.split(";"):
                a, b = frag.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = (label, frags)
        elif line.startswith("E") and len(parts) >= 2:
            roles: dict[str, str] = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role, ref)
            relations.append(roles)
    return spans, relations


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inside_marks(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The fragment without its marks when it lies inside quotation marks, else None."""
    start, end = _strip(text, start, end)
    if end - start < 2:
        return None
    # Opening side: the fragment starts with a mark, or one sits just before it.
    if text[start] in OPEN_MARKS:
        inner_start = start + 1
    elif start > 0 and text[start - 1] in OPEN_MARKS:
        inner_start = start
    else:
        return None
    # Closing side: a mark at the end (possibly after punctuation) or right after.
    e = end
    while e > inner_start and text[e - 1] in TRAILING_PUNCT:
        e -= 1
    if text[end - 1] in CLOSE_MARKS:
        inner_end = end - 1
    elif e > inner_start and text[e - 1] in CLOSE_MARKS:
        inner_end = e - 1
    else:
        after = end
        while after < len(text) and text[after] in TRAILING_PUNCT.strip():
            after += 1
        if after < len(text) and text[after] in CLOSE_MARKS:
            inner_end = end
        else:
            return None
    inner_start, inner_end = _strip(text, inner_start, inner_end)
    if inner_end <= inner_start or not any(c.isalpha() for c in text[inner_start:inner_end]):
        return None
    return inner_start, inner_end


SPLITS = {"train": "polnear-train", "dev": "polnear-dev"}


def load_polnear(eval_dir: Path, limit: int | None = None, *, split: str = "dev") -> list[GoldArticle]:
    """Read one split (``train`` or ``dev``): one annotator per article, gold direct quotes only."""
    root = eval_dir / SPLITS[split]
    articles: list[GoldArticle] = []
    for text_path in sorted((root / "text").glob("*.txt")):
        name = text_path.stem
        anns = sorted((root / "attributions").glob(f"{name}_*.ann"))
        anns = [a for a in anns if re.fullmatch(re.escape(name) + r"_[^_]+\.ann", a.name)]
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        spans, relations = _parse_ann(anns[0])
        article = GoldArticle(name, text)
        seen: set[tuple[int, int]] = set()
        for rel in relations:
            content = spans.get(rel.get("Content", ""))
            if content is None:
                continue
            source = spans.get(rel.get("Source", ""))
            sources = source[1] if source else []
            inner = [_inside_marks(text, a, b) for a, b in content[1]]
            if all(inner):
                for span in inner:
                    assert span is not None
                    if span not in seen:
                        seen.add(span)
                        article.quotes.append(GoldQuote(span[0], span[1], sources))
            else:
                article.other_contents.extend(content[1])
        articles.append(article)
        if limit is not None and len(articles) >= limit:
            break
    return articles


# ---------------------------------------------------------------- predictions


_SPACY_TYPES = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": LOCATION,
    "LOC": LOCATION,
    "FAC": LOCATION,
    "NORP": OTHER,
}


def entities_from_doc(doc) -> list[EntityCandidate]:
    """A stand-in for ``entities.extract_entities``: spaCy's entities, persons merged by surname."""
    by_key: dict[tuple[str, str], EntityCandidate] = {}
    persons_by_last: dict[str, EntityCandidate] = {}
    for ent in doc.ents:
        etype = _SPACY_TYPES.get(ent.label_)
        if etype is None:
            continue
        surface = ent.text.strip()
        cand = persons_by_last.get(surface.split()[-1]) if etype == PERSON and surface else None
        if cand is None:
            cand = by_key.setdefault((etype, surface), EntityCandidate(name=surface, type=etype))
        if surface != cand.name:
            if len(surface) > len(cand.name):
                cand.aliases.add(cand.name)
                cand.name = surface
            else:
                cand.aliases.add(surface)
        cand.aliases.discard(cand.name)
        cand.mentions.append(MentionSpan(ent.start_char, ent.end_char, ent.text))
        if etype == PERSON and surface:
            persons_by_last.setdefault(surface.split()[-1], cand)
    return list({id(c): c for c in by_key.values()}.values())


def _entity_extractor() -> tuple[Callable, str]:
    try:
        from newsapi.extraction.entities import extract_entities
    except ImportError:
        return entities_from_doc, "spaCy doc.ents (entities.py not available)"

    def safe(doc):
        try:
            return extract_entities(doc)
        except Exception:  # a module still being written must not stop the benchmark
            return entities_from_doc(doc)

    return safe, "newsapi.extraction.entities.extract_entities"


def newsapi_predictions(doc, entities: list[EntityCandidate]) -> list[Prediction]:
    return [
        Prediction(q.start, q.end, q.speaker_text, q.speaker_start, q.speaker_end, q.speaker_name)
        for q in extract_quotes(doc, entities)
        if q.kind == DIRECT
    ]


def _textacy_triples(doc, offset: int) -> list[Prediction]:
    from textacy.extract.triples import direct_quotations

    preds = []
    try:
        triples = list(direct_quotations(doc))
    except ValueError:  # odd number of quotation marks: textacy bails out
        return []
    for triple in triples:
        content = triple.content
        start, end = content.start_char + offset, content.end_char + offset
        speaker = sorted(triple.speaker, key=lambda t: t.i)
        s_start = speaker[0].idx + offset if speaker else None
        s_end = speaker[-1].idx + len(speaker[-1]) + offset if speaker else None
        preds.append(Prediction(start, end, " ".join(t.text for t in speaker) or None, s_start, s_end, None))
    return preds


def textacy_predictions(doc, *, per_paragraph: bool) -> list[Prediction]:
    if not per_paragraph:
        return _textacy_triples(doc, 0)
    preds = []
    for m in re.finditer(r"[^\n]+", doc.text):
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None or not len(span):
            continue
        preds.extend(_textacy_triples(span.as_doc(), span.start_char))
    return preds


# ------------------------------------------------------------------ scoring


def _names_match() -> Callable[[str, str], bool]:
    try:
        from newsapi.extraction.names import names_match

        return names_match
    except ImportError:

        def shared_capitalised_word(a: str, b: str) -> bool:
            words_a = {w.lower() for w in re.findall(r"[A-Z][\w'-]+", a)}
            words_b = {w.lower() for w in re.findall(r"[A-Z][\w'-]+", b)}
            return bool(words_a & words_b)

        return shared_capitalised_word


_NAMES_MATCH = _names_match()


def _proper_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"\b[A-Z][\w'’-]+", text) if w.lower() not in PRONOUNS}


def speaker_is_right(pred: Prediction, gold: GoldQuote, text: str) -> bool:
    if not gold.sources:
        return False
    for a, b in gold.sources:
        spans_overlap = (
            pred.speaker_start is not None
            and pred.speaker_end is not None
            and min(b, pred.speaker_end) > max(a, pred.speaker_start)
        )
        if spans_overlap:
            return True
        gold_text = text[a:b]
        for said in (pred.speaker_name, pred.speaker_text):
            if not said:
                continue
            if _NAMES_MATCH(said, gold_text):
                return True
            # "Trump" vs "Donald Trump's campaign manager": a shared proper name.
            if _proper_words(said) & _proper_words(gold_text):
                return True
            if said.lower().strip() == gold_text.lower().strip() and said.lower() not in PRONOUNS:
                return True
    return False


def _strip_marks(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _strip(text, start, end)
    while start < end and text[start] in ALL_MARKS:
        start += 1
    while end > start and (text[end - 1] in ALL_MARKS or text[end - 1].isspace()):
        end -= 1
    return start, end


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    attributed: int = 0
    ignored: int = 0

    def scores(self) -> dict[str, float]:
        predicted = self.tp + self.fp
        gold = self.tp + self.fn
        p = self.tp / predicted if predicted else 0.0
        r = self.tp / gold if gold else 0.0
        ap = self.attributed / predicted if predicted else 0.0
        ar = self.attributed / gold if gold else 0.0
        return {
            "quote_precision": p,
            "quote_recall": r,
            "quote_f1": 2 * p * r / (p + r) if p + r else 0.0,
            "attribution_precision": ap,
            "attribution_recall": ar,
            "attribution_f1": 2 * ap * ar / (ap + ar) if ap + ar else 0.0,
            # Of the quotes found, the share whose speaker is right.
            "speaker_rate": self.attributed / self.tp if self.tp else 0.0,
            "predicted": predicted,
            "gold": gold,
            "ignored": self.ignored,
        }


def score_article(article: GoldArticle, preds: Iterable[Prediction], counts: Counts) -> None:
    text = article.text
    golds = [(g, g.start, g.end) for g in article.quotes]
    cands: list[tuple[int, int, int]] = []
    pred_list = list(preds)
    for i, pred in enumerate(pred_list):
        ps, pe = _strip_marks(text, pred.start, pred.end)
        pred.start, pred.end = ps, pe
        for j, (_, gs, ge) in enumerate(golds):
            overlap = min(pe, ge) - max(ps, gs)
            if overlap > 0 and overlap * 2 >= max(pe - ps, ge - gs):
                cands.append((overlap, i, j))
    matched_pred: dict[int, int] = {}
    matched_gold: set[int] = set()
    for _, i, j in sorted(cands, reverse=True):
        if i in matched_pred or j in matched_gold:
            continue
        matched_pred[i] = j
        matched_gold.add(j)
    for i, pred in enumerate(pred_list):
        if i in matched_pred:
            counts.tp += 1
            if speaker_is_right(pred, golds[matched_pred[i]][0], text):
                counts.attributed += 1
            continue
        inside = sum(max(0, min(pred.end, b) - max(pred.start, a)) for a, b in article.other_contents)
        if inside * 2 >= pred.end - pred.start:
            counts.ignored += 1
        else:
            counts.fp += 1
    counts.fn += len(golds) - len(matched_gold)


DEFAULT_CACHE_DIR = Path("/tmp/newsapi-polnear-cache")


def parsed_docs(nlp, texts: list[str], cache_dir: Path | None, tag: str) -> list:
    """``nlp.pipe(texts)``, read from a DocBin on disk when the same model and tokenizer parsed the same texts."""
    from spacy.tokens import DocBin

    if cache_dir is None:
        return list(nlp.pipe(texts))
    meta = nlp.meta
    digest = hashlib.sha1(
        "\0".join(
            [
                meta.get("name", ""),
                meta.get("version", ""),
                meta.get("newsapi_tokenizer", ""),
                spacy_version(),
                *texts,
            ]
        ).encode("utf-8")
    ).hexdigest()[:16]
    path = Path(cache_dir) / f"{tag}-{meta.get('name', 'model')}-{digest}.spacy"
    if path.exists():
        docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def spacy_version() -> str:
    import spacy

    return spacy.__version__


def score_polnear(
    eval_dir: Path,
    *,
    nlp=None,
    limit: int | None = None,
    split: str = "dev",
    cache_dir: Path | None = DEFAULT_CACHE_DIR,
    textacy: bool = True,
) -> dict:
    """Score newsapi (and textacy, when installed) on one PolNeAR split's direct quotes.

    Returns ``{"split": ..., "articles": n, "gold_quotes": n, "entities": how,
    "systems": {name: scores}}`` where scores hold precision/recall/F1 for
    quote detection, the right-speaker rate of the quotes found, and
    attribution (quote found and speaker right).
    """
    articles = load_polnear(Path(eval_dir), limit, split=split)
    if nlp is None:
        from newsapi.extraction.nlp import get_nlp

        nlp = get_nlp()
    extract_entities, entity_source = _entity_extractor()
    has_textacy = False
    if textacy:
        try:
            import textacy.extract.triples  # noqa: F401

            has_textacy = True
        except ImportError:
            pass

    systems: dict[str, Counts] = {"newsapi": Counts()}
    if has_textacy:
        systems["textacy (whole doc)"] = Counts()
        systems["textacy (per paragraph)"] = Counts()
    seconds = {name: 0.0 for name in systems}
    texts = [a.text for a in articles]
    docs = parsed_docs(nlp, texts, cache_dir, SPLITS[split])
    for article, doc in zip(articles, docs, strict=True):
        t0 = time.perf_counter()
        entities = extract_entities(doc)
        preds = newsapi_predictions(doc, entities)
        seconds["newsapi"] += time.perf_counter() - t0
        score_article(article, preds, systems["newsapi"])
        if has_textacy:
            for name, per_paragraph in (("textacy (whole doc)", False), ("textacy (per paragraph)", True)):
                t0 = time.perf_counter()
                preds = textacy_predictions(doc, per_paragraph=per_paragraph)
                seconds[name] += time.perf_counter() - t0
                score_article(article, preds, systems[name])
    return {
        "split": SPLITS[split],
        "model": nlp.meta.get("name"),
        "articles": len(articles),
        "gold_quotes": sum(len(a.quotes) for a in articles),
        "entities": entity_source,
        "textacy": has_textacy,
        "systems": {name: {**c.scores(), "seconds": round(seconds[name], 3)} for name, c in systems.items()},
    }


def _print_table(result: dict) -> None:
    print(
        f"{result['split']} ({result['model']}): {result['articles']} articles, "
        f"{result['gold_quotes']} gold direct quotes; entities from {result['entities']}"
    )
    if not result["textacy"]:
        print("textacy is not installed in this environment: only newsapi is measured.")
    header = (
        f"{'system':26} {'pred':>5} {'ign':>4} {'Q-P':>6} {'Q-R':>6} {'Q-F1':>6} {'spkr':>6} "
        f"{'A-P':>6} {'A-R':>6} {'A-F1':>6} {'sec':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, s in result["systems"].items():
        print(
            f"{name:26} {s['predicted']:5d} {s['ignored']:4d} {s['quote_precision']:6.3f} {s['quote_recall']:6.3f} "
            f"{s['quote_f1']:6.3f} {s['speaker_rate']:6.3f} {s['attribution_precision']:6.3f} "
            f"{s['attribution_recall']:6.3f} {s['attribution_f1']:6.3f} {s['seconds']:6.2f}"
        )
    print(
        "Q = direct-quote detection; spkr = right speaker among the quotes found; "
        "A = attribution (quote found and speaker right); ign = left out of precision."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--split", choices=["train", "dev", "both"], default="both")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR)
    parser.add_argument("--model", default=None, help="a spaCy model package (default: the project's)")
    parser.add_argument("--no-textacy", action="store_true", help="measure newsapi alone")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    nlp = None
    if args.model:
        import spacy

        nlp = spacy.load(args.model)
    results = []
    for split in ("train", "dev") if args.split == "both" else (args.split,):
        if not (args.eval_dir / SPLITS[split]).is_dir():
            print(f"No {SPLITS[split]} under {args.eval_dir}: nothing to score there.")
            continue
        result = score_polnear(
            args.eval_dir,
            nlp=nlp,
            limit=args.limit,
            split=split,
            cache_dir=args.cache_dir,
            textacy=not args.no_textacy,
        )
        results.append(result)
        if not args.json:
            _print_table(result)
            print()
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
