"""Long fuzzing run of every decoder (issue 14): cases per second and findings.

    .venv/bin/python bench/fuzz.py [--cases 1000000] [--targets gt06,watch,osmand,icd,nmea] [--seed 1]
                                   [--seconds N] [--out DIR]

The targets and the mutations are those of the suite's property-based tests
(``tests/hostile/fuzz_targets.py``: the decoder, mapping and the plausibility
screen, with the conformance vectors as seeds); here they run from a plain
seeded PRNG, as fast as Python goes, up to ``--cases`` per decoder (or
``--seconds`` each). A finding (any exception other than the decoder's
documented refusal, or an event ingest would accept that cannot be stored) is
printed once per distinct (exception, message) with the input that caused it;
``--out`` also writes each such input to a file for a regression test. Exit
status 1 when anything was found. Goal: one million cases per decoder, none found.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback
from collections import Counter
from pathlib import Path

# bench/serial.py would shadow pyserial's ``serial``: drop this folder from the path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hostile.fuzz_targets import TARGETS, mutate, seeds  # noqa: E402 - after the sys.path fix


def run_target(name: str, cases: int, seconds: float | None, seed: int, out: Path | None) -> int:
    target = TARGETS[name]
    corpus = seeds(name)
    rnd = random.Random(seed)
    findings: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], tuple[bytes, str]] = {}
    start = time.perf_counter()
    deadline = start + seconds if seconds else None
    done = 0
    report_every = max(1, cases // 10)
    while done < cases:
        data = mutate(rnd.choice(corpus), rnd)
        try:
            target(data)
        except Exception as exc:  # noqa: BLE001 - every escape is a finding
            key = (type(exc).__name__, str(exc)[:120])
            findings[key] += 1
            examples.setdefault(key, (data, traceback.format_exc()))
        done += 1
        if done % report_every == 0:
            rate = done / (time.perf_counter() - start)
            print(f"  {name}: {done:,} cases, {rate:,.0f}/s, {sum(findings.values())} findings", flush=True)
        if deadline is not None and done % 1000 == 0 and time.perf_counter() > deadline:
            break
    elapsed = time.perf_counter() - start
    print(f"{name:7s} {done:>10,} cases  {done / elapsed:>8,.0f} cases/s  {len(corpus):>4} seeds  "
          f"findings: {sum(findings.values())} ({len(findings)} distinct)", flush=True)
    for n, (key, (data, tb)) in enumerate(examples.items()):
        print(f"    {findings[key]}x {key[0]}: {key[1]}")
        print(f"      input: {data[:160]!r}")
        print("      " + "\n      ".join(tb.strip().splitlines()[-4:]))
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            (out / f"{name}-{n}.bin").write_bytes(data)
    return sum(findings.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=1_000_000, help="cases per decoder")
    parser.add_argument("--seconds", type=float, default=None, help="stop each decoder after this long")
    parser.add_argument("--targets", default=",".join(TARGETS))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="write each distinct finding's input here")
    args = parser.parse_args()
    total = 0
    for name in args.targets.split(","):
        total += run_target(name, args.cases, args.seconds, args.seed, args.out)
    print(f"total findings: {total}")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
