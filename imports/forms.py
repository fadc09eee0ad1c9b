from django import forms
from django.utils.translation import gettext_lazy as _

ACCEPT = ".fit,.tcx,.gpx,.gz,.zip,.xml"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File from your watch or app"),
        help_text=_(
            "A FIT, TCX or GPX file, an Apple Health export (export.zip), or a Strava bulk "
            "export (zip). Up to 300 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )
