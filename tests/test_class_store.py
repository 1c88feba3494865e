"""The class store (class_store/, issue 25) against both databases it runs on.

Every test here runs twice: on a SQLite file and on a real PostgreSQL server that the
``postgres`` fixture starts on 127.0.0.1 and stops (tests/pg_server.py). Each test gets a new,
empty database (PostgreSQL: one database whose schema is dropped and made again), and a clock it moves by hand (expiry, the rate limit's window). Two stores on
one database are two replicas; the concurrency tests at the end run two processes.

The forms are the lesson questions' own, made from real contexts (gd_core.questions.form).
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from class_store import (
    AnswerRefused, Asked, ClassExpired, ClassStore, NotRevealed, RoundError, SetupError, StoreUnavailable, TooManyAnswers,
    UnknownClass, WrongSecret, new_session_id, open_store,
)
from class_store import codes, schema
from class_store.store import RATE_LIMIT, RATE_WINDOW_S
from gd_core.contexts import intuition_context, learning_rate_context
from gd_core.curves import CURVES
from gd_core.questions import form, question

ROOT = Path(__file__).resolve().parents[1]
DAY = 24 * 3600.0


class Clock:
    """Seconds since 1970, moved by the test."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


INTUITION = intuition_context(CURVES["bowl"], 7.0, 0.1, 30)
RATES = learning_rate_context(CURVES["bowl"], 7.0, (0.1, 0.5, 0.9, 1.1), 30)
VIEW = {"curve": "Convex bowl", "w0": 7, "alpha": 0.1, "iters": 30}


def direction() -> Asked:
    return Asked("intuition.direction", VIEW, form(question("intuition.direction"), INTUITION))


def first_step() -> Asked:
    return Asked("intuition.first_step", VIEW, form(question("intuition.first_step"), INTUITION), (-2.0, 8.0))


def behaviour() -> Asked:
    return Asked("learning_rate.behaviour", {"alphas": "0.1,0.5,0.9,1.1", "w0": 7}, form(question("learning_rate.behaviour"), RATES))


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'classes.sqlite3'}"
    return request.getfixturevalue("postgres").empty_database()


@pytest.fixture()
def clock() -> Clock:
    return Clock()


@pytest.fixture()
def store(url: str, clock: Clock) -> Iterator[ClassStore]:
    opened = open_store(url, clock=clock)
    try:
        yield opened
    finally:
        opened.close()


def rows(store: ClassStore, table: schema.Table) -> int:
    with store.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


# --- a class's rounds --------------------------------------------------------------------------


def test_a_round_from_start_to_reveal_and_a_revote(store: ClassStore) -> None:
    new = store.create_class(direction())
    assert len(new.code) == 6 and set(new.code) <= set(codes.ALPHABET)
    assert store.student_view(new.code).round is None
    assert store.start_round(new.secret).state == "open"
    said = {new_session_id(): key for key in ("left", "left", "left", "right", "stays")}
    for session, key in said.items():
        assert store.answer(new.code, session, 1, key).replaced is False
    live = store.teacher_view(new.secret)
    assert [(o.key, o.count) for o in live.spreads[0].options] == [("left", 3), ("right", 1), ("stays", 1)]
    assert live.rounds[0].answers == 5 and live.code == new.code
    assert store.student_view(new.code).revealed == ()  # nothing shown before the teacher shows it
    assert store.close_round(new.secret).state == "closed"
    assert store.reveal(new.secret).state == "revealed"
    assert store.counts(new.code, 1).total == 5
    # Round two: the same question again; both rounds side by side.
    second = store.start_round(new.secret)
    assert (second.number, second.asked.question_id, second.state) == (2, "intuition.direction", "open")
    for session in said:
        store.answer(new.code, session, 2, "left")
    view = store.teacher_view(new.secret)
    assert [r.state for r in view.rounds] == ["revealed", "open"]
    assert [s.total for s in view.spreads] == [5, 5]
    assert [o.count for o in view.spreads[1].options] == [5, 0, 0]
    student = store.student_view(new.code, next(iter(said)))
    assert student.round is not None and student.round.number == 2 and student.mine == "left"
    assert [s.round for s in student.revealed] == [1]


