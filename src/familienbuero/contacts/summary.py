"""The daily summary of the contact records (``DailyContactCount``): what the reports read.

A dashboard over a year of a busy municipality would otherwise scan hundreds of thousands of records per
request. Every figure the reports show is a sum over contacts (counts and persons, per choice value,
district, language, topic, yes/no field), and every period filter is a range of whole local days
(``reports._period_filter`` is by date, from 00:00 Europe/Berlin), so the sums per office × local day ×
dimension value reproduce every figure exactly. Nothing is counted distinct: a contact with three topics
counts once under each topic, in the records as in the summary.

Two ways to write it, both plain functions:

* ``apply(added=…, removed=…)``: the contact services call it in the same transaction as the write of
  a record (record, correct, delete, attendance contacts), with a ``snapshot`` of the record before and
  after. One ``INSERT … ON CONFLICT DO UPDATE`` adds the differences; rows that drop to zero go.
* ``rebuild(municipality)``: recomputes the summary from the records (``manage.py
  rebuild_contact_summary``), e.g. after records were loaded without the services (the benchmark, an
  import) or to check the maintained one.

The local day depends on ``settings.TIME_ZONE``: after changing it, rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from familienbuero.contacts.models import (
    AgeBand,
    Channel,
    ContactRecord,
    DailyContactCount,
    Dimension,
    Duration,
    Interpreter,
    Place,
    TargetGroup,
)
from familienbuero.tenancy.models import Municipality

#: The dimensions that are a choice field of the record, with their choices.
CHOICE_DIMENSIONS: tuple[tuple[str, Any], ...] = (
    (Dimension.CHANNEL, Channel),
    (Dimension.TARGET_GROUP, TargetGroup),
    (Dimension.AGE_BAND, AgeBand),
    (Dimension.INTERPRETER, Interpreter),
    (Dimension.PLACE, Place),
    (Dimension.DURATION, Duration),
)
#: The yes/no fields: value "1" or "0".
FLAG_DIMENSIONS = (Dimension.REFERRAL_MADE, Dimension.FOLLOW_UP_NEEDED)
YES, NO = "1", "0"

Key = tuple[int, int, date, str, str]  # municipality, office, day, dimension, value


def local_day(moment: datetime) -> date:
    """The day of ``moment`` in the project's time zone (the day the reports count it on)."""
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def district_value(district_id: int | None) -> str:
    return "" if district_id is None else str(district_id)


@dataclass(frozen=True)
class Snapshot:
    """What one record contributes to the summary: +1 contact and +persons in each of ``values``."""

    municipality_id: int
    office_id: int
    day: date
    persons: int
    values: tuple[tuple[str, str], ...]


def snapshot(record: ContactRecord, topic_ids: Iterable[int]) -> Snapshot:
    """The record's contribution, from its current field values and the given topics."""
    values: list[tuple[str, str]] = [(Dimension.TOTAL, "")]
    values += [(dimension, getattr(record, dimension)) for dimension, _enum in CHOICE_DIMENSIONS]
    values.append((Dimension.DISTRICT, district_value(record.district_id)))
    values.append((Dimension.LANGUAGE, record.language))
    values += [(flag, YES if getattr(record, flag) else NO) for flag in FLAG_DIMENSIONS]
    values += [(Dimension.TOPIC, str(pk)) for pk in sorted(set(topic_ids))]
    return Snapshot(
        municipality_id=record.municipality_id,
        office_id=record.office_id,
        day=local_day(record.contact_at),
        persons=record.persons,
        values=tuple(values),
    )


def stored_snapshot(pk: int) -> Snapshot:
    """The contribution of the record as stored, its row locked until the end of the transaction (so
    that two corrections of one record cannot both subtract the same old values)."""
    stored = ContactRecord._base_manager.select_for_update().get(pk=pk)
    through = ContactRecord.topics.through
    topic_ids = through.objects.filter(contactrecord_id=pk).values_list("taxonomyterm_id", flat=True)
    return snapshot(stored, topic_ids)


