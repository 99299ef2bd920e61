"""The Qt window: presents the core; edits go back to it as undoable commands."""
