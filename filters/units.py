"""Numbers with units: a number in another unit of its dimension is another quantity (180 °C ->
180 °F), and one that converts a source quantity is the same one (110 kW -> 150 hp)."""

from __future__ import annotations

import re

from .numerals import values

# Units of one dimension, to one name each: the same number in another unit of its dimension is
# another quantity (180 °C -> 180 °F, 1,120 sq ft -> 1,120 square metres). A converted number
# differs, and the number check sees it.
_UNITS = {
    "°C": "℃|°c|° c|°celsius|celsius|grad celsius|degrees celsius|graus celsius|grados celsius",
    "°F": "℉|°f|° f|fahrenheit|degrees fahrenheit",
    "m²": "m²|m2|qm|sqm|mq|square met(?:re|er)s?|sq\\.? ?m|metros cuadrados|mètres carrés|metri quadri|"
          "quadratmeter|vierkante meter",
    "ft²": "sq\\.? ?ft\\.?|sqft|ft²|square f(?:ee|oo)t",
    "mm": "mm|millimet(?:re|er)s?", "cm": "cm|centimet(?:re|er)s?", "km": "km|kilomet(?:re|er)s?",
    "in": "inch(?:es)?|in\\.|zoll|pouces?|pulgadas?|pollici|polegadas?|\"|″|”|''",
    "ft": "ft\\.?|feet|foot", "mi": "miles?",
    "ml": "ml|millilit(?:re|er)s?", "l": "l|litres?|liters?|litros?|litri", "gal": "gal(?:lons?)?",
    "g": "g|grams?|gramm", "kg": "kg|kilos?|kilograms?|kilogramm", "lb": "lbs?|pounds?",
    "m": "(?-i:m)|met(?:re|er)s?|metros?|mètres?|metri", "qt": "qt|quarts?",
    "kW": "kw|kilowatts?", "hp": "hp|bhp|ps|cv|horsepower|pferdestärken?|chevaux|caballos",
}
# Each unit's dimension and size in that dimension's base unit (metre, litre, kilogram, watt).
_SIZES = {"m²": ("area", 1.0), "ft²": ("area", 0.092903),
          "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0), "km": ("length", 1000.0),
          "in": ("length", 0.0254), "ft": ("length", 0.3048), "mi": ("length", 1609.34),
          "ml": ("volume", 0.001), "l": ("volume", 1.0), "qt": ("volume", 0.946353),
          "gal": ("volume", 3.78541),
          "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.453592),
          "kW": ("power", 1000.0), "hp": ("power", 740.0)}  # hp 745.7, PS and CV 735.5
_DIMENSIONS = {"°C": "temperature", "°F": "temperature"} | {u: d for u, (d, _) in _SIZES.items()}
CONVERTED = 0.03  # a converted quantity, rounded as people round it: 5 qt = 4.7 l, 110 kW = 150 hp
_QUANTITY = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)\s?-?(" + "|".join(
    f"(?P<u{i}>{alts})" for i, alts in enumerate(_UNITS.values())) + r")(?![^\W\d_])", re.IGNORECASE)


def quantities(text: str) -> list[tuple[str, str, set[float]]]:
    """(number as written, unit, values) of the numbers written with a unit: ``180°C`` ->
    ("180", "°C", {180})."""
    out = []
    for m in _QUANTITY.finditer(text):
        unit = next(u for i, u in enumerate(_UNITS) if m.group(f"u{i}"))
        out.append((m.group(1), unit, values(m.group(1))))
    return out


def _in_unit(value: float, unit: str, to: str) -> float | None:
    """``value`` ``unit`` in unit ``to`` of the same dimension, else None."""
    if {unit, to} == {"°C", "°F"}:
        return value * 9 / 5 + 32 if unit == "°C" else (value - 32) * 5 / 9
    if unit in _SIZES and to in _SIZES and _SIZES[unit][0] == _SIZES[to][0]:
        return value * _SIZES[unit][1] / _SIZES[to][1]
    return None


def converted(text: str, sources: list[str]) -> set[str]:
    """Numbers of the output that convert a source quantity into another unit of its dimension
    (``5 Qt`` -> ``4.7 L``, ``110 kW`` -> ``150 hp``, ``5 ft`` -> ``1.52 m``)."""
    held = [(v, u) for s in sources for _, u, vs in quantities(s) for v in vs]
    out = set()
    for written, unit, vs in quantities(text):
        for v, u in held:
            x = _in_unit(v, u, unit) if u != unit else None
            if x is not None and any(abs(x - w) <= CONVERTED * max(abs(x), 1.0) for w in vs):
                out.add(written)
    return out


def unit_swaps(text: str, sources: list[str]) -> list[str]:
    """Quantities of the output whose number a source gives in another unit of the same
    dimension, and never in this one: ``180°F`` for ``bake at 180°C``."""
    held = {(v, u) for s in sources for _, u, vs in quantities(s) for v in vs}
    out = []
    for written, unit, vs in quantities(text):
        if any((v, unit) in held for v in vs):
            continue
        other = {u for v, u in held if v in vs and u != unit and _DIMENSIONS[u] == _DIMENSIONS[unit]}
        if other:
            out.append(f"{written} {unit} (source: {', '.join(sorted(other))})")
    return list(dict.fromkeys(out))
