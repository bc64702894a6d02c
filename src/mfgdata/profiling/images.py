"""Statistics of an image collection: the `images` section of the profile (docs/profile-schema.md).

Besides counts, formats and sizes it looks for near-duplicate photos (the same part shot twice, a file
copied into two classes or two splits), which leak between training and test data and inflate a model's
score. Near-duplicates are found by a 64-bit DCT perceptual hash (pHash), computed with Pillow, NumPy and
SciPy, and grouped exactly without comparing every pair.
"""

from __future__ import annotations

import itertools
import statistics
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from scipy.fft import dctn
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from mfgdata.dataset.images import ImageCollection, ImageRecord

NEAR_DUPLICATE_BITS = 2  # at 4 bits, different castings of one product already match (casting images)
_HASH_SIDE = 32  # pixels per side of the greyscale image the DCT is taken of
_LOW_FREQUENCIES = 8  # 8 × 8 low-frequency coefficients → 64 bits
_COMMON_SIZES = 5
_BLOCK_CELLS = 1 << 22  # hash pairs compared at once, so one large bucket cannot exhaust memory
_BIT_COUNTS = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.uint8)


def profile_images(collection: ImageCollection, *, hash_images: bool = True) -> dict[str, Any]:
    """The `images` section of a profile: labels, splits, formats, sizes, corrupt files, near-duplicates.

    Formats, modes and sizes describe the usable images; files that did not open, verify or decode are
    listed under `corrupt` instead. `hash_images=False` skips decoding pixels (no near-duplicate search).
    """
    hashes: dict[str, int] = {}
    failures: dict[str, str] = {}
    if hash_images:
        for record in collection.records:
            if record.error is None:
                _hash_into(collection.root / record.path, record.path, hashes, failures)
    readable = [record for record in collection.records if record.error is None and record.path not in failures]
    corrupt = {record.path: record.error for record in collection.records if record.error is not None}
    corrupt.update(failures)
    return {
        "label_format": collection.label_format,
        "count": len(collection.records),
        "classes": _class_counts(collection),
        "splits": _name_counts(Counter(r.split for r in collection.records if r.split is not None)),
        "formats": _ranked(Counter(str(record.format) for record in readable)),
        "modes": _ranked(Counter(str(record.mode) for record in readable)),
        "sizes": _sizes(readable),
        "bytes": sum(record.bytes for record in collection.records),
        "corrupt": [{"path": path, "reason": corrupt[path]} for path in sorted(corrupt)],
        "near_duplicates": near_duplicate_groups(hashes),
        "unlabelled": collection.unlabelled,
    }


def perceptual_hash(image: Image.Image) -> int:
    """64-bit pHash: which 8 × 8 lowest DCT frequencies of a 32 × 32 greyscale copy exceed their median.

    Low frequencies carry an image's layout and survive resizing, re-compression and small changes of
    brightness, so copies of one photo hash within a few bits of each other while different photos
    differ in about half of the bits. (The method of `imagehash.phash`, without the dependency.)
    """
    # Floating point, not "L": Pillow clips 16-bit camera images to 255 on the way to 8 bits.
    try:
        grey = image.convert("F")
    except ValueError:  # modes Pillow cannot convert directly (LAB, La): their first band is lightness
        grey = image.getchannel(0).convert("F")
    pixels = np.asarray(grey.resize((_HASH_SIDE, _HASH_SIDE), Image.Resampling.LANCZOS), dtype=np.float64)
    low = dctn(pixels, type=2)[:_LOW_FREQUENCIES, :_LOW_FREQUENCIES]
    bits = np.packbits((low > np.median(low)).ravel())
    return int.from_bytes(bits.tobytes(), "big")


def near_duplicate_groups(hashes: Mapping[str, int], max_distance: int = NEAR_DUPLICATE_BITS) -> list[dict[str, Any]]:
    """Groups of paths whose 64-bit hashes are linked by Hamming distances of at most `max_distance`.

    A group is a connected set (a is near b, b is near c); its `distance` is the largest distance of the
    links that hold it together, so always ≤ `max_distance`. Candidate pairs come from the pigeonhole
    principle: split the hash into `max_distance + 1` bands and two hashes that close agree exactly in
    at least one band, so only hashes that share a band value are compared. Sorted for reproducibility.
    """
    paths = sorted(hashes)
    values, inverse, copies = np.unique(
        np.array([hashes[path] for path in paths], dtype=np.uint64), return_inverse=True, return_counts=True
    )
    # Per distinct hash, its largest distance to a close image: 0 when another image has the same hash.
    farthest = np.where(copies > 1, 0, -1).astype(np.int64)
    links = list(_links(values, max_distance, farthest))
    first, second = (np.concatenate(ends) for ends in zip(*links, strict=True)) if links else ([], [])
    graph = coo_matrix((np.ones(len(first)), (first, second)), shape=(values.size, values.size))
    component = connected_components(graph, directed=False)[1][inverse]
    farthest = farthest[inverse]
    members: dict[int, list[str]] = {}
    largest: dict[int, int] = {}
    for index in np.flatnonzero(farthest >= 0):
        key = int(component[index])
        members.setdefault(key, []).append(paths[index])
        largest[key] = max(largest.get(key, 0), int(farthest[index]))
    groups = [{"paths": names, "distance": largest[key]} for key, names in members.items()]
    return sorted(groups, key=lambda group: group["paths"])


