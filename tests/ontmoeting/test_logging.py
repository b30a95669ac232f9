import json
import logging

from ontmoeting.logs import JsonFormatter


def test_json_log_lines_carry_the_message_level_and_extra_fields():
    record = logging.makeLogRecord(
        {
            "name": "ontmoeting",
            "levelno": logging.WARNING,
            "levelname": "WARNING",
            "msg": "import %s",
            "args": ("klaar",),
            "batch": 7,
        }
    )
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "import klaar"
    assert line["level"] == "WARNING"
    assert line["logger"] == "ontmoeting"
    assert line["batch"] == 7
    assert line["time"].endswith("+00:00")


def test_exceptions_are_included():
    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        record = logging.makeLogRecord({"msg": "mislukt", "exc_info": sys.exc_info()})
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError: kapot" in line["exception"]
