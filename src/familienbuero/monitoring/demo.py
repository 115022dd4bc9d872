"""Voerde demo: district figures on 31.12.2021 consistent with concept §2.1, the quarter Voerde-Mitte
and the default index weights. The figures go through the import (the same checks as an upload).

Derived from §2.1: city 36,120 inhabitants (quarter 14,412 = 39.9 %; Voerde Mitte + Buschmannshof
8,465 = 58.7 %), 3,388 families with children under 18 (quarter 1,447 = 42.7 %), 6,250 persons under 20
(quarter 2,625 = 42.0 %, 64.0 % of them in the two dense districts), 7,042 persons with migration
background (quarter 3,288 = 46.7 % of them and 22.8 % of the quarter; city 19.5 %; 2,379 = 72.4 % in
the two dense districts; Voerde Mitte 33.8 %, the highest district), 1,171 unemployed (72.0 % SGB II),
Kita families up to 15,000 €: city 24.2 %, quarter 30.5 %, up to 36,000 € quarter 42.3 %; HzE 522
(quarter 193 = 37.0 %, 74.1 % of them in the two districts), residential 195 (quarter 97 = 49.7 % –
§2.1 says 50.0 %, which no whole number of 195 gives – and 77.3 % of them in the two districts).
The areas (km², about 53.4 in all) are approximate; they make Voerde-Mitte the densest quarter and
Buschmannshof and Voerde Mitte its densest districts, as §2.1 says.
"""

from __future__ import annotations

from django_scopes import scopes_disabled

from familienbuero.monitoring.models import BurdenIndexWeights, Quarter
from familienbuero.monitoring.services import import_district_statistics
from familienbuero.tenancy.models import District, Municipality

#: docs/examples/district-statistics.csv holds the same figures (the README's example file).
DEMO_CSV = """stichtag;bezirk;einwohner;familien_mit_kindern_unter_18;personen_unter_20;migrationshintergrund;arbeitslose_sgb2;arbeitslose_sgb3;kita_familien;kita_einkommen_bis_15000;kita_einkommen_15001_bis_36000;hze_gesamt;hze_stationaer;flaeche_km2
2021-12-31;voerde-mitte;4200;430;800;1420;200;60;170;70;25;75;40;2.1
2021-12-31;buschmannshof;4265;450;880;959;190;55;180;68;22;68;35;1.6
2021-12-31;voerde-sued;3200;300;500;480;60;35;130;25;14;28;12;3.4
2021-12-31;roenkensiedlung;2747;267;445;429;50;30;120;20;10;22;10;2.9
2021-12-31;friedrichsfeld;9800;880;1600;2100;200;80;400;90;80;170;50;12.5
2021-12-31;spellen;6500;600;1100;900;80;40;280;50;50;90;28;16.8
2021-12-31;moellen;5408;461;925;754;63;28;220;40;40;69;20;14.1
"""

QUARTER_DISTRICTS = ["voerde-mitte", "voerde-sued", "roenkensiedlung", "buschmannshof"]
FOCUS_DISTRICTS = ["voerde-mitte", "buschmannshof"]


def load(objects: dict[str, object]) -> None:
    """Safe to run again: the import replaces the figures, the quarter is updated."""
    voerde: Municipality = objects["voerde"]  # type: ignore[assignment]
    import_district_statistics(voerde, DEMO_CSV)
    with scopes_disabled():
        quarter, _created = Quarter.objects.update_or_create(
            municipality=voerde, slug="voerde-mitte", defaults={"name": "Voerde-Mitte"}
        )
        districts = District.objects.filter(municipality=voerde)
        quarter.districts.set(districts.filter(slug__in=QUARTER_DISTRICTS))
        quarter.focus_districts.set(districts.filter(slug__in=FOCUS_DISTRICTS))
        BurdenIndexWeights.objects.get_or_create(municipality=voerde)
