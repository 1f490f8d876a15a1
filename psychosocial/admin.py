# Nothing is registered in the admin: it manages accounts only (docs/securite.md §6). Case records and
# the flats' capacity are managed in the app (scoped views, access log, the occupancy page).
