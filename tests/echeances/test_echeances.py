"""Deadlines derived from the records: Mes échéances, the digest, the calendar feed, the command."""

import datetime
import io
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from comptes.models import JournalAcces
from comptes.permissions import Role
from echeances import calcul, services, tasks
from echeances.models import DelaiRecours, EcheanceTraitee
from juridique import enums as jur
from juridique import services as jur_services
from psychosocial import enums as psy
from tests.accompagnement.factories import AccompagnementFactory, PersonneFactory, SuiviFactory
from tests.juridique.factories import DecisionFactory, EtapeFactory, ProcedureFactory, TitreSejourFactory
from tests.psychosocial.factories import DemarcheFactory, DomiciliationFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 2)
NOM, PRENOM = "ZORGLUB", "Ignatia"


@pytest.fixture(autouse=True)
def _on_a_fixed_day(travel_to):
    travel_to(TODAY)


@pytest.fixture
def personne():
    return PersonneFactory(nom=NOM, prenom=PRENOM)


@pytest.fixture
def referent(make_user, personne):
    user = make_user(Role.JURIDIQUE)
    AccompagnementFactory(personne=personne, date_debut=datetime.date(2025, 1, 10), referent_juridique=user)
    return user


def _decision(personne, **kwargs):
    procedure = ProcedureFactory(personnes=[personne], date_ouverture=datetime.date(2025, 2, 1))
    defaults = {"date": TODAY, "niveau": jur.NiveauDecision.PREMIERE_INSTANCE}
    return DecisionFactory(procedure=procedure, **{**defaults, **kwargs})


def _titre_dans_60_jours(personne):
    return TitreSejourFactory(
        personne=personne, accorde=True, date_demande=datetime.date(2025, 2, 1),
        date_fin_validite=TODAY + datetime.timedelta(days=60),
    )  # fmt: skip


def _page(client, user, **params):
    client.force_login(user)
    return client.get(reverse("echeances:mes_echeances"), params)


def _digest(user):
    services.preference_modifier(utilisateur=user, recapitulatif_quotidien=True)
    mail.outbox.clear()
    tasks.envoyer_recapitulatifs.delay()
    return [m for m in mail.outbox if m.to == [user.email]]


def _feed(client, user):
    _jeton, cle = jur_services.jeton_creer(utilisateur=user, libelle="téléphone")
    client.logout()
    return client.get(reverse("juridique:agenda_ics", args=[cle])).content.decode()


