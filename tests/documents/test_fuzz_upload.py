"""Upload fuzz: 200 generated files of wrong types, oversized, or with hostile names. Every one is
refused with a message next to the file field; no server error, no row, no stored byte."""

import datetime
import io
import random
import zipfile

import pytest
from django.core.files.storage import storages
from django.urls import reverse

from comptes.permissions import Role
from documents.controle import reconnaitre
from documents.models import Document
from tests.accompagnement.factories import PersonneFactory
from tests.documents.factories import PDF, fichier

pytestmark = pytest.mark.django_db
LIMITE = 4000


def _zip(membres: dict[str, bytes]) -> bytes:
    tampon = io.BytesIO()
    with zipfile.ZipFile(tampon, "w") as archive:
        for nom, contenu in membres.items():
            archive.writestr(nom, contenu)
    return tampon.getvalue()


def _contenus_faux(rng: random.Random) -> list[tuple[bytes, str]]:
    """(content, a name whose extension promises something else)."""
    return [
        (rng.randbytes(rng.randint(1, 3000)), "scan.pdf"),
        (b"Bonjour, ceci est un texte.\n" * 20, "lettre.pdf"),
        (b"<html><script>alert(1)</script></html>", "page.pdf"),
        (b"MZ\x90\x00\x03" + rng.randbytes(200), "facture.pdf"),
        (b"\x7fELF\x02\x01\x01" + rng.randbytes(200), "photo.jpg"),
        (b"GIF89a" + rng.randbytes(100), "photo.png"),
        (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>", "image.png"),
        (b" %PDF-1.4 not at the start", "decale.pdf"),
        (b"\xff\xd8\xff\xe0" + rng.randbytes(300), "vraie-photo.png"),  # a JPEG named PNG
        (b"\x89PNG\r\n\x1a\n" + rng.randbytes(300), "image.pdf"),
        (b"\x00\x00\x00\x18ftypavif" + rng.randbytes(100), "photo.heic"),
        (_zip({"autre.txt": b"x"}), "contrat.docx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}), "tableau.odt"),
        (_zip({"[Content_Types].xml": b"<Types/>"}), "courrier.docx"),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), "courrier.docx"),  # ODT named DOCX
        (b"PK\x03\x04" + rng.randbytes(100), "casse.odt"),
        (PDF, "document.exe"),
        (PDF, "document"),
        (PDF, "bulletin.pdf.exe"),
        (PDF, "bulletin.html"),
        (b"", "vide.pdf"),
    ]


NOMS_HOSTILES = [
    "../../../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\x.pdf",
    "nul\x00byte.pdf",
    "x" * 10_000 + ".pdf",
    "facture\u202efdp.exe",  # shows as "facture.exe.pdf" … the other way round
    "photo\u200b.png",
    "retour\nligne.pdf",
    "\u202e" + "gpj.pdf",
]


def _cas(rng: random.Random) -> list[tuple[bytes, str]]:
    cas = []
    faux = _contenus_faux(rng)
    while len(cas) < 200:
        genre = len(cas) % 4
        if genre == 0:
            cas.append(rng.choice(faux))
        elif genre == 1:  # valid content, too large
            cas.append((PDF + rng.randbytes(LIMITE + rng.randint(1, 5000)), f"gros-{len(cas)}.pdf"))
        elif genre == 2:  # hostile name, wrong content
            cas.append(
                (
                    rng.choice([c for c, _n in faux if c and reconnaitre(io.BytesIO(c)) is None]),
                    rng.choice(NOMS_HOSTILES),
                )
            )
        else:  # a real PDF under a hostile name that hides another kind (.exe, .html, none)
            nom = rng.choice(NOMS_HOSTILES).rpartition(".")[0] + rng.choice([".exe", ".pdf.exe", ".html", ".pdf.", ""])
            cas.append((PDF, nom))
    return cas


def test_two_hundred_hostile_uploads_are_refused_with_a_message_and_no_server_error(client_for, settings):
    settings.DOCUMENTS_TAILLE_MAX = LIMITE
    client = client_for(Role.JURIDIQUE)
    client.raise_request_exception = False
    personne = PersonneFactory()
    url = reverse("documents:ajouter", args=["personne", personne.pk])
    rng = random.Random(20261206)
    for contenu, nom in _cas(rng):
        data = {"type": "identite", "date": "2024-03-01", "unite": "juridique", "description": ""}
        response = client.post(url, {**data, "fichier": fichier(contenu, nom)})
        assert response.status_code == 200, (nom[:60], response.status_code)
        erreurs = response.context["form"].errors.get("fichier")
        assert erreurs, (nom[:60], response.context["form"].errors)
    assert not Document.objects.exists()
    assert not storages["documents"].exists("") or storages["documents"].listdir("")[1] == []


def test_refusals_say_why_in_french_and_english(client_for):
    client = client_for(Role.JURIDIQUE)
    personne = PersonneFactory()
    url = reverse("documents:ajouter", args=["personne", personne.pk])
    data = {"type": "identite", "date": "2024-03-01", "unite": "juridique", "description": ""}
    for langue, attendu in (("fr", "n’est pas un vrai PDF"), ("en", "is not a real PDF")):
        client.cookies["django_language"] = langue
        response = client.post(url, {**data, "fichier": fichier(b"MZ not a pdf", "jugement.pdf")})
        assert attendu in " ".join(response.context["form"].errors["fichier"]), langue


def test_names_with_invisible_characters_are_refused_by_the_service():
    """Browsers' names reach the service through Django's parser, which drops control and format
    characters; the command's file names do not: the service refuses them itself."""
    from django.core.exceptions import ValidationError

    from documents import services
    from tests.factories import UserFactory

    juriste = UserFactory(role=Role.JURIDIQUE)
    for nom in ("\u202egpj.pdf", "nul\x00.pdf", "a\u200b.pdf", "ligne\n.pdf"):
        with pytest.raises(ValidationError, match="invisible or control characters"):
            services.document_ajouter(
                enregistrement=PersonneFactory(), fichier=fichier(PDF, "x.pdf"), nom=nom, type="autre",
                date=datetime.date(2024, 1, 1), description="", unite="juridique", by=juriste,
            )  # fmt: skip


def test_a_real_pdf_under_a_path_is_kept_under_its_clean_name(client_for):
    client = client_for(Role.JURIDIQUE)
    personne = PersonneFactory()
    url = reverse("documents:ajouter", args=["personne", personne.pk])
    data = {"type": "identite", "date": "2024-03-01", "unite": "juridique", "description": ""}
    assert client.post(url, {**data, "fichier": fichier(PDF, "../../Jugement <du> 12:03.pdf")}).status_code == 302
    assert Document.objects.get().nom_original == "Jugement _du_ 12_03.pdf"
