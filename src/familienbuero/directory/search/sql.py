"""The one SQL statement behind a search page: total, facet counts and the requested page.

Written once for both databases (plain SQL that SQLite and PostgreSQL read alike); only the
full-text part (``match_sql``) comes from the back-end. The matching services are materialised once
in ``base`` with one 0/1 column per filter; the total and the page use every filter, the counts of a
facet use every filter *except its own*, so that each count says what choosing that value would give.
"""

# ruff: noqa: S608 – Table and column names come from model _meta; every value is a query parameter.

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection

from familienbuero.directory.models import Service, ServiceAtLocation, ServiceLanguage, ServiceSchedule
from familienbuero.tenancy.models import Location

Fragment = tuple[str, list[object]]

TERM_FACETS = ("topic", "target_group", "life_phase")
BOOLEAN_FACETS = ("free", "barrier_free", "open_now")


@dataclass
class Statement:
    """Input to :func:`build`: ids already resolved, time already fixed."""

    municipality_id: int
    match: Fragment | None
    # facet -> ids (terms incl. descendants, district ids) or codes (languages)
    term_ids: dict[str, list[int]] = field(default_factory=dict)
    district_ids: list[int] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    age: int | None = None
    booleans: set[str] = field(default_factory=set)
    now: datetime | None = None
    near: tuple[float, float] | None = None
    # every term's vocabulary; and for terms with narrower terms: all of them (the term itself included)
    term_taxonomy: dict[int, str] = field(default_factory=dict)
    rollups: dict[int, list[int]] = field(default_factory=dict)
    limit: int = 20
    offset: int = 0


def _tables() -> dict[str, str]:
    terms = Service.terms.through._meta
    districts = Service.districts.through._meta
    return {
        "service": Service._meta.db_table,
        "terms": terms.db_table,
        "terms_service": terms.get_field("service").column,
        "terms_term": terms.get_field("taxonomyterm").column,
        "districts": districts.db_table,
        "districts_service": districts.get_field("service").column,
        "districts_district": districts.get_field("district").column,
        "language": ServiceLanguage._meta.db_table,
        "sal": ServiceAtLocation._meta.db_table,
        "location": Location._meta.db_table,
        "schedule": ServiceSchedule._meta.db_table,
    }


def _marks(items: list[object]) -> str:
    return ", ".join(["%s"] * len(items))


def _conditions(st: Statement, t: dict[str, str]) -> dict[str, Fragment]:
    """facet name -> SQL expression (true when a service passes) for every filter that is set, plus
    the boolean facets, which are always computed because their counts are shown."""
    sal = f"{t['sal']} sal JOIN {t['location']} l ON l.id = sal.location_id"
    conditions: dict[str, Fragment] = {}
    for facet, ids in st.term_ids.items():
        conditions[facet] = (
            f"EXISTS (SELECT 1 FROM {t['terms']} st WHERE st.{t['terms_service']} = s.id "
            f"AND st.{t['terms_term']} IN ({_marks(ids)}))",
            list(ids),
        )
    if st.district_ids:
        ids = list(st.district_ids)
        conditions["district"] = (
            f"(EXISTS (SELECT 1 FROM {t['districts']} sd WHERE sd.{t['districts_service']} = s.id "
            f"AND sd.{t['districts_district']} IN ({_marks(ids)})) "
            f"OR EXISTS (SELECT 1 FROM {sal} WHERE sal.service_id = s.id "
            f"AND l.district_id IN ({_marks(ids)})))",
            ids + ids,
        )
    if st.languages:
        conditions["language"] = (
            f"EXISTS (SELECT 1 FROM {t['language']} sl WHERE sl.service_id = s.id "
            f"AND sl.code IN ({_marks(st.languages)}))",
            list(st.languages),
        )
    if st.age is not None:
        conditions["age"] = (
            "((s.minimum_age IS NULL OR s.minimum_age <= %s) "
            "AND (s.maximum_age IS NULL OR s.maximum_age >= %s))",
            [st.age, st.age],
        )
    conditions["free"] = ("s.free_of_charge = %s", [True])
    conditions["barrier_free"] = (
        f"EXISTS (SELECT 1 FROM {sal} WHERE sal.service_id = s.id AND l.step_free_access = %s)",
        [True],
    )
    if st.now is not None:
        ops = connection.ops
        now_time = ops.adapt_timefield_value(st.now.time().replace(microsecond=0, tzinfo=None))
        today = ops.adapt_datefield_value(st.now.date())
        conditions["open_now"] = (
            f"EXISTS (SELECT 1 FROM {t['schedule']} sc WHERE sc.service_id = s.id AND sc.weekday = %s "
            f"AND sc.opens <= %s AND sc.closes > %s AND (sc.valid_from IS NULL OR sc.valid_from <= %s) "
            f"AND (sc.valid_until IS NULL OR sc.valid_until >= %s))",
            [st.now.weekday(), now_time, now_time, today, today],
        )
    return conditions


