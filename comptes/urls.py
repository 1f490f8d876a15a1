from django.urls import path

from . import views

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("audit/acces/", views.journal_acces, name="journal_acces"),
    path("audit/connexions/", views.tentatives_connexion, name="tentatives_connexion"),
    path("sante/", views.sante, name="sante"),
]
