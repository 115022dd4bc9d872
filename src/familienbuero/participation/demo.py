"""Demo data for Voerde: a playground round open now (with pictures, ideas and votes) and a holiday round
whose result is published (concept §3: "Beteiligungsmöglichkeiten, z.B. Feriengestaltung,
Spielplatzgestaltung")."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_scopes import scope
from PIL import Image, ImageDraw

from familienbuero.participation import services
from familienbuero.participation.models import Idea, Round
from familienbuero.tenancy.models import Municipality

PLAYGROUND = "Wie soll der neue Spielplatz am Familienbüro aussehen?"
HOLIDAYS = "Was wollt ihr in den Sommerferien machen?"

PLAYGROUND_OPTIONS = [
    ("Kletterturm", "Ein hoher Turm mit Netz und Rutsche.", "Ein roter Turm mit einem Netz.", (200, 60, 50)),
    ("Wasserspiel", "Pumpen, Rinnen und Matsch.", "Blaues Wasser läuft durch eine Rinne.", (40, 110, 200)),
    (
        "Nestschaukel",
        "Eine große Schaukel für viele Kinder.",
        "Eine runde Schaukel an zwei Seilen.",
        (230, 170, 30),
    ),
    (
        "Fußballfeld",
        "Ein kleines Feld mit zwei Toren.",
        "Ein grünes Feld mit zwei weißen Toren.",
        (40, 150, 70),
    ),
    ("Sandkasten", "Viel Sand zum Bauen.", "Ein gelber Sandkasten mit Eimer und Schaufel.", (220, 200, 120)),
]


def _picture(color: tuple[int, int, int]) -> SimpleUploadedFile:
    image = Image.new("RGB", (800, 600), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((120, 100, 680, 500), radius=60, fill=color)
    draw.ellipse((330, 220, 470, 360), fill=(255, 255, 255))
    out = BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile("bild.png", out.getvalue(), content_type="image/png")


def load(objects: dict[str, object]) -> None:
    """Safe to run again: existing rounds with the same question are left alone."""
    voerde: Municipality = objects["voerde"]  # type: ignore[assignment]
    today = timezone.localdate()
    with scope(municipality=voerde):
        if not Round.objects.filter(municipality=voerde, question=PLAYGROUND).exists():
            _playground(voerde, today)
        if not Round.objects.filter(municipality=voerde, question=HOLIDAYS).exists():
            _holidays(voerde, today)


def _playground(voerde: Municipality, today) -> None:
    round_ = services.round_create(
        municipality=voerde,
        question=PLAYGROUND,
        easy_text=(
            "Neben dem Familienbüro kommt ein neuer Spielplatz.\n"
            "Du darfst mit entscheiden.\n"
            "Du hast 3 Punkte. Wähle bis zu 3 Sachen, die du gut findest.\n"
            "Du kannst auch eine eigene Idee schreiben."
        ),
        age_min=6,
        age_max=14,
        opens_on=today - timedelta(days=7),
        closes_on=today + timedelta(days=60),
    )
    services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
    options = [
        services.option_add(
            round_=round_, title=title, description=text, image=_picture(color), image_alt=alt
        )
        for title, text, alt, color in PLAYGROUND_OPTIONS
    ]
    approved = services.idea_submit(round_=round_, text="Eine Hängematte zum Ausruhen", today=today)
    services.idea_moderate(idea=approved, approve=True)
    services.idea_submit(round_=round_, text="Ein Trampolin!", today=today)  # waits for moderation
    for index, chosen in enumerate([[0, 1, 2], [0, 3], [1], [0, 2, 4], [3, 4]]):
        services.vote_cast(
            round_=round_,
            option_ids=[options[i].pk for i in chosen],
            session_key=f"demo-session-{index}",
            today=today,
        )


def _holidays(voerde: Municipality, today) -> None:
    round_ = services.round_create(
        municipality=voerde,
        question=HOLIDAYS,
        easy_text="Im Sommer gibt es ein Ferien-Programm.\nWas wollt ihr machen?",
        age_min=8,
        age_max=16,
        opens_on=today - timedelta(days=120),
        closes_on=today - timedelta(days=60),
    )
    services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
    options = [
        services.option_add(round_=round_, title="Schwimmbad", description="Ein Tag im Freibad."),
        services.option_add(round_=round_, title="Zoo", description="Ein Ausflug in den Zoo."),
        services.option_add(round_=round_, title="Kochen", description="Zusammen kochen und essen."),
    ]
    idea = Idea.objects.create(
        municipality=voerde, round=round_, text="Eine Nachtwanderung im Wald", status=Idea.Status.APPROVED
    )
    # The votes were cast while the round was open.
    for index, chosen in enumerate([[0, 1], [0], [0, 2], [1, 2]]):
        services.vote_cast(
            round_=round_,
            option_ids=[options[i].pk for i in chosen],
            session_key=f"demo-holiday-{index}",
            today=today - timedelta(days=90),
        )
    services.result_publish(
        round_=round_,
        result_text=(
            "Die meisten Kinder wollen ins Schwimmbad.\n"
            "Darum fahren wir in den Ferien zweimal ins Freibad.\n"
            "Der Zoo-Ausflug ist am letzten Ferien-Freitag."
        ),
        option_outcomes={options[0].pk: "Zweimal Freibad im Juli.", options[1].pk: "Ausflug am 15. August."},
        idea_outcomes={idea.pk: "Die Nachtwanderung machen wir mit der Jugendfeuerwehr."},
    )
