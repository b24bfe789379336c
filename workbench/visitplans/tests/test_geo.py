"""Great-circle distances and the WGS-84 → GCJ-02 conversion against published reference values."""

import math

import pytest

from workbench.visitplans import geo

# The reference points of googollee/eviltransform's test suite (python/test.py, also in its PHP and Go ports):
# (WGS-84 lat, lng) → (GCJ-02 lat, lng).
GCJ02_REFERENCE = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]


@pytest.mark.parametrize(("wgs84", "gcj02"), GCJ02_REFERENCE)
def test_wgs84_to_gcj02_matches_the_published_reference(wgs84, gcj02):
    # when a reference point is converted
    lat, lng = geo.wgs84_to_gcj02(*wgs84)

    # then it lands on the published GCJ-02 point (to 1e-9°, a tenth of a millimetre)
    assert lat == pytest.approx(gcj02[0], abs=1e-9)
    assert lng == pytest.approx(gcj02[1], abs=1e-9)


def test_gcj02_leaves_points_outside_china_alone():
    # given Tokyo and Paris (WGS-84)
    # then neither is offset
    assert geo.wgs84_to_gcj02(35.6812, 139.7671) == (35.6812, 139.7671)
    assert geo.wgs84_to_gcj02(48.8566, 2.3522) == (48.8566, 2.3522)


def test_the_gcj02_offset_in_nanjing_is_a_few_hundred_metres():
    # given Xinjiekou, Nanjing (WGS-84)
    point = (32.0416, 118.7784)

    # when converted
    shifted = geo.wgs84_to_gcj02(*point)

    # then it moves by the few hundred metres the datum is known for: 541 m, to the east-south-east
    assert round(geo.great_circle_km(point, shifted), 3) == 0.541
    assert round(shifted[0] - point[0], 6) == -0.002048
    assert round(shifted[1] - point[1], 6) == 0.005208


def test_great_circle_matches_the_rosetta_code_haversine_example():
    # given Nashville BNA and Los Angeles LAX, on the sphere of radius 6372.8 km the Rosetta Code task uses
    # then the distance is its published 2887.2599506071106 km
    assert geo.great_circle_km((36.12, -86.67), (33.94, -118.40), radius_km=6372.8) == pytest.approx(
        2887.2599506071106, abs=1e-9
    )


def test_great_circle_known_arcs():
    # given the Earth's mean radius
    radius = geo.EARTH_RADIUS_KM

    # then one degree along the equator or a meridian is R·π/180, a quarter meridian R·π/2, antipodes R·π
    assert geo.great_circle_km((0, 0), (0, 1)) == pytest.approx(radius * math.pi / 180, abs=1e-9)
    assert geo.great_circle_km((10, 20), (11, 20)) == pytest.approx(radius * math.pi / 180, abs=1e-9)
    assert geo.great_circle_km((0, 0), (90, 0)) == pytest.approx(radius * math.pi / 2, abs=1e-9)
    assert geo.great_circle_km((0, 0), (0, 180)) == pytest.approx(radius * math.pi, abs=1e-9)
    assert geo.great_circle_km((32.0, 118.8), (32.0, 118.8)) == 0.0


def test_great_circle_is_symmetric():
    # given two shops in Nanjing
    a, b = (32.0416, 118.7784), (32.0603, 118.7969)

    # then the distance is the same both ways
    assert geo.great_circle_km(a, b) == geo.great_circle_km(b, a)
