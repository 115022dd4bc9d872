"""Partner self-service with review: partners propose, office staff publish or return, stale entries.

The two promises of the issue are proven here: a partner editor cannot reach another organisation's
service (404), and nothing a partner proposes is visible to the public before it is published.
"""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from familienbuero.accounts.roles import Role
from familienbuero.core.periodic import run_all
from familienbuero.directory import notices, review
from familienbuero.directory.forms_partner import ServiceProposalForm
from familienbuero.directory.models import Service, ServiceChange, TaxonomyTerm
from familienbuero.tenancy.models import District
from tests.conftest import verified_client
from tests.test_permission_matrix import url_names

BASE = "/stadt-a/de/intern/organisationen"
PARTNER_LIST = f"{BASE}/traeger/angebote/"
REVIEW_LIST = f"{BASE}/aenderungen/"


def make_service(tenant, *, organization=None, slug="elterncafe", name="Elterncafé", **fields) -> Service:
    """A published service with a German text (as the admin or a publish would leave it)."""
    with scopes_disabled():
        service = Service(
            municipality=tenant.municipality,
            organization=organization or tenant.organization,
            slug=slug,
            **fields,
        )
        service.set_current_language("de")
        service.name = name
        service.description = "Offener Treff für Eltern mit kleinen Kindern, jeden Dienstag."
        service.save()
    return service


def edit_url(slug="elterncafe", org="traeger"):
    return f"{BASE}/{org}/angebote/{slug}/bearbeiten/"


