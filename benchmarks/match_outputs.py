"""What the matcher answers for every dev and everyday title, saved and compared across versions.

A refactor of the matcher must not change a single answer; a refit changes some on purpose, and
the change should be read before it ships. This writes one JSON line per title (status and the
first ten URIs with their confidences) and, given an earlier file, prints how many differ and
a sample of them.

    python -m benchmarks.match_outputs --write before.jsonl
    python -m benchmarks.match_outputs --write after.jsonl --compare before.jsonl
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.match_quality import DEV_CSV, load_dev, load_inputs
from matching import MatchIndex
from tests.matching.everyday import load

SAMPLE = 15


def outputs(index: MatchIndex, titles: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """One record per (source, title): what `MatchIndex.match` returns, rounded for reading."""
    records = []
    for source, title in titles:
        result = index.match(title, top=10)
        records.append(
            {
                "source": source,
                "title": title,
                "status": result.status.value,
                "ranked": [c.uri.rsplit("/", 1)[-1] for c in result.candidates],
                "confidence": [round(c.confidence, 4) for c in result.candidates],
            }
        )
    return records


def all_titles() -> list[tuple[str, str]]:
    """Every dev title and every everyday title (both halves), in file order."""
    titles = [("dev", title) for title, _ in load_dev(DEV_CSV)]
    titles += [
        (f"everyday/{half}", row.title) for half in ("fit", "held_out") for row in load(half)
    ]
    return titles


def compare(new: list[dict[str, Any]], old_path: Path) -> int:
    """Print what differs from the records in `old_path`; return the number of changed titles."""
    old = [json.loads(line) for line in old_path.read_text(encoding="utf-8").splitlines()]
    if [(r["source"], r["title"]) for r in old] != [(r["source"], r["title"]) for r in new]:
        print("the two files hold different titles: not comparable")
        return -1
    changed: Counter[str] = Counter()
    shown = 0
    for before, after in zip(old, new, strict=True):
        if before == after:
            continue
        what = (
            "status"
            if before["status"] != after["status"]
            else "first"
            if before["ranked"][:1] != after["ranked"][:1]
            else "order"
            if before["ranked"] != after["ranked"]
            else "confidence"
        )
        changed[f"{before['source'].split('/')[0]} {what}"] += 1
        if shown < SAMPLE and what != "confidence":
            shown += 1
            print(
                f"  {after['title']!r}: {before['status']} -> {after['status']}, "
                f"{before['ranked'][:2]} -> {after['ranked'][:2]}"
            )
    total = sum(changed.values())
    print(f"{total} of {len(new)} titles changed: {dict(sorted(changed.items())) or 'none'}")
    return total


def main() -> None:
    """Write the current matcher's outputs, and compare them with an earlier run's."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, required=True, help="JSON lines to write")
    parser.add_argument("--compare", type=Path, help="an earlier run's file")
    args = parser.parse_args()
    index = MatchIndex.build(*load_inputs())
    records = outputs(index, all_titles())
    args.write.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    print(f"wrote {len(records)} titles to {args.write}")
    if args.compare:
        compare(records, args.compare)


if __name__ == "__main__":
    main()
