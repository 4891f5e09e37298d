"""The live map: an offline Leaflet page (built with folium) inside a QWebEngineView.

Import Qt-free helpers (``maps.track_export``,
``maps.mbtiles``, ``maps.live``) freely; the Qt parts live in ``maps.scheme``,
``maps.bridge``, ``maps.map_view`` and ``maps.zone_editor``.
"""
