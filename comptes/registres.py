"""Pages of a lower app that show content of higher apps: the higher app registers it.

Imports flow one way (docs/architecture.md): `comptes` may not import the units, nor
`accompagnement` the units built on it. So the home page (here) and the person page
(`accompagnement`) do not look for the other apps' modules: each app registers its functions
explicitly in its `AppConfig.ready()`. Django calls `ready()` in `INSTALLED_APPS` order, which is
the order the panels and sections are shown in.
"""

from collections.abc import Callable

# panels(request) -> [{"title", "items": [{"label", "url", "meta"}], "empty", "action"}]
HOME_PANELS: list[Callable] = []
# sections(request, personne) -> [{"titre", "template", "contexte"}]
PERSON_SECTIONS: list[Callable] = []
# dates(request, personne) -> [{"libelle", "date", "url"}]: the person's next dates and deadlines,
# shown in the summary header of the person page and on the printed summary sheet
PERSON_DATES: list[Callable] = []
# events(user) -> [{"uid", "resume", "date", "url"}]: all-day events added to the personal calendar feed
CALENDAR_EVENTS: list[Callable] = []


def register_home_panels(panels: Callable) -> None:
    if panels not in HOME_PANELS:  # ready() may run twice (e.g. a test re-populating the registry)
        HOME_PANELS.append(panels)


def register_person_sections(sections: Callable) -> None:
    if sections not in PERSON_SECTIONS:
        PERSON_SECTIONS.append(sections)


def register_person_dates(dates: Callable) -> None:
    if dates not in PERSON_DATES:
        PERSON_DATES.append(dates)


def register_calendar_events(events: Callable) -> None:
    if events not in CALENDAR_EVENTS:
        CALENDAR_EVENTS.append(events)


# sections(request, obj) -> [{"titre", "template", "contexte"}] for the page of a record (a report,
# a proceeding, a residence permit): an app shows what it attaches to records of other apps.
RECORD_SECTIONS: list[Callable] = []


def register_record_sections(sections: Callable) -> None:
    if sections not in RECORD_SECTIONS:
        RECORD_SECTIONS.append(sections)


# resultats(user, terme, limite) -> [{"titre", "objets", "tout"}]: an app's records matching the global
# search (`comptes.views.recherche`), at most limite + 1 per kind, already scoped to what `user` may see;
# "tout" is the app's list filtered by the same words (or None).
SEARCH_SECTIONS: list[Callable] = []


def register_search(resultats: Callable) -> None:
    if resultats not in SEARCH_SECTIONS:
        SEARCH_SECTIONS.append(resultats)