def _distance(near: tuple[float, float], t: dict[str, str]) -> Fragment:
    """CTE ``dist``: squared equirectangular distance (in degrees of latitude) from the chosen centre to
    each matching service's nearest place – enough to order places within one town, plain arithmetic in
    both databases, and one set-based join instead of a subquery per service."""
    lat, lon = near
    k = math.cos(math.radians(lat))
    dlat = "(CAST(l.latitude AS DOUBLE PRECISION) - %s)"
    dlon = "((CAST(l.longitude AS DOUBLE PRECISION) - %s) * %s)"
    sql = (
        f", dist AS MATERIALIZED (SELECT b.sid AS sid, MIN({dlat} * {dlat} + {dlon} * {dlon}) AS d2 "
        f"FROM base b CROSS JOIN {t['sal']} sal CROSS JOIN {t['location']} l "
        f"WHERE sal.service_id = b.sid AND l.id = sal.location_id "
        f"AND l.latitude IS NOT NULL AND l.longitude IS NOT NULL GROUP BY b.sid) "
    )
    return sql, [lat, lat, lon, k, lon, k]


def build(st: Statement) -> Fragment:
    """Rows (kind, key, n, x): ('total', NULL, count, NULL), (facet, value, count, NULL) and
    ('page', service id, position, squared distance)."""
    t = _tables()
    conditions = _conditions(st, t)
    active = [name for name in conditions if name not in BOOLEAN_FACETS or name in st.booleans]
    params: list[object] = []

    flag_columns = []
    for name, (sql, values) in conditions.items():
        flag_columns.append(f"CASE WHEN {sql} THEN 1 ELSE 0 END AS f_{name}")
        params.extend(values)
    columns = ", ".join(flag_columns)

    if st.match is None:
        source = f"{t['service']} s"
        score = "CAST(0 AS DOUBLE PRECISION) AS score, 0 AS in_title"
        match_cte, match_params = "", []
    else:
        source = f"m JOIN {t['service']} s ON s.id = m.sid"
        score = "CAST(m.score AS DOUBLE PRECISION) AS score, m.in_title AS in_title"
        match_cte, match_params = f"m AS ({st.match[0]}), ", list(st.match[1])
    sql = (
        f"WITH {match_cte}base AS MATERIALIZED ("
        f"SELECT s.id AS sid, s.slug AS slug, {score}, {columns} FROM {source} "
        "WHERE s.municipality_id = %s AND s.is_published = %s AND s.status <> %s) "
    )
    params = [*match_params, *params, st.municipality_id, True, Service.Status.DEFUNCT]
    if st.near is not None:
        distance_sql, distance_params = _distance(st.near, t)
        sql += distance_sql
        params.extend(distance_params)

    def where(*, without: str | None = None, extra: str | None = None) -> str:
        flags = [f"b.f_{name} = 1" for name in active if name != without]
        if extra:
            flags.append(f"b.f_{extra} = 1")
        return " AND ".join(flags) or "1 = 1"

    # The total and the yes/no counts in one pass over the matching services.
    counted = [facet for facet in BOOLEAN_FACETS if facet in conditions]
    sums = [f"COALESCE(SUM(CASE WHEN {where()} THEN 1 ELSE 0 END), 0) AS c_total"] + [
        f"COALESCE(SUM(CASE WHEN {where(without=facet, extra=facet)} THEN 1 ELSE 0 END), 0) AS c_{facet}"
        for facet in counted
    ]
    sql += f", counts AS MATERIALIZED (SELECT {', '.join(sums)} FROM base b) "
    branches = [
        "SELECT 'total' AS kind, CAST(NULL AS TEXT) AS key, c_total AS n, "
        "CAST(NULL AS DOUBLE PRECISION) AS x FROM counts"
    ]
    # Term facets: one pass over (service, term) per distinct filter set – usually one for all three.
    # CROSS JOIN makes SQLite start at the matching services; by the term index it would visit every
    # service with one of the terms (all 50,000 in a large town). PostgreSQL plans it as a plain join.
    groups: dict[str, list[str]] = {}
    for facet in TERM_FACETS:
        groups.setdefault(where(without=facet), []).append(facet)
    join_terms = f"FROM base b CROSS JOIN {t['terms']} st"
    for condition, facets in groups.items():
        ids = [term_id for term_id, taxonomy in st.term_taxonomy.items() if taxonomy in facets]
        if not ids:
            continue
        branches.append(
            f"SELECT 'term', CAST(st.{t['terms_term']} AS TEXT), COUNT(*), NULL {join_terms} "
            f"WHERE st.{t['terms_service']} = b.sid AND st.{t['terms_term']} IN ({_marks(ids)}) "
            f"AND {condition} GROUP BY st.{t['terms_term']}"
        )
        params.extend(ids)
    # A broader term counts each service once, however many of its narrower terms it has.
    for parent, ids in st.rollups.items():
        condition = where(without=st.term_taxonomy[parent])
        branches.append(
            f"SELECT 'term-rollup', CAST(%s AS TEXT), COUNT(DISTINCT b.sid), NULL {join_terms} "
            f"WHERE st.{t['terms_service']} = b.sid AND st.{t['terms_term']} IN ({_marks(ids)}) "
            f"AND {condition}"
        )
        params.extend([parent, *ids])
    branches.append(
        f"SELECT 'district', CAST(x.district_id AS TEXT), COUNT(*), NULL FROM ("
        f"SELECT b.sid, sd.{t['districts_district']} AS district_id FROM base b JOIN {t['districts']} sd "
        f"ON sd.{t['districts_service']} = b.sid WHERE {where(without='district')} UNION "
        f"SELECT b.sid, l.district_id FROM base b JOIN {t['sal']} sal ON sal.service_id = b.sid "
        f"JOIN {t['location']} l ON l.id = sal.location_id WHERE l.district_id IS NOT NULL "
        f"AND {where(without='district')}) x GROUP BY x.district_id"
    )
    branches.append(
        f"SELECT 'language', sl.code, COUNT(*), NULL FROM base b "
        f"JOIN {t['language']} sl ON sl.service_id = b.sid "
        f"WHERE {where(without='language')} GROUP BY sl.code"
    )
    for facet in counted:
        branches.append(f"SELECT '{facet}', NULL, c_{facet}, NULL FROM counts")
    branches.append(_page_branch(st, where()))
    params.extend([st.limit, st.offset])
    return sql + " UNION ALL ".join(branches), params


def _page_branch(st: Statement, condition: str) -> str:
    """The requested page: all words in the name first, then the nearest, then the full-text rank.
    The positions are numbered after the LIMIT, so that the database keeps only the best rows of the
    page (a top-N sort) instead of sorting and numbering every match."""
    if st.near is not None:
        distance, join_distance = "d.d2", "LEFT JOIN dist d ON d.sid = b.sid"
        order = "{p}in_title DESC, ({p}dist IS NULL), {p}dist, {p}score, {p}slug, {p}sid"
    else:
        distance, join_distance = "CAST(NULL AS DOUBLE PRECISION)", ""
        order = "{p}in_title DESC, {p}score, {p}slug, {p}sid"
    inner = order.format(p="b.").replace("b.dist", "d.d2")
    return (
        f"SELECT 'page', CAST(p.sid AS TEXT), ROW_NUMBER() OVER (ORDER BY {order.format(p='p.')}), p.dist "
        f"FROM (SELECT b.sid AS sid, b.in_title AS in_title, b.score AS score, b.slug AS slug, "
        f"{distance} AS dist FROM base b {join_distance} WHERE {condition} "
        f"ORDER BY {inner} LIMIT %s OFFSET %s) p"
    )
