"""The village list's lookup file (core/ingest/village_index.py, villages.load_villages): shipped beside the list and
used only while it verifies against its SHA-256 and matches the list and the key code; otherwise one is built into
the user cache once (HMAC-signed), and a row failing its checks when a lookup meets it is reported, not used.
Every file here is a real one written into tmp_path; the names are invented."""

from __future__ import annotations

import hashlib
import io
import json
import struct
from functools import lru_cache
from pathlib import Path

import pytest

from mapviewer.core.ingest import signed, village_index
from mapviewer.core.ingest import villages as village_module
from mapviewer.core.ingest.villages import (
    COLUMNS,
    LAYERS,
    RU_VILLAGE_FILE,
    VILLAGE_FILE,
    build_index,
    cache_path,
    index_beside,
    keys_fingerprint,
    load_villages,
)

COMMIT = "c" * 40
ROWS = [
    "201\tUA\t26\t47.41\t35.81\tTestivka\tTestovka\t{}",
    "202\tUA\t14\t48.01\t37.61\tTestivka\t\t{}",  # a namesake in another region
    "203\tUA\t26\t47.52\t35.93\tKhmarivka\tKhmarovka\t{}",
]


def _keys(row: str) -> str:
    fields = row.split("\t")
    return " ".join(village_module.name_keys((fields[5], *fields[6].split("|"))))


