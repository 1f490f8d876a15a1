from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("ajouter/<str:cible>/<int:pk>/", views.ajouter, name="ajouter"),
    path("<int:pk>/modifier/", views.modifier, name="modifier"),
    path("<int:pk>/telecharger/", views.telecharger, name="telecharger"),
]
