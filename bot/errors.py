"""Errors a channel turns into a clear answer for its client."""


class UnknownConversation(LookupError):
    """No conversation has this token."""


class BadInput(ValueError):
    """The message cannot be accepted as given (the text says why)."""
