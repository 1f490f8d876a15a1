from django.urls import path

from . import views

app_name = "sensibilisation"
urlpatterns = [
    path("", views.liste, name="liste"),
    path("export.xlsx", views.export, name="export"),
    path("nouvelle/", views.creer, name="creer"),
    path("planning/", views.planning, name="planning"),
    path("bilan/", views.bilan, name="bilan"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("evenements/", views.evenements, name="evenements"),
    path("evenements/nouveau/", views.evenement_creer, name="evenement_creer"),
    path("evenements/<int:pk>/modifier/", views.evenement_modifier, name="evenement_modifier"),
]
