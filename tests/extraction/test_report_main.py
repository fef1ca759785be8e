"""The command line the metadata scorers share (``benchmarks.known_articles.report_main``)."""

import json

from benchmarks.known_articles import report_main


def _main(argv, evaluated):
    def evaluate(args):
        evaluated.append(args)
        return {"set": {"n": 3, "part": args.part, "limit": args.limit}}

    return report_main(
        argv,
        description="a scorer",
        heading=lambda args: f"Scores, {args.part} part",
        evaluate=evaluate,
        table=lambda results: f"| {results['set']['n']} |",
        add_arguments=lambda parser: parser.add_argument("--limit", type=int, default=0),
    )


def test_a_missing_eval_folder_is_an_error_with_a_sentence(tmp_path, capsys):
    evaluated = []
    assert _main(["--eval-dir", str(tmp_path / "absent")], evaluated) == 1
    assert "No evaluation data at" in capsys.readouterr().err
    assert evaluated == []


def test_the_check_part_is_scored_by_default_and_printed_under_its_heading(tmp_path, capsys):
    evaluated = []
    assert _main(["--eval-dir", str(tmp_path)], evaluated) == 0
    assert evaluated[0].part == "check"
    assert capsys.readouterr().out.splitlines() == ["Scores, check part", "| 3 |"]


def test_the_scorers_own_options_and_json_output(tmp_path, capsys):
    evaluated = []
    assert _main(["--eval-dir", str(tmp_path), "--part", "tune", "--limit", "7", "--json"], evaluated) == 0
    assert json.loads(capsys.readouterr().out) == {"set": {"n": 3, "part": "tune", "limit": 7}}
