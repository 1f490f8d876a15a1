# The global search (issue 17): trigram indexes on what a report is searched by.
from django.db import migrations

from accompagnement.trigrammes import index_trigrammes


class Migration(migrations.Migration):
    dependencies = [
        ("signalements", "0004_non_renseigne"),
        ("accompagnement", "0009_recherche_trigrammes"),
    ]

    operations = [
        index_trigrammes("signalement_reference_trgm", "signalements_signalement", "UPPER(reference::text)"),
        index_trigrammes(
            "signalement_organisation_trgm", "signalements_signalement", "LOWER(ccem_unaccent(source_organisation))"
        ),
        index_trigrammes(
            "signalement_contact_trgm", "signalements_signalement", "LOWER(ccem_unaccent(source_contact))"
        ),
        index_trigrammes("personne_signalee_cle_trgm", "signalements_personnesignalee", "cle_recherche"),
    ]
