from django.urls import path

from . import views

app_name = "psychosocial"
urlpatterns = [
    path("", views.index, name="index"),
    path("personnes/<int:pk>/", views.personne, name="personne"),
    path("personnes/recherche/", views.recherche_personnes, name="recherche_personnes"),
    path("hebergements/", views.hebergement_liste, name="hebergement_liste"),
    path("hebergements/nouveau/", views.hebergement_creer, name="hebergement_creer"),
    path("hebergements/<int:pk>/", views.hebergement_modifier, name="hebergement_modifier"),
    path("appartements/", views.occupation, name="occupation"),
    path("appartements/<str:dispositif>/capacite/", views.appartement_modifier, name="appartement_modifier"),
    path("demarches/", views.demarche_liste, name="demarche_liste"),
    path("demarches/nouvelle/", views.demarche_creer, name="demarche_creer"),
    path("demarches/<int:pk>/", views.demarche_modifier, name="demarche_modifier"),
    path("aides/", views.aide_liste, name="aide_liste"),
    path("aides/nouvelle/", views.aide_creer, name="aide_creer"),
    path("aides/<int:pk>/", views.aide_modifier, name="aide_modifier"),
    path("domiciliations/", views.domiciliation_liste, name="domiciliation_liste"),
    path("domiciliations/nouvelle/", views.domiciliation_creer, name="domiciliation_creer"),
    path("domiciliations/<int:pk>/", views.domiciliation_modifier, name="domiciliation_modifier"),
    path("courrier/", views.guichet, name="guichet"),
    path("courrier/passages/", views.passage_liste, name="passage_liste"),
    path("courrier/passages/<int:pk>/", views.passage_modifier, name="passage_modifier"),
    path("psychologue/consultations/", views.consultation_liste, name="consultation_liste"),
    path("psychologue/consultations/nouvelle/", views.consultation_creer, name="consultation_creer"),
    path("psychologue/consultations/<int:pk>/", views.consultation, name="consultation"),
    path("psychologue/consultations/<int:pk>/modifier/", views.consultation_modifier, name="consultation_modifier"),
    path("psychologue/orientations/", views.orientation_liste, name="orientation_liste"),
    path("psychologue/orientations/nouvelle/", views.orientation_creer, name="orientation_creer"),
    path("psychologue/orientations/<int:pk>/", views.orientation_modifier, name="orientation_modifier"),
    path("activites/", views.activite_liste, name="activite_liste"),
    path("activites/nouvelle/", views.activite_creer, name="activite_creer"),
    path("activites/<int:pk>/", views.activite, name="activite"),
    path("activites/<int:pk>/modifier/", views.activite_modifier, name="activite_modifier"),
]
