"""The mine's configurable risk model: LEC tables, D bands, four risk levels, risk matrix.

Everything that varies from mine to mine (the C table wording, the D band edges, the
colour of each level, the matrix size and its R bands) lives in
``corpus/hazard_data/risk.yaml``; this module only reads it and does the arithmetic.

Arithmetic is exact: scores are :class:`decimal.Decimal` built from the decimal text of
each value, never from binary floats, so ``0.1 × 0.5 × 1`` is exactly ``0.05`` and
``0.5 × 6 × 100`` is exactly ``300``.

Band rule for LEC: each band is a half-open interval ``[lower, next lower)``; a D value
that equals a band's lower bound belongs to that (higher) band, so D = 70 is 显著危险.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "hazard_data"
RISK_FILE = DATA_DIR / "risk.yaml"

#: The four levels of 四级四色 in order of decreasing severity.
LEVEL_NAMES = ("重大", "较大", "一般", "低")

Number = Decimal | int | float | str


class RiskModelError(ValueError):
    """The risk model file (or a value checked against it) is invalid."""


def to_decimal(value: Number) -> Decimal:
    """Convert a score to an exact Decimal via its decimal text (``0.1`` → ``Decimal('0.1')``).

    Floats are converted through ``repr``, which for the short values used in the
    tables gives the literal the author wrote, not the binary approximation.
    """
    if isinstance(value, bool):
        raise RiskModelError(f"not a number: {value!r}")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, (int, float, str)):
        try:
            result = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        except InvalidOperation:
            raise RiskModelError(f"not a number: {value!r}") from None
        if not result.is_finite():
            raise RiskModelError(f"not a finite number: {value!r}")
        return result
    raise RiskModelError(f"not a number: {value!r}")


def _norm(value: Decimal) -> Decimal:
    """Drop trailing zeros so that equal values print and hash the same (300, not 300.0)."""
    normalized = value.normalize()
    # normalize() turns 300 into 3E+2; quantize back to a plain integer when integral.
    if normalized == normalized.to_integral_value():
        return normalized.quantize(Decimal(1))
    return normalized


def lec_score(L: Number, E: Number, C: Number) -> Decimal:
    """Return D = L × E × C exactly, as a normalised Decimal (``lec_score(0.5, 6, 100) == 300``)."""
    return _norm(to_decimal(L) * to_decimal(E) * to_decimal(C))


@dataclass(frozen=True)
class LecOption:
    """One row of an LEC table: a score and what it means (``6``: 相当可能)."""

    value: Decimal
    label: str


@dataclass(frozen=True)
class Level:
    """One of the four risk levels (重大/较大/一般/低) with its display colour."""

    name: str
    colour: str
    colour_code: str
    rank: int  # 1 = most severe


@dataclass(frozen=True)
class DangerBand:
    """An LEC danger class: D in ``[lower, upper)`` (upper None = no limit)."""

    name: str  # 极其危险 …
    lower: Decimal
    upper: Decimal | None
    action: str
    level: str  # one of LEVEL_NAMES

    def contains(self, d: Decimal) -> bool:
        """True when ``lower <= d < upper``: the lower bound belongs to this band."""
        return d >= self.lower and (self.upper is None or d < self.upper)


@dataclass(frozen=True)
class MatrixBand:
    """A risk-matrix band: R from ``low`` to ``high`` inclusive maps to ``level``."""

    low: int
    high: int
    level: str


@dataclass(frozen=True)
class RiskMatrix:
    """An n×n likelihood × severity matrix with R = L × S banded into levels."""

    size: int
    likelihood: tuple[str, ...]  # label of L = 1 … size
    severity: tuple[str, ...]  # label of S = 1 … size
    bands: tuple[MatrixBand, ...]


@dataclass(frozen=True)
class RiskModel:
    """A mine's whole risk configuration, as loaded from risk.yaml."""

    mine: str
    L: tuple[LecOption, ...]
    E: tuple[LecOption, ...]
    C: tuple[LecOption, ...]
    bands: tuple[DangerBand, ...]  # ascending by lower bound
    levels: tuple[Level, ...]
    matrix: RiskMatrix
    source_note: str = ""

    def table(self, factor: str) -> tuple[LecOption, ...]:
        """The LEC table for ``"L"``, ``"E"`` or ``"C"``."""
        if factor not in ("L", "E", "C"):
            raise RiskModelError(f"unknown LEC factor {factor!r}")
        return getattr(self, factor)

    def allowed(self, factor: str) -> frozenset[Decimal]:
        """The scores allowed for one LEC factor."""
        return frozenset(option.value for option in self.table(factor))

    def level(self, name: str) -> Level:
        """Look up a level (colour, rank) by its name."""
        for level in self.levels:
            if level.name == name:
                return level
        raise RiskModelError(f"unknown risk level {name!r}")


