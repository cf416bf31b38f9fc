"""The notes database as a file: opening it safely, its schema and migrations, checking a file
before it is trusted, backups and recovery, and operations on the notes as a whole.

Every edit of the rows inside goes through the one service, :mod:`jcct_desktop.store.annotations`.
"""
