"""Importer for a new fact sheet: source text → reviewed-later drafts → a user reference database.

Plain Python, no Qt: the CLI (``cli.import_factsheet``) and the window's dialog both call it.
"""
