"""The settings page's form: every field optional (empty: the environment's value), and a
boundary layer uploaded as a GeoJSON file that is checked before anything is saved."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import SiteSettings
from .site import STORED_FIELDS
from .validators import read_boundaries

# The environment's value each field falls back to, shown in the empty field.
FALLBACKS = {
    "site_name": lambda: settings.SITE_NAME,
    "city_name": lambda: settings.CITY_NAME,
    "map_latitude": lambda: settings.MAP_CENTER[0],
    "map_longitude": lambda: settings.MAP_CENTER[1],
    "map_zoom": lambda: settings.MAP_ZOOM,
    "tiles_url": lambda: settings.MAP_TILES_URL,
    "tiles_attribution": lambda: settings.MAP_TILES_ATTRIBUTION,
    "boundaries_name": lambda: settings.MAP_BOUNDARIES_NAME,
    "boundaries_attribution": lambda: settings.MAP_BOUNDARIES_ATTRIBUTION,
}


class SiteSettingsForm(forms.ModelForm):
    boundaries_upload = forms.FileField(
        label=_("Upload a boundary layer"),
        required=False,
        help_text=_(
            "A GeoJSON file with areas (polygons) in longitude and latitude (WGS84), e.g. the "
            "neighbourhoods of your municipality. It replaces the current layer."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".geojson,.json,application/geo+json"}),
    )
    boundaries_remove = forms.BooleanField(
        label=_("Remove the uploaded boundary layer"),
        required=False,
        help_text=_("The map then shows the standard layer of the installation, if there is one."),
    )

    class Meta:
        model = SiteSettings
        # The stored settings, declared once beside the accessor that reads them.
        fields = list(STORED_FIELDS)
        widgets = {
            "tiles_url": forms.TextInput(attrs={"size": 80}),
            "tiles_attribution": forms.TextInput(attrs={"size": 80}),
            "boundaries_attribution": forms.TextInput(attrs={"size": 80}),
            "contact_url": forms.URLInput(attrs={"size": 60}),
            "privacy_url": forms.URLInput(attrs={"size": 60}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, fallback in FALLBACKS.items():
            if name in self.fields:
                self.fields[name].widget.attrs["placeholder"] = str(fallback())
        if "holidays_country" in self.fields:
            field = self.fields["holidays_country"]
            standard = gettext("Standard of the installation: %(country)s") % {
                "country": settings.PUBLIC_HOLIDAYS_COUNTRY
            }
            field.choices = [("", standard), *[c for c in field.choices if c[0]]]
        if not self.instance.boundaries:
            self.fields.pop("boundaries_remove", None)
        else:
            self.fields["boundaries_upload"].help_text = _(
                "Now: %(file)s. A new GeoJSON file with areas (polygons) in longitude and "
                "latitude (WGS84) replaces it."
            ) % {"file": self.instance.boundaries_file_name or "–"}

    def clean_boundaries_upload(self):
        upload = self.cleaned_data.get("boundaries_upload")
        if not upload:
            return None
        max_bytes = settings.MAP_BOUNDARIES_MAX_BYTES
        # One byte more than allowed is enough to know it is too big.
        content = upload.read(max_bytes + 1)
        return upload.name, read_boundaries(content, max_bytes=max_bytes)

    def clean(self):
        cleaned = super().clean()
        latitude, longitude = cleaned.get("map_latitude"), cleaned.get("map_longitude")
        if (latitude is None) != (longitude is None) and not (
            self.has_error("map_latitude") or self.has_error("map_longitude")
        ):
            raise ValidationError(
                _("Fill in both the latitude and the longitude of the map centre, or neither."),
                code="half_centre",
            )
        upload = cleaned.get("boundaries_upload")
        if upload and cleaned.get("boundaries_remove"):
            self.add_error(
                "boundaries_remove",
                _("Either upload a new layer or remove the current one, not both."),
            )
        has_layer = bool(upload) or (
            bool(self.instance.boundaries) and not cleaned.get("boundaries_remove")
        )
        if (
            has_layer
            and not cleaned.get("boundaries_name")
            and not self.has_error("boundaries_upload")
        ):
            self.add_error(
                "boundaries_name",
                _("Give the uploaded layer a name: the map's layer switch shows it."),
            )
        return cleaned

    def save(self, commit=True):
        upload = self.cleaned_data.get("boundaries_upload")
        if upload:
            self.instance.boundaries_file_name, self.instance.boundaries = upload
        elif self.cleaned_data.get("boundaries_remove"):
            self.instance.boundaries, self.instance.boundaries_file_name = None, ""
        return super().save(commit=commit)
