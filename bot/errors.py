"""Errors a channel turns into a clear answer for its client."""


class UnknownConversation(LookupError):
    """No conversation has this token."""


class BadInput(ValueError):
    """The message cannot be accepted as given (the text says why)."""


class NotStored(RuntimeError):
    """The message could not be stored (e.g. the database is down). The channel must not
    acknowledge it, so the sender can send it again; nothing was answered."""


class Duplicate(LookupError):
    """The channel delivered this message before (e.g. Telegram redelivers an update it
    thinks went unanswered): it is stored and answered already, so nothing is done."""
