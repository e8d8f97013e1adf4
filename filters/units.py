"""Numbers with units: a number in another unit of its dimension is another quantity (180 °C ->
180 °F), and one that converts a source quantity is the same one (110 kW -> 150 hp, 1.7 oz ->
50 ml, 1 hr 15 min -> 75 minutes)."""

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
    "ha": "ha|hectares?|hektar[ey]?|ettari|ettaro|hectáreas?|hectares?|hectaren?", "acre": "acres?|acri",
    "mm": "mm|millimet(?:re|er)s?", "cm": "cm|centimet(?:re|er)s?", "km": "km|kilomet(?:re|er)s?",
    "in": "inch(?:es)?|in\\.|zoll|pouces?|pulgadas?|pollici|polegadas?|\"|″|”|''",
    "ft": "ft\\.?|feet|foot", "mi": "miles?",
    "ml": "ml|millilit(?:re|er)s?", "l": "l|litres?|liters?|litros?|litri", "gal": "gal(?:lons?)?",
    "g": "g|grams?|gramm", "kg": "kg|kilos?|kilograms?|kilogramm", "lb": "lbs?|pounds?",
    "m": "(?-i:m)|met(?:re|er)s?|metros?|mètres?|metri", "qt": "qt|quarts?",
    "kW": "kw|kilowatts?", "hp": "hp|bhp|ps|cv|horsepower|pferdestärken?|chevaux|caballos",
    "fl oz": "fl\\.? ?oz\\.?|fluid ounces?", "oz": "oz\\.?|ounces?|onzas?|onces?",
    "h": "h|hrs?|hours?|heures?|horas?|ore|stunden?|std\\.?|uur|godz\\.?|godzin[ay]?|saat|"
         "時間|小时|小時|시간",
    "min": "min\\.?|mins|minutes?|minuten?|minutos?|minuti|minut|分钟|分鐘",
    "s": "secs?\\.?|seconds?|sekunden?|secondes?|segundos?|secondi|seconden|sekund[ay]?|sekunder|秒|초",
    "day": "days?|tage|tagen|jours?|días|dias|giorni|dagen|dagar|dage|dni|дней|дня|gün|日間|天",
    "week": "weeks?|wks?|wochen?|semaines?|semanas?|settimane|settimana|weken|tygodni[ea]?|tydzień|veckor|"
            "vecka|uger|uker|недел[иья]|週間|周|주",
    "month": "months?|mos?\\.|monate?n?|mois|meses|mesi|mese|maanden|maand|miesięcy|miesiące|miesiąc|"
             "månader|månad|måneder|måned|месяц(?:а|ев)?|[ヶヵかカケ个個]月|개월",
    "year": "years?|yrs?|jahre?n?|ans|années?|años|anos|anni|anno|jaar|jaren|lat|lata|år|let|года|лет|yaş",
}
_ANY_UNIT = re.compile("|".join(f"(?:{u})" for u in _UNITS.values()) + "|uhr", re.I)  # 20 Uhr: a time


def is_unit(word: str) -> bool:
    """Whether ``word`` names a unit (``metres``, ``Wochen``) or a time of day (``Uhr``)."""
    return bool(_ANY_UNIT.fullmatch(word))


# Each unit's dimension and size in that dimension's base unit (square metre, metre, litre,
# kilogram, watt).
_SIZES = {"m²": ("area", 1.0), "ft²": ("area", 0.092903), "ha": ("area", 10000.0), "acre": ("area", 4046.86),
          "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0), "km": ("length", 1000.0),
          "in": ("length", 0.0254), "ft": ("length", 0.3048), "mi": ("length", 1609.34),
          "ml": ("volume", 0.001), "l": ("volume", 1.0), "qt": ("volume", 0.946353),
          "gal": ("volume", 3.78541),
          "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.453592),
          "kW": ("power", 1000.0), "hp": ("power", 740.0),  # hp 745.7, PS and CV 735.5
          "fl oz": ("volume", 0.0295735), "oz": ("mass", 0.0283495),
          "h": ("time", 3600.0), "min": ("time", 60.0), "s": ("time", 1.0), "day": ("time", 86400.0),
          "week": ("time", 604800.0),
          "month": ("time", 2629800.0), "year": ("time", 31557600.0)}
_DIMENSIONS = {"°C": "temperature", "°F": "temperature"} | {u: d for u, (d, _) in _SIZES.items()}
CONVERTED = 0.03  # a converted quantity, rounded as people round it: 5 qt = 4.7 l, 110 kW = 150 hp
# A number stands alone, or after a CJK word (生後3ヶ月), a file name's separator (puppy_8_weeks)
# or another dimension (120x60x75 cm).
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_NUMBER = r"(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![.,]?\d)|\d+(?:[.,]\d+)*)"  # 3 842 m: thousands by spaces
_QUANTITY = re.compile(rf"(?:(?<![.,])(?<![^\W_{_CJK}])|(?<=\d[x×])){_NUMBER}[\s_]?-?(" + "|".join(
    f"(?P<u{i}>{alts})" for i, alts in enumerate(_UNITS.values())) + rf")(?![^\W\d_{_CJK}])", re.IGNORECASE)
# A car listing's mileage with its unit first: "anno 2017 km 9.800", "Km: 150.000".
_KM_FIRST = re.compile(rf"(?<![^\W\d_])km\.?:?\s?{_NUMBER}(?![.,]?\d)(?!\s?(?:km|mi|h)(?![^\W\d_]))", re.I)


