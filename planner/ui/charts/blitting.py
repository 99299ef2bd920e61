"""Fast chart updates: data artists blitted over a saved background, layout on resize only."""

from __future__ import annotations

from collections.abc import Callable, Iterable


class FastRedraw:
    """Keeps an edit's redraw to the artists that move.

    The artists ``artists()`` yields are animated: a full draw paints the rest (axes,
    ticks, legends) and saves it as a background; ``blit()`` then repaints only the
    moving artists over it. Constrained layout, which costs as much as a whole draw, runs
    when the canvas is resized or ``relayout()`` is called, not on every draw.
    """

    def __init__(self, figure, canvas, artists: Callable[[], Iterable]) -> None:
        self.figure = figure
        self.canvas = canvas
        self._artists = artists
        self._engine = figure.get_layout_engine()
        figure.set_layout_engine("none")
        self._background = None
        for artist in artists():
            artist.set_animated(True)
        canvas.mpl_connect("resize_event", lambda _event: self.relayout())
        canvas.mpl_connect("draw_event", self._on_draw)

    def relayout(self) -> None:
        if self._engine is not None:
            self._engine.execute(self.figure)

    def _draw_artists(self) -> None:
        for artist in self._artists():
            if artist.get_visible():
                self.figure.draw_artist(artist)

    def _on_draw(self, _event) -> None:
        """After a full draw: keep the background, then paint the moving parts on it."""
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)
        self._draw_artists()

    def blit(self) -> None:
        """Repaint the moving artists; a full draw when no background is saved yet."""
        if self._background is None:
            self.canvas.draw_idle()
            return
        self.canvas.restore_region(self._background)
        self._draw_artists()
        self.canvas.blit(self.figure.bbox)
