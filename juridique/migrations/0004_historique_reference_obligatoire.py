from django.db import migrations, models


class Migration(migrations.Migration):
    """Every proceeding has its reference now (0003 gave them): it becomes required, in its own
    transaction (PostgreSQL does not alter a table with row updates pending in the same one)."""

    dependencies = [
        ("juridique", "0003_historique_procedures"),
    ]

    operations = [
        migrations.AlterField(
            model_name='procedure',
            name='reference',
            field=models.CharField(editable=False, max_length=60, unique=True, verbose_name='proceedings reference'),
        ),
        migrations.AlterField(
            model_name='historicalprocedure',
            name='reference',
            field=models.CharField(db_index=True, editable=False, max_length=60, verbose_name='proceedings reference'),
        ),
    ]
