"""Factory time formats are read as Asia/Seoul timestamps; what cannot be read is counted, not dropped."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mfgdata.dataset import open_dataset
from mfgdata.dataset.timeparse import date_in_name, detect_time_format

SEOUL = ZoneInfo("Asia/Seoul")


def _times(path: Path, column: str = "t") -> list[dt.datetime | None]:
    with open_dataset([path]) as dataset:
        return dataset.to_arrow().column(column).to_pylist()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020 10 30 00:00:04", dt.datetime(2020, 10, 30, 0, 0, 4)),
        ("2020/03/04 0:00", dt.datetime(2020, 3, 4, 0, 0)),
        ("2022-03-13 7:04", dt.datetime(2022, 3, 13, 7, 4)),
        ("2021-09-06 오후 4:27:17.5", dt.datetime(2021, 9, 6, 16, 27, 17, 500000)),
        ("2021-09-06 오전 12:05:00", dt.datetime(2021, 9, 6, 0, 5)),
        ("2021년 9월 6일 오후 12:30", dt.datetime(2021, 9, 6, 12, 30)),
        ("2021.09.06 11:59:59 PM", dt.datetime(2021, 9, 6, 23, 59, 59)),
    ],
)
def test_factory_formats_become_seoul_timestamps(tmp_path: Path, text: str, expected: dt.datetime) -> None:
    path = tmp_path / "log.csv"
    path.write_text(f"t,v\n{text},1\n{text},2\n", encoding="utf-8")
    assert _times(path) == [expected.replace(tzinfo=SEOUL)] * 2


def test_several_formats_mixed_in_one_column(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text("t,v\n2022-05-06 14:33:00,1\n2022-03-13 7:04,2\n2022/02/25 11:34,3\n", encoding="utf-8")
    assert _times(path) == [
        dt.datetime(2022, 5, 6, 14, 33, tzinfo=SEOUL),
        dt.datetime(2022, 3, 13, 7, 4, tzinfo=SEOUL),
        dt.datetime(2022, 2, 25, 11, 34, tzinfo=SEOUL),
    ]


def test_korean_am_pm_time_takes_its_date_from_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "kemp-abh-sensor-2021.09.06.csv"
    path.write_text("Index,Time,pH\n1,오후 4:27:17.0,1.5\n2,오전 9:05:02.5,1.6\n", encoding="utf-8-sig")
    with open_dataset([path]) as dataset:
        assert dataset.column("Time").value_format == "오전/오후 h:mm:ss.f + date from file name"
        assert dataset.to_arrow().column("Time").to_pylist() == [
            dt.datetime(2021, 9, 6, 16, 27, 17, tzinfo=SEOUL),
            dt.datetime(2021, 9, 6, 9, 5, 2, 500000, tzinfo=SEOUL),
        ]


def test_time_only_column_without_a_date_anywhere_stays_a_time_of_day(tmp_path: Path) -> None:
    path = tmp_path / "shift.csv"
    path.write_text("t,v\n오후 1:00:00,1\n오전 7:30:00,2\n", encoding="utf-8")
    assert _times(path) == [dt.time(13, 0), dt.time(7, 30)]


def test_values_that_are_not_times_are_counted_and_shown_never_dropped(tmp_path: Path) -> None:
    lines = [f"2021-01-01 00:00:{second:02d},{second}" for second in range(40)]
    lines[5] = "센서오류,5"
    lines[9] = "2021-13-45 99:00,9"
    path = tmp_path / "broken.csv"
    path.write_text("t,v\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with open_dataset([path]) as dataset:
        column = dataset.column("t")
        table = dataset.to_arrow()
    assert table.num_rows == 40
    assert column.unparsed is not None
    assert column.unparsed.count == 2
    assert column.unparsed.examples == ("2021-13-45 99:00", "센서오류")
    assert table.column("t").null_count == 2


def test_naive_iso_timestamps_are_read_as_seoul_wall_clock(tmp_path: Path) -> None:
    path = tmp_path / "iso.csv"
    path.write_text("t,v\n2024-01-02 03:04:05,1\n2024-01-02 03:04:10,2\n", encoding="utf-8")
    assert _times(path)[0] == dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=SEOUL)


def test_numbers_are_not_mistaken_for_times() -> None:
    assert detect_time_format(["12", "13", "14.5"]) is None
    assert detect_time_format(["A-12", "B-13"]) is None


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("kemp-abh-sensor-2021.09.06.csv", "2021-09-06"),
        ("log_20230115.csv", "2023-01-15"),
        ("2022-13-01.csv", None),
        ("machine7.csv", None),
    ],
)
def test_dates_in_file_names(name: str, expected: str | None) -> None:
    assert date_in_name(name) == expected
