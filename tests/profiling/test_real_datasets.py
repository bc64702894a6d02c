"""Every reference dataset opens and profiles with facts a person can check against its SOURCE.md."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mfgdata.dataset import open_dataset
from mfgdata.profiling import profile_paths


def _column(profile: dict[str, Any], name: str) -> dict[str, Any]:
    return next(column for column in profile["columns"] if column["name"] == name)


def _label(profile: dict[str, Any], first_column: str) -> dict[str, int]:
    label = next(label for label in profile["labels"] if label["columns"][0] == first_column)
    return {str(entry["value"]): entry["count"] for entry in label["classes"]}


# Openly licensed data shipped in data/open/ (always present)


def test_ai4i_tab_separated_csv_with_units_in_headers(open_data: Path) -> None:
    profile = profile_paths([open_data / "ai4i-2020"])
    assert profile["rows"] == 10_000
    assert len(profile["columns"]) == 14
    assert profile["source"]["delimiter"] == "\t"
    assert profile["source"]["files"][0]["sha256"] == "caeb324fec910a2f2fbff81b3c2524b4c6a2f3e1431009569e538493d462279a"
    units = {c["name"]: c["unit"] for c in profile["columns"] if c["unit"]}
    assert units == {
        "Air temperature": "K",
        "Process temperature": "K",
        "Rotational speed": "rpm",
        "Torque": "N*m",
        "Tool wear": "minute",
    }
    assert {v["value"]: v["count"] for v in _column(profile, "Type")["top_values"]} == {"L": 6000, "M": 2997, "H": 1003}
    assert _label(profile, "Machine failure") == {"0": 9661, "1": 339}
    assert ["UDI"] in profile["candidate_keys"]


def test_nasa_cmapss_headerless_space_separated_run_to_failure(open_data: Path) -> None:
    profile = profile_paths([open_data / "nasa-cmapss-fd001" / "train_FD001.txt"])
    assert (profile["rows"], len(profile["columns"])) == (20_631, 26)
    assert profile["source"]["delimiter"] == "whitespace"
    assert profile["source"]["header_rows"] == 0
    (series,) = profile["timeseries"]
    assert (series["entity_column"], series["time_column"], series["axis"]) == ("column_1", "column_2", "sequence")
    assert series["entities"] == 100
    cycles = [entity["rows"] for entity in series["per_entity"]]
    assert (min(cycles), max(cycles)) == (128, 362)


def test_nasa_cmapss_folder_combines_train_and_test_and_lists_the_rest(open_data: Path) -> None:
    profile = profile_paths([open_data / "nasa-cmapss-fd001"])
    assert profile["rows"] == 20_631 + 13_096
    assert {Path(f["path"]).name: f["rows"] for f in profile["source"]["files"]} == {
        "test_FD001.txt": 13_096,
        "train_FD001.txt": 20_631,
    }
    assert sorted(Path(p).name for p in profile["source"]["other_files"]) == ["RUL_FD001.txt"]
    (series,) = profile["timeseries"]
    assert (series["entity_column"], series["entity_per_file"], series["entities"]) == ("column_1", True, 200)
    assert series["out_of_order_rows"] == 0 and series["gaps"]["count"] == 0


def test_steel_plates_quoted_lines_with_names_from_the_variable_file(open_data: Path) -> None:
    profile = profile_paths([open_data / "uci-steel-plates-faults"])
    assert (profile["rows"], len(profile["columns"])) == (1_941, 34)
    assert Path(profile["source"]["column_names_from"]).name == "Faults27x7_var"
    assert profile["columns"][0]["name"] == "X_Minimum"
    assert _label(profile, "Pastry") == {
        "Other_Faults": 673,
        "Bumps": 402,
        "K_Scatch": 391,
        "Z_Scratch": 190,
        "Pastry": 158,
        "Stains": 72,
        "Dirtiness": 55,
    }
    assert all(column["missing"] == 0 for column in profile["columns"])


# KAMP datasets (no redistribution licence) and casting images: ../shared/data only


def test_chromate_plating_am_pm_time_combined_with_the_date_of_each_file(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "kamp-chromate-plating"])
    assert profile["rows"] == 50_094
    assert len(profile["source"]["files"]) == 33
    assert all(f["rows"] == 1_518 for f in profile["source"]["files"])
    assert profile["source"]["encoding"] == "utf-8-sig"
    assert [Path(p).name for p in profile["source"]["other_files"]] == ["Error Lot list.csv"]
    time = _column(profile, "Time")
    assert time["type"] == "timestamp"
    assert time["value_format"] == "오전/오후 h:mm:ss.f + date from file name"
    assert time["unparsed"]["count"] == 0 and time["missing"] == 0
    assert time["min"] == "2021-09-06T16:27:17+09:00"
    assert time["max"].startswith("2021-10-27T18:")
    (series,) = profile["timeseries"]
    assert series["median_interval"] == 5.0
    assert series["gaps"]["count"] >= 32  # at least the nights between the 33 working days


def test_diecasting_two_row_header_and_stray_spaces(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "kamp-diecasting-quality"])
    assert (profile["rows"], len(profile["columns"])) == (7_535, 57)
    assert profile["source"]["header_rows"] == 2
    groups = [column["group"] for column in profile["columns"]]
    assert (groups.count("Process"), groups.count("Sensor"), groups.count("Defects")) == (17, 14, 26)
    pressure = _column(profile, "Pressure_Rise_Time")
    assert pressure["original_name"] == " Pressure_Rise_Time"
    assert _column(profile, "Clamping_Force")["original_name"] == "Clamping_Force "
    assert {v["value"]: v["count"] for v in _column(profile, "Product_Type")["top_values"]} == {1: 4_207, 2: 3_328}
    assert _column(profile, "Factory_Temp")["missing"] == 90
    assert _label(profile, "Short_Shot_1") == {"none": 7_535 - 1_689, "defect": 1_689}


def test_extrusion_space_separated_dates_and_empty_labels(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "kamp-extrusion-quality"])
    assert (profile["rows"], len(profile["columns"])) == (17_280, 20)
    date = _column(profile, "date")
    assert (date["min"], date["max"]) == ("2020-10-30T00:00:04+09:00", "2020-10-30T23:59:59+09:00")
    assert profile["timeseries"][0]["median_interval"] == 5.0
    assert _label(profile, "passorfail") == {"0": 17_154, "1": 110, "None": 16}


def test_melting_tank_minute_stamps_and_a_single_class(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "kamp-melting-tank"])
    assert (profile["rows"], len(profile["columns"])) == (10_000, 7)
    stamp = _column(profile, "STD_DT")
    assert (stamp["min"], stamp["max"]) == ("2020-03-04T00:00:00+09:00", "2020-03-04T16:39:00+09:00")
    (series,) = profile["timeseries"]
    assert series["duplicate_times"] == 9_000  # 10 rows share each minute
    assert _label(profile, "TAG") == {"OK": 10_000}
    assert "single-class-label" in {warning["code"] for warning in profile["warnings"]}


def test_injection_supply_chain_korean_headers_and_mixed_time_formats(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "kamp-injection-supply-chain"])
    assert (profile["rows"], len(profile["columns"])) == (34_617, 20)
    assert profile["columns"][1]["name"] == "T일 예정 수주량"
    assert profile["duplicate_rows"] == 2
    assert _column(profile, "DateTime")["missing"] == 0
    (series,) = profile["timeseries"]
    assert (series["entity_column"], series["entities"]) == ("Product_Number", 117)
    assert series["out_of_order_rows"] > 0  # SOURCE.md: rows are not sorted by time


def test_cp949_copy_of_the_korean_file_reads_identically(shared_data: Path, tmp_path: Path) -> None:
    # given a cp949 copy of the UTF-8 original, as Korean Excel would save it
    original = shared_data / "kamp-injection-supply-chain" / "사출성형_공급망최적화_AI_데이터셋.csv"
    copy = tmp_path / "cp949.csv"
    copy.write_bytes(original.read_text(encoding="utf-8").encode("cp949"))
    # when both are opened
    with open_dataset([original]) as utf8, open_dataset([copy]) as legacy:
        # then the encoding differs and the data does not
        assert (utf8.source.encoding, legacy.source.encoding) == ("utf-8", "cp949")
        assert utf8.names == legacy.names
        assert utf8.to_arrow().equals(legacy.to_arrow())


def test_casting_images_two_classes(shared_data: Path) -> None:
    profile = profile_paths([shared_data / "casting-product-images"])
    images = profile["images"]
    assert profile["kind"] == "images"
    assert images["count"] == 715
    assert {c["name"]: c["count"] for c in images["classes"]} == {"def_front": 453, "ok_front": 262}
    assert images["corrupt"] == []


@pytest.mark.parametrize(
    "folder",
    [
        "ai4i-2020",
        "kamp-chromate-plating",
        "kamp-diecasting-quality",
        "kamp-extrusion-quality",
        "kamp-injection-supply-chain",
        "kamp-melting-tank",
        "nasa-cmapss-fd001",
        "uci-steel-plates-faults",
    ],
)
def test_every_shared_table_profiles_without_unparsed_values(shared_data: Path, folder: str) -> None:
    profile = profile_paths([shared_data / folder])
    assert profile["rows"] > 0
    assert "unparsed-values" not in {warning["code"] for warning in profile["warnings"]}
