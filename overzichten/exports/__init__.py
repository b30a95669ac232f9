"""Downloads: the overviews as tables, written as XLSX, CSV and GeoJSON.

``tables`` holds what a table is, and the modules beside it one topic's tables each
(``places``, ``status``, ``norm``, ``quality``, ``offer``); ``topics`` names the topics
and builds the ones asked for; ``xlsx``, ``csv_files`` and ``geojson`` write them.
Callers use the names below, as ``exports.<name>``.
"""

from .csv_files import csv_response, csv_value, write_csv
from .geojson import geojson_collection, geojson_response
from .links import BaseUrlRequest, Links
from .places import places_table
from .tables import DATE_FORMAT, TIME_FORMAT, neutralise
from .topics import (
    OFFER_TOPICS,
    PLACE_TOPICS,
    TOPIC_TITLES,
    TOPICS,
    everything_tables,
    offer_tables,
    place_tables,
)
from .xlsx import XLSX_TYPE, about_rows, write_workbook, xlsx_response

__all__ = [
    "DATE_FORMAT",
    "OFFER_TOPICS",
    "PLACE_TOPICS",
    "TIME_FORMAT",
    "TOPICS",
    "TOPIC_TITLES",
    "XLSX_TYPE",
    "BaseUrlRequest",
    "Links",
    "about_rows",
    "csv_response",
    "csv_value",
    "everything_tables",
    "geojson_collection",
    "geojson_response",
    "neutralise",
    "offer_tables",
    "place_tables",
    "places_table",
    "write_csv",
    "write_workbook",
    "xlsx_response",
]
