"""Demo data: a few hundred anonymous contacts of the Voerde offices over the last four months.

The mix follows what a family office sees: mostly parents at the desk without an appointment, German,
Turkish and Arabic as the main languages, most contacts from the social area Voerde-Mitte. Random but
reproducible (fixed seed); nothing is added when Voerde has contact records already. Written in bulk,
with the daily summary the reports read added in the same step.
"""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.contacts import summary
from familienbuero.contacts.models import (
    AgeBand,
    Channel,
    ContactRecord,
    Duration,
    Interpreter,
    Place,
    Source,
    TargetGroup,
)
from familienbuero.directory.models import TaxonomyTerm
from familienbuero.tenancy.models import District, Municipality, Office

CONTACTS = 320
DAYS = 120

CHANNELS = [(Channel.WALK_IN, 50), (Channel.PHONE, 20), (Channel.OUTREACH, 15), (Channel.EVENT, 10),
            (Channel.ONLINE, 5)]  # fmt: skip
PLACE_FOR_CHANNEL = {
    Channel.WALK_IN: Place.DESK,
    Channel.PHONE: Place.DESK,
    Channel.ONLINE: Place.DESK,
    Channel.OUTREACH: Place.OUTREACH,
    Channel.EVENT: Place.EVENT,
}
TARGET_GROUPS = [(TargetGroup.PARENT, 65), (TargetGroup.YOUTH, 12), (TargetGroup.CHILD, 8),
                 (TargetGroup.PROFESSIONAL, 10), (TargetGroup.NOT_STATED, 5)]  # fmt: skip
AGE_FOR_GROUP = {
    TargetGroup.PARENT: [
        (AgeBand.FROM_18, 15),
        (AgeBand.FROM_27, 60),
        (AgeBand.FROM_45, 20),
        (AgeBand.NOT_STATED, 5),
    ],
    TargetGroup.YOUTH: [(AgeBand.FROM_14, 70), (AgeBand.FROM_18, 30)],
    TargetGroup.CHILD: [(AgeBand.FROM_6, 50), (AgeBand.FROM_10, 50)],
    TargetGroup.PROFESSIONAL: [(AgeBand.NOT_STATED, 100)],
    TargetGroup.NOT_STATED: [(AgeBand.NOT_STATED, 100)],
}
LANGUAGES = [("de", 60), ("tr", 14), ("ar", 12), ("uk", 6), ("ru", 3), ("pl", 3), ("fa", 2)]
DURATIONS = [(Duration.UNDER_5, 15), (Duration.UP_TO_15, 40), (Duration.UP_TO_30, 25), (Duration.UP_TO_60, 15),
             (Duration.OVER_60, 5)]  # fmt: skip
#: District slugs and weights: the quarter Voerde-Mitte is where the office stands.
DISTRICTS = [("voerde-mitte", 25), ("roenkensiedlung", 20), ("voerde-sued", 12), ("buschmannshof", 8),
             ("friedrichsfeld", 10), ("spellen", 5), ("moellen", 5), (None, 15)]  # fmt: skip


def _pick(rng: random.Random, weighted: list[tuple[object, int]]) -> object:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def load(objects: dict[str, object]) -> int:
    """Adds the demo contacts of Voerde; returns how many were added."""
    voerde: Municipality = objects["voerde"]
    rng = random.Random(6)  # noqa: S311 - demo data, not security
    with scopes_disabled():
        if ContactRecord.objects.filter(municipality=voerde).exists():
            return 0
        offices = list(Office.objects.filter(municipality=voerde, is_active=True).order_by("pk"))
        districts = {d.slug: d for d in District.objects.filter(municipality=voerde)}
        topics = list(TaxonomyTerm.objects.filter(taxonomy=TaxonomyTerm.Taxonomy.TOPIC).order_by("position"))
        today = timezone.localdate()
        records, topic_choices = [], []
        for _ in range(CONTACTS):
            day = today - timedelta(days=rng.randrange(1, DAYS))
            while day.weekday() >= 5:
                day -= timedelta(days=1)
            at = timezone.make_aware(
                datetime.combine(day, time(rng.randrange(9, 17), rng.randrange(0, 60, 5)))
            )
            channel = _pick(rng, CHANNELS)
            group = _pick(rng, TARGET_GROUPS)
            language = _pick(rng, LANGUAGES)
            slug = _pick(rng, DISTRICTS)
            referral = rng.random() < 0.18
            records.append(
                ContactRecord(
                    municipality=voerde,
                    office=rng.choice(offices),
                    contact_at=at,
                    created_at=at,
                    place=PLACE_FOR_CHANNEL[channel],
                    channel=channel,
                    duration=_pick(rng, DURATIONS),
                    target_group=group,
                    age_band=_pick(rng, AGE_FOR_GROUP[group]),
                    persons=_pick(rng, [(1, 70), (2, 22), (3, 6), (4, 2)]),
                    district=districts.get(slug) if slug else None,
                    language=language,
                    interpreter=(
                        _pick(
                            rng,
                            [(Interpreter.NOT_NEEDED, 60), (Interpreter.USED, 30), (Interpreter.NEEDED, 10)],
                        )
                        if language not in {"de", "en"}
                        else Interpreter.NOT_NEEDED
                    ),
                    referral_made=referral,
                    follow_up_needed=rng.random() < 0.12,
                    source=Source.MANUAL,
                )
            )
            topic_choices.append(
                rng.sample(topics, k=_pick(rng, [(1, 55), (2, 35), (3, 10)])) if topics else []
            )
        created = ContactRecord.objects.bulk_create(records)
        through = ContactRecord.topics.through
        through.objects.bulk_create(
            [
                through(contactrecord_id=record.pk, taxonomyterm_id=term.pk)
                for record, terms in zip(created, topic_choices, strict=True)
                for term in terms
            ]
        )
        summary.apply(
            added=[
                summary.snapshot(record, [term.pk for term in terms])
                for record, terms in zip(created, topic_choices, strict=True)
            ]
        )
    return len(created)
