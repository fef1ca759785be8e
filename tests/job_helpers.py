"""Following an extraction job from the 202 of POST /articles/ to the article it stored."""


def stored_article(client, response):
    """The article a queued POST stored (jobs run in-process in tests): its detail response."""
    assert response.status_code == 202, response.content
    job = response.json()
    assert job["state"] == "succeeded", job
    return client.get(job["result"])