def form_post(**overrides) -> dict:
    data = {
        "name": "Elterncafé",
        "description": "Offener Treff für Eltern mit kleinen Kindern, jeden Dienstag.",
        "eligibility_description": "",
        "application_process": "",
        "fees_description": "",
        "free_of_charge": "on",
        "minimum_age": "",
        "maximum_age": "",
        "url": "",
        "email": "",
        "phone": "",
        "languages": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def german_name(service_pk: int) -> str:
    with scopes_disabled():
        service = Service.objects.get(pk=service_pk)
        return service.safe_translation_getter("name", language_code="de")


def changes(tenant):
    with scope(municipality=tenant.municipality):
        return list(ServiceChange.objects.order_by("pk"))


@pytest.fixture
def partner(tenants) -> Client:
    return verified_client(tenants[0].users[Role.PARTNER_EDITOR])


@pytest.fixture
def staff(tenants) -> Client:
    return verified_client(tenants[0].users[Role.OFFICE_STAFF])


# --- proposing ------------------------------------------------------------------------------------


def test_a_change_waits_for_review_and_the_service_is_untouched(tenants, partner):
    a, _b = tenants
    service = make_service(a)
    response = partner.post(edit_url(), form_post(name="Elterncafé am Markt", languages="de, tr"))
    assert response.status_code == 302
    [change] = changes(a)
    assert change.state == ServiceChange.State.PENDING
    assert change.service_id == service.pk and change.organization_id == a.organization.pk
    assert change.proposed["name"] == "Elterncafé am Markt"
    assert change.proposed["languages"] == ["de", "tr"]
    assert change.created_by == a.users[Role.PARTNER_EDITOR]
    assert german_name(service.pk) == "Elterncafé"


def test_re_editing_updates_the_one_open_change(tenants, partner):
    a, _b = tenants
    make_service(a)
    partner.post(edit_url(), form_post(name="Erster Entwurf"))
    response = partner.get(edit_url())
    assert "Erster Entwurf" in response.content.decode()  # the form continues from the proposal
    partner.post(edit_url(), form_post(name="Zweiter Entwurf"))
    [change] = changes(a)
    assert change.proposed["name"] == "Zweiter Entwurf"


def test_saving_without_a_difference_creates_nothing_to_review(tenants, partner):
    a, _b = tenants
    make_service(a)
    assert partner.post(edit_url(), form_post()).status_code == 302
    assert changes(a) == []


def test_partner_list_shows_services_and_open_proposals(tenants, partner):
    a, _b = tenants
    make_service(a)
    make_service(a, organization=a.other_organization, slug="fremd", name="Fremdes Angebot")
    partner.post(edit_url(), form_post(name="Neuer Name"))
    partner.post(f"{BASE}/traeger/angebote/neu/", form_post(name="Krabbelgruppe"))
    content = partner.get(PARTNER_LIST).content.decode()
    assert "Elterncafé" in content and "Krabbelgruppe" in content
    assert "Fremdes Angebot" not in content
    assert "/stadt-a/de/aushang/angebot/elterncafe/" in content  # the printable notice


# --- isolation ------------------------------------------------------------------------------------


def test_partner_editor_cannot_edit_another_organisations_service(tenants, partner):
    a, b = tenants
    foreign = make_service(a, organization=a.other_organization, slug="fremd", name="Fremdes Angebot")
    make_service(b, slug="elterncafe", name="Elterncafé in B")
    for url in (
        edit_url("fremd"),  # own organisation in the URL, other organisation's service
        edit_url("fremd", org="verein"),  # the other organisation itself
        f"{BASE}/verein/angebote/",
        f"{BASE}/verein/angebote/neu/",
        "/stadt-b/de/intern/organisationen/traeger/angebote/elterncafe/bearbeiten/",
    ):
        assert partner.get(url).status_code == 404, url
        assert partner.post(url, form_post(name="Übernommen")).status_code == 404, url
    assert partner.post(f"{BASE}/traeger/angebote/fremd/bestaetigen/").status_code == 404
    assert changes(a) == [] and changes(b) == []
    assert german_name(foreign.pk) == "Fremdes Angebot"


def test_proposals_of_another_organisation_cannot_be_revised(tenants):
    a, _b = tenants
    other_editor = verified_client(
        _editor_of(a, a.other_organization, username="editor-verein"),
    )
    other_editor.post(f"{BASE}/verein/angebote/neu/", form_post(name="Vereinsangebot"))
    [change] = changes(a)
    partner = verified_client(a.users[Role.PARTNER_EDITOR])
    for url in (
        f"{BASE}/traeger/angebote/vorschlag/{change.pk}/",
        f"{BASE}/verein/angebote/vorschlag/{change.pk}/",
    ):
        assert partner.get(url).status_code == 404
        assert partner.post(url, form_post(name="Gekapert")).status_code == 404
    assert changes(a)[0].proposed["name"] == "Vereinsangebot"


def _editor_of(tenant, organization, *, username):
    from tests import factories

    with scopes_disabled():
        return factories.MembershipFactory(
            municipality=tenant.municipality,
            role=Role.PARTNER_EDITOR,
            organization=organization,
            user__username=username,
            user__email=f"{username}@example.org",
        ).user


@pytest.mark.parametrize("role", [Role.PARTNER_EDITOR, Role.PROVIDER_STAFF])
def test_partners_and_providers_do_not_see_the_review_queue(tenants, role):
    a, _b = tenants
    make_service(a)
    verified_client(a.users[Role.PARTNER_EDITOR]).post(edit_url(), form_post(name="Neu"))
    [change] = changes(a)
    client = verified_client(a.users[role])
    assert client.get(REVIEW_LIST).status_code == 404
    assert client.get(f"{REVIEW_LIST}{change.pk}/").status_code == 404
    assert client.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 404
    assert changes(a)[0].state == ServiceChange.State.PENDING


def test_a_change_of_another_municipality_is_404_for_reviewers(tenants):
    a, b = tenants
    make_service(b)
    verified_client(b.users[Role.PARTNER_EDITOR]).post(
        "/stadt-b/de/intern/organisationen/traeger/angebote/elterncafe/bearbeiten/", form_post(name="B neu")
    )
    [change] = changes(b)
    for role in (Role.OFFICE_STAFF, Role.COORDINATOR):
        client = verified_client(a.users[role])
        assert client.get(f"{REVIEW_LIST}{change.pk}/").status_code == 404
        assert client.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 404
        assert "B neu" not in client.get(REVIEW_LIST).content.decode()
    assert changes(b)[0].state == ServiceChange.State.PENDING


# --- the public sees only what is published --------------------------------------------------------


def test_an_unpublished_change_is_invisible_to_the_public(tenants, partner, staff):
    a, _b = tenants
    service = make_service(a)
    partner.post(edit_url(), form_post(name="Geheimer Entwurf", description="Noch nicht geprüft."))
    public = Client()
    notice = public.get("/stadt-a/de/aushang/angebot/elterncafe/").content.decode()
    assert "Elterncafé" in notice and "Geheimer Entwurf" not in notice and "Noch nicht" not in notice
    pdf = PdfReader(io.BytesIO(public.get("/stadt-a/de/aushang/angebot/elterncafe/?format=pdf").content))
    pdf_text = pdf.pages[0].extract_text()
    assert "Elterncafé" in pdf_text and "Geheimer" not in pdf_text
    with scope(municipality=a.municipality):
        assert not Service.objects.filter(translations__name="Geheimer Entwurf").exists()
    # A proposed new service does not exist for the public at all.
    partner.post(f"{BASE}/traeger/angebote/neu/", form_post(name="Geheimes Angebot"))
    with scope(municipality=a.municipality):
        assert Service.objects.count() == 1
    if notices.SERVICE_PAGE_URL_NAME in url_names():  # the public detail page: check it over HTTP too
        page = public.get(f"/stadt-a/de/angebote/{service.slug}/").content.decode()
        assert "Elterncafé" in page and "Geheimer Entwurf" not in page
    # After publishing, the public sees the new text.
    [change, _new] = changes(a)
    assert staff.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 302
    assert "Geheimer Entwurf" in public.get("/stadt-a/de/aushang/angebot/elterncafe/").content.decode()


# --- reviewing ------------------------------------------------------------------------------------


def _terms(*codes):
    return {term.code: term for term in TaxonomyTerm.objects.filter(code__in=codes)}


def test_publishing_applies_every_field_in_one_go(
    tenants, partner, staff, django_capture_on_commit_callbacks
):
    a, _b = tenants
    with scopes_disabled():
        nord = District.objects.create(municipality=a.municipality, name="Nord", slug="nord")
        term = TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TARGET_GROUP).first()
        a.users[Role.PARTNER_EDITOR].email = "editor@example.org"
        a.users[Role.PARTNER_EDITOR].save()
    service = make_service(a, confirmed_at=timezone.now() - timedelta(days=500))
    partner.post(
        edit_url(),
        form_post(
            name="Elterncafé am Markt",
            eligibility_description="Für Eltern mit Kindern bis drei Jahre.",
            free_of_charge=None,
            but_eligible="on",
            fees_description="2 € pro Treffen",
            minimum_age="0",
            maximum_age="3",
            url="www.example.org/cafe",
            email="cafe@example.org",
            phone="02855 1234",
            languages="tr, de",
            target_groups=[str(term.uuid)],
            districts=["nord"],
        ),
    )
    [change] = changes(a)
    detail = staff.get(f"{REVIEW_LIST}{change.pk}/").content.decode()
    assert "am Markt</ins>" in detail  # word-level marking of the added words
    assert "Türkçe (tr)" in detail and "Nord" in detail and str(term) in detail
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 302
    with scopes_disabled():
        service = Service.objects.get(pk=service.pk)
        change = ServiceChange.objects.get(pk=change.pk)
        assert service.safe_translation_getter("name", language_code="de") == "Elterncafé am Markt"
        assert service.safe_translation_getter("fees_description", language_code="de") == "2 € pro Treffen"
        assert (service.free_of_charge, service.but_eligible) == (False, True)
        assert (service.minimum_age, service.maximum_age) == (0, 3)
        assert service.url == "https://www.example.org/cafe"
        assert (service.email, service.phone) == ("cafe@example.org", "02855 1234")
        assert sorted(service.languages.values_list("code", flat=True)) == ["de", "tr"]
        assert list(service.terms.all()) == [term]
        assert list(service.districts.all()) == [nord]
        assert timezone.now() - service.confirmed_at < timedelta(minutes=1)
    assert change.state == ServiceChange.State.PUBLISHED
    assert change.reviewed_by == a.users[Role.OFFICE_STAFF] and change.reviewed_at is not None
    assert [m.to for m in mail.outbox] == [["editor@example.org"]]


