"""``python -m esco_api DEST``: fetch a bundle without the willai CLI (debugging, tests).

The real entry point is ``willai data import esco-api[:VERSION]``; this exists so the
harvest can run in a separate process (the kill-and-resume test) and be tried by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from esco_api.client import DEFAULT_BASE_URL, RetryPolicy
from esco_api.errors import EscoApiError
from esco_api.fetch import fetch_bundle


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the fetch, print a one-line result or the error."""
    parser = argparse.ArgumentParser(prog="python -m esco_api")
    parser.add_argument("dest", type=Path)
    parser.add_argument("--version", default=None)
    parser.add_argument("--languages", default="en")
    parser.add_argument("--base-url", default=DEFAULT_BASE_URL)
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--attempts", type=int, default=RetryPolicy.attempts)
    args = parser.parse_args(argv)
    try:
        report = asyncio.run(
            fetch_bundle(
                args.dest,
                version=args.version,
                languages=args.languages.split(","),
                base_url=args.base_url,
                cache_dir=args.cache_dir,
                concurrency=args.concurrency,
                retry=RetryPolicy(attempts=args.attempts),
            )
        )
    except EscoApiError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    sys.stdout.write(
        f"{report.version}: {report.occupations} occupations, {report.skills} skills, "
        f"{report.relations} relations; {report.requests} requests, "
        f"{report.cache_hits} from cache\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
