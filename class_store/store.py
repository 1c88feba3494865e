"""The class store: classes, rounds and answers in one database that every replica shares.

Open it once per process (``shared_store()``, or ``open_store(url)``); every method is one short
transaction, so any replica can serve any request, a replica that dies loses nothing committed,
and an answer given again (a reconnecting tab, on another replica) replaces the session's answer
in that round rather than counting twice (``UNIQUE(round, session)``, upserted).

Who may do what:

- the teacher's **secret** (the control link) is the only way to start, close or reveal a
  round, read counts before they are revealed, export CSV or end the class;
- the **join code** admits ``answer`` (the open round only, as the session's anonymous id,
  at most ``RATE_LIMIT`` answers in ``RATE_WINDOW_S`` seconds per session, counted in the
  database so it holds across replicas), ``student_view`` and ``counts`` of revealed rounds.

A class and its answers expire ``hours`` after it is made (default 24): from then on it is
refused, and ``purge_expired`` (run by every ``create_class`` and at every opening) deletes it. The same SQL runs
on SQLite and PostgreSQL (SQLAlchemy Core; the upserts are ``INSERT ... ON CONFLICT``, which
both have). Every method raises only ``ClassStoreError``s, in plain words.
"""

from __future__ import annotations

import contextlib
import csv
import io
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import Row, case, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, SQLAlchemyError

from class_store import codes
from class_store.engine import READ_ONLY, database_url, make_engine, shown_url
from class_store.errors import (
    AnswerRefused, ClassExpired, ClassStoreError, NotRevealed, RoundError, SetupError, StoreUnavailable, TooManyAnswers,
    UnknownClass, WrongSecret,
)
from class_store.forms import Asked, asked_from_json, asked_to_json, check_answer, checked, response_of
from class_store.results import Answered, NewClass, Round, Spread, StudentView, TeacherView, spread_of
from class_store.schema import answers, classes, migrate, rate, rounds

log = logging.getLogger(__name__)

DEFAULT_HOURS = 24.0
MAX_HOURS = 24.0 * 7
MAX_ROUNDS = 50
RATE_LIMIT = 10  # answers per session and class ...
RATE_WINDOW_S = 10.0  # ... in this many seconds
CODE_TRIES = 20  # a new code that another live class has: draw again


def _number(number: object) -> int:
    """A round's number as given by a page: a whole number from 1 (RoundError for anything else)."""
    if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= MAX_ROUNDS:
        raise RoundError(f"There is no round {str(number)[:20]}: rounds are numbered 1 to {MAX_ROUNDS}.")
    return number