def test_return_needs_a_comment_which_the_partner_sees_and_answers(tenants, partner, staff):
    a, _b = tenants
    make_service(a)
    partner.post(edit_url(), form_post(name="Elterncafe!!!"))
    [change] = changes(a)
    url = f"{REVIEW_LIST}{change.pk}/zurueckgeben/"
    response = staff.post(url, {"comment": "   "})
    assert response.status_code == 422
    with translation.override("de"):
        assert translation.gettext("Please say what the partner should revise.") in response.content.decode()
    assert changes(a)[0].state == ServiceChange.State.PENDING
    assert staff.post(url, {"comment": "Bitte den Namen ohne Ausrufezeichen."}).status_code == 302
    change = changes(a)[0]
    assert change.state == ServiceChange.State.RETURNED and change.reviewed_at is not None
    assert "Bitte den Namen ohne Ausrufezeichen." in partner.get(PARTNER_LIST).content.decode()
    assert "Bitte den Namen ohne Ausrufezeichen." in partner.get(edit_url()).content.decode()
    # The revision goes back into the queue as the same change.
    partner.post(edit_url(), form_post(name="Elterncafé am Markt"))
    [change] = changes(a)
    assert change.state == ServiceChange.State.PENDING and change.reviewed_at is None
    assert change.proposed["name"] == "Elterncafé am Markt"
    assert german_name(change.service_id) == "Elterncafé"


