"""The one exception a user sees as a one-line message instead of a traceback."""


class InputError(ValueError):
    """Bad input (a parameter, a file, a metadata row): the message names it and what to do."""
