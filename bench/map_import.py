"""Benchmark: `arm map import` of a synthetic extract, and reverse-geocoding speed.

    .venv/bin/python bench/map_import.py [--nodes 1000000] [--addressed 1.0] [--lookups 50000] [--keep DIR]

Writes (with pyosmium) a synthetic city of about ``--nodes`` nodes: a grid of
named streets (name, name:kk, name:ru; each street split into ways as in OSM),
a building with an address on every plot (4 corners + the closing node), a few
settlements, a river. Then runs the real import (pyosmium address index +
tilemaker vector tiles) into a temporary data directory and prints:

* import time, split into the address index and tilemaker, and the extract size;
* peak memory of the import process (the address index) and of tilemaker, sampled from /proc
  every 50 ms per phase (``RssAnon``: anonymous memory; ``VmHWM``: every resident page, also
  those of mapped files). Not ``ru_maxrss`` of the children: a child's figure starts from the
  parent's size at fork (Linux keeps the old image's high-water mark across exec), so tilemaker
  used to be reported as big as the Python process that started it;
* an extrapolation to a Kazakhstan-sized extract (about 200 MB of .osm.pbf, ~24 M nodes),
  linear in nodes at the slope between a quarter-size import and this one (goal: under 15
  minutes and 4 GB); the synthetic city has an addressed building every ~4.3 nodes, far more
  than real data, so the part that grows with houses is over-estimated (``--addressed 0.1``
  addresses one building in ten, to separate the two);
* reverse-geocoding lookups per second on random points over the city
  (goal: at least 10,000/s), and searches per second.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import osmium

KZ_EXTRACT_MB = 200.0
#: an OSM .pbf holds about 120,000 nodes per MB (planet: ~9 billion nodes in ~75 GB), so a 200 MB
#: extract of Kazakhstan has about 24 million nodes. The synthetic grid compresses far better than
#: real data (its coordinates are regular), so time and memory are extrapolated by nodes, not by MB.
KZ_NODES = 24_000_000
LAT0, LON0 = 43.20, 76.80  # Almaty-like origin
STEP_LAT, STEP_LON = 0.0009, 0.0012  # one block: ~100 m x ~100 m
PLOTS_PER_BLOCK = 4
#: node ids step: a real extract's node ids are sparse (Kazakhstan: ~27 million nodes spread over ids up to
#: ~12.5 billion, one in ~460), and node-location indexes behave differently on dense ids (an array
#: indexed by id) and sparse ones (sorted id/location pairs, 16 bytes a node): keep them sparse here too
ID_STRIDE = 461


def write_extract(path: Path, nodes_wanted: int, addressed: float = 1.0) -> tuple[int, int, int]:
    """The synthetic city; returns (nodes, ways, addressed buildings).

    ``addressed``: the share of buildings that carry an address (the others are plain
    ``building=yes``), to tell what grows with nodes from what grows with houses.
    """
    every = max(1, round(1 / addressed)) if addressed > 0 else 0
    buildings = 0
    # per block: 4 buildings x 4 corner nodes = 16 nodes (+ street nodes, small)
    blocks = max(4, nodes_wanted // (PLOTS_PER_BLOCK * 4 + 1))
    side = int(blocks ** 0.5) + 1
    nid = wid = houses = 0
    writer = osmium.SimpleWriter(str(path))
    street_nodes: dict[tuple[str, int, int], int] = {}

    def node(lat: float, lon: float, tags: dict[str, str] | None = None) -> int:
        nonlocal nid
        nid += 1
        writer.add_node(osmium.osm.mutable.Node(id=nid * ID_STRIDE, location=(lon, lat), tags=tags or {}, version=1))
        return nid * ID_STRIDE

    try:
        node(LAT0 + side * STEP_LAT / 2, LON0 + side * STEP_LON / 2,
             {"place": "city", "name": "Алматы", "name:kk": "Алматы", "name:ru": "Алматы", "population": "2000000"})
        for i in range(0, side, max(1, side // 6)):
            for j in range(0, side, max(1, side // 6)):
                node(LAT0 + i * STEP_LAT, LON0 + j * STEP_LON, {"place": "suburb", "name": f"Шағын аудан {i}-{j}"})
        # street intersections
        for i in range(side + 1):
            for j in range(side + 1):
                street_nodes[("x", i, j)] = node(LAT0 + i * STEP_LAT, LON0 + j * STEP_LON)
        ways: list[osmium.osm.mutable.Way] = []
        for i in range(side + 1):  # east-west streets, split every 10 blocks
            for start in range(0, side, 10):
                refs = [street_nodes[("x", i, j)] for j in range(start, min(side, start + 10) + 1)]
                wid += 1
                ways.append(osmium.osm.mutable.Way(id=wid, nodes=refs, version=1, tags={
                    "highway": "residential", "name": f"{i}-көше", "name:kk": f"{i}-көше",
                    "name:ru": f"улица {i}-я"}))
        for j in range(side + 1):  # north-south avenues
            for start in range(0, side, 10):
                refs = [street_nodes[("x", i, j)] for i in range(start, min(side, start + 10) + 1)]
                wid += 1
                ways.append(osmium.osm.mutable.Way(id=wid, nodes=refs, version=1, tags={
                    "highway": "secondary" if j % 5 == 0 else "residential", "name": f"Даңғыл {j}",
                    "name:kk": f"Даңғыл {j}", "name:ru": f"Проспект {j}"}))
        # buildings: 4 plots on the south side of each block, addressed on the street to the south
        d = STEP_LAT * 0.15
        for i in range(side):
            for j in range(side):
                if buildings * 4 >= nodes_wanted:
                    break
                for k in range(PLOTS_PER_BLOCK):
                    lat = LAT0 + i * STEP_LAT + STEP_LAT * 0.3
                    lon = LON0 + j * STEP_LON + STEP_LON * (0.15 + 0.22 * k)
                    ring = [node(lat - d, lon - d), node(lat - d, lon + d), node(lat + d, lon + d),
                            node(lat + d, lon - d)]
                    buildings += 1
                    wid += 1
                    tags = {"building": "yes"}
                    if every and buildings % every == 0:
                        houses += 1
                        tags.update({"addr:street": f"{i}-көше", "addr:housenumber": str(j * PLOTS_PER_BLOCK + k + 1)})
                    ways.append(osmium.osm.mutable.Way(id=wid, nodes=ring + ring[:1], version=1, tags=tags))
        river = [node(LAT0 - 0.002, LON0 + j * STEP_LON) for j in range(side + 1)]
        wid += 1
        ways.append(osmium.osm.mutable.Way(id=wid, nodes=river, version=1,
                                           tags={"waterway": "river", "name": "Есентай"}))
        for w in ways:
            writer.add_way(w)
    finally:
        writer.close()
    return nid, wid, houses


class MemSampler:
    """Samples /proc every 50 ms: this process and its children (tilemaker), per import phase.

    ``ru_maxrss`` counts every resident page, also those of files mapped read-only or shared
    (tilemaker's ``--store`` files, libraries): the kernel drops those under pressure without
    swap, so the figure that must fit in RAM is the anonymous memory (``RssAnon``), reported
    beside the high-water mark (``VmHWM``).
    """

    def __init__(self) -> None:
        import threading

        self.phase = "start"
        self.peaks: dict[str, dict[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    @staticmethod
    def _status(pid: int | str) -> dict[str, float]:
        out: dict[str, float] = {}
        try:
            with open(f"/proc/{pid}/status") as fh:
                for line in fh:
                    key, _, rest = line.partition(":")
                    if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile", "RssShmem"):
                        out[key] = int(rest.split()[0]) / 1024
        except OSError:
            pass
        return out

    def _children(self) -> list[str]:
        me = str(os.getpid())
        kids = []
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat") as fh:
                        if fh.read().rsplit(")", 1)[1].split()[1] == me:
                            kids.append(entry)
                except (OSError, IndexError):
                    pass
        return kids

    def _note(self, who: str, st: dict[str, float]) -> None:
        for key in ("RssAnon", "VmRSS", "VmHWM", "MB"):
            if key in st:
                slot = self.peaks.setdefault(f"{who}:{self.phase}", {})
                slot[key] = max(slot.get(key, 0.0), st[key])
                tot = self.peaks.setdefault(who, {})
                tot[key] = max(tot.get(key, 0.0), st[key])

    @staticmethod
    def _disk_mb() -> float:
        """Space taken by the data directory's map folder (allocated blocks; the node-location
        file is unlinked while open, so it is counted from the process's open files)."""
        total = 0
        for root, _dirs, files in os.walk(Path(os.environ["ARM_DATA_DIR"]) / "map"):
            for name in files:
                try:
                    total += os.stat(os.path.join(root, name)).st_blocks * 512
                except OSError:
                    pass
        try:
            for fd in os.listdir("/proc/self/fd"):
                target = os.readlink(f"/proc/self/fd/{fd}")
                if target.endswith(" (deleted)") and ".nodes" in target:
                    total += os.stat(f"/proc/self/fd/{fd}").st_blocks * 512
        except OSError:
            pass
        return total / 2**20

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self._note("importer", self._status("self"))
            for kid in self._children():
                self._note("tilemaker", self._status(kid))
            self._note("disk", {"MB": self._disk_mb()})

    def stop(self) -> dict[str, dict[str, float]]:
        self._stop.set()
        self._thread.join()
        self._note("importer", self._status("self"))
        return self.peaks


def child_import(src: Path) -> None:
    """Run in a separate process: the import alone, so its memory is measured without the generator's."""
    import json

    from arm.geo import importer

    marks: dict[str, float] = {}
    sampler = MemSampler()

    def progress(line: str) -> None:
        if line.startswith("addresses: reading"):
            sampler.phase = "read"
        elif line.endswith("linking"):
            sampler.phase = "link"
        elif line.startswith("tiles: tilemaker"):
            marks["tiles"] = time.perf_counter()
            sampler.phase = "tiles"

    t0 = time.perf_counter()
    info = importer.run_import(src, progress)
    total = time.perf_counter() - t0
    peaks = sampler.stop()
    print(json.dumps({
        "total": total, "index": marks.get("tiles", t0) - t0, "info": info, "peaks": peaks,
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "tilemaker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }))


def run_child(src: Path) -> dict:
    import json
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--child", str(src)], check=True, capture_output=True,
                         text=True, env=os.environ.copy())
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=1_000_000)
    parser.add_argument("--lookups", type=int, default=50_000)
    parser.add_argument("--addressed", type=float, default=1.0,
                        help="share of the buildings with an address (1.0: every one, far denser than real data)")
    parser.add_argument("--keep", help="keep the data directory here")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_import(Path(args.child))
        return
    tmp = Path(args.keep or tempfile.mkdtemp(prefix="arm-bench-map-"))
    tmp.mkdir(parents=True, exist_ok=True)
    os.environ["ARM_DATA_DIR"] = str(tmp / "data")
    from arm.geo import store

    # a quarter-size import first: the extrapolation uses the slope between the two sizes, so the
    # fixed costs (interpreter, tilemaker's start, buffers and caches that fill up and stay) are not
    # multiplied by the factor
    small = tmp / "small.osm.pbf"
    small_nodes = write_extract(small, args.nodes // 4, args.addressed)[0]
    base = run_child(small)
    src = tmp / "synthetic.osm.pbf"
    t0 = time.perf_counter()
    n_nodes, n_ways, n_houses = write_extract(src, args.nodes, args.addressed)
    size_mb = src.stat().st_size / 1e6
    print(f"extract: {n_nodes:,} nodes, {n_ways:,} ways, {n_houses:,} addressed buildings, {size_mb:.1f} MB "
          f"(written in {time.perf_counter() - t0:.1f} s)")
    r = run_child(src)
    total, index_s = r["total"], r["index"]
    info = r["info"]
    print(f"import: {total:.1f} s (address index {index_s:.1f} s, tilemaker {total - index_s:.1f} s), "
          f"{info['streets']} streets, {info['houses']} houses, {info['tiles']} tiles")
    disk = {k.split(":")[1]: v["MB"] for k, v in r["peaks"].items() if k.startswith("disk:")}
    print(f"disk used in the data folder during the import: up to {max(disk.values(), default=0):.0f} MB "
          f"(by phase: {', '.join(f'{k} {v:.0f}' for k, v in sorted(disk.items()))})")

    def mem(res: dict, who: str, key: str) -> float:
        return float(res["peaks"].get(who, {}).get(key, 0.0))

    for who in ("importer", "tilemaker"):
        phases = ", ".join(f"{k.split(':')[1]} {v['RssAnon']:.0f}" for k, v in sorted(r["peaks"].items())
                           if k.startswith(who + ":") and "RssAnon" in v)
        print(f"peak memory, {who}: {mem(r, who, 'VmHWM'):.0f} MB resident (VmHWM), "
              f"{mem(r, who, 'RssAnon'):.0f} MB anonymous (by phase: {phases}); "
              f"the {small_nodes:,}-node import: {mem(base, who, 'VmHWM'):.0f} / {mem(base, who, 'RssAnon'):.0f} MB")
    more = KZ_NODES - n_nodes  # nodes beyond this import, at the slope between the two sizes

    def extrapolate(big: float, small_value: float) -> float:
        return big + max(0.0, big - small_value) / (n_nodes - small_nodes) * more

    est_s = extrapolate(total, base["total"])
    est = {key: max(extrapolate(mem(r, who, key), mem(base, who, key)) for who in ("importer", "tilemaker"))
           for key in ("VmHWM", "RssAnon")}
    slopes = ", ".join(f"{who} {(mem(r, who, 'RssAnon') - mem(base, who, 'RssAnon')) / (n_nodes - small_nodes) * 1e6:.0f}"
                       f" MB anonymous / {(mem(r, who, 'VmHWM') - mem(base, who, 'VmHWM')) / (n_nodes - small_nodes) * 1e6:.0f}"
                       " MB resident" for who in ("importer", "tilemaker"))
    print(f"growth per million nodes (between {small_nodes:,} and {n_nodes:,}): {slopes}")
    print(f"extrapolated to a {KZ_EXTRACT_MB:.0f} MB extract (~{KZ_NODES / 1e6:.0f} M nodes, linear at that slope): "
          f"{est_s / 60:.1f} min, peak memory of the larger process "
          f"{est['VmHWM'] / 1024:.2f} GB resident, {est['RssAnon'] / 1024:.2f} GB anonymous (goal: 15 min, 4 GB)")
    print(f"  (this city has an addressed building every {n_nodes / max(n_houses, 1):.1f} nodes, "
          f"~{n_houses / n_nodes * KZ_NODES / 1e6:.1f} M at {KZ_NODES / 1e6:.0f} M nodes: what grows with houses is "
          "over-estimated unless --addressed is lowered; "
          "resident = anonymous + mapped files (the node-location index, tilemaker's --store), which the "
          "kernel can drop under pressure)")
    folder = store.current_dir()
    assert folder is not None
    print(f"on disk: address index {(folder / store.INDEX_FILE).stat().st_size / 1e6:.0f} MB, "
          f"basemap {(folder / store.BASEMAP_FILE).stat().st_size / 1e6:.0f} MB")

    index = store.open_index()
    assert index is not None
    side = int((max(4, args.nodes // 17)) ** 0.5) + 1  # as in write_extract
    rnd = random.Random(1)
    # where persons are: in town (at a house or in the street); in the fields up to 1 km outside
    # the town (the nearest street just outside a dense grid); and far from it
    town = [(LAT0 + rnd.random() * side * STEP_LAT, LON0 + rnd.random() * side * STEP_LON)
            for _ in range(args.lookups)]
    fields = []
    while len(fields) < args.lookups // 10:
        lat = LAT0 - 0.009 + rnd.random() * (side * STEP_LAT + 0.018)
        lon = LON0 - 0.012 + rnd.random() * (side * STEP_LON + 0.024)
        if not (LAT0 <= lat <= LAT0 + side * STEP_LAT and LON0 <= lon <= LON0 + side * STEP_LON):
            fields.append((lat, lon))
    # far: 2-60 km south of the town (a street within 5 km, or nothing at all)
    far = [(LAT0 - 0.018 - rnd.random() * 0.5, LON0 + rnd.random() * side * STEP_LON)
           for _ in range(args.lookups // 10)]
    for label, points in (("in town", town), ("near town (up to 1 km outside)", fields), ("far (2-60 km)", far)):
        t0 = time.perf_counter()
        found = [index.where(lat, lon) for lat, lon in points]
        rate = len(points) / (time.perf_counter() - t0)
        houses = sum(1 for a in found if a.house)
        streets = sum(1 for a in found if a.street)
        print(f"reverse geocoding {label}: {rate:,.0f} lookups/s ({houses / len(points):.0%} at a house, "
              f"{streets / len(points):.0%} with a street), goal 10,000/s")
    queries = [f"{rnd.randrange(side)}-көше {rnd.randrange(1, side * 4)}" for _ in range(500)]
    t0 = time.perf_counter()
    hits = sum(1 for q in queries if index.find(q))
    print(f"address search: {len(queries) / (time.perf_counter() - t0):,.0f} searches/s ({hits}/{len(queries)} found)")
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)  # extracts and imports: hundreds of MB at 4 M nodes


if __name__ == "__main__":
    main()
