"""The archive format the offline build's worker writes straight into Pyodide's
file system (tools/web_vendor.py bundle; read by unpackBundle in web_prewarm)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tools import web_vendor

NAMES = st.lists(
    st.text(alphabet="abcxyz_.", min_size=1, max_size=8).filter(lambda s: s not in {".", ".."}),
    min_size=1,
    max_size=3,
).map("/".join)


def read(blob: bytes) -> dict[str, bytes]:
    """What unpackBundle does, in Python: header length, header, then the bytes."""
    size = int.from_bytes(blob[:4], "little")
    at, out = 4 + size, {}
    for name, length in json.loads(blob[4:at]):
        out[name] = blob[at : at + length]
        at += length
    assert at == len(blob)
    return out


@given(st.dictionaries(NAMES, st.binary(max_size=64), max_size=8))
def test_a_bundle_holds_exactly_its_files(files: dict[str, bytes]) -> None:
    assert read(web_vendor.bundle(files)) == files


def test_the_same_files_give_the_same_bytes() -> None:
    a = web_vendor.bundle({"b.py": b"2", "a/x.py": b"1"})
    assert a == web_vendor.bundle({"a/x.py": b"1", "b.py": b"2"})


@pytest.mark.parametrize("bad", ["/etc/passwd", "a/../b", "a//b", ""])
def test_paths_outside_the_folder_are_refused(bad: str) -> None:
    with pytest.raises(SystemExit, match="bad path"):
        web_vendor.bundle({bad: b"x"})
