from django.urls import path

from . import views

urlpatterns = [
    path("", views.accueil, name="accueil"),
    path("recherche/", views.recherche, name="recherche"),
    path("audit/acces/", views.journal_acces, name="journal_acces"),
    path("audit/connexions/", views.tentatives_connexion, name="tentatives_connexion"),
    path("sante/", views.sante, name="sante"),
    path("elements/supprimes/", views.elements_supprimes, name="elements_supprimes"),
    path("elements/supprimes/<int:pk>/restaurer/", views.element_restaurer, name="element_restaurer"),
    path("elements/<str:label>/<int:pk>/supprimer/", views.element_supprimer, name="element_supprimer"),
    path("elements/<str:label>/<int:pk>/deplacer/", views.element_deplacer, name="element_deplacer"),
]
