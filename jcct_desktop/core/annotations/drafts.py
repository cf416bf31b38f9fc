"""Note drafts: what the officer is writing, kept as it is typed so nothing typed is lost.

A draft is not an edit: it is not recorded in the history and not undoable. One draft per
commitment and note: ``NEW_NOTE`` (0) is the note being written, any other id an unsaved edit
of that note. Adding or saving the note removes its draft in the same transaction.
Views hear ``draft_changed`` only when a commitment gains its first draft or loses its last.
The drafts are kept by the store (``jcct_desktop.store.annotations.drafts``).
"""

NEW_NOTE = 0
