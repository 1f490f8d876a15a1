"""The CCEM's two emergency flats. The men's flat was prepared for 4 men (RA 2024, INC-22);
the women's flat capacity is set by the team on the occupancy page."""

from django.db import migrations


def creer(apps, schema_editor):
    Appartement = apps.get_model("psychosocial", "Appartement")
    Appartement.objects.get_or_create(dispositif="appartement_femmes", defaults={"places": None})
    Appartement.objects.get_or_create(dispositif="appartement_hommes", defaults={"places": 4})


def supprimer(apps, schema_editor):
    apps.get_model("psychosocial", "Appartement").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("psychosocial", "0001_initial")]

    operations = [migrations.RunPython(creer, supprimer)]