def test_a_reviewed_change_cannot_be_reviewed_again(tenants, partner, staff):
    a, _b = tenants
    make_service(a)
    partner.post(edit_url(), form_post(name="Neu"))
    [change] = changes(a)
    assert staff.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 302
    assert staff.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 409
    assert staff.post(f"{REVIEW_LIST}{change.pk}/zurueckgeben/", {"comment": "zu spät"}).status_code == 409
    assert changes(a)[0].state == ServiceChange.State.PUBLISHED


def test_a_proposed_new_service_is_created_on_publishing(tenants, partner):
    a, _b = tenants
    make_service(a, slug="krabbelgruppe", name="Alte Krabbelgruppe")
    assert partner.post(f"{BASE}/traeger/angebote/neu/", form_post(name="Krabbelgruppe")).status_code == 302
    [change] = changes(a)
    assert change.service_id is None
    # The partner can revise the proposal until it is reviewed.
    partner.post(
        f"{BASE}/traeger/angebote/vorschlag/{change.pk}/", form_post(name="Krabbelgruppe", phone="0281 1")
    )
    coordinator = verified_client(a.users[Role.COORDINATOR])
    assert coordinator.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/").status_code == 302
    with scope(municipality=a.municipality):
        service = Service.objects.get(changes__pk=change.pk)
        assert service.slug == "krabbelgruppe-2"  # the slug was taken
        assert service.is_published and service.organization == a.organization
        assert service.phone == "0281 1"


def test_publishing_validates_the_proposal_again(tenants, partner, staff):
    a, _b = tenants
    make_service(a)
    with scopes_disabled():
        district = District.objects.create(municipality=a.municipality, name="Süd", slug="sued")
    partner.post(edit_url(), form_post(name="Neu", districts=["sued"]))
    with scopes_disabled():
        district.delete()
    [change] = changes(a)
    response = staff.post(f"{REVIEW_LIST}{change.pk}/veroeffentlichen/")
    assert response.status_code == 422
    assert changes(a)[0].state == ServiceChange.State.PENDING
    assert german_name(change.service_id) == "Elterncafé"


