"""Where each unit sits on the tile-grid map of Vietnam: one equal square per unit.

Positions are (column, row), row 0 at the top, chosen by hand so that each unit lies roughly
where it is (north-west to north-east in the first rows, the narrow central coast, the Central
Highlands beside it, the south-east and the Mekong delta at the bottom) and the S-shape of the
country is recognisable. The Hoàng Sa (Paracel) and Trường Sa (Spratly) archipelagos are placed
in the East Sea off Đà Nẵng and Khánh Hòa, the units they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass

from dti_app.core.units import UnitRegister

__all__ = ["TileGrid", "GRIDS", "grid_for", "tile_label"]


@dataclass(frozen=True)
class TileGrid:
    positions: dict[str, tuple[float, float]]       # unit code -> (column, row)
    hoang_sa: tuple[float, float]
    truong_sa: tuple[float, float]
    hoang_sa_owner: str                               # unit code: Đà Nẵng
    truong_sa_owner: str                              # unit code: Khánh Hòa
    east_sea: tuple[float, float]                     # where the sea's name is written
    legend: tuple[float, float]                       # top-left of the colour bar (empty land)

    @property
    def size(self) -> tuple[float, float]:
        xs = [p[0] for p in self.positions.values()] + [self.hoang_sa[0], self.truong_sa[0]]
        ys = [p[1] for p in self.positions.values()] + [self.hoang_sa[1], self.truong_sa[1]]
        return max(xs) + 1, max(ys) + 1


def _rows(rows: list[list[tuple[str, int]]]) -> dict[str, tuple[float, float]]:
    return {code: (float(col), float(r)) for r, row in enumerate(rows) for code, col in row}


# 63 provinces and cities (until 30/06/2025); comments give the names, west to east.
GRID_63 = TileGrid(
    positions=_rows([
        [("12", 2), ("10", 3), ("02", 4), ("04", 5)],            # Lai Châu … Cao Bằng
        [("11", 1), ("14", 2), ("15", 3), ("08", 4), ("06", 5), ("20", 6)],  # Điện Biên … Lạng Sơn
        [("25", 3), ("26", 4), ("19", 5), ("24", 6), ("22", 7)],  # Phú Thọ … Quảng Ninh
        [("17", 3), ("01", 4), ("27", 5), ("30", 6), ("31", 7)],  # Hòa Bình … Hải Phòng
        [("38", 3), ("35", 4), ("33", 5), ("34", 6)],            # Thanh Hóa … Thái Bình
        [("40", 3), ("37", 4), ("36", 5)],                       # Nghệ An, Ninh Bình, Nam Định
        [("42", 4)],                                             # Hà Tĩnh
        [("44", 4)],                                             # Quảng Bình
        [("45", 4), ("46", 5)],                                  # Quảng Trị, Thừa Thiên Huế
        [("49", 5), ("48", 6)],                                  # Quảng Nam, Đà Nẵng
        [("62", 5), ("51", 6)],                                  # Kon Tum, Quảng Ngãi
        [("64", 5), ("52", 6)],                                  # Gia Lai, Bình Định
        [("66", 5), ("54", 6)],                                  # Đắk Lắk, Phú Yên
        [("67", 4), ("68", 5), ("56", 6)],                       # Đắk Nông, Lâm Đồng, Khánh Hòa
        [("70", 3), ("75", 4), ("60", 5), ("58", 6)],            # Bình Phước … Ninh Thuận
        [("72", 2), ("74", 3), ("77", 4)],                       # Tây Ninh, Bình Dương, BR-VT
        [("89", 0), ("87", 1), ("80", 2), ("79", 3)],            # An Giang … Hồ Chí Minh
        [("91", 0), ("92", 1), ("86", 2), ("82", 3), ("83", 4)],  # Kiên Giang … Bến Tre
        [("93", 1), ("94", 2), ("84", 3)],                       # Hậu Giang, Sóc Trăng, Trà Vinh
        [("96", 0), ("95", 1)],                                  # Cà Mau, Bạc Liêu
    ]),
    hoang_sa=(8.6, 8.5), truong_sa=(8.6, 15.8), hoang_sa_owner="48", truong_sa_owner="56",
    east_sea=(8.4, 12.3), legend=(0.4, 7.0),
)

# 34 provinces and cities (from 01/07/2025).
GRID_34 = TileGrid(
    positions=_rows([
        [("12", 1), ("15", 2), ("08", 3), ("04", 4)],            # Lai Châu … Cao Bằng
        [("11", 0), ("14", 1), ("25", 2), ("19", 3), ("20", 4)],  # Điện Biên … Lạng Sơn
        [("01", 2), ("24", 3), ("22", 4)],                       # Hà Nội, Bắc Ninh, Quảng Ninh
        [("37", 2), ("33", 3), ("31", 4)],                       # Ninh Bình, Hưng Yên, Hải Phòng
        [("38", 2)],                                             # Thanh Hóa
        [("40", 2)],                                             # Nghệ An
        [("42", 3)],                                             # Hà Tĩnh
        [("44", 3)],                                             # Quảng Trị
        [("46", 3), ("48", 4)],                                  # Huế, Đà Nẵng
        [("51", 4)],                                             # Quảng Ngãi
        [("52", 4)],                                             # Gia Lai
        [("66", 4)],                                             # Đắk Lắk
        [("68", 3), ("56", 4)],                                  # Lâm Đồng, Khánh Hòa
        [("80", 1), ("79", 2), ("75", 3)],                       # Tây Ninh, Hồ Chí Minh, Đồng Nai
        [("91", 0), ("82", 1), ("86", 2)],                       # An Giang, Đồng Tháp, Vĩnh Long
        [("96", 0), ("92", 1)],                                  # Cà Mau, Cần Thơ
    ]),
    hoang_sa=(6.6, 7.5), truong_sa=(6.6, 12.8), hoang_sa_owner="48", truong_sa_owner="56",
    east_sea=(6.4, 10.2), legend=(0.0, 5.0),
)

GRIDS = {"63": GRID_63, "34": GRID_34}

_SHORT = {
    "Bà Rịa - Vũng Tàu": "BR–VT", "Ba Ria - Vung Tau": "BR–VT",
    "Thừa Thiên Huế": "TT Huế", "Thua Thien Hue": "TT Hue",
    "Hồ Chí Minh": "TP HCM", "Ho Chi Minh City": "HCMC",
}


def grid_for(register: UnitRegister) -> TileGrid | None:
    """The grid of a built-in code set whose codes all have a tile; else ``None``."""
    grid = GRIDS.get(register.code_set)
    if grid is None or set(register.codes) != set(grid.positions):
        return None
    return grid


def tile_label(name: str) -> str:
    """A unit's name on two short lines, abbreviated when long ('Bà Rịa - Vũng Tàu' -> 'BR–VT')."""
    name = _SHORT.get(name, name)
    words = name.split()
    if len(words) <= 1:
        return name
    best = min(range(1, len(words)),
               key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
    return " ".join(words[:best]) + "\n" + " ".join(words[best:])
