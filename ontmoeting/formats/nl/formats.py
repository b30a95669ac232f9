# "vr 25 dec 2026": Dutch writes the months in lower case (``b``, not ``M``).
SHORT_WEEKDAY_DATE_FORMAT = "D j b Y"