def test_review_list_needs_few_queries(tenants, partner, staff, django_assert_max_num_queries):
    a, _b = tenants
    for number in range(6):
        make_service(a, slug=f"angebot-{number}", name=f"Angebot {number}")
        partner.post(edit_url(f"angebot-{number}"), form_post(name=f"Angebot {number} neu"))
    make_service(a, slug="alt", name="Altes Angebot", confirmed_at=timezone.now() - timedelta(days=400))
    with django_assert_max_num_queries(20):
        content = staff.get(REVIEW_LIST).content.decode()
    assert content.count("/aenderungen/") >= 6 and "Altes Angebot" in content
    with django_assert_max_num_queries(20):
        assert partner.get(PARTNER_LIST).status_code == 200


# --- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "kein-mail"}, "email", "Enter a valid email address."),
        ({"phone": "ruf mich an"}, "phone", "Enter a phone number with digits only."),
        ({"url": "javascript:alert(1)"}, "url", "Enter a valid URL."),
        ({"url": "ftp://example.org/"}, "url", "Enter a valid URL."),
        ({"name": "x" * 201}, "name", "200"),
        ({"name": ""}, "name", "This field is required."),
        ({"description": "x" * 4001}, "description", "4000"),
        ({"fees_description": "x" * 1001}, "fees_description", "1000"),
        (
            {"minimum_age": "12", "maximum_age": "6"},
            "maximum_age",
            "The maximum age must not be below the minimum age.",
        ),
        ({"minimum_age": "-1"}, "minimum_age", "0"),
        ({"maximum_age": "121"}, "maximum_age", "120"),
        ({"languages": "de, klingonisch"}, "languages", "klingonisch"),
        ({"topics": ["not-a-uuid"]}, "topics", "not-a-uuid"),
        ({"districts": ["nirgendwo"]}, "districts", "nirgendwo"),
    ],
)
def test_invalid_input_is_explained_in_german_and_nothing_is_stored(
    tenants, partner, overrides, field, message
):
    a, _b = tenants
    service = make_service(a)
    response = partner.post(edit_url(), form_post(**overrides))
    assert response.status_code == 422
    content = response.content.decode()
    with translation.override("de"):
        expected = translation.gettext(message)
    assert expected in content or message in content
    assert f'id="id_{field}_error"' in content
    assert changes(a) == []
    assert german_name(service.pk) == "Elterncafé"


def test_a_district_of_another_municipality_cannot_be_chosen(tenants, partner):
    a, b = tenants
    make_service(a)
    with scopes_disabled():
        District.objects.create(municipality=b.municipality, name="B-Nord", slug="b-nord")
    response = partner.post(edit_url(), form_post(name="Neu", districts=["b-nord"]))
    assert response.status_code == 422
    assert changes(a) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.text(max_size=250),
    description=st.text(max_size=300),
    email=st.text(max_size=80),
    phone=st.text(max_size=40),
    url=st.text(max_size=120),
    languages=st.text(max_size=40),
    minimum_age=st.one_of(st.text(max_size=5), st.integers(-5, 200).map(str)),
    topics=st.lists(st.text(max_size=40), max_size=3),
)
def test_hostile_input_never_crashes_and_stores_only_valid_proposals(
    tenants, name, description, email, phone, url, languages, minimum_age, topics
):
    a, _b = tenants
    client = verified_client(a.users[Role.PARTNER_EDITOR])
    data = form_post(
        name=name,
        description=description,
        email=email,
        phone=phone,
        url=url,
        languages=languages,
        minimum_age=minimum_age,
        topics=topics,
    )
    before = len(changes(a))
    response = client.post(f"{BASE}/traeger/angebote/neu/", data)
    assert response.status_code in (302, 422)
    after = changes(a)
    if response.status_code == 422:
        assert len(after) == before
    else:
        assert len(after) == before + 1
        with scope(municipality=a.municipality):
            # What was stored passes the same validation again (the publish step relies on it).
            assert ServiceProposalForm(data=review.form_data(after[-1].proposed)).is_valid()


