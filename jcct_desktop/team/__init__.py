"""Team sync: the local notes database stays the working copy; a shared PostgreSQL database
carries every officer's notes, history, tags, follow-ups and assessments to everyone else.

No Qt here (import-linter): the command line and the window both drive ``sync.run_sync``.
"""