def _json(user) -> list[dict]:
    out = io.StringIO()
    call_command("echeances", "--utilisateur", user.username, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def _sans_nom(texte: str):
    assert NOM not in texte and PRENOM not in texte and NOM.lower() not in texte.lower()


# --- The two cases of the issue, in every channel ------------------------------------------------


def test_a_first_instance_decision_recorded_today_gives_its_appeal_deadline_everywhere(client, referent, personne):
    decision = _decision(personne, nature=jur.NatureDecision.CONDAMNATION_TRAITE)
    echeance = datetime.date(2026, 3, 12)  # art. 498 CPP: ten days

    page = _page(client, referent)
    assert page.status_code == 200
    contenu = page.content.decode()
    assert decision.procedure.reference in contenu and "art. 498 cpp" in contenu.lower()
    assert NOM in contenu  # the referent may see the person's name on the page
    [groupe] = page.context["groupes"]
    assert groupe["urgence"] == "mois" and [e.date for e in groupe["echeances"]] == [echeance]

    [message] = _digest(referent)
    assert "12/03/2026" in message.body and decision.procedure.reference in message.body
    assert reverse("juridique:procedure", args=[decision.procedure_id]) in message.body
    _sans_nom(message.subject + message.body)

    feed = _feed(client, referent)
    assert f"UID:echeance-recours-{decision.pk}-20260312@" in feed
    assert "DTSTART;VALUE=DATE:20260312" in feed
    _sans_nom(feed)

    [ligne] = _json(referent)
    assert ligne["type"] == "recours" and ligne["date"] == "2026-03-12"
    assert ligne["url"].endswith(reverse("juridique:procedure", args=[decision.procedure_id]))
    _sans_nom(json.dumps(ligne))


def test_a_permit_expiring_in_60_days_appears_likewise(client, referent, personne):
    titre = _titre_dans_60_jours(personne)
    fin = "01/05/2026"

    page = _page(client, referent)
    assert [e.objet_id for g in page.context["groupes"] for e in g["echeances"]] == [titre.pk]
    assert page.context["groupes"][0]["urgence"] == "plus_tard"

    [message] = _digest(referent)
    assert fin in message.body and personne.numero_dossier in message.body
    _sans_nom(message.body)
    assert str(titre.get_type_display()) not in message.body and "L425" not in message.body  # no fact

    feed = _feed(client, referent)
    assert f"UID:echeance-titre-{titre.pk}-20260501@" in feed
    _sans_nom(feed)
    assert personne.numero_dossier not in feed  # the feed's rule: no file number either
    assert "L425" not in feed

    assert [(ligne["type"], ligne["date"]) for ligne in _json(referent)] == [("titre", "2026-05-01")]


def test_a_handled_deadline_leaves_the_page_the_digest_the_feed_and_the_command(client, referent, personne):
    titre = _titre_dans_60_jours(personne)
    client.force_login(referent)
    reponse = client.post(
        reverse("echeances:traiter"),
        {"type": "titre", "objet_id": titre.pk, "date": "2026-05-01", "etat": "faite", "suivant": "/echeances/"},
    )
    assert reponse.status_code == 302 and reponse["Location"] == "/echeances/"
    traitee = EcheanceTraitee.objects.get()
    assert (traitee.par, traitee.etat, traitee.objet_id) == (referent, "faite", titre.pk) and traitee.le
    assert JournalAcces.objects.filter(
        action=JournalAcces.Action.MODIFICATION, object_id=str(traitee.pk), utilisateur=referent
    ).exists()

    assert not _page(client, referent).context["groupes"]
    assert _digest(referent) == []
    assert "echeance-titre" not in _feed(client, referent)
    assert _json(referent) == []
    # A new date (the permit was extended) is a new deadline to handle.
    titre.date_fin_validite = TODAY + datetime.timedelta(days=70)
    titre.save()
    assert [ligne["date"] for ligne in _json(referent)] == ["2026-05-11"]


def test_a_forged_or_invisible_deadline_cannot_be_marked(client, make_user, referent, personne):
    titre = _titre_dans_60_jours(personne)
    donnees = {"type": "titre", "objet_id": titre.pk, "date": "2026-05-01", "etat": "faite"}
    client.force_login(make_user(Role.ACCUEIL))  # may not see the legal unit's records
    assert client.post(reverse("echeances:traiter"), donnees).status_code == 404
    client.force_login(make_user(Role.PSYCHOSOCIAL))  # sees them, may not change them
    assert client.post(reverse("echeances:traiter"), donnees).status_code == 403
    client.force_login(referent)
    assert client.post(reverse("echeances:traiter"), {**donnees, "date": "2026-05-02"}).status_code == 404
    assert client.post(reverse("echeances:traiter"), {**donnees, "suivant": "https://evil.example/"})["Location"] == (
        reverse("echeances:mes_echeances")
    )
    assert not EcheanceTraitee.objects.exclude(date_echeance=datetime.date(2026, 5, 1)).exists()


# --- Whose deadlines, per role -----------------------------------------------------------------


def test_the_page_shows_only_the_persons_one_is_referent_of(client, make_user, referent, personne):
    _titre_dans_60_jours(personne)
    autre = make_user(Role.JURIDIQUE)
    assert not _page(client, autre).context["groupes"]
    # …but the unit's view shows every deadline of the unit.
    assert _page(client, autre, vue="juridique").context["nb"] == 1


def test_a_unit_follow_up_or_the_proceedings_referent_also_makes_a_referent(make_user, personne):
    suivi = make_user(Role.JURIDIQUE)
    SuiviFactory(personne=personne, pole="juridique", referent=suivi)
    juriste = make_user(Role.JURIDIQUE)
    decision = _decision(personne, nature=jur.NatureDecision.RELAXE)
    decision.procedure.referent = juriste
    decision.procedure.save()
    for user in (suivi, juriste):
        assert [e.objet_id for e in calcul.echeances(calcul.Selection(user=user, today=TODAY))] == [decision.pk]


def test_each_role_sees_the_deadlines_of_the_units_it_may_see(client, make_user, personne):
    accueil = make_user(Role.ACCUEIL)
    AccompagnementFactory(personne=personne, date_debut=datetime.date(2025, 1, 10), referent_accueil=accueil)
    _titre_dans_60_jours(personne)
    domiciliation = DomiciliationFactory(
        personne=personne, date_debut=datetime.date(2025, 3, 20), date_echeance=datetime.date(2026, 3, 20)
    )
    page = _page(client, accueil)
    # Reception may see the psycho-social unit's records, not the legal unit's.
    assert [e.objet_id for g in page.context["groupes"] for e in g["echeances"]] == [domiciliation.pk]
    assert domiciliation.get_absolute_url() in page.content.decode()
    assert _page(client, accueil, vue="juridique").status_code == 403
    assert _page(client, make_user(Role.SENSIBILISATION)).status_code == 403


def test_the_page_writes_one_access_log_row(client, referent, personne):
    _titre_dans_60_jours(personne)
    avant = JournalAcces.objects.count()
    _page(client, referent)
    [row] = JournalAcces.objects.order_by("-pk")[: JournalAcces.objects.count() - avant]
    assert row.action == JournalAcces.Action.LISTE and row.content_type.model == "personne"


def test_the_page_costs_the_same_queries_for_one_or_many_deadlines(client, django_assert_num_queries, referent):
    client.force_login(referent)

    def _ajouter():
        p = PersonneFactory()
        AccompagnementFactory(personne=p, date_debut=datetime.date(2025, 1, 10), referent_juridique=referent)
        _titre_dans_60_jours(p)
        _decision(p, nature=jur.NatureDecision.CONDAMNATION_AUTRE)
        EtapeFactory(procedure=ProcedureFactory(personnes=[p]), type=jur.TypeEtape.AUDIENCE, date=TODAY)

    _ajouter()
    url = reverse("echeances:mes_echeances")
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as une:
        client.get(url)
    for _ in range(2):
        _ajouter()
    with django_assert_num_queries(len(une)):
        page = client.get(url)
    assert page.context["nb"] == 9


# --- The derivation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_procedure", "niveau", "nature", "attendu"),
    [
        ("penal", "1", "condamnation_traite", datetime.date(2026, 3, 12)),  # art. 498 CPP
        ("penal", "1", "non_lieu", datetime.date(2026, 3, 12)),  # art. 186 CPP
        ("penal", "2", "relaxe", datetime.date(2026, 3, 7)),  # art. 568 CPP
        ("cph", "1", "favorable", datetime.date(2026, 4, 2)),  # art. R1461-1 C. trav.
        ("cph", "2", "rejet", datetime.date(2026, 5, 2)),  # art. 612 CPC
        ("asile", "0", "rejet", datetime.date(2026, 4, 2)),  # art. L532-1 CESEDA
        ("asile", "2", "rejet", datetime.date(2026, 5, 2)),  # art. R821-1 CJA
        ("sejour", "0", "rejet", datetime.date(2026, 4, 1)),  # art. L614-4 CESEDA
        ("penal", "0", "classement", None),  # no rule: no deadline
        ("penal", "1", "renvoi", None),
    ],
)
def test_appeal_deadlines_follow_the_table(referent, personne, type_procedure, niveau, nature, attendu):
    decision = _decision(personne, niveau=niveau, nature=nature)
    decision.procedure.type = type_procedure
    decision.procedure.save()
    dates = [e.date for e in calcul.echeances(calcul.Selection(user=referent, today=TODAY))]
    assert dates == ([attendu] if attendu else [])


