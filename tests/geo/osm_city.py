"""A small OSM extract written with pyosmium: a piece of Astana, its street names in kk/ru.

Coordinates are real (left bank of Astana) so the tiles land where a map shows
Astana. Streets run along a local grid; every building has an address.
"""

from __future__ import annotations

from pathlib import Path

import osmium

# origin and step of the synthetic grid (about 110 m x 80 m)
LAT0, LON0 = 51.1280, 71.4300
DLAT, DLON = 0.0010, 0.0011

STREETS = [
    # (tags, start lat, start lon, end lat, end lon)
    ({"highway": "primary", "name": "Кенесары көшесі", "name:kk": "Кенесары көшесі",
      "name:ru": "улица Кенесары"}, LAT0, LON0, LAT0, LON0 + 10 * DLON),
    ({"highway": "residential", "name": "Абай даңғылы", "name:kk": "Абай даңғылы",
      "name:ru": "проспект Абая"}, LAT0 + 4 * DLAT, LON0, LAT0 + 4 * DLAT, LON0 + 10 * DLON),
]
HOUSES = [
    # (addr:street, number, lat, lon): on the north side of each street
    ("Кенесары көшесі", "40", LAT0 + 0.0002, LON0 + 2 * DLON),
    ("Кенесары көшесі", "42", LAT0 + 0.0002, LON0 + 3 * DLON),
    ("Кенесары көшесі", "400", LAT0 + 0.0002, LON0 + 9 * DLON),
    ("Абай даңғылы", "45", LAT0 + 4 * DLAT + 0.0002, LON0 + 5 * DLON),
]
# a point on Kenesary street far (> 60 m) from every house: answers "N m from street"
KENESARY_FAR = (LAT0 + 0.0008, LON0 + 6 * DLON)
HOUSE_40 = (LAT0 + 0.0002, LON0 + 2 * DLON)
HOUSE_45 = (LAT0 + 4 * DLAT + 0.0002, LON0 + 5 * DLON)
CITY = (LAT0 + 2 * DLAT, LON0 + 5 * DLON)


def write_city(path: Path, *, addresses: bool = True, extra_nodes: int = 0) -> Path:
    """Write the extract to ``path`` (.osm.pbf or .osm, from the suffix)."""
    if path.exists():
        path.unlink()
    nid = 0
    wid = 0
    nodes: list[osmium.osm.mutable.Node] = []
    ways: list[osmium.osm.mutable.Way] = []

    def node(lat: float, lon: float, tags: dict[str, str] | None = None) -> int:
        nonlocal nid
        nid += 1
        nodes.append(osmium.osm.mutable.Node(id=nid, location=(lon, lat), tags=tags or {}, version=1))
        return nid

    def way(refs: list[int], tags: dict[str, str]) -> None:
        nonlocal wid
        wid += 1
        ways.append(osmium.osm.mutable.Way(id=wid, nodes=refs, tags=tags, version=1))

    node(CITY[0], CITY[1], {"place": "city", "name": "Астана", "name:kk": "Астана", "name:ru": "Астана",
                            "population": "1350228"})
    for tags, la1, lo1, la2, lo2 in STREETS:
        if not addresses:
            tags = {k: v for k, v in tags.items() if not k.startswith("name")}
        # split each street into two ways, as OSM does
        mid = node((la1 + la2) / 2, (lo1 + lo2) / 2)
        way([node(la1, lo1), mid], tags)
        way([mid, node(la2, lo2)], tags)
    if addresses:
        for street, hn, lat, lon in HOUSES:
            d = 0.00008
            ring = [node(lat - d, lon - d), node(lat - d, lon + d), node(lat + d, lon + d), node(lat + d, lon - d)]
            way(ring + ring[:1], {"building": "yes", "addr:street": street, "addr:housenumber": hn})
    # the river Esil south of the streets, a park, a railway
    river = [node(LAT0 - 0.003, LON0 + i * DLON) for i in range(11)]
    way(river, {"waterway": "river", "name": "Есіл", "name:kk": "Есіл", "name:ru": "Ишим"})
    park = [node(LAT0 + 2 * DLAT, LON0 + 7 * DLON), node(LAT0 + 2 * DLAT, LON0 + 9 * DLON),
            node(LAT0 + 3 * DLAT, LON0 + 9 * DLON), node(LAT0 + 3 * DLAT, LON0 + 7 * DLON)]
    way(park + park[:1], {"leisure": "park", "name": "Саябақ"})
    rail = [node(LAT0 + 8 * DLAT, LON0 + i * DLON) for i in range(11)]
    way(rail, {"railway": "rail"})
    for i in range(extra_nodes):
        node(LAT0 - 0.01 - (i % 1000) * 1e-5, LON0 + (i // 1000) * 1e-5)
    writer = osmium.SimpleWriter(str(path))
    try:
        for n in nodes:
            writer.add_node(n)
        for w in ways:
            writer.add_way(w)
    finally:
        writer.close()
    return path
