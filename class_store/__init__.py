"""The class store (issue 25): classes, rounds and anonymous answers in one database that every
replica shares, SQLite by default, PostgreSQL through ``GD_DATABASE_URL``. Plain Python: no
Streamlit here; pages reach it through ``ui``. See CLASS-API.md and ``class_store.store``.
"""

from class_store.codes import new_session_id, normal_code
from class_store.engine import database_url
from class_store.errors import (
    AnswerRefused, ClassExpired, ClassStoreError, NotRevealed, RoundError, SetupError, StoreUnavailable, TooManyAnswers,
    UnknownClass, WrongSecret,
)
from class_store.forms import Asked
from class_store.results import Answered, Bin, NewClass, OptionCount, Round, Spread, StudentView, TeacherView
from class_store.store import RATE_LIMIT, RATE_WINDOW_S, ClassStore, open_store, shared_store

__all__ = [
    "RATE_LIMIT", "RATE_WINDOW_S", "Answered", "AnswerRefused", "Asked", "Bin", "ClassExpired", "ClassStore", "ClassStoreError",
    "NewClass", "NotRevealed", "OptionCount", "Round", "RoundError", "SetupError", "Spread", "StoreUnavailable", "StudentView",
    "TeacherView", "TooManyAnswers", "UnknownClass", "WrongSecret", "database_url", "new_session_id", "normal_code",
    "open_store", "shared_store",
]