def write_list(folder: Path, rows: list[str] = ROWS, extra: str = "") -> Path:
    """A village list as tools/build_villages.py writes it (sources, keys digest, header row, rows with their keys)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "villages.tsv"
    head = (f"# UA: https://github.com/whosonfirst-data/whosonfirst-data-admin-ua, commit {COMMIT}\n"
            f"# keys: transliteration code {keys_fingerprint()}\n")  # fmt: skip
    body = "".join(r.format(_keys(r)) + "\n" for r in rows)
    path.write_text(head + "\t".join(COLUMNS) + "\n" + body + extra, encoding="utf-8")
    return path


def write_index(tsv: Path) -> Path:
    """The lookup file and its SHA-256 beside the list, as tools/build_villages.py --index-only writes them."""
    data = tsv.read_bytes()
    built = build_index(tsv, data, hashlib.sha256(data).hexdigest())
    assert isinstance(built, bytes)
    out = index_beside(tsv)
    out.write_bytes(built)
    out.with_name(out.name + ".sha256").write_text(f"{hashlib.sha256(built).hexdigest()}  {out.name}\n", encoding="ascii")
    return out


def ids(table: village_module.Villages, *words: str) -> list[int]:
    return [h.row.wof_id for h in table.lookup(list(words))]


@pytest.mark.parametrize("layer", LAYERS, ids=lambda layer: layer.file.stem)
def test_each_shipped_lookup_file_is_current_and_its_list_opens_through_it_writing_nothing(layer: village_module.Layer) -> None:
    shipped = layer.index
    assert shipped == layer.file.with_suffix(".index") and shipped.is_file()
    data = shipped.read_bytes()
    assert data.startswith(village_index.MAGIC)  # data only: a JSON header and arrays
    (size,) = struct.unpack_from("<I", data, len(village_index.MAGIC))
    header = json.loads(data[len(village_index.MAGIC) + 4 : len(village_index.MAGIC) + 4 + size])
    assert header["fingerprint"] == village_index.fingerprint(), "stale: run tools/build_villages.py --index-only"
    assert header["list_sha256"] == hashlib.sha256(layer.file.read_bytes()).hexdigest(), "run tools/build_villages.py --index-only"
    assert all(url.startswith(layer.source.prefix) for url, _pin in header["sources"].values())  # its own source only
    table = load_villages(layer.file, sources=(layer.source,))
    assert table.source == "package" and table.problems == [] and len(table) > 10_000
    assert not cache_path(layer.file).exists()  # nothing built, nothing written


def test_the_shipped_layers_open_through_their_lookup_files() -> None:
    table = village_module.load_layers()
    assert [t.path for t in table.tables] == [VILLAGE_FILE, RU_VILLAGE_FILE]
    assert [t.source for t in table.tables] == ["package", "package"] and table.problems == [] and len(table) > 80_000
    assert {1209782953, 1327028171} <= {h.row.wof_id for h in table.lookup(["manuilivka"])}
    assert not cache_path(VILLAGE_FILE).exists() and not cache_path(RU_VILLAGE_FILE).exists()


def test_each_layer_has_its_own_cache_file(tmp_path: Path) -> None:
    one, other = write_list(tmp_path / "a"), write_list(tmp_path / "b", ROWS[:1])
    other = other.rename(other.with_name("other.tsv"))
    assert load_villages(one).source == load_villages(other).source == "built"
    assert cache_path(one) != cache_path(other)
    assert load_villages(one).source == load_villages(other).source == "cache"  # neither evicted the other's


def test_a_list_opens_through_its_lookup_file_with_the_answers_a_fresh_build_gives(tmp_path: Path) -> None:
    tsv = write_list(tmp_path / "list")
    write_index(tsv)
    shipped = load_villages(tsv)
    assert shipped.source == "package" and len(shipped) == 3 and shipped.problems == []
    index_beside(tsv).unlink()
    built = load_villages(tsv)
    assert built.source == "built"
    for words in (["testivka"], ["testovka"], ["khmarivka"], ["khmarovka"], ["nowhere"]):
        assert [(h.row, h.words, h.primary, h.variant) for h in shipped.lookup(words)] == [
            (h.row, h.words, h.primary, h.variant) for h in built.lookup(words)
        ]
    assert ids(shipped, "testivka") == [201, 202]  # namesakes in file order
    hit = shipped.lookup(["testovka"])[0]
    assert hit.row.record.endswith("/data/201/201.geojson") and not hit.primary and not hit.variant


@pytest.mark.parametrize("damage", ["stale key code", "truncated", "one byte changed", "digest missing", "list edited"])
def test_a_stale_or_damaged_lookup_file_is_not_used_and_one_is_built_once_into_the_cache(tmp_path: Path, damage: str) -> None:
    tsv = write_list(tmp_path / "list")
    index = write_index(tsv)
    digest_file = index.with_name(index.name + ".sha256")
    data = index.read_bytes()
    if damage == "stale key code":  # a consistent file (its digest matches) that other key code built
        data = data.replace(village_index.fingerprint().encode(), b"0" * 64, 1)
    elif damage == "truncated":  # cut inside its sections, its digest made to match: the layout check refuses it
        data = data[: len(data) * 2 // 3]
    elif damage == "one byte changed":
        index.write_bytes(data[:-9] + bytes([data[-9] ^ 0xFF]) + data[-8:])
    elif damage == "list edited":  # the lookup file is intact, but of the list before a row was added
        write_list(tmp_path / "list", [*ROWS, "204\tUA\t26\t47.6\t35.7\tNovatestivka\t\t{}"])
    if damage in ("stale key code", "truncated"):
        index.write_bytes(data)
        digest_file.write_text(hashlib.sha256(data).hexdigest(), encoding="ascii")
    if damage == "digest missing":
        digest_file.unlink()
    table = load_villages(tsv)
    assert table.source == "built" and ids(table, "testivka") == [201, 202] and table.problems == []
    assert len(table) == (4 if damage == "list edited" else 3)
    assert signed.read_verified(cache_path(tsv), f"{village_index.fingerprint()}\0{hashlib.sha256(tsv.read_bytes()).hexdigest()}")
    again = load_villages(tsv)
    assert again.source == "cache" and ids(again, "khmarovka") == [203]


def test_a_cache_copy_of_other_key_code_or_tampered_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tsv = write_list(tmp_path / "list")
    assert load_villages(tsv).source == "built"
    cache = cache_path(tsv)
    data = cache.read_bytes()
    cache.write_bytes(data[:-5] + bytes([data[-5] ^ 0x01]) + data[-4:])  # not what this user built: the HMAC fails
    assert load_villages(tsv).source == "built"
    assert load_villages(tsv).source == "cache"
    monkeypatch.setattr(village_index, "fingerprint", lambda: "0" * 64)  # the key code changed since
    rebuilt = load_villages(tsv)
    assert rebuilt.source == "built" and ids(rebuilt, "testivka") == [201, 202]


def test_a_truncated_list_is_read_as_far_as_it_goes_its_cut_row_a_problem(tmp_path: Path) -> None:
    tsv = write_list(tmp_path / "list")
    write_index(tsv)
    text = tsv.read_text(encoding="utf-8")
    tsv.write_text(text[: text.index("Khmarivka")], encoding="utf-8")  # cut in the middle of the last row
    table = load_villages(tsv)
    assert table.source == "built" and len(table) == 2 and ids(table, "testivka") == [201, 202]
    (problem,) = table.problems
    assert problem.file == str(tsv) and problem.where == "line 6" and "6 fields where the header row has 8" in problem.message


def test_bad_rows_found_at_build_are_kept_with_the_lookup_file(tmp_path: Path) -> None:
    tsv = write_list(tmp_path / "list", [*ROWS, "205\tUA\t26\tsouth\t35.8\tBadlativka\t\t{}"])
    assert load_villages(tsv).source == "built"
    table = load_villages(tsv)
    assert table.source == "cache" and len(table) == 3
    assert [(p.file, p.where) for p in table.problems] == [(str(tsv), "line 7 ('Badlativka')")]
    assert '"latitude" \'south\' is not a number; row left out' in table.problems[0].message


def _tighter_ukraine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks made stricter after the lookup file was built: Ukraine's box now ends south of 47.45 N."""
    south, _north, west, east = village_module.BOUNDS["UA"]
    monkeypatch.setitem(village_module.BOUNDS, "UA", (south, 47.45, west, east))


