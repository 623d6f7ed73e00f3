"""One hostile workspace for every test that checks untrusted text stays inert (page, export, reader)."""

from __future__ import annotations

import json
from pathlib import Path

from mapviewer.core.workspace import Workspace

HOSTILE_NAME = "<img src=x onerror=\"document.title='pwned'\">"
SCRIPT = "</script><script>document.title='pwned'</script>"
TEMPLATE = "${document.title='pwned'}"
BACKTICK = "a `backtick` and a back\\slash \\` here"
OUTLET = "</script>`${x}`"
TEXT = (
    "Hostile data test\n\n"
    f"Engineers were seen at Zlovgrad {SCRIPT} near {TEMPLATE} with {BACKTICK} again, officials said.\n\n"
    f"Zlovgrad {HOSTILE_NAME} was reported to host a tunnel entrance, according to the ministry.\n"
)


def write_hostile_workspace(root: Path, title: str = "Hostile data test") -> Path:
    """A workspace whose one site name, article text, title and outlet are hostile; checked to load."""
    root.mkdir(parents=True, exist_ok=True)
    site = {
        "type": "Feature",
        "properties": {
            "id": "zlovgrad",
            "name": HOSTILE_NAME,
            "aliases": ["Zlovgrad"],
            "kind": "town",
            "country": "<b>Nowhere</b>",
            "precision": "exact",
            "coord_source": "test",
        },
        "geometry": {"type": "Point", "coordinates": [30.5, 50.4]},
    }
    (root / "sites.geojson").write_text(json.dumps({"type": "FeatureCollection", "features": [site]}), encoding="utf-8")
    articles = root / "articles"
    articles.mkdir()
    (articles / "hostile.txt").write_text(TEXT, encoding="utf-8")
    meta = {"articles": [{"id": "hostile", "file": "hostile.txt", "title": title, "outlet": OUTLET}]}
    (articles / "articles.json").write_text(json.dumps(meta), encoding="utf-8")
    ws = Workspace.open(root)
    assert len(ws.mentions) >= 2 and {m.site_id for m in ws.mentions} == {"zlovgrad"}, ws.problems
    return root


PLANTED = "<script>document.documentElement.setAttribute('data-pwned', 'planted-shell-script')</script>"


def plant_in_shells(folder: Path, resign: bool) -> list[Path]:
    """Add PLANTED to the <head> of every cached page shell in `folder`: well-formed shells, their MAC
    left as it was (as anyone else could), or (`resign`) made again under the user's own key."""
    from mapviewer.core import datacache, mappage

    planted = []
    for path in sorted(folder.glob("shell-*.cache")):
        data = path.read_bytes()
        header_end = data.index(b"\n", len(datacache.MAGIC)) + 1
        kind, version, digest = data[len(datacache.MAGIC) : header_end - 1].decode().split(" ")
        shell = json.loads(data[header_end + datacache.MAC_BYTES :])
        shell["head"] = shell["head"].replace("<head>", "<head>" + PLANTED, 1)
        body = json.dumps(shell).encode()
        if resign:
            assert datacache.write(path, kind, int(version), digest, body)
        else:
            path.write_bytes(data[: header_end + datacache.MAC_BYTES] + body)
        assert (mappage._read_shell(path, digest) is not None) == resign
        planted.append(path)
    return planted
