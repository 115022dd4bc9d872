"""Service search: German word forms, typos, umlauts, facets, ranking – on SQLite and PostgreSQL.

Run twice by ``make test`` (once per database); ``test_the_databases_own_full_text_search_is_used``
shows which back-end answered.
"""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django_scopes import scopes_disabled
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familienbuero.directory.models import Service
from familienbuero.directory.search import (
    SearchFilters,
    forget_vocabulary,
    index_service,
    rebuild_index,
    remove_service,
    search_services,
)
from familienbuero.directory.search.text import edit_distance, fold
from tests import factories
from tests.directory import factories_directory as f

BERLIN = ZoneInfo("Europe/Berlin")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _fresh_translation_cache():
    """django-parler caches translations by primary key in Django's cache; ids are reused after a
    test's rollback, so a cached translation of an earlier test would stand in for this test's."""
    cache.clear()
    forget_vocabulary()


@pytest.fixture
def town(db):
    with scopes_disabled():
        return factories.MunicipalityFactory(slug="stadt-a", name="Stadt A")


@pytest.fixture
def other_town(db):
    with scopes_disabled():
        return factories.MunicipalityFactory(slug="stadt-b", name="Stadt B")


def make(town, slug, name, description="Ein Angebot.", **kwargs):
    with scopes_disabled():
        return f.service(town, slug, name, description, **kwargs)


def names(result) -> list[str]:
    return [hit.service.safe_translation_getter("name", language_code="de") for hit in result.hits]


def find(town, query="", **kwargs) -> list[str]:
    return names(search_services(municipality=town, query=query, **kwargs))


# --- the examples from the issue ------------------------------------------------------------------


def test_plural_finds_singular_and_singular_finds_plural(town):
    make(town, "schwimmen", "Schwimmkurs für Kinder")
    make(town, "kurse", "Kurse für Eltern", "Verschiedene Erziehungskurse.")
    assert find(town, "Schwimmkurse") == ["Schwimmkurs für Kinder"]
    assert find(town, "Schwimmkurs") == ["Schwimmkurs für Kinder"]
    assert find(town, "Kurs") == ["Kurse für Eltern"]


def test_debts_find_debt_counselling_but_not_school(town):
    make(town, "schulden", "Schuldnerberatung", "Hilfe bei Geldsorgen.")
    make(town, "schule", "Schulsozialarbeit", "Ansprechpartner an der Schule.")
    assert find(town, "Schulden") == ["Schuldnerberatung"]


def test_adjective_finds_noun(town):
    make(town, "treff", "Offener Treff", "Ein Treffpunkt für Jugendliche ab 12 Jahren.")
    assert find(town, "jugendlich") == ["Offener Treff"]


def test_one_typo_is_tolerated_and_named(town):
    make(town, "nachhilfe", "Kostenlose Nachhilfe", "Hausaufgabenhilfe für Grundschulkinder.")
    result = search_services(municipality=town, query="Nachilfe")
    assert names(result) == ["Kostenlose Nachhilfe"]
    assert result.fuzzy_words == ["nachilfe"]
    assert find(town, "Nachhilfe") == ["Kostenlose Nachhilfe"]
    assert find(town, "Nahchilfe") == ["Kostenlose Nachhilfe"]  # swapped letters count as one typo


def test_umlauts_may_be_spelled_out_both_ways(town):
    make(town, "buero", "Sprechstunde im Familienbüro", "Beratung ohne Termin.")
    make(town, "strasse", "Verkehrsschule", "Sicher über die Strasse.")
    assert find(town, "Familienbuero") == ["Sprechstunde im Familienbüro"]
    assert find(town, "familienbüro") == ["Sprechstunde im Familienbüro"]
    assert find(town, "Straße") == ["Verkehrsschule"]


def test_parts_of_compounds_are_found(town):
    make(town, "schuldner", "Schuldnerberatung", "Hilfe bei Geldsorgen.")
    make(town, "erziehung", "Erziehungsberatung", "Wenn es zu Hause schwierig ist.")
    make(town, "turnen", "Kinderturnen", "Bewegung für Kinder.")
    assert sorted(find(town, "Beratung")) == ["Erziehungsberatung", "Schuldnerberatung"]


