"""Documents: encrypted on disk, read only through the scope, logged, sealed for the psychologist,
in the right-of-access ZIP, gone after erasure, soft-deleted and restored like any record."""

import base64
import hashlib
import io
import os
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import storages
from django.core.management import call_command
from django.urls import reverse

from comptes import suppression
from comptes.models import Correction, JournalAcces
from comptes.permissions import Role
from documents import chiffrement, services
from documents.enums import Unite
from documents.models import Document
from donnees import services as donnees_services
from tests.accompagnement.factories import PersonneFactory
from tests.documents.factories import PDF, DocumentFactory, fichier
from tests.factories import UserFactory
from tests.permission_matrix import ALL_ROLES

pytestmark = pytest.mark.django_db
SECRET = b"ZQXCONTENUCONFIDENTIELZQX"


def _stocke(document) -> bytes:
    with storages["documents"].open(document.nom_stockage, "rb") as flux:
        return flux.read()


def _ajouter(client, personne, contenu=PDF, nom="passeport.pdf", unite=Unite.JURIDIQUE, **champs):
    url = reverse("documents:ajouter", args=["personne", personne.pk])
    data = {"type": "identite", "date": "2024-03-01", "unite": unite, "description": "", **champs}
    return client.post(url, {**data, "fichier": fichier(contenu, nom)})


def test_an_upload_by_the_legal_unit_is_encrypted_on_disk_and_downloads_intact(client_for):
    client = client_for(Role.JURIDIQUE)
    personne = PersonneFactory(nom="Kowalczyk")
    contenu = PDF + SECRET * 5000  # several chunks
    response = _ajouter(client, personne, contenu, nom="passeport Kowalczyk.pdf")
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get()
    stocke = _stocke(document)
    assert stocke.startswith(chiffrement.MAGIC)
    assert SECRET not in stocke and b"%PDF" not in stocke and b"Kowalczyk" not in stocke
    assert "Kowalczyk" not in document.nom_stockage and document.nom_stockage.endswith(".bin")
    assert document.sha256 == hashlib.sha256(contenu).hexdigest() and document.taille == len(contenu)
    row = JournalAcces.objects.filter(action=JournalAcces.Action.MODIFICATION).latest("pk")
    assert row.object_id == str(document.pk) and row.content_type.model == "document"

    response = client.get(reverse("documents:telecharger", args=[document.pk]))
    assert b"".join(response.streaming_content) == contenu
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="identite-2024-03-01-{document.pk}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    vue = JournalAcces.objects.latest("pk")
    assert (vue.action, vue.object_id, vue.content_type) == (
        JournalAcces.Action.CONSULTATION,
        str(document.pk),
        ContentType.objects.get_for_model(Document),
    )


def test_the_stream_fails_on_truncation_reordering_tampering_and_unknown_keys(settings):
    clair = os.urandom(3 * chiffrement.TAILLE_BLOC + 10)
    chiffre = b"".join(chiffrement.chiffrer([clair[:1000], clair[1000:]]))
    assert b"".join(chiffrement.dechiffrer(io.BytesIO(chiffre))) == clair
    entete = len(chiffrement.MAGIC) + 1 + len("dev") + chiffrement.PREFIXE
    bloc = chiffrement.TAILLE_BLOC + chiffrement.TAG
    blocs = [chiffre[entete + i * bloc : entete + (i + 1) * bloc] for i in range(4)]
    altere = bytearray(chiffre)
    altere[entete + 5] ^= 1
    for mauvais in (
        chiffre[: entete + 3 * bloc],  # the last chunk cut off: no chunk says "last"
        chiffre[:-1],
        chiffre[:entete] + blocs[1] + blocs[0] + blocs[2] + blocs[3],
        bytes(altere),
        chiffre + blocs[3],
    ):
        with pytest.raises(chiffrement.Corrompu):
            b"".join(chiffrement.dechiffrer(io.BytesIO(mauvais)))
    settings.DOCUMENTS_KEYS = [f"autre:{base64.b64encode(os.urandom(32)).decode()}"]
    with pytest.raises(chiffrement.Corrompu):
        b"".join(chiffrement.dechiffrer(io.BytesIO(chiffre)))
    assert b"".join(chiffrement.dechiffrer(io.BytesIO(b"".join(chiffrement.chiffrer([]))))) == b""


def test_key_rotation_rewrites_every_file_with_the_new_key(settings):
    document = DocumentFactory(contenu=PDF + SECRET)
    ancien = document.nom_stockage
    settings.DOCUMENTS_KEYS = [f"k2:{base64.b64encode(os.urandom(32)).decode()}", *settings.DOCUMENTS_KEYS]
    call_command("documents_rechiffrer", stdout=io.StringIO())
    document.refresh_from_db()
    assert document.cle == "k2" and document.nom_stockage != ancien
    assert not storages["documents"].exists(ancien)
    settings.DOCUMENTS_KEYS = settings.DOCUMENTS_KEYS[:1]  # the old key retired
    assert b"".join(services.document_lire(document)) == PDF + SECRET


