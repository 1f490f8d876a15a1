"""Demo data of the reports: the yearly manual inputs (communication, volunteers, finances).

2023 and 2024 take the values the CCEM published (catalogue sections 6 and 7); other years get
plausible values around them, so that every report of the demo shows its "Moyens" part.
"""

from decimal import Decimal

from simple_history.utils import bulk_create_with_history

from .models import SaisieAnnuelle
from .registre import INDICATEURS

PUBLIES = {
    2023: {
        "retombees_medias": 40, "actions_medias_publications": 50, "abonnes_facebook": 1326, "abonnes_twitter": 1073,
        "abonnes_instagram": 121, "abonnes_newsletter": 907, "visites_site": 37000, "benevoles": 65, "juristes": 4,
        "avocats_benevoles": 30, "budget_global": 1029655, "total_produits": 795536,
        "evolution_produits": Decimal("3.7"), "resultat": 17916, "part_benevolat_mecenat": Decimal("22.7"),
        "part_subventions_publiques_nationales": 34,
        "part_salaires_charges": 60, "evolution_achats_services_ext": -19, "aides_directes_victimes_eur": 50000,
        "part_formation_sensibilisation_charges": 16, "don_vers_la_liberte": 1020,
    },
    2024: {
        "retombees_medias": 30, "abonnes_facebook": 1400, "abonnes_twitter": 1060, "abonnes_bluesky": 130,
        "abonnes_instagram": 459, "abonnes_linkedin": 2100, "abonnes_newsletter": 900, "benevoles": 70,
        "equipe_permanents": 14, "juristes": 4, "avocats_benevoles": 30, "psychologue_etp": Decimal("0.5"),
        "donateurs_particuliers": 170, "budget_global": 955863, "total_produits": 707653, "evolution_produits": -11,
        "evolution_depenses": -6, "part_benevolat_mecenat": 26, "evolution_subventions": 22,
        "evolution_dons_particuliers": 7, "evolution_fondations": 32, "part_salaires_charges": 67,
        "don_vers_la_liberte": 1020,
    },
}  # fmt: skip
NOTES = {
    (2024, "retombees_medias"): "plus de 30",
    (2023, "retombees_medias"): "plus de 40",
    (2024, "benevoles"): "plus de 70",
}


def generer(gen) -> None:
    manuels = [i.cle for i in INDICATEURS if i.manuel]
    direction = gen.utilisateur("Direction")
    saisies = []
    for annee in gen.annees:
        publies = PUBLIES.get(annee)
        if publies is None:
            # Around the 2024 values, a little lower for earlier years.
            facteur = Decimal(1) - Decimal("0.04") * max(0, 2024 - annee)
            publies = {cle: (v * facteur).quantize(Decimal("1")) for cle, v in PUBLIES[2024].items() if abs(v) > 100}
        for cle in manuels:
            if cle in publies:
                saisies.append(
                    SaisieAnnuelle(
                        annee=annee,
                        cle=cle,
                        valeur=publies[cle],
                        note=NOTES.get((annee, cle), ""),
                        modifie_par=direction,
                    )
                )
    existantes = set(SaisieAnnuelle.objects.values_list("annee", "cle"))
    saisies = [s for s in saisies if (s.annee, s.cle) not in existantes]
    bulk_create_with_history(saisies, SaisieAnnuelle, batch_size=500)
    gen.log(f"rapports: {len(saisies)} yearly inputs")
