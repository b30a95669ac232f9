"""Recurring schedules: dates, RRULE text, occurrences in local time, sentences."""
