"""Every spelling in the reference resolves to the right unit in the right code set."""

from __future__ import annotations

import csv
import unicodedata

import pytest

from dti_app.core.errors import UnitRegisterError
from dti_app.core.units import load_register

SPELLINGS_63 = {
    "Thừa Thiên - Huế": "46", "Thừa Thiên Huế": "46", "TT-Huế": "46", "TP. Huế": "46",
    "TP. Hồ Chí Minh": "79", "TP.HCM": "79", "TPHCM": "79", "TP HCM": "79", "Hồ Chí Minh": "79",
    "Thành phố Hồ Chí Minh": "79", "Bà Rịa - Vũng Tàu": "77", "Bà Rịa – Vũng Tàu": "77",
    "BR-VT": "77", "BRVT": "77", "Đắk Lắk": "66", "Đắc Lắc": "66", "Dak Lak": "66",
    "Bắc Kạn": "06", "Bắc Cạn": "06", "Kon Tum": "62", "Kontum": "62", "Hòa Bình": "17",
    "Hoà Bình": "17", "Thanh Hóa": "38", "Thanh Hoá": "38", "Khánh Hoà": "56",
    "Tỉnh Quảng Ninh": "22", "Thành phố Đà Nẵng": "48", "TP. Cần Thơ": "92",
    "  hà   nội ": "01", "HA NOI": "01", "ha noi": "01", "Quang Nam": "49", "Quảng Ngãi": "51",
    "48": "48", "1": "01", "01": "01",
}


@pytest.mark.parametrize("text,code", SPELLINGS_63.items())
def test_spellings_resolve_in_the_63_set(units63, text, code):
    found = units63.resolve(text)
    assert found.issue is None and found.unit.code == code
    assert found.unit.code_set == "63"


@pytest.mark.parametrize("text,code", [("Thừa Thiên - Huế", "46"), ("Đà Nẵng", "48")])
def test_nfd_input_resolves(units63, text, code):
    assert units63.resolve(unicodedata.normalize("NFD", text)).unit.code == code


def test_every_reference_name_and_variant_resolves(repo, units63):
    with open(repo / "dti_app" / "core" / "data" / "units_63.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for name in [row["name_vi"], row["name_en"], *filter(None, row["variants"].split(";"))]:
                assert units63.resolve(name).unit.code == row["code"], name


def test_codes_mean_different_units_in_the_two_sets(units63, units34):
    assert units63.resolve("15").unit.name_vi == "Yên Bái"
    assert units34.resolve("15").unit.name_vi == "Lào Cai"
    assert units63.resolve("24").unit.name_vi == "Bắc Giang"
    assert units34.resolve("24").unit.name_vi == "Bắc Ninh"
    assert units34.resolve("TP. Huế").unit.code == "46"
    assert units34.resolve("Thừa Thiên Huế").unit.code == "46"


def test_a_former_province_in_the_34_set_is_an_error_not_a_guess(units34):
    found = units34.resolve("Hà Giang")
    assert found.unit is None and found.issue.code.value == "unit_former"
    assert found.issue.params["merged_into"] == "Tuyên Quang (08)"


def test_unknown_name_is_an_error(units63):
    found = units63.resolve("Xứ Đoài")
    assert found.unit is None and found.issue.code.value == "unit_unknown"


def test_ambiguous_name_in_a_custom_register_is_an_error(tmp_path):
    path = tmp_path / "xa.csv"
    path.write_text("code,name_vi,variants\n1,Hòa Bình,Hoa Binh Mot\n2,Hoà Bính,\n",
                    encoding="utf-8")
    register = load_register(path)
    found = register.resolve("Hoa Binh")
    assert found.unit is None and found.issue.code.value == "unit_ambiguous"
    assert register.resolve("Hòa Bình").unit.code == "1"


def test_the_registers_match_the_reference(units63, units34):
    assert len(units63) == 63 and len(units34) == 34
    assert {u.code for u in units63 if u.is_city} == {"01", "31", "48", "79", "92"}
    assert sum(u.is_city for u in units34) == 6
    merged = {u.code: u.former_codes for u in units34}
    assert sorted(merged["79"]) == ["74", "77", "79"]
    assert all(u.merged_into in units34.by_code for u in units63)
    assert len(units63.regions) == 6


def test_custom_register_errors(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("ma,ten\n1,A\n", encoding="utf-8")
    with pytest.raises(UnitRegisterError) as info:
        load_register(path)
    assert {i.code.value for i in info.value.issues} == {"register_missing_column"}
    path.write_text("code,name_vi\n1,A\n1,B\n", encoding="utf-8")
    with pytest.raises(UnitRegisterError) as info:
        load_register(path)
    assert info.value.issues[0].code.value == "register_duplicate_code"
