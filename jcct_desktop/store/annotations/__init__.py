"""The notes kept in SQLite: the annotation service over ``annotations.sqlite`` (SQLAlchemy).

Implements the core's :class:`~jcct_desktop.core.annotations.store.AnnotationStore`; the rules
it applies (checks, merge rules, history wording) live in the core as plain functions.
"""

from jcct_desktop.store.annotations.service import AnnotationService

__all__ = ["AnnotationService"]
