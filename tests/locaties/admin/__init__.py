"""The admin of places, organisations, people and kinds of places: a module a subject."""
