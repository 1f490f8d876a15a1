from django.urls import path

from . import views

app_name = "rapports"
urlpatterns = [
    path("", views.index, name="index"),
    path("catalogue/", views.catalogue, name="catalogue"),
    path("<int:annee>/", views.annee, name="annee"),
    path("<int:annee>/detail/<slug:cle>/", views.detail, name="detail"),
    path("<int:annee>/detail/<slug:cle>/<str:format>/", views.detail_export, name="detail_export"),
    path("<int:annee>/qualite/", views.qualite_annee, name="qualite_annee"),
    path("<int:annee>/qualite/<slug:population>/<slug:controle>/", views.qualite_detail, name="qualite"),
    path("<int:annee>/saisies/", views.saisies, name="saisies"),
    path("<int:annee>/cloturer/", views.cloturer, name="cloturer"),
    path("<int:annee>/revisions/", views.revisions_annee, name="revisions"),
    path("<int:annee>/export/<str:format>/", views.exporter, name="export"),
    path("<int:annee>/enquete/", views.enquete_page, name="enquete"),
    path("<int:annee>/enquete/<slug:partie>/<str:format>/", views.enquete_export, name="enquete_export"),
    path("<int:annee>/pdf/", views.pdf_demander, name="pdf_demander"),
    path("pdf/<int:pk>/", views.pdf_statut, name="pdf_statut"),
    path("pdf/<int:pk>/etat/", views.pdf_etat, name="pdf_etat"),
    path("pdf/<int:pk>/fichier/", views.pdf_telecharger, name="pdf_telecharger"),
    path("pdf/<int:pk>/relancer/", views.pdf_relancer, name="pdf_relancer"),
]