def test_a_second_answer_in_a_round_replaces_the_first(store: ClassStore) -> None:
    new = store.create_class(direction())
    store.start_round(new.secret)
    me = new_session_id()
    assert store.answer(new.code, me, 1, "right").replaced is False
    again = store.answer(new.code, me, 1, "left")
    assert again.replaced is True and again.value == "left"
    assert store.answer(new.code, me, 1, "left").replaced is True  # the same answer again (a reconnecting tab)
    spread = store.teacher_counts(new.secret, 1)
    assert spread.total == 1 and [o.count for o in spread.options] == [1, 0, 0]
    assert store.student_view(new.code, me).mine == "left"
    table = list(csv.DictReader(io.StringIO(store.export_csv(new.secret))))
    assert [(r["student"], r["answer"], r["changes"]) for r in table] == [("s1", "left", "1")]


def test_a_number_round_and_one_answer_per_item(store: ClassStore) -> None:
    new = store.create_class(first_step())
    store.start_round(new.secret)
    for said in ("6.2", " 6,25 ", "−2", 7, "8"):
        store.answer(new.code, new_session_id(), 1, said)
    spread = store.teacher_counts(new.secret, 1)
    assert spread.kind == "number" and spread.values == (-2.0, 6.2, 6.25, 7.0, 8.0)
    assert sum(b.count for b in spread.bins) == 5 and spread.bins[0].lo == -2.0 and spread.bins[-1].hi == 8.0
    assert [b.count for b in spread.bins][-2:] == [2, 2]  # 6.2 and 6.25 in [6, 7); 7 and 8 in the last bin, closed: [7, 8]
    third = store.start_round(new.secret, behaviour())
    assert third.asked.question_id == "learning_rate.behaviour"
    store.answer(new.code, new_session_id(), 2, "creeps,converges,oscillates,diverges")
    store.answer(new.code, new_session_id(), 2, ("converges", "converges", "oscillates", "diverges"))
    items = store.teacher_counts(new.secret, 2).items
    assert [label for label, _ in items] == ["α = 0.1", "α = 0.5", "α = 0.9", "α = 1.1"]
    assert {o.key: o.count for o in items[0][1]}["creeps"] == 1 and {o.key: o.count for o in items[3][1]}["diverges"] == 2
    assert store.teacher_view(new.secret).asked.question_id == "learning_rate.behaviour"  # the class's question now


def test_answers_go_to_the_open_round_only(store: ClassStore) -> None:
    new = store.create_class(direction())
    with pytest.raises(RoundError, match="Round 1 has not started"):
        store.answer(new.code, new_session_id(), 1, "left")
    store.start_round(new.secret)
    store.close_round(new.secret)
    with pytest.raises(RoundError, match="Round 1 is closed"):
        store.answer(new.code, new_session_id(), 1, "left")
    with pytest.raises(RoundError, match="No round is open"):
        store.close_round(new.secret)
    store.start_round(new.secret)
    with pytest.raises(RoundError, match="Round 1 is closed"):  # a late answer to round 1 never lands in round 2
        store.answer(new.code, new_session_id(), 1, "left")
    store.start_round(new.secret)  # starting round 3 closes round 2
    assert [r.state for r in store.teacher_view(new.secret).rounds] == ["closed", "closed", "open"]
    with pytest.raises(RoundError, match="no round 7"):
        store.reveal(new.secret, 7)


# --- nobody where they do not belong -----------------------------------------------------------


def test_a_join_code_cannot_run_or_read_a_class(store: ClassStore) -> None:
    mine, other = store.create_class(direction()), store.create_class(direction())
    for new in (mine, other):
        store.start_round(new.secret)
        store.answer(new.code, new_session_id(), 1, "right")
    # A join code in place of the secret: refused for every teacher's step, own class or another's.
    for code in (mine.code, other.code, mine.code.lower()):
        for step in (store.close_round, store.reveal, store.teacher_view, store.export_csv, store.end_class, store.start_round):
            with pytest.raises(WrongSecret, match="teacher link is not valid"):
                step(code)
        with pytest.raises(WrongSecret):
            store.teacher_counts(code, 1)
    # A student reads counts only once revealed, and only its own class's.
    with pytest.raises(NotRevealed, match="has not shown round 1"):
        store.counts(mine.code, 1)
    store.reveal(other.secret)
    with pytest.raises(NotRevealed):
        store.counts(mine.code, 1)  # the other class's reveal shows nothing of this one
    assert store.student_view(mine.code).revealed == ()
    # One class's secret changes only its own class.
    store.close_round(mine.secret)
    assert store.teacher_view(other.secret).rounds[0].state == "revealed"
    assert store.teacher_view(mine.secret).rounds[0].state == "closed"


