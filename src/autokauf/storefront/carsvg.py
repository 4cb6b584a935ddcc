"""A side view of a car as SVG, drawn on the server: one silhouette per body type, painted.

The drawing is a picture for the buyer, not a technical one: body outline, windows, wheels and a
shadow, with the body filled in the colour of the chosen paint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
FALLBACK_PAINT = "#8a9199"

Point = tuple[int, int]


@dataclass(frozen=True)
class Silhouette:
    """Outlines as SVG polygon points "x,y x,y ..." in a 400 by 170 box, the front to the right."""

    body: str
    windows: str
    wheel_x: tuple[int, int] = (92, 302)
    wheel_r: int = 25
    sill_y: int = 122


SILHOUETTES: dict[str, Silhouette] = {
    "hatchback": Silhouette(
        body="30,122 28,88 40,62 72,46 204,44 264,78 356,86 372,100 372,122",
        windows="54,80 76,53 198,51 248,80",
    ),
    "sedan": Silhouette(
        body="22,122 22,88 32,80 88,76 124,46 232,44 284,78 362,86 376,100 376,122",
        windows="100,78 130,53 226,51 266,80",
    ),
    "estate": Silhouette(
        body="20,122 20,84 34,46 232,42 286,78 364,86 378,100 378,122",
        windows="38,80 46,52 226,49 268,80",
    ),
    "suv": Silhouette(
        body="22,120 22,62 38,30 240,26 288,66 364,72 378,88 378,120",
        windows="40,68 50,37 234,33 270,68",
        wheel_r=28,
        sill_y=120,
    ),
    "coupe": Silhouette(
        body="26,122 26,92 62,78 140,48 214,46 276,80 362,88 374,102 374,122",
        windows="84,80 144,55 208,53 258,82",
    ),
    "van": Silhouette(
        body="18,122 18,36 30,22 272,22 304,62 370,72 382,92 382,122",
        windows="150,64 150,32 266,30 290,64",
        wheel_x=(80, 312),
    ),
}


def paint_colour(color_hex: str | None) -> str:
    """The paint's colour when it is a valid #rrggbb value, otherwise a neutral grey."""
    return color_hex if color_hex and HEX_COLOUR.match(color_hex) else FALLBACK_PAINT


def _coordinates(points: str) -> list[Point]:
    pairs = (pair.split(",") for pair in points.split())
    return [(int(x), int(y)) for x, y in pairs]


def _wheel(x: int, y: int, r: int) -> str:
    return (
        f'<circle cx="{x}" cy="{y}" r="{r}" fill="#1d1f22"/>'
        f'<circle cx="{x}" cy="{y}" r="{r * 11 // 20}" fill="#c9ced4"/>'
        f'<circle cx="{x}" cy="{y}" r="{r // 5}" fill="#5b6169"/>'
    )


def _details(shape: Silhouette) -> str:
    """Pillar and door seam between the windows, head- and tail-lights."""
    windows, body = _coordinates(shape.windows), _coordinates(shape.body)
    xs = [x for x, _y in windows]
    ys = [y for _x, y in windows]
    pillar = (min(xs) + max(xs)) // 2 + 10
    front = max(x for x, _y in body)
    rear = min(x for x, _y in body)
    light_y = max(ys) + 10
    return (
        f'<line x1="{pillar}" y1="{min(ys) - 2}" x2="{pillar}" y2="{max(ys)}" stroke="#33363b" '
        'stroke-width="6"/>'
        f'<line x1="{pillar}" y1="{max(ys)}" x2="{pillar}" y2="{shape.sill_y - 6}" '
        'stroke="#33363b" stroke-opacity=".45" stroke-width="1.5"/>'
        f'<rect x="{front - 16}" y="{light_y}" width="14" height="7" rx="3" fill="#fff6c9" '
        'stroke="#33363b"/>'
        f'<rect x="{rear}" y="{light_y - 4}" width="8" height="10" rx="2" fill="#c21d2a"/>'
    )


def car_svg(body: str, color_hex: str | None, *, title: str) -> str:
    """The car of `body` type (hatchback, sedan, estate, suv, coupe, van) in `color_hex`."""
    shape = SILHOUETTES.get(body, SILHOUETTES["hatchback"])
    paint = paint_colour(color_hex)
    wheel_y = shape.sill_y + 6
    wheels = "".join(_wheel(x, wheel_y, shape.wheel_r) for x in shape.wheel_x)
    arches = "".join(
        f'<circle cx="{x}" cy="{wheel_y}" r="{shape.wheel_r + 4}" fill="#2a2d31"/>'
        for x in shape.wheel_x
    )
    details = _details(shape)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 170" role="img" '
        'class="car-image" aria-labelledby="car-title">'
        f'<title id="car-title">{escape(title)}</title>'
        f'<ellipse cx="200" cy="{wheel_y + shape.wheel_r + 2}" rx="190" ry="7" fill="#00000022"/>'
        f'<polygon points="{shape.body}" fill="{paint}" stroke="#33363b" '
        'stroke-width="2.5" stroke-linejoin="round"/>'
        f'<polygon points="{shape.windows}" fill="#b9d3e6" stroke="#33363b" '
        'stroke-width="1.5" stroke-linejoin="round"/>'
        f"{details}{arches}{wheels}</svg>"
    )