def test_arabic_query_finds_arabic_translation(town):
    make(
        town,
        "schwimmen",
        "Schwimmkurs für Kinder",
        translations={"ar": ("دورة سباحة للأطفال", "تعلّم السباحة في مجموعات صغيرة.")},
    )
    make(town, "turnen", "Kinderturnen", translations={"ar": ("رياضة للأطفال", "حركة ولعب.")})
    assert find(town, "سباحة", language="ar") == ["Schwimmkurs für Kinder"]
    # German words are found on the Arabic page, too.
    assert find(town, "Schwimmkurs", language="ar") == ["Schwimmkurs für Kinder"]


def test_vocabulary_and_provider_names_are_searchable(town):
    with scopes_disabled():
        club = factories.OrganizationFactory(municipality=town, name="TV Voerde e. V.")
    make(town, "turnen", "Bewegung am Nachmittag", terms=["sport", "kinder"], organization=club)
    assert find(town, "Sport") == ["Bewegung am Nachmittag"]
    assert find(town, "Voerde") == ["Bewegung am Nachmittag"]
    # The vocabulary's translations are indexed as well: "الأطفال" (children) on the Arabic page.
    assert find(town, "الأطفال", language="ar") == ["Bewegung am Nachmittag"]


def test_words_nothing_contains_are_ignored_and_named(town):
    make(town, "schwimmen", "Schwimmkurs")
    result = search_services(municipality=town, query="Schwimmkurs Xylophon")
    assert names(result) == ["Schwimmkurs"]
    assert result.ignored_words == ["xylophon"]
    assert find(town, "Xylophon") == []


def test_stop_words_do_not_narrow_the_search(town):
    make(town, "schwimmen", "Schwimmkurs", "Kleine Gruppen.")
    assert find(town, "ein Schwimmkurs für die Kinder") == ["Schwimmkurs"]


@pytest.mark.parametrize("query", ['"', "* OR NOT (", "'; DROP TABLE x; --", "a:*", "NEAR(a b)", "\\", "%_"])
def test_query_syntax_characters_are_plain_text(town, query):
    make(town, "schwimmen", "Schwimmkurs")
    search_services(municipality=town, query=query)  # no error


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_any_text_can_be_searched(town, query):
    search_services(municipality=town, query=query)


# --- what is public --------------------------------------------------------------------------------


def test_only_published_active_services_of_the_own_municipality(town, other_town):
    make(town, "da", "Schwimmkurs am Montag")
    make(town, "entwurf", "Schwimmkurs im Entwurf", is_published=False)
    make(town, "eingestellt", "Schwimmkurs eingestellt", status=Service.Status.DEFUNCT)
    make(town, "pause", "Schwimmkurs pausiert", status=Service.Status.TEMPORARILY_CLOSED)
    make(other_town, "anderswo", "Schwimmkurs anderswo")
    assert sorted(find(town, "Schwimmkurs")) == ["Schwimmkurs am Montag", "Schwimmkurs pausiert"]
    assert sorted(find(town)) == ["Schwimmkurs am Montag", "Schwimmkurs pausiert"]


def test_index_follows_changes(town):
    service = make(town, "kurs", "Schwimmkurs")
    with scopes_disabled():
        service.set_current_language("de")
        service.name = "Reitkurs"
        service.save()
    index_service(service)
    assert find(town, "Schwimmkurs") == []
    assert find(town, "Reitkurs") == ["Reitkurs"]
    with scopes_disabled():
        Service.objects.filter(pk=service.pk).update(is_published=False)
    index_service(service)
    assert find(town, "Reitkurs") == []


def test_rebuild_index_restores_everything_and_drops_deleted(town, other_town):
    kept = make(town, "kurs", "Schwimmkurs", index=False)
    make(other_town, "kurs", "Schwimmkurs in B", index=False)
    assert find(town, "Schwimmkurs") == []
    assert rebuild_index(town) == 1
    assert find(town, "Schwimmkurs") == ["Schwimmkurs"]
    assert find(other_town, "Schwimmkurs") == []
    assert rebuild_index() == 2
    assert find(other_town, "Schwimmkurs") == ["Schwimmkurs in B"]
    with scopes_disabled():
        service_id = kept.pk
        kept.delete()
    remove_service(service_id, town.pk)
    assert find(town, "Schwimmkurs") == []


# --- filters and facet counts ----------------------------------------------------------------------


