"""One-line text (ontmoeting/text.py): which characters a one-line field refuses."""

import pytest
from django.core.exceptions import ValidationError

from ontmoeting.text import is_one_line, validate_one_line


@pytest.mark.parametrize(
    "text",
    [
        "Koffie\nochtend",
        "Koffie\r\nochtend",
        "Koffie\rochtend",
        "Koffie\tochtend",
        "Koffie\x00",
        "\x1b[31mKoffie",
        "Koffie\x7f",
        "Koffie\x85ochtend",  # NEL, a C1 control
        "Koffie\u2028ochtend",  # line separator
        "Koffie\u2029ochtend",  # paragraph separator
    ],
)
def test_line_breaks_and_control_characters_are_refused(text):
    assert not is_one_line(text)
    with pytest.raises(ValidationError) as caught:
        validate_one_line(text)
    assert caught.value.code == "not_one_line"


@pytest.mark.parametrize(
    "text",
    ["", "Koffieochtend", "Café ’t Hoekje — 10:00", "Taalcafé ☕ 😀", "Huis\xa0De Linde", "مقهى"],
)
def test_everything_else_is_one_line(text):
    assert is_one_line(text)
    validate_one_line(text)  # raises nothing
