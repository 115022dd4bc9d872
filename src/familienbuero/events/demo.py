"""Demo events of Voerde (concept §3): info evening with day-care centre and school, parent–child group
with the Familienbildungsstätte, babysitter course, bike training and swimming course with the school, and
a summer holiday programme in its wish phase. Idempotent (fixed ids)."""

from __future__ import annotations

import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone
from django_scopes import scopes_disabled

from familienbuero.directory.models import TaxonomyTerm
from familienbuero.events import services
from familienbuero.events.models import (
    Event,
    PriorityClass,
    Programme,
    Question,
    Session,
)
from familienbuero.events.services_lottery import ChildWishes, submit_wishes
from familienbuero.tenancy.models import Location

NAMESPACE = uuid.UUID("6f1d3c1e-0b5a-4d8e-9a51-2f3c4d5e6f70")


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _event(key: str, office: object, **fields: object) -> Event | None:
    """Creates the event once; returns None if it exists already."""
    event_uuid = uuid.uuid5(NAMESPACE, key)
    if Event.objects.filter(uuid=event_uuid).exists():
        return None
    texts = {
        name: fields.pop(name, "")
        for name in ("title", "description", "what_to_bring", "accessibility_notes")
    }
    sessions = fields.pop("sessions")
    groups = fields.pop("groups", [])
    questions = fields.pop("questions", [])
    event = Event(uuid=event_uuid, municipality=office.municipality, office=office, **fields)
    event.set_current_language("de")
    for name, value in texts.items():
        setattr(event, name, value)
    event.save()
    for start, end in sessions:
        Session.objects.create(event=event, starts_at=start, ends_at=end)
    event.target_groups.set(TaxonomyTerm.objects.filter(taxonomy="target_group", code__in=groups))
    for position, (text, purpose, required, choices) in enumerate(questions):
        Question.objects.create(
            event=event, position=position, text=text, purpose=purpose, required=required, choices=choices
        )
    services.update_event_dates(event)
    return event


#: Texts of some demo events in the other site languages (staff enter them in the event form); the other
#: events show their German texts in every language.
TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "infoabend-kita-schule": {
        "en": {
            "title": "Information evening: from day care to primary school",
            "description": (
                "What does my child need to start school? Educators of the Rönkenhof day-care centre and "
                "teachers of the Erich Kästner primary school explain how the move succeeds and answer your "
                "questions. Childcare is available during the evening."
            ),
        },
        "tr": {
            "title": "Bilgilendirme akşamı: Kreşten ilkokula",
            "description": (
                "Çocuğumun okula başlaması için neye ihtiyacı var? Rönkenhof kreşinin eğitmenleri ve "
                "Erich Kästner İlkokulu öğretmenleri geçişin nasıl başarılı olacağını anlatıyor ve "
                "sorularınızı yanıtlıyor. Akşam boyunca çocuk bakımı mümkündür."
            ),
        },
        "ar": {
            "title": "أمسية إعلامية: من الروضة إلى المدرسة الابتدائية",
            "description": (
                "ماذا يحتاج طفلي لبدء المدرسة؟ تشرح مربيات روضة رونكنهوف ومعلمو مدرسة إريش كستنر "
                "الابتدائية كيف ينجح الانتقال ويجيبون عن أسئلتكم. رعاية الأطفال ممكنة خلال الأمسية."
            ),
        },
        "uk": {
            "title": "Інформаційний вечір: з дитсадка до початкової школи",
            "description": (
                "Що потрібно моїй дитині для початку навчання? Вихователі дитсадка Рьонкенгоф і вчителі "
                "початкової школи імені Еріха Кестнера розповідають, як вдається перехід, і відповідають "
                "на ваші запитання. Під час вечора можливий догляд за дітьми."
            ),
        },
    },
    "schwimmkurs": {
        "en": {
            "title": "Swimming course (Seepferdchen badge)",
            "what_to_bring": "Swimwear, towel, shower gel.",
        },
        "tr": {"title": "Yüzme kursu (Seepferdchen rozeti)", "what_to_bring": "Mayo, havlu, duş jeli."},
        "ar": {
            "title": "دورة السباحة (شارة فرس البحر)",
            "what_to_bring": "ملابس السباحة، منشفة، جل الاستحمام.",
        },
        "uk": {
            "title": "Курс плавання (значок «Морський коник»)",
            "what_to_bring": "Купальник, рушник, гель для душу.",
        },
    },
    "fahrradtraining": {
        "en": {"title": "Cycling training for primary school children"},
        "tr": {"title": "İlkokul çocukları için bisiklet eğitimi"},
        "ar": {"title": "تدريب على ركوب الدراجة لأطفال المدرسة الابتدائية"},
        "uk": {"title": "Тренування з їзди на велосипеді для молодших школярів"},
    },
}


