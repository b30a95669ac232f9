"""The admin of activities, themes and target groups: a module a subject."""
