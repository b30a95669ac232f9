"""The Dutch translation is complete, compiled, and makemessages finds nothing new."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
# Everything makemessages reads: manage.py, every Python package at the top, templates, locale.
PACKAGES = sorted(
    path.name for path in ROOT.iterdir() if (path / "__init__.py").exists() and path.name != "tests"
)
SOURCES = ["manage.py", "templates", "locale", *PACKAGES]


def test_every_message_is_translated():
    catalog = polib.pofile(str(PO))
    assert catalog.untranslated_entries() == []
    assert catalog.fuzzy_entries() == []


def test_compiled_catalog_matches_the_po_file():
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural
        for e in polib.pofile(str(PO))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural for e in polib.mofile(str(MO)) if e.msgid
    }
    assert mo == po, "Run: .venv/bin/python manage.py compilemessages -l nl --ignore=.venv"


@pytest.mark.skipif(
    not shutil.which("xgettext"), reason="makemessages needs GNU gettext: apt-get install gettext"
)
def test_makemessages_finds_nothing_new(tmp_path):
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    # A dummy URL: makemessages needs no database, and nothing embedded should start.
    env = {**os.environ, "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none"}
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "nl",
            "--no-obsolete",
            "--ignore=tests",
        ],
        cwd=tmp_path,
        env=env,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(tmp_path / "locale/nl/LC_MESSAGES/django.po"))}
    shipped = {e.msgid for e in polib.pofile(str(PO))}
    assert fresh - shipped == set(), (
        "Strings without a translation: run makemessages and translate them"
    )
    assert shipped - fresh == set(), (
        "Translations of strings that no longer exist: run makemessages"
    )
