"""Every colour the app draws with, named once: the palette, then what each colour means, and
beside each set of colours that tells things apart its second cue (issue 23).

The palette is Okabe & Ito's eight colours ("Color Universal Design", 2008): they stay apart
for the common kinds of colour blindness (deuteranopia, protanopia, tritanopia), where a red
beside a green becomes two browns. Slate is the grey and the ink. A colour is named for its
role in a lesson ("the point w", "the exact answer"), so a page that shows the same thing shows
it in the same colour.

Colour never carries a meaning alone: where colours tell runs, outcomes or valleys apart, each
also has its own marker shape, dash pattern or written label (the lists beside the colours
below; tests/test_colour_never_alone.py checks every figure).
"""

from __future__ import annotations

# The palette (Okabe-Ito).
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
# Light twins (for "on its way to" a minimum): the palette's colours mixed half with white.
LIGHT_BLUE = "#7fb8d8"
LIGHT_GREEN = "#7fcfb9"
LIGHT_VERMILLION = "#eaae7f"
LIGHT_SKY_BLUE = "#aad9f4"
LIGHT_PURPLE = "#e5bcd3"
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
POINT_COLOR = VERMILLION  # the point w and its step
PATH_COLOR = ORANGE  # the path so far (dotted)
CURVE_COLOR = BLUE  # J(w) on page 1
FAINT_CURVE_COLOR = SLATE_LIGHT  # J(w) behind page 2's several runs
TANGENT_COLOR = BLUISH_GREEN
TANGENT_TEXT_COLOR = "#007a5a"  # its words ("run = 0.8"): the same green, darker, 5.3:1 on white (WCAG AA text)
GHOST_COLOR = SLATE_DARK  # a student's prediction, drawn beside the run (hollow, dashed)
PREDICTION_COLOR = "#c2410c"  # pages 3 and 4: the committed prediction, over a busy figure (a dark orange: 5:1 on white, for its words)
# Page 2: one colour, one marker and one dash per alpha (smallest alpha first).
# Light and dark blue, then light and dark orange: four alphas that stay apart in lightness too,
# which is what a student without red or green cones still sees.
PALETTE = [SKY_BLUE, BLUE, ORANGE, VERMILLION, REDDISH_PURPLE, BLUISH_GREEN]
RUN_SYMBOLS = ["circle", "square", "diamond", "x", "star", "cross"]  # never a triangle: that says "off the panel"
RUN_DASHES = ["solid", "dot", "dash", "dashdot", "longdash", "longdashdot"]

# Page 2's sweep: how a run ends, by colour and by shape.
OUTCOME_COLORS = [BLUE, ORANGE, VERMILLION]  # converges, creeps, diverges (not green against red)
OUTCOME_SHAPES = ["circle", "square", "cross"]
WALL_COLOR = VERMILLION  # the divergence wall 2 / J''(w*)
WALL_TEXT_COLOR = "#b34f00"  # its words: the same vermillion, darker, 5.2:1 on white

# Page 3: the minimum each start reaches, by colour and by marker shape, and the landscape's
# paths (one colour and one marker per start).
BASIN_COLORS = [BLUE, BLUISH_GREEN, VERMILLION, SKY_BLUE, REDDISH_PURPLE]
BASIN_SYMBOLS = ["circle", "square", "triangle-up", "pentagon", "star"]  # "-open": on its way to that minimum
UNSETTLED_SYMBOL = "x"  # ends at no minimum
DIVERGED_SYMBOL = "cross"  # runs away: not the x of a start that stops at no minimum
START_COLOR = "#334155"  # before a prediction: every start one colour (a colour would say where it ends)
PLAIN_DOT = SLATE_LIGHT
LIGHT_COLORS = [LIGHT_BLUE, LIGHT_GREEN, LIGHT_VERMILLION, LIGHT_SKY_BLUE, LIGHT_PURPLE]  # on the way to a minimum
AWAY_COLOR = SLATE_LIGHT  # stops at no minimum
DIVERGED_COLOR = VERMILLION
UNSETTLED_COLOR = SLATE_DARK  # a start's run that ends at no minimum
PATH_COLORS = [VERMILLION, ORANGE, BLUISH_GREEN, REDDISH_PURPLE, SKY_BLUE, BLUE, INK, YELLOW]  # one per start on the landscape
# Symbols that both a flat and a 3-D Plotly figure draw (scatter3d has only these).
# The momentum race's balls are a square and a diamond (ui.charts.momentum): the starts take those last.
PATH_SYMBOLS = ["circle", "x", "cross", "circle-open", "square-open", "diamond-open", "square", "diamond"]

# Pages 4 and 5: data, fits and the exact answer.
DATA_COLOR = BLUE
RUN_COLORS = [VERMILLION, ORANGE]  # simultaneous, sequential
FIT_DASHES = ["solid", "dot"]  # simultaneous, sequential (the least-squares line is dashed)
FIT_SYMBOLS = ["circle", "square"]
FIT_COLOR = VERMILLION
EXACT_COLOR = INK  # least squares
STAR_COLOR = YELLOW  # the least-squares point on J(w, b)
HAND_COLOR = REDDISH_PURPLE  # page 4: the line a student sets by hand, its residuals and squares
HAND_FILL = "rgba(204,121,167,0.16)"  # its squares' inside (REDDISH_PURPLE, faint)
LOG_COLOR = INK  # page 5: the pasted values (dots)
MATCH_COLOR = VERMILLION  # the run that reproduces them (a solid line)
CORRECT_COLOR = BLUISH_GREEN  # the correct run (a dashed line)
SERIES_COLORS = [BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE, INK, SLATE]  # page 4: one per parameter
# Vega-Lite's dash patterns ([dash, gap] in pixels), the same order as Plotly's names above.
VEGA_DASHES = [[1, 0], [2, 3], [6, 4], [6, 3, 2, 3], [10, 4], [10, 3, 2, 3]]

# Page 3's momentum race (branch momentum): plain descent and momentum from one start, each line
# over an underlay of the other shade, so it shows on the map's dark valleys and light hills alike.
RACE_COLORS = [INK, YELLOW]  # plain descent (dashed, a square), momentum (solid, a diamond)
RACE_UNDERLAYS = [WHITE, INK]

# The keyboard player under a moving figure (ui.views.player), branch a11y-player.
FOCUS_COLOR = BLUE  # the ring round the focused control (3:1 against white and the controls)
CONTROL_BORDER = SLATE  # a control's edge (3:1 against white)
ROW_SHOWN = "#dbeafe"  # the table row of the frame on screen (Tailwind blue 100)
LINK_BACKGROUND = "#f1f5f9"  # behind a link to copy (Tailwind slate 100, as st.code's grey)

# The batch-size lesson (branch batches): batch (all m), mini-batch (B), stochastic (1 example),
# each also with its own marker and dash (colour never alone).
BATCH_COLORS = [ORANGE, BLUISH_GREEN, VERMILLION]
BATCH_SYMBOLS = ["square", "cross", "circle"]  # not the diamond: least squares is one
BATCH_DASHES = ["solid", "dashdot", "dot"]  # not "dash": the least-squares floor on the cost panel is dashed