def _deltas(added: Iterable[Snapshot], removed: Iterable[Snapshot]) -> dict[Key, list[int]]:
    deltas: dict[Key, list[int]] = defaultdict(lambda: [0, 0])
    for sign, snapshots in ((1, added), (-1, removed)):
        for item in snapshots:
            for dimension, value in item.values:
                delta = deltas[(item.municipality_id, item.office_id, item.day, dimension, value)]
                delta[0] += sign
                delta[1] += sign * item.persons
    return {key: delta for key, delta in deltas.items() if delta != [0, 0]}


BATCH = 500
COLUMNS = ("municipality_id", "office_id", "day", "dimension", "value", "contacts", "persons")


def _insert_sql(summary_model: Any, values: str) -> str:
    table = connection.ops.quote_name(summary_model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    return f"INSERT INTO {table} ({columns}) VALUES {values}"  # noqa: S608 - names from the model, values bound


def apply(*, added: Iterable[Snapshot] = (), removed: Iterable[Snapshot] = ()) -> None:
    """Adds the ``added`` contributions to the summary and subtracts the ``removed`` ones. Call inside
    the transaction that writes the records. Rows are written in key order (no deadlock between two
    writers on PostgreSQL); rows that reach zero contacts are deleted."""
    deltas = _deltas(added, removed)
    if not deltas:
        return
    table = connection.ops.quote_name(DailyContactCount._meta.db_table)
    keys = sorted(deltas)
    with transaction.atomic(), connection.cursor() as cursor:
        for first in range(0, len(keys), BATCH):
            chunk = keys[first : first + BATCH]
            placeholders = ", ".join(["(%s, %s, %s, %s, %s, %s, %s)"] * len(chunk))
            params: list[Any] = []
            for municipality_id, office_id, day, dimension, value in chunk:
                contacts, persons = deltas[(municipality_id, office_id, day, dimension, value)]
                params += [
                    municipality_id,
                    office_id,
                    connection.ops.adapt_datefield_value(day),
                    str(dimension),
                    value,
                    contacts,
                    persons,
                ]
            cursor.execute(
                _insert_sql(DailyContactCount, placeholders) + " "
                f'ON CONFLICT ("office_id", "day", "dimension", "value") DO UPDATE SET '
                f'"contacts" = {table}."contacts" + EXCLUDED."contacts", '
                f'"persons" = {table}."persons" + EXCLUDED."persons"',
                params,
            )
        offices = {key[1] for key in keys}
        days = {key[2] for key in keys}
        DailyContactCount._base_manager.filter(office_id__in=offices, day__in=days, contacts=0).delete()


# --- rebuild from the records -----------------------------------------------------------------------


def _lock_records(record_model: Any) -> None:
    """PostgreSQL: no record is written while the summary is rebuilt (writers wait; readers do not).
    SQLite serialises writers anyway: the rebuild's first statement is a write."""
    if connection.vendor == "postgresql":
        tables = [record_model._meta.db_table, record_model.topics.through._meta.db_table]
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {', '.join(map(connection.ops.quote_name, tables))} IN SHARE MODE")


def _day(prefix: str = "") -> TruncDate:
    return TruncDate(f"{prefix}contact_at", tzinfo=timezone.get_default_timezone())


def _flat_aggregates() -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
    """Conditional aggregates for the totals, the choice fields and the yes/no fields (one pass), and
    for each summary row the (dimension, value, aggregate name) it is read from."""
    aggregates: dict[str, Any] = {"total_n": Count("pk"), "total_p": Sum("persons")}
    parts: list[tuple[str, str, str]] = [(Dimension.TOTAL, "", "total")]
    choices = [(dimension, value, value) for dimension, enum in CHOICE_DIMENSIONS for value in enum.values]
    flags = [
        (flag, value, wanted) for flag in FLAG_DIMENSIONS for value, wanted in ((YES, True), (NO, False))
    ]
    for index, (dimension, value, match) in enumerate(choices + flags):
        name = f"v{index}"
        aggregates[f"{name}_n"] = Count("pk", filter=Q(**{dimension: match}))
        aggregates[f"{name}_p"] = Sum("persons", filter=Q(**{dimension: match}))
        parts.append((dimension, value, name))
    return aggregates, parts


Row = tuple[int, int, Any, str, str, int, int]  # the columns of ``COLUMNS``


def _record_rows(records: Any) -> Iterable[Row]:
    group = ("municipality_id", "office_id", "day")
    aggregates, parts = _flat_aggregates()
    for row in records.values(*group).annotate(**aggregates).iterator(chunk_size=2000):
        for dimension, value, name in parts:
            if row[f"{name}_n"]:
                yield (
                    row["municipality_id"], row["office_id"], row["day"], str(dimension), value,
                    row[f"{name}_n"], row[f"{name}_p"],
                )  # fmt: skip
    # District and language: one GROUP BY each.
    for dimension, column, to_value in (
        (Dimension.DISTRICT, "district_id", district_value),
        (Dimension.LANGUAGE, "language", str),
    ):
        grouped = records.values(*group, column).annotate(n=Count("pk"), p=Sum("persons"))
        for municipality_id, office_id, day, key, n, p in grouped.values_list(
            *group, column, "n", "p"
        ).iterator(chunk_size=2000):
            yield (municipality_id, office_id, day, str(dimension), to_value(key), n, p)


def _topic_rows(through: Any) -> Iterable[Row]:
    group = ("contactrecord__municipality_id", "contactrecord__office_id", "day", "taxonomyterm_id")
    grouped = (
        through.annotate(day=_day("contactrecord__"))
        .order_by()
        .values(*group)
        .annotate(n=Count("pk"), p=Sum("contactrecord__persons"))
        .values_list(*group, "n", "p")
    )
    for municipality_id, office_id, day, term_id, n, p in grouped.iterator(chunk_size=2000):
        yield (municipality_id, office_id, day, str(Dimension.TOPIC), str(term_id), n, p)


def _rows(municipality: Municipality | None, record_model: Any) -> Iterable[Row]:
    records = record_model._base_manager.all()
    through = record_model.topics.through._base_manager.all()
    if municipality is not None:
        records = records.filter(municipality=municipality)
        through = through.filter(contactrecord__municipality=municipality)
    yield from _record_rows(records.annotate(day=_day()).order_by())
    yield from _topic_rows(through)


def rebuild(
    municipality: Municipality | None = None, *, record_model: Any = None, summary_model: Any = None
) -> int:
    """Replaces the summary of ``municipality`` (``None``: all) by one computed from the records, in one
    transaction. Returns the number of summary rows. (The models are parameters for the migration that
    fills the summary of existing records.)"""
    record_model = record_model or ContactRecord
    summary_model = summary_model or DailyContactCount
    written = 0
    with transaction.atomic():
        _lock_records(record_model)
        existing = summary_model._base_manager.all()
        if municipality is not None:
            existing = existing.filter(municipality=municipality)
        existing.delete()
        sql = _insert_sql(summary_model, "(%s, %s, %s, %s, %s, %s, %s)")
        batch: list[Row] = []
        with connection.cursor() as cursor:
            for row in _rows(municipality, record_model):
                batch.append((*row[:2], connection.ops.adapt_datefield_value(row[2]), *row[3:]))
                if len(batch) >= 5000:
                    cursor.executemany(sql, batch)
                    written += len(batch)
                    batch = []
            if batch:
                cursor.executemany(sql, batch)
                written += len(batch)
    return written


def rows_of(municipality: Municipality | None = None) -> Sequence[tuple[Any, ...]]:
    """The summary as sorted tuples (to compare a maintained summary with a rebuilt one)."""
    rows = DailyContactCount._base_manager.filter(contacts__gt=0).order_by()
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    fields = ("municipality_id", "office_id", "day", "dimension", "value", "contacts", "persons")
    return sorted(rows.values_list(*fields))
