from django.urls import path

from . import views

app_name = "accompagnement"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("personnes/nouvelle/", views.personne_creer, name="personne_creer"),
    path("personnes/<int:pk>/", views.personne, name="personne"),
    path("personnes/<int:pk>/fiche.pdf", views.personne_fiche, name="personne_fiche"),
    path("personnes/<int:pk>/modifier/", views.personne_modifier, name="personne_modifier"),
    path("personnes/<int:pk>/rouvrir/", views.accompagnement_rouvrir, name="accompagnement_rouvrir"),
    path("personnes/<int:pk>/exploitation/", views.exploitation_creer, name="exploitation_creer"),
    path("personnes/<int:pk>/journal/", views.journal_ajouter, name="journal_ajouter"),
    path("journal/<int:pk>/corriger/", views.journal_modifier, name="journal_modifier"),
    path("personnes/<int:pk>/suivi/", views.suivi_ajouter, name="suivi_ajouter"),
    path("personnes/<int:pk>/consentement/", views.consentement_ajouter, name="consentement_ajouter"),
    path("consentements/<int:pk>/retirer/", views.consentement_retirer, name="consentement_retirer"),
    path("suivis/<int:pk>/", views.suivi_modifier, name="suivi_modifier"),
    path("periodes/<int:pk>/", views.accompagnement_modifier, name="accompagnement_modifier"),
    path("periodes/<int:pk>/cloturer/", views.accompagnement_cloturer, name="accompagnement_cloturer"),
    path("exploitations/<int:pk>/", views.exploitation_modifier, name="exploitation_modifier"),
    path("affaires/", views.affaires, name="affaires"),
    path("affaires/nouvelle/", views.affaire_creer, name="affaire_creer"),
    path("affaires/<int:pk>/", views.affaire, name="affaire"),
    path("affaires/<int:pk>/modifier/", views.affaire_modifier, name="affaire_modifier"),
    path("choix/personnes/", views.choix_personnes, name="choix_personnes"),
    path("choix/affaires/", views.choix_affaires, name="choix_affaires"),
]
