"""The unit register: which units are assessed, and finding a unit from any spelling of its name.

Built in: the 63 provinces and cities until 30/06/2025 (code set "63") and the 34 units from
01/07/2025 (code set "34"), with the former → merged mapping. Custom registers come from a CSV file
with at least the columns ``code`` and ``name_vi`` (optional: ``name_en``, ``region_vi``,
``region_en``, ``is_city``, ``variants`` separated by ';').

A code is only meaningful with its code set: ``Unit.code_set`` says which.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from dti_app.core.errors import UnitRegisterError
from dti_app.core.issues import Issue, IssueCode
from dti_app.core.names import loose_key, strict_key

__all__ = ["Unit", "UnitRegister", "Resolution", "load_register", "builtin_register",
           "parse_register"]

C = IssueCode


@dataclass(frozen=True)
class Unit:
    code: str
    name_vi: str
    name_en: str = ""
    region_vi: str = ""
    region_en: str = ""
    is_city: bool = False
    variants: tuple[str, ...] = ()
    merged_into: str = ""
    former_codes: tuple[str, ...] = ()
    code_set: str = ""

    def name(self, lang: str = "vi") -> str:
        return self.name_en if lang == "en" and self.name_en else self.name_vi

    def region(self, lang: str = "vi") -> str:
        return self.region_en if lang == "en" and self.region_en else self.region_vi

    @property
    def label(self) -> str:
        return f"{self.name_vi} ({self.code})"


@dataclass(frozen=True)
class Resolution:
    unit: Unit | None
    issue: Issue | None = None


@dataclass
class UnitRegister:
    code_set: str
    units: tuple[Unit, ...]
    former: dict[str, str] = field(default_factory=dict)  # former unit's strict key -> label
    _strict: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _loose: dict[str, set[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.by_code = {u.code: u for u in self.units}
        self._code_width = max((len(u.code) for u in self.units), default=0)
        for u in self.units:
            for name in (u.name_vi, u.name_en, *u.variants):
                if name:
                    self._strict.setdefault(strict_key(name), set()).add(u.code)
                    self._loose.setdefault(loose_key(name), set()).add(u.code)

    def __len__(self) -> int:
        return len(self.units)

    def __iter__(self):
        return iter(self.units)

    @property
    def codes(self) -> list[str]:
        return [u.code for u in self.units]

    @property
    def regions(self) -> list[str]:
        return sorted({u.region_vi for u in self.units if u.region_vi})

    def resolve(self, text: object) -> Resolution:
        """Find the unit meant by a code or a name; an unknown or ambiguous text is an issue."""
        raw = "" if text is None else str(text).strip()
        if isinstance(text, float) and text.is_integer():
            raw = str(int(text))
        if raw.isdigit():
            code = raw.zfill(self._code_width) if len(raw) < self._code_width else raw
            if code in self.by_code:
                return Resolution(self.by_code[code])
        if raw in self.by_code:
            return Resolution(self.by_code[raw])
        for index, key in ((self._strict, strict_key(raw)), (self._loose, loose_key(raw))):
            found = index.get(key) if key else None
            if found and len(found) == 1:
                return Resolution(self.by_code[next(iter(found))])
            if found:
                labels = sorted(self.by_code[c].label for c in found)
                return Resolution(None, Issue.error(C.UNIT_AMBIGUOUS, value=raw,
                                                    params={"candidates": labels}))
        former = self.former.get(strict_key(raw)) or self.former.get(loose_key(raw))
        if former:
            return Resolution(None, Issue.error(C.UNIT_FORMER, value=raw, params={
                "merged_into": former, "code_set": self.code_set}))
        return Resolution(None, Issue.error(C.UNIT_UNKNOWN, value=raw,
                                            params={"code_set": self.code_set}))


def _rows(text: str) -> list[dict[str, str]]:
    return [{k.strip(): (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(io.StringIO(text))]


def _units_from_rows(rows: list[dict[str, str]], code_set: str, filename: str) -> list[Unit]:
    issues: list[Issue] = []
    if not rows:
        issues.append(Issue.error(C.REGISTER_MISSING_COLUMN, file=filename,
                                  params={"column": "code"}))
        raise UnitRegisterError(issues)
    for column in ("code", "name_vi"):
        if column not in rows[0]:
            issues.append(Issue.error(C.REGISTER_MISSING_COLUMN, file=filename,
                                      params={"column": column}))
    if issues:
        raise UnitRegisterError(issues)
    units, seen = [], set()
    for i, row in enumerate(rows, start=2):
        for column in ("code", "name_vi"):
            if not row.get(column):
                issues.append(Issue.error(C.REGISTER_EMPTY_FIELD, file=filename,
                                          params={"row": i, "column": column}))
        if row["code"] in seen:
            issues.append(Issue.error(C.REGISTER_DUPLICATE_CODE, file=filename,
                                      unit=row["code"]))
        seen.add(row["code"])
        units.append(Unit(
            code=row["code"], name_vi=row["name_vi"], name_en=row.get("name_en", ""),
            region_vi=row.get("region_vi", ""), region_en=row.get("region_en", ""),
            is_city=row.get("is_city", "0") in ("1", "true", "True", "yes"),
            variants=tuple(v.strip() for v in row.get("variants", "").split(";") if v.strip()),
            merged_into=row.get("merged_into", ""),
            former_codes=tuple(v for v in row.get("former_codes", "").split(";") if v),
            code_set=code_set,
        ))
    if issues:
        raise UnitRegisterError(issues)
    _check_name_clashes(units, filename)
    return units


def _check_name_clashes(units: list[Unit], filename: str) -> None:
    owners: dict[str, set[str]] = {}
    for u in units:
        for name in (u.name_vi, *u.variants):
            owners.setdefault(strict_key(name), set()).add(u.code)
    issues = [Issue.error(C.REGISTER_NAME_CLASH, file=filename, value=key,
                          params={"units": sorted(codes)})
              for key, codes in owners.items() if len(codes) > 1]
    if issues:
        raise UnitRegisterError(issues)


def _builtin_text(name: str) -> str:
    return resources.files("dti_app.core").joinpath("data", name).read_text(encoding="utf-8")


_CACHE: dict[str, UnitRegister] = {}


def builtin_register(code_set: str) -> UnitRegister:
    """The built-in register "63" or "34"."""
    if code_set not in ("63", "34"):
        raise UnitRegisterError([Issue.error(C.REGISTER_UNREADABLE,
                                             params={"reason": f"'{code_set}' (63 | 34 | CSV)"})])
    if code_set not in _CACHE:
        units = _units_from_rows(_rows(_builtin_text(f"units_{code_set}.csv")), code_set,
                                 f"units_{code_set}.csv")
        former: dict[str, str] = {}
        if code_set == "34":
            by_code = {u.code: u for u in units}
            for old in _rows(_builtin_text("units_63.csv")):
                new = by_code[old["merged_into"]]
                for name in (old["name_vi"], *old["variants"].split(";")):
                    if name and strict_key(name) != strict_key(new.name_vi):
                        former[strict_key(name)] = new.label
                        former[loose_key(name)] = new.label
        _CACHE[code_set] = UnitRegister(code_set, tuple(units), former)
    return _CACHE[code_set]


def load_register(spec: str | Path) -> UnitRegister:
    """``"63"``, ``"34"`` or the path of a CSV file."""
    if str(spec) in ("63", "34"):
        return builtin_register(str(spec))
    path = Path(spec)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnitRegisterError([Issue.error(C.REGISTER_UNREADABLE, file=path.name,
                                             params={"reason": exc})]) from None
    return parse_register(text, path.stem, path.name)


def parse_register(text: str, code_set: str = "custom", filename: str = "") -> UnitRegister:
    """A custom register from the text of its CSV file (as kept in a campaign file)."""
    try:
        rows = _rows(text.lstrip("\ufeff"))
    except csv.Error as exc:
        raise UnitRegisterError([Issue.error(C.REGISTER_UNREADABLE, file=filename,
                                             params={"reason": exc})]) from None
    return UnitRegister(code_set, tuple(_units_from_rows(rows, code_set, filename)))
