"""Every key the app keeps per session or puts in the URL, named once (as TensorFlow Playground's
src/state.ts keeps every URL-visible value in one table).

A module reads and writes ``st.session_state`` and ``st.query_params`` only through these names;
no key is made from a format string anywhere else (``reload_key`` is the one key made per
value, here). tests/test_state_keys.py fails on a key written as a string outside this module.

**URL parameters.** A widget bound to the URL (``bind="query-params"``) uses its key as the
URL's parameter name, so these strings are the names in every shared link: never change one.
That is also why one name can mean two things: ``alpha``, ``iters`` and ``w0`` are the cost
curve's on pages 1-3 and the regression's on pages 4 and 5, three widgets under one key. They
never meet: ui.app.kept_views.restore_view drops a value another page left under a page's own names
before the page draws its controls, and each page keeps its own view. Giving each meaning a key
of its own would rename the link's parameters, so the names below say which widgets share one.
"""

from __future__ import annotations

# --- URL parameters (README's "Share a view" tables) -------------------------------------------
# Pages 1-3: the cost curve.
CURVE = "curve"  # the catalogue curve, or "Your own formula" (ui.app.choices.curve_label)
EXPR = "expr"  # the typed J(w), with curve=Your own formula
ALPHA = "alpha"  # pages 1 and 3: the learning rate on J(w); pages 4-5: on J(w, b) (one key, see above)
ITERS = "iters"  # pages 1-3: the iteration limit; pages 4-5: the number of iterations
W0 = "w0"  # pages 1-3: the start on J(w); pages 4-5: the start of every feature's weight
ALPHAS = "alphas"  # page 2: the learning rates compared, or "auto"
SURFACE_ALPHA = "surface_alpha"  # page 3's two-parameter landscape
SURFACE_ITERS = "surface_iters"
# Pages 4-5: the data and the fit.
DATASET = "dataset"  # a built-in dataset's label (ui.app.choices.dataset_label)
Y = "y"  # the target column
X = "x"  # the feature column(s), repeated in the URL for several
DROP_MISSING = "drop_missing"
B0 = "b0"
SCALE = "scale"
SEQUENTIAL = "sequential"
TIMING = "timing"  # page 5: when the pasted log's cost was taken

# --- Widgets outside the URL -------------------------------------------------------------------
UPLOADER = "upload"  # the file uploader (pages 4-5)
SHEET = "sheet"  # a workbook's sheet
LOG = "log"  # page 5: the pasted log
LOG_EXAMPLE = "log_example"  # page 5: the example picked to fill it
SURFACE_RESET = "surface_reset"  # page 3: the button that puts the landscape's starts back
USE_SUGGESTED_FORMULA = "_use_suggested_formula"  # "Use J(w) = ..." under a formula that cannot be read
INTUITION_FIGURE = "intuition_player"  # page 1's moving figure
LEARNING_RATE_FIGURE = "learning_rate_player"  # page 2's
MINIMA_CLICK = "minima_click"  # page 3's moving figure, whose clicks pick starts
REGRESSION_CLICK = "regression_click"  # page 4's, whose clicks on J(w, b) pick (w0, b0)

# --- The page protocol (ui.app.page) -----------------------------------------------------------
PAGE = "_page"  # the lesson key of the page on screen
OPENED = "_opened"  # (lesson, the link's values on arrival, the slot under the title for the link note)
VIEWS = "_views"  # each page's own view: {lesson key: its URL parameters}
LINK_INSTEAD = "_link_instead"  # values the Link to this view gives instead of the URL's, this run
AS_LINKED = "_as_linked"  # the next page opened shows its URL's view, as a followed link does (ui.app.kept_views.open_view)
CURVE_CHOICE = "_curve_choice"  # the curve a student chose on pages 1-3: (label, typed formula or None)
CURVE_SEEN = "_curve_seen"  # {lesson key: the curve it last showed}

# --- What controls remember between runs -------------------------------------------------------
FORMULA_PROBLEM = "_formula_problem"  # set on every run: the typed formula that could not be read
START_CURVE = "_start_curve"  # the curve the start w0 was last shown on
COLUMNS_FOR = "_columns_for"  # the data whose default columns were last set
SHEET_FOR = "_sheet_for"  # the uploaded file whose sheet was last set
FAILED_UPLOAD = "_failed_upload"  # (source key, why): an upload already said to be unusable
RATE_FOR = "_rate_for"  # page 4: the data (and scaling) alpha and iterations were chosen for

