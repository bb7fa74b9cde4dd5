"""Point → ward look-ups per second, against a plain shapely `contains` loop baseline.

Run: `.venv/bin/python benchmarks/ward_lookup.py` (reads the repository's ward GeoJSON only).
"""

import json
import random
import time
from pathlib import Path

from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent
BOUNDARIES = ROOT / "communitysafety" / "wards" / "data" / "havering_wards_2022.geojson"


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from communitysafety.wards.lookup import WardIndex

    features = json.loads(BOUNDARIES.read_text())["features"]
    wards = [
        (f["properties"]["WD22CD"], f["properties"]["WD22NM"], f["geometry"]) for f in features
    ]
    rng = random.Random(1)
    points = [(rng.uniform(51.50, 51.63), rng.uniform(0.13, 0.33)) for _ in range(20_000)]

    shapes = [(code, shape(geometry)) for code, _, geometry in wards]
    start = time.perf_counter()
    for lat, lng in points[:2000]:
        point = Point(lng, lat)
        next((code for code, s in shapes if s.contains(point)), None)
    naive = 2000 / (time.perf_counter() - start)

    index = WardIndex(wards)
    start = time.perf_counter()
    for lat, lng in points:
        index.ward_at(lat, lng)
    indexed = len(points) / (time.perf_counter() - start)
    print(f"baseline: unprepared contains loop  {naive:10,.0f} look-ups/s")
    print(f"WardIndex: STRtree + prepared       {indexed:10,.0f} look-ups/s")
    print(f"speed-up: {indexed / naive:.1f}x")


if __name__ == "__main__":
    main()
