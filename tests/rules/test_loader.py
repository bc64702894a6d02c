"""Loading definitions: a new year is a new file; a bad file is refused naming the file, the key and the line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from mfgdata.rules import find_programme, get_programme, load_programme, load_programmes
from mfgdata.rules.errors import DefinitionError


def _copy(shipped: Path, folder: Path, name: str, *replacements: tuple[str, str]) -> Path:
    """The shipped 2026 file, with some text replaced, written to `folder/name`."""
    text = (shipped / "productization-2026.yaml").read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    target.write_text(text, encoding="utf-8")
    return target


def _next_year(shipped: Path, folder: Path, *replacements: tuple[str, str]) -> Path:
    return _copy(
        shipped,
        folder,
        "productization-2027.yaml",
        ("id: productization-2026", "id: productization-2027"),
        ("year: 2026", "year: 2027"),
        *replacements,
    )


def test_shipped_definitions_load() -> None:
    assert [p.id for p in load_programmes()] == ["productization-2026", "purchase-2023"]


def test_a_new_year_is_a_new_file_and_becomes_the_newest(shipped: Path, tmp_path: Path) -> None:
    _next_year(shipped, tmp_path, ("total_krw: 1250000000", "total_krw: 1500000000"))
    newest = find_programme("productization", extra_dir=tmp_path)
    assert newest is not None and newest.id == "productization-2027" and newest.budget.total_krw == 1_500_000_000
    older = find_programme("productization", 2026, extra_dir=tmp_path)
    assert older is not None and older.budget.total_krw == 1_250_000_000
    assert find_programme("purchase", 2030, extra_dir=tmp_path) is None


def test_the_user_folder_can_come_from_the_environment(shipped: Path, tmp_path: Path, monkeypatch) -> None:
    _next_year(shipped, tmp_path)
    monkeypatch.setenv("MFGDATA_PROGRAMMES", str(tmp_path))
    assert get_programme("productization-2027") is not None


def _refused(path: Path) -> DefinitionError:
    with pytest.raises(DefinitionError) as caught:
        load_programme(path)
    return caught.value


def test_missing_field_names_file_key_and_line(shipped: Path, tmp_path: Path) -> None:
    path = _next_year(shipped, tmp_path, ("  expected_count: 25 ", "  # expected_count removed "))
    error = _refused(path)
    assert error.path == str(path) and error.key == "budget.expected_count"
    assert error.code == "definition-missing" and error.line is not None
    assert "budget.expected_count" in error.one_line() and "productization-2027.yaml" in error.one_line()


def test_points_not_adding_up_to_the_section(shipped: Path, tmp_path: Path) -> None:
    path = _next_year(shipped, tmp_path, ("{id: collection, points: 5,", "{id: collection, points: 6,"))
    error = _refused(path)
    assert error.key == "evaluation.sections[1].points" and error.code == "definition-points-sum"
    assert "31" in error.text.en and "30" in error.text.en
    lines = path.read_text(encoding="utf-8").splitlines()
    assert error.line is not None and lines[error.line - 1].strip().startswith("points: 30")


def test_sections_not_adding_up_to_the_total(shipped: Path, tmp_path: Path) -> None:
    path = _next_year(shipped, tmp_path, ("total_points: 100", "total_points: 90"))
    assert _refused(path).key == "evaluation.total_points"


def test_a_window_ending_before_it_starts(shipped: Path, tmp_path: Path) -> None:
    path = _next_year(shipped, tmp_path, ("closes_on: 2026-02-27", "closes_on: 2026-01-20"))
    error = _refused(path)
    assert error.key == "rounds[0].closes_on" and error.code == "definition-round-order"
    assert "2026-01-20" in error.text.ko


@pytest.mark.parametrize(
    ("replacement", "key", "code"),
    [
        (
            ('government_ratio_max: "0.80"', 'government_ratio_max: "0.85"'),
            "funding[0].company_ratio_min",
            "definition-ratio-sum",
        ),
        (("{fact: tax_arrears_disposition}", "{fact: tax_arrears}"), "exclusions[1].when.fact", "definition-condition"),
        (('closes_at: "17:00:00"', "closes_at: 1700"), "rounds[0].closes_at", "definition-value-error"),
        (
            ("government_cap_krw: 50000000", "government_cap_krw: 5.0e7"),
            "funding[0].government_cap_krw",
            "definition-int-type",
        ),
        (("  - number: 10\n", "  - number: 8\n"), "documents[8].number", "definition-document-order"),
        (
            ("keys: [section:execution,", "keys: [section:nowhere,"),
            "evaluation.tie_break.keys[0]",
            "definition-tie-break",
        ),
        (("when: {sanction_active: {}}", "when: {sanctioned: {}}"), "exclusions[5].when", "definition-condition"),
        (("as_of: application_deadline}", "as_of: tomorrow}"), "exclusions[4].unless.as_of", "definition-condition"),
        (
            ("{fact: business_status, in:", "{fact: business_status, of:"),
            "exclusions[0].when.any[1].of",
            "definition-condition",
        ),
        (("in: [suspended, closed]", "in: [suspended, shut]"), "exclusions[0].when.any[1].in", "definition-condition"),
        (
            ("when: {sanction_active: {}}", "when: {sanction_active: [x]}"),
            "exclusions[5].when.sanction_active",
            "definition-condition",
        ),
        (("selection: ranked", "selection: rankd"), "rounds[0].selection", "definition-literal-error"),
        (("vat_excluded: true", "vat_exclude: true"), "budget.vat_exclude", "definition-extra-forbidden"),
        (("vat_excluded: true", "vat_excluded: yes"), "budget.vat_excluded", "definition-bool-type"),
        (("expected_count: 25", 'expected_count: "25"'), "budget.expected_count", "definition-int-type"),
        (("pass_mark: 60", "pass_mark: sixty"), "evaluation.pass_mark", "definition-value-error"),
        (("{operating: {ko: 정상", "{operatng: {ko: 정상"), "facts[4].choice_labels", "definition-choice-label"),
    ],
)
def test_inconsistent_or_mistyped_values_are_located(
    shipped: Path, tmp_path: Path, replacement: tuple[str, str], key: str, code: str
) -> None:
    error = _refused(_next_year(shipped, tmp_path, replacement))
    assert (error.key, error.code) == (key, code)


def test_the_worked_example_must_satisfy_the_rules(shipped: Path, tmp_path: Path) -> None:
    path = _next_year(shipped, tmp_path, ("in_kind_max_krw: 11250000", "in_kind_max_krw: 11250001"))
    error = _refused(path)
    assert error.key == "funding[0].worked_example" and "11,250,001" in error.text.en


def test_an_unquoted_hour_is_a_time_not_a_number(shipped: Path, tmp_path: Path) -> None:
    # YAML 1.1 would read 17:00 as the number 1020 (base 60); definitions read it as 17:00.
    path = _next_year(shipped, tmp_path, ('closes_at: "17:00:00"', "closes_at: 17:00"))
    deadline = load_programme(path).deadline_at()
    assert deadline is not None and (deadline.hour, deadline.minute) == (17, 0)


def test_file_name_must_match_the_id(shipped: Path, tmp_path: Path) -> None:
    path = _copy(shipped, tmp_path, "productization-2027.yaml")
    assert _refused(path).code == "definition-file-name"


def test_repeated_key_and_broken_yaml(shipped: Path, tmp_path: Path) -> None:
    repeated = _next_year(shipped, tmp_path / "a", ("year: 2027", "year: 2027\nyear: 2028"))
    error = _refused(repeated)
    assert error.code == "definition-repeated-key" and error.line == 7
    broken = _next_year(shipped, tmp_path / "b", ("budget:\n", "budget: [\n"))
    assert _refused(broken).code == "definition-not-yaml"


def test_two_files_with_one_id_are_refused(shipped: Path, tmp_path: Path) -> None:
    _copy(shipped, tmp_path, "productization-2026.yaml")
    with pytest.raises(DefinitionError) as caught:
        load_programmes(tmp_path)
    assert caught.value.code == "definition-duplicate-id"


def test_a_missing_user_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DefinitionError) as caught:
        load_programmes(tmp_path / "nowhere")
    assert caught.value.code == "definition-folder-missing"


def test_every_cited_notice_line_exists_and_is_not_blank(shipped: Path, notice_line) -> None:
    cited = 0
    for path in sorted(shipped.glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            comment = line.partition("#")[2]
            for notice, number in re.findall(r"\b(00[01]):(\d+)", comment):
                assert notice_line(notice, int(number)).strip(), (path.name, line)
                cited += 1
    assert cited > 100


def test_the_rules_import_no_django() -> None:
    code = "import sys, mfgdata.rules; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0
