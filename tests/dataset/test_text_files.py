"""Delimited text exports as factories write them: encodings, delimiters, quoting, header shapes."""

from __future__ import annotations

from pathlib import Path

import pytest

from mfgdata.dataset import open_dataset


def _write(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


KOREAN_TABLE = (
    "설비,온도(℃),압력 [bar],작업자\n사출기1,210.5,85,김철수\n사출기2,211.0,86,이영희\n사출기1,209.8,84,박민수\n"
)


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp949", "cp949"), ("euc-kr", "cp949")],
)
def test_korean_text_reads_the_same_in_every_encoding(tmp_path: Path, encoding: str, expected: str) -> None:
    # given the same Korean export saved by different programs
    path = _write(tmp_path / "export.csv", KOREAN_TABLE, encoding)
    # when it is opened
    with open_dataset([path]) as dataset:
        rows = dataset.to_arrow().to_pylist()
        # then the encoding is recognised and the Hangul comes out intact
        assert dataset.source.encoding == expected
        assert dataset.names == ["설비", "온도", "압력", "작업자"]
        assert rows[1] == {"설비": "사출기2", "온도": 211.0, "압력": 86, "작업자": "이영희"}


def test_cp1252_export_is_read_with_its_accents(tmp_path: Path) -> None:
    text = "Maschine;Temp;Bemerkung\nPresse;20,5;Überlast\nFräse;21;naïve\n"
    path = _write(tmp_path / "maschine.csv", text, "cp1252")
    with open_dataset([path]) as dataset:
        assert dataset.source.encoding == "cp1252"
        assert dataset.source.delimiter == ";"
        assert [row["Bemerkung"] for row in dataset.to_arrow().to_pylist()] == ["Überlast", "naïve"]


def test_units_in_headers_become_clean_names_and_pint_units(tmp_path: Path) -> None:
    path = _write(tmp_path / "units.csv", "온도(℃),Torque [Nm],[rpm],습도(%),비고 (참고)\n1,2,3,4,x\n5,6,7,8,y\n")
    with open_dataset([path]) as dataset:
        found = [(c.name, c.unit, c.unit_label) for c in dataset.columns]
    assert found == [
        ("온도", "degC", "℃"),
        ("Torque", "N*m", "Nm"),
        ("rpm", "rpm", "rpm"),
        ("습도", "percent", "%"),
        ("비고 (참고)", None, None),
    ]


def test_tab_data_in_a_csv_file_is_split_on_tabs(tmp_path: Path) -> None:
    path = _write(tmp_path / "looks_like_comma.csv", "a\tb\tc\n1\t2,5\t3\n4\t5,5\t6\n")
    with open_dataset([path]) as dataset:
        assert dataset.source.delimiter == "\t"
        assert dataset.to_arrow().column("b").to_pylist() == ["2,5", "5,5"]


def test_runs_of_spaces_with_trailing_spaces_and_no_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "engine.txt", "1 1 0.5  100.0  \n1 2 0.6  101.5  \n2 1 0.4  99.0  \n")
    with open_dataset([path]) as dataset:
        assert dataset.source.delimiter == "whitespace"
        assert dataset.source.header_rows == 0
        assert dataset.names == ["column_1", "column_2", "column_3", "column_4"]
        assert dataset.to_arrow().column("column_4").to_pylist() == [100.0, 101.5, 99.0]


def test_lines_wrapped_in_quotes_are_unwrapped(tmp_path: Path) -> None:
    path = _write(tmp_path / "wrapped.txt", '"1\t2\t3"\r\n"4\t5\t6"\r\n', newline="\n")
    with open_dataset([path]) as dataset:
        assert dataset.to_arrow().to_pylist() == [
            {"column_1": 1, "column_2": 2, "column_3": 3},
            {"column_1": 4, "column_2": 5, "column_3": 6},
        ]


def test_group_row_above_the_names_and_stray_spaces(tmp_path: Path) -> None:
    text = "Process,Process,Sensor,Sensor\nid, Speed ,Temp ,Humidity\n1,0.5,30.1,55\n2,0.6,30.4,56\n"
    path = _write(tmp_path / "two_rows.csv", text)
    with open_dataset([path]) as dataset:
        assert dataset.source.header_rows == 2
        assert [(c.name, c.original_name, c.group) for c in dataset.columns] == [
            ("id", "id", "Process"),
            ("Speed", " Speed ", "Process"),
            ("Temp", "Temp ", "Sensor"),
            ("Humidity", "Humidity", "Sensor"),
        ]
        assert dataset.row_count() == 2


