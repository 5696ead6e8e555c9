"""Plain-text tables, PNG plots and self-contained HTML pages for reports.

Used by ``kgtext evaluate`` (and meant to be shared by ``kgtext summarize``).
matplotlib is imported inside the plotting functions, with the Agg canvas and no
``pyplot`` global state, so importing this module stays cheap.

Examples
--------
>>> print(text_table(["label", "f1"], [["school", 0.5], ["preschool", 1.0]]))
label          f1
---------  ------
school     0.5000
preschool  1.0000
>>> table = Table("Scores", ["label", "f1"], [["school", 0.5]])
>>> "<td>school</td>" in render_html("Demo", [Section("Sectors", tables=[table])])
True
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "Section",
    "Table",
    "plot_bars",
    "plot_count_matrix",
    "plot_pr_curves",
    "render_html",
    "text_table",
    "write_html",
]


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Render a fixed-width plain-text table; floats get four decimals.

    Numbers are right-aligned, everything else left-aligned.
    """
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [len(h) for h in header]
    for row in cells:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(value))
    numeric = [
        bool(rows) and all(isinstance(row[i], int | float) for row in rows)
        for i in range(len(header))
    ]

    def line(values: Sequence[str]) -> str:
        parts = [
            v.rjust(w) if num else v.ljust(w)
            for v, w, num in zip(values, widths, numeric, strict=True)
        ]
        return "  ".join(parts).rstrip()

    out = [line(list(header)), "  ".join("-" * w for w in widths)]
    out.extend(line(row) for row in cells)
    return "\n".join(out)


def _figure(width: float, height: float):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _save(fig, path: str | Path) -> Path:
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(target, format="png")
    return target


def plot_bars(
    values: Mapping[str, float], path: str | Path, title: str, xlabel: str = "F1"
) -> Path:
    """Horizontal bar chart of one value per label (e.g. per-label F1), in [0, 1]."""
    labels = list(values)
    fig = _figure(7, max(2.0, 0.35 * len(labels) + 1.2))
    ax = fig.add_subplot()
    positions = range(len(labels))
    ax.barh(list(positions), [values[k] for k in labels], color="#4477aa")
    ax.set_yticks(list(positions), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 1)
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    for y, label in enumerate(labels):
        ax.text(min(values[label] + 0.01, 0.9), y, f"{values[label]:.3f}", va="center", fontsize=8)
    return _save(fig, path)


def plot_pr_curves(curves: Mapping[str, Any], path: str | Path, title: str) -> Path:
    """Precision-recall curves, one line per label (objects with ``.precision``,
    ``.recall`` and ``.average_precision``)."""
    fig = _figure(7, 5)
    ax = fig.add_subplot()
    for label, curve in curves.items():
        ax.step(
            [0.0, *curve.recall],
            [curve.precision[0] if curve.precision else 1.0, *curve.precision],
            where="post",
            label=f"{label} (AP {curve.average_precision:.3f})",
        )
    ax.set_xlim(0, 1.02)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel("recall")
    ax.set_ylabel("precision")
    ax.set_title(title)
    if curves:
        ax.legend(fontsize=7, loc="lower left")
    return _save(fig, path)


def plot_count_matrix(
    rows: Sequence[str],
    columns: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    path: str | Path,
    title: str,
) -> Path:
    """A confusion-style grid of counts; ``None`` cells are left blank."""
    fig = _figure(max(4.0, 1.3 * len(columns) + 2), max(2.0, 0.4 * len(rows) + 1.5))
    ax = fig.add_subplot()
    values = [[0.0 if v is None else float(v) for v in row] for row in matrix]
    ax.imshow(values, cmap="Blues", aspect="auto")
    peak = max((v for row in values for v in row), default=0.0)
    for i, row in enumerate(matrix):
        for j, v in enumerate(row):
            if v is not None:
                colour = "white" if peak and float(v) > peak / 2 else "black"
                ax.text(j, i, f"{v:,.0f}", ha="center", va="center", color=colour, fontsize=8)
    ax.set_xticks(range(len(columns)), list(columns))
    ax.set_yticks(range(len(rows)), list(rows))
    ax.set_title(title)
    return _save(fig, path)


@dataclass(frozen=True)
class Table:
    """A table for an HTML page: caption, header and rows."""

    caption: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]


@dataclass(frozen=True)
class Section:
    """One part of an HTML page: paragraphs, tables and PNG images (paths)."""

    heading: str
    paragraphs: Sequence[str] = ()
    tables: Sequence[Table] = ()
    images: Sequence[str | Path] = field(default_factory=tuple)


_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:1rem 0}caption{text-align:left;font-weight:600}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left}td.n{text-align:right}
img{max-width:100%;display:block;margin:1rem 0}
"""


def render_html(title: str, sections: Sequence[Section]) -> str:
    """Render a self-contained HTML page (images embedded as base64 PNG)."""
    esc = html.escape
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{esc(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
    ]
    for section in sections:
        parts.append(f"<section><h2>{esc(section.heading)}</h2>")
        parts.extend(f"<p>{esc(p)}</p>" for p in section.paragraphs)
        for table in section.tables:
            parts.append(f"<table><caption>{esc(table.caption)}</caption><thead><tr>")
            parts.extend(f"<th>{esc(str(h))}</th>" for h in table.header)
            parts.append("</tr></thead><tbody>")
            for row in table.rows:
                cells = "".join(
                    f'<td class="n">{esc(_cell(v))}</td>'
                    if isinstance(v, int | float)
                    else f"<td>{esc(_cell(v))}</td>"
                    for v in row
                )
                parts.append(f"<tr>{cells}</tr>")
            parts.append("</tbody></table>")
        for image in section.images:
            data = base64.b64encode(Path(image).read_bytes()).decode("ascii")
            alt = esc(Path(image).stem.replace("_", " "))
            parts.append(f'<img alt="{alt}" src="data:image/png;base64,{data}">')
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def write_html(path: str | Path, title: str, sections: Sequence[Section]) -> Path:
    """Write :func:`render_html` to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_html(title, sections), encoding="utf-8")
    return target
