from django.urls import path

from . import views

app_name = "juridique"
urlpatterns = [
    path("", views.index, name="index"),
    path("procedures/", views.procedures, name="procedures"),
    path("procedures/sans-suite/", views.sans_suite, name="sans_suite"),
    path("procedures/nouvelle/", views.procedure_creer, name="procedure_creer"),
    path("procedures/<int:pk>/", views.procedure, name="procedure"),
    path("procedures/<int:pk>/modifier/", views.procedure_modifier, name="procedure_modifier"),
    path("procedures/<int:pk>/etapes/nouvelle/", views.etape_ajouter, name="etape_ajouter"),
    path("procedures/<int:pk>/decisions/nouvelle/", views.decision_ajouter, name="decision_ajouter"),
    path("etapes/<int:pk>/modifier/", views.etape_modifier, name="etape_modifier"),
    path("decisions/<int:pk>/modifier/", views.decision_modifier, name="decision_modifier"),
    path("titres/", views.titres, name="titres"),
    path("titres/export.csv", views.titres_export, name="titres_export"),
    path("titres/nouveau/<int:personne_pk>/", views.titre_creer, name="titre_creer"),
    path("titres/<int:pk>/", views.titre_modifier, name="titre_modifier"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/mois/", views.agenda_mois, name="agenda_mois"),
    path("agenda/abonnements/", views.jetons, name="jetons"),
    path("agenda/abonnements/<int:pk>/revoquer/", views.jeton_revoquer, name="jeton_revoquer"),
    # Public by URL name (no session): the key in the path is the credential.
    path("agenda/flux/<str:cle>.ics", views.agenda_ics, name="agenda_ics"),
    path("avocats/", views.avocats, name="avocats"),
    path("avocats/nouveau/", views.avocat_creer, name="avocat_creer"),
    path("avocats/<int:pk>/", views.avocat, name="avocat"),
    path("avocats/<int:pk>/modifier/", views.avocat_modifier, name="avocat_modifier"),
]
