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

#: The playground round in the other languages of the children's pages (question, easy language).
PLAYGROUND_TRANSLATIONS = {
    "en": {
        "question": "What should the new playground at the family office look like?",
        "easy_text": (
            "A new playground is coming next to the family office.\n"
            "You can help decide.\n"
            "You have 3 dots. Choose up to 3 things you like.\n"
            "You can also write your own idea."
        ),
    },
    "tr": {
        "question": "Aile bürosundaki yeni oyun parkı nasıl olsun?",
        "easy_text": (
            "Aile bürosunun yanına yeni bir oyun parkı yapılıyor.\n"
            "Sen de karar verebilirsin.\n"
            "3 puanın var. Beğendiğin en fazla 3 şey seç.\n"
            "Kendi fikrini de yazabilirsin."
        ),
    },
    "ar": {
        "question": "كيف يجب أن يبدو الملعب الجديد عند مكتب العائلة؟",
        "easy_text": (
            "سيُبنى ملعب جديد بجانب مكتب العائلة.\n"
            "يمكنك أن تشارك في القرار.\n"
            "لديك 3 نقاط. اختر حتى 3 أشياء تعجبك.\n"
            "يمكنك أيضًا أن تكتب فكرتك الخاصة."
        ),
    },
    "uk": {
        "question": "Яким має бути новий дитячий майданчик біля сімейного бюро?",
        "easy_text": (
            "Біля сімейного бюро буде новий дитячий майданчик.\n"
            "Ти можеш допомогти вирішити.\n"
            "У тебе є 3 бали. Вибери до 3 речей, які тобі подобаються.\n"
            "Ти також можеш написати власну ідею."
        ),
    },
}

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

#: (title, description, picture text) of each playground option per language, in the order above.
PLAYGROUND_OPTION_TRANSLATIONS = {
    "en": [
        ("Climbing tower", "A tall tower with a net and a slide.", "A red tower with a net."),
        ("Water play", "Pumps, channels and mud.", "Blue water runs through a channel."),
        ("Nest swing", "A big swing for many children.", "A round swing on two ropes."),
        ("Football pitch", "A small pitch with two goals.", "A green pitch with two white goals."),
        ("Sandpit", "Lots of sand for building.", "A yellow sandpit with a bucket and a spade."),
    ],
    "tr": [
        ("Tırmanma kulesi", "Ağı ve kaydırağı olan yüksek bir kule.", "Ağı olan kırmızı bir kule."),
        ("Su oyunu", "Pompalar, oluklar ve çamur.", "Mavi su bir oluktan akıyor."),
        ("Yuva salıncak", "Birçok çocuk için büyük bir salıncak.", "İki ipe asılı yuvarlak bir salıncak."),
        ("Futbol sahası", "İki kaleli küçük bir saha.", "İki beyaz kaleli yeşil bir saha."),
        ("Kum havuzu", "İnşa etmek için bol kum.", "Kova ve kürekli sarı bir kum havuzu."),
    ],
    "ar": [
        ("برج التسلق", "برج عالٍ مع شبكة وزحليقة.", "برج أحمر مع شبكة."),
        ("ألعاب الماء", "مضخات وقنوات وطين.", "ماء أزرق يجري في قناة."),
        ("أرجوحة العش", "أرجوحة كبيرة لأطفال كثيرين.", "أرجوحة مستديرة معلقة بحبلين."),
        ("ملعب كرة القدم", "ملعب صغير بمرميين.", "ملعب أخضر بمرميين أبيضين."),
        ("صندوق الرمل", "رمل كثير للبناء.", "صندوق رمل أصفر مع دلو ومجرفة."),
    ],
    "uk": [
        ("Вежа для лазіння", "Висока вежа з сіткою і гіркою.", "Червона вежа із сіткою."),
        ("Гра з водою", "Насоси, жолоби і багнюка.", "Синя вода тече жолобом."),
        ("Гойдалка-гніздо", "Велика гойдалка для багатьох дітей.", "Кругла гойдалка на двох мотузках."),
        ("Футбольне поле", "Маленьке поле з двома воротами.", "Зелене поле з двома білими воротами."),
        ("Пісочниця", "Багато піску, щоб будувати.", "Жовта пісочниця з відерцем і лопаткою."),
    ],
}

HOLIDAYS_TRANSLATIONS = {
    "en": {
        "question": "What do you want to do in the summer holidays?",
        "easy_text": "In summer there is a holiday programme.\nWhat do you want to do?",
    },
    "tr": {
        "question": "Yaz tatilinde ne yapmak istiyorsunuz?",
        "easy_text": "Yazın bir tatil programı var.\nNe yapmak istiyorsunuz?",
    },
    "ar": {
        "question": "ماذا تريدون أن تفعلوا في العطلة الصيفية؟",
        "easy_text": "في الصيف يوجد برنامج للعطلة.\nماذا تريدون أن تفعلوا؟",
    },
    "uk": {
        "question": "Що ви хочете робити на літніх канікулах?",
        "easy_text": "Влітку є програма на канікули.\nЩо ви хочете робити?",
    },
}

