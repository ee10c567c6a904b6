"""The pieces every card is stacked from — big figures, a numbered top five, a share bar with its legend, a line
chart — each a Block: its height in pixels and how to draw it at a top y; and `compose`, which stacks them on a
4:5 card (9:16 when they do not fit), spreads spare room between them, and adds the footer."""

import warnings
from collections.abc import Callable, Sequence

from assistant.outputs.card_canvas import ACCENT, HEIGHT, INK, MARGIN, MUTED, SERIES, WIDTH, CardCanvas, colour_of
from assistant.outputs.card_choices import Card

TALL = 1920  # 9:16, when the chosen parts do not fit 4:5
FIGURE_ROW = 210
MAX_GAP = 90  # extra space between blocks on a card with room to spare
TOP_Y, FOOTER_SPACE = 64, 100
LINE_GAP = 16  # between header lines
Block = tuple[float, Callable[[CardCanvas, float], None]]  # (height in px, draw at top y)
Figure = tuple[str, str, str]  # big figure, caption, smaller line ('' for none)
INNER = WIDTH - 2 * MARGIN


def header_block(lines: Sequence[tuple[str, float, str, str]]) -> Block:
    """(text, size, colour, weight) lines, then a rule."""

    def draw(canvas: CardCanvas, top: float) -> None:
        y = top
        for text, size, color, weight in lines:
            canvas.text(MARGIN, y, text, size, color=color, weight=weight, max_width=INNER)
            y += size * 1.39 + LINE_GAP
        canvas.rule(y + 10)

    return sum(size * 1.39 + LINE_GAP for _, size, _, _ in lines) + 50, draw


def figure_block(figures: Sequence[Figure]) -> Block:
    """Big figures two to a row, each with a caption and an optional smaller line."""
    column = INNER / 2

    def draw(canvas: CardCanvas, top: float) -> None:
        for i, (big, caption, small) in enumerate(figures):
            x, y = MARGIN + (i % 2) * column, top + (i // 2) * FIGURE_ROW
            canvas.text(x, y, big, 76, weight="bold", color=SERIES[i % len(SERIES)], max_width=column - 30)
            canvas.text(x, y + 120, caption, 22, max_width=column - 30)
            if small:
                canvas.text(x, y + 156, small, 18, color=MUTED, max_width=column - 30)

    return FIGURE_ROW * ((len(figures) + 1) // 2), draw


Rows = Sequence[tuple[str, str, str]]  # (name, second line or '', count text on the right)


def _draw_list(
    canvas: CardCanvas, top: float, x: float, width: float, title: str, rows: Rows, size: float, row_height: float
) -> None:
    canvas.text(x, top, title, 22, color=ACCENT, weight="bold")
    indent = size * 1.9
    for i, (name, sub, count) in enumerate(rows):
        y = top + 56 + i * row_height
        canvas.text(x, y, f"{i + 1}", size, color=SERIES[i % len(SERIES)], weight="bold")
        used = canvas.text(x + width, y + size * 0.25, count, size * 0.62, color=MUTED, ha="right") if count else 0
        canvas.text(x + indent, y, name, size, weight="bold", max_width=width - indent - used - 20)
        if sub:
            canvas.text(x + indent + 2, y + size * 1.45, sub, size * 0.6, color=MUTED, max_width=width - indent - used)


def list_block(columns: Sequence[tuple[str, Rows]]) -> Block:
    """Numbered top lists: one across the card, or two side by side in smaller type."""
    size = 34 if len(columns) == 1 else 27
    row_height = size * (2.85 if any(sub for _, rows in columns for _, sub, _ in rows) else 2.05)
    gutter = 50
    width = (INNER - gutter * (len(columns) - 1)) / len(columns)

    def draw(canvas: CardCanvas, top: float) -> None:
        for i, (title, rows) in enumerate(columns):
            _draw_list(canvas, top, MARGIN + i * (width + gutter), width, title, rows, size, row_height)

    return 56 + row_height * max(len(rows) for _, rows in columns) + 30, draw


def with_other(shares: list[tuple[str, float]]) -> list[tuple[str, float]]:
    """The shares and, when they leave some out, the rest as "other"."""
    rest = 1 - sum(share for _, share in shares)
    return shares + [("other", rest)] if rest > 0.005 else shares


def share_block(title: str, shares: Sequence[tuple[str, float]]) -> Block:
    """A bar split by share (0..1, summing to 1) and a legend of name and percentage, three to a row."""

    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, title, 22, color=ACCENT, weight="bold")
        canvas.share_bar(top + 54, shares)
        column = INNER / 3
        for i, (name, share) in enumerate(shares):
            x, y = MARGIN + (i % 3) * column, top + 116 + (i // 3) * 48
            canvas.chip(x, y + 4, colour_of(name, i))
            canvas.text(x + 34, y, f"{name} {share:.0%}", 23, max_width=column - 44)

    return 116 + 48 * ((len(shares) + 2) // 3) + 30, draw


def line_block(title: str, values: Sequence[float], left: str, right: str, height: float = 140) -> Block:
    """A filled line over the inner width (values 0..1), labelled at both ends underneath."""

    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, title, 22, color=ACCENT, weight="bold")
        canvas.area_chart(top + 50, height, values)
        canvas.text(MARGIN, top + 60 + height, left, 18, color=MUTED)
        canvas.text(WIDTH - MARGIN, top + 60 + height, right, 18, color=MUTED, ha="right")

    return 60 + height + 50, draw


def text_block(title: str, main: str, sub: str) -> Block:
    def draw(canvas: CardCanvas, top: float) -> None:
        canvas.text(MARGIN, top, title, 22, color=ACCENT, weight="bold")
        canvas.text(MARGIN, top + 50, main, 34, color=INK, weight="bold", max_width=INNER)
        canvas.text(MARGIN, top + 104, sub, 21, color=MUTED, max_width=INNER)

    return 170, draw


def compose(blocks: Sequence[Block], footer: str) -> Card:
    """The card of the blocks stacked top to bottom."""
    needed = TOP_Y + sum(height for height, _ in blocks) + FOOTER_SPACE
    canvas = CardCanvas(HEIGHT if needed <= HEIGHT else max(TALL, int(needed)))
    gap = min(MAX_GAP, (canvas.height - needed) / max(1, len(blocks) - 1))
    with warnings.catch_warnings():  # a glyph the font lacks (CJK, emoji) shows as a box, not a warning
        warnings.simplefilter("ignore")
        y = float(TOP_Y)
        for height, draw in blocks:
            draw(canvas, y)
            y += height + gap
        canvas.rule(canvas.height - 86)
        canvas.text(MARGIN, canvas.height - 66, footer, 17, color=MUTED, max_width=INNER)
        return Card(png=canvas.png(), width=canvas.width, height=canvas.height, texts=canvas.texts)
