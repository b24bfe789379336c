"""Distances on the Earth and the Chinese map datum (docs/definitions.md#day-route).

Coordinates in the data are WGS-84 (what a GPS reads). Distances are great-circle distances on a sphere of the
Earth's mean radius: the day's route is ordered and measured by them (visitplans/routing.py).

Map tiles made in China are often drawn in GCJ-02 (国测局坐标, "Mars coordinates"), a datum the law requires of
published maps: a WGS-84 point drawn as-is on such tiles lies some hundred metres off its street. `wgs84_to_gcj02`
converts a point for display on those tiles only (settings.WORKBENCH_MAP_TILE_DATUM = "gcj02"); no distance is
ever computed on converted coordinates.
"""

from __future__ import annotations

import math

# The IUGG mean radius of the Earth (R1 = (2a + b) / 3 of WGS-84), in km.
EARTH_RADIUS_KM = 6371.0088

LatLng = tuple[float, float]


def great_circle_km(a: LatLng, b: LatLng, radius_km: float = EARTH_RADIUS_KM) -> float:
    """The great-circle distance between two (lat, lng) points in degrees, in km (the haversine formula).

    The haversine form keeps its precision for the short legs of a day's route, where the spherical law of
    cosines loses it to rounding.
    """
    lat1, lng1 = math.radians(a[0]), math.radians(a[1])
    lat2, lng2 = math.radians(b[0]), math.radians(b[1])
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * radius_km * math.asin(min(1.0, math.sqrt(h)))


# GCJ-02: the public reconstruction of the obfuscation, as first published in "Converter.java" of the emq project
# and kept since by googollee/eviltransform (BSD-2-Clause, https://github.com/googollee/eviltransform) and
# wandergis/coordtransform. It offsets a point by two trigonometric series of its distance from (35° N, 105° E),
# scaled to metres on the Krasovsky 1940 ellipsoid. Points outside China's bounding box are not offset.
KRASOVSKY_A = 6378245.0  # semi-major axis, m
KRASOVSKY_EE = 0.00669342162296594323  # first eccentricity squared
CHINA_LAT = (0.8293, 55.8271)
CHINA_LNG = (72.004, 137.8347)


def is_in_china(lat: float, lng: float) -> bool:
    """Whether GCJ-02 offsets this point: inside the rough bounding box of China that the public formula uses."""
    return CHINA_LAT[0] <= lat <= CHINA_LAT[1] and CHINA_LNG[0] <= lng <= CHINA_LNG[1]


def _offset_series(x: float, y: float) -> LatLng:
    """The two series of the formula, in metres of the ellipsoid, for x = lng − 105, y = lat − 35."""
    common = 20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)
    lat = common + 20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)
    lat += 160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y / 30.0 * math.pi)
    lng = common + 20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)
    lng += 150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)
    lat = lat * 2.0 / 3.0 - 100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    lng = lng * 2.0 / 3.0 + 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    return lat, lng


def wgs84_to_gcj02(lat: float, lng: float) -> LatLng:
    """The GCJ-02 (lat, lng) at which a WGS-84 point is drawn on GCJ-02 tiles (for display only)."""
    if not is_in_china(lat, lng):
        return lat, lng
    d_lat, d_lng = _offset_series(lng - 105.0, lat - 35.0)
    sin_lat = math.sin(math.radians(lat))
    magic = 1 - KRASOVSKY_EE * sin_lat * sin_lat
    # Metres to degrees: the meridian radius of curvature for latitude, the parallel's radius for longitude.
    d_lat = d_lat * 180.0 / ((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * math.sqrt(magic)) * math.pi)
    d_lng = d_lng * 180.0 / (KRASOVSKY_A / math.sqrt(magic) * math.cos(math.radians(lat)) * math.pi)
    return lat + d_lat, lng + d_lng
