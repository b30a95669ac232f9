"""Making query strings: hostile values, keys and separators, from a seeded generator."""

from __future__ import annotations

import datetime
import random
import re
from urllib.parse import quote

# gunicorn's limit_request_line is 4094 bytes, "GET <path>?<query> HTTP/1.1" included.
MAX_QUERY_BYTES = 3900

# Parameters read outside the FilterSets (paging, agenda week, weekly sheet, API windows…),
# and some nobody reads.
EXTRA_KEYS = [
    "page",
    "page_size",
    "week",
    "week_of",
    "start",
    "end",
    "sep",
    "next",
    "language",
    "format",
    "callback",
    "ordering",
    "limit",
    "offset",
    "utm_source",
    "csrfmiddlewaretoken",
    "_",
]

HOSTILE = [
    "",
    " ",
    "\t",
    "\n",
    "-1",
    "0",
    "-0",
    "00",
    "7",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "-inf",
    "99999999999999999999",
    "-99999999999999999999",
    "2147483648",
    "9223372036854775808",
    "0x1F",
    "1_000",
    "١٢",
    "１２",
    "²",
    "true",
    "false",
    "on",
    "off",
    "None",
    "null",
    "undefined",
    "[]",
    "{}",
    "{'a': 1}",
    '{"$gt": ""}',
    "\x00",
    "a\x00b",
    "\x1b[31m",
    "\x7f",
    "\r\nSet-Cookie: x=1",
    "café ☕ 😀",
    "\u202eevil",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\uffff",
    "\U0010ffff",
    "e\u0301\u0301\u0301\u0301",
    "' OR 1=1 --",
    "1; DROP TABLE locaties_location;--",
    '" OR ""="',
    "%' AND pg_sleep(5)--",
    "') OR ('a'='a",
    "\\",
    "\\x00",
    "<script>alert(1)</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "//evil.example",
    "https://evil.example/",
    "%",
    "%%",
    "%ZZ",
    "%E9",
    "%C3%28",
    "%00",
    "%u0041",
    "%%32%35",
    "+",
    "&",
    "=",
    "#",
    ";",
    ",",
    "*",
    "?",
    "25:99",
    "24:00",
    "23:59:59",
    "8",
    "08.30",
    "-08:00",
    "10:00+02:00",
    "2026-02-30",
    "0000-01-01",
    "9999-12-31",
    "1969-12-31",
    "2026-13-01",
    "1999-12-31",
    "2000-01-01",
    "2099-12-31",
    "2100-01-01",
    "20261201",
    "2026-W53",
    ".5",
    "52.2215",
    "6.8937",
    "-90",
    "180.0000000000000000001",
    "52,2215",
    "a\nb",
    "a\r\nX-INJECTED:1",
    "\r",
    "a\tb",
    "\x0b\x0c",
    "a\x85b",
    "a\u2028b\u2029",
    "a\x1fb",
    "1" * 400,
    "9" * 30,
]
CHARSETS = [
    "abcdefghijklmnopqrstuvwxyz",
    "0123456789",
    "%",
    "\x00\x01\x02\x1f\x7f",
    "é€™😀\u202e\u0301",
    " \t\n\r",
    "<>\"'&;=",
]
UNICODE_RANGES = [
    (0x20, 0x7E),
    (0x00, 0x1F),
    (0x80, 0xFF),
    (0x100, 0x24F),
    (0x300, 0x36F),  # combining marks
    (0x590, 0x6FF),  # Hebrew, Arabic
    (0x4E00, 0x4FFF),
    (0xD800, 0xDFFF),  # lone surrogates
    (0xE000, 0xE0FF),
    (0xFFF0, 0xFFFF),
    (0x1F600, 0x1F64F),
    (0x10FFF0, 0x10FFFF),
]


def percent_bytes(data: bytes) -> str:
    return "".join(f"%{b:02X}" for b in data)


def encode_value(text: str, rng: random.Random) -> str:
    """A value as a client might put it in a URL: properly encoded, raw (only what HTTP
    cannot carry is escaped, so "%ZZ" and "&" stay what they are), or raw UTF-8 bytes."""
    mode = rng.random()
    data = text.encode("utf-8", "surrogatepass")
    if mode < 0.55:
        return percent_bytes(data) if rng.random() < 0.1 else quote(data, safe="")
    if mode < 0.97:
        return "".join(
            chr(b) if 0x21 <= b < 0x7F and b != 0x23 else f"%{b:02X}" for b in data
        ).replace("%20", "+" if rng.random() < 0.5 else "%20")
    # Raw bytes above 0x7F in the request line: gunicorn refuses them (400) before Django,
    # as RFC 9112 allows; a few show that it still does.
    return "".join(chr(b) if 0x21 <= b != 0x7F and b != 0x23 else f"%{b:02X}" for b in data)


