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
PREDICT_PROBLEM = "_predict_problem"  # why the last Commit was refused, shown once under the answer


def answer_key(question_id: str, item: int | None = None) -> str:
    """The answer widget of one question (and of one item, where it asks one answer per item)."""
    return f"answer:{question_id}" + ("" if item is None else f":{item}")


def reopen_key(number: int) -> str:
    """The ledger's Reopen button of its attempt ``number``."""
    return f"reopen:{number}"
