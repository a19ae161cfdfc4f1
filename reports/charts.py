"""Charts drawn on our own server with matplotlib: SVG for the page, PNG for Word.

Why matplotlib: it is the best-kept charting library in Python (releases several
times a year, used by science and industry alike), it draws without a browser or
another site (the Agg backend, no display), its SVG prints sharply, and it ships
DejaVu Sans, a font with every Vietnamese diacritic. Glyphs are written into the
SVG as outlines, so the picture looks the same on a phone, in print and in Word
whatever fonts the reader has.

Charts come from a table's data (figures.table): column 0 is the label, `series`
the columns drawn. A "< 5" cell is drawn as an empty bar labelled "< 5".
"""

import base64
import io
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402  (after choosing the backend)

from .small_numbers import SMALL  # noqa: E402

matplotlib.rcParams.update(
    {
        "font.family": "DejaVu Sans",
        "font.size": 10,
        "svg.fonttype": "path",
        "svg.hashsalt": "cong-truong",  # the same data draws the same file
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 11,
        "axes.titleweight": "bold",
    }
)
# Dark blue and orange: told apart in colour, in grey print and by most colour-blind readers.
COLOURS = ["#1f4e79", "#e07b00", "#5b8c3a", "#7f7f7f"]
HATCHES = ["", "///", "\\\\\\", "xx"]
WIDTH, HEIGHT = 7.0, 3.4  # inches: A4 text width, readable on a phone


def _number(value: Any) -> float:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


def _label(value: Any) -> str:
    if value == SMALL:
        return SMALL
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return ""


def draw(data: dict) -> Figure | None:
    """A figure for a table with a chart; None when there is nothing to draw."""
    chart = data.get("chart")
    rows = data["rows"][:-1] if chart and chart.get("skip_last_row") else data["rows"]
    if not chart or not rows:
        return None
    columns = data["columns"]
    labels = [str(row[0]) for row in rows]
    if columns[0]["kind"] == "month":
        labels = [f"{label[5:7]}/{label[:4]}" for label in labels]
    # Margins set by hand (not the constrained layout engine, which measures every
    # text twice and costs half of the drawing time): room for the longest label.
    figure = Figure(figsize=(WIDTH, HEIGHT), dpi=100)
    axes = figure.add_subplot()
    series = chart["series"]
    if chart["type"] == "line":
        for n, column in enumerate(series):
            values = [_number(row[column]) for row in rows]
            axes.plot(range(len(rows)), values, marker="o", color=COLOURS[n], label=columns[column]["label"])  # fmt: skip
            for x, value in enumerate(values):
                axes.annotate(_label(rows[x][column]), (x, value), textcoords="offset points", xytext=(0, 5), ha="center", fontsize=8)  # fmt: skip
        axes.set_xticks(range(len(rows)), labels)
        axes.set_ylim(bottom=0)
        axes.margins(y=0.15)
    else:
        # Horizontal bars: long Vietnamese labels stay readable on a narrow screen.
        count = len(series)
        height = 0.8 / count
        positions = range(len(rows))
        for n, column in enumerate(series):
            values = [_number(row[column]) for row in rows]
            offsets = [p + (n - (count - 1) / 2) * height for p in positions]
            bars = axes.barh(
                offsets, values, height=height, color=COLOURS[n], hatch=HATCHES[n],
                edgecolor="white", label=columns[column]["label"],
            )  # fmt: skip
            axes.bar_label(
                bars, labels=[_label(row[column]) for row in rows], padding=2, fontsize=8
            )
        axes.set_yticks(list(positions), labels)
        axes.invert_yaxis()
        if chart.get("max"):
            axes.set_xlim(0, chart["max"] * 1.12)
        else:
            axes.margins(x=0.12)
        figure.set_figheight(max(HEIGHT, 0.9 + 0.28 * len(rows) * max(1, count * 0.7)))
    if len(series) > 1:
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=len(series), frameon=False, fontsize=8)  # fmt: skip
    axes.grid(axis="x" if chart["type"] != "line" else "y", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    _margins(figure, labels if chart["type"] != "line" else [], legend=len(series) > 1)
    return figure


def _margins(figure: Figure, side_labels: list[str], *, legend: bool) -> None:
    """Left margin for horizontal bars' labels (about 0.075 inch per character at
    10 pt), room at the top for the legend and at the bottom for the axis."""
    width, height = figure.get_size_inches()
    longest = max((len(label) for label in side_labels), default=4)
    left = min(0.45, (0.25 + 0.075 * longest) / width)
    top = 1 - (0.45 if legend else 0.15) / height
    figure.subplots_adjust(left=max(left, 0.08), right=0.97, top=top, bottom=0.45 / height)


def svg_data_uri(data: dict) -> str:
    """The chart as a data: URI for an <img> (the page's CSP allows data: images; an
    SVG shown as an image runs nothing). Empty when the table has no chart."""
    figure = draw(data)
    if figure is None:
        return ""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def png_bytes(data: dict, *, dpi: int = 150) -> bytes | None:
    figure = draw(data)
    if figure is None:
        return None
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()