# --- stale entries --------------------------------------------------------------------------------


def test_stale_entries_are_flagged_and_can_be_confirmed_unchanged(tenants, partner, staff):
    a, _b = tenants
    service = make_service(a, confirmed_at=timezone.now() - timedelta(days=366))
    make_service(a, slug="frisch", name="Frisches Angebot")
    content = partner.get(PARTNER_LIST).content.decode()
    assert content.count("not confirmed for over a year") + content.count("über ein Jahr") >= 1
    assert "Elterncafé" in staff.get(REVIEW_LIST).content.decode()
    assert partner.get(f"{BASE}/traeger/angebote/elterncafe/bestaetigen/").status_code == 405
    assert partner.post(f"{BASE}/traeger/angebote/elterncafe/bestaetigen/").status_code == 302
    with scopes_disabled():
        service.refresh_from_db()
        assert not review.is_stale(service)
    assert changes(a) == []
    with scope(municipality=a.municipality):
        assert list(review.stale_services()) == []


def _stale_setup(tenants):
    a, b = tenants
    with scopes_disabled():
        for tenant in (a, b):
            for role in (Role.PARTNER_EDITOR, Role.PROVIDER_STAFF, Role.COORDINATOR):
                user = tenant.users[role]
                user.email = f"{role}@{tenant.municipality.slug}.example"
                user.save()
    became_stale = timezone.now() - timedelta(days=10)
    service = make_service(a, confirmed_at=became_stale - review.STALE_AFTER)
    return a, b, service, became_stale


def test_editors_are_reminded_when_an_entry_becomes_stale_and_every_30_days(tenants):
    a, _b, _service, became_stale = _stale_setup(tenants)
    make_service(a, slug="frisch", name="Frisches Angebot")  # not stale: no reminder
    assert review.remind_stale_services(now=became_stale - timedelta(minutes=1)) == 0
    assert review.remind_stale_services(now=became_stale + timedelta(minutes=5)) == 1
    assert review.remind_stale_services(now=became_stale + timedelta(minutes=20)) == 0  # next run
    assert review.remind_stale_services(now=became_stale + timedelta(days=10)) == 0
    assert review.remind_stale_services(now=became_stale + timedelta(days=30, minutes=1)) == 1
    assert [m.to for m in mail.outbox] == [[f"{Role.PARTNER_EDITOR}@stadt-a.example"]] * 2
    assert "Elterncafé" in mail.outbox[0].body and "Frisches" not in mail.outbox[0].body


def test_no_reminder_while_a_change_waits_for_review(tenants):
    a, _b, _service, became_stale = _stale_setup(tenants)
    verified_client(a.users[Role.PARTNER_EDITOR]).post(edit_url(), form_post(name="Neu"))
    assert review.remind_stale_services(now=became_stale + timedelta(minutes=5)) == 0


def test_stale_reminders_run_with_the_periodic_jobs(tenants):
    _a, _b, _service, became_stale = _stale_setup(tenants)
    results = run_all(now=became_stale + timedelta(minutes=1))
    assert results["stale service reminders sent"] == 1


def test_reminder_timing_is_computed_from_the_confirmation_alone():
    class Entry:
        confirmed_at = timezone.now() - review.STALE_AFTER

    now = Entry.confirmed_at + review.STALE_AFTER
    assert review.reminder_due(Entry, now)
    assert not review.reminder_due(Entry, now - timedelta(seconds=1))
    assert not review.reminder_due(Entry, now + review.REMINDER_WINDOW)
    assert review.reminder_due(Entry, now + 3 * review.REMIND_EVERY + timedelta(minutes=14))