def _translate(key: str, languages: dict[str, dict[str, str]]) -> None:
    """Adds the texts of the languages the event lacks (idempotent; German stays untouched)."""
    event = Event.objects.filter(uuid=uuid.uuid5(NAMESPACE, key)).first()
    if event is None:
        return
    for code, texts in languages.items():
        if event.has_translation(code):
            continue
        event.set_current_language(code)
        # A language without its own description shows the German one on the public pages.
        event.description = texts.get("description", "")
        for name, value in texts.items():
            setattr(event, name, value)
        event.save_translations()


def _weekly(
    first_day: int, count: int, hour: int, minute: int, minutes: int
) -> list[tuple[datetime, datetime]]:
    return [
        (
            _at(first_day + 7 * i, hour, minute),
            _at(first_day + 7 * i, hour, minute) + timedelta(minutes=minutes),
        )
        for i in range(count)
    ]


def load(objects: dict[str, object]) -> None:
    with scopes_disabled():
        _load(objects)


def _load(objects: dict[str, object]) -> None:
    office = objects["office"]
    orgs = objects["organizations"]
    pool = Location.objects.filter(municipality=office.municipality, name__startswith="Hallenbad").first()
    fbs = Location.objects.filter(
        municipality=office.municipality, name__startswith="Evangelische Fam"
    ).first()
    here = office.home_location
    _event(
        "infoabend-kita-schule",
        office,
        title="Infoabend: Von der Kita in die Grundschule",
        description=(
            "Was braucht mein Kind für den Schulstart? Erzieherinnen der Kita Rönkenhof und Lehrkräfte der "
            "Erich-Kästner-Grundschule erzählen, wie der Übergang gelingt, und beantworten Ihre Fragen. "
            "Kinderbetreuung während des Abends ist möglich."
        ),
        accessibility_notes="Der Raum ist stufenlos erreichbar. Eine Übersetzung ins Türkische ist möglich.",
        location=here,
        organiser=orgs.get("stadt-voerde-jugend"),
        co_host=orgs.get("erich-kaestner-grundschule"),
        capacity=40,
        groups=["eltern"],
        languages="de,tr",
        sessions=[(_at(12, 19), _at(12, 20, 30))],
    )
    _event(
        "schnullerclub",
        office,
        kind=Event.Kind.COURSE,
        title="Eltern-Kind-Gruppe „Schnullerclub“",
        description=(
            "Spielen, singen, andere Eltern kennenlernen: eine Gruppe für Eltern mit Babys im ersten "
            "Lebensjahr, geleitet von der Evangelischen Familienbildungsstätte."
        ),
        what_to_bring="Eine Decke, Wechselwindeln, etwas zu trinken.",
        location=fbs or here,
        organiser=orgs.get("ev-familienbildungsstaette"),
        capacity=8,
        minimum_age=0,
        maximum_age=1,
        cost=Event.Cost.BUT,
        fee=Decimal("24.00"),
        groups=["eltern", "familien"],
        sessions=_weekly(5, 6, 9, 30, 90),
    )
    _event(
        "babysitterkurs",
        office,
        kind=Event.Kind.COURSE,
        title="Babysitterkurs",
        description=(
            "Was brauchen Babys und Kleinkinder? Wickeln, Spielen, Erste Hilfe am Kind: Nach drei Terminen "
            "gibt es den Babysitter-Ausweis, und das Familienbüro nimmt dich auf Wunsch in die "
            "Babysitter-Liste auf."
        ),
        location=fbs or here,
        organiser=orgs.get("ev-familienbildungsstaette"),
        capacity=12,
        minimum_age=13,
        maximum_age=17,
        cost=Event.Cost.BUT,
        fee=Decimal("15.00"),
        groups=["jugendliche"],
        sessions=_weekly(9, 3, 16, 0, 120),
    )
    bike = _event(
        "fahrradtraining",
        office,
        kind=Event.Kind.COURSE,
        title="Fahrradtraining für Grundschulkinder",
        description=(
            "Sicher im Straßenverkehr: Übungen auf dem Schulhof und eine kleine Runde durch Voerde, mit der "
            "Erich-Kästner-Grundschule und dem TV Voerde."
        ),
        what_to_bring="Fahrrad (wenn vorhanden) und Helm.",
        location=here,
        organiser=orgs.get("erich-kaestner-grundschule"),
        co_host=orgs.get("tv-voerde"),
        capacity=10,
        minimum_age=7,
        maximum_age=10,
        groups=["kinder"],
        sessions=_weekly(7, 2, 15, 0, 90),
        questions=[
            (
                "Hat Ihr Kind ein eigenes verkehrssicheres Fahrrad?",
                "Damit wir genug Leihräder mitbringen.",
                True,
                "ja\nnein",
            )
        ],
    )
    _event(
        "schwimmkurs",
        office,
        kind=Event.Kind.COURSE,
        title="Schwimmkurs (Seepferdchen)",
        description=(
            "Schwimmen lernen in kleinen Gruppen mit der Erich-Kästner-Grundschule im Hallenbad Voerde. "
            "Am Ende kann das Seepferdchen-Abzeichen abgelegt werden."
        ),
        what_to_bring="Badesachen, Handtuch, Duschgel.",
        accessibility_notes="Das Hallenbad hat eine barrierefreie Toilette; ein Lifter ist vorhanden.",
        location=pool or here,
        organiser=orgs.get("erich-kaestner-grundschule"),
        capacity=10,
        minimum_age=5,
        maximum_age=9,
        cost=Event.Cost.BUT,
        fee=Decimal("40.00"),
        groups=["kinder"],
        sessions=_weekly(10, 8, 14, 30, 45),
        questions=[
            (
                "Kann Ihr Kind schon schwimmen?",
                "Für die Einteilung in Gruppen nach Können.",
                True,
                "nein\nein bisschen\nja, ohne Abzeichen",
            )
        ],
    )
    if bike is not None:
        # A full course with a waiting list, so that the staff pages show something.
        names = [
            "Mia",
            "Noah",
            "Emma",
            "Elias",
            "Lina",
            "Yusuf",
            "Lea",
            "Mats",
            "Sofia",
            "Ben",
            "Zeynep",
            "Jonas",
        ]
        question = bike.questions.get()
        for index, name in enumerate(names):
            services.register(
                event=bike,
                contact_name=f"Familie Demo {index + 1}",
                email=f"demo-familie-{index + 1}@example.org",
                participants=[services.Participant(name, 8, {question.pk: "ja" if index % 3 else "nein"})],
            )
    for key, languages in TRANSLATIONS.items():
        _translate(key, languages)
    _programme(office, orgs, here)


