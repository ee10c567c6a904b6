"""A listener's own data: history import, the taste profile built from it, saved playlists, and the databases
(SQLite | PostgreSQL) that keep them."""

from typing import TYPE_CHECKING

from assistant import public_names

if TYPE_CHECKING:
    from assistant.profiles.account_commands import add_parser as add_accounts_parser
    from assistant.profiles.account_commands import run as run_accounts
    from assistant.profiles.accounts import Accounts
    from assistant.profiles.commands import add_parser as add_profile_parser
    from assistant.profiles.commands import run as run_profile
    from assistant.profiles.history import parse_history
    from assistant.profiles.profile import FeedbackKind, ProfileStore, check_listener_id
    from assistant.profiles.stores import Database, DatabaseError, open_database
    from assistant.profiles.story import StoryTeller
    from assistant.profiles.story_model import ListeningStory, StoryPeriod
    from assistant.profiles.story_text import story_lines
    from assistant.profiles.taste import ListenerProfile

__all__ = [
    "Accounts",
    "Database",
    "DatabaseError",
    "FeedbackKind",
    "ListenerProfile",
    "ListeningStory",
    "ProfileStore",
    "StoryPeriod",
    "StoryTeller",
    "add_accounts_parser",
    "add_profile_parser",
    "check_listener_id",
    "open_database",
    "parse_history",
    "run_accounts",
    "run_profile",
    "story_lines",
]

_HOMES = {
    "Accounts": "accounts.Accounts",
    "Database": "stores.Database",
    "DatabaseError": "stores.DatabaseError",
    "FeedbackKind": "profile.FeedbackKind",
    "ListenerProfile": "taste.ListenerProfile",
    "ListeningStory": "story_model.ListeningStory",
    "ProfileStore": "profile.ProfileStore",
    "StoryPeriod": "story_model.StoryPeriod",
    "StoryTeller": "story.StoryTeller",
    "add_accounts_parser": "account_commands.add_parser",
    "add_profile_parser": "commands.add_parser",
    "check_listener_id": "profile.check_listener_id",
    "open_database": "stores.open_database",
    "parse_history": "history.parse_history",
    "run_accounts": "account_commands.run",
    "run_profile": "commands.run",
    "story_lines": "story_text.story_lines",
}

__getattr__ = public_names(__name__, _HOMES)
