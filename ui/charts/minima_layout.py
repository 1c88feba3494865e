"""Page 3's figure's panels: their grid (two by two, one column on a phone, one row on a
projector) and their titles, each with a hint that offers a click only where a click does
something (the lesson page; not the class view's figure)."""

from __future__ import annotations

from ui.charts.figure_dict import grid

HINT = '<br><span style="font-size:11px">'  # a panel title's second line, smaller


def panel_titles(three_d: bool, clicks: bool) -> tuple[str, str, str, str]:
    """The four panels' titles, each with its hint: what a click does only where a click does it."""
    surface = "drag to turn it" if three_d else "switch on “Turn the surface in 3-D” to draw it" if clicks else "turn it on page 3, Local minima"
    return (
        f"Every start on J(w){HINT}{'click a dot to start there' if clicks else 'each dot a start w₀'}</span>",
        f"Step sizes |α·dJ/dw|{HINT}per iteration</span>",
        f"H(w, b) from above{HINT}{'another hill: click to drop a start' if clicks else 'another hill, seen from above'}</span>",
        f"H(w, b) in 3-D{HINT}{surface}</span>",
    )


def panels(narrow: bool, compact: bool = False, three_d: bool = True, clicks: bool = True) -> dict:
    """Four panels, two by two, one under another on a phone (no fourth without ``three_d``), or in one row (projector mode); their titles."""
    rows = 4 if three_d or not narrow else 3
    one_column = {"rows": rows, "cols": 1, "specs": (("xy",), ("xy",), ("xy",), ("scene",))[:rows], "vertical_spacing": 0.075 if three_d else 0.105}  # the same px between panels
    two_by_two = {"rows": 2, "cols": 2, "specs": (("xy", "xy"), ("xy", "scene")), "horizontal_spacing": 0.09, "vertical_spacing": 0.13, "column_widths": (0.55, 0.45)}
    one_row = {"rows": 1, "cols": 4, "specs": (("xy", "xy", "xy", "scene"),), "horizontal_spacing": 0.05, "column_widths": (0.28, 0.22, 0.25, 0.25)}
    layout = grid(
        **(one_column if narrow else one_row if compact else two_by_two),
        # Short titles, the hint under each: two panels side by side stay readable on a phone.
        subplot_titles=panel_titles(three_d, clicks)[:rows],
    )
    if not three_d:
        layout.pop("scene", None)  # no WebGL scene at all: its cell (not on a phone) keeps its title, which says how to draw it
    for title in layout["annotations"]:
        title["font"]["size"] = 14
    return layout
