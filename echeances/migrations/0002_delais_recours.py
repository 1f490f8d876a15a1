"""The legal periods to challenge a decision, as the legal unit starts with (editable afterwards).

Each row cites its source. Periods run from the pronouncement or the notification; the app counts
from the decision's date, so the date it shows is never later than the real one.
"""

from django.db import migrations

PENAL_APPEL = (
    "Appel devant la cour d'appel (chambre des appels correctionnels)",
    "Art. 498 CPP (art. 546-547 CPP pour le tribunal de police\u202f; art. 380-9 CPP pour la cour d'assises)",
    "Art. 498 CPP\u00a0: « Sauf dans le cas prévu à l'article 505, l'appel est interjeté dans le délai de dix jours "
    "à compter du prononcé du jugement contradictoire. » Le même délai vaut pour les jugements du tribunal de "
    "police (art. 547 CPP) et l'appel des arrêts de cour d'assises (art. 380-9 CPP). La partie civile ne fait "
    "appel que de ses intérêts civils (art. 497 CPP). Le délai court de la signification pour un jugement "
    "rendu en l'absence de la partie (art. 498-1 et 499 CPP).",
)
ROWS = [
    # (type_procedure, niveau, nature, duree, unite, recours, source, citation)
    *[("penal", "1", nature, 10, "jours", *PENAL_APPEL) for nature in ("condamnation_traite", "condamnation_autre", "relaxe")],
    ("penal", "1", "non_lieu", 10, "jours", "Appel devant la chambre de l'instruction", "Art. 186 CPP",
     "Art. 186 CPP\u00a0: la partie civile peut interjeter appel des ordonnances de non-lieu\u202f; « l'appel des parties "
     "[…] doit être formé dans les dix jours qui suivent la notification ou la signification de la décision »."),
    ("penal", "2", "", 5, "jours", "Pourvoi en cassation (chambre criminelle)", "Art. 568 CPP",
     "Art. 568 CPP\u00a0: « Le ministère public et toutes les parties ont cinq jours francs après celui où la "
     "décision attaquée a été prononcée pour se pourvoir en cassation. » Jours francs\u00a0: le délai réel finit un "
     "jour plus tard que la date affichée."),
    ("cph", "1", "", 1, "mois", "Appel devant la cour d'appel (chambre sociale)", "Art. R1461-1 Code du travail",
     "Art. R1461-1 C. trav.\u00a0: « Le délai d'appel est d'un mois. » Il court de la notification du jugement "
     "(art. 528 CPC). Seuls les jugements rendus en premier ressort (demande au-delà du taux du ressort, "
     "art. D1462-3 C. trav.) sont susceptibles d'appel\u202f; les autres, de pourvoi en cassation (2 mois, art. 612 CPC)."),
    ("cph", "2", "", 2, "mois", "Pourvoi en cassation (chambre sociale)", "Art. 612 CPC",
     "Art. 612 CPC\u00a0: « Le délai de pourvoi en cassation est de deux mois, sauf disposition contraire. » Il "
     "court de la signification de l'arrêt (art. 528 CPC)."),
    ("civi", "0", "", 1, "mois", "Appel devant la cour d'appel", "Art. 538 CPC",
     "Art. 538 CPC\u00a0: « Le délai de recours par une voie ordinaire est d'un mois en matière contentieuse. » "
     "Les décisions de la CIVI, juridiction civile, sont susceptibles d'appel dans ce délai à compter de leur "
     "notification."),
    ("asile", "0", "rejet", 1, "mois", "Recours devant la CNDA", "Art. L532-1 CESEDA",
     "Art. L532-1 CESEDA\u00a0: la Cour nationale du droit d'asile statue sur les recours formés contre les "
     "décisions de l'OFPRA\u202f; le recours est exercé « dans le délai d'un mois à compter de la notification de "
     "la décision de l'office ». La demande d'aide juridictionnelle dans les quinze jours suspend le délai "
     "(art. 9-4 loi du 10 juillet 1991)."),
    ("asile", "0", "protection_subsidiaire", 1, "mois", "Recours devant la CNDA (pour obtenir le statut de réfugié)",
     "Art. L532-1 CESEDA",
     "Art. L532-1 CESEDA\u00a0: le recours devant la CNDA est ouvert contre les décisions de l'OFPRA, y compris celle "
     "qui n'accorde que la protection subsidiaire, dans le délai d'un mois à compter de sa notification."),
    ("asile", "2", "rejet", 2, "mois", "Pourvoi en cassation devant le Conseil d'État", "Art. R821-1 CJA",
     "Art. R821-1 du code de justice administrative\u00a0: « Sauf disposition contraire, le délai de recours en "
     "cassation est de deux mois. » Il court de la notification de la décision de la CNDA."),
    ("sejour", "0", "rejet", 30, "jours", "Recours devant le tribunal administratif",
     "Art. L614-4 CESEDA (cas général d'une OQTF avec délai de départ volontaire)",
     "Refus de titre de séjour assorti d'une obligation de quitter le territoire (OQTF) avec délai de départ "
     "volontaire\u00a0: recours en annulation devant le tribunal administratif dans les trente jours de la "
     "notification (art. L614-4 CESEDA). Délais plus courts selon l'OQTF\u00a0: quinze jours (art. L614-5 CESEDA) "
     "ou quarante-huit heures pour une OQTF sans délai de départ volontaire (art. L614-6 CESEDA)\u202f; la loi "
     "n° 2024-42 du 26 janvier 2024 a réorganisé ce contentieux (art. L911-1 et s. CJA)\u00a0: vérifier la "
     "notification et le texte en vigueur. Refus sans OQTF\u00a0: deux mois (art. R421-1 CJA)."),
]  # fmt: skip


def seed(apps, schema_editor):
    DelaiRecours = apps.get_model("echeances", "DelaiRecours")
    for type_procedure, niveau, nature, duree, unite, recours, source, citation in ROWS:
        DelaiRecours.objects.update_or_create(
            type_procedure=type_procedure, niveau=niveau, nature=nature,
            defaults={"duree": duree, "unite": unite, "recours": recours, "source": source, "citation": citation},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("echeances", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
