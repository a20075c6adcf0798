"""Time the share card on every occupation of the full data, against a blank PNG in the same run.

The card must render in at most 30 ms at p99. The baseline is the floor any card pays: a blank
image of the same size encoded to PNG the same way, so a slow machine shows up in both numbers.
Cached lookups (:class:`willai.card.CardCache` hits) are timed too: that is what a repeated
question costs. Cards in another language (`--lang`, French by default) are timed as well,
with the occupation's name and every word of the card in that language: accented names and
longer words must not make a card slower than the budget.

    .venv/bin/python benchmarks/card_speed.py [--sample N] [--lookups N] [--lang XX]
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from benchmarks._data import full_store, require_shared_data
from benchmarks._timing import percentiles, time_each
from scoring import OccupationScore
from willai.card import (
    BACKGROUND,
    CACHE_SIZE,
    HEIGHT,
    PNG_COMPRESS_LEVEL,
    WIDTH,
    CardCache,
    render_card,
)
from willai.service import release_voices

BUDGET_MS = 30.0


def blank_png(_: object) -> bytes:
    """The floor: a blank card-sized image encoded like the card."""
    out = io.BytesIO()
    Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND).save(
        out, format="PNG", compress_level=PNG_COMPRESS_LEVEL
    )
    return out.getvalue()


def line(name: str, samples: Sequence[float], note: str = "", unit: str = "ms") -> str:
    p50, p99 = percentiles(samples, 1e6 if unit == "us" else 1000)
    return f"{name:20s} p50 {p50:7.2f} {unit}   p99 {p99:7.2f} {unit}   {note}".rstrip()


def main() -> int:
    """Load every score, then time renders, the blank baseline and cache hits."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=0, help="cards to render (0: all)")
    parser.add_argument("--baseline", type=int, default=500, help="blank PNGs to time")
    parser.add_argument("--lookups", type=int, default=20000, help="cache hits to time")
    parser.add_argument("--lang", default="fr", help="the other card language to time")
    args = parser.parse_args()

    require_shared_data()
    store = full_store()
    data_version = f"ESCO {store.require_release().version}"
    scores = sorted(store.all_scores().values(), key=lambda s: s.uri)
    rng = random.Random(7)
    if 0 < args.sample < len(scores):
        scores = rng.sample(scores, args.sample)
    print(f"{len(scores)} occupations, {data_version}, card {WIDTH}x{HEIGHT}")

    started = time.perf_counter()
    render_card(scores[0], data_version)
    print(f"first render (loads fonts): {(time.perf_counter() - started) * 1000:.1f} ms")

    voices = release_voices(store, store.require_release())
    voice = voices.voice(args.lang)
    names = {s.uri: voice.occupation(s.uri, s.label) for s in scores}

    def in_language(score: OccupationScore) -> bytes:
        return render_card(score, data_version, voice=voice, name=names[score.uri])

    in_language(scores[0])
    gc.collect()
    renders = time_each(lambda s: render_card(s, data_version), scores)
    translated = time_each(in_language, scores)
    blanks = time_each(blank_png, scores[: args.baseline])
    sizes = [len(render_card(s, data_version)) for s in scores[:200]]
    print(line("render_card", renders, f"(median PNG {statistics.median(sizes) / 1000:.0f} KB)"))
    print(line(f"render_card ({args.lang})", translated, "(names and words in the language)"))
    print(line("blank PNG (floor)", blanks, f"({len(blanks)} encodes)"))
    print(f"over the floor at p50: {statistics.median(renders) / statistics.median(blanks):.1f}x")

    cache = CardCache()
    warm = scores[:CACHE_SIZE]
    for score in warm:
        cache.get_or_render(score, data_version)
    lookups = [rng.choice(warm) for _ in range(args.lookups)]
    hits = time_each(lambda s: cache.get_or_render(s, data_version), lookups)
    print(line("cached lookup", hits, f"({len(lookups)} hits over {len(warm)} cards)", "us"))

    p99 = max(percentiles(renders)[1], percentiles(translated)[1])
    within = "yes" if p99 <= BUDGET_MS else "NO"
    print(f"render p99 within the {BUDGET_MS:.0f} ms budget: {within} ({p99:.1f} ms)")
    return 0 if p99 <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