def test_every_seeded_row_cites_its_source():
    delais = list(DelaiRecours.objects.all())
    assert len(delais) >= 10
    for d in delais:
        assert d.source.lower().startswith("art.") and len(d.citation) > 60, d


def test_no_deadline_once_final_or_challenged(referent, personne):
    final = _decision(personne, nature=jur.NatureDecision.RELAXE, definitive=True)
    conteste = _decision(personne, nature=jur.NatureDecision.RELAXE)
    EtapeFactory(procedure=conteste.procedure, type=jur.TypeEtape.APPEL, date=TODAY)
    trouvees = calcul.echeances(calcul.Selection(user=referent, today=TODAY))
    assert {e.objet_id for e in trouvees} & {final.pk, conteste.pk} == set()


def test_the_legal_unit_edits_the_table_and_the_deadline_follows(client, referent, personne, make_user):
    _decision(personne, nature=jur.NatureDecision.CONDAMNATION_TRAITE)
    delai = DelaiRecours.objects.get(type_procedure="penal", niveau="1", nature="condamnation_traite")
    client.force_login(make_user(Role.JURIDIQUE))
    data = {f: getattr(delai, f) for f in ("type_procedure", "niveau", "nature", "unite", "recours", "source")}
    data |= {"duree": 20, "citation": delai.citation, "actif": "on", "version_attendue": delai.version}
    reponse = client.post(reverse("echeances:delai_modifier", args=[delai.pk]), data)
    assert reponse.status_code == 302, reponse.context["form"].errors
    assert [e.date for e in calcul.echeances(calcul.Selection(user=referent, today=TODAY))] == [
        datetime.date(2026, 3, 22)
    ]
    # Out of force: no deadline, and the table's page lists the decisions left without a rule.
    data |= {"actif": "", "version_attendue": delai.version + 1}
    assert client.post(reverse("echeances:delai_modifier", args=[delai.pk]), data).status_code == 302
    assert calcul.echeances(calcul.Selection(user=referent, today=TODAY)) == []
    page = client.get(reverse("echeances:delais"))
    [sans_regle] = page.context["sans_regle"]
    assert str(sans_regle["nature"]) == str(jur.NatureDecision.CONDAMNATION_TRAITE.label)


