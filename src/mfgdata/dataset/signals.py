"""Signal recordings (MATLAB `.mat`, NI `.tdms`) as one long table with a row per sample of a channel.

Vibration and current recordings from test rigs (CWRU and Paderborn bearing data, LabVIEW loggers) come
as named arrays rather than rows and columns. Both readers flatten them into the same long format, so
DuckDB and the profiler treat every channel alike:

| column | type | meaning |
|---|---|---|
| `group` | string, nullable | TDMS group; for `.mat` the path of the enclosing struct (`null` at top level) |
| `channel` | string | TDMS channel; for `.mat` the variable path (`s.X097_DE_time`, `m[2]`, `c[0]`) |
| `index` | int64 | sample number, from 0 |
| `value` | float64 | the sample |
| `sample_rate` | float64, nullable | samples per second, when the file says |
| `time_offset` | float64, nullable | seconds since the first sample: `index / sample_rate` |

Variables that cannot be a channel (text, complex numbers, arrays of more than two dimensions) are left
out and listed in the schema metadata under `mfgdata.skipped`, so nothing disappears without a trace.

Untrusted uploads: scipy's v5 reader is not hardened against crafted files. In scipy 1.17 a corrupt
data-type code in an element tag makes `loadmat` read outside an array and crash the process
(segmentation fault, not an exception; scipy PRs #25349, #25829), and a small compressed file can
expand without limit. A web worker should read `.mat` uploads in a separate, memory-limited process.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import scipy.io
from nptdms import TdmsFile

from mfgdata.errors import InputError, input_error

SCHEMA = pa.schema(
    [
        pa.field("group", pa.string()),
        pa.field("channel", pa.string(), nullable=False),
        pa.field("index", pa.int64(), nullable=False),
        pa.field("value", pa.float64(), nullable=False),
        pa.field("sample_rate", pa.float64()),
        pa.field("time_offset", pa.float64()),
    ]
)
SKIPPED_KEY = b"mfgdata.skipped"
_RATE_NAMES = {"fs", "sr", "sample_rate", "sampling_rate", "samplerate", "sampling_frequency"}
_NUMERIC_KINDS = "biuf"
_TDMS_LEAD_IN = 28  # bytes: "TDSm", table of contents, version, two offsets
# nptdms logs these (and reads on) when the end of a file is missing; a silently shortened signal is worse
# than an error, so they are treated as a truncated file.
_TRUNCATION_MARKERS = ("incomplete", "less data than expected", "not a multiple", "Cropping data")


@dataclass
class _Found:
    """Channels collected from one file, and the variables that were not channels, with the reason."""

    channels: list[tuple[str | None, str, np.ndarray, float | None]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)

    def skip(self, name: str, reason: str) -> None:
        self.skipped.append({"name": name, "reason": reason})


def read_mat(path: Path) -> pa.Table:
    """Read a MATLAB v4/v5/v7 `.mat` file as the long signal table (see the module docstring).

    1-D numeric arrays are channels; a 2-D array gives one channel per column (`m[0]`, `m[1]`, …),
    taking the longer dimension as samples; structs and cell arrays are walked (`s.inner.x`, `c[0]`).
    A scalar named `fs`, `Fs`, `sample_rate`, `sampling_rate` or `SR` sets the sample rate of the
    channels beside it and below it. Raises InputError for v7.3 (HDF5) and damaged files.
    """
    found = _Found()
    _collect_struct(_load_mat(path), None, None, found)
    return _table(path, found)


def read_tdms(path: Path) -> pa.Table:
    """Read an NI TDMS file as the long signal table (see the module docstring).

    Every numeric channel of every group is kept; the sample rate comes from the waveform property
    `wf_increment` (seconds between samples). Raises InputError for damaged or truncated files, since
    nptdms would otherwise return a shortened signal with only a log message.
    """
    found = _Found()
    for group in _load_tdms(path).groups():
        for channel in group.channels():
            values = np.asarray(channel[:])
            _add_series(found, group.name, channel.name, values, _tdms_rate(channel.properties))
    return _table(path, found)


def _load_mat(path: Path) -> dict[str, Any]:
    _refuse_empty(path)
    try:
        contents = scipy.io.loadmat(path, simplify_cells=True)
    except NotImplementedError as error:  # scipy's answer to v7.3, which is HDF5 inside
        raise input_error(
            "mat-v73-unsupported",
            path,
            "MATLAB v7.3(HDF5) 형식의 .mat 파일은 읽을 수 없습니다. "
            "MATLAB에서 save(파일이름, '-v7')로 다시 저장하거나 신호를 CSV로 내보내세요.",
            "MATLAB v7.3 (HDF5) .mat files are not supported. "
            "Re-save it in MATLAB with save(filename, '-v7') or export the signals to CSV.",
        ) from error
    except Exception as error:  # scipy raises ValueError, OSError, MatReadError, zlib errors… on damage
        raise _unreadable("mat", path, error) from error
    return {name: value for name, value in contents.items() if not name.startswith("__")}


def _load_tdms(path: Path) -> TdmsFile:
    _refuse_empty(path)
    with path.open("rb") as handle:
        lead_in = handle.read(_TDMS_LEAD_IN)
    if len(lead_in) < _TDMS_LEAD_IN or not lead_in.startswith(b"TDSm"):
        # nptdms reads a file shorter than one segment header as an empty recording
        raise _unreadable("tdms", path, ValueError("no TDMS segment header at the start"))
    damage = _TruncationLog()
    logger = logging.getLogger("nptdms")
    logger.addHandler(damage)
    try:
        tdms = TdmsFile.read(path)
    except Exception as error:  # nptdms raises ValueError, struct.error, EOFError… on damage
        raise _unreadable("tdms", path, error) from error
    finally:
        logger.removeHandler(damage)
    if damage.truncated:
        raise input_error(
            "truncated-tdms",
            path,
            "TDMS 파일이 중간에 잘려 끝부분이 없습니다. 복사가 끝났는지 확인하고 원본 파일을 다시 받으세요.",
            "The TDMS file is truncated: its end is missing. Check that the copy finished and fetch the "
            "original file again.",
        )
    return tdms


class _TruncationLog(logging.Handler):
    """Notices nptdms's log messages about a missing file end while a file is read."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.truncated = False

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        self.truncated = self.truncated or any(marker in message for marker in _TRUNCATION_MARKERS)


