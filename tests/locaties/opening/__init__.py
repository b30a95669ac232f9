"""The "now" engine: open or closed, until when, supervised, next opening, in words."""