class ClassStore:
    """The store on one database (``engine``); ``clock`` gives seconds since 1970 (tests move it)."""

    def __init__(self, engine: Engine, clock: Callable[[], float] = time.time) -> None:
        self.engine = engine
        self.clock = clock
        self.dialect = engine.dialect.name
        # SQLite: one writer at a time in this process. Threads of one replica queue here, in
        # order, instead of all polling SQLite's busy handler (which sleeps 1, 2, 5, ... 100 ms
        # between tries); only the replicas contend for the file's write lock.
        self._writer = threading.Lock() if self.dialect == "sqlite" else contextlib.nullcontext()

    # --- transactions -------------------------------------------------------------------------

    @contextlib.contextmanager
    def _tx(self, read_only: bool = False, clash: bool = False) -> Iterator[Connection]:
        """One transaction (SQLite: BEGIN IMMEDIATE unless read-only); database failures become
        StoreUnavailable (an IntegrityError is passed on when the caller handles a ``clash``)."""
        try:
            with contextlib.nullcontext() if read_only else self._writer, self.engine.connect().execution_options(**{READ_ONLY: read_only}) as conn, conn.begin():
                yield conn
        except ClassStoreError:
            raise
        except IntegrityError:
            if clash:
                raise
            log.warning("class store: an unexpected clash", exc_info=True)
            raise StoreUnavailable("Two changes to this class met; try again.") from None
        except (DBAPIError, SQLAlchemyError) as error:
            log.warning("class store: %s", error)
            raise StoreUnavailable("The class store cannot be reached or is busy; try again in a moment.") from None

    def _insert(self, table: Any) -> Any:
        return (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)

    def close(self) -> None:
        self.engine.dispose()

    # --- finding a class ----------------------------------------------------------------------

    def _by_secret(self, conn: Connection, secret: object, now: float, lock: bool = False) -> Row[Any]:
        wanted = codes.secret_hash(secret)
        query = select(classes).where(classes.c.secret_hash == (wanted or ""))
        row = conn.execute(query.with_for_update(key_share=True) if lock else query).first() if wanted else None
        if row is None or not codes.same_hash(row.secret_hash, wanted or ""):
            raise WrongSecret("This teacher link is not valid: it may be cut short or mistyped. Open the link you got when you made the class, or make a new class.")
        if row.expires_at <= now:
            raise ClassExpired("This class has ended (its time is up) and its answers are being deleted. Make a new class.")
        return row

    def _by_code(self, conn: Connection, code: object, now: float) -> Row[Any]:
        normal = codes.normal_code(code)
        row = conn.execute(select(classes).where(classes.c.code == normal)).first() if normal else None
        if row is None:
            raise UnknownClass(f"No class has this code. A code is {codes.CODE_LENGTH} letters and digits, as the teacher shows it; check it and try again.")
        if row.expires_at <= now:
            raise ClassExpired("This class has ended; ask the teacher for the new code.")
        return row

    def _rounds(self, conn: Connection, class_id: int) -> list[Round]:
        counted = select(answers.c.round_id, func.count().label("n")).where(answers.c.class_id == class_id).group_by(answers.c.round_id).subquery()
        query = (
            select(rounds, func.coalesce(counted.c.n, 0).label("n"))
            .outerjoin(counted, counted.c.round_id == rounds.c.id)
            .where(rounds.c.class_id == class_id).order_by(rounds.c.number)
        )
        return [
            Round(r.number, r.state, asked_from_json(r.asked), r.opened_at, r.closed_at, r.revealed_at, int(r.n))
            for r in conn.execute(query)
        ]

    def _spread(self, conn: Connection, class_id: int, one: Round) -> Spread:
        round_id = select(rounds.c.id).where(rounds.c.class_id == class_id, rounds.c.number == one.number).scalar_subquery()
        rows = conn.execute(select(answers.c.value, answers.c.number).where(answers.c.round_id == round_id)).all()
        return spread_of(one.number, one.state, one.asked.form, [(r.value, r.number) for r in rows])

    # --- the teacher --------------------------------------------------------------------------

    def create_class(self, asked: Asked, hours: float = DEFAULT_HOURS) -> NewClass:
        """A new class asking ``asked`` (no round open yet), lasting ``hours``; its join code and
        the teacher's secret (returned once, kept hashed). Deletes expired classes first."""
        asked = checked(asked)
        if not isinstance(hours, (int, float)) or not 0 < hours <= MAX_HOURS:
            raise SetupError(f"A class lasts more than 0 and at most {MAX_HOURS:g} hours.")
        self.purge_expired()
        now = self.clock()
        for _ in range(CODE_TRIES):
            code, secret = codes.new_code(), codes.new_secret()
            try:
                with self._tx(clash=True) as conn:
                    conn.execute(classes.insert().values(
                        code=code, secret_hash=codes.secret_hash(secret), asked=asked_to_json(asked),
                        created_at=now, expires_at=now + hours * 3600.0,
                    ))
                return NewClass(code, secret, now + hours * 3600.0)
            except IntegrityError:  # that code is taken by a live class: draw another
                continue
        raise StoreUnavailable("No free join code was found; try again in a moment.")

    def start_round(self, secret: str, asked: Asked | None = None) -> Round:
        """Open the next round (1, 2, ...), asking ``asked`` (which becomes the class's question)
        or, without it, the class's question again (a re-vote). An open round is closed first."""
        now = self.clock()
        new = checked(asked) if asked is not None else None
        with self._tx() as conn:
            row = self._by_secret(conn, secret, now, lock=True)
            count = conn.execute(select(func.count()).select_from(rounds).where(rounds.c.class_id == row.id)).scalar() or 0
            if count >= MAX_ROUNDS:
                raise RoundError(f"A class has at most {MAX_ROUNDS} rounds; make a new class to go on.")
            text = asked_to_json(new) if new is not None else row.asked
            if new is not None:
                conn.execute(update(classes).where(classes.c.id == row.id).values(asked=text))
            conn.execute(update(rounds).where(rounds.c.class_id == row.id, rounds.c.state == "open").values(state="closed", closed_at=now))
            question_id = (new or asked_from_json(text)).question_id
            conn.execute(rounds.insert().values(
                class_id=row.id, number=count + 1, question_id=question_id, asked=text, state="open", opened_at=now,
            ))
            return self._rounds(conn, row.id)[-1]

    def close_round(self, secret: str) -> Round:
        """Close the open round: no answer is taken or changed after this."""
        now = self.clock()
        with self._tx() as conn:
            row = self._by_secret(conn, secret, now, lock=True)
            closing = update(rounds).where(rounds.c.class_id == row.id, rounds.c.state == "open").values(state="closed", closed_at=now)
            closed = conn.execute(closing.returning(rounds.c.number)).scalar()
            if closed is None:
                raise RoundError("No round is open: start a round first.")
            return self._round(conn, row.id, int(closed))

    def reveal(self, secret: str, number: int | None = None) -> Round:
        """Show round ``number``'s spread to the class (default: the latest round); an open
        round is closed first. Revealing a revealed round changes nothing."""
        number = None if number is None else _number(number)
        now = self.clock()
        with self._tx() as conn:
            row = self._by_secret(conn, secret, now, lock=True)
            known = self._rounds(conn, row.id)
            if not known:
                raise RoundError("There is no round yet: start one first.")
            wanted = known[-1].number if number is None else number
            if wanted not in [r.number for r in known]:
                raise RoundError(f"There is no round {wanted}; the rounds are 1 to {len(known)}.")
            one = rounds.c.class_id == row.id, rounds.c.number == wanted
            conn.execute(update(rounds).where(*one, rounds.c.state == "open").values(state="closed", closed_at=now))
            conn.execute(update(rounds).where(*one, rounds.c.state == "closed").values(state="revealed", revealed_at=now))
            return self._rounds(conn, row.id)[wanted - 1]

    def teacher_view(self, secret: str) -> TeacherView:
        """The class as the teacher's page shows it: code, rounds and every round's spread."""
        with self._tx(read_only=True) as conn:
            row = self._by_secret(conn, secret, self.clock())
            known = self._rounds(conn, row.id)
            return TeacherView(row.code, row.expires_at, asked_from_json(row.asked), tuple(known), tuple(self._spread(conn, row.id, r) for r in known))

    def teacher_counts(self, secret: str, number: int) -> Spread:
        """Round ``number``'s spread, whatever its state (the teacher's live histogram)."""
        number = _number(number)
        with self._tx(read_only=True) as conn:
            row = self._by_secret(conn, secret, self.clock())
            return self._spread(conn, row.id, self._round(conn, row.id, number))

    def export_csv(self, secret: str) -> str:
        """Every answer of the class as CSV: round, question, round state, student (s1, s2, ...:
        numbered by first answer in this class, never the session id), answer, time (UTC) and
        how often the answer was changed."""
        with self._tx(read_only=True) as conn:
            row = self._by_secret(conn, secret, self.clock())
            query = (
                select(rounds.c.number, rounds.c.question_id, rounds.c.state, answers.c.session_id, answers.c.value, answers.c.answered_at, answers.c.changes, answers.c.first_at)
                .join(answers, answers.c.round_id == rounds.c.id).where(rounds.c.class_id == row.id)
            )
            found = conn.execute(query).all()
        students: dict[str, str] = {}
        for r in sorted(found, key=lambda r: (r.first_at, r.number)):
            students.setdefault(r.session_id, f"s{len(students) + 1}")
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["round", "question", "state", "student", "answer", "answered_at_utc", "changes"])
        for r in sorted(found, key=lambda r: (r.number, int(students[r.session_id][1:]))):
            when = datetime.fromtimestamp(r.answered_at, timezone.utc).isoformat(timespec="seconds")
            writer.writerow([r.number, r.question_id, r.state, students[r.session_id], r.value, when, r.changes])
        return out.getvalue()

    def end_class(self, secret: str) -> None:
        """Delete the class and its answers now (the teacher is done with it)."""
        with self._tx() as conn:
            row = self._by_secret(conn, secret, self.clock(), lock=True)
            self._delete(conn, [row.id])

    # --- the students -------------------------------------------------------------------------

    def answer(self, code: str, session_id: str, round_number: int, value: object) -> Answered:
        """Keep this session's answer to round ``round_number`` of the class ``code`` (it must be
        the open round), replacing its earlier answer there. AnswerRefused with the reason for a
        value that is not one of the question's; TooManyAnswers past the rate limit."""
        if not codes.valid_session(session_id):
            raise AnswerRefused("This page has no session id; reload it and answer again.")
        round_number = _number(round_number)
        now = self.clock()
        with self._tx() as conn:
            row = self._by_code(conn, code, now)
            query = select(rounds).where(rounds.c.class_id == row.id, rounds.c.number == round_number)
            found = conn.execute(query.with_for_update(read=True)).first()  # PostgreSQL: no close can slip in before this answer commits
            if found is None or found.state != "open":
                state = "has not started" if found is None else "is closed"
                raise RoundError(f"Round {round_number} {state}: answers are taken only while the teacher keeps a round open.")
            asked = asked_from_json(found.asked)
            text, x = check_answer(asked.form, asked.answer_range, value)
            self._count_hit(conn, row.id, session_id, now)
            before = conn.execute(select(answers.c.value).where(answers.c.round_id == found.id, answers.c.session_id == session_id)).first()
            upsert = self._insert(answers).values(
                round_id=found.id, session_id=session_id, class_id=row.id, value=text, number=x, answered_at=now, first_at=now, changes=0,
            )
            changed = case((answers.c.value != upsert.excluded.value, 1), else_=0)
            conn.execute(upsert.on_conflict_do_update(
                index_elements=[answers.c.round_id, answers.c.session_id],
                set_={"value": upsert.excluded.value, "number": upsert.excluded.number, "answered_at": upsert.excluded.answered_at, "changes": answers.c.changes + changed},
            ))
            return Answered(round_number, response_of(asked.form, text), before is not None)

    def _count_hit(self, conn: Connection, class_id: int, session_id: str, now: float) -> None:
        fresh = rate.c.window_start <= now - RATE_WINDOW_S
        upsert = self._insert(rate).values(class_id=class_id, session_id=session_id, window_start=now, hits=1)
        hits = conn.execute(upsert.on_conflict_do_update(
            index_elements=[rate.c.class_id, rate.c.session_id],
            set_={"hits": case((fresh, 1), else_=rate.c.hits + 1), "window_start": case((fresh, now), else_=rate.c.window_start)},
        ).returning(rate.c.hits)).scalar_one()
        if hits > RATE_LIMIT:
            raise TooManyAnswers(f"That is more than {RATE_LIMIT} answers in {RATE_WINDOW_S:g} seconds; wait a few seconds, then answer again.")

    def student_view(self, code: str, session_id: str | None = None) -> StudentView:
        """The class as a student's page shows it: the latest round, this session's answer in
        it, and the spreads the teacher has revealed (nothing else, and never before)."""
        with self._tx(read_only=True) as conn:
            row = self._by_code(conn, code, self.clock())
            known = self._rounds(conn, row.id)
            latest = known[-1] if known else None
            mine = None
            if latest is not None and session_id is not None and codes.valid_session(session_id):
                round_id = select(rounds.c.id).where(rounds.c.class_id == row.id, rounds.c.number == latest.number).scalar_subquery()
                text = conn.execute(select(answers.c.value).where(answers.c.round_id == round_id, answers.c.session_id == session_id)).scalar()
                mine = response_of(latest.asked.form, text) if text is not None else None
            shown = tuple(r for r in known if r.state == "revealed")
            return StudentView(row.code, row.expires_at, latest, mine, tuple(self._spread(conn, row.id, r) for r in shown), shown)

    def counts(self, code: str, number: int) -> Spread:
        """Round ``number``'s spread for the class ``code``: only once the teacher revealed it."""
        number = _number(number)
        with self._tx(read_only=True) as conn:
            row = self._by_code(conn, code, self.clock())
            one = self._round(conn, row.id, number)
            if one.state != "revealed":
                raise NotRevealed(f"The teacher has not shown round {number}'s answers yet.")
            return self._spread(conn, row.id, one)

    def _round(self, conn: Connection, class_id: int, number: int) -> Round:
        for one in self._rounds(conn, class_id):
            if one.number == number:
                return one
        raise RoundError(f"There is no round {number} in this class.")

    # --- clean-up -----------------------------------------------------------------------------

    def purge_expired(self, now: float | None = None) -> int:
        """Delete every class past its expiry, with its rounds, answers and rate counts; how many."""
        at = self.clock() if now is None else now
        with self._tx() as conn:
            ids = [r.id for r in conn.execute(select(classes.c.id).where(classes.c.expires_at <= at))]
            self._delete(conn, ids)
        return len(ids)

    @staticmethod
    def _delete(conn: Connection, ids: list[int]) -> None:
        if not ids:
            return
        for table in (answers, rate, rounds):
            conn.execute(delete(table).where(table.c.class_id.in_(ids)))
        conn.execute(delete(classes).where(classes.c.id.in_(ids)))


def open_store(url: str | None = None, clock: Callable[[], float] = time.time) -> ClassStore:
    """A store on ``url`` (default: ``database_url()``, from GD_DATABASE_URL or the data folder),
    its schema created or migrated. StoreUnavailable, naming the database (password hidden),
    when it cannot be opened."""
    url = url or database_url()
    engine = make_engine(url)
    try:
        with engine.connect() as conn, conn.begin():
            migrate(conn)
    except ClassStoreError:
        engine.dispose()
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as error:
        engine.dispose()
        log.warning("class store: cannot open %s: %s", shown_url(url), error)
        raise StoreUnavailable(f"The class database {shown_url(url)} cannot be opened; check GD_DATABASE_URL and that the database is running.") from None
    store = ClassStore(engine, clock)
    store.purge_expired()
    return store


_shared: dict[str, ClassStore] = {}
_shared_lock = threading.Lock()


def shared_store() -> ClassStore:
    """This process's store on ``database_url()``, opened once (a page calls this every run)."""
    url = database_url()
    with _shared_lock:
        if url not in _shared:
            _shared[url] = open_store(url)
        return _shared[url]
