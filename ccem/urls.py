from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from comptes import views as comptes_views

# Admin login goes through allauth, so it gets the same 2FA and rate limits as the app.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("CCEM — administration")
admin.site.site_title = _("CCEM")

urlpatterns = [
    # Browsers ask for /favicon.ico on pages that do not name one (the admin).
    path("favicon.ico", comptes_views.favicon, name="favicon"),
    path("admin/", admin.site.urls),
    path("comptes/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accueil/", include("signalements.urls")),
    path("file-active/", include("accompagnement.urls")),
    path("psycho-social/", include("psychosocial.urls")),
    path("juridique/", include("juridique.urls")),
    path("sensibilisation/", include("sensibilisation.urls")),
    path("echeances/", include("echeances.urls")),
    path("documents/", include("documents.urls")),
    path("rapports/", include("rapports.urls")),
    path("donnees/", include("donnees.urls")),
    path("", include("comptes.urls")),
]
