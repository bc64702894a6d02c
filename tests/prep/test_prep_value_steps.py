"""Steps that change or judge values: convert-unit, limits, impute, parse-datetime, resample."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from mfgdata.prep import build_recipe

SEOUL = ZoneInfo("Asia/Seoul")


def test_convert_unit_celsius_to_kelvin_adds_273_15(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: convert-unit
            column: 온도
            to: K
        """,
        {"data.csv": "id,온도(℃)\n1,20\n2,-273.15\n3,\n"},
    )
    result = build_recipe(project)
    assert [row["온도"] for row in output_rows(project)] == [293.15, 0.0, None]
    assert report_of(result, "convert-unit").values_changed == 2
    assert result.schema.find("온도").unit == "K"


def test_convert_unit_with_an_explicit_source_unit_uses_pint_factors(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: convert-unit
            column: temp
            from: degC
            to: degF
          - type: convert-unit
            column: pressure
            from: kgf/cm**2
            to: MPa
        """,
        {"data.csv": "temp,pressure\n100,10\n0,1\n"},
    )
    build_recipe(project)
    rows = output_rows(project)
    assert [row["temp"] for row in rows] == [212.0, 32.0]
    assert [row["pressure"] for row in rows] == pytest.approx([0.980665, 0.0980665])


def test_limits_flag_marks_values_outside_and_changes_none(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: limits
            column: pH
            min: 1.0
            max: 3.0
        """,
        {"data.csv": "id,pH\n1,0.5\n2,2.0\n3,3.5\n4,\n"},
    )
    result = build_recipe(project)
    rows = output_rows(project)
    assert [row["pH"] for row in rows] == [0.5, 2.0, 3.5, None]
    assert [row["pH_out_of_limits"] for row in rows] == [True, False, True, None]
    assert list(rows[0]) == ["id", "pH", "pH_out_of_limits"]
    report = report_of(result, "limits")
    assert (report.values_changed, report.counts["values_out_of_limits"]) == (0, 2)


def test_limits_from_spec_columns_flag_every_die_casting_shot_and_change_nothing(
    make_project, output_rows, report_of
) -> None:
    # given: factory temperature measured 27–37 °C against spec columns of 18–22 °C, as in the KAMP export
    lines = [f"{shot},{27 + shot % 11},18.0,22.0" for shot in range(1, 41)]
    project = make_project(
        """
        version: 1
        inputs: [sources/casting.csv]
        steps:
          - type: limits
            column: Factory_Temp
            min_column: Factory_Temp_Min
            max_column: Factory_Temp_Max
        """,
        {"casting.csv": "Shot,Factory_Temp,Factory_Temp_Min,Factory_Temp_Max\n" + "\n".join(lines) + "\n"},
    )
    # when
    result = build_recipe(project)
    # then
    rows = output_rows(project)
    assert all(row["Factory_Temp_out_of_limits"] for row in rows)
    assert [row["Factory_Temp"] for row in rows] == [float(27 + shot % 11) for shot in range(1, 41)]
    report = report_of(result, "limits")
    assert (report.counts["values_out_of_limits"], report.values_changed) == (40, 0)


@pytest.mark.parametrize(("action", "expected"), [("clip", [1.0, 2.0, 3.0]), ("null", [None, 2.0, None])])
def test_limits_clip_or_null_change_only_values_outside(make_project, output_rows, report_of, action, expected) -> None:
    project = make_project(
        f"""
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: limits
            column: pH
            min: 1
            max: 3
            action: {action}
        """,
        {"data.csv": "id,pH\n1,0.5\n2,2.0\n3,3.5\n"},
    )
    result = build_recipe(project)
    rows = output_rows(project)
    assert [row["pH"] for row in rows] == expected
    assert [row["pH_out_of_limits"] for row in rows] == [True, False, True]
    assert report_of(result, "limits").values_changed == 2


