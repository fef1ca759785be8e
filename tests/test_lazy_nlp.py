"""Processes that do not extract never import spaCy: web workers serving reads, and the management
commands that create tokens, load fixtures or queue jobs (spaCy costs seconds and ~600 MiB to load)."""

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

PROBE = """
import json, os, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "newsapi.settings"
import django
django.setup()
import newsapi.urls  # the URLconf imports every viewset, serializer, filterset and the admin
from django.core.management import load_command_class
from django.urls import resolve

for name in ["create_api_token", "create_editor", "ensure_admin", "load_seed_data", "reindex_search", "entity_recount", "ingest"]:
    load_command_class("articles", name)
import jobs.services
for path in ["/api/v1/articles/", "/api/v1/entities/", "/api/v1/quotes/", "/api/v1/jobs/1/", "/admin/"]:
    resolve(path)
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] in {"spacy", "thinc"})))
"""


def test_the_web_process_and_commands_that_do_not_extract_never_import_spacy():
    """A fresh interpreter sets Django up, imports the URLconf, the admin and the non-extracting
    commands and resolves the list views: no spaCy (nor thinc) module is loaded."""
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


def test_the_probe_would_see_spacy_once_extraction_is_imported():
    """The check above can fail: importing the pipeline, as a worker does, loads spaCy."""
    probe = PROBE.replace("import jobs.services", "import jobs.services\nimport newsapi.extraction.pipeline")
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert "spacy" in json.loads(result.stdout.strip().splitlines()[-1])