class QueryMaker:
    """Seeded: the same --seed gives the same query strings in the same order."""

    def __init__(self, seed: int, keys: dict[str, list[str]], values: dict[str, list[str]]):
        self.rng = random.Random(seed)
        self.keys = keys
        self.values = values
        self.all_keys = sorted({k for ks in keys.values() for k in ks} | set(EXTRA_KEYS))

    def unicode_text(self, length: int) -> str:
        rng = self.rng
        chars = []
        for _ in range(length):
            low, high = rng.choice(UNICODE_RANGES)
            chars.append(chr(rng.randint(low, high)))
        return "".join(chars)

    def number(self) -> str:
        rng = self.rng
        choice = rng.randrange(6)
        if choice == 0:
            return str(rng.randint(-(10**30), 10**30))
        if choice == 1:
            return str(rng.randint(-10, 400))
        if choice == 2:
            return f"{rng.uniform(-1e6, 1e6):.{rng.randint(0, 25)}f}"
        if choice == 3:
            return f"{rng.uniform(-10, 10):.3e}".replace("e", rng.choice(["e", "E", "e+"]))
        if choice == 4:
            return "9" * rng.randint(10, 3000)
        return rng.choice(["-", "+", ""]) + str(rng.randint(0, 99)) + "." + "0" * rng.randint(0, 50)

    def moment(self) -> str:
        rng = self.rng
        parts = [
            f"{rng.randint(-1, 10000):04d}-{rng.randint(-1, 14):02d}-{rng.randint(-1, 33):02d}",
            f"{rng.randint(-1, 99):02d}:{rng.randint(-1, 99):02d}",
            f"{rng.randint(0, 30):02d}.{rng.randint(0, 70):02d}",
            datetime.date.today().isoformat() + rng.choice(["T10:00", " ", "Z", "x", ""]),
        ]
        return rng.choice(parts)

    def value(self, key: str) -> str:
        rng = self.rng
        real = self.values.get(key) or []
        choice = rng.random()
        if choice < 0.30:
            return rng.choice(HOSTILE)
        if choice < 0.45 and real:
            return rng.choice(real)
        if choice < 0.55 and real:
            # A valid value spoilt at one end.
            bad = rng.choice(HOSTILE) or "\x00"
            return rng.choice(real) + bad if rng.random() < 0.5 else bad + rng.choice(real)
        if choice < 0.65:
            return self.number()
        if choice < 0.72:
            return self.moment()
        if choice < 0.82:
            return self.unicode_text(rng.randint(1, 40))
        if choice < 0.92:
            # Long: mostly under gunicorn's 4094-byte request line, sometimes over it (then
            # gunicorn answers 400 itself, as it would in production).
            length = rng.choice([rng.randint(100, 1200), rng.randint(1200, 3800)])
            if rng.random() < 0.1:
                length = rng.randint(4000, 12000)
            charset = rng.choice(CHARSETS)
            return "".join(rng.choice(charset) for _ in range(max(1, length // 3)))
        return percent_bytes(rng.randbytes(rng.randint(1, 30)))  # already encoded

    def key(self, fam: str) -> str:
        rng = self.rng
        own = self.keys.get(fam) or self.all_keys
        choice = rng.random()
        if choice < 0.70:
            key = rng.choice(own)
        elif choice < 0.85:
            key = rng.choice(self.all_keys)
        elif choice < 0.93:
            key = rng.choice(own) + rng.choice(["[]", "[0]", "[a]", ".0", "[][]", "__in", " "])
        else:
            key = rng.choice(["", " ", "=", "unknown", self.unicode_text(rng.randint(1, 8))])
        return key

    def query(self, fam: str) -> str:
        rng = self.rng
        choice = rng.random()
        if choice < 0.06:
            return percent_bytes(rng.randbytes(rng.randint(1, 300)))
        if choice < 0.10:
            garbage = "".join(chr(rng.randint(0x21, 0x7E)) for _ in range(rng.randint(1, 200)))
            return garbage.replace("#", "%23")
        pairs = []
        for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 4, 6])):
            key = self.key(fam)
            repeat = rng.choice([1] * 8 + [2, 3, rng.randint(4, 60)])
            for _ in range(repeat):
                raw_value = self.value(key.split("[")[0].split(".")[0])
                encoded_key = encode_value(key, rng)
                if raw_value.startswith("%") and re.fullmatch(r"(%[0-9A-F]{2})+", raw_value):
                    encoded = raw_value
                else:
                    encoded = encode_value(raw_value, rng)
                if rng.random() < 0.03:
                    pairs.append(encoded_key)  # no "="
                else:
                    pairs.append(f"{encoded_key}={encoded}")
        separator = rng.choice(["&"] * 12 + [";", "&&", "&amp;"])
        query = separator.join(pairs)
        if rng.random() < 0.05:
            query = rng.choice(["&", "?", "=", "&&"]) + query + rng.choice(["", "&", "="])
        if len(query) > MAX_QUERY_BYTES and rng.random() < 0.9:
            # Most go to Django: gunicorn answers a request line over 4094 bytes with 414 itself.
            # Cut anywhere, even in the middle of an escape: one more broken value.
            query = query[: rng.randint(50, MAX_QUERY_BYTES)]
        return query


def make_plan(urls: dict[str, dict], maker: QueryMaker, count: int) -> list[tuple[str, str]]:
    names = sorted(urls)
    plan = []
    for _ in range(count):
        name = maker.rng.choice(names)
        plan.append((name, maker.query(urls[name]["family"])))
    return plan