# --- The last good value of each input that can fail (ui.app.last_good) ------------------------
LAST_GOOD_EXPR = "_last_good_expr"  # (text, curve) of the last typed formula that could be read
LAST_GOOD_ALPHAS = "_last_good_alphas"  # page 2's last list of learning rates that could be read
LAST_GOOD_UPLOAD = "_last_good_upload"  # (source key, file name) of the last usable upload
LAST_GOOD_PREPARED = "_last_good_prepared"  # (source without its table, prepared sums) of the last fit
LAST_GOOD_DIAGNOSIS = "_last_good_diagnosis"  # page 5: (parsed log, diagnosis) of the last log read

# --- Predict, then see (ui.views.predict) ------------------------------------------------------
ASK = "ask"  # URL: the question on screen, by id (gd_core.questions)
PREDICT = "predict"  # URL: "false" shows every run at once, no question asked
REVEALED = "_revealed"  # {(question id, view): Graded, or None when shown without an answer}
LEDGER = "_ledger"  # the run ledger: every committed prediction (ui.views.predict.Attempt)
PREDICT_BOX = "predict_box"  # the question box's container
COMMIT = "predict_commit"
SKIP = "predict_skip"
ASK_AGAIN = "predict_again"
NEXT_QUESTION = "predict_next"
PREDICT_PROBLEM = "_predict_problem"  # why the last Commit was refused (no answer, or one that cannot be read), shown once


def reload_key(source_key: str) -> str:
    """The "Load my file again" button of an upload set aside for the memory budget, one per file."""
    return f"_reload_{source_key}"


def answer_key(question_id: str, item: int | None = None) -> str:
    """The answer widget of one question (and of one item, where it asks one answer per item)."""
    return f"answer:{question_id}" + ("" if item is None else f":{item}")


def reopen_key(number: int) -> str:
    """The ledger's Reopen button of its attempt ``number``."""
    return f"reopen:{number}"


# --- Challenge links and projector mode (ui.app.challenge, ui.app.present, ui.views.challenge) -----
GOAL = "goal"  # URL: the challenge's goal (gd_core.challenge.parse_goal), e.g. converge:80
LOCK = "lock"  # URL: controls drawn disabled with the link's values, e.g. alpha,w0
HIDE = "hide"  # URL: answers kept out of sight until the goal is met, e.g. minimum,wall
CHALLENGE_PARAMS = (GOAL, LOCK, HIDE)
CHALLENGE = "_challenge"  # this page's challenge this run: (lesson key, Challenge) or (lesson key, error message)
CHALLENGE_WAITING = "_challenge_waiting"  # [(name, slot, draw, instead)]: drawn once this run's goal is checked
CHALLENGE_BOX = "challenge_box"  # the goal's container at the top of the main area
CHALLENGE_TRIES = "_challenge_tries"  # {challenge id: Tries}: the views checked and the try that met the goal
PANEL_GOAL = "challenge_goal"  # the panel's widgets (sidebar, "Make a challenge from this view")
PANEL_LOCKS = "challenge_locks"
PANEL_HIDES = "challenge_hides"
PRESENT = "present"  # URL: "true" is projector mode (no sidebar, the controls in a row, larger type)
# --- Page 5's find-the-bug exercise (ui.views.find_the_bug) --------------------------------------
SEED = "seed"  # URL: the exercise's number, the seed of gd_core.questions_debug.debug_context
NEW_LOG = "find_bug_new_log"  # the button that draws another exercise
EXERCISE_BOX = "find_bug_exercise"  # the exercise tab's container (a test reads it alone)
# --- Page 3's momentum on the landscape (branch momentum; ui.controls.landscape) -------------------
BETA = "beta"  # URL: momentum's beta for the race on the landscape (plain descent against momentum from one start)
STARTS = "starts"  # URL: page 3's starts on the landscape, "w,b;w,b;..." (absent: the five default starts)

# --- Page 4's fit by hand (branch handfit, ui.controls.hand_line, ui.views.hand_fit) ------------------
HAND = "hand"  # URL: "true" shows the fit by hand (the line's angle and height, its residuals and squares)
ANGLE = "angle"  # URL: the hand line's angle in degrees (gd_core.hand_fit.line_from_angle)
HEIGHT = "height"  # URL: the hand line's height at the mean x, in the units of y
HAND_FOR = "_hand_for"  # the height slider's range (ui.controls.hand_line.HeightRange) the line was last set on
HAND_CONTINUE = "hand_continue"  # the button "Continue with gradient descent from my line" (sets W0 and B0)
HAND_FIGURE = "hand_figure"  # the fit by hand's figure (ui.views.figure_2d draws it under this key)


