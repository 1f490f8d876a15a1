from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Appartement

# Case records are managed in the app (scoped views, access log); the admin only holds the
# flats' capacity parameter, which the occupancy page also edits.


@admin.register(Appartement)
class AppartementAdmin(SimpleHistoryAdmin):
    list_display = ["dispositif", "places"]
