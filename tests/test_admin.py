"""The admin: viewers can look but never write; every editor's write goes through the services."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms.models import model_to_dict
from django.urls import reverse

from articles.models import Article, Event, EventReport, Mention, Quote, QuoteGroup, Source, Story
from entities.models import DeletedEntityName, DuplicateDismissal, Entity, EntityAlias
from newsapi.extraction.names import name_key
from newsapi.roles import EDITORS, VIEWERS, ensure_groups
from tests.factories import (
    ArticleFactory,
    EntityAliasFactory,
    EntityFactory,
    EventFactory,
    EventReportFactory,
    MentionFactory,
    QuoteFactory,
    QuoteGroupFactory,
)

pytestmark = pytest.mark.django_db

MODELS = [
    Article,
    Quote,
    QuoteGroup,
    Event,
    EventReport,
    Story,
    Source,
    Entity,
    EntityAlias,
    Mention,
    DeletedEntityName,
    DuplicateDismissal,
]


def staff_user(username: str, group: str):
    ensure_groups()
    user = get_user_model().objects.create_user(username=username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def viewer_client(client):
    client.force_login(staff_user("viewer", VIEWERS))
    return client


@pytest.fixture
def editor_admin_client(client):
    client.force_login(staff_user("editor", EDITORS))
    return client


@pytest.fixture
def one_of_everything():
    """An article with a mention, a grouped quote and an event report, and an entity with an alias."""
    body = "Sergei Lavrov said the talks in Istanbul will go on. Moscow agreed."
    article = ArticleFactory(title="Talks", body=body, raw_text=f"Talks\n\n{body}")
    lavrov = EntityFactory(name="Sergei Lavrov")
    namesake = EntityFactory(name="Lavrov")  # a duplicate an editor might merge, or dismiss
    EntityAliasFactory(entity=lavrov, name="Sergey Lavrov")
    MentionFactory(article=article, entity=lavrov, start=0, end=13, text="Sergei Lavrov")
    QuoteFactory(
        article=article,
        speaker=lavrov,
        text="the talks in Istanbul will go on",
        start=19,
        end=51,
        group=QuoteGroupFactory(),
    )
    EventReportFactory(event=EventFactory(participants=[lavrov]), article=article, start=0, end=52)
    DeletedEntityName.objects.create(name="Word Soup", name_key="word soup", type="person")
    DuplicateDismissal.objects.create(first=lavrov, second=namesake)
    lavrov.name = "Sergei V. Lavrov"
    lavrov.save()  # a second history record to revert to
    return article


def snapshot() -> dict:
    state = {model.__name__: [model_to_dict(row) for row in model.objects.order_by("pk")] for model in MODELS}
    state["participants"] = list(Event.participants.through.objects.order_by("pk").values())
    return state


def registered_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"articles", "entities"}
    ]


def test_every_admin_action_that_writes_requires_change_permission():
    """Each action an admin offers declares that it needs the change (or delete) permission."""
    for model, model_admin in registered_admins():
        for action in model_admin.actions or []:
            function = getattr(model_admin, action) if isinstance(action, str) else action
            assert set(getattr(function, "allowed_permissions", ())) & {"change", "delete"}, (
                f"{model.__name__} action {action} runs for anyone who can view the list"
            )


def test_a_viewer_is_refused_every_action_add_change_delete_and_revert(viewer_client, one_of_everything):
    """A `viewers` login tries every write the admin has: each is refused and no row changes."""
    before = snapshot()
    attempts = 0
    for model, model_admin in registered_admins():
        info = model._meta.app_label, model._meta.model_name
        pks = [str(pk) for pk in model.objects.values_list("pk", flat=True)]
        assert pks, f"no {model.__name__} to try writes on"
        changelist = reverse("admin:{}_{}_changelist".format(*info))
        for action in [*(model_admin.actions or []), "delete_selected"]:
            name = action if isinstance(action, str) else action.__name__
            response = viewer_client.post(
                changelist, {"action": name, "_selected_action": pks, "survivor": pks[0], "post": "yes"}
            )
            attempts += 1
            assert response.status_code in {200, 302, 403}
            if response.status_code == 200:
                # The list offers the viewer no action at all, and none ran.
                assert b'name="action"' not in response.content
                assert b'class="success"' not in response.content
        form = {field.name: "1" for field in model._meta.concrete_fields}
        form.update({"name": "Intruder", "title": "Intruder", "raw_text": "Intruder text.", "type": "person"})
        assert viewer_client.post(reverse("admin:{}_{}_add".format(*info)), form).status_code == 403
        pk = pks[0]
        assert (
            viewer_client.post(reverse("admin:{}_{}_change".format(*info), args=[pk]), form).status_code
            == 403
        )
        delete = reverse("admin:{}_{}_delete".format(*info), args=[pk])
        assert viewer_client.post(delete, {"post": "yes"}).status_code == 403
        attempts += 3
        if hasattr(model, "history"):
            for record in model.history.filter(**{model._meta.pk.attname: pk}):
                revert = reverse("admin:{}_{}_simple_history".format(*info), args=[pk, record.history_id])
                assert viewer_client.get(revert).status_code == 200  # viewing history is allowed
                response = viewer_client.post(
                    revert, {**model_to_dict(record.instance), "_change_history": "1"}
                )
                assert response.status_code == 403
                attempts += 1
    assert attempts > 40
    assert snapshot() == before


def test_an_editor_can_run_the_same_action_a_viewer_cannot(editor_admin_client, one_of_everything):
    """The refusal above is about permission: an editor's change-type action changes the type."""
    lavrov = Entity.objects.get(name="Sergei V. Lavrov")
    response = editor_admin_client.post(
        reverse("admin:entities_entity_changelist"),
        {"action": "make_organization", "_selected_action": [lavrov.pk]},
    )
    assert response.status_code == 302
    lavrov.refresh_from_db()
    assert lavrov.type == "organization" and "type" in lavrov.edited_fields


