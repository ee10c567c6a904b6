"""One base class for every failure a user can cause or fix, so entry points can print one line and exit 2."""


class PlaylistError(Exception):
    """A problem with input, data or configuration, worded for the person who can fix it."""


class CatalogError(PlaylistError):
    """The catalog cannot be found, downloaded, verified or read."""


class IndexMissingError(PlaylistError):
    """No index has been built where one was expected."""


class IndexMismatchError(PlaylistError):
    """The saved index was built with another model, catalog or template than the one in use."""
