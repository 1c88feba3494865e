"""Every key the app keeps per session or puts in the URL, named once.

(The predict-then-see keys; the ui-layout branch's state table takes these in when it lands.)
"""

from __future__ import annotations

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
