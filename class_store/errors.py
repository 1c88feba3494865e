"""The store's errors: each message is a plain sentence a page can show as it is.

Every error is a ``ClassStoreError``; catch that to show ``str(error)`` and keep the last good
state. The sub-classes tell a page which case it is (a student's wrong code, a teacher's bad link,
an answer refused, the database out of reach) without reading the words.
"""

from __future__ import annotations


class ClassStoreError(Exception):
    """Anything the class store refuses or cannot do; ``str(error)`` says what and what to do."""


class SetupError(ClassStoreError):
    """A class or round that cannot be made as asked: an unknown question, settings too long, a bad range."""


class UnknownClass(ClassStoreError):
    """No class has this join code (mistyped, or ended and deleted)."""


class ClassExpired(ClassStoreError):
    """The class has ended (past its expiry); nobody can answer, run or read it any more."""


class WrongSecret(ClassStoreError):
    """A teacher's link whose secret is not any class's: guessed, mistyped or cut short."""


class RoundError(ClassStoreError):
    """An answer to a round that is not open, or a teacher's step that does not fit the round's state."""


class NotRevealed(ClassStoreError):
    """A student asked for the spread of a round the teacher has not shown yet."""


class AnswerRefused(ClassStoreError):
    """An answer that is not one of the question's: a wrong option, not a number, out of range."""


class TooManyAnswers(ClassStoreError):
    """More answers from one session in a short time than a person gives (the rate limit)."""


class StoreUnavailable(ClassStoreError):
    """The database cannot be reached or is busy beyond the wait; try again in a moment."""
