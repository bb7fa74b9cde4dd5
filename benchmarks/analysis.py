"""The full survey report on 10 waves × 1,000,000 generated respondents, against a naive loop.

Run: `.venv/bin/python benchmarks/analysis.py [--respondents 1000000] [--waves 10]`.

Generates respondents in the contract's shape in memory (categorical columns, a few
missing ward/age values, dont_know/refused/empty answers), runs ``build_report`` (every
measure × borough, ward and age band, all changes) and prints the time and the peak RSS
of the process. In the same run it times a straightforward per-domain loop (respondent
-level raking, one weighted estimate and one calibration regression per measure × domain)
on 1 wave × 100,000 respondents, extrapolates it linearly to the full problem, checks it
agrees with the fast path, and prints the speed-up. Goal: < 10 s and < 2 GB peak.
"""

from __future__ import annotations

import os

# One BLAS thread: the machine has 2 cores shared with other work, and threaded BLAS on
# small least-squares problems only adds contention (both paths run under the same rule).
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CENSUS = ROOT / "communitysafety" / "wards" / "data" / "census2021_age6_ward22_havering_bestfit.csv"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(n: int, waves: int, population, measures, seed: int = 1) -> pd.DataFrame:
    """n respondents per wave; categorical columns; ~0.5% miss ward, ~0.5% miss age band."""
    rng = np.random.default_rng(seed)
    wards = np.asarray(population.ward_totals) / population.total
    ages = np.asarray(population.age_totals) / sum(population.age_totals)
    frames = []
    for w in range(waves):
        ward = rng.choice(len(wards), size=n, p=wards).astype(np.int8)
        ward[rng.random(n) < 0.005] = -1
        age = rng.choice(len(ages), size=n, p=ages).astype(np.int8)
        age[rng.random(n) < 0.005] = -1
        columns = {
            "wave": pd.Categorical.from_codes(
                np.full(n, w, dtype=np.int8), list(range(2015, 2015 + waves))
            ),
            "respondent_id": np.arange(n, dtype=np.int64),
            "ward_code": pd.Categorical.from_codes(ward, list(population.wards)),
            "age_band": pd.Categorical.from_codes(age, list(population.age_bands)),
        }
        for m in measures:
            accepted = list(m.accepted)
            positive = [i for i, c in enumerate(accepted) if c in m.positive]
            other = [i for i, c in enumerate(m.answers) if c not in m.positive]
            share = 0.4 + 0.02 * w + 0.05 * (age / len(ages))  # trends and an age effect
            codes = np.where(
                rng.random(n) < share,
                rng.choice(positive, size=n),
                rng.choice(other, size=n),
            ).astype(np.int8)
            roll = rng.random(n)
            codes[roll < 0.05] = accepted.index("dont_know")
            codes[(roll >= 0.05) & (roll < 0.07)] = accepted.index("refused")
            codes[(roll >= 0.07) & (roll < 0.1)] = -1  # not answered
            columns[m.code] = pd.Categorical.from_codes(codes, accepted)
        frames.append(pd.DataFrame(columns))
    return pd.concat(frames, ignore_index=True)


def naive_wave(frame: pd.DataFrame, population, measures) -> dict:
    """One pass per measure × domain over respondent-level arrays (the straightforward way)."""
    from perceptions.analysis.raking import rake
    from perceptions.analysis.variance import domain_mean_general

    ward = frame["ward_code"].cat.codes.to_numpy().astype(np.int64)
    age = frame["age_band"].cat.codes.to_numpy().astype(np.int64)
    ok = (ward >= 0) & (age >= 0)
    ward, age = ward[ok], age[ok]
    weights = rake([ward, age], [population.ward_totals, population.age_totals]).weights
    m = len(weights)
    x = np.zeros((m, 1 + len(population.wards) + len(population.age_bands)))
    x[:, 0] = 1
    x[np.arange(m), 1 + ward] = 1
    x[np.arange(m), 1 + len(population.wards) + age] = 1
    domains = [("borough", "all", np.ones(m, bool))]
    domains += [("ward", c, ward == k) for k, c in enumerate(population.wards)]
    domains += [("age_band", b, age == a) for a, b in enumerate(population.age_bands)]
    out = {}
    for measure in measures:
        answers = frame[measure.code].to_numpy(dtype=object)[ok]
        in_base = np.array([a is not None and a == a and a in measure.answers for a in answers])
        y = np.array(
            [a in measure.positive if isinstance(a, str) else False for a in answers], float
        )
        for group, value, member in domains:
            d = member & in_base
            if d.sum() == 0:
                continue
            result = domain_mean_general(y, d, weights, x)
            out[(measure.code, group, value)] = (result.estimate[0], np.sqrt(result.variance[0]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--respondents", type=int, default=1_000_000)
    parser.add_argument("--waves", type=int, default=10)
    parser.add_argument("--naive-respondents", type=int, default=100_000)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from perceptions.analysis.measures import MEASURES
    from perceptions.analysis.population import read_census_totals
    from perceptions.analysis.report import build_report

    population = read_census_totals(str(CENSUS))
    print(
        f"peak RSS after imports: {peak_rss_mb():.0f} MB; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )

    start = time.perf_counter()
    frame = generate(args.respondents, args.waves, population, MEASURES)
    generated = time.perf_counter() - start
    print(
        f"generated {args.waves} waves × {args.respondents:,} respondents in {generated:.1f} s; "
        f"frame {frame.memory_usage(deep=True).sum() / 2**20:.0f} MB; "
        f"peak RSS {peak_rss_mb():.0f} MB"
    )

    start, cpu = time.perf_counter(), time.process_time()
    report = build_report(frame, population, survey="benchmark")
    document = report.to_dict()
    full, full_cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"build_report + to_dict: {full:.2f} s wall, {full_cpu:.2f} s CPU for "
        f"{len(document['estimates']):,} estimates and "
        f"{len(document['changes']):,} changes; peak RSS {peak_rss_mb():.0f} MB "
        f"(goal < 10 s, < 2048 MB)"
    )

    small = frame[frame["wave"] == 2015].head(args.naive_respondents).reset_index(drop=True)
    del frame
    fast_small = build_report(small, population, survey="small").to_dict()
    start, cpu = time.perf_counter(), time.process_time()
    naive = naive_wave(small, population, MEASURES)
    naive_time, naive_cpu = time.perf_counter() - start, time.process_time() - cpu
    scale = (args.respondents / args.naive_respondents) * args.waves
    extrapolated = naive_time * scale
    worst = max(
        abs(row["estimate"] - naive[(row["measure"], row["group"], row["group_value"])][0])
        + abs(row["se"] - naive[(row["measure"], row["group"], row["group_value"])][1])
        for row in fast_small["estimates"]
        if row["estimate"] is not None and row["se"] is not None
    )
    print(
        f"naive per-domain loop: {naive_time:.2f} s wall, {naive_cpu:.2f} s CPU "
        f"for 1 wave × {args.naive_respondents:,}; "
        f"extrapolated ×{scale:.0f} to {extrapolated:.0f} s; largest difference from the fast "
        f"path {worst:.1e}"
    )
    print(
        f"speed-up of build_report over the naive loop: {extrapolated / full:.0f}× wall, "
        f"{naive_cpu * scale / full_cpu:.0f}× CPU; load average {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main()
