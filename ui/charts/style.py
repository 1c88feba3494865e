"""Every colour the app draws with, named once: the palette, then what each colour means.

The hues are Tailwind's (600 for marks, 300 for their light twins, slate for ink and grey). A
colour is named for its role in a lesson ("the point w", "the exact answer"), so a page that
shows the same thing shows it in the same colour.
"""

from __future__ import annotations

# The palette.
RED = "#dc2626"
AMBER = "#f59e0b"
GREEN = "#16a34a"
BLUE = "#2563eb"
VIOLET = "#7c3aed"
CYAN = "#0891b2"
PINK = "#db2777"
LIME = "#65a30d"
YELLOW = "#facc15"
LIGHT_BLUE = "#93c5fd"
LIGHT_GREEN = "#86efac"
LIGHT_VIOLET = "#c4b5fd"
LIGHT_CYAN = "#67e8f9"
LIGHT_PINK = "#f9a8d4"
INK = "#0f172a"  # text and the exact answer: near black
SLATE = "#64748b"
SLATE_DARK = "#475569"
SLATE_LIGHT = "#94a3b8"
WHITE = "white"  # the ring around a moving marker
BLACK = "#000"  # the invisible points of a click grid (opacity 0)
INVISIBLE = "rgba(0,0,0,0)"
CONTOUR = "rgba(30,41,59,0.5)"  # contour lines on a cost map

# A map of J(w, b) from above (ui.charts.cost_map): Plotly's "Blues", dark (low) to light (high), as RGB.
MAP_BLUES = [[8, 48, 107], [8, 81, 156], [33, 113, 181], [66, 146, 198], [107, 174, 214], [158, 202, 225], [198, 219, 239], [222, 235, 247], [247, 251, 255]]

# Pages 1-3, a cost curve J(w).
POINT_COLOR = RED  # the point w and its step
PATH_COLOR = AMBER  # the path so far
CURVE_COLOR = BLUE  # J(w) on page 1
FAINT_CURVE_COLOR = SLATE_LIGHT  # J(w) behind page 2's several runs
TANGENT_COLOR = GREEN
GHOST_COLOR = SLATE_DARK  # a student's prediction, drawn beside the run (hollow, dashed)
PALETTE = [SLATE, GREEN, AMBER, RED, VIOLET, CYAN]  # page 2: one colour per alpha

# Page 2's sweep: how a run ends.
OUTCOME_COLORS = [GREEN, AMBER, RED]  # converges, creeps, diverges
WALL_COLOR = RED  # the divergence wall 2 / J''(w*)

# Page 3: the minimum each start reaches, and the landscape's paths.
BASIN_COLORS = [BLUE, GREEN, VIOLET, CYAN, PINK]
LIGHT_COLORS = [LIGHT_BLUE, LIGHT_GREEN, LIGHT_VIOLET, LIGHT_CYAN, LIGHT_PINK]  # on the way to a minimum
AWAY_COLOR = SLATE_LIGHT  # stops at no minimum
DIVERGED_COLOR = RED
UNSETTLED_COLOR = SLATE_DARK  # a start's run that ends at no minimum
PATH_COLORS = [RED, AMBER, GREEN, VIOLET, CYAN, PINK, INK, LIME]  # one per start on the landscape

# Pages 4 and 5: data, fits and the exact answer.
DATA_COLOR = BLUE
RUN_COLORS = [RED, AMBER]  # simultaneous, sequential
FIT_COLOR = RED
EXACT_COLOR = INK  # least squares
STAR_COLOR = YELLOW  # the least-squares point on J(w, b)
LOG_COLOR = INK  # page 5: the pasted values
MATCH_COLOR = RED  # the run that reproduces them
CORRECT_COLOR = GREEN  # the correct run

# The keyboard player under a moving figure (ui.views.player), branch a11y-player.
FOCUS_COLOR = BLUE  # the ring round the focused control (3:1 against white and the controls)
CONTROL_BORDER = SLATE  # a control's edge (3:1 against white)
ROW_SHOWN = "#dbeafe"  # the table row of the frame on screen (Tailwind blue 100)