def _links(values: np.ndarray, max_distance: int, farthest: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Edges that connect the same images as all close pairs do, updating `farthest` along the way.

    Near-identical photos of one product can make millions of close pairs; each block's pairs are reduced
    to one edge per image (to the smallest index it is connected to), so memory follows images, not pairs.
    """
    edges = np.linspace(0, 64, max_distance + 2).astype(int)
    bands = np.stack(
        [(values >> np.uint64(low)) & np.uint64((1 << int(high - low)) - 1) for low, high in itertools.pairwise(edges)]
    )
    for band, keys in enumerate(bands):
        order = np.argsort(keys, kind="stable")
        starts = np.flatnonzero(keys[order][1:] != keys[order][:-1]) + 1
        for bucket in np.split(order, starts):
            if bucket.size > 1:
                yield from _bucket_links(values, np.sort(bucket), bands[:band], max_distance, farthest)


def _bucket_links(
    values: np.ndarray, bucket: np.ndarray, earlier: np.ndarray, max_distance: int, farthest: np.ndarray
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Links among one bucket's (sorted) indices: each pair once, unless an `earlier` band already paired it."""
    step = max(1, _BLOCK_CELLS // bucket.size)
    for start in range(0, bucket.size, step):
        rows, columns = bucket[start : start + step], bucket[start + 1 :]
        distance = _popcount(values[rows][:, None] ^ values[columns][None, :])
        close = (distance <= max_distance) & (rows[:, None] < columns[None, :])
        close &= ~(earlier[:, rows][:, :, None] == earlier[:, columns][:, None, :]).any(axis=0)
        row, column = np.nonzero(close)
        if row.size == 0:
            continue
        kept = np.where(close, distance.astype(np.int64), -1)
        farthest[rows] = np.maximum(farthest[rows], kept.max(axis=1))
        farthest[columns] = np.maximum(farthest[columns], kept.max(axis=0))
        yield _spanning(rows[row], columns[column])


def _spanning(first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each image of these pairs linked to the smallest index of its connected set: same sets, fewer edges."""
    nodes = np.unique(np.concatenate([first, second]))
    local = coo_matrix(
        (np.ones(first.size), (np.searchsorted(nodes, first), np.searchsorted(nodes, second))),
        shape=(nodes.size, nodes.size),
    )
    count, component = connected_components(local, directed=False)
    smallest = np.full(count, nodes.max(), dtype=nodes.dtype)
    np.minimum.at(smallest, component, nodes)
    return nodes, smallest[component]


def _popcount(words: np.ndarray) -> np.ndarray:
    """Set bits of each 64-bit word: `np.bitwise_count` on NumPy 2, a byte table on NumPy 1.26."""
    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(words)
    return _BIT_COUNTS[words.view(np.uint8)].reshape(*words.shape, 8).sum(axis=-1, dtype=np.int64)


def _hash_into(file: Path, path: str, hashes: dict[str, int], failures: dict[str, str]) -> None:
    """Hash one image; a file that opened but does not decode goes to `failures` with the reason."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                # A JPEG decodes straight to a small greyscale copy: far faster, same hash in practice.
                image.draft("L", (2 * _HASH_SIDE, 2 * _HASH_SIDE))
                hashes[path] = perceptual_hash(image)
    except Exception as error:  # Pillow's decoders raise many types (OSError, SyntaxError, EOFError, ...)
        failures[path] = f"corrupt image: {error}"


def _class_counts(collection: ImageCollection) -> list[dict[str, Any]]:
    """Images per class folder, or annotations per category (declared categories without any count 0)."""
    if collection.label_format in ("coco", "yolo"):
        counts = Counter(collection.annotations)
    else:
        counts = Counter(record.label for record in collection.records if record.label is not None)
    for name in collection.classes:
        counts.setdefault(name, 0)
    return _name_counts(counts)


def _name_counts(counts: Counter[str]) -> list[dict[str, Any]]:
    return [{"name": name, "count": count} for name, count in _ranked(counts).items()]


def _ranked(counts: Counter[str]) -> dict[str, int]:
    """Most frequent first, ties by name, so the JSON is the same on every run."""
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _sizes(records: list[ImageRecord]) -> dict[str, Any]:
    shapes = [
        (record.width, record.height) for record in records if record.width is not None and record.height is not None
    ]
    common = sorted(Counter(shapes).items(), key=lambda item: (-item[1], item[0]))[:_COMMON_SIZES]
    return {
        "width": _spread([width for width, _ in shapes]),
        "height": _spread([height for _, height in shapes]),
        "common": [{"width": width, "height": height, "count": count} for (width, height), count in common],
    }


def _spread(values: list[int]) -> dict[str, int | float | None]:
    if not values:
        return {"min": None, "max": None, "median": None}
    median = statistics.median(values)
    return {
        "min": min(values),
        "max": max(values),
        "median": int(median) if median == int(median) else median,
    }
