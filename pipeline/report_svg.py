"""Charts for the HTML run report, drawn as inline SVG: no script, no network, every text escaped."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#bab0ac"]
GREY = "#9aa0a6"  # alt-text, the baseline every task is compared with
STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 43200]


def color(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _e(x: object) -> str:
    return escape(str(x), quote=True)


@dataclass(frozen=True)
class Bar:
    """One interval on a timeline lane, in seconds since the run's start."""

    start: float
    end: float
    color: str
    tip: str  # shown on hover (an SVG <title>)


def tick_step(span: float, most: int = 10) -> float:
    """A round step that puts at most ``most`` ticks on an axis of ``span``."""
    return next((s for s in STEPS if span / s <= most), STEPS[-1])


def timeline(lanes: list[tuple[str, list[Bar]]], span: float, width: int = 960) -> str:
    """One lane per engine replica, a bar per engine call, seconds on the x axis."""
    left, lane_h, top = 170, 22, 8
    span = max(span, 1e-3)
    plot_w = width - left - 16
    height = top + lane_h * len(lanes) + 28

    def x(t: float) -> float:
        return left + plot_w * min(max(t / span, 0.0), 1.0)

    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="engine timeline">']
    for i, (label, bars) in enumerate(lanes):
        y = top + i * lane_h
        parts.append(f'<rect x="{left}" y="{y + 2}" width="{plot_w}" height="{lane_h - 4}" fill="#f3f4f6"/>')
        parts.append(f'<text x="{left - 6}" y="{y + lane_h / 2 + 4}" text-anchor="end">{_e(label)}</text>')
        for b in bars:
            w = max(x(b.end) - x(b.start), 1.0)
            parts.append(f'<rect x="{x(b.start):.1f}" y="{y + 3}" width="{w:.1f}" height="{lane_h - 6}" '
                         f'fill="{_e(b.color)}" opacity="0.85"><title>{_e(b.tip)}</title></rect>')
    axis_y = top + lane_h * len(lanes) + 4
    parts.append(f'<line x1="{left}" y1="{axis_y}" x2="{left + plot_w}" y2="{axis_y}" stroke="#666"/>')
    step = tick_step(span)
    t = 0.0
    while t <= span + 1e-9:
        parts.append(f'<line x1="{x(t):.1f}" y1="{axis_y}" x2="{x(t):.1f}" y2="{axis_y + 4}" stroke="#666"/>'
                     f'<text x="{x(t):.1f}" y="{axis_y + 16}" text-anchor="middle">{t:g}s</text>')
        t += step
    parts.append("</svg>")
    return "".join(parts)


def histogram(bins: list[str], series: list[tuple[str, list[float], str]], title: str,
              width: int = 440, height: int = 170) -> str:
    """Grouped bars: per bin, each series' share of its own rows (series of unequal size compare)."""
    left, bottom, top = 34, 30, 22
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((v for _, vals, _ in series for v in vals), default=0.0) or 1.0
    slot = plot_w / max(len(bins), 1)
    bar_w = max(slot * 0.8 / max(len(series), 1), 1.0)
    parts = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{_e(title)}"><text x="{left}" y="14" class="title">{_e(title)}</text>']
    for j, (name, vals, col) in enumerate(series):
        for i, v in enumerate(vals):
            h = plot_h * v / peak
            bx = left + i * slot + slot * 0.1 + j * bar_w
            parts.append(f'<rect x="{bx:.1f}" y="{top + plot_h - h:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{_e(col)}"><title>{_e(name)}, {_e(bins[i])} words: '
                         f"{v:.0%}</title></rect>")
        parts.append(f'<rect x="{width - 150}" y="{6 + 12 * j}" width="9" height="9" fill="{_e(col)}"/>'
                     f'<text x="{width - 137}" y="{14 + 12 * j}">{_e(name)}</text>')
    base = top + plot_h
    parts.append(f'<line x1="{left}" y1="{base}" x2="{left + plot_w}" y2="{base}" stroke="#666"/>')
    every = max(1, len(bins) // 8)
    for i in range(0, len(bins), every):
        parts.append(f'<text x="{left + (i + 0.5) * slot:.1f}" y="{base + 14}" text-anchor="middle">'
                     f'{_e(bins[i])}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 2}" text-anchor="middle">words</text>'
                 f'<text x="4" y="{top + 8}">{peak:.0%}</text></svg>')
    return "".join(parts)
