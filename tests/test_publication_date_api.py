"""The caller's publication date through the API: it wins, and a dateline against it is a conflict."""

import pytest

from tests.job_helpers import stored_article

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

DATED = (
    "Harbour pier closed after storm\n\n"
    "KESTRELPORT, Norway, March 12, 2025 (Nordic Wire) \u2014 The harbour authority closed the northern "
    "pier on Wednesday after a storm damaged its supports, officials said.\n\n"
    "Repairs are expected to take several weeks, the authority's director told reporters."
)


def test_a_posted_published_at_wins_and_the_contradicting_dateline_is_recorded(editor_client):
    """POST published_at 2025-06-03 over a text dated 12 March 2025: the caller's date, one conflict."""
    response = stored_article(
        editor_client,
        editor_client.post(
            "/api/v1/articles/", {"raw_text": DATED, "published_at": "2025-06-03"}, format="json"
        ),
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["published_at"] == "2025-06-03"
    assert body["published_at_evidence"].startswith("2025-06-03 from the caller's date")
    assert len(body["published_at_conflicts"]) == 1
    assert "2025-03-12" in body["published_at_conflicts"][0]
    assert body["published_at_confidence"] < 0.5


def test_a_posted_text_dates_itself_without_a_callers_date(editor_client):
    """No published_at: the wire dateline's day, with the dateline as evidence."""
    response = stored_article(
        editor_client, editor_client.post("/api/v1/articles/", {"raw_text": DATED}, format="json")
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["published_at"] == "2025-03-12"
    assert "dateline" in body["published_at_evidence"]
    assert body["published_at_conflicts"] == []
