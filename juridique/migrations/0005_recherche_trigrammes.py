# The global search (issue 17): proceedings found by the court's number.
from django.db import migrations

from accompagnement.trigrammes import index_trigrammes


class Migration(migrations.Migration):
    dependencies = [
        ("juridique", "0004_historique_reference_obligatoire"),
        ("accompagnement", "0009_recherche_trigrammes"),
    ]

    operations = [
        index_trigrammes("procedure_numero_trgm", "juridique_procedure", "UPPER(numero_juridiction::text)"),
    ]
