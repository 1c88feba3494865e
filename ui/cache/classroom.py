"""The class page's one door to the class store (class_store: one database every replica shares).

Everything a page asks of a class goes through here, so the pages never hold a database handle
or build a round's question themselves. A round's question is built from a lesson question and
a view (gd_core.class_round): its answer form is computed here, from the very run the students'
pages build, and the store checks every answer against it. Every function raises only
``class_store.ClassStoreError`` (plain words a page shows as they are).
"""

from __future__ import annotations

import functools
import threading
import time
from typing import Any

from class_store import Asked, ClassStoreError, NewClass, Round, Spread, StudentView, TeacherView, new_session_id, normal_code, shared_store
from class_store.codes import valid_session
from class_store.errors import SetupError, UnknownClass
from gd_core import questions as qs
from gd_core.class_round import RoundError, RoundView, answer_range, form_of, offered, round_context
from gd_core.question_types import Form
from ui.cache.shared_cache import shared
from ui.words.shown import shown_plain



def _asked(question_id: str, view: RoundView) -> Asked:
    try:
        return Asked(question_id, view.as_params(), form_of(question_id, view), answer_range(question_id, view))
    except RoundError as error:
        raise SetupError(str(error)) from None


def new_class(question_id: str, view: RoundView) -> str:
    """A new class asking ``question_id`` of ``view`` once a round opens (none is open yet): the
    teacher's secret, for their link."""
    made: NewClass = shared_store().create_class(_asked(question_id, view))
    return made.secret


def teacher_view(secret: str) -> TeacherView:
    return shared_store().teacher_view(secret)


def start_round(secret: str, question_id: str, view: RoundView) -> Round:
    return shared_store().start_round(secret, _asked(question_id, view))


def start_again(secret: str, current: Round) -> Round:
    """Round two: the same question of the same view, answered again after discussion."""
    return shared_store().start_round(secret, current.asked)


def close_round(secret: str, number: int) -> Round:
    return shared_store().close_round(secret)


def reveal_round(secret: str, number: int) -> Round:
    return shared_store().reveal(secret, number)


def spreads(secret: str, numbers: tuple[int, ...]) -> list[Spread]:
    """The spreads of rounds ``numbers`` now (the teacher's live histogram: one read a round)."""
    store = shared_store()
    return [store.teacher_counts(secret, number) for number in numbers]


def same_question(first: Round, second: Round) -> bool:
    return first.asked.question_id == second.asked.question_id and dict(first.asked.params) == dict(second.asked.params)


def together(rounds) -> list[Round]:
    """The rounds shown side by side: the last one, and the one before it when it asked the same
    question of the same view (a re-vote after discussion)."""
    rounds = list(rounds)
    if len(rounds) >= 2 and rounds[-2].number == rounds[-1].number - 1 and same_question(rounds[-2], rounds[-1]):
        return rounds[-2:]
    return rounds[-1:]


def question_of(one: Round) -> tuple[str, RoundView]:
    """The round's question id and view; SetupError when the view cannot be read back."""
    try:
        return one.asked.question_id, RoundView.from_params(one.asked.params)
    except RoundError as error:
        raise SetupError(str(error)) from None


def form(one: Round) -> Form:
    return one.asked.form


def prompt(one: Round) -> str:
    """The question as the students read it, for the round's view."""
    question_id, view = question_of(one)
    return _prompt(question_id, view)


@functools.lru_cache(maxsize=64)  # server-wide, bounded: a round's question reads the same for every student
def _prompt(question_id: str, view: RoundView) -> str:
    if not offered(question_id):
        raise SetupError("This round asks a question the class page does not offer.")
    try:
        return qs.prompt(qs.question(question_id), round_context(question_id, view))
    except RoundError as error:
        raise SetupError(str(error)) from None


@shared(max_entries=64, max_bytes=64 * 2**20)  # server-wide, bounded in runs and in their arrays' bytes: every student's page of a round draws the same run
def context(question_id: str, view: RoundView) -> Any:
    """The round's run (gd_core.class_round.round_context: frozen results, safe to share), made
    once per replica: a student's whole page run made it again each time, an eighth of the
    server's work for the page (py-spy), 100 times when a class's round moves."""
    return round_context(question_id, view)


def answer_texts(spread: Spread) -> list[str]:
    """A round's answers as texts, from its counts (no one's answer: the multiset of them)."""
    if spread.kind == "number":
        return [format(v, ".17g") for v in spread.values]
    return [o.key for o in spread.options for _ in range(o.count)]


def export_csv(secret: str) -> bytes:
    """The class's answers as CSV (students numbered s1, s2, ..., never their ids)."""
    return shared_store().export_csv(secret).encode()


# --- the students -----------------------------------------------------------------------------

def join_code(typed: object) -> str:
    """The join code in ``typed``, normalised; UnknownClass (in our words) when it is not one."""
    code = normal_code(typed)
    if code is None:
        raise UnknownClass(f"‘{shown_plain(typed, 20)}’ is not a join code: six letters and digits, such as K7QF2M.")
    return code


def check_code(typed: object) -> str:
    """The join code in ``typed`` when a live class has it; UnknownClass or ClassExpired else."""
    code = join_code(typed)
    shared_store().student_view(code)
    return code


def new_student() -> str:
    return new_session_id()


def valid_student(me: Any) -> bool:
    return valid_session(me)


def student_view(code: str, me: str) -> StudentView:
    """The class as this student's page shows it (and, fresher than any poll's, its signature)."""
    view = shared_store().student_view(code, me)
    with _SIGNATURES_LOCK:
        if len(_SIGNATURES) < MAX_SIGNATURES:
            _SIGNATURES[code] = (time.monotonic(), signature_of(view))
    return view


def signature_of(view: StudentView) -> tuple:
    """What a student's page is drawn for: the latest round's number and state."""
    return (None, None) if view.round is None else (view.round.number, view.round.state)


SIGNATURE_FOR_S = 0.5  # a replica reads a class's round state at most this often for all its students' polls
MAX_SIGNATURES = 512
_SIGNATURES: dict[str, tuple[float, tuple]] = {}  # server-wide, bounded: join code -> (read at, signature)
_SIGNATURES_LOCK = threading.Lock()


def signature(code: str) -> tuple:
    """The class's round number and state, as a poll needs it: read from the store at most every
    SIGNATURE_FOR_S seconds per replica (100 phones polling every 2 s would otherwise be 50 reads
    a second); a change reaches every page within a poll and that half second."""
    now = time.monotonic()
    with _SIGNATURES_LOCK:
        kept = _SIGNATURES.get(code)
    if kept is not None and now - kept[0] < SIGNATURE_FOR_S:
        return kept[1]
    found = signature_of(shared_store().student_view(code))
    with _SIGNATURES_LOCK:
        if len(_SIGNATURES) >= MAX_SIGNATURES:
            _SIGNATURES.clear()  # a replica serving 512 classes at once: start afresh rather than grow
        _SIGNATURES[code] = (now, found)
    return found


def answer(code: str, me: str, number: int, raw: object) -> object:
    """Keep this student's answer to round ``number``; its value as read."""
    return shared_store().answer(code, me, number, raw).value


__all__ = ["ClassStoreError", "answer", "check_code", "new_class", "student_view", "teacher_view"]
