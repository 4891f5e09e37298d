"""``arm map import|where|find|status``: the offline map from an OpenStreetMap extract (area plug-in: arm.geo.plugin).

``import`` prints one progress line per step (and tilemaker's progress at most
twice a second); exit 1 with a sentence when the file is bad, the previous
basemap staying in use. ``where`` and ``find`` read the address index of the
import in use; ``--json`` prints ``{"street", "house", "settlement",
"distance_m", "lat", "lon"}`` (``find``: one object per line).
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from arm.cli_common import CommandFailed, UsageError

if TYPE_CHECKING:
    from arm.geo.index import AddressIndex


def register_cli(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("map", help="offline map: import an OpenStreetMap extract, addresses")
    msub = p.add_subparsers(dest="map_command", required=True, metavar="ACTION")
    imp = msub.add_parser("import", help="build the offline basemap and address index from an .osm.pbf/.osm file")
    imp.add_argument("file")
    imp.add_argument("--codes", action="store_true", help=argparse.SUPPRESS)  # GUI: "error-code: X" on failure
    imp.set_defaults(handler=_import)
    wh = msub.add_parser("where", help="the address of a position")
    wh.add_argument("lat", type=float)
    wh.add_argument("lon", type=float)
    wh.add_argument("--lang", choices=["ru", "kk", "en"], default="ru")
    wh.add_argument("--json", action="store_true")
    wh.set_defaults(handler=_where)
    fd = msub.add_parser("find", help="addresses matching a text, e.g. 'Кенесары 40' or 'Kenesary 40'")
    fd.add_argument("text", nargs="+")
    fd.add_argument("--lang", choices=["ru", "kk", "en"], default="ru")
    fd.add_argument("--limit", type=int, default=10)
    fd.add_argument("--json", action="store_true")
    fd.set_defaults(handler=_find)
    st = msub.add_parser("status", help="which extract is imported")
    st.set_defaults(handler=_status)


def _import(args: argparse.Namespace) -> int:
    from arm.geo.importer import ImportFailed, run_import

    def progress(line: str) -> None:
        print(line, flush=True)

    try:
        run_import(args.file, progress)
    except ImportFailed as exc:
        if args.codes:
            print(f"error-code: {exc.code}", file=sys.stderr, flush=True)
        raise CommandFailed(str(exc)) from None
    return 0


def _index() -> AddressIndex:
    from arm.geo.store import open_index

    index = open_index()
    if index is None:
        raise CommandFailed("no map imported yet: run `arm map import FILE.osm.pbf` first")
    return index


def _where(args: argparse.Namespace) -> int:
    from arm.geo import format_address

    if not (-90 <= args.lat <= 90 and -180 <= args.lon <= 180):
        raise UsageError(f"LAT LON: {args.lat} {args.lon} is not a position (latitude -90..90, longitude -180..180)")
    addr = _index().where(args.lat, args.lon, args.lang)
    if args.json:
        print(json.dumps(addr.as_json(), ensure_ascii=False))
    else:
        text = format_address(addr, args.lang) or "-"
        print(f"{text}  ({args.lat:.6f}, {args.lon:.6f})")
    return 0


def _find(args: argparse.Namespace) -> int:
    from arm.geo import format_address

    found = _index().find(" ".join(args.text), args.lang, args.limit)
    for addr in found:
        if args.json:
            print(json.dumps(addr.as_json(), ensure_ascii=False))
        else:
            print(f"{format_address(addr, args.lang)}  ({addr.lat:.6f}, {addr.lon:.6f})")
    if not found:
        print("nothing found", file=sys.stderr)
        return 1
    return 0


def _status(args: argparse.Namespace) -> int:
    from arm.geo.store import current_info, map_dir

    info = current_info()
    if info is None:
        print(f"no map imported ({map_dir()})")
        return 0
    print(json.dumps(info, ensure_ascii=False, indent=1))
    return 0
