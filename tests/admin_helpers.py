"""Helpers for tests through the Django admin: a page's form posted as it was rendered, the
admin's addresses of an object, a client for staff in a role, and what a page shows."""

import datetime
import html
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.forms import MultiWidget
from django.test import Client
from django.urls import reverse

from beheer.models import Membership


def post_value(value) -> str:
    """A form value as a browser sends it (ISO dates are accepted in every language)."""
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return f"{value:%H:%M}"
    return str(getattr(value, "pk", value))


def form_data(response) -> dict:
    """The POST data of an admin add or change page as a browser sends it: inlines included,
    disabled fields left out, a multi-widget's parts under their own names."""
    assert response.status_code == 200, response.status_code
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            widget = bound.field.widget
            if isinstance(widget, MultiWidget):
                parts = widget.decompress(value) if not isinstance(value, list) else value
                for index, part in enumerate(parts):
                    if part not in (None, ""):
                        data[f"{bound.html_name}_{index}"] = post_value(part)
                continue
            if value is None or value is False:
                continue
            if value is True:
                data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [post_value(v) for v in value]
            else:
                data[bound.html_name] = post_value(value)
    return data


def add_rows(data: dict, prefix: str, rows: list[dict]) -> dict:
    """Append new inline rows after the ones already in ``data``."""
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    for offset, row in enumerate(rows):
        for name, value in row.items():
            data[f"{prefix}-{total + offset}-{name}"] = value
    data[f"{prefix}-TOTAL_FORMS"] = str(total + len(rows))
    return data


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def staff_client(role=None, *, organisations=(), clusters=()) -> Client:
    """A logged-in client for a staff user in ``role`` (a ontmoeting.roles group), reading English."""
    user = get_user_model().objects.create_user(
        username=f"staff{get_user_model().objects.count()}", password="x", is_staff=True
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    membership = Membership.objects.create(user=user)
    membership.organisations.set(organisations)
    membership.clusters.set(clusters)
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def messages_of(response) -> list[tuple[str, str]]:
    return [(m.level_tag, str(m)) for m in response.context["messages"]]


def page_text(response) -> str:
    """The visible text of a page, tags dropped and white space collapsed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))
    return re.sub(r"\s+", " ", text)


def inline_tags(body: bytes) -> list[bytes]:
    """<script> elements with code in them, and elements with a style attribute."""
    scripts = [
        tag
        for tag in re.findall(rb"<script\b[^>]*>", body)
        if b" src=" not in tag and b'type="application/json"' not in tag
    ]
    return scripts + re.findall(rb"<[a-z]+\b[^>]*\sstyle=[^>]*>", body)


def history_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])