def test_a_guessed_or_mangled_secret_is_refused(store: ClassStore) -> None:
    new = store.create_class(direction())
    store.start_round(new.secret)
    flipped = new.secret[:-1] + ("A" if new.secret[-1] != "A" else "B")
    guesses = [codes.new_secret(), flipped, new.secret[:-1], new.secret + "x", "", " " + new.secret, "x" * 10_000, None, 12345, codes.secret_hash(new.secret)]
    for guess in guesses:
        with pytest.raises(WrongSecret):
            store.close_round(guess)  # type: ignore[arg-type]
    assert store.teacher_view(new.secret).rounds[0].state == "open"


def test_the_database_never_holds_the_secret(store: ClassStore) -> None:
    new = store.create_class(direction())
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.classes)).one()
    assert new.secret not in repr(tuple(row))
    assert row.secret_hash == codes.secret_hash(new.secret) and len(row.secret_hash) == 64


def test_an_expired_class_is_refused_then_deleted(store: ClassStore, clock: Clock) -> None:
    old = store.create_class(direction())
    store.start_round(old.secret)
    store.answer(old.code, new_session_id(), 1, "left")
    clock.now += DAY - 1
    assert store.teacher_view(old.secret).code == old.code  # a second before its end, it is there
    clock.now += 1
    for refused in (
        lambda: store.teacher_view(old.secret), lambda: store.close_round(old.secret), lambda: store.export_csv(old.secret),
        lambda: store.answer(old.code, new_session_id(), 1, "left"), lambda: store.student_view(old.code),
    ):
        with pytest.raises(ClassExpired, match="ended"):
            refused()
    fresh = store.create_class(direction())  # making a class purges the expired one
    store.start_round(fresh.secret)
    store.answer(fresh.code, new_session_id(), 1, "stays")
    with pytest.raises(WrongSecret):
        store.teacher_view(old.secret)
    with pytest.raises(UnknownClass):
        store.student_view(old.code)
    assert (rows(store, schema.classes), rows(store, schema.rounds), rows(store, schema.answers), rows(store, schema.rate)) == (1, 1, 1, 1)
    clock.now += DAY
    assert store.purge_expired() == 1
    assert (rows(store, schema.classes), rows(store, schema.rounds), rows(store, schema.answers), rows(store, schema.rate)) == (0, 0, 0, 0)


def test_a_teacher_can_end_a_class_at_once(store: ClassStore) -> None:
    new = store.create_class(direction(), hours=2)
    store.start_round(new.secret)
    store.answer(new.code, new_session_id(), 1, "left")
    store.end_class(new.secret)
    assert rows(store, schema.answers) == 0
    with pytest.raises(UnknownClass):
        store.answer(new.code, new_session_id(), 1, "left")


@pytest.mark.parametrize(
    ("asked", "said", "message"),
    [
        (direction, "up", "Pick one of the answers: ‘w moves left (to a smaller w)’ (left)"),
        (direction, "", "Pick one of the answers"),
        (direction, "left" * 100, "Pick one of the answers"),
        (first_step, "9", "Give a number from −2 to 8 (w); 9 is outside."),
        (first_step, "-2.01", "Give a number from −2 to 8 (w)"),
        (first_step, "nan", "Type a number such as 2.5"),
        (first_step, "1e999", "Type a number such as 2.5"),
        (first_step, float("inf"), "Type a number such as 2.5"),
        (first_step, "6.2; DROP TABLE gd_answers", "Type a number such as 2.5"),
        (behaviour, "creeps,converges", "Give one answer for each of the 4"),
        (behaviour, "creeps,converges,oscillates,explodes", "Pick one of the answers"),
    ],
)
def test_an_answer_outside_the_question_is_refused_with_a_message(store: ClassStore, asked, said, message) -> None:  # type: ignore[no-untyped-def]
    new = store.create_class(asked())
    store.start_round(new.secret)
    me = new_session_id()
    with pytest.raises(AnswerRefused) as refused:
        store.answer(new.code, me, 1, said)
    assert message in str(refused.value)
    assert store.teacher_counts(new.secret, 1).total == 0 and rows(store, schema.answers) == 0