@pytest.fixture
def offers(town):
    """Four offers with known facets; district A in the north, B in the south."""
    with scopes_disabled():
        north = f.district(town, "nord", "51.6000", "6.6900")
        south = f.district(town, "sued", "51.5500", "6.6900")
        gym = f.location(town, "Turnhalle Nord", "51.6010", "6.6900", district=north, step_free=True)
        pool = f.location(town, "Hallenbad Süd", "51.5510", "6.6900", district=south)
    monday_morning = [(0, time(9), time(12))]
    make(
        town,
        "turnen",
        "Kinderturnen",
        terms=["sport", "kinder"],
        languages=["de"],
        locations=[gym],
        minimum_age=3,
        maximum_age=6,
        times=monday_morning,
    )
    make(
        town,
        "schwimmen",
        "Schwimmkurs",
        terms=["sport", "kinder"],
        languages=["de", "ar"],
        locations=[pool],
        minimum_age=6,
        maximum_age=10,
        free_of_charge=False,
    )
    make(
        town,
        "nachhilfe",
        "Nachhilfe",
        terms=["lernen", "kinder"],
        languages=["de", "tr"],
        districts=[north],
        minimum_age=6,
    )
    make(
        town,
        "schulden",
        "Schuldnerberatung",
        terms=["beratung", "eltern"],
        languages=["de", "ar"],
        locations=[gym],
        times=[(0, time(13), time(15))],
    )
    return {"north": north, "south": south, "gym": gym, "pool": pool}


def terms(*codes):
    with scopes_disabled():
        return tuple(f.term(code) for code in codes)


@time_machine.travel(MONDAY_10, tick=False)
def test_facet_counts_without_filters(town, offers):
    result = search_services(municipality=town)
    assert result.total == 4
    sport, lernen, beratung = terms("sport", "lernen", "beratung")
    assert result.count("topic", sport.pk) == 2
    assert result.count("topic", lernen.pk) == 1
    assert result.count("topic", beratung.pk) == 1
    kinder, eltern = terms("kinder", "eltern")
    assert result.count("target_group", kinder.pk) == 3
    assert result.count("target_group", eltern.pk) == 1
    assert result.count("district", offers["north"].pk) == 3  # two at the gym, one serving the north
    assert result.count("district", offers["south"].pk) == 1
    assert result.facets["language"] == {"de": 4, "ar": 2, "tr": 1}
    assert result.count("free") == 3
    assert result.count("barrier_free") == 2
    assert result.count("open_now") == 1  # Kinderturnen, Monday 9–12


@time_machine.travel(MONDAY_10, tick=False)
def test_facet_counts_follow_the_other_filters_but_not_their_own(town, offers):
    sport = terms("sport")
    result = search_services(municipality=town, filters=SearchFilters(topics=sport, languages=("ar",)))
    assert names(result) == ["Schwimmkurs"]
    lernen, beratung = terms("lernen", "beratung")
    # Topic counts ignore the chosen topic but respect the language: what choosing that topic would add.
    assert result.count("topic", sport[0].pk) == 1
    assert result.count("topic", beratung.pk) == 1
    assert result.count("topic", lernen.pk) == 0
    # Language counts ignore the chosen language but respect the topic.
    assert result.facets["language"] == {"de": 2, "ar": 1}
    assert result.count("free") == 0
    assert result.count("open_now") == 0


def test_several_values_of_one_facet_mean_any_of_them(town, offers):
    result = search_services(municipality=town, filters=SearchFilters(topics=terms("lernen", "beratung")))
    assert sorted(names(result)) == ["Nachhilfe", "Schuldnerberatung"]


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (3, ["Kinderturnen", "Schuldnerberatung"]),
        (6, ["Kinderturnen", "Nachhilfe", "Schuldnerberatung", "Schwimmkurs"]),
        (8, ["Nachhilfe", "Schuldnerberatung", "Schwimmkurs"]),
        (40, ["Nachhilfe", "Schuldnerberatung"]),
    ],
)
def test_age_filter_uses_the_age_range_with_open_ends(town, offers, age, expected):
    assert sorted(find(town, filters=SearchFilters(age=age))) == expected


def test_district_filter_counts_places_and_districts_served(town, offers):
    result = search_services(municipality=town, filters=SearchFilters(districts=(offers["north"],)))
    assert sorted(names(result)) == ["Kinderturnen", "Nachhilfe", "Schuldnerberatung"]


@time_machine.travel(MONDAY_10, tick=False)
def test_yes_no_filters(town, offers):
    assert sorted(find(town, filters=SearchFilters(free_of_charge=True))) == [
        "Kinderturnen",
        "Nachhilfe",
        "Schuldnerberatung",
    ]
    assert sorted(find(town, filters=SearchFilters(barrier_free=True))) == [
        "Kinderturnen",
        "Schuldnerberatung",
    ]
    result = search_services(municipality=town, filters=SearchFilters(open_now=True))
    assert names(result) == ["Kinderturnen"]
    assert result.hits[0].open_now


