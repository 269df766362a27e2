#!/usr/bin/env python3
"""Replays the object draw of a 双随机 task (algorithm sha256-mod-v1) independently of mvis.

Input (stdin or a file): the JSON of GET /api/v1/inspection-tasks/{id}/frame, i.e.
{"seed": "...", "ratios": {"A": 0.05, "B": 0.2, "C": 0.3, "D": 0.7},
 "items": [{"org_id": 7, "credit_class": "B"}, ...]}.
Prints the drawn enterprise ids in pick order, one per line.

The algorithm (docs/supervision.md): the k-th random number (k = 1, 2, ... across the draw) is
SHA-256(seed + "," + k) as an unsigned big-endian integer. Classes in order A, B, C, D; in a class
of N enterprises n = ceil(ratio * N) (ratio in ten-thousandths, exact); each pick is
rest[r mod len(rest)] where rest is the class's enterprises not yet picked, by id.
"""
import hashlib
import json
import sys
from decimal import Decimal


def number(seed, k):
    return int.from_bytes(hashlib.sha256(f"{seed},{k}".encode()).digest(), "big")


def draw(frame, ratios, seed):
    k = 0
    picked = []
    for cls in "ABCD":
        rest = sorted(u["org_id"] for u in frame if u["credit_class"] == cls)
        e4 = int(Decimal(str(ratios[cls])) * 10000)
        n = min(-(-e4 * len(rest) // 10000), len(rest))
        for _ in range(n):
            k += 1
            picked.append(rest.pop(number(seed, k) % len(rest)))
    return picked


def main():
    data = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
    for org_id in draw(data["items"], data["ratios"], data["seed"]):
        print(org_id)


if __name__ == "__main__":
    main()