def test_what_a_page_could_pass_by_mistake_is_said_in_words(store: ClassStore) -> None:
    new = store.create_class(behaviour())
    store.start_round(new.secret)
    for value in (5, None, object(), {"a": 1}, b"creeps", 1e400):
        with pytest.raises(AnswerRefused):
            store.answer(new.code, new_session_id(), 1, value)
    for number in ("1", 1.0, True, 0, -1, None, 10**20):
        with pytest.raises(RoundError, match="There is no round"):
            store.answer(new.code, new_session_id(), number, "creeps,creeps,creeps,creeps")  # type: ignore[arg-type]
        with pytest.raises(RoundError, match="There is no round"):
            store.counts(new.code, number)  # type: ignore[arg-type]
        with pytest.raises(RoundError, match="There is no round"):
            store.teacher_counts(new.secret, number)  # type: ignore[arg-type]
    assert store.teacher_counts(new.secret, 1).total == 0


def test_a_refused_answer_keeps_the_last_good_one(store: ClassStore) -> None:
    new = store.create_class(first_step())
    store.start_round(new.secret)
    me = new_session_id()
    store.answer(new.code, me, 1, "6.2")
    with pytest.raises(AnswerRefused):
        store.answer(new.code, me, 1, "80")
    assert store.student_view(new.code, me).mine == 6.2


def test_a_session_id_and_a_code_are_checked(store: ClassStore) -> None:
    new = store.create_class(direction())
    store.start_round(new.secret)
    for bad in ("", "short", "x" * 65, "a b c d e f g h i j", None):
        with pytest.raises(AnswerRefused, match="no session id"):
            store.answer(new.code, bad, 1, "left")  # type: ignore[arg-type]
    spaced = f" {new.code[:3].lower()}-{new.code[3:]} "  # typed on a phone
    assert store.answer(spaced, new_session_id(), 1, "left").round == 1
    taken = set(new.code)
    unused = next(c for c in codes.ALPHABET if c not in taken)
    for wrong in (unused * 6, "O0I1O0", "", new.code + "2", "'; --"):
        with pytest.raises(UnknownClass, match="No class has this code"):
            store.answer(wrong, new_session_id(), 1, "left")


def test_the_rate_limit_holds_across_replicas(url: str, clock: Clock) -> None:
    one, two = open_store(url, clock=clock), open_store(url, clock=clock)  # two replicas on one database
    try:
        new = one.create_class(direction())
        one.start_round(new.secret)
        me, neighbour = new_session_id(), new_session_id()
        for k in range(RATE_LIMIT):
            (one if k % 2 else two).answer(new.code, me, 1, ("left", "right")[k % 2])
        for replica in (one, two):
            with pytest.raises(TooManyAnswers, match=f"more than {RATE_LIMIT} answers in {RATE_WINDOW_S:g} seconds"):
                replica.answer(new.code, me, 1, "stays")
        assert two.answer(new.code, neighbour, 1, "stays").round == 1  # another session is not held back
        assert one.student_view(new.code, me).mine == "right"  # the refused ones changed nothing
        clock.now += RATE_WINDOW_S
        assert one.answer(new.code, me, 1, "stays").value == "stays"
        assert two.teacher_counts(new.secret, 1).total == 2
    finally:
        one.close()
        two.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Asked("no.such.question", {}, direction().form), "There is no question"),
        (lambda: Asked("intuition.direction", {"w 0": 1}, direction().form), "URL name"),
        (lambda: Asked("intuition.direction", {"w0": float("nan")}, direction().form), "not a finite number"),
        (lambda: Asked("intuition.direction", {f"p{k}": k for k in range(41)}, direction().form), "at most 40 settings"),
        (lambda: Asked("intuition.direction", {"expr": "w" * 5000}, direction().form), "longer than 4000"),
        (lambda: Asked("intuition.direction", VIEW, direction().form, (0.0, 1.0)), "Only a number question has a range"),
        (lambda: Asked("intuition.first_step", VIEW, first_step().form, (3.0, 3.0)), "range goes from a lower to a higher"),
        (lambda: Asked("intuition.first_step", VIEW, first_step().form, (0.0, float("inf"))), "range goes from"),
    ],
)
def test_a_class_that_cannot_be_asked_is_refused(store: ClassStore, make, message) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SetupError, match=message):
        store.create_class(make())
    assert rows(store, schema.classes) == 0


