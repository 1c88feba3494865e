"""The one error type of the data boundary (re-exported by gd_core.formats and gd_core.data)."""


class DataError(ValueError):
    """The upload or the chosen columns cannot be used; the message says why and what to do."""