@time_machine.travel(datetime(2026, 11, 23, 14, 0, tzinfo=BERLIN), tick=False)
def test_open_now_uses_local_time(town, offers):
    assert find(town, filters=SearchFilters(open_now=True)) == ["Schuldnerberatung"]


# --- the facets held in memory follow every change ------------------------------------------------


def _admin_post_as_shown(client, url: str, changes: dict[str, object]):
    """Posts an admin change form with the values it shows, except ``changes``."""
    context = client.get(url).context
    data: dict[str, object] = {}
    forms = [context["adminform"].form]
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms += list(formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(url, data)


def test_barrier_free_filter_follows_a_place_made_step_free_in_the_admin(town, offers):
    from django.urls import reverse

    from tests.conftest import verified_client

    with scopes_disabled():
        admin_user = factories.UserFactory(is_superuser=True, is_staff=True)
    pool = offers["pool"]
    assert "Schwimmkurs" not in find(town, filters=SearchFilters(barrier_free=True))
    client = verified_client(admin_user)
    url = reverse("admin:tenancy_location_change", args=[pool.pk])
    response = _admin_post_as_shown(client, url, {"step_free_access": "on"})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert "Schwimmkurs" in find(town, filters=SearchFilters(barrier_free=True))
    assert search_services(municipality=town).count("barrier_free") == 3


def test_a_change_written_by_another_process_is_seen(town, offers):
    """The copy of this process is rebuilt when the stored generation differs: here the change comes
    from the same process, but only through the database (as a second server process would see it)."""
    from familienbuero.directory.search import table

    assert search_services(municipality=town).facets["language"] == {"de": 4, "ar": 2, "tr": 1}
    copy = table.facet_table(town.pk)
    with scopes_disabled():
        service = Service.objects.get(slug="nachhilfe")
        service.languages.create(code="uk")
    index_service(service)  # what every write path does, in its transaction
    assert table.facet_table(town.pk) is not copy
    assert search_services(municipality=town).facets["language"] == {"de": 4, "ar": 2, "tr": 1, "uk": 1}
    # A generation from a rolled-back transaction is never seen.
    generation = table.facet_table(town.pk).generation
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        index_service(service)
        raise RuntimeError
    assert table.facet_table(town.pk).generation == generation


# --- ranking --------------------------------------------------------------------------------------


def test_name_matches_rank_before_description_matches(town):
    make(town, "a-text", "Ferienprogramm", "Mit Schwimmkurs am Nachmittag.")
    make(town, "b-name", "Schwimmkurs für Anfänger", "Im Hallenbad.")
    assert find(town, "Schwimmkurs") == ["Schwimmkurs für Anfänger", "Ferienprogramm"]


def test_a_rebuild_leaves_no_index_entries_pending(town):
    """PostgreSQL's GIN indexes first collect new entries in a pending list, which every search reads
    entry by entry; a rebuild merges them, so that the searches after it are not slowed down."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's FTS5 index has no pending list")
    for i in range(5):
        make(town, f"kurs-{i}", f"Schwimmkurs {i}", "Im Hallenbad, mit Beratung.", index=False)
    rebuild_index(town)

    def pending_pages() -> int:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sum(gin_clean_pending_list(i.indexrelid)) FROM pg_index i "
                "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am a ON a.oid = c.relam "
                "WHERE a.amname = 'gin' AND c.relname LIKE 'directory_search%%'"
            )
            return cursor.fetchone()[0]

    assert pending_pages() == 0
    make(town, "neu", "Reitkurs")  # indexed as it is saved: its entries wait in the pending list
    assert pending_pages() > 0


def test_a_rebuild_by_a_role_that_does_not_own_the_index_still_succeeds(town):
    """Only the owner may merge a GIN index's pending list; another role's rebuild leaves that to
    autovacuum instead of failing (and rolling back the whole rebuild)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL roles")
    from familienbuero.directory.search import backend

    make(town, "kurs", "Schwimmkurs")
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            pytest.skip("the test needs a database role that may create roles")
        # Inside the test's transaction: the role is gone again after it.
        cursor.execute("CREATE ROLE familienbuero_test_other NOLOGIN")
        cursor.execute("SET LOCAL ROLE familienbuero_test_other")
        backend().optimize(cursor)
        cursor.execute("RESET ROLE")
    assert find(town, "Schwimmkurs") == ["Schwimmkurs"]


def test_the_order_is_the_same_however_the_scores_are_fetched(town, monkeypatch):
    """PostgreSQL ranks the other matches in the pass that finds them when few match by name, else
    later for what reaches the page – by key or by a pass over the index. Every way gives one order."""
    from familienbuero.directory.search import backends

    make(town, "name-1", "Beratung für Eltern", "Im Familienbüro.")
    make(town, "name-2", "Schuldnerberatung", "Beratung und Beratung.")
    make(town, "text-3", "Sprechstunde", "Beratung, Beratung, Beratung zu allem, auch Beratung.")
    make(town, "text-2", "Elterncafé", "Mit Beratung und Beratung.")
    make(town, "text-1", "Spielgruppe", "Eine Beratung ist möglich.")
    make(town, "other", "Schwimmkurs", "Im Hallenbad.")
    orders = []
    for rank_all_below, score_by_key in [(0, 0), (0, 10_000), (10_000, 0)]:
        monkeypatch.setattr(backends, "RANK_ALL_BELOW", rank_all_below)
        monkeypatch.setattr(backends, "SCORE_BY_KEY", score_by_key)
        pages = [search_services(municipality=town, query="Beratung", page=p, page_size=2) for p in (1, 2, 3)]
        orders.append([name for page in pages for name in names(page)])
    assert orders[0] == orders[1] == orders[2]
    assert sorted(orders[0][:2]) == ["Beratung für Eltern", "Schuldnerberatung"]
    assert orders[0][2:] == ["Sprechstunde", "Elterncafé", "Spielgruppe"]


def test_both_postgresql_index_tables_hold_the_same_rows(town):
    """The match table (what finding reads) and the document table (what ranking reads) are written,
    changed and emptied together."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one index table")
    kept = make(town, "kurs", "Schwimmkurs", "Im Hallenbad.")
    gone = make(town, "treff", "Elterntreff", "Mit Beratung.")
    with scopes_disabled():
        kept.set_current_language("de")
        kept.name = "Reitkurs"
        kept.save()
        Service.objects.filter(pk=gone.pk).update(is_published=False)
    index_service(kept)
    index_service(gone)

    def rows(table):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT service_id, document::text, parts::text, title::text FROM {table} "  # noqa: S608
                "WHERE service_id = ANY(%s) ORDER BY service_id",
                [[kept.pk, gone.pk]],
            )
            return cursor.fetchall()

    documents = rows("directory_search_document")
    assert [row[0] for row in documents] == [kept.pk]
    assert "'reitkur'" in documents[0][3] and "schwimmkur" not in documents[0][1]
    assert rows("directory_search_match") == documents
    rebuild_index(town)
    assert rows("directory_search_match") == rows("directory_search_document") == documents


def test_equally_relevant_results_are_ordered_by_distance_to_the_chosen_district(town, offers):
    with scopes_disabled():
        far = f.location(town, "Weit weg", "51.4000", "6.6900")
    make(town, "reiten-sued", "Reiten im Süden", locations=[far])
    make(town, "reiten-mitte", "Reiten in der Mitte", locations=[offers["pool"]])
    make(town, "reiten-ohne", "Reiten ohne Ort")
    result = search_services(municipality=town, query="Reiten", near_district=offers["north"])
    assert names(result) == ["Reiten in der Mitte", "Reiten im Süden", "Reiten ohne Ort"]
    assert result.hits[0].distance_km == pytest.approx(5.5, abs=0.1)
    assert result.hits[2].distance_km is None
    from_south = search_services(municipality=town, query="Reiten", near_district=offers["south"])
    assert names(from_south)[0] == "Reiten in der Mitte"
    # Relevance comes first: a name match far away before a description match next door.
    make(town, "treff", "Treffpunkt", "Auch Reiten wird angeboten.", locations=[offers["gym"]])
    assert find(town, "Reiten", near_district=offers["north"])[-1] == "Treffpunkt"


def test_browsing_without_words_orders_by_distance(town, offers):
    assert find(town, near_district=offers["south"])[0] == "Schwimmkurs"


def test_pages(town):
    for i in range(25):
        make(town, f"kurs-{i:02d}", f"Kurs {i:02d}")
    first = search_services(municipality=town, query="Kurs", page_size=10)
    third = search_services(municipality=town, query="Kurs", page=3, page_size=10)
    assert first.total == third.total == 25
    assert first.num_pages == 3
    assert len(first.hits) == 10
    assert names(third) == [f"Kurs {i}" for i in range(20, 25)]


# --- building blocks and back-ends ---------------------------------------------------------------------


def test_folding_and_typo_distance():
    assert fold("Familienbüro Straße ÄÖÜ") == "familienbuero strasse aeoeue"
    assert fold("أطفال") == "اطفال"  # hamza on alef is a mark
    assert edit_distance("nachilf", "nachhilf", 1) == 1
    assert edit_distance("nahchilf", "nachhilf", 1) == 1
    assert edit_distance("schwimm", "reiten", 1) == 2


def test_the_databases_own_full_text_search_is_used(db):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
            assert cursor.fetchone()
            cursor.execute(
                "SELECT data_type FROM information_schema.columns "
                "WHERE table_name = 'directory_search_document' AND column_name = 'document'"
            )
            assert cursor.fetchone()[0] == "tsvector"
        else:
            assert connection.vendor == "sqlite"
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'directory_search_fts'")
            assert "fts5" in cursor.fetchone()[0]
            cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'directory_search_vocab_trigram'")
            assert "trigram" in cursor.fetchone()[0]


def test_every_compound_with_the_word_inside_is_found_however_many(town):
    prefixes = [f"{a}{b}" for a in "bdfgklmnprst" for b in "aeiou"]  # 60 compounds
    for prefix in prefixes:
        make(town, f"{prefix}-beratung", f"{prefix.title()}beratung", "Ein Angebot.")
    make(town, "andere", "Sprechstunde", "Ohne Termin.")
    result = search_services(municipality=town, query="Beratung", page_size=100)
    assert result.total == 60
    assert sorted(names(result)) == sorted(f"{prefix.title()}beratung" for prefix in prefixes)
    # Inside a word only from five letters on: "rat" is no part of "Lerberatung".
    assert find(town, "Rat") == []


def test_typing_the_index_mark_of_parts_finds_nothing_more(town):
    from familienbuero.directory.search.text import PART

    make(town, "schulden", "Schuldnerberatung")
    assert find(town, f"{PART}beratung") == find(town, "Beratung") == ["Schuldnerberatung"]
    assert search_services(municipality=town, query=PART).total == 0


def test_a_part_in_the_description_is_no_name_match(town):
    make(town, "a-text", "Sprechstunde", "Mit Schuldnerberatung.")
    make(town, "b-name", "Schuldnerberatung", "Im Familienbüro.")
    assert find(town, "Beratung") == ["Schuldnerberatung", "Sprechstunde"]


@pytest.mark.django_db(transaction=True)
def test_the_index_migration_is_reversible_with_data(town):
    """``0008`` moves PostgreSQL's compound parts into the document table, ``0009`` adds the match
    table and rebuilds; going back restores the part table from the new columns and drops the match
    table; forward again, the search finds the same."""
    from django.db.migrations.executor import MigrationExecutor

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(target)

    make(town, "schulden", "Schuldnerberatung", "Hilfe bei Geldsorgen.")
    make(town, "treff", "Elterntreff", "Mit Erziehungsberatung.")
    assert find(town, "Beratung") == ["Schuldnerberatung", "Elterntreff"]
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes("directory")
    try:
        migrate([("directory", "0007_search_index_parts")])
        if connection.vendor == "postgresql":
            with scopes_disabled():
                debts, parents = (Service.objects.get(slug=s).pk for s in ("schulden", "treff"))
            with connection.cursor() as cursor:
                # (Only this test's services: earlier transactional tests may leave index rows behind.)
                cursor.execute(
                    "SELECT service_id FROM directory_search_part "
                    "WHERE title_parts @@ 'berat:*' AND service_id = ANY(%s) "
                    "UNION ALL SELECT -service_id FROM directory_search_part "
                    "WHERE parts @@ 'berat:*' AND service_id = ANY(%s)",
                    [[debts, parents], [debts, parents]],
                )
                in_part_table = sorted(row[0] for row in cursor.fetchall())
            assert in_part_table == sorted([debts, -debts, -parents])
    finally:
        migrate(leaf)
    assert find(town, "Beratung") == ["Schuldnerberatung", "Elterntreff"]
    assert find(town, "Erziehungsberatung") == ["Elterntreff"]
