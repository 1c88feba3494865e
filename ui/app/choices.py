"""The choices whose URL value is a label, not the option's key: the cost curve and the dataset.

They sit here, under the page protocol, because the link check (ui.app.link_check) reads a
link's ``curve=`` and ``dataset=`` values through these labels, and the controls that offer the
choices (ui.controls.curve, ui.controls.data_source) build on the page protocol.
"""

from __future__ import annotations

from gd_core.curves import CURVES

CUSTOM = "custom"  # the curve key of a typed formula

BUILTIN = {
    # The label is what the URL shows (dataset=Auto MPG cars), so keep it short.
    "lab_houses": ("Course lab houses", "lab_houses.csv", "size_1000sqft", "price_1000usd"),
    "auto_mpg": ("Auto MPG cars", "auto_mpg.csv", "weight_lbs", "miles_per_gallon"),
}
UPLOAD = "upload"
DEFAULT = "lab_houses"


def curve_label(key: str) -> str:
    return "Your own formula" if key == CUSTOM else CURVES[key].name


def upload_key(file_id: str, sheet: str | None) -> str:
    """The source key of an uploaded file's sheet: "upload:<file id>:<sheet>" (not a session key:
    it names the data in caches, the upload store and a kept fit)."""
    return f"{UPLOAD}:{file_id}:{sheet}"


def is_upload(source_key: str) -> bool:
    return source_key.startswith(f"{UPLOAD}:")


def dataset_label(name: str) -> str:
    return "Upload a CSV" if name == UPLOAD else BUILTIN[name][0]
