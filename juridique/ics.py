"""A minimal iCalendar writer (RFC 5545) for the hearings-and-deadlines feed.

Written by hand to avoid a dependency: VCALENDAR with VEVENTs, UTC times for hearings, all-day
events for deadlines, text escaping (§3.3.11) and line folding at 75 octets (§3.1).
Events carry references and kinds only, never a person's name: a phone's calendar is not a safe place.
"""

import datetime

PRODID = "-//CCEM//Pole juridique//FR"


def echapper(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
    )


def plier(ligne: str) -> str:
    """Fold a content line into chunks of at most 75 octets, never splitting a UTF-8 character."""
    data = ligne.encode()
    if len(data) <= 75:
        return ligne
    morceaux, courant, limite = [], b"", 75
    for char in ligne:
        encoded = char.encode()
        if len(courant) + len(encoded) > limite:
            morceaux.append(courant.decode())
            courant, limite = b"", 74  # continuation lines start with a space
        courant += encoded
    morceaux.append(courant.decode())
    return "\r\n ".join(morceaux)


def _utc(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def evenement(
    *, uid: str, resume: str, date: datetime.date, debut: datetime.datetime | None, duree_minutes: int = 120,
    lieu: str = "", description: str = "", url: str = "", stamp: datetime.datetime, sequence: int = 0,
) -> list[str]:  # fmt: skip
    lignes = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{_utc(stamp)}", f"SEQUENCE:{sequence}"]
    if debut is not None:
        lignes += [f"DTSTART:{_utc(debut)}", f"DTEND:{_utc(debut + datetime.timedelta(minutes=duree_minutes))}"]
    else:
        lendemain = date + datetime.timedelta(days=1)
        lignes += [f"DTSTART;VALUE=DATE:{date:%Y%m%d}", f"DTEND;VALUE=DATE:{lendemain:%Y%m%d}", "TRANSP:TRANSPARENT"]
    lignes.append(f"SUMMARY:{echapper(resume)}")
    if lieu:
        lignes.append(f"LOCATION:{echapper(lieu)}")
    if description:
        lignes.append(f"DESCRIPTION:{echapper(description)}")
    if url:
        lignes.append(f"URL:{url}")
    lignes.append("END:VEVENT")
    return lignes


def calendrier(nom: str, evenements: list[list[str]]) -> str:
    lignes = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{echapper(nom)}",
        "X-PUBLISHED-TTL:PT1H",
    ]
    for lignes_evenement in evenements:
        lignes.extend(lignes_evenement)
    lignes.append("END:VCALENDAR")
    return "\r\n".join(plier(ligne) for ligne in lignes) + "\r\n"