def test_months_end_on_the_same_day_or_the_last_of_the_month():
    assert calcul.ajouter_mois(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert calcul.ajouter_mois(datetime.date(2026, 11, 15), 2) == datetime.date(2027, 1, 15)
    assert calcul.ajouter_mois(datetime.date(2026, 3, 2), -12) == datetime.date(2025, 3, 2)


def test_health_rights_expire_a_year_after_the_application_unless_renewed(make_user, personne):
    ps = make_user(Role.PSYCHOSOCIAL)
    AccompagnementFactory(personne=personne, date_debut=datetime.date(2025, 1, 10), referent_psychosocial=ps)
    ame = DemarcheFactory(
        personne=personne, type=psy.TypeDemarche.AME, date_depot=datetime.date(2025, 4, 1), abouti=True
    )
    sel = calcul.Selection(user=ps, today=TODAY)
    assert [(e.type, e.date) for e in calcul.echeances(sel)] == [("droit_sante", datetime.date(2026, 4, 1))]
    DemarcheFactory(personne=personne, type=psy.TypeDemarche.AME, date_depot=TODAY, nature=psy.Nature.RENOUVELLEMENT)
    assert calcul.echeances(sel) == [] and ame.pk


# --- Digest and preference --------------------------------------------------------------------


def test_only_those_who_opted_in_get_the_digest(client, referent, personne, make_user):
    _titre_dans_60_jours(personne)
    mail.outbox.clear()
    assert tasks.envoyer_recapitulatifs.delay().get() == 0 and mail.outbox == []
    client.force_login(referent)
    assert client.get(reverse("echeances:preferences")).status_code == 200
    reponse = client.post(reverse("echeances:preferences"), {"recapitulatif_quotidien": "on"})
    assert reponse.status_code == 302
    assert tasks.envoyer_recapitulatifs.delay().get() == 1 and mail.outbox[0].to == [referent.email]
    assert client.post(reverse("echeances:preferences"), {}).status_code == 302
    mail.outbox.clear()
    assert tasks.envoyer_recapitulatifs.delay().get() == 0


def test_the_digest_runs_daily_on_celery_beat(settings):
    assert any(e["task"] == "echeances.envoyer_recapitulatifs" for e in settings.CELERY_BEAT_SCHEDULE.values())


def test_the_home_page_shows_my_deadlines(client, referent, personne):
    titre = _titre_dans_60_jours(personne)
    client.force_login(referent)
    contenu = client.get(reverse("accueil")).content.decode()
    assert reverse("echeances:mes_echeances") in contenu and titre.get_absolute_url() in contenu


def test_the_account_menu_leads_to_my_deadlines_for_the_roles_that_have_them(client, make_user):
    from comptes.permissions import can

    lien = reverse("echeances:mes_echeances")
    vus = set()
    for role in Role:
        user = make_user(role)
        client.force_login(user)
        page = client.get(reverse("accueil")).content.decode()
        assert (f'href="{lien}"' in page) == can(user, "accompagnement"), role
        if f'href="{lien}"' in page:
            vus.add(role)
            assert client.get(lien).status_code == 200
    assert vus and vus != set(Role)