def test_a_malformed_key_stops_the_start(settings):
    from documents.checks import check_cles

    assert check_cles() == []
    settings.DOCUMENTS_KEYS = ["k1:dHJvcCBjb3VydA=="]
    assert [e.id for e in check_cles()] == ["documents.E001"]


@pytest.mark.parametrize("role", ALL_ROLES)
def test_download_follows_the_rules_of_the_record_and_the_unit(client_for, role):
    personne = PersonneFactory()
    documents = {
        unite: DocumentFactory(personne=personne, unite=unite) for unite in services.UNITES_PAR_CIBLE["personne"]
    }
    client = client_for(role)
    from comptes.permissions import can

    for unite, document in documents.items():
        attendu = 200 if can(client.user, "accompagnement") and can(client.user, unite) else 404
        assert client.get(reverse("documents:telecharger", args=[document.pk])).status_code == attendu, unite


def test_documents_of_reports_proceedings_and_permits_show_on_their_pages(client_for):
    from tests.juridique.factories import ProcedureFactory, TitreSejourFactory
    from tests.signalements.factories import SignalementFactory

    pages = {}
    for cible, factory_, url in (
        ("signalement", SignalementFactory, "signalements:detail"),
        ("procedure", ProcedureFactory, "juridique:procedure"),
        ("titre_sejour", TitreSejourFactory, "juridique:titre_modifier"),
    ):
        obj = factory_()
        document = DocumentFactory(**{cible: obj, "personne": None}, description=f"ZQX{cible}ZQX")
        pages[cible] = (reverse(url, args=[obj.pk]), document)
    client = client_for(Role.DIRECTION)
    for cible, (url, document) in pages.items():
        page = client.get(url).content.decode()
        assert f"ZQX{cible}ZQX" in page and reverse("documents:telecharger", args=[document.pk]) in page
    accueil = client_for(Role.ACCUEIL)
    assert "ZQXsignalementZQX" in accueil.get(pages["signalement"][0]).content.decode()


# --- The psychologist's documents: sealed ------------------------------------------------------

MARQUE = "ZQXDOCPSYZQX"


def test_sealed_documents_are_seen_by_the_psychologist_only(client_for):
    personne = PersonneFactory()
    document = DocumentFactory(personne=personne, unite=Unite.PSY, description=MARQUE, nom=f"{MARQUE}.pdf")
    DocumentFactory(personne=personne, unite=Unite.ACCOMPAGNEMENT, description="ordinaire")
    fiche = reverse("accompagnement:personne", args=[personne.pk])
    telecharger = reverse("documents:telecharger", args=[document.pk])
    for role in ALL_ROLES:
        client = client_for(role)
        page = client.get(fiche).content.decode()
        recherche = client.get(reverse("accompagnement:liste"), {"q": MARQUE})
        assert recherche.status_code != 200 or not recherche.context["page"].object_list  # search finds nobody
        if role == Role.PSYCHOLOGUE:
            assert MARQUE in page and client.get(telecharger).status_code == 200
            continue
        assert MARQUE not in page and telecharger not in page, role
        assert client.get(telecharger).status_code == 404
        assert client.get(reverse("documents:modifier", args=[document.pk])).status_code == 404
        # The psycho-social unit learns that sealed documents exist (like a follow-up); nobody else.
        assert ("sealed document" in page or "document scellé" in page) == (role == Role.PSYCHOSOCIAL), role


def test_the_right_of_access_zip_holds_the_documents_sealed_ones_only_from_the_psychologist():
    personne = PersonneFactory()
    juridique = DocumentFactory(personne=personne, contenu=PDF + b"JURIDIQUE")
    psy = DocumentFactory(personne=personne, unite=Unite.PSY, contenu=PDF + b"PSYCHOLOGUE", description=MARQUE)

    def membres(contenu):
        with zipfile.ZipFile(io.BytesIO(contenu)) as archive:
            return {nom: archive.read(nom) for nom in archive.namelist()}

    admin = membres(donnees_services.export_personne(personne, by=UserFactory(role=Role.ADMINISTRATEUR)))
    assert admin[f"documents/{juridique.nom_telechargement}"] == PDF + b"JURIDIQUE"
    assert not any(b"PSYCHOLOGUE" in v or MARQUE.encode() in v for v in admin.values())
    assert f"documents/{psy.nom_telechargement}" not in admin
    scelle = membres(donnees_services.export_personne_scelle(personne, by=UserFactory(role=Role.PSYCHOLOGUE)))
    assert scelle[f"documents/{psy.nom_telechargement}"] == PDF + b"PSYCHOLOGUE"
    assert f"documents/{juridique.nom_telechargement}" not in scelle


