"""SQLAlchemy models and sessions: the bundled reference database (and later user data)."""
