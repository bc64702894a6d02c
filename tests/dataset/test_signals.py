"""Signal recordings (.mat, .tdms) read as one long table: channels, sample rates, values, bad files."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest
import scipy.io
from nptdms import ChannelObject, TdmsWriter

from mfgdata.dataset.signals import read_mat, read_tdms
from mfgdata.errors import InputError

HANGUL = re.compile("[가-힣]")
Reader = Callable[[Path], pa.Table]


def write_mat(path: Path, variables: dict[str, object], fmt: str = "5") -> Path:
    scipy.io.savemat(path, variables, format=fmt)
    return path


def write_tdms(path: Path, channels: list[ChannelObject]) -> Path:
    with TdmsWriter(path) as writer:
        writer.write_segment(channels)
    return path


def channel_rows(table: pa.Table, channel: str) -> dict[str, list[object]]:
    rows = table.filter(pc.equal(table["channel"], channel))
    return rows.to_pydict()


def samples_per_channel(table: pa.Table) -> dict[tuple[str | None, str], int]:
    counts = table.group_by(["group", "channel"]).aggregate([("index", "count")]).to_pylist()
    return {(row["group"], row["channel"]): row["index_count"] for row in counts}


def rates(table: pa.Table) -> dict[str, float | None]:
    return {row["channel"]: row["sample_rate"] for row in table.select(["channel", "sample_rate"]).to_pylist()}


def assert_input_error(error: InputError, code: str) -> None:
    assert error.code == code
    assert HANGUL.search(error.text.ko), error.text.ko
    assert error.text.en


def test_table_has_the_long_format_columns(tmp_path: Path) -> None:
    # given
    path = write_mat(tmp_path / "rig.mat", {"DE": np.arange(10.0), "fs": 100.0})

    # when
    table = read_mat(path)

    # then
    assert [(f.name, f.type) for f in table.schema] == [
        ("group", pa.string()),
        ("channel", pa.string()),
        ("index", pa.int64()),
        ("value", pa.float64()),
        ("sample_rate", pa.float64()),
        ("time_offset", pa.float64()),
    ]


def test_mat_vectors_are_channels_that_share_the_fs_sample_rate(tmp_path: Path) -> None:
    # given
    path = write_mat(tmp_path / "rig.mat", {"DE": np.arange(100.0), "FE": np.arange(50.0), "fs": 12000.0})

    # when
    table = read_mat(path)

    # then
    assert samples_per_channel(table) == {(None, "DE"): 100, (None, "FE"): 50}
    assert set(rates(table).values()) == {12000.0}


def test_mat_values_indexes_and_time_offsets_round_trip(tmp_path: Path) -> None:
    # given
    signal = np.sin(np.linspace(0, 10, 400))
    path = write_mat(tmp_path / "rig.mat", {"DE": signal, "fs": 200})

    # when
    rows = channel_rows(read_mat(path), "DE")

    # then
    assert rows["value"] == signal.tolist()
    assert rows["index"] == list(range(400))
    assert rows["time_offset"] == pytest.approx([i / 200 for i in range(400)])


@pytest.mark.parametrize("name", ["Fs", "sample_rate", "sampling_rate", "SR"])
def test_mat_sample_rate_is_found_under_common_names(tmp_path: Path, name: str) -> None:
    path = write_mat(tmp_path / "rig.mat", {"DE": np.arange(10.0), name: 48000})

    assert rates(read_mat(path)) == {"DE": 48000.0}


def test_mat_without_sample_rate_leaves_rate_and_time_empty(tmp_path: Path) -> None:
    path = write_mat(tmp_path / "rig.mat", {"DE": np.arange(10.0), "rpm": 1797})

    rows = channel_rows(read_mat(path), "DE")

    assert set(rows["sample_rate"]) == {None}
    assert set(rows["time_offset"]) == {None}


@pytest.mark.parametrize("layout", ["samples in rows", "samples in columns"])
def test_mat_matrix_gives_one_channel_per_column_along_the_long_side(tmp_path: Path, layout: str) -> None:
    # given
    matrix = np.arange(300.0).reshape(100, 3)
    stored = matrix if layout == "samples in rows" else matrix.T
    path = write_mat(tmp_path / "rig.mat", {"acc": stored})

    # when
    table = read_mat(path)

    # then
    assert samples_per_channel(table) == {(None, "acc[0]"): 100, (None, "acc[1]"): 100, (None, "acc[2]"): 100}
    assert channel_rows(table, "acc[1]")["value"] == matrix[:, 1].tolist()


def test_mat_structs_are_walked_with_dotted_names_and_grouped_by_struct(tmp_path: Path) -> None:
    # given a CWRU-like struct whose own rate overrides the file's
    record = {
        "X097_DE_time": np.arange(20.0).reshape(20, 1),
        "X097RPM": 1797,
        "Fs": 48000,
        "extra": {"temperature": np.full(5, 21.5)},
    }
    path = write_mat(tmp_path / "97.mat", {"X097": record, "fs": 12000, "top": np.ones(3)})

    # when
    table = read_mat(path)

    # then
    assert samples_per_channel(table) == {
        ("X097", "X097.X097_DE_time"): 20,
        ("X097.extra", "X097.extra.temperature"): 5,
        (None, "top"): 3,
    }
    assert rates(table) == {"X097.X097_DE_time": 48000.0, "X097.extra.temperature": 48000.0, "top": 12000.0}
    assert channel_rows(table, "X097.X097_DE_time")["value"] == list(np.arange(20.0))


def test_mat_version_4_is_read(tmp_path: Path) -> None:
    path = write_mat(tmp_path / "old.mat", {"current": np.arange(30.0), "fs": 1000.0}, fmt="4")

    table = read_mat(path)

    assert samples_per_channel(table) == {(None, "current"): 30}
    assert rates(table) == {"current": 1000.0}


def test_mat_complex_and_text_variables_are_not_channels_and_complex_is_listed(tmp_path: Path) -> None:
    # given
    variables = {"DE": np.arange(8.0), "spectrum": np.array([1 + 2j, 3 - 1j, 0j]), "operator": "kim"}
    path = write_mat(tmp_path / "rig.mat", variables)

    # when
    table = read_mat(path)

    # then
    assert samples_per_channel(table) == {(None, "DE"): 8}
    skipped = json.loads(table.schema.metadata[b"mfgdata.skipped"])
    assert skipped == [{"name": "spectrum", "reason": "complex numbers"}]


def test_mat_without_numeric_arrays_is_refused(tmp_path: Path) -> None:
    path = write_mat(tmp_path / "settings.mat", {"fs": 100.0, "operator": "kim", "z": np.array([1j, 2j])})

    with pytest.raises(InputError) as raised:
        read_mat(path)

    assert_input_error(raised.value, "no-signal-channels")
    assert "z (complex numbers)" in raised.value.text.en


def test_tdms_groups_channels_rates_and_values(tmp_path: Path) -> None:
    # given
    vibration = np.random.default_rng(1).normal(size=1000)
    path = write_tdms(
        tmp_path / "run.tdms",
        [
            ChannelObject("Motor", "vibration", vibration, properties={"wf_increment": 0.0005}),
            ChannelObject("Motor", "current", np.arange(200, dtype=np.int32), properties={"wf_increment": 0.01}),
            ChannelObject("Process", "pressure", np.linspace(1.0, 2.0, 10)),
        ],
    )

    # when
    table = read_tdms(path)

    # then
    assert samples_per_channel(table) == {
        ("Motor", "vibration"): 1000,
        ("Motor", "current"): 200,
        ("Process", "pressure"): 10,
    }
    assert rates(table) == {"vibration": 2000.0, "current": 100.0, "pressure": None}
    rows = channel_rows(table, "vibration")
    assert rows["value"] == vibration.tolist()
    assert rows["time_offset"][:3] == pytest.approx([0.0, 0.0005, 0.001])
    assert channel_rows(table, "current")["value"] == [float(i) for i in range(200)]


def test_tdms_text_channel_is_not_a_channel(tmp_path: Path) -> None:
    path = write_tdms(
        tmp_path / "run.tdms",
        [ChannelObject("Run", "speed", np.arange(5.0)), ChannelObject("Run", "note", ["ok", "late"])],
    )

    table = read_tdms(path)

    assert samples_per_channel(table) == {("Run", "speed"): 5}
    assert json.loads(table.schema.metadata[b"mfgdata.skipped"]) == [{"name": "note", "reason": "not numbers"}]


@pytest.mark.parametrize(
    ("suffix", "read", "code"), [(".mat", read_mat, "unreadable-mat"), (".tdms", read_tdms, "unreadable-tdms")]
)
def test_random_bytes_are_refused(tmp_path: Path, suffix: str, read: Reader, code: str) -> None:
    path = tmp_path / f"noise{suffix}"
    path.write_bytes(np.random.default_rng(7).bytes(4096))

    with pytest.raises(InputError) as raised:
        read(path)

    assert_input_error(raised.value, code)


@pytest.mark.parametrize(("suffix", "read"), [(".mat", read_mat), (".tdms", read_tdms)])
def test_empty_file_is_refused(tmp_path: Path, suffix: str, read: Reader) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")

    with pytest.raises(InputError) as raised:
        read(path)

    assert_input_error(raised.value, "empty-file")


def test_truncated_tdms_is_refused_rather_than_read_short(tmp_path: Path) -> None:
    # given a copy that stopped 100 bytes before the end
    whole = write_tdms(tmp_path / "run.tdms", [ChannelObject("Run", "speed", np.arange(1000.0))])
    cut = tmp_path / "cut.tdms"
    cut.write_bytes(whole.read_bytes()[:-100])

    # when
    with pytest.raises(InputError) as raised:
        read_tdms(cut)

    # then
    assert_input_error(raised.value, "truncated-tdms")


def test_tdms_shorter_than_a_segment_header_is_refused(tmp_path: Path) -> None:
    whole = write_tdms(tmp_path / "run.tdms", [ChannelObject("Run", "speed", np.arange(10.0))])
    cut = tmp_path / "cut.tdms"
    cut.write_bytes(whole.read_bytes()[:10])

    with pytest.raises(InputError) as raised:
        read_tdms(cut)

    assert_input_error(raised.value, "unreadable-tdms")


def test_truncated_mat_is_refused(tmp_path: Path) -> None:
    whole = write_mat(tmp_path / "rig.mat", {"DE": np.arange(1000.0), "fs": 100.0})
    cut = tmp_path / "cut.mat"
    cut.write_bytes(whole.read_bytes()[:4000])

    with pytest.raises(InputError) as raised:
        read_mat(cut)

    assert_input_error(raised.value, "unreadable-mat")


def test_mat_version_7_3_is_refused_with_how_to_resave(tmp_path: Path) -> None:
    # given the layout MATLAB writes for -v7.3: a 128-byte MAT header (version 0x0200) then HDF5 at 512
    text = b"MATLAB 7.3 MAT-file, Platform: GLNXA64, Created on: Mon Mar  4 09:00:00 2024 HDF5 schema 1.00 ."
    header = text.ljust(116, b" ") + b"\x00" * 8 + b"\x00\x02" + b"IM"
    path = tmp_path / "v73.mat"
    path.write_bytes(header.ljust(512, b"\x00") + b"\x89HDF\r\n\x1a\n" + b"\x00" * 512)

    # when
    with pytest.raises(InputError) as raised:
        read_mat(path)

    # then
    assert_input_error(raised.value, "mat-v73-unsupported")
    assert "-v7'" in raised.value.text.ko
    assert "-v7'" in raised.value.text.en