# --- Erasure, retention, soft deletion -----------------------------------------------------------


def test_erasure_removes_rows_history_and_bytes_of_the_persons_documents():
    from tests.juridique.factories import TitreSejourFactory

    personne = PersonneFactory()
    directs = [DocumentFactory(personne=personne), DocumentFactory(personne=personne, unite=Unite.PSY)]
    titre = DocumentFactory(titre_sejour=TitreSejourFactory(personne=personne), personne=None)
    supprime = DocumentFactory(personne=personne)
    direction = UserFactory(role=Role.DIRECTION)
    suppression.element_supprimer(obj=supprime, motif="doublon", by=direction)
    autre = DocumentFactory()
    noms = [d.nom_stockage for d in [*directs, titre, supprime]]
    assert all(storages["documents"].exists(n) for n in noms)

    donnees_services.personne_anonymiser(personne=personne, by=UserFactory(role=Role.ADMINISTRATEUR))

    assert not any(storages["documents"].exists(n) for n in noms)
    assert list(Document.objects.all()) == [autre] and storages["documents"].exists(autre.nom_stockage)
    assert not Document.history.exclude(id=autre.pk).exists()


def test_retention_removes_the_documents_too():
    import datetime

    from tests.accompagnement.factories import AccompagnementFactory

    periode = AccompagnementFactory(date_debut=datetime.date(2010, 1, 1), date_cloture=datetime.date(2012, 1, 1))
    document = DocumentFactory(personne=periode.personne)
    donnees_services.appliquer_retention(annees=5, essai=False)
    assert not Document.objects.exists() and not storages["documents"].exists(document.nom_stockage)


def test_soft_delete_keeps_the_bytes_for_restoration_then_the_purge_removes_them(client_for, time_machine):
    import datetime

    from django.utils import timezone

    document = DocumentFactory(contenu=PDF + SECRET)
    client = client_for(Role.JURIDIQUE)
    url = reverse("element_supprimer", args=["documents.document", document.pk])
    assert client.post(url, {"motif": "mauvais fichier"}).status_code == 302
    assert not Document.objects.exists()
    assert storages["documents"].exists(document.nom_stockage)
    assert services.fichiers_orphelins_purger(age=datetime.timedelta(0)) == 0  # still restorable

    correction = Correction.objects.get()
    restaure = suppression.element_restaurer(correction=correction, by=UserFactory(role=Role.DIRECTION))
    assert b"".join(services.document_lire(restaure)) == PDF + SECRET

    suppression.element_supprimer(obj=restaure, motif="doublon", by=UserFactory(role=Role.DIRECTION))
    time_machine.move_to(timezone.now() + datetime.timedelta(days=31))
    suppression.purger_contenus()
    assert services.fichiers_orphelins_purger() == 1
    assert not storages["documents"].exists(document.nom_stockage)


# --- The command --------------------------------------------------------------------------------


def test_the_command_uses_the_same_checks_service_and_log(tmp_path):
    from django.core.management.base import CommandError

    juriste = UserFactory(role=Role.JURIDIQUE, username="juriste")
    personne = PersonneFactory(numero_dossier="D-2024-001")
    bon = tmp_path / "jugement.pdf"
    bon.write_bytes(PDF + SECRET)
    call_command(
        "document_ajouter", "--personne", "D-2024-001", "--fichier", str(bon), "--type", "decision_justice",
        "--par", "juriste", "--unite", "juridique", stdout=io.StringIO(),
    )  # fmt: skip
    document = Document.objects.get()
    assert (document.personne, document.ajoute_par, document.unite) == (personne, juriste, Unite.JURIDIQUE)
    assert SECRET not in _stocke(document)
    row = JournalAcces.objects.latest("pk")
    assert (row.action, row.object_id, row.vue) == (
        JournalAcces.Action.MODIFICATION,
        str(document.pk),
        "documents:ajouter",
    )

    faux = tmp_path / "faux.pdf"
    faux.write_bytes(b"MZ\x90\x00 not a pdf")
    with pytest.raises(CommandError, match="vrai PDF|real PDF"):
        call_command("document_ajouter", "--personne", "D-2024-001", "--fichier", str(faux), "--type", "autre",
                     "--par", "juriste")  # fmt: skip
    UserFactory(role=Role.SENSIBILISATION, username="sensib")
    with pytest.raises(CommandError, match="No file"):  # out of scope: like a missing file
        call_command("document_ajouter", "--personne", "D-2024-001", "--fichier", str(bon), "--type", "autre",
                     "--par", "sensib")  # fmt: skip
    assert Document.objects.count() == 1
