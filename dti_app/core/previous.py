"""Year over year: a previous round's results, and each unit's rank and score change against it.

``load_previous(path)`` accepts
  - a campaign file (``.dticampaign``): its latest results snapshot, i.e. what was published, or,
    when it has none, its results scored afresh (the file is only read);
  - the result document written by ``dti-scorer score --json`` (or ``campaign score --json``);
  - any format registered in ``PREVIOUS_READERS`` by file suffix (e.g. ``".xlsx"`` for the ranking
    workbook, registered by the module that writes it).

``compare_with_previous(result, previous)`` gives, per unit of the current result: rank,
previous_rank, rank_change (positive = moved up), score, previous_score, score_change. Units are
matched by code, so both rounds must use the same code set (63 or 34 or the same custom list).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from dti_app.core.campaign_schema import SQLITE_HEADER, campaign_error
from dti_app.core.ranking import round_shown
from dti_app.core.scoring import ScoreResult

__all__ = ["PreviousResults", "PREVIOUS_READERS", "load_previous", "load_result_document",
           "previous_from_document",
           "compare_with_previous", "COMPARE_COLUMNS"]

COMPARE_COLUMNS = ["rank", "previous_rank", "rank_change", "score", "previous_score",
                   "score_change"]
MAX_JSON_BYTES = 256 * 1024 * 1024      # a 10,000-unit result with every node: about 95 MB


@dataclass
class PreviousResults:
    """Per unit code: score, rank and name (scored units only), and pillar scores."""

    source: str
    code_set: str = ""
    criteria: str = ""                       # "id vversion"
    year: int | None = None
    table: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(
        {"score": pd.Series(dtype=float), "rank": pd.Series(dtype="Int64")}))
    pillars: pd.DataFrame = field(default_factory=pd.DataFrame)  # code × pillar score


#: suffix (lower case, with the dot) → reader; used for files that are neither SQLite nor JSON.
PREVIOUS_READERS: dict[str, Callable[[Path], PreviousResults]] = {}


def previous_from_document(document: dict[str, Any], source: str = "",
                           year: int | None = None) -> PreviousResults:
    """Read a result document (the ``--json`` layout); only units with a score count ("scored",
    and "provisional": ranked although some inputs had errors)."""
    units = document.get("units") if isinstance(document, dict) else None
    if not isinstance(units, list):
        raise campaign_error("previous_unreadable", path=source, why="'units'")
    codes, scores, ranks, names, pillar_rows = [], [], [], [], []
    for unit in units:
        if not isinstance(unit, dict) or unit.get("status") not in ("scored", "provisional") \
                or unit.get("code") is None:
            continue
        codes.append(str(unit["code"]))
        names.append(str(unit.get("name") or ""))
        scores.append(np.nan if unit.get("score") is None else float(unit["score"]))
        ranks.append(pd.NA if unit.get("rank") is None else int(unit["rank"]))
        pillars = unit.get("pillars") or {}
        pillar_rows.append({code: (np.nan if (v or {}).get("score") is None else
                                   float(v["score"])) for code, v in pillars.items()})
    index = pd.Index(codes, name="code", dtype=object)
    table = pd.DataFrame({"score": pd.Series(scores, index=index, dtype=float),
                          "rank": pd.Series(ranks, index=index, dtype="Int64"),
                          "name": pd.Series(names, index=index, dtype=object)})
    crit = document.get("criteria") or {}
    label = f"{crit.get('id', '')} v{crit.get('version', '')}" if crit.get("id") else ""
    if label and crit.get("edited"):
        label += " (đã sửa trọng số / edited)"
    if year is None and isinstance(document.get("year"), int):
        year = document["year"]
    return PreviousResults(source=source, code_set=str(document.get("code_set") or ""),
                           criteria=label, year=year, table=table,
                           pillars=pd.DataFrame(pillar_rows, index=index, dtype=float))


def _campaign_document(path: Path) -> tuple[dict[str, Any], int | None]:
    from dti_app.core.campaign import Campaign

    with Campaign.open(path, read_only=True) as campaign:
        snaps = campaign.snapshots()
        if len(snaps):
            document = campaign.snapshot(int(snaps["id"].iloc[-1]))
        else:
            document = campaign.results_document()
        document.setdefault("code_set", campaign.register().code_set)
        return document, campaign.year


def _json_document(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise ValueError(f"> {MAX_JSON_BYTES} bytes")
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise campaign_error("previous_unreadable", path=path, why=exc) from None
    if not isinstance(document, dict) or not isinstance(document.get("units"), list):
        raise campaign_error("previous_unreadable", path=path, why="không phải kết quả của "
                             "score --json / not a score --json result")
    return document


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise campaign_error("previous_unreadable", path=path, why=exc.strerror or exc) from None


def load_previous(path: str | Path) -> PreviousResults:
    """A previous round's results from a campaign file, a JSON result, or a registered format."""
    path = Path(path)
    head = _head(path)
    if head == SQLITE_HEADER:
        document, year = _campaign_document(path)
        return previous_from_document(document, str(path), year)
    reader = PREVIOUS_READERS.get(path.suffix.lower())
    if reader is not None:
        return reader(path)
    if head.lstrip()[:1] in (b"{", b"\xef"):
        return previous_from_document(_json_document(path), str(path))
    raise campaign_error("previous_unreadable", path=path,
                         why="cần tệp đợt đánh giá hoặc JSON / need a campaign file or JSON")


