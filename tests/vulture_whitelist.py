"""Names vulture cannot see used (tests/test_dead_code.py runs it over jcct_desktop with this
file): each is called or read by a framework, by the tests or the benchmarks, or holds a
reference on purpose. Add a name here only with its reason; a name vulture reports that has no
reason is dead code: delete it. Never imported; the names only have to appear."""

# ruff: noqa: B018, F821
# mypy and the app never import this file: `_` stands for "an instance of some class"

# -- Qt calls these (overrides of its virtual methods) -----------------------------------------
_.paintEvent  # ui/timeline/widget.py
_.wheelEvent
_.mouseMoveEvent
_.contextMenuEvent  # ui/timeline/widget.py, ui/tree/view.py
_.rowCount  # ui/tree/model.py: QAbstractItemModel
_.columnCount
_.headerData
_.hasChildren  # ui/tree/model.py: asked of every meeting laid out (rowCount would count it)
_.multiData  # ui/tree/model.py: the item delegate's roles for a cell, in one call
_.itemAt  # ui/flow_layout.py: QLayout
_.takeAt
_.expandingDirections
_.heightForWidth
_.splitPath  # ui/annotations/parts.py: QCompleter
_.pathFromIndex
_.mergeWith  # ui/annotations/commands.py: QUndoCommand
_.indexOfChild  # ui/timeline/accessible.py: QAccessibleInterface
_.focusChild
_.relations
_.childAt
_.invisible  # ui/timeline/accessible.py: QAccessible.State flags set for screen readers
_.focusable
_.selectable
_.offscreen

# -- reportlab calls or reads these ------------------------------------------------------------
_.beforeDocument  # pdf/template.py: DocTemplate hooks
_.afterFlowable
_.afterPage  # pdf/template.py: called by reportlab after each page (the build's progress)
_.isIndexing
stuff  # pdf/template.py: notify(kind, stuff), reportlab's signature
_.keepWithNext  # pdf/sector.py: flowable attributes
_.hAlign
_.levelStyles  # pdf/front.py: TableOfContents
_.debug  # pdf/flow.py
_._memo
_._indexingFlowables  # pdf/passes.py: the multi-pass build (reportlab internals, pinned)
_._doSave

# -- the standard library, SQLAlchemy, Alembic, python-docx call or read these -----------------
__getattr__  # pdf/__init__.py: Python asks it for the engine's names on first use (PEP 562)
_.handle_starttag  # factsheet_import/source.py: html.parser.HTMLParser
_.handle_endtag
_.handle_data
_.isolation_level  # store/notes/database.py: sqlite3.Connection
_pragmas  # store/reference/build.py: an SQLAlchemy "connect" event listener
ReadOnlyColumnCollection  # store/reference/models.py: named in a string annotation
KeyedColumnElement
pushed_at  # team/schema.py: a mapped column (written by the server's trigger)
down_revision  # team/migrations/versions/*.py: Alembic reads these
branch_labels
depends_on
downgrade
_.subject  # memo/docx_memo.py: the .docx core properties, written by python-docx
_.keywords
_.language

# -- values of enums and fields of records (read by name, by exports or by equality) -----------
EVENT_OR_DIALOGUE  # core/model.py: Kind
COOPERATION
fact_sheet  # core/model.py: Commitment.fact_sheet (which fact sheet its wording is)
foreground  # core/palette.py: Pair (the contrast test measures each)
background
needs
differ  # core/briefing/model.py: set by the packet builder; read by no section today

# -- the tests and the benchmarks use these, as a user would ------------------------------------
ratio  # core/contrast.py: tests/test_contrast.py measures the palette with it
FixedClock  # core/dates.py: the injectable clock (a stopped one, to reproduce a day)
using_clock
_.mark_centre  # ui/timeline/layout.py: where a mark is drawn (tests click there)
_.search_pending  # ui/filter_bar.py: whether typed text still waits for its search
_.set_search_text  # ui/main_window.py: search now, without the typing delay (bench/)
_.filter_pending  # ui/main_window.py: whether a typed search is still on its worker (tests, bench)
_.judged_count  # core/standing.py: how many standings were judged in full (the laziness tests)
shown_in_order  # ui/refilter.py: a set's ids in source order without a refilter (tests)
to_ics  # core/calendar_export.py: the whole calendar at once, the oracle of the streamed writer
to_json  # core/data_export.py: the whole JSON document at once, the streamed export's oracle
to_csv  # core/data_export.py: the whole CSV text at once, the streamed export's oracle

# -- references kept on purpose ----------------------------------------------------------------
_.toolbar  # ui/main_window.py: the window's parts, kept by name
_.filter_row
_.command_keys  # ui/main_window.py: the shortcuts' owner, alive as long as the window
_.commit_action  # ui/annotations/panel.py: the editor's Ctrl+Enter action, kept alive
_._shared  # pdf/flow.py: read back through __dict__ in wrap (a paragraph laid out alike)
