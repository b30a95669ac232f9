from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import ImportBatch


class ImportUploadForm(forms.Form):
    """Step 1 of an import: which kind of data, and the file."""

    kind = forms.ChoiceField(label=_("What does the file hold?"), widget=forms.RadioSelect)
    file = forms.FileField(
        label=_("File"),
        # An empty file reaches the import's own check, which says what the file should hold.
        allow_empty_file=True,
    )

    def __init__(self, *args, kinds: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(ImportBatch.Kind.choices)
        self.fields["kind"].choices = [(kind, capfirst(labels[kind])) for kind in kinds]
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0]
        self.fields["file"].help_text = _(
            "A CSV file (UTF-8, separated by commas or semicolons) or an Excel workbook "
            "(.xlsx), at most %(size)s and %(rows)s rows."
        ) % {"size": filesizeformat(settings.IMPORT_MAX_BYTES), "rows": settings.IMPORT_MAX_ROWS}
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx,text/csv"