def _tdms_rate(properties: dict[str, Any]) -> float | None:
    increment = properties.get("wf_increment")
    try:
        rate = 1.0 / float(increment)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return rate if np.isfinite(rate) and rate > 0 else None


def _collect_struct(fields: dict[str, Any], path: str | None, rate: float | None, found: _Found) -> None:
    """Walk a struct (or the file's variables): a sample rate found here applies to everything below."""
    rate = _sample_rate(fields) or rate
    for name, value in fields.items():
        _collect(f"{path}.{name}" if path else name, value, path, rate, found)


def _collect(name: str, value: Any, group: str | None, rate: float | None, found: _Found) -> None:
    if isinstance(value, dict):
        _collect_struct(value, name, rate, found)
    elif isinstance(value, list) or (isinstance(value, np.ndarray) and value.dtype == object):
        # struct arrays come as lists and cell arrays as object arrays; their items are numbered
        for number, item in enumerate(np.asarray(value, dtype=object).ravel()):
            _collect(f"{name}[{number}]", item, group, rate, found)
    else:
        _add_matrix(found, group, name, np.asarray(value), rate)


def _add_matrix(found: _Found, group: str | None, name: str, array: np.ndarray, rate: float | None) -> None:
    if array.ndim == 0:
        return  # a scalar is a setting (a sample rate, a speed), not a recording
    if array.ndim == 1:
        _add_series(found, group, name, array, rate)
    elif array.ndim == 2:
        samples_by_channel = array if array.shape[0] >= array.shape[1] else array.T
        for column in range(samples_by_channel.shape[1]):
            _add_series(found, group, f"{name}[{column}]", samples_by_channel[:, column], rate)
    else:
        found.skip(name, f"{array.ndim} dimensions")


def _add_series(found: _Found, group: str | None, name: str, values: np.ndarray, rate: float | None) -> None:
    if values.dtype.kind == "c":
        found.skip(name, "complex numbers")
    elif values.dtype.kind not in _NUMERIC_KINDS:
        found.skip(name, "not numbers")
    elif values.size == 0:
        found.skip(name, "no samples")
    else:
        found.channels.append((group, name, np.ascontiguousarray(values, dtype=np.float64), rate))


def _sample_rate(fields: dict[str, Any]) -> float | None:
    for name, value in fields.items():
        array = np.asarray(value) if name.lower() in _RATE_NAMES else None
        if array is not None and array.ndim == 0 and array.dtype.kind in "iuf":
            rate = float(array)
            if np.isfinite(rate) and rate > 0:
                return rate
    return None


def _table(path: Path, found: _Found) -> pa.Table:
    if not found.channels:
        skipped = ", ".join(f"{s['name']} ({s['reason']})" for s in found.skipped[:5]) or "-"
        raise input_error(
            "no-signal-channels",
            path,
            f"파일에 숫자 신호 채널이 없습니다 (건너뛴 변수: {skipped}). 측정값이 숫자 배열로 저장되었는지 확인하세요.",
            f"The file holds no numeric signal channel (skipped: {skipped}). "
            "Check that the measurements are saved as numeric arrays.",
        )
    batches = [_batch(*channel) for channel in found.channels]
    metadata = {SKIPPED_KEY: json.dumps(found.skipped, ensure_ascii=False).encode()}
    return pa.Table.from_batches(batches, schema=SCHEMA.with_metadata(metadata))


def _batch(group: str | None, channel: str, values: np.ndarray, rate: float | None) -> pa.RecordBatch:
    count = len(values)
    index = np.arange(count, dtype=np.int64)
    if rate is None:
        rates = offsets = pa.nulls(count, pa.float64())
    else:
        rates, offsets = pa.array(np.full(count, rate)), pa.array(index / rate)
    columns = [_repeat(group, count), _repeat(channel, count), pa.array(index), pa.array(values)]
    return pa.RecordBatch.from_arrays([*columns, rates, offsets], schema=SCHEMA)


def _repeat(text: str | None, count: int) -> pa.Array:
    if text is None:
        return pa.nulls(count, pa.string())
    return pa.array([text], pa.string()).take(pa.array(np.zeros(count, dtype=np.int32)))


def _refuse_empty(path: Path) -> None:
    if path.stat().st_size == 0:
        raise input_error(
            "empty-file",
            path,
            "파일이 비어 있습니다 (0바이트). 복사가 끝났는지 확인하고 원본을 다시 받으세요.",
            "The file is empty (0 bytes). Check that the copy finished and fetch the original again.",
        )


def _unreadable(fmt: str, path: Path, error: Exception) -> InputError:
    detail = (str(error).splitlines() or [type(error).__name__])[0][:200]
    return input_error(
        f"unreadable-{fmt}",
        path,
        f".{fmt} 파일을 읽을 수 없습니다 ({detail}). 파일이 손상되었거나 중간에 잘렸을 수 있으니 원본을 다시 받으세요.",
        f"The .{fmt} file cannot be read ({detail}). It may be damaged or truncated; fetch the original again.",
    )
