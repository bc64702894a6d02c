"""Words of column and property names, reduced to canonical English tokens so 온도, temp and temperature meet.

Names are split at spaces, underscores, punctuation, digits and camelCase humps; each piece is looked up
in :data:`SYNONYMS` (Korean and English spellings seen in factory headers) and replaced by its canonical
token. Unknown pieces stay as they are, lower-cased.
"""

from __future__ import annotations

import re

# canonical token -> spellings (the canonical token itself is always one)
SYNONYMS: dict[str, tuple[str, ...]] = {
    "temperature": ("온도", "temp", "temperatur", "tmp", "℃", "celsius"),
    "pressure": ("압력", "press", "prs"),
    "speed": ("속도", "velocity", "vel", "speed", "속력"),
    "rotational": ("회전", "rotation", "rotational", "rpm", "revolutions", "spindle", "주축"),
    "torque": ("토크", "torque", "trq"),
    "humidity": ("습도", "humidity", "humid", "rh"),
    "time": ("시간", "time", "duration", "period", "소요"),
    "timestamp": ("일시", "시각", "timestamp", "datetime", "date", "일자", "날짜"),
    "force": ("힘", "force", "하중"),
    "clamping": ("형체", "형체력", "clamping", "clamp"),
    "thickness": ("두께", "thickness", "thick"),
    "length": ("길이", "length", "len"),
    "width": ("폭", "너비", "width"),
    "height": ("높이", "height"),
    "diameter": ("지름", "직경", "diameter", "dia"),
    "mass": ("질량", "무게", "중량", "mass", "weight"),
    "voltage": ("전압", "voltage", "volt"),
    "current": ("전류", "current", "amp"),
    "power": ("전력", "power", "kw"),
    "air": ("공기", "air", "대기", "ambient", "주위", "factory", "공장", "실내", "room"),
    "coolant": ("냉각수", "냉각", "coolant", "cooling"),
    "melt": ("용탕", "용해", "melt", "melting", "molten", "furnace", "용해로"),
    "mould": ("금형", "mould", "mold", "die"),
    "cycle": ("사이클", "cycle"),
    "tool": ("공구", "tool"),
    "wear": ("마모", "wear"),
    "vibration": ("진동", "vibration", "vib"),
    "acceleration": ("가속도", "acceleration", "accel"),
    "flow": ("유량", "flow"),
    "injection": ("사출", "주조", "injection", "casting", "cylinder"),
    "shot": ("샷", "shot"),
    "spray": ("분사", "스프레이", "spray"),
    "rise": ("상승", "rise"),
    "process": ("공정", "process"),
    "serial": ("시리얼", "일련번호", "serial"),
    "manufacturer": ("제조사", "제조업체", "manufacturer", "maker", "vendor"),
    "distance": ("거리", "distance"),
    "relative": ("상대", "relative", "rel"),
    "min": ("min", "minimum", "최소", "최저", "하한", "lower", "low"),
    "max": ("max", "maximum", "최대", "최고", "상한", "upper"),
}
_LOOKUP = {spelling: canonical for canonical, spellings in SYNONYMS.items() for spelling in (canonical, *spellings)}
_STOP = {
    "측정",
    "값",
    "정격",
    "of",
    "the",
    "a",
    "an",
    "value",
    "measured",
    "in",
    "per",
    "and",
    "or",
    "s",
    "d",
    "c",
    "e",
    "g",
    "ㆍ",
}
_PIECES = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[가-힣]+|℃")


def _pieces(name: str) -> list[str]:
    return [piece.lower() for piece in _PIECES.findall(name)]


def _hangul_tokens(piece: str) -> list[str]:
    """Korean compounds (냉각수온도) hold several known words: find each spelling inside the piece."""
    found = [
        canonical
        for spelling, canonical in _LOOKUP.items()
        if re.fullmatch(r"[가-힣]+", spelling) and spelling in piece
    ]
    return found or [piece]


def tokens(name: str) -> frozenset[str]:
    """The canonical tokens of a name (`Melting_Furnace_Temp` → {melt, temperature})."""
    found: set[str] = set()
    for piece in _pieces(name):
        if re.fullmatch(r"[가-힣]+", piece):
            found.update(_hangul_tokens(piece))
        elif piece not in _STOP:
            found.add(_LOOKUP.get(piece, piece))
    return frozenset(found)
