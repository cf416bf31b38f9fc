"""The reference data: the bundled read-only database and the meetings the officer imported.

Its models, how it is built from reviewed TOML sources (with every field checked first), how
it is opened into core dataclasses, and ranked full-text search over it.
"""
