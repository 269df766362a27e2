#!/usr/bin/env python3
"""Replays a sampling draw (algorithm sha256-mod-v1) independently of mvis.

Input (stdin or a file): the JSON of GET /api/v1/sampling-plans/{id}/frame plus the seed and
ratio, e.g. {"seed": "...", "ratio": "0.05", "items": [{"instrument_id": 1, "stratum": "a|b"}]}.
Prints the picked instrument ids in pick order, one per line.

The algorithm (docs/supervision.md): the k-th random number (k = 1, 2, ... across the draw) is
SHA-256(seed + "," + k) as an unsigned big-endian integer. The frame is sorted by (stratum key as
UTF-8 bytes, instrument id). n = ceil(ratio * N), at least the number of strata, at most N.
Phase 1 picks stratum[r mod size] from each stratum in order; phase 2, while fewer than n are
picked, picks rest[r mod len(rest)] from the units not yet picked, in frame order.
"""
import hashlib
import json
import sys
from decimal import Decimal


def number(seed, k):
    return int.from_bytes(hashlib.sha256(f"{seed},{k}".encode()).digest(), "big")


def draw(frame, ratio, seed):
    frame = sorted(frame, key=lambda u: (u["stratum"].encode(), u["instrument_id"]))
    strata = []
    for u in frame:
        if not strata or strata[-1][0] != u["stratum"]:
            strata.append((u["stratum"], []))
        strata[-1][1].append(u)
    e4 = int(Decimal(str(ratio)) * 10000)
    n = min(max(-(-e4 * len(frame) // 10000), len(strata)), len(frame))
    k = 0
    picked = []
    for _, units in strata:
        k += 1
        picked.append(units[number(seed, k) % len(units)])
    while len(picked) < n:
        rest = [u for u in frame if u not in picked]
        k += 1
        picked.append(rest[number(seed, k) % len(rest)])
    return picked


def main():
    data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    for u in draw(data["items"], data["ratio"], data["seed"]):
        print(u["instrument_id"], u["stratum"])


if __name__ == "__main__":
    main()
