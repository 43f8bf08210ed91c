"""A few SVG shapes as strings, for pictures inlined in HTML.

Text stays text (readers' own fonts render Chinese) and is drawn in
``currentColor``, the page's text colour, so it follows furo's light and dark
themes; highlights are translucent fills that read on either background.
A picture is inline in its page, often in two layouts: it says what most of its
text shares once, on the ``<svg>`` (`TEXT_DEFAULTS`), and names the monospace
font by a class of ``lstm-diagrams.css`` (`MONO_CLASS`), not on every number.
"""

from dataclasses import dataclass, field
from html import escape

SMALLEST_TEXT = 11  # user units, drawn 1:1 as CSS px: nothing smaller is legible on a phone
MONO = "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"  # as lstm-diagrams.css names it for MONO_CLASS
MONO_CLASS = "lstm-mono"  # the monospace font of lesson pictures (lstm-diagrams.css); MONO where that is not loaded
TEXT_DEFAULTS = {"font_size": SMALLEST_TEXT, "text_anchor": "middle", "fill": "currentColor"}  # on the <svg>
COLOURS = {  # translucent fills: legible on furo's light and dark backgrounds
    "output": "#14b8a6",
    "final": "#3b82f6",  # also the forward direction, in bidirectional pictures
    "backward": "#a855f7",
    "only-in-h_n": "#ec4899",
    "cell": "#eab308",
    "trap": "#f97316",
    "padding": "#9ca3af",
}


def attributes(**values) -> str:
    return "".join(f' {name.rstrip("_").replace("_", "-")}="{escape(_value(v))}"' for name, v in values.items())


def _value(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)  # 93, not 93.0


@dataclass
class Drawing:
    """Shapes in user units, drawn at one CSS px each: never scaled down (a narrow
    screen gets a second drawing of the same picture instead, see ``diagrams.py``)."""

    width: float
    height: float
    uid: str  # prefix for ids: several pictures share one HTML page
    shapes: list[str] = field(default_factory=list)
    markers: set[str] = field(default_factory=set)  # the arrowheads and hatches used: only they are defined
    hatches: set[str] = field(default_factory=set)

    def rect(self, x, y, w, h, **style) -> None:
        self.shapes.append(f"<rect{attributes(x=x, y=y, width=w, height=h, **style)}/>")

    def fill(self, x, y, w, h, meaning: str, opacity: float = 0.35) -> None:
        self.rect(x, y, w, h, fill=COLOURS[meaning], fill_opacity=opacity)

    def hatch(self, x, y, w, h, meaning: str) -> None:
        self.hatches.add(meaning)
        self.rect(x, y, w, h, fill=f"url(#{self.uid}-hatch-{meaning})")

    def text(self, x, y, content: str, *, size=12, anchor="middle", mono=False, **style) -> None:
        if size < SMALLEST_TEXT:
            raise ValueError(f"text {content!r} at {size} px: the smallest legible size is {SMALLEST_TEXT} px")
        own = {"font_size": size, "text_anchor": anchor}
        own = {name: value for name, value in own.items() if value != TEXT_DEFAULTS[name]}
        if mono:
            own["class_"] = MONO_CLASS
        self.shapes.append(f"<text{attributes(x=x, y=y, **own, **style)}>{escape(content)}</text>")

    def line(self, points, *, meaning: str | None = None, dashed=False, arrow=True, width=1.5) -> None:
        colour = COLOURS[meaning] if meaning else "currentColor"
        style = {"fill": "none", "stroke": colour, "stroke_width": width}
        if dashed:
            style["stroke_dasharray"] = "5 3"
        if arrow:
            self.markers.add(meaning or "text")
            style["marker_end"] = f"url(#{self.uid}-arrow-{meaning or 'text'})"
        path = " ".join(f"{x:g},{y:g}" for x, y in points)
        self.shapes.append(f"<polyline{attributes(points=path, **style)}/>")

    def _defs(self) -> str:
        markers = "".join(
            f'<marker id="{self.uid}-arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8"'
            f' markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
            for name, colour in [("text", "currentColor"), *COLOURS.items()]
            if name in self.markers
        )
        hatches = "".join(
            f'<pattern id="{self.uid}-hatch-{name}" width="6" height="6" patternUnits="userSpaceOnUse"'
            f' patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="{colour}"'
            f' stroke-width="1.5" stroke-opacity="0.7"/></pattern>'
            for name, colour in COLOURS.items()
            if name in self.hatches
        )
        return f"<defs>{markers}{hatches}</defs>" if markers or hatches else ""

    def svg(self, alt: str) -> str:
        """Inline SVG: an image to assistive technology, named by ``alt``."""
        title = f"{self.uid}-title"
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{title}"'
            f' viewBox="0 0 {self.width:g} {self.height:g}" width="{self.width:g}" height="{self.height:g}"'
            f' font-family="inherit"{attributes(**TEXT_DEFAULTS)}><title id="{title}">{escape(alt)}</title>'
            f"{self._defs()}{''.join(self.shapes)}</svg>"
        )


SPLIT_SWATCHES = {"output-halves": ("final", "backward")}  # output of a bidirectional LSTM: one half per direction


def swatch(meaning: str, hatched: bool = False) -> str:
    """A legend's colour sample, as small inline SVG (decorative: the text says it)."""
    if meaning in SPLIT_SWATCHES:
        first, second = (COLOURS[m] for m in SPLIT_SWATCHES[meaning])
        paint = (
            f'<rect width="7" height="14" fill="{first}" fill-opacity="0.45"/>'
            f'<rect x="7" width="7" height="14" fill="{second}" fill-opacity="0.45"/>'
        )
    elif hatched:
        colour = COLOURS[meaning]
        paint = f'<rect width="14" height="14" fill="none" stroke="{colour}" stroke-width="2" stroke-dasharray="3 2"/>'
    else:
        paint = f'<rect width="14" height="14" fill="{COLOURS[meaning]}" fill-opacity="0.45"/>'
    return f'<svg aria-hidden="true" width="14" height="14" viewBox="0 0 14 14">{paint}</svg>'