def test_impute_forward_fill_per_machine_in_time_order(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: impute
            columns: [temp]
            method: ffill
            by: machine
            order: t
        """,
        {"data.csv": "machine,t,temp\nA,2,\nB,1,30\nA,1,20\nB,2,\nA,3,\nC,1,\n"},
    )
    result = build_recipe(project)
    filled = {(row["machine"], row["t"]): row["temp"] for row in output_rows(project)}
    assert filled == {
        ("A", 1): 20.0,
        ("A", 2): 20.0,
        ("A", 3): 20.0,
        ("B", 1): 30.0,
        ("B", 2): 30.0,
        ("C", 1): None,
    }
    assert report_of(result, "impute").values_changed == 3


def test_impute_median_fills_only_missing_values(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: impute
            columns: [v]
            method: median
        """,
        {"data.csv": "id,v\n1,1.0\n2,\n3,3.0\n4,10.0\n"},
    )
    build_recipe(project)
    assert [row["v"] for row in output_rows(project)] == [1.0, 3.0, 3.0, 10.0]


def test_parse_datetime_reads_day_first_text_the_reader_left_alone(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: parse-datetime
            column: stamp
            formats: ["%d/%m/%Y %H:%M"]
        """,
        {"data.csv": "stamp,v\n31/12/2021 23:05,1\n01/02/2022 07:00,2\n고장,3\n"},
    )
    result = build_recipe(project)
    assert [row["stamp"] for row in output_rows(project)] == [
        dt.datetime(2021, 12, 31, 23, 5, tzinfo=SEOUL),
        dt.datetime(2022, 2, 1, 7, 0, tzinfo=SEOUL),
        None,
    ]
    assert report_of(result, "parse-datetime").values_nulled == 1


def test_parse_datetime_takes_the_date_from_each_file_name(make_project, output_rows) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/raw]
        steps:
          - type: parse-datetime
            column: clock
            formats: ["%Hh%Mm%Ss"]
            date_from_file_name: true
        """,
        {
            "raw/press-2021.09.06.csv": "clock,v\n16h27m17s,1\n16h27m22s,2\n",
            "raw/press-2021.09.07.csv": "clock,v\n08h00m00s,3\n08h00m05s,4\n",
        },
    )
    build_recipe(project)
    assert [row["clock"] for row in output_rows(project)] == [
        dt.datetime(2021, 9, 6, 16, 27, 17, tzinfo=SEOUL),
        dt.datetime(2021, 9, 6, 16, 27, 22, tzinfo=SEOUL),
        dt.datetime(2021, 9, 7, 8, 0, 0, tzinfo=SEOUL),
        dt.datetime(2021, 9, 7, 8, 0, 5, tzinfo=SEOUL),
    ]


def test_resample_aggregates_each_machine_per_minute(make_project, output_rows, report_of) -> None:
    project = make_project(
        """
        version: 1
        inputs: [sources/data.csv]
        steps:
          - type: resample
            time: t
            every: 1 minute
            by: machine
            aggregations: {temp: mean, pressure: max, temp_first: first, temp_last: last, id: count}
        """,
        {
            "data.csv": "id,machine,t,temp,pressure,temp_first,temp_last\n"
            "1,A,2021-09-06 08:00:10,10,1,10,10\n"
            "2,A,2021-09-06 08:00:50,20,5,20,20\n"
            "3,B,2021-09-06 08:00:20,30,2,30,30\n"
            "4,A,2021-09-06 08:01:05,40,3,40,40\n"
        },
    )
    result = build_recipe(project)
    rows = output_rows(project)
    assert [(row["machine"], row["t"].minute, row["temp"], row["pressure"], row["id"]) for row in rows] == [
        ("A", 0, 15.0, 5, 2),
        ("A", 1, 40.0, 3, 1),
        ("B", 0, 30.0, 2, 1),
    ]
    assert [(row["temp_first"], row["temp_last"]) for row in rows] == [(10, 20), (40, 40), (30, 30)]
    assert rows[0]["t"] == dt.datetime(2021, 9, 6, 8, 0, tzinfo=SEOUL)
    assert (report_of(result, "resample").rows_in, report_of(result, "resample").rows_out) == (4, 3)