def test_mixed_crlf_and_lf_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"a,b\r\n1,2\n3,4\r\n5,6\n")
    with open_dataset([path]) as dataset:
        assert dataset.to_arrow().column("b").to_pylist() == [2, 4, 6]


def test_quoted_fields_keep_their_delimiters(tmp_path: Path) -> None:
    path = _write(tmp_path / "quoted.csv", 'lot,comment\nA1,"burr, small"\nA2,"ok"\n')
    with open_dataset([path]) as dataset:
        assert dataset.to_arrow().column("comment").to_pylist() == ["burr, small", "ok"]


def test_repeated_header_names_are_made_unique(tmp_path: Path) -> None:
    path = _write(tmp_path / "dupe.csv", "temp,temp,\n1,2,3\n")
    with open_dataset([path]) as dataset:
        assert dataset.names == ["temp", "temp_2", "column_3"]


def test_folder_of_daily_files_is_one_dataset_with_source_file(tmp_path: Path) -> None:
    for day in ("2021.09.06", "2021.09.07"):
        _write(tmp_path / f"sensor-{day}.csv", "Lot,Temp\n1,20.5\n2,21.0\n", "utf-8-sig")
    _write(tmp_path / "labels.csv", "Date,Lot,Bad\n2021-09-06,1,yes\n")
    with open_dataset([tmp_path]) as dataset:
        rows = dataset.to_arrow().to_pylist()
        assert dataset.source.combined
        assert [Path(p).name for p in dataset.source.other_files] == ["labels.csv"]
        assert [f.date_from_name for f in dataset.source.files] == ["2021-09-06", "2021-09-07"]
    assert len(rows) == 4
    assert sorted({row["source_file"] for row in rows}) == ["sensor-2021.09.06.csv", "sensor-2021.09.07.csv"]


def test_headerless_file_takes_names_from_a_sibling_names_file(tmp_path: Path) -> None:
    _write(tmp_path / "data.NNA", "1\t2\t0\n3\t4\t1\n")
    _write(tmp_path / "names_var", "Width\nHeight\nFault\n")
    with open_dataset([tmp_path]) as dataset:
        assert dataset.names == ["Width", "Height", "Fault"]
        assert dataset.source.column_names_from == str(tmp_path / "names_var")


def test_bytes_that_do_not_decode_are_counted_and_warned_about(tmp_path: Path) -> None:
    from mfgdata.profiling import profile_paths

    # given a cp949 export with two damaged bytes on its last line
    body = "".join(f"사출기{i},{i}\n" for i in range(2000)).encode("cp949")
    path = tmp_path / "broken.csv"
    path.write_bytes("설비,값\n".encode("cp949") + body + b"\xff\xfe,1\n")
    # when it is profiled
    profile = profile_paths([path])
    # then it is still read as cp949 (not as cp1252 mojibake), the row is kept, the damage reported
    assert profile["source"]["encoding"] == "cp949"
    assert profile["columns"][0]["min"] == "사출기0"
    assert profile["rows"] == 2001
    assert profile["source"]["replaced_characters"] == 2
    assert "undecodable-bytes" in {w["code"] for w in profile["warnings"]}


def test_numbers_with_thousands_separators_are_read_as_numbers(tmp_path: Path) -> None:
    # given quantities exported from formatted Excel cells, one of them a note instead of a number
    rows = ['A-1,"1,234"', 'A-2,"12,500.5"', "A-3,980", "A-4,확인필요"] + [f'B-{i},"{i},000"' for i in range(1, 10)]
    path = _write(tmp_path / "production.csv", "품번,생산수량\n" + "\n".join(rows) + "\n")
    with open_dataset([path]) as dataset:
        column = dataset.column("생산수량")
        values = dataset.to_arrow().column("생산수량").to_pylist()
    # then they are numbers, and the note is counted and shown, not silently lost
    assert values[:5] == [1234.0, 12500.5, 980.0, None, 1000.0]
    assert column.value_format == "1,234.5 (thousands separators)"
    assert column.unparsed is not None and column.unparsed.examples == ("확인필요",)
