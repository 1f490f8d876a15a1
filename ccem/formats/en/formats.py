"""English formats: Django's US defaults with a 24-hour clock.

The US default ("6:47 p.m.") ends with a full stop, which doubled the sentence's own ("p.m..")
and reads oddly next to the French 18:47 in a bilingual team.
"""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
