"""The counting behind the overviews, shared by the pages, the downloads and the command.

Everything here takes QuerySets or lists of prefetched places and returns plain data, so
a page, a spreadsheet and a scheduled export say the same thing, and tests can check the
numbers without a request. Every function runs a fixed number of queries whatever the
number of places or activities (the hours are prefetched; people are read in one go).

One module per overview: ``status`` (places by kind and status, buildings), ``grid`` (a
place's regular week, hour by hour, against its norm), ``norm`` (those grids per
cluster), ``supervision``, ``offer`` (the activities of a week) and ``quality`` (the
data-quality gaps); ``common`` holds what they share (the overviews' filter, the places
it selects, hours and weeks).
"""