def load_result_document(path: str | Path) -> dict[str, Any]:
    """One round's results as a ``--json`` document, from any file ``load_previous`` reads.

    A campaign gives its latest snapshot (or its current results), a JSON file itself, an
    exported ranking workbook the units' scores, ranks and pillar scores it holds.
    """
    path = Path(path)
    head = _head(path)
    if head == SQLITE_HEADER:
        return _campaign_document(path)[0]
    if path.suffix.lower() == ".json" or (PREVIOUS_READERS.get(path.suffix.lower()) is None
                                          and head.lstrip()[:1] in (b"{", b"\xef")):
        return _json_document(path)
    previous = load_previous(path)
    units = []
    for code, row in previous.table.iterrows():
        pillars = previous.pillars.loc[code] if code in previous.pillars.index else {}
        units.append({
            "code": str(code), "name": str(row.get("name") or ""), "status": "scored",
            "score": None if pd.isna(row["score"]) else float(row["score"]),
            "rank": None if pd.isna(row["rank"]) else int(row["rank"]),
            "pillars": {p: {"score": None if pd.isna(v) else float(v)}
                        for p, v in dict(pillars).items()},
        })
    criteria_id, _, version = previous.criteria.partition(" v")
    return {"criteria": {"id": criteria_id, "version": version}, "year": previous.year,
            "code_set": previous.code_set, "units": units, "issues": []}


def compare_with_previous(result: ScoreResult, previous: PreviousResults,
                          code_set: str | None = None) -> pd.DataFrame:
    """Rank and score now and before, per unit of ``result`` (see the module docstring).

    ``code_set``: the current register's; when both it and the previous one are known and differ,
    codes mean different units and ``CampaignError`` is raised.
    """
    if code_set and previous.code_set and code_set != previous.code_set:
        raise campaign_error("previous_code_set", found=previous.code_set, current=code_set)
    codes = result.status.index
    rank = result.rank.reindex(codes).astype("Int64")
    previous_rank = previous.table["rank"].reindex(codes).astype("Int64")
    score = result.shown.reindex(codes).astype(float)
    previous_score = previous.table["score"].reindex(codes).astype(float)
    return pd.DataFrame({
        "rank": rank,
        "previous_rank": previous_rank,
        "rank_change": (previous_rank - rank).astype("Int64"),
        "score": score,
        "previous_score": previous_score,
        "score_change": round_shown(score - previous_score, result.criteria.decimals),
    }, index=codes, columns=COMPARE_COLUMNS)
