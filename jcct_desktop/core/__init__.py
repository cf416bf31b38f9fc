"""The domain core: plain Python, never imports Qt (enforced by import-linter and a test)."""