# --- The keyboard player (ui.views.player), branch a11y-player ----------------------------------
def keyboard_player_key(figure_key: str) -> str:
    """The keyboard player and text alternative of the moving figure whose chart key is ``figure_key``."""
    return f"{figure_key}_keyboard"

# --- first-paint: the 3-D surface of pages 3 and 4, drawn on request (ui.controls.surface3d) ------
SURFACE_3D = "surface3d"  # URL: "true" draws J(w, b) / H(w, b) as a surface to turn (a WebGL scene)
DEBUG_TAB = "debug_tab"  # page 5's open tab: the pasted log's diagnosis is drawn only when its tab is open
# --- Branch batches: the lesson "Batch, mini-batch, stochastic" (pages/batches.py) -------------------
# Its seed is SEED above ("seed"): on that page, the seed of the shuffles (as on page 5 the exercise's number).
BATCH = "batch"  # URL: the mini-batch size B
EPOCHS = "epochs"  # URL: passes over the data
NEW_SEED = "batches_new_seed"  # the button that draws another seed
BATCHES_FIGURE = "batches_player"  # the lesson's moving figure

# --- The class view (branch class-pages: pages/class.py, ui.views.class_teacher, ui.views.class_student) ---
JOIN = "join"  # URL: a student's join code (gd_core / class_store: a short code, answering only)
TEACH = "teach"  # URL: the teacher's secret; the only way to run a class's rounds
ME = "me"  # URL: a student's anonymous id, random, kept in the link so a tab reconnecting to another replica stays one student
CLASS_ME = "_class_me"  # the same id, for this session
CLASS_JOIN_INPUT = "class_join_input"  # the join code typed on the class page
CLASS_JOIN_PROBLEM = "_class_join_problem"  # why the typed code was refused, shown once
CLASS_QUESTION = "class_question"  # the teacher's question picker
CLASS_VIEW_CHOICE = "class_view_choice"  # the teacher's choice: the lesson's view or their own
CLASS_ANSWER = "class_answer"  # the student's answer widget (one per round: class_answer_key)
CLASS_COMMIT = "class_commit"
CLASS_ANSWER_NOTE = "_class_answer_note"  # what the last Commit did (kept, refused), shown once
CLASS_START = "class_start"  # the teacher's buttons
CLASS_CLOSE = "class_close"
CLASS_REVEAL = "class_reveal"
CLASS_ROUND_TWO = "class_round_two"
CLASS_RUN = "class_run"
CLASS_NEW_QUESTION = "class_new_question"
CLASS_NEW = "class_new"
CLASS_DOWNLOAD = "class_download"
CLASS_FIGURE = "class_figure"
CLASS_PROBLEM = "_class_problem"  # why the teacher's last button was refused, shown once


def class_answer_key(round_id: object) -> str:
    """The student's answer widget for one round (a new round starts with an empty answer)."""
    return f"class_answer:{round_id}"
CLASS_DRAWN = "_class_drawn"  # the class's state a student's page was drawn for (a change redraws it)
CLASS_KEPT = "_class_kept"  # {round number: this student's answer} as the store had it at the page's last run, or as Commit kept it since
CLASS_CODE_BOX = "class_code"  # the join code's container (its CSS makes it large)
CLASS_LIVE = "class_live"  # the teacher's live spread's container
CLASS_JOIN_FORM = "class_join_form"  # the join box (a form: the code is read when Join is pressed)

# --- The class view's gaps (branch class-gaps): the teacher's view in the URL, so a reload or a
# reconnect to another replica comes back to it ---
RUN = "run"  # URL (teacher): the round whose run the teacher's page plays now (absent: not yet)
NEXT = "next"  # URL (teacher): "true" while the teacher picks the next question (after New question)

# --- branch class-load (issue 25's load): a round that moves redraws the student's round part alone ---
CLASS_ROUND_PART = "class_round_part"  # the student's round part (a fragment's key: the poll reruns it alone)
CLASS_FIGURE_DRAWN = "_class_figure_drawn"  # the question (id, params) whose run the student's page drew (another redraws the page)

# --- fp-cold: a link shown with a copy button, without st.code (ui.app.link_box) ---------------------
VIEW_LINK = "view_link"  # the sidebar's Link to this view
CHALLENGE_LINK = "challenge_link"  # the challenge panel's link
DATA_PREVIEW = "data_preview"  # page 4's data preview (an expander): its tables drawn once it is open
ITERATIONS_TABLE = "iterations_table"  # page 1's table of every update (an expander): drawn once it is open
CHALLENGE_PANEL = "challenge_panel"  # the sidebar's "Make a challenge from this view" (an expander): its controls drawn once it is open
