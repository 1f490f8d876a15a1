# The global search (issue 17): pg_trgm and unaccent, and trigram indexes on what is searched.
from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations

from accompagnement.trigrammes import fonction_unaccent, index_trigrammes

TELEPHONE = "REPLACE(REPLACE(REPLACE(REPLACE(telephone, ' ', ''), '.', ''), '-', ''), '/', '')"


class Migration(migrations.Migration):
    dependencies = [("accompagnement", "0008_non_renseigne")]

    operations = [
        TrigramExtension(),
        UnaccentExtension(),
        fonction_unaccent(),
        index_trigrammes("personne_cle_trgm", "accompagnement_personne", "cle_recherche"),
        index_trigrammes("personne_dossier_trgm", "accompagnement_personne", "UPPER(numero_dossier::text)"),
        index_trigrammes("personne_telephone_trgm", "accompagnement_personne", TELEPHONE),
        index_trigrammes("affaire_reference_trgm", "accompagnement_affaire", "UPPER(reference::text)"),
        index_trigrammes("affaire_intitule_trgm", "accompagnement_affaire", "LOWER(ccem_unaccent(intitule))"),
    ]
