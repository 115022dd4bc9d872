"""Demo legal information, including the Leichte-Sprache start text written for Voerde."""

from __future__ import annotations

from datetime import date

from django_scopes import scopes_disabled

from familienbuero.public.models import LegalInfo
from familienbuero.tenancy.models import Municipality

VOERDE_EASY_LANGUAGE = """Herzlich willkommen beim Familien-Büro in Voerde.

Was ist das Familien-Büro?
Das Familien-Büro ist ein Büro für Familien.
Das Büro gehört zur Stadt Voerde.
Dort bekommen Sie Hilfe.
Zum Beispiel:
Sie haben Fragen zu Ihren Kindern.
Sie suchen einen Sport-Verein für Ihr Kind.
Sie brauchen Hilfe bei einem Antrag.
Ein Antrag ist ein Formular.
Mit dem Formular bitten Sie das Amt um etwas.
Die Hilfe kostet nichts.
Sie brauchen keinen Termin.

Das Familien-Büro ist mobil.
Mobil heißt: Das Büro steht nicht immer am gleichen Ort.
An den meisten Tagen steht das Büro an der Rönkenstraße.
Das ist neben der Erich-Kästner-Schule.
Am Dienstag steht das Büro im Buschmannshof.
Am Freitag steht das Büro vor dem Rathaus.

Was steht auf dieser Internet-Seite?
Hier steht: Wo ist das Familien-Büro heute?
Hier steht: Wann ist das Familien-Büro offen?
Hier steht: Wie kommen Sie zum Familien-Büro?
Hier steht: Wie können Sie uns anrufen oder schreiben?

So finden Sie sich auf der Seite zurecht.
Ganz oben stehen die Sprachen.
Dort können Sie eine andere Sprache wählen.
Ganz unten auf jeder Seite stehen wichtige Links.
Ein Link bringt Sie zu einer anderen Seite.
Sie klicken auf den Link.
Dann sehen Sie die andere Seite.

Barriere-Freiheit
Barriere-Freiheit heißt: Alle Menschen können die Seite gut benutzen.
Auch Menschen mit Behinderung.
Unten auf der Seite steht der Link: Erklärung zur Barriere-Freiheit.
Dort steht: Was auf der Seite noch nicht gut klappt.
Sie finden ein Problem auf der Seite?
Dann schreiben Sie uns.
Dafür gibt es unten den Link: Barriere melden.
Wir antworten Ihnen innerhalb von einem Monat.

Mehr Informationen
Sie möchten mehr wissen?
Dann rufen Sie uns an.
Die Telefon-Nummer ist: 02855 80-0.
Oder kommen Sie einfach vorbei.
Wir helfen Ihnen gern."""

VOERDE_NON_ACCESSIBLE = (
    "Ein Video in Deutscher Gebärdensprache ist noch in Arbeit. Bis es fertig ist, können Sie uns "
    "schreiben; auf Wunsch organisieren wir für ein Gespräch eine Gebärdensprach-Dolmetscherin.\n"
    "Karten zeigen wir nicht direkt an, sondern verlinken auf OpenStreetMap. Adresse und Wegbeschreibung "
    "stehen als Text auf jeder Seite des Familienbüros."
)


def load(municipalities: dict[str, Municipality]) -> None:
    with scopes_disabled():
        voerde, _ = LegalInfo.objects.update_or_create(
            municipality=municipalities["voerde"],
            defaults={
                "provider_name": "Stadt Voerde (Niederrhein)",
                "represented_by": "Der Bürgermeister",
                "street": "Rathausplatz 20",
                "postcode": "46562",
                "city": "Voerde (Niederrhein)",
                "phone": "02855 80-0",
                "email": "info@voerde.example",
                "supervisory_authority": "Landrat des Kreises Wesel als untere staatliche Verwaltungsbehörde",
                "content_responsible": "Fachdienst Jugend, Rathausplatz 20, 46562 Voerde (Niederrhein)",
                "dpo_name": "Behördliche Datenschutzbeauftragte der Stadt Voerde",
                "dpo_email": "datenschutz@voerde.example",
                "dpo_address": "Rathausplatz 20, 46562 Voerde (Niederrhein)",
                "hosting": "Kommunales Rechenzentrum (Demo-Angabe)",
                "mail_relay": "Mailserver des kommunalen Rechenzentrums (Demo-Angabe)",
                "conformance": LegalInfo.Conformance.PARTIAL,
                "statement_date": date(2026, 11, 1),
                "last_review": date(2026, 11, 20),
                "review_method": "Selbstbewertung mit automatischer Prüfung (axe-core) und Tastatur-Test",
                "feedback_email": "barrierefreiheit@voerde.example",
            },
        )
        voerde.set_current_language("de")
        voerde.non_accessible_parts = VOERDE_NON_ACCESSIBLE
        voerde.save()
        voerde.set_current_language("de-ls")
        voerde.easy_language_intro = VOERDE_EASY_LANGUAGE
        voerde.save()

        LegalInfo.objects.update_or_create(
            municipality=municipalities["huenxe"],
            defaults={
                "provider_name": "Gemeinde Hünxe",
                "represented_by": "Der Bürgermeister",
                "street": "Dorfstraße 36",
                "postcode": "46569",
                "city": "Hünxe",
                "phone": "02858 69-0",
                "email": "info@huenxe.example",
                "content_responsible": "Jugendamt, Dorfstraße 36, 46569 Hünxe",
                "dpo_name": "Datenschutzbeauftragter der Gemeinde Hünxe",
                "dpo_email": "datenschutz@huenxe.example",
                "dpo_address": "Dorfstraße 36, 46569 Hünxe",
                "feedback_email": "barrierefreiheit@huenxe.example",
            },
        )
