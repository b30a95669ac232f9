"""Activities as schema.org Events (JSON-LD), for search engines and calendar tools."""

from locaties.structured import place_data

from .models import Activity

SCHEMA = "https://schema.org"


def event_data(activity, occurrence, absolute) -> dict:
    """A schema.org Event for one occurrence; ``absolute`` turns a path into a full URL."""
    # A date that does not go ahead (cancelled, or its place closed) is cancelled to schema.org.
    cancelled = not occurrence.goes_ahead or activity.status == Activity.Status.CANCELLED
    organizer = {"@type": "Organization", "name": activity.organiser.name}
    if activity.organiser.website:
        organizer["url"] = activity.organiser.website
    location = activity.location
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": activity.title,
        "url": absolute(activity.get_absolute_url()),
        "startDate": occurrence.start.isoformat(),
        "endDate": occurrence.end.isoformat(),
        "eventStatus": f"{SCHEMA}/{'EventCancelled' if cancelled else 'EventScheduled'}",
        "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
        "isAccessibleForFree": activity.is_free,
        "location": place_data(location, absolute(location.get_absolute_url())),
        "organizer": organizer,
    }
    if activity.description:
        data["description"] = activity.description
    return data