def lec_level(d: Number, model: RiskModel) -> DangerBand:
    """Return the danger band D falls in; ``.name`` is 显著危险 etc., ``.level`` is 一般 etc."""
    value = to_decimal(d)
    if value < 0:
        raise RiskModelError(f"D must not be negative: {d!r}")
    for band in model.bands:
        if band.contains(value):
            return band
    raise RiskModelError(f"D = {d} is outside every band")  # unreachable after validation


def acceptable(d: Number, model: RiskModel) -> bool:
    """Whether D falls in the lowest band (稍有危险，可以接受): never for a banned act or a 重大事故隐患."""
    return lec_level(d, model).lower == min(band.lower for band in model.bands)


def on_band_boundary(d: Number, model: RiskModel) -> bool:
    """True when D equals a band edge (20, 70, 160, 320 by default); avoid such D in questions."""
    value = to_decimal(d)
    return any(value == band.lower for band in model.bands if band.lower > 0)


def matrix_score(L: int, S: int, model: RiskModel) -> int:
    """R = L × S after checking both lie in 1 … matrix size."""
    size = model.matrix.size
    for name, value in (("L", L), ("S", S)):
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= size:
            raise RiskModelError(f"matrix {name} must be an integer 1–{size}, got {value!r}")
    return L * S


def matrix_level(L: int, S: int, model: RiskModel) -> str:
    """The four-level name for a likelihood L and severity S under the mine's matrix."""
    r = matrix_score(L, S, model)
    for band in model.matrix.bands:
        if band.low <= r <= band.high:
            return band.level
    raise RiskModelError(f"R = {r} falls in no matrix band")  # unreachable after validation


# --------------------------------------------------------------------------- loading


def _require(mapping: Any, key: str, where: str) -> Any:
    if not isinstance(mapping, dict):
        raise RiskModelError(f"{where}: expected a mapping")
    if key not in mapping or mapping[key] is None:
        raise RiskModelError(f"{where}: missing field '{key}'")
    return mapping[key]


def _options(raw: Any, factor: str) -> tuple[LecOption, ...]:
    if not isinstance(raw, list) or not raw:
        raise RiskModelError(f"lec.{factor}: expected a non-empty list")
    options = []
    for i, row in enumerate(raw):
        where = f"lec.{factor}[{i}]"
        options.append(LecOption(to_decimal(_require(row, "value", where)), str(_require(row, "label", where))))
    values = [o.value for o in options]
    if len(set(values)) != len(values):
        raise RiskModelError(f"lec.{factor}: duplicate values")
    return tuple(sorted(options, key=lambda o: o.value, reverse=True))