def test_hours_and_round_limits(store: ClassStore, monkeypatch: pytest.MonkeyPatch) -> None:
    for hours in (0, -1, 24 * 7 + 1, float("nan"), "24"):
        with pytest.raises(SetupError, match="A class lasts"):
            store.create_class(direction(), hours=hours)  # type: ignore[arg-type]
    new = store.create_class(direction())
    monkeypatch.setattr("class_store.store.MAX_ROUNDS", 2)
    store.start_round(new.secret)
    store.start_round(new.secret)
    with pytest.raises(RoundError, match="at most 2 rounds"):
        store.start_round(new.secret)


def test_a_code_taken_by_a_live_class_is_drawn_again(store: ClassStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first = store.create_class(direction())
    drawn = iter([first.code, first.code, "ABCDEF"])
    monkeypatch.setattr(codes, "new_code", lambda: next(drawn))
    assert store.create_class(direction()).code == "ABCDEF"


def test_the_csv_holds_answers_not_sessions(store: ClassStore, clock: Clock) -> None:
    new = store.create_class(direction())
    store.start_round(new.secret)
    sessions = [new_session_id() for _ in range(3)]
    for session, key in zip(sessions, ("left", "right", "left")):
        clock.now += 1
        store.answer(new.code, session, 1, key)
    store.reveal(new.secret)
    store.start_round(new.secret)
    store.answer(new.code, sessions[1], 2, "left")
    text = store.export_csv(new.secret)
    assert not any(session in text for session in sessions)
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == ["round", "question", "state", "student", "answer", "answered_at_utc", "changes"]
    assert [(r["round"], r["state"], r["student"], r["answer"]) for r in table] == [
        ("1", "revealed", "s1", "left"), ("1", "revealed", "s2", "right"), ("1", "revealed", "s3", "left"), ("2", "open", "s2", "left"),
    ]
    assert table[-1]["round"] == "2" and table[-1]["answered_at_utc"].endswith("+00:00")


# --- the schema ---------------------------------------------------------------------------------


def test_the_schema_is_made_once_and_versioned(url: str, clock: Clock) -> None:
    first = open_store(url, clock=clock)
    new = first.create_class(direction())
    second = open_store(url, clock=clock)  # a second replica starting: finds the schema, keeps the data
    try:
        assert second.teacher_view(new.secret).code == new.code
        with second.engine.connect() as conn:
            assert conn.execute(select(schema.schema_version.c.version)).scalar_one() == schema.SCHEMA_VERSION
    finally:
        first.close()
        second.close()


def start_replicas(url: str, count: int = 4) -> tuple[list[ClassStore], list[BaseException]]:
    """``count`` threads open a store on ``url`` at the same moment: the stores opened, the errors."""
    opened: list[ClassStore] = []
    failed: list[BaseException] = []
    go = threading.Event()

    def replica() -> None:
        go.wait()
        try:
            opened.append(open_store(url))
        except BaseException as error:  # noqa: BLE001 - the test reports it
            failed.append(error)

    threads = [threading.Thread(target=replica) for _ in range(count)]
    for thread in threads:
        thread.start()
    go.set()
    for thread in threads:
        thread.join(60)
    return opened, failed


def test_replicas_starting_together_make_the_schema_once(url: str) -> None:
    opened, failed = start_replicas(url)
    try:
        assert not failed and len(opened) == 4
        assert rows(opened[0], schema.schema_version) == 1
        new = opened[1].create_class(direction())
        assert opened[3].teacher_view(new.secret).code == new.code
    finally:
        for store in opened:
            store.close()


def test_replicas_starting_together_on_a_new_sqlite_file_never_find_it_locked(tmp_path: Path) -> None:
    # Switching a new file to WAL while another connection does the same answers "database is
    # locked" at once, without the busy timeout: about 1 start in 10 failed before engine._wal
    # retried it, so 40 starts of four replicas each all but always met it.
    for start in range(40):
        opened, failed = start_replicas(f"sqlite:///{tmp_path / f'start{start}.sqlite3'}")
        for store in opened:
            store.close()
        assert not failed and len(opened) == 4, f"start {start}: {failed}"


def test_a_migration_step_runs_once_and_a_newer_schema_is_refused(url: str) -> None:
    store = open_store(url)
    ran: list[int] = []
    try:
        with store.engine.connect() as conn, conn.begin():
            assert schema.migrate(conn, target=schema.SCHEMA_VERSION + 1, steps={schema.SCHEMA_VERSION + 1: lambda c: ran.append(1)}) == schema.SCHEMA_VERSION
        with store.engine.connect() as conn, conn.begin():
            schema.migrate(conn, target=schema.SCHEMA_VERSION + 1, steps={schema.SCHEMA_VERSION + 1: lambda c: ran.append(2)})
        assert ran == [1]
    finally:
        store.close()
    with pytest.raises(StoreUnavailable, match="newer version of this app"):
        open_store(url)  # this code knows SCHEMA_VERSION; the database says one more


def test_a_database_out_of_reach_is_said_in_words(tmp_path: Path) -> None:
    with pytest.raises(StoreUnavailable) as refused:
        open_store("postgresql+psycopg://gd:hunter2@127.0.0.1:9/gd")
    assert "cannot be opened" in str(refused.value) and "hunter2" not in str(refused.value)
    with pytest.raises(StoreUnavailable, match="SQLite or PostgreSQL"):
        open_store("mysql://x@127.0.0.1/y")
    with pytest.raises(StoreUnavailable, match="not a database URL"):
        open_store("not a url")
    blocked = tmp_path / "file"
    blocked.write_text("")
    with pytest.raises(StoreUnavailable, match="cannot be opened"):
        open_store(f"sqlite:///{blocked}/inside/classes.sqlite3")  # its folder cannot be made


def test_the_default_database_is_a_file_in_the_data_folder(tmp_path: Path) -> None:
    from class_store.engine import database_url  # noqa: PLC0415

    assert database_url({"GD_DATA_DIR": str(tmp_path)}) == f"sqlite:///{tmp_path / 'classes.sqlite3'}"
    assert database_url({}).endswith("/var/classes.sqlite3")
    assert database_url({"GD_DATABASE_URL": " postgresql+psycopg://a@b/c "}) == "postgresql+psycopg://a@b/c"
    store = open_store(database_url({"GD_DATA_DIR": str(tmp_path / "data")}))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert (tmp_path / "data").stat().st_mode & 0o077 == 0  # the folder is its owner's only
        store.create_class(direction())
        for made in (tmp_path / "data").iterdir():
            assert made.stat().st_mode & 0o077 == 0, made.name  # and so are the database and its -wal, -shm files
    finally:
        store.close()


# --- many at once -------------------------------------------------------------------------------

WRITER = """
import sys
from class_store import open_store
store = open_store(sys.argv[1])
code, first, last = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for k in range(first, last):
    session = f"student-{k:04d}-abcdefgh"
    store.answer(code, session, 1, "right")  # first thought,
    store.answer(code, session, 1, "left" if k % 3 else "stays")  # then the answer it keeps
print("done", last - first)
"""


def test_two_processes_answering_at_once_lose_and_double_nothing(url: str) -> None:
    store = open_store(url)
    try:
        new = store.create_class(direction())
        store.start_round(new.secret)
        # Two replicas; sessions 40-59 answer through both (a tab that reconnected to the other one).
        runs = [
            subprocess.Popen([sys.executable, "-c", WRITER, url, new.code, str(first), str(last)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for first, last in ((0, 60), (40, 100))
        ]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], [err[-2000:] for _, err in outputs]
        spread = store.teacher_counts(new.secret, 1)
        assert spread.total == 100
        counted = {o.key: o.count for o in spread.options}
        assert counted == {"left": sum(1 for k in range(100) if k % 3), "right": 0, "stays": sum(1 for k in range(100) if not k % 3)}
        assert rows(store, schema.answers) == 100
    finally:
        store.close()


STUDENTS = 40


def test_every_answer_taken_before_the_close_is_counted_and_none_after(url: str) -> None:
    replicas = [open_store(url), open_store(url)]
    try:
        new = replicas[0].create_class(direction())
        replicas[0].start_round(new.secret)
        taken: list[str] = []
        refused: list[str] = []
        lock = threading.Lock()
        go = threading.Event()

        def student(k: int) -> None:
            session = f"student-{k:04d}-abcdefgh"
            go.wait()
            try:
                replicas[k % 2].answer(new.code, session, 1, "left")
                with lock:
                    taken.append(session)
            except RoundError:
                with lock:
                    refused.append(session)

        threads = [threading.Thread(target=student, args=(k,)) for k in range(STUDENTS)]
        for thread in threads:
            thread.start()
        go.set()
        replicas[1].close_round(new.secret)  # in the middle of the rush
        at_close = replicas[1].teacher_counts(new.secret, 1).total
        for thread in threads:
            thread.join(60)
        assert len(taken) + len(refused) == STUDENTS
        after = replicas[0].teacher_counts(new.secret, 1)
        assert after.total == len(taken) == at_close  # every answer taken is counted, none refused, none lands after the close
        assert rows(replicas[0], schema.answers) == len(taken)
    finally:
        for replica in replicas:
            replica.close()


def test_serve_hands_every_replica_one_store(url: str, tmp_path: Path) -> None:
    from deploy.serve import replica_environment  # noqa: PLC0415

    given = replica_environment({"GD_DATABASE_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": "s"}, None)
    assert given["GD_DATABASE_URL"] == url and given["STREAMLIT_SERVER_COOKIE_SECRET"] == "s"
    made = open_store(url)
    try:
        with made.engine.connect() as conn:  # serve.py made the schema before any replica started
            assert conn.execute(select(schema.schema_version.c.version)).scalar_one() == schema.SCHEMA_VERSION
    finally:
        made.close()
    assert replica_environment({}, url)["GD_DATABASE_URL"] == url  # --database-url
    default = replica_environment({"GD_DATA_DIR": str(tmp_path / "data")}, None)
    assert default["GD_DATABASE_URL"] == f"sqlite:///{tmp_path / 'data' / 'classes.sqlite3'}"
    assert (tmp_path / "data" / "classes.sqlite3").exists()
    with pytest.raises(SystemExit, match="serve.py: The class database postgresql\\+psycopg://gd:\\*\\*\\*@127.0.0.1:9/gd cannot be opened"):
        replica_environment({}, "postgresql+psycopg://gd:pw@127.0.0.1:9/gd")


DYING = """
import sys, time
from class_store import open_store
from class_store.store import ClassStore
store = open_store(sys.argv[1])
code = sys.argv[2]
for k in range(5):
    store.answer(code, f"kept-{k:04d}-abcdefghij", 1, "right")
hit = ClassStore._count_hit
def hold(self, *args):
    hit(self, *args)
    print("holding", flush=True)  # mid-answer: the round locked for share, the rate row written, nothing committed
    time.sleep(120)
ClassStore._count_hit = hold
store.answer(code, "dying-0000-abcdefghij", 1, "left")
"""


def test_a_replica_killed_mid_answer_loses_nothing_committed_and_blocks_no_one(url: str) -> None:
    store = open_store(url)
    try:
        new = store.create_class(direction())
        store.start_round(new.secret)
        child = subprocess.Popen([sys.executable, "-c", DYING, url, new.code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "holding", child.stderr.read() if child.stderr else ""
        finally:
            child.kill()  # SIGKILL: no clean-up of any kind, as when a replica's machine pulls the plug on it
            child.wait(30)
        me = new_session_id()
        assert store.answer(new.code, me, 1, "stays").replaced is False  # the lock died with it
        store.close_round(new.secret)
        spread = store.teacher_counts(new.secret, 1)
        assert {o.key: o.count for o in spread.options} == {"left": 0, "right": 5, "stays": 1}
    finally:
        store.close()


def test_a_postgresql_restart_mid_round_costs_no_answer(postgres) -> None:  # type: ignore[no-untyped-def]
    store = open_store(postgres.empty_database())
    try:
        new = store.create_class(direction())
        store.start_round(new.secret)
        before = new_session_id()
        store.answer(new.code, before, 1, "left")
        postgres.restart()  # every pooled connection is cut; the pool finds out on its next checkout
        store.answer(new.code, new_session_id(), 1, "right")
        assert store.teacher_counts(new.secret, 1).total == 2
        assert store.student_view(new.code, before).mine == "left"
    finally:
        store.close()
