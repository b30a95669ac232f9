"""The iCalendar feeds, read back the way a calendar app would: parsed and expanded."""
