"""Every time expression of an article, stored at ingest and shown in the article detail."""

import datetime as dt

import pytest

from articles.services import article_ingest
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_article_detail_shows_each_extracted_date_with_span_value_type_and_precision(api_client):
    """The detail view lists the stored time expressions as they were extracted."""
    dates = [
        {"start": 10, "end": 16, "text": "Monday", "type": "DATE", "value": "2025-06-02", "precision": "day"},
        {
            "start": 30,
            "end": 41,
            "text": "three weeks",
            "type": "DURATION",
            "value": "P3W",
            "precision": None,
        },
    ]
    article = ArticleFactory(extracted_dates=dates)
    data = api_client.get(f"/api/v1/articles/{article.id}/").json()
    # Stored before durations were anchored: the field is there, null.
    assert data["extracted_dates"] == [{**d, "anchored": None} for d in dates]
    listed = api_client.get("/api/v1/articles/").json()["results"][0]
    assert "extracted_dates" not in listed


@pytest.mark.slow
def test_ingest_stores_every_date_expression_of_the_body_against_the_publication_date():
    """Ingest normalises the body's time expressions against the publication date, spans into the body."""
    raw = (
        "Ministers meet again\n\n"
        "The ministers met on Monday and will meet again in July. "
        "The talks lasted three days, the longest since 2019. Nothing happened on 31 February."
    )
    article, created = article_ingest(raw_text=raw, published_at=dt.date(2025, 6, 4))
    assert created
    found = {d["text"]: d for d in article.extracted_dates}
    for item in article.extracted_dates:
        assert article.body[item["start"] : item["end"]] == item["text"]
    assert found["Monday"]["value"] == "2025-06-02"
    assert (found["July"]["value"], found["July"]["precision"]) == ("2025-07", "month")
    assert (found["three days"]["type"], found["three days"]["value"]) == ("DURATION", "P3D")
    assert found["2019"]["value"] == "2019"
    assert found["31 February"]["value"] is None


@pytest.mark.slow
def test_a_duration_told_from_the_storys_last_date_shows_the_day_it_lands_on(api_client):
    """ "Two days later" after "on May 16" is a duration of two days that lands on 18 May."""
    raw = "Talks stall\n\nThe talks opened on May 16. Two days later, the envoys left Istanbul."
    article, _ = article_ingest(raw_text=raw, published_at=dt.date(2025, 5, 28))
    data = api_client.get(f"/api/v1/articles/{article.id}/").json()
    later = next(d for d in data["extracted_dates"] if d["text"] == "Two days")
    assert (later["type"], later["value"], later["anchored"]) == ("DURATION", "P2D", "2025-05-18")


def test_the_schema_documents_each_field_of_an_extracted_date(api_client):
    """The OpenAPI schema describes extracted_dates on the article detail, field by field."""
    import yaml

    schema = yaml.safe_load(api_client.get("/api/schema/").content)
    components = schema["components"]["schemas"]
    detail = components["ArticleDetail"]["properties"]["extracted_dates"]
    item = components[detail["items"]["$ref"].rsplit("/", 1)[-1]]
    assert set(item["properties"]) == {"start", "end", "text", "value", "type", "precision", "anchored"}
    assert all(field.get("description") for field in item["properties"].values())
