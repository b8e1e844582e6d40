"""The red-team data ships inside the package and is read through importlib.resources."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml

from quarterdeck.evals.redteam import FAMILIES, JUDGE_FAMILIES, _data, benign_controls, generate
from quarterdeck.evals.redteam._data import render

DATA_FILES = {f"{family}.yaml" for family in FAMILIES} | {"shared.yaml", "benign.yaml"}


def _clear_caches() -> None:
    _data.load_family.cache_clear()
    _data.load_shared.cache_clear()
    _data.load_benign.cache_clear()


def test_every_data_file_is_a_package_resource() -> None:
    folder = resources.files("quarterdeck.evals.redteam").joinpath("data")
    names = {entry.name for entry in folder.iterdir() if entry.is_file()}
    assert names >= DATA_FILES
    for name in DATA_FILES:
        assert isinstance(yaml.safe_load(folder.joinpath(name).read_text(encoding="utf-8")), dict)


def test_data_loads_regardless_of_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    _clear_caches()
    try:
        assert len(generate()) >= 25 * len(FAMILIES)
        assert len(benign_controls()) >= 60
    finally:
        _clear_caches()


def test_family_files_name_their_family_and_canary_location() -> None:
    for family in FAMILIES:
        data = _data.load_family(family)
        assert data.family == family
        if family in JUDGE_FAMILIES:
            assert data.judged and data.canary_location == "none"
            continue
        assert not data.judged
        assert data.canary_location == ("instruction" if "injection" in family else "system")
        for system in data.systems:
            assert ("{canary}" in system["text"]) == (data.canary_location == "system")


def test_shared_instructions_split_the_canary_with_words_between() -> None:
    shared = _data.load_shared()
    for instruction in shared.secret_instructions:
        assert "{canary_head}" in instruction and "{canary_tail}" in instruction
        rendered = render(instruction, {"canary_head": "HEAD", "canary_tail": "TAIL"})
        assert "HEADTAIL" not in "".join(ch for ch in rendered if ch.isalnum())
    assert all(len(record) >= 5 for record in shared.customers)


def test_render_fills_placeholders_once_and_reports_missing_ones() -> None:
    assert render("a {x} b {y}", {"x": "{y}", "y": "2"}) == "a {y} b 2"
    assert render('{"json": 1} {x}', {"x": "v"}) == '{"json": 1} v'
    with pytest.raises(KeyError, match="missing_one"):
        render("{missing_one}", {})