def quantities(text: str) -> list[tuple[str, str, set[float]]]:
    """(number as written, unit, values) of the numbers written with a unit: ``180°C`` ->
    ("180", "°C", {180})."""
    out = []
    for m in _QUANTITY.finditer(text):
        unit = next(u for i, u in enumerate(_UNITS) if m.group(f"u{i}"))
        # Thousands grouped by spaces (3 842 m) are one number
        out.append((m.group(1), unit, values(re.sub(r"[ \u00a0\u202f]", "", m.group(1)))))
    for m in _KM_FIRST.finditer(text):
        out.append((m.group(1), "km", values(re.sub(r"[ \u00a0\u202f]", "", m.group(1)))))
    return out


# Hours and minutes as one duration: 1 hr 15 min, 2 ore e mezza, 1h30.
_DURATION = re.compile(r"(?<![\w.,])(\d{1,2})\s?(?:" + _UNITS["h"] + r")\.?"
                       r"(?:\s?(?:and|et|y|e|und|en|i)?\s?"
                       r"(?:(\d{1,2})\s?(?:" + _UNITS["min"] + r")?(?![^\W\d_])"
                       r"|(a half|half|demie|media|mezza|meia|halb)(?![^\W\d_])))", re.IGNORECASE)


def durations(text: str) -> list[tuple[list[str], float]]:
    """(numbers as written, minutes) of each duration in hours and minutes."""
    out = []
    for m in _DURATION.finditer(text):
        minutes = int(m.group(2)) if m.group(2) else 30
        out.append(([m.group(1)] + ([m.group(2)] if m.group(2) else []), int(m.group(1)) * 60.0 + minutes))
    return out


def _in_unit(value: float, unit: str, to: str) -> float | None:
    """``value`` ``unit`` in unit ``to`` of the same dimension, else None; ounces are fluid ounces
    beside a volume (1.7 oz of serum is 50 ml)."""
    if {unit, to} == {"°C", "°F"}:
        return value * 9 / 5 + 32 if unit == "°C" else (value - 32) * 5 / 9
    if "oz" in (unit, to) and "volume" in (_DIMENSIONS[unit], _DIMENSIONS[to]):
        unit, to = ("fl oz" if u == "oz" else u for u in (unit, to))
    if unit in _SIZES and to in _SIZES and _SIZES[unit][0] == _SIZES[to][0]:
        return value * _SIZES[unit][1] / _SIZES[to][1]
    return None


def converted(text: str, sources: list[str]) -> set[str]:
    """Numbers of the output that convert a source quantity into another unit of its dimension
    (``5 Qt`` -> ``4.7 L``, ``110 kW`` -> ``150 hp``, ``5 ft`` -> ``1.52 m``)."""
    held = [(v, u) for s in sources for _, u, vs in quantities(s) for v in vs]
    held += [(minutes, "min") for s in sources for _, minutes in durations(s)]
    out = set()
    said = [([w], u, vs) for w, u, vs in quantities(text)] + [(ws, "min", {m}) for ws, m in durations(text)]
    for written, unit, vs in said:
        for v, u in held:
            x = _in_unit(v, u, unit)
            # In the same unit only a duration written another way (75 min for 1 hr 15 min) is
            # the same quantity, and a duration converts exactly: no rounding there.
            rounded = u != unit and _DIMENSIONS[unit] != "time"  # hours are minutes exactly
            near = CONVERTED * max(abs(x), 1.0) if x is not None and rounded else 1e-9
            if x is not None and any(abs(x - w) <= near for w in vs):
                out.update(written)
    return out


def _one_dimension(a: str, b: str) -> bool:
    """Units of one dimension; an ounce is a fluid ounce beside a volume (32 oz -> 32 ml)."""
    da, db = _DIMENSIONS[a], _DIMENSIONS[b]
    return da == db or "oz" in (a, b) and "volume" in (da, db)


def unit_swaps(text: str, sources: list[str]) -> list[str]:
    """Quantities of the output whose number a source gives in another unit of the same
    dimension, and never in this one: ``180°F`` for ``bake at 180°C``, ``32 ml`` for a bottle's
    ``32 oz``."""
    held = {(v, u) for s in sources for _, u, vs in quantities(s) for v in vs}
    out = []
    for written, unit, vs in quantities(text):
        if any((v, unit) in held for v in vs):
            continue
        other = {u for v, u in held if v in vs and u != unit and _one_dimension(u, unit)}
        if other:
            out.append(f"{written} {unit} (source: {', '.join(sorted(other))})")
    return list(dict.fromkeys(out))


def changed_quantities(text: str, sources: list[str]) -> list[str]:
    """Quantities of the output in a unit the sources measure, at a value they never give in it
    and that no source quantity converts to or sums to: ``ready in 6 hours`` for ``ready in 8
    hours, serves 6`` (the 6 of the servings holds no hours). Prep 15 min and cook 30 min are 45
    minutes in all."""
    said: dict[str, set[float]] = {}
    for s in sources:
        for _, u, vs in quantities(s):
            said.setdefault(u, set()).update(vs)
    conversions = converted(text, sources)
    out = []
    for written, unit, vs in quantities(text):
        if unit not in said or vs & said[unit] or written in conversions:
            continue
        sums = {a + b for a in said[unit] for b in said[unit] if a != b}
        if not vs & sums:
            out.append(f"{written} {unit} (source: {', '.join(f'{v:g}' for v in sorted(said[unit]))} {unit})")
    return list(dict.fromkeys(out))
