"""Importing clusters, places (with opening hours) and activities from CSV and XLSX files.

``tables`` reads an upload into rows of text and checks the file as a whole;
``importers`` (a module per kind of file) turns rows into objects with the models' own
validation;
``templates`` builds the downloadable example files. ``beheer.services`` ties them together.
"""