def test_a_row_failing_its_checks_when_a_lookup_meets_it_is_left_out_and_reported(tmp_path: Path,
                                                                                 monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    tsv = write_list(tmp_path / "list")
    write_index(tsv)
    _tighter_ukraine(monkeypatch)
    table = load_villages(tsv)
    assert table.source == "package" and table.problems == []  # nothing is checked before a lookup meets it
    assert ids(table, "testivka") == [201]  # 202 lies at 48.01 N
    (problem,) = table.problems
    assert problem.file == str(tsv) and problem.where == "line 5 ('Testivka')"
    assert problem.message == '"latitude"/"longitude" 48.01, 37.61 lie outside UA; row left out'
    assert ids(table, "testivka") == [201] and len(table.problems) == 1  # said once
    assert ids(table, "khmarivka") == [] and [p.where for p in table.problems][-1] == "line 6 ('Khmarivka')"


def test_ingest_warns_of_a_bad_row_a_lookup_met(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mapviewer.cli import main
    from mapviewer.core.ingest.places import villages as place_villages

    tsv = write_list(tmp_path / "list")
    write_index(tsv)
    _tighter_ukraine(monkeypatch)
    table = load_villages(tsv)
    shipped = lru_cache(maxsize=1)(lambda: table)
    monkeypatch.setattr(village_module, "villages", shipped)
    monkeypatch.setattr(place_villages, "villages", shipped)
    assert village_module.village_problems() == []  # not loaded yet: nothing to say
    article = tmp_path / "a.txt"
    article.write_text("Headline\n\nSnow fell on the village of Khmarivka in the Zaporizhzhia region.\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["--data", str(tmp_path / "ws"), "ingest", str(article)], out=out, err=err) == 0
    assert f"warning: {tsv}: line 6 ('Khmarivka'): \"latitude\"/\"longitude\" 47.52, 35.93 lie outside UA" in err.getvalue()


def test_a_lookup_file_whose_digest_matches_but_whose_rows_point_mid_line_is_refused_at_open(tmp_path: Path) -> None:
    # a bad rebuild shipped with its own SHA-256: every row offset one byte late, so a lookup would read half lines
    tsv = write_list(tmp_path / "list")
    data = tsv.read_bytes()
    good = build_index(tsv, data, hashlib.sha256(data).hexdigest())
    assert isinstance(good, bytes)
    layout = village_index.Layout(good, village_index.fingerprint(), hashlib.sha256(data).hexdigest())
    keys = [[] for _ in range(layout.rows)]  # type: list[list[str]]
    for k in range(len(layout.key_off) - 1):
        for row in layout.key_rows[layout.key_start[k] : layout.key_start[k + 1]]:
            keys[row].append(bytes(layout.key_blob[layout.key_off[k] : layout.key_off[k + 1]]).decode("utf-8"))
    shifted = village_index.build_bytes(hashlib.sha256(data).hexdigest(), [n + 1 for n in layout.row_at], keys,
                                        layout.sources, layout.problems)  # fmt: skip
    out = index_beside(tsv)
    out.write_bytes(shifted)
    out.with_name(out.name + ".sha256").write_text(f"{hashlib.sha256(shifted).hexdigest()}  {out.name}\n", encoding="ascii")
    table = load_villages(tsv)
    assert table.source == "built" and table.problems == []  # not the shipped file: one built from the list instead
    assert ids(table, "testivka") == [201, 202]