def test_an_editor_reverts_an_entity_from_its_history_through_the_service(
    editor_admin_client, one_of_everything
):
    """Reverting to the earlier name restores it, keeps the later name as an alias and marks it edited."""
    lavrov = Entity.objects.get(name="Sergei V. Lavrov")
    first = lavrov.history.earliest()
    url = reverse("admin:entities_entity_simple_history", args=[lavrov.pk, first.history_id])
    response = editor_admin_client.post(
        url,
        {
            "name": "Sergei Lavrov",
            "type": "person",
            "role": "",
            "_change_history": "1",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    lavrov.refresh_from_db()
    assert lavrov.name == "Sergei Lavrov" and lavrov.name_key == name_key("Sergei Lavrov")
    assert "Sergei V. Lavrov" in set(lavrov.aliases.values_list("name", flat=True))
    assert lavrov.is_edited


def inline_management(prefix: str, total: int, initial: int) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_editing_an_alias_in_the_admin_updates_its_name_key(editor_admin_client, api_client):
    """The alias page saves (it was a 500) and the corrected alias is what the entity filter matches."""
    entity = EntityFactory(name="Recep Tayyip Erdogan")
    alias = EntityAliasFactory(entity=entity, name="Erdogn")
    article = ArticleFactory()
    MentionFactory(article=article, entity=entity)
    response = editor_admin_client.post(
        reverse("admin:entities_entityalias_change", args=[alias.pk]),
        {"name": "Erdoğan", "entity": entity.pk},
    )
    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.name == "Erdoğan" and alias.name_key == "erdogan"
    rows = api_client.get("/api/v1/articles/", {"entity": "Erdogan"}).json()["results"]
    assert [row["id"] for row in rows] == [article.pk]
    entity.refresh_from_db()
    assert "aliases" in entity.edited_fields


def test_an_entity_and_an_inline_alias_added_in_the_admin_are_matched_by_filters_and_ingest(
    editor_admin_client, api_client
):
    """Entities added by hand get a name key and a slug; so do their inline aliases, so ingest links them."""
    from entities.services import entity_resolve_many
    from newsapi.extraction.types import EntityCandidate

    response = editor_admin_client.post(
        reverse("admin:entities_entity_add"),
        {
            "name": "Hakan Fidan",
            "type": "person",
            "role": "Turkish Foreign Minister",
            **inline_management("aliases", 1, 0),
            "aliases-0-name": "Fidan",
        },
    )
    assert response.status_code == 302, response.content[:3000]
    entity = Entity.objects.get(name="Hakan Fidan")
    assert entity.name_key == "hakan fidan" and entity.slug == "hakan-fidan" and entity.is_edited
    assert list(entity.aliases.values_list("name", "name_key")) == [("Fidan", "fidan")]
    quote = QuoteFactory(speaker=entity)
    for name in ("hakan fidan", "Fidan"):
        rows = api_client.get("/api/v1/quotes/", {"speaker": name}).json()["results"]
        assert [row["id"] for row in rows] == [quote.pk], name
    resolved = entity_resolve_many(candidates=[EntityCandidate(name="Fidan", type="person", mentions=[])])
    assert resolved == [entity]


def test_inline_mentions_are_written_through_the_service_which_checks_the_span(editor_admin_client):
    """A mention added inline on the article page is marked edited; one whose text misreads the body is refused."""
    article = ArticleFactory(title="Talks", body="Hakan Fidan met Sergei Lavrov in Antalya.")
    fidan = EntityFactory(name="Hakan Fidan")
    url = reverse("admin:articles_article_change", args=[article.pk])
    form = {
        "title": "Talks",
        "url": "",
        "source": article.source_id,
        "story": article.story_id,
        "language": "en",
        "published_at": article.published_at.isoformat(),
        **inline_management("mentions", 1, 0),
        **inline_management("quotes", 0, 0),
        **inline_management("event_reports", 0, 0),
        "mentions-0-entity": fidan.pk,
        "mentions-0-start": "0",
        "mentions-0-end": "11",
        "mentions-0-text": "Hakan Fidan",
    }
    assert editor_admin_client.post(url, form).status_code == 302
    mention = article.mentions.get()
    assert (mention.text, mention.is_edited) == ("Hakan Fidan", True)
    form.update({**inline_management("mentions", 1, 0), "mentions-0-start": "16", "mentions-0-end": "22"})
    response = editor_admin_client.post(url, form, follow=True)
    assert "The body reads" in response.content.decode()
    assert article.mentions.count() == 1


def test_every_admin_page_renders_for_an_editor(editor_admin_client, one_of_everything):
    """Lists, add forms (where adding is offered), change forms and history pages all render."""
    for model, model_admin in registered_admins():
        info = model._meta.app_label, model._meta.model_name
        pk = model.objects.values_list("pk", flat=True).first()
        urls = [
            reverse("admin:{}_{}_changelist".format(*info)),
            reverse("admin:{}_{}_change".format(*info), args=[pk]),
        ]
        if model_admin.create_service is not None:
            urls.append(reverse("admin:{}_{}_add".format(*info)))
        for url in urls:
            assert editor_admin_client.get(url).status_code == 200, url


@pytest.mark.slow
def test_an_article_added_in_the_admin_is_ingested_like_any_other(editor_admin_client):
    """The add form takes the raw text; the ingest service cleans it, extracts it and stores it once."""
    raw = (
        "Talks on grain exports resume in Geneva\n\nAdvertisement\n\n"
        "Foreign ministers of Turkey and Egypt met in Geneva to discuss grain exports, officials said."
    )
    form = {"raw_text": raw, "url": "", "source": "", "published_at": "2025-03-04"}
    response = editor_admin_client.post(reverse("admin:articles_article_add"), form)
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.title == "Talks on grain exports resume in Geneva"
    assert "Advertisement" not in article.body and article.published_at.isoformat() == "2025-03-04"
    assert article.mentions.exists() and article.story_id
    assert editor_admin_client.post(reverse("admin:articles_article_add"), form).status_code == 302
    assert Article.objects.count() == 1


def test_an_event_corrected_in_the_admin_keeps_its_participants_through_the_service(editor_admin_client):
    """The change form's participants go through event_update: replaced as a set and marked edited."""
    lavrov, fidan = EntityFactory(name="Sergei Lavrov"), EntityFactory(name="Hakan Fidan")
    event = EventFactory(participants=[lavrov], title="Talks")
    form = {
        "title": "Talks in Antalya",
        "type": event.type,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "date_text": "",
        "location": event.location_id,
        "participants": [lavrov.pk, fidan.pk],
        **inline_management("reports", 0, 0),
    }
    response = editor_admin_client.post(reverse("admin:articles_event_change", args=[event.pk]), form)
    assert response.status_code == 302, response.content[:3000]
    event.refresh_from_db()
    assert event.title == "Talks in Antalya"
    assert set(event.participants.all()) == {lavrov, fidan}
    assert set(event.edited_fields) == {"title", "participants"}


def _report_moved_in_the_admin() -> tuple[EventReport, Event, str, dict, str, dict]:
    """A report and another event, with the report page's form and the event page's inline form that
    move it there (what an editor sends)."""
    body = "Sergei Lavrov said the talks in Istanbul will go on. Moscow agreed."
    article = ArticleFactory(title="Talks", body=body, raw_text=f"Talks\n\n{body}")
    report = EventReportFactory(article=article, start=0, end=52)
    other = EventFactory(title="Ceasefire talks")
    fields = {"event": other.pk, "article": article.pk, "start": "0", "end": "52"}
    event = report.event
    inline = {
        "title": event.title,
        "type": event.type,
        "date": event.date.isoformat(),
        "date_precision": event.date_precision,
        "date_text": "",
        "location": event.location_id,
        **inline_management("reports", 1, 1),
        "reports-0-id": report.pk,
        "reports-0-event": event.pk,
        **{f"reports-0-{name}": value for name, value in fields.items() if name != "event"},
        "reports-0-end": "20",
    }
    return (
        report,
        other,
        reverse("admin:articles_eventreport_change", args=[report.pk]),
        fields,
        reverse("admin:articles_event_change", args=[event.pk]),
        inline,
    )


def _report_state(report: EventReport) -> tuple:
    return EventReport.objects.filter(pk=report.pk).values_list("event_id", "end", "is_edited").get()


def test_an_event_report_moved_in_the_admin_is_marked_edited_through_the_service(editor_admin_client):
    """The report page and the event page's inline both go through event_report_update: the move and
    the span are marked edited, so re-extraction keeps them."""
    report, other, url, fields, event_url, inline = _report_moved_in_the_admin()
    assert editor_admin_client.post(event_url, inline).status_code == 302
    assert _report_state(report) == (report.event_id, 20, True)
    assert editor_admin_client.post(url, fields).status_code == 302
    assert _report_state(report) == (other.pk, 52, True)
    assert EventReport.objects.get(pk=report.pk).edited_fields == ["end", "event"]
    page = editor_admin_client.get(url).content.decode()
    assert "edited" in page.lower()


def test_an_event_report_correction_in_the_admin_is_refused_to_anonymous_and_viewers(client):
    """Signed out, the report page and the event page send to the login; a viewer gets 403: nothing
    changes either way."""
    report, _, url, fields, event_url, inline = _report_moved_in_the_admin()
    before = _report_state(report)
    for target, form in ((url, fields), (event_url, inline)):
        response = client.post(target, form)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    client.force_login(staff_user("viewer", VIEWERS))
    for target, form in ((url, fields), (event_url, inline)):
        assert client.post(target, form).status_code == 403
    assert _report_state(report) == before
