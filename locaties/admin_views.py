"""The custom views of the places' admin: the address lookup and the opening-hours
shortcuts under the save buttons (wired up in ``admin.py``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from . import geocoding, opening, services
from .models import Location, Weekday

FOUND = {
    geocoding.Precision.ADDRESS: _("Found: %(label)s. Check the marker on the map."),
    geocoding.Precision.POSTCODE_FALLBACK: _(
        "The address was not found; the middle of postcode %(label)s is used. "
        "Move the marker to the right spot."
    ),
    geocoding.Precision.POSTCODE: _(
        "The middle of postcode %(label)s is used. Move the marker to the right spot."
    ),
}


def norm_description(kind) -> str:
    """'every day 08:30–20:00, supervised', from the kind's norm; '' for a kind without one."""
    norm = kind.norm if kind is not None else None
    return opening.describe_norm(norm) if norm is not None else ""


def geocode(model_admin, request):
    """JSON: the coordinates of the address in the query string, or a plain message."""
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    parts = {
        name: request.GET.get(name, "").replace("\x00", "").strip()
        for name in geocoding.ADDRESS_PARTS
    }
    if any(len(value) > geocoding.MAX_ADDRESS_PART for value in parts.values()):
        return JsonResponse({"error": gettext("This address is too long.")}, status=400)
    if not (parts["street"] and (parts["postcode"] or parts["city"])) and not parts["postcode"]:
        return JsonResponse(
            {
                "error": gettext(
                    "Fill in the street and the postcode or city first, or at least the postcode."
                )
            },
            status=400,
        )
    try:
        point, precision = geocoding.locate(parts)
    except geocoding.NotFound:
        return JsonResponse(
            {
                "error": gettext(
                    "This address was not found. Check it, or click on the map to set the place."
                )
            },
            status=404,
        )
    except geocoding.GeocoderUnavailable:
        return JsonResponse(
            {
                "error": gettext(
                    "The address lookup cannot be reached right now. Click on the map or "
                    "type the coordinates instead."
                )
            },
            status=503,
        )
    return JsonResponse(
        {
            "latitude": f"{point.latitude:.6f}",
            "longitude": f"{point.longitude:.6f}",
            "message": str(FOUND[precision]) % {"label": point.label},
        }
    )


def hours_shortcut(model_admin, request, obj: Location) -> None:
    """The button pressed under the form: fill in the norm hours, or copy one day's hours
    to other days; the outcome as a message. The caller checks the rights."""
    if "_apply_norm" in request.POST:
        try:
            services.location_apply_norm(location=obj)
        except ValidationError as error:
            model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            model_admin.message_user(
                request,
                gettext("The norm hours (%(norm)s) are filled in for %(place)s.")
                % {"norm": norm_description(obj.kind), "place": obj},
                messages.SUCCESS,
            )
        return
    try:
        weekday = int(request.POST.get("_copy_from", ""))
        targets = [int(day) for day in request.POST.getlist("_copy_to")]
    except ValueError:
        weekday, targets = -1, []
    try:
        count = services.location_copy_day(location=obj, weekday=weekday, to_weekdays=targets)
    except ValidationError as error:
        model_admin.message_user(request, " ".join(error.messages), messages.ERROR)
        return
    model_admin.message_user(
        request,
        ngettext(
            "The hours of %(day)s are copied to %(count)d other day.",
            "The hours of %(day)s are copied to %(count)d other days.",
            count,
        )
        % {"day": Weekday(weekday).label, "count": count},
        messages.SUCCESS,
    )
