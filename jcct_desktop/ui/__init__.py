"""Qt user interface: the main window and one package per pane (tree, detail, timeline)."""
