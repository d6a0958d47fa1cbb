"""PySide6 only: windows, thin Qt models over the core report model, delegates, undo commands."""

from .compat import protect_singletons

protect_singletons()
