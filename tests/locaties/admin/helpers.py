"""What the place admin's tests share: a place's change form as data, rows of opening hours."""

from tests.admin_helpers import change_url, form_data


def edit_page_data(client, place) -> dict:
    response = client.get(change_url(place))
    assert response.status_code == 200
    return form_data(response)


def row(weekday, opens, closes):
    return {"weekday": str(weekday), "opens": opens, "closes": closes, "supervised": "on"}


def norm_week() -> list[tuple]:
    return [(day, "08:30", "20:00", True) for day in range(7)]


def week(place) -> list[tuple]:
    return sorted(
        (h.weekday, f"{h.opens:%H:%M}", f"{h.closes:%H:%M}", h.supervised)
        for h in place.opening_hours.all()
    )
