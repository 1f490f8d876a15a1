from django.urls import path

from . import views

app_name = "signalements"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("nouveau/", views.creer, name="creer"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/victime/", views.personne_ajouter, name="personne_ajouter"),
    path("victimes/<int:pk>/", views.personne_modifier, name="personne_modifier"),
    path("victimes/<int:pk>/retirer/", views.personne_retirer, name="personne_retirer"),
    path("<int:pk>/questionnaire/", views.avancer, name="avancer"),
    path("<int:pk>/entretien/", views.entretien_ajouter, name="entretien_ajouter"),
    path("entretiens/<int:pk>/modifier/", views.entretien_modifier, name="entretien_modifier"),
    path("<int:pk>/decision/", views.decider, name="decider"),
    path("<int:pk>/decision/resultat/", views.decision_resultat, name="decision_resultat"),
]
