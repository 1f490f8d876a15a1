import datetime

import pytest

from accompagnement import enums
from accompagnement.models import ConsentementTransfert, EvenementTraite
from tests.accompagnement.factories import (
    AccompagnementFactory,
    AffaireFactory,
    ExploitationFactory,
    LieuExploitationFactory,
    PersonneFactory,
    SuiviFactory,
)


@pytest.fixture(autouse=True)
def _anglais():
    """Messages are asserted in English (the msgids); one test checks the French catalogue."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _dossier_imports(tmp_path, monkeypatch):
    """Uploaded files awaiting confirmation go to the test's own folder, not the shared temp dir."""
    from donnees import services

    monkeypatch.setattr(services, "DOSSIER_IMPORTS", tmp_path / "imports")


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Export files go to a temporary MEDIA_ROOT, never into the working tree."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def jeu(db):
    """A small file active: two persons in one case, support periods, follow-ups, places."""
    affaire = AffaireFactory(reference="A-2020-01", intitule="Affaire des ateliers", exploiteur_details="=HYPERLINK()")
    p1 = PersonneFactory(
        numero_dossier="D-2024-001",
        nom="Zorglubovic",
        prenom="Amina",
        telephone="+33 6 12 34 56 78",
        email="amina.zorglubovic@example.org",
        adresse="12 rue des Lilas, Paris",
        nationalite="PH",
        langues="tagalog, anglais",
        statut_admin_accueil="irregulier",
        mna=False,
        addiction=True,
        identification_statut="identifiee",
        identifie_par="police",
    )
    p2 = PersonneFactory(numero_dossier="D-2024-002", nom="Durand", prenom="Léa", sexe=enums.Sexe.FEMME)
    AccompagnementFactory(personne=p1, date_debut=datetime.date(2019, 3, 1), cloture=True)
    AccompagnementFactory(personne=p1, date_debut=datetime.date(2024, 2, 1))
    AccompagnementFactory(personne=p2, date_debut=datetime.date(2024, 6, 15))
    SuiviFactory(personne=p1, pole=enums.Pole.JURIDIQUE, date_debut=datetime.date(2024, 3, 1))
    e1 = ExploitationFactory(
        personne=p1,
        affaire=affaire,
        emprise=["isolement", "dette", "gains_confisques"],
        violences=["physiques"],
        heures_par_jour="14.5",
        formes=["servitude_domestique", "travail_force"],
        relations_exploiteur=["famille"],
        recrutement_mode="famille",
        recrutement_pays="PH",
        recrutement_date=datetime.date(2018, 5, 2),
    )
    ExploitationFactory(personne=p2, affaire=affaire, date_debut=None, date_fin=None, remuneration_mensuelle_eur="-5")
    LieuExploitationFactory(exploitation=e1, departement="75", commune="Paris")
    LieuExploitationFactory(exploitation=e1, departement="75", commune="Paris")
    LieuExploitationFactory(exploitation=e1, departement="", pays="AE", commune="Dubaï")
    EvenementTraite.objects.create(exploitation=e1, type="recrutement", pays="PH", date_debut=datetime.date(2018, 5, 2))
    EvenementTraite.objects.create(exploitation=e1, type="transit", pays="AE", lieu="Dubaï")
    ConsentementTransfert.objects.create(
        personne=p1, destinataire="=Partenaire", date_consentement=datetime.date(2024, 3, 4)
    )
    return {"affaire": affaire, "p1": p1, "p2": p2}


@pytest.fixture
def jeu_complet(jeu):
    """`jeu` plus records of every unit concerning Amina Zorglubovic (p1), her name in free texts."""
    from tests.juridique.factories import AvocatFactory, EtapeFactory, ProcedureFactory, TitreSejourFactory
    from tests.psychosocial.factories import (
        AideFactory,
        ConsultationFactory,
        HebergementFactory,
        ParticipationFactory,
        PassageCourrierFactory,
    )
    from tests.sensibilisation.factories import InterventionFactory
    from tests.signalements.factories import EntretienFactory, PersonneSignaleeFactory, SignalementFactory

    p1, p2 = jeu["p1"], jeu["p2"]
    signalement = SignalementFactory(
        reference="S-2024-0001",
        description="Amina Zorglubovic est retenue chez son employeur, joignable au +33 6 12 34 56 78.",
    )
    PersonneSignaleeFactory(
        signalement=signalement, nom="Zorglubovic", prenom="Amina", telephone="0612345678", personne=p1
    )
    EntretienFactory(signalement=signalement, compte_rendu="Mme ZORGLUBOVIC décrit 14 h de travail par jour.")
    HebergementFactory(personne=p1, commentaire="Amina arrive avec sa fille.", nb_enfants=1)
    AideFactory(personne=p1, commentaire="Pour Mme Zorglubovic")
    AideFactory(personne=p1, commentaire="Pour Mme Zorglubovic")
    PassageCourrierFactory(personne=p1)
    ConsultationFactory(personne=p1, notes="Séance avec Amina Zorglubovic")
    ParticipationFactory(personne=p1)
    avocat = AvocatFactory(nom="Martin", prenom="Claire")
    procedure = ProcedureFactory(
        affaire=jeu["affaire"], personnes=[p1, p2], avocats=[avocat], notes="Plainte de Zorglubovic et de Durand."
    )
    EtapeFactory(procedure=procedure)
    TitreSejourFactory(personne=p1, procedure=procedure)
    InterventionFactory().temoins.set([p1])
    ConsentementTransfert.objects.create(
        personne=p1,
        destinataire="Partenaire",
        date_consentement=datetime.date(2024, 5, 6),
        precision="Amina Zorglubovic",
    )
    return jeu
