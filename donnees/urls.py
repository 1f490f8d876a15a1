from django.urls import path

from . import views

app_name = "donnees"
urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("import/", views.importer, name="importer"),
    path("import/confirmer/", views.importer_confirmer, name="importer_confirmer"),
    path("import/modele/<str:entite>.csv", views.modele_csv, name="modele_csv"),
    path("export/", views.exporter, name="exporter"),
    path("export/<int:pk>/", views.export_telecharger, name="export_telecharger"),
    path("personnes/", views.personnes, name="personnes"),
    path("personnes/<int:pk>/", views.personne, name="personne"),
    path("personnes/<int:pk>/export/", views.personne_export, name="personne_export"),
    path("personnes/<int:pk>/export-psychologue/", views.personne_export_scelle, name="personne_export_scelle"),
    path("personnes/<int:pk>/anonymiser/", views.personne_anonymiser, name="personne_anonymiser"),
    path("conservation/", views.retention, name="retention"),
    path("ctdc/", views.ctdc_page, name="ctdc"),
    path("ctdc/<int:debut>-<int:fin>-k<int:k>.csv", views.ctdc_export, name="ctdc_export"),
    path("personnes/<int:pk>/htcds/", views.htcds_personne, name="htcds_personne"),
]
