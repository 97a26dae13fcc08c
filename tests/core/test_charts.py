"""Every chart kind renders (Vietnamese glyphs included) on the sample data; the map's layout."""

from __future__ import annotations

import io
import unicodedata
import warnings

import numpy as np
import pytest
from export_testdata import previous_ranks, sample_case
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from dti_app.core import atomic
from dti_app.core.chart_export import chart_jobs, save_figure, write_all_charts
from dti_app.core.chart_map import MAP_CMAP, tile_map
from dti_app.core.charts import (
    indicator_heatmap,
    pillar_comparison,
    rank_change,
    ranking_bars,
    unit_radar,
)
from dti_app.core.errors import ExportError
from dti_app.core.sample_data import generate_values, synthetic_register
from dti_app.core.scoring import score_units
from dti_app.core.tilegrid import GRIDS, grid_for, tile_label
from dti_app.core.units import Unit, UnitRegister, builtin_register


def _render(fig: Figure) -> list[str]:
    """Draw to PNG at a low dpi; return every text shown, failing on any warning (a glyph
    missing from the font is a warning)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(io.BytesIO(), format="png", dpi=30)
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text"))]


def _subtitle_ok(texts: list[str], code_set: str, year: str = "2023") -> None:
    """The subtitle names the framework, the year given (not the criteria file's 2022) and the
    code set."""
    line = next(t.replace("\n", " ") for t in texts if "bộ mã" in t.replace("\n", " "))
    assert "DTI 2022" in line and f"năm {year}" in line and f"bộ mã {code_set}" in line


@pytest.fixture(scope="module")
def case63():
    return sample_case()


def test_ranking_bars_show_every_scored_unit_in_rank_order(case63):
    criteria, register, values, result = case63
    fig = ranking_bars(result, register, year=2023)
    texts = _render(fig)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 60
    first = result.ranking().index[0]
    assert labels[0] == f"1. {register.by_code[first].name_vi}"
    bars = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert bars[0].get_width() == pytest.approx(result.shown[first])
    mean = result.shown.dropna().mean()
    assert any(f"Trung bình cả nước: {mean:.4f}" == t for t in texts)
    assert any(t.startswith("Chưa nộp (2): Hà Giang, Cao Bằng") for t in texts)
    _subtitle_ok(texts, "63")
    # without a year the chart says it is not stated: never the criteria file's year
    _subtitle_ok(_render(ranking_bars(result, register)), "63", year="chưa rõ")


def test_pillar_comparison_radar_and_heatmap_render(case63):
    criteria, register, values, result = case63
    texts = _render(pillar_comparison(result, register, year=2023))
    assert any(t.startswith("Chính quyền số (CQS)") for t in texts)
    _subtitle_ok(texts, "63")
    fig = unit_radar(result, register, "48")
    texts = _render(fig)
    assert "Đà Nẵng: các chỉ số chính so với trung bình" in texts
    assert "Trung bình vùng: Bắc Trung Bộ và Duyên hải miền Trung" in texts
    unit_line = fig.axes[0].get_lines()[0]
    nts = result.node_fraction.at["48", "NTS"]
    assert unit_line.get_ydata()[0] == pytest.approx(nts)
    fig = indicator_heatmap(result, register)
    texts = _render(fig)
    image = fig.axes[0].get_images()[0].get_array()
    assert image.shape == (60, 8)                  # 60 scored units × 8 scored indicators
    top = result.ranking().index[0]
    assert image[0, 0] == pytest.approx(result.node_fraction.at[top, "NTS"])


def test_rank_change_bars(case63):
    criteria, register, values, result = case63
    previous = previous_ranks(result)
    fig = rank_change(result, register, previous)
    texts = _render(fig)
    ax = fig.axes[0]
    assert len(ax.patches) == 59
    assert {p.get_width() for p in ax.patches} == {1.0}     # everyone moved up one place
    first = register.by_code[result.ranking().index[0]].name_vi
    assert any(t.startswith("Không có hạng năm trước") and first in t for t in texts)


@pytest.mark.parametrize("code_set", ["63", "34"])
def test_tile_map_of_vietnam_with_the_archipelagos(code_set):
    criteria, register, values, result = sample_case(code_set, missing=("04",), invalid=())
    fig = tile_map(result, register, year=2023)
    texts = _render(fig)
    flat = [t.replace("\n", " ") for t in texts]
    assert "Quần đảo Hoàng Sa (Đà Nẵng)" in flat
    assert "Quần đảo Trường Sa (Khánh Hòa)" in flat
    assert "Biển Đông" in texts
    _subtitle_ok(texts, code_set)
    ax = fig.axes[0]
    tiles = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(tiles) == len(register) + 2                  # + the two archipelagos
    for code in register.codes:
        assert tile_label(register.by_code[code].name_vi) in texts
    # the best unit has the darkest colour of the scale, the worst the lightest
    from matplotlib import colormaps
    cmap = colormaps[MAP_CMAP]
    grid = GRIDS[code_set]
    by_xy = {(round(t.get_x() + t.get_width() / 2, 3), round(t.get_y() + t.get_height() / 2, 3)):
             t for t in tiles}
    best, worst = result.shown.idxmax(), result.shown.idxmin()
    assert np.allclose(by_xy[grid.positions[best]].get_facecolor(), cmap(1.0))
    assert np.allclose(by_xy[grid.positions[worst]].get_facecolor(), cmap(0.0))
    assert by_xy[grid.positions["04"]].get_hatch() == "////"     # not submitted
    # Hoàng Sa is drawn in Đà Nẵng's colour, Trường Sa in Khánh Hòa's
    assert np.allclose(by_xy[grid.hoang_sa].get_facecolor(),
                       by_xy[grid.positions["48"]].get_facecolor())
    assert np.allclose(by_xy[grid.truong_sa].get_facecolor(),
                       by_xy[grid.positions["56"]].get_facecolor())


@pytest.mark.parametrize("code_set", ["63", "34"])
def test_tile_grid_keeps_the_shape_of_the_country(code_set):
    register = builtin_register(code_set)
    grid = grid_for(register)
    pos = grid.positions
    assert len(set(pos.values())) == len(register)                 # one tile per square
    col = {c: p[0] for c, p in pos.items()}
    row = {c: p[1] for c, p in pos.items()}
    # north to south: Hà Nội, Huế, Đà Nẵng, Khánh Hòa, Hồ Chí Minh, Cà Mau
    chain = ["01", "46", "48", "56", "79", "96"]
    assert [row[c] for c in chain] == sorted(row[c] for c in chain)
    assert row["96"] == max(row.values())                            # Cà Mau at the tip
    assert col["11"] < col["01"] < col["22"]                         # Điện Biên, Hà Nội, Q. Ninh
    assert col["56"] > col["79"] > col["96"]                         # the coast curves west
    # the archipelagos lie in the sea east of their provinces, Hoàng Sa north of Trường Sa
    assert grid.hoang_sa[0] > max(col.values()) and grid.truong_sa[0] > max(col.values())
    assert abs(grid.hoang_sa[1] - row["48"]) <= 1.5
    assert grid.hoang_sa[1] < grid.truong_sa[1]
    assert grid.hoang_sa_owner == "48" and grid.truong_sa_owner == "56"


def test_custom_units_get_no_map():
    criteria, *_ = sample_case()
    register = synthetic_register(8)
    result = score_units(criteria, generate_values(criteria, register), register)
    assert grid_for(register) is None
    assert "map" not in [stem for stem, _ in chart_jobs(result, register)]
    assert "Chưa có dữ liệu" in _render(tile_map(result, register))


def test_write_all_charts_writes_every_kind(tmp_path):
    criteria, register, values, result = sample_case("34", missing=("04",), invalid=())
    seen = []
    written = write_all_charts(tmp_path, result, register, previous=previous_ranks(result),
                               radar_units=["01"], formats=("png",), dpi=20,
                               progress=lambda d, n: seen.append((d, n)))
    stems = ["ranking", "pillars", "heatmap", "map", "rank_change", "radar_01"]
    assert [p.name for p in written] == [f"{s}.png" for s in stems]
    assert seen == [(i, 6) for i in range(1, 7)]
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in written)


def test_charts_drawn_in_two_processes_are_the_same_files(tmp_path):
    criteria, register, values, result = sample_case("34", missing=("04",), invalid=())
    kw = {"previous": previous_ranks(result), "radar_units": ["01"], "formats": ("png",),
          "dpi": 20}
    one = write_all_charts(tmp_path / "one", result, register, **kw)
    seen = []
    two = write_all_charts(tmp_path / "two", result, register, workers=2,
                           progress=lambda d, n: seen.append((d, n)), **kw)
    assert [p.name for p in two] == [p.name for p in one]
    assert seen == [(i, 6) for i in range(1, 7)]
    for mine, theirs in zip(one, two):
        assert mine.read_bytes() == theirs.read_bytes(), mine.name


def test_a_chart_that_cannot_be_written_in_a_worker_is_an_export_error(tmp_path, case63):
    criteria, register, values, result = case63
    (tmp_path / "ranking.png").mkdir()  # a folder where the chart should go
    with pytest.raises(ExportError):
        write_all_charts(tmp_path, result, register, formats=("png",), dpi=20, workers=2)


def test_save_figure_in_every_format(tmp_path, case63):
    criteria, register, values, result = case63
    written = save_figure(unit_radar(result, register, "79"), tmp_path / "radar", dpi=20)
    magic = {".png": b"\x89PNG", ".svg": b"<?xml", ".pdf": b"%PDF"}
    assert [p.suffix for p in written] == [".png", ".svg", ".pdf"]
    for path in written:
        assert path.read_bytes().startswith(magic[path.suffix])
    svg = (tmp_path / "radar.svg").read_text(encoding="utf-8")
    assert "<text" not in svg                          # text as paths: no font needed to view


def test_cancelling_chart_writing_stops_between_charts(tmp_path, case63):
    criteria, register, values, result = case63
    calls = []
    written = write_all_charts(tmp_path, result, register, formats=("png",), dpi=20,
                               cancelled=lambda: len(calls) >= 1,
                               progress=lambda d, n: calls.append(d))
    assert [p.name for p in written] == ["ranking.png"]


def test_save_figure_failure_keeps_the_old_file(tmp_path, case63, monkeypatch):
    criteria, register, values, result = case63
    fig = ranking_bars(result, register)
    old = tmp_path / "ranking.png"
    old.write_bytes(b"old chart")
    monkeypatch.setattr(atomic.os, "replace", lambda a, b: (_ for _ in ()).throw(
        PermissionError(13, "Permission denied")))
    with pytest.raises(ExportError):
        save_figure(fig, tmp_path / "ranking", ("png",), dpi=20)
    assert old.read_bytes() == b"old chart"
    assert [p.name for p in tmp_path.iterdir()] == ["ranking.png"]


def test_decomposed_diacritics_are_drawn_as_one_glyph():
    """A name typed in NFD (as some Mac files carry) is normalised before it is drawn."""
    criteria, *_ = sample_case()
    nfd = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    register = UnitRegister("tu-chon", (Unit("T1", nfd, region_vi="Miền Trung"),
                                        Unit("T2", "Đà Nẵng", region_vi="Miền Trung")))
    result = score_units(criteria, generate_values(criteria, register), register)
    fig = ranking_bars(result, register)
    _render(fig)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert any(label.endswith(". Thừa Thiên Huế") for label in labels)
    assert not any(nfd in label for label in labels)
