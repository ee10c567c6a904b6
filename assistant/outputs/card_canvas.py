"""A card drawn in pixels on a matplotlib Figure with the Agg canvas (no pyplot, no display, no network): a
gradient background, text that is cut with an ellipsis to fit its width, share bars and small charts, the PNG out.
Fonts are the DejaVu faces matplotlib ships, so a card looks the same on every machine."""

import io
import warnings
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import LinearSegmentedColormap
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyBboxPatch

WIDTH = 1080  # the width social apps show at full resolution
HEIGHT = 1350  # 4:5, the tallest a feed shows uncropped
DPI = 100
FONT = "DejaVu Sans"
INK = "#ffffff"
MUTED = "#cbc4ec"
ACCENT = "#ffd166"
BACKGROUND = ("#241147", "#120a2a")  # top, bottom
SERIES = ("#ff6b9d", "#ffd166", "#5ee7df", "#a594ff", "#ff9f5a", "#7ad67a")
OTHER = "#6d6390"  # the rest of a share bar
MARGIN = 80


def colour_of(name: str, i: int) -> str:
    return OTHER if name == "other" else SERIES[i % len(SERIES)]


class CardCanvas:
    """Coordinates are pixels from the top-left corner, as a designer measures them."""

    def __init__(self, height: int = HEIGHT, width: int = WIDTH):
        self.width, self.height = width, height
        self.texts: list[str] = []  # every string drawn, as drawn (cut to fit): what a viewer of the card reads
        self.figure = Figure(figsize=(width / DPI, height / DPI), dpi=DPI)
        self._renderer = FigureCanvasAgg(self.figure).get_renderer()  # the canvas becomes the figure's
        back = self.figure.add_axes((0, 0, 1, 1))
        back.set_axis_off()
        gradient = LinearSegmentedColormap.from_list("card", list(BACKGROUND))
        back.imshow(np.linspace(0, 1, 256).reshape(-1, 1), aspect="auto", cmap=gradient, extent=(0, 1, 0, 1))
        aspect = width / height  # the axes run 0..1 both ways: a round disc is taller in y by this much
        for (x, y), radius, color, alpha in (
            ((0.97, 1 - 0.03 * aspect), 0.30, SERIES[0], 0.16),
            ((0.0, 0.07 * aspect), 0.24, SERIES[2], 0.10),
        ):
            back.add_patch(Ellipse((x, y), 2 * radius, 2 * radius * aspect, color=color, alpha=alpha, linewidth=0))
        back.set_xlim(0, 1)
        back.set_ylim(0, 1)
        self._back = back

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return x / self.width, 1 - y / self.height

    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float,
        color: str = INK,
        weight: str = "normal",
        ha: str = "left",
        max_width: float | None = None,
        va: str = "top",
    ) -> float:
        """Draws text with its top at y (va="top") or its baseline (va="baseline"); returns its width in pixels.
        Text wider than max_width loses characters from the end, an ellipsis in their place."""
        artist = self.figure.text(
            *self._xy(x, y), text, fontsize=size, color=color, fontweight=weight, family=FONT, ha=ha, va=va
        )
        width = artist.get_window_extent(self._renderer).width
        if max_width is not None and width > max_width:
            kept = text
            while kept and width > max_width:
                kept = kept[:-1].rstrip()
                artist.set_text(kept + "…")
                width = artist.get_window_extent(self._renderer).width
        self.texts.append(artist.get_text())
        return width

    def rule(self, y: float, color: str = MUTED, alpha: float = 0.35) -> None:
        x0, y0 = self._xy(MARGIN, y)
        x1, _ = self._xy(self.width - MARGIN, y)
        self._back.plot([x0, x1], [y0, y0], color=color, alpha=alpha, linewidth=1.5)

    def share_bar(self, y: float, shares: Sequence[tuple[str, float]], height: float = 34) -> None:
        """One rounded bar split by share (0..1 each), in the series colours (the share named "other" in grey),
        across the card's inner width."""
        left: float = MARGIN
        inner = self.width - 2 * MARGIN
        for i, (name, share) in enumerate(shares):
            x0, y0 = self._xy(left, y + height)
            self._back.add_patch(
                FancyBboxPatch(
                    (x0, y0),
                    max(share * inner - 6, 2) / self.width,
                    height / self.height,
                    boxstyle="round,pad=0,rounding_size=0.006",
                    color=colour_of(name, i),
                    linewidth=0,
                )
            )
            left += share * inner

    def chip(self, x: float, y: float, color: str, size: float = 22) -> None:
        x0, y0 = self._xy(x, y + size)
        self._back.add_patch(
            FancyBboxPatch(
                (x0, y0),
                size / self.width,
                size / self.height,
                color=color,
                boxstyle="round,pad=0,rounding_size=0.004",
                linewidth=0,
            )
        )

    def area_chart(
        self,
        top: float,
        height: float,
        values: Sequence[float],
        color: str = SERIES[0],
        low: float = 0.0,
        high: float = 1.0,
    ) -> None:
        """A filled line over the card's inner width: one value per point, scaled from low..high."""
        axes = self.figure.add_axes(
            (
                MARGIN / self.width,
                1 - (top + height) / self.height,
                (self.width - 2 * MARGIN) / self.width,
                height / self.height,
            )
        )
        axes.set_axis_off()
        xs = np.arange(len(values))
        axes.fill_between(xs, low, values, color=color, alpha=0.35, linewidth=0)
        axes.plot(xs, values, color=color, linewidth=4, solid_capstyle="round")
        axes.set_xlim(0, max(1, len(values) - 1))
        axes.set_ylim(low, high)

    def png(self) -> bytes:
        buffer = io.BytesIO()
        with warnings.catch_warnings():  # a glyph DejaVu lacks (CJK, emoji) shows as a box, not a warning
            warnings.simplefilter("ignore")
            self.figure.savefig(buffer, format="png", dpi=DPI)
        return buffer.getvalue()