def parse_risk_model(data: Any) -> RiskModel:
    """Build and validate a :class:`RiskModel` from the parsed YAML mapping."""
    levels_raw = _require(data, "levels", "risk model")
    levels = tuple(
        Level(
            name=str(_require(row, "name", f"levels[{i}]")),
            colour=str(_require(row, "colour", f"levels[{i}]")),
            colour_code=str(row.get("colour_code", "")),
            rank=int(_require(row, "rank", f"levels[{i}]")),
        )
        for i, row in enumerate(levels_raw)
    )
    if sorted(level.name for level in levels) != sorted(LEVEL_NAMES):
        raise RiskModelError(f"levels must be exactly {LEVEL_NAMES}")
    level_names = {level.name for level in levels}

    lec = _require(data, "lec", "risk model")
    tables = {factor: _options(_require(lec, factor, "lec"), factor) for factor in ("L", "E", "C")}

    rule = _require(lec, "boundary_rule", "lec")
    if rule != "lower_bound_in_higher_band":
        raise RiskModelError(f"lec.boundary_rule: only 'lower_bound_in_higher_band' is supported, got {rule!r}")
    bands_raw = _require(lec, "bands", "lec")
    rows = []
    for i, row in enumerate(bands_raw):
        where = f"lec.bands[{i}]"
        level = str(_require(row, "level", where))
        if level not in level_names:
            raise RiskModelError(f"{where}: unknown level {level!r}")
        rows.append(
            (
                to_decimal(_require(row, "lower", where)),
                str(_require(row, "name", where)),
                str(row.get("action", "")),
                level,
            )
        )
    rows.sort(key=lambda r: r[0])
    if not rows or rows[0][0] != 0:
        raise RiskModelError("lec.bands: the lowest band must start at 0")
    if len({r[0] for r in rows}) != len(rows):
        raise RiskModelError("lec.bands: two bands share a lower bound")
    bands = tuple(
        DangerBand(
            name=name, lower=lower, upper=rows[i + 1][0] if i + 1 < len(rows) else None, action=action, level=level
        )
        for i, (lower, name, action, level) in enumerate(rows)
    )
    ranks = [min(lv.rank for lv in levels if lv.name == b.level) for b in bands]
    if ranks != sorted(ranks, reverse=True):
        raise RiskModelError("lec.bands: a higher D band maps to a less severe level")

    m = _require(data, "matrix", "risk model")
    size = int(_require(m, "size", "matrix"))
    likelihood = tuple(str(x) for x in _require(m, "likelihood", "matrix"))
    severity = tuple(str(x) for x in _require(m, "severity", "matrix"))
    if len(likelihood) != size or len(severity) != size:
        raise RiskModelError(f"matrix: likelihood and severity need {size} labels each")
    mbands = []
    for i, row in enumerate(_require(m, "bands", "matrix")):
        where = f"matrix.bands[{i}]"
        level = str(_require(row, "level", where))
        if level not in level_names:
            raise RiskModelError(f"{where}: unknown level {level!r}")
        mbands.append(MatrixBand(int(_require(row, "low", where)), int(_require(row, "high", where)), level))
    matrix = RiskMatrix(size, likelihood, severity, tuple(sorted(mbands, key=lambda b: b.low)))
    for a in range(1, size + 1):
        for b in range(1, size + 1):
            hits = [band for band in matrix.bands if band.low <= a * b <= band.high]
            if len(hits) != 1:
                raise RiskModelError(f"matrix: R = {a * b} falls in {len(hits)} bands (needs exactly 1)")

    return RiskModel(
        mine=str(data.get("mine", "")),
        L=tables["L"],
        E=tables["E"],
        C=tables["C"],
        bands=bands,
        levels=tuple(sorted(levels, key=lambda lv: lv.rank)),
        matrix=matrix,
        source_note=str(data.get("source_note", "")),
    )


def load_risk_model(path: str | Path | None = None) -> RiskModel:
    """Load the risk model (default ``corpus/hazard_data/risk.yaml``); raises RiskModelError."""
    file = Path(path) if path is not None else RISK_FILE
    with open(file, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    try:
        return parse_risk_model(data)
    except RiskModelError as exc:
        raise RiskModelError(f"{file.name}: {exc}") from None
