"""The window: Qt models and widgets that present the core and send edits back to it."""