def _programme(office: object, orgs: dict[str, object], here: Location) -> None:
    programme_uuid = uuid.uuid5(NAMESPACE, "ferienprogramm-sommer")
    if Programme.objects.filter(uuid=programme_uuid).exists():
        return
    now = timezone.now()
    programme = Programme.objects.create(
        uuid=programme_uuid,
        municipality=office.municipality,
        office=office,
        name="Ferienprogramm Sommer",
        description=(
            "Eine Woche voller Angebote in den Sommerferien. Die Plätze werden fair verlost: Familien mit "
            "Anspruch auf Bildung und Teilhabe oder geringem Einkommen zuerst, dann Familien aus Voerde."
        ),
        wish_opens=now - timedelta(days=2),
        wish_closes=now + timedelta(days=12),
        max_wishes=3,
        max_courses_per_child=2,
        draw_planned_on=(now + timedelta(days=13)).date(),
    )
    classes = [
        PriorityClass.objects.create(programme=programme, position=position, label=label)
        for position, label in enumerate(
            [
                "Wir haben Anspruch auf Bildung und Teilhabe (BuT) oder ein geringes Einkommen",
                "Wir wohnen in Voerde",
                "Alle anderen",
            ]
        )
    ]
    courses = []
    for index, (key, title, org, capacity) in enumerate(
        [
            ("reiten", "Ferien auf dem Reiterhof", "reiterverein-voerde", 8),
            ("zirkus", "Zirkus-Workshop", "ogs-erich-kaestner", 15),
            ("tanzen", "Tanzen für Kids", "tanzsportclub-voerde", 12),
            ("fussball", "Fußballcamp", "tv-voerde", 20),
        ]
    ):
        event = _event(
            f"ferien-{key}",
            office,
            kind=Event.Kind.COURSE,
            title=title,
            description=f"{title} im Ferienprogramm Sommer, für Kinder von 6 bis 12 Jahren.",
            location=here,
            organiser=orgs.get(org),
            programme=programme,
            capacity=capacity,
            minimum_age=6,
            maximum_age=12,
            groups=["kinder"],
            sessions=[(_at(60 + day + index, 10), _at(60 + day + index, 13)) for day in (0, 7)],
        )
        courses.append(event)
    reiten, zirkus, tanzen, fussball = courses
    for index, (cls, kids) in enumerate(
        [
            (classes[0], [("Aylin", 9, [reiten, zirkus]), ("Can", 7, [reiten, zirkus])]),
            (classes[1], [("Paul", 10, [fussball, reiten, tanzen])]),
            (classes[2], [("Greta", 8, [reiten, tanzen])]),
        ]
    ):
        submit_wishes(
            programme=programme,
            contact_name=f"Familie Wunsch {index + 1}",
            email=f"demo-wunsch-{index + 1}@example.org",
            priority_class=cls,
            children=[
                ChildWishes(name, age, len(kids) > 1, [c.pk for c in wished]) for name, age, wished in kids
            ],
        )
