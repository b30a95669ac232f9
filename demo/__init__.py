"""The Enschede demo data set: real places from public sources plus invented examples.

``data/`` holds the facts (with their sources, see ``data/SOURCES.md``); ``content`` and
``activities`` hold the invented example content; ``loader.demo_load`` writes it all
(reading the files with ``sources``, writing with ``places_loader`` and ``activities_loader``).
"""