HOLIDAY_OPTIONS = [
    ("Schwimmbad", "Ein Tag im Freibad."),
    ("Zoo", "Ein Ausflug in den Zoo."),
    ("Kochen", "Zusammen kochen und essen."),
]
HOLIDAY_OPTION_TRANSLATIONS = {
    "en": [
        ("Swimming pool", "A day at the outdoor pool."),
        ("Zoo", "A trip to the zoo."),
        ("Cooking", "Cooking and eating together."),
    ],
    "tr": [
        ("Yüzme havuzu", "Açık havuzda bir gün."),
        ("Hayvanat bahçesi", "Hayvanat bahçesine bir gezi."),
        ("Yemek yapmak", "Birlikte yemek yapıp yemek."),
    ],
    "ar": [
        ("المسبح", "يوم في المسبح المكشوف."),
        ("حديقة الحيوانات", "رحلة إلى حديقة الحيوانات."),
        ("الطبخ", "نطبخ ونأكل معًا."),
    ],
    "uk": [
        ("Басейн", "День у відкритому басейні."),
        ("Зоопарк", "Екскурсія до зоопарку."),
        ("Готування", "Разом готувати і їсти."),
    ],
}
HOLIDAY_RESULT = {
    "de": (
        "Die meisten Kinder wollen ins Schwimmbad.\n"
        "Darum fahren wir in den Ferien zweimal ins Freibad.\n"
        "Der Zoo-Ausflug ist am letzten Ferien-Freitag."
    ),
    "en": (
        "Most children want to go to the swimming pool.\n"
        "So in the holidays we go to the outdoor pool twice.\n"
        "The zoo trip is on the last Friday of the holidays."
    ),
    "tr": (
        "Çoğu çocuk yüzme havuzuna gitmek istiyor.\n"
        "Bu yüzden tatilde iki kez açık havuza gidiyoruz.\n"
        "Hayvanat bahçesi gezisi tatilin son cuma günü."
    ),
    "ar": (
        "معظم الأطفال يريدون الذهاب إلى المسبح.\n"
        "لذلك نذهب في العطلة مرتين إلى المسبح المكشوف.\n"
        "رحلة حديقة الحيوانات في آخر يوم جمعة من العطلة."
    ),
    "uk": (
        "Більшість дітей хоче піти в басейн.\n"
        "Тому на канікулах ми двічі поїдемо у відкритий басейн.\n"
        "Екскурсія до зоопарку — в останню п'ятницю канікул."
    ),
}
#: What became of the pool and the zoo, per language.
HOLIDAY_OUTCOMES = {
    "de": ("Zweimal Freibad im Juli.", "Ausflug am 15. August."),
    "en": ("Outdoor pool twice in July.", "Trip on 15 August."),
    "tr": ("Temmuzda iki kez açık havuz.", "15 Ağustos'ta gezi."),
    "ar": ("مرتان إلى المسبح المكشوف في تموز/يوليو.", "رحلة في 15 آب/أغسطس."),
    "uk": ("Двічі відкритий басейн у липні.", "Екскурсія 15 серпня."),
}


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
        existing = Round.objects.filter(municipality=voerde, translations__language_code="de")
        if not existing.filter(translations__question=PLAYGROUND).exists():
            _playground(voerde, today)
        if not existing.filter(translations__question=HOLIDAYS).exists():
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
        translations=PLAYGROUND_TRANSLATIONS,
    )
    services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
    options = [
        services.option_add(
            round_=round_,
            title=title,
            description=text,
            image=_picture(color),
            image_alt=alt,
            translations={
                language: dict(zip(("title", "description", "image_alt"), texts[index], strict=True))
                for language, texts in PLAYGROUND_OPTION_TRANSLATIONS.items()
            },
        )
        for index, (title, text, alt, color) in enumerate(PLAYGROUND_OPTIONS)
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
        translations=HOLIDAYS_TRANSLATIONS,
    )
    services.round_set_status(round_=round_, status=Round.Status.PUBLISHED)
    options = [
        services.option_add(
            round_=round_,
            title=title,
            description=text,
            translations={
                language: dict(zip(("title", "description"), texts[index], strict=True))
                for language, texts in HOLIDAY_OPTION_TRANSLATIONS.items()
            },
        )
        for index, (title, text) in enumerate(HOLIDAY_OPTIONS)
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
        result_text=HOLIDAY_RESULT["de"],
        option_outcomes={options[0].pk: HOLIDAY_OUTCOMES["de"][0], options[1].pk: HOLIDAY_OUTCOMES["de"][1]},
        idea_outcomes={idea.pk: "Die Nachtwanderung machen wir mit der Jugendfeuerwehr."},
        result_translations={lang: text for lang, text in HOLIDAY_RESULT.items() if lang != "de"},
        outcome_translations={
            option.pk: {lang: texts[index] for lang, texts in HOLIDAY_OUTCOMES.items() if lang != "de"}
            for index, option in enumerate(options[:2])
        },
    )
