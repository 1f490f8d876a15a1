from django.urls import path

from . import views

app_name = "echeances"
urlpatterns = [
    path("", views.mes_echeances, name="mes_echeances"),
    path("traiter/", views.traiter, name="traiter"),
    path("preferences/", views.preferences, name="preferences"),
    path("delais-de-recours/", views.delais, name="delais"),
    path("delais-de-recours/nouveau/", views.delai_creer, name="delai_creer"),
    path("delais-de-recours/<int:pk>/", views.delai_modifier, name="delai_modifier"),
]
