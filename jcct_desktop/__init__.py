"""JCCT Desktop: an offline briefing app for JCCT commitments."""

__version__ = "0.1.0"
