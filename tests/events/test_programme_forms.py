"""Staff pages for holiday programmes: create and edit a programme with its priority groups and courses;
the groups drive the draw; bad input is refused with a clear message and nothing stored; tenancy."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_scopes import scope, scopes_disabled
from lxml import html

from familienbuero.accounts.roles import Role
from familienbuero.events import services_lottery
from familienbuero.events.models import PriorityClass, Programme, Wish
from familienbuero.events.services_lottery import ChildWishes
from tests.conftest import verified_client
from tests.events.conftest import A_STAFF
from tests.events.factories import make_event
from tests.factories import MembershipFactory

NEW = f"{A_STAFF}ferienprogramm/neu/"


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def post_data(office, courses, groups, **extra) -> dict[str, str]:
    """The form as a browser sends it: groups are (id, number, name) rows plus empty rows."""
    now = timezone.now()
    data = {
        "office": str(office.pk),
        "name": "Herbstferien 2027",
        "description": "Eine Woche Spaß.",
        "wish_opens": local(now - timedelta(hours=1)),
        "wish_closes": local(now + timedelta(days=1)),
        "draw_planned_on": f"{timezone.localdate() + timedelta(days=3):%Y-%m-%d}",
        "max_wishes": "2",
        "max_courses_per_child": "1",
        "courses": [str(c.pk) for c in courses],
    }
    rows = [*groups, *[("", "", "")] * 3]
    data.update({"gruppe-TOTAL_FORMS": str(len(rows)), "gruppe-INITIAL_FORMS": str(len(groups))})
    for index, (pk, number, label) in enumerate(rows):
        data.update(
            {
                f"gruppe-{index}-id": str(pk),
                f"gruppe-{index}-position": str(number),
                f"gruppe-{index}-label": label,
            }
        )
    data.update(extra)
    return data


@pytest.fixture
def staff(tenants):
    return verified_client(tenants[0].users[Role.OFFICE_STAFF])


@pytest.fixture
def courses(tenants):
    with scopes_disabled():
        return [make_event(tenants[0].office, capacity=1, title=t) for t in ("Reiten", "Zirkus")]


def test_a_programme_made_with_the_form_is_shown_and_its_groups_decide_the_draw(
    client, staff, tenants, courses
):
    office = tenants[0].office
    reiten, zirkus = courses
    # Row order is not the draw order: the numbers are. "BuT" is number 1.
    data = post_data(office, courses, [("", "2", "Alle anderen"), ("", "1", "BuT-Anspruch")])
    response = staff.post(NEW, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    with scopes_disabled():
        programme = Programme.objects.get()
        assert list(programme.priority_classes.values_list("position", "label")) == [
            (0, "BuT-Anspruch"),
            (1, "Alle anderen"),
        ]
        assert set(programme.events.all()) == {reiten, zirkus}
        others, but = programme.priority_classes.get(position=1), programme.priority_classes.get(position=0)
    page = staff.get(response["Location"]).content.decode()
    assert "Herbstferien 2027" in page and page.index("BuT-Anspruch") < page.index("Alle anderen")
    public = client.get(f"/stadt-a/de/veranstaltungen/ferienprogramm/{programme.uuid}/").content.decode()
    assert "Reiten" in public and "Wünsche eintragen" in public
    planned = timezone.localdate() + timedelta(days=3)
    assert f"Die Verlosung ist für den {planned:%-d.%-m.%Y} geplant" in public
    # The family of the lower group wishes first; the BuT family still gets the only place.
    with scope(municipality=programme.municipality):
        for group, name in ((others, "Lena"), (but, "Hamza")):
            services_lottery.submit_wishes(
                programme=programme,
                contact_name=f"Eltern {name}",
                email=f"{name.lower()}@example.org",
                priority_class=group,
                children=[ChildWishes(name, 8, courses=[reiten.pk])],
            )
        services_lottery.run_draw(programme=programme, now=timezone.now() + timedelta(days=2))
    with scopes_disabled():
        assert list(Wish.objects.filter(won=True).values_list("child__first_name", flat=True)) == ["Hamza"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"wish_closes": "2020-01-01T10:00"}, "Die Wunschphase muss nach ihrem Beginn enden."),
        ({"draw_planned_on": "2020-01-01"}, "Die Verlosung kann erst nach der Wunschphase stattfinden."),
        ({"max_courses_per_child": "3"}, "nicht mehr Kurse bekommen, als es sich wünschen darf"),
        ({"gruppe-0-label": "", "gruppe-1-label": ""}, "Geben Sie mindestens eine Gruppe an"),
        ({"gruppe-1-label": "but"}, "Jede Gruppe braucht einen eigenen Namen."),
        ({"gruppe-1-position": "1"}, "Geben Sie jeder Gruppe eine eigene Nummer."),
        ({"name": ""}, "Dieses Feld ist zwingend erforderlich."),
        ({"name": "x" * 201}, "höchstens 200 Zeichen"),
        ({"max_wishes": "11"}, "kleiner oder gleich 10"),
        ({"wish_opens": "morgen"}, "gültiges Datum"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message_and_nothing_stored(
    staff, tenants, courses, change, message
):
    data = post_data(tenants[0].office, courses, [("", "1", "BuT"), ("", "2", "Alle anderen")], **change)
    response = staff.post(NEW, data)
    assert response.status_code == 422
    assert message in response.content.decode()
    with scopes_disabled():
        assert Programme.objects.count() == 0 and PriorityClass.objects.count() == 0
        assert not any(c.programme_id for c in type(courses[0]).objects.all())


def test_courses_of_another_office_or_programme_are_refused(staff, tenants, courses):
    with scopes_disabled():
        other = make_event(tenants[0].other_office, title="Tanzen")
    response = staff.post(NEW, post_data(tenants[0].office, [*courses, other], [("", "1", "Alle")]))
    # Not offered to staff of another office: the choice is invalid.
    assert response.status_code == 422
    coordinator = verified_client(tenants[0].users[Role.COORDINATOR])
    response = coordinator.post(NEW, post_data(tenants[0].office, [*courses, other], [("", "1", "Alle")]))
    assert response.status_code == 422
    assert "„Tanzen“ ist eine Veranstaltung eines anderen Büros." in response.content.decode()
    with scopes_disabled():
        assert Programme.objects.count() == 0


@pytest.fixture
def programme(staff, tenants, courses):
    response = staff.post(
        NEW, post_data(tenants[0].office, courses, [("", "1", "BuT"), ("", "2", "Alle anderen")])
    )
    assert response.status_code == 302
    with scopes_disabled():
        return Programme.objects.get()


def edit_data(programme, **extra):
    with scopes_disabled():
        groups = [(c.pk, c.position + 1, c.label) for c in programme.priority_classes.all()]
        courses = list(programme.events.all())
    return post_data(programme.office, courses, groups, **extra)


def test_edit_reorders_and_renames_groups_but_keeps_chosen_ones(staff, programme):
    url = f"{A_STAFF}ferienprogramm/{programme.uuid}/bearbeiten/"
    page = staff.get(url).content.decode()
    assert 'value="BuT"' in page and 'value="Herbstferien 2027"' in page
    swapped = edit_data(programme, **{"gruppe-0-position": "2", "gruppe-1-position": "1"})
    assert staff.post(url, swapped).status_code == 302
    with scopes_disabled():
        assert list(programme.priority_classes.values_list("label", flat=True)) == ["Alle anderen", "BuT"]
        group = programme.priority_classes.get(label="BuT")
        course = programme.events.first()
    with scope(municipality=programme.municipality):
        services_lottery.submit_wishes(
            programme=programme,
            contact_name="Eltern",
            email="eltern@example.org",
            priority_class=group,
            children=[ChildWishes("Ida", 7, courses=[course.pk])],
        )
    data = edit_data(programme)
    index = next(i for i in range(2) if data[f"gruppe-{i}-label"] == "BuT")
    response = staff.post(url, {**data, f"gruppe-{index}-label": ""})
    assert response.status_code == 422
    assert "„BuT“ kann nicht entfernt werden" in response.content.decode()
    with scopes_disabled():
        fewer = [str(c.pk) for c in programme.events.exclude(pk=course.pk)]
    response = staff.post(url, {**data, "courses": fewer})
    assert response.status_code == 422 and "kann nicht herausgenommen werden" in response.content.decode()
    assert (
        staff.post(url, {**data, f"gruppe-{index}-label": "BuT oder geringes Einkommen"}).status_code == 302
    )
    with scopes_disabled():
        assert programme.priority_classes.filter(pk=group.pk, label="BuT oder geringes Einkommen").exists()


def test_after_the_draw_only_name_and_description_change(staff, programme):
    with scopes_disabled():
        # As in the demo: times with seconds, which the form neither shows nor sends.
        programme.wish_opens -= timedelta(seconds=17)
        programme.save(update_fields=["wish_opens"])
    with scope(municipality=programme.municipality):
        services_lottery.run_draw(programme=programme, now=timezone.now() + timedelta(days=2))
    url = f"{A_STAFF}ferienprogramm/{programme.uuid}/bearbeiten/"
    with scopes_disabled():
        programme.refresh_from_db()
    data = edit_data(programme)
    data["wish_opens"], data["wish_closes"] = local(programme.wish_opens), local(programme.wish_closes)
    response = staff.post(url, {**data, "max_wishes": "3"})
    assert response.status_code == 422 and "wurden bereits verlost" in response.content.decode()
    assert staff.post(url, {**data, "name": "Herbstferien 2027 (verlost)"}).status_code == 302
    with scopes_disabled():
        programme.refresh_from_db()
        assert programme.name == "Herbstferien 2027 (verlost)" and programme.max_wishes == 2


def test_other_office_and_other_municipality_get_404(tenants, programme):
    a, b = tenants
    with scopes_disabled():
        other_office = MembershipFactory(
            municipality=a.municipality, role=Role.OFFICE_STAFF, office=a.other_office, user__username="zwei"
        ).user
    edit = f"ferienprogramm/{programme.uuid}/bearbeiten/"
    assert verified_client(a.users[Role.COORDINATOR]).get(f"{A_STAFF}{edit}").status_code == 200
    assert verified_client(other_office).get(f"{A_STAFF}{edit}").status_code == 404
    assert verified_client(other_office).post(f"{A_STAFF}{edit}", {"name": "x"}).status_code == 404
    assert verified_client(a.users[Role.PROVIDER_STAFF]).get(f"{A_STAFF}{edit}").status_code == 404
    other_town = verified_client(b.users[Role.COORDINATOR])
    assert other_town.get(f"/stadt-b/de/intern/veranstaltungen/{edit}").status_code == 404
    with scopes_disabled():
        programme.refresh_from_db()
        assert programme.name == "Herbstferien 2027"


def test_staff_of_one_office_find_it_chosen_coordinators_choose(staff, tenants):
    with scopes_disabled():
        office = tenants[0].office
    form = html.fromstring(staff.get(NEW).content)
    assert form.xpath("//select[@name='office']/option[@selected]/@value") == [str(office.pk)]
    coordinator = verified_client(tenants[0].users[Role.COORDINATOR])
    form = html.fromstring(coordinator.get(NEW).content)
    assert form.xpath("//select[@name='office']/option[@selected]/@value") == [""]
