"""A shareable score card: one occupation's score as a PNG people can post anywhere.

An embed only lives inside Discord; a picture travels (screenshots, other chats, social posts)
and still carries the number, the band, the three factors and what the score is not. The card
is drawn with Pillow's own scalable default font (Pillow >= 10.1), so there is no font file to
ship and nothing to download.

That font only covers ASCII and a little punctuation, and labels come from ESCO data we do not
control, so every string is folded to what the font can draw first ("répétiteur" becomes
"repetiteur"; characters with no close equivalent become "?" or are dropped). Rendering never
raises on odd text: empty, enormous, emoji, control characters or lone surrogates.

Shapes are drawn at :data:`SCALE` times the size and reduced with a box filter, which
anti-aliases the gauge and bars at a fraction of the cost of a LANCZOS resize; text is
anti-aliased by FreeType either way. :func:`render_card` is pure apart from returning bytes: no
file I/O, no global state other than cached fonts. Pillow keeps the GIL while it draws text, so
the cached font objects are safe to share between threads.
"""

from __future__ import annotations

import hashlib
import io
import math
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import cast

from PIL import Image, ImageDraw, ImageFont

from scoring import FACTORS, OccupationScore
from scoring.phrases import title_case
from scoring.voice import ENGLISH, Voice
from willai import texts

#: Final card size in pixels: the 1.91:1 ratio link previews and social cards use.
WIDTH = 800
HEIGHT = 418
#: Supersampling factor: everything is drawn this many times larger, then box-reduced.
SCALE = 2
#: How far right the second pass of faux-bold text goes, in pixels.
BOLD_OFFSET = 0.6
#: zlib level for the PNG: 3 saves about 2 ms a card over Pillow's default 6 for ~10% more bytes.
PNG_COMPRESS_LEVEL = 3
#: The card has few colours (slate, grey text, one band colour, teal): a 64-colour palette
#: looks the same, encodes faster, and makes a PNG of ~13 KB instead of ~35 KB, which every
#: answer uploads to Discord.
PALETTE_COLOURS = 64
#: Bumped when the card's look changes, so cards on disk from an older look are not served.
CARD_FORMAT = "card-2"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

#: Card background: a dark slate that reads on Discord's dark and light themes alike.
BACKGROUND = (30, 31, 34)
#: One-pixel frame, so the card's edge shows on near-black themes too.
FRAME = (58, 60, 66)
#: Empty part of the gauge and of the factor bars.
TRACK = (56, 58, 64)
#: Main text (label, score, factor values).
TEXT = (242, 243, 245)
#: Secondary text (factor names, footer).
MUTED = (181, 186, 193)
#: Least important text (kicker, notes, disclaimer).
FAINT = (128, 132, 142)
#: Fill of the two factors that raise the risk: neutral, so the band colour stays the accent.
RISK_BAR = (206, 210, 218)
#: Fill of AI complementarity, which lowers the risk: a calm teal to set it apart.
PROTECTIVE_BAR = (72, 199, 176)
#: Divider above the footer.
DIVIDER = (50, 52, 58)

#: Left and right margin of the content.
MARGIN = 40
#: Height of the band-coloured strip along the top edge.
ACCENT_HEIGHT = 6

#: Small line above the label saying what the card answers.
KICKER = "WILL AI REPLACE MY JOB?"
#: Label shown when ESCO gives none (or nothing drawable is left).
FALLBACK_LABEL = "Unnamed occupation"
#: Characters of a label looked at at most: bounds the work on absurd input.
MAX_LABEL_CHARS = 300
#: Label font sizes tried in turn; the last one shortens with an ellipsis if still too long.
LABEL_SIZES = (40, 34, 28)
#: Lines the label may take.
LABEL_LINES = 2
#: Font sizes of the other text.
KICKER_SIZE = 14
SCORE_SIZE = 76
OUT_OF_SIZE = 22
BAND_SIZE = 16
FACTOR_SIZE = 19
NOTE_SIZE = 14
FOOTER_SIZE = 14

#: Baselines of the kicker and of the label's first line; label lines are 1.22 sizes apart.
KICKER_BASELINE = 42
LABEL_BASELINE = 86
LABEL_LINE_HEIGHT = 1.22

#: Gauge geometry (1x pixels): centre, outer radius and ring thickness.
GAUGE_CENTRE = (190, 312)
GAUGE_RADIUS = 128
GAUGE_THICKNESS = 24
#: Score baseline above the gauge centre, and space between the number and "/100".
SCORE_RISE = 8
OUT_OF_GAP = 4
#: Band tag: gap below the gauge centre, height, side padding and how strongly it is tinted.
TAG_GAP = 22
TAG_HEIGHT = 28
TAG_PADDING = 14
TAG_TINT = 0.2

#: Factor column: left edge, right edge, top of the first row, row pitch and bar height.
BARS_LEFT = 392
BARS_RIGHT = WIDTH - MARGIN
BARS_TOP = 196
BARS_PITCH = 58
BAR_HEIGHT = 10
#: Within a factor row: baseline of the name and value, and top of the bar.
FACTOR_BASELINE = 14
BAR_OFFSET = 24

#: Baseline of the footer text and the divider above it.
FOOTER_BASELINE = 399
DIVIDER_Y = 372
#: Least space between the footer's left part and the disclaimer on the right.
FOOTER_GAP = 24

#: The factors in the order the card shows them; the last one lowers the risk.
CARD_FACTORS = ("skill_vulnerability", "task_automation", "ai_complementarity")
#: The factor whose high value is good news, drawn in :data:`PROTECTIVE_BAR`.
PROTECTIVE_FACTOR = "ai_complementarity"
#: Note next to the protective factor's name, so a full bar is not read as bad.
PROTECTIVE_NOTE = "higher = safer"
#: Footer wording: short enough to fit beside the product name and data version.
FOOTER_DISCLAIMER = "Exposure estimate, not a job-loss probability"

#: Cards kept in memory (~13 KB each). Behind them, a folder keeps every card rendered for a
#: release, so a card is drawn once per release per host: re-rendering evicted cards (~11 ms of
#: the event loop each) was what kept a 400-a-second stream of answers from keeping up.
CACHE_SIZE = 512

#: Letters the default font lacks that Unicode does not decompose into ASCII.
_FOLDS = {
    "ß": "ss",
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "\u0131": "i",  # dotless i
    "\u2010": "-",  # hyphen
    "\u2011": "-",  # non-breaking hyphen
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2032": "'",  # prime
    "\u2033": '"',  # double prime
}

Colour = tuple[int, int, int]
Font = ImageFont.FreeTypeFont


@lru_cache(maxsize=64)
def _font(size: int) -> Font:
    """Pillow's scalable default font at ``size`` px; loading it costs more than drawing."""
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):  # only a Pillow built without FreeType
        msg = "the share card needs Pillow with FreeType (the scalable default font)"
        raise RuntimeError(msg)  # noqa: TRY004 - a missing feature, not a wrong argument
    return font


@lru_cache(maxsize=1)
def _notdef_mask() -> bytes:
    """What the font draws for a character it does not have (a private-use code point)."""
    return bytes(_font(12).getmask("\ue000"))


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    """Whether the default font really draws ``char`` rather than its empty-box glyph."""
    if char == " ":
        return True
    return bytes(_font(12).getmask(char)) != _notdef_mask()


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """``char`` as the default font can draw it: itself, an ASCII stand-in, "?" or nothing."""
    if char.isspace():
        return " "
    if _has_glyph(char):
        return char
    if char in _FOLDS:
        return _FOLDS[char]
    category = unicodedata.category(char)
    base = "".join(
        c
        for c in unicodedata.normalize("NFKD", char)
        if not unicodedata.combining(c) and c != char and _has_glyph(c)
    )
    if base:
        return base
    # Letters and digits we cannot show still hold a place; marks, symbols and emoji go.
    return "?" if category[0] in "LN" else ""


def clean_text(text: str, limit: int = MAX_LABEL_CHARS) -> str:
    """``text`` on one line, reduced to characters the default font draws.

    Whitespace of any kind (newlines, no-break spaces) becomes one space, so a label can never
    turn into multi-line text that escapes its box.
    """
    folded = "".join(_fold_char(c) for c in text[:limit])
    return " ".join(folded.split())


def _clamp(value: float) -> float:
    """A value for drawing on a 0-100 scale; NaN and infinities count as 0 or the ends."""
    if math.isnan(value):
        return 0.0
    return max(0.0, min(100.0, value))


def _rgb(colour: int) -> Colour:
    """``0xRRGGBB`` (how bands store colours, as Discord wants them) as Pillow's RGB tuple."""
    return ((colour >> 16) & 0xFF, (colour >> 8) & 0xFF, colour & 0xFF)


def _mix(a: Colour, b: Colour, amount: float) -> Colour:
    """``b`` laid over ``a`` at ``amount`` opacity: a tint without an alpha channel."""
    return cast(Colour, tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True)))


@lru_cache(maxsize=8192)
def _advance(char: str, size: int) -> float:
    """How far one character moves the pen at ``size`` px."""
    return _font(size).getlength(char)


def text_width(text: str, size: int) -> float:
    """Width of ``text`` at ``size`` px, summed from cached advances.

    Pillow's basic layout applies no kerning with the default font, so this is exactly what
    ``getlength`` returns (a test checks it), without loading every glyph again: ``getlength``
    costs about 4 µs a character, and wrapping a long label measures it dozens of times.
    """
    return sum(_advance(char, size) for char in text)


def _fitting_prefix(text: str, size: int, width: float, suffix: str = "") -> int:
    """Length of the longest start of ``text`` that fits ``width`` with ``suffix`` after it."""
    budget = width - text_width(suffix, size)
    used = 0.0
    for index, char in enumerate(text):
        used += _advance(char, size)
        if used > budget:
            return index
    return len(text)


def _ellipsize(text: str, size: int, width: float, *, force: bool = False) -> str:
    """``text`` if it fits ``width``, else its longest start that fits with "…" after it.

    ``force`` adds the ellipsis even when ``text`` fits: it was already cut short.
    """
    if not force and text_width(text, size) <= width:
        return text
    return text[: _fitting_prefix(text, size, width, "…")].rstrip(" ,;:-") + "…"


def _split_long_word(word: str, size: int, width: float, max_pieces: int) -> list[str]:
    """A word wider than the box cut into pieces that fit (long codes, unspaced scripts).

    Stops after ``max_pieces`` pieces; what is left comes last, uncut, to be shortened.
    """
    pieces = []
    while word and len(pieces) < max_pieces:
        cut = max(1, _fitting_prefix(word, size, width))
        pieces.append(word[:cut])
        word = word[cut:]
    if word:
        pieces.append(word)
    return pieces


def wrap(text: str, size: int, width: float, max_lines: int) -> tuple[list[str], bool]:
    """Greedy word wrap at ``size`` px into at most ``max_lines`` lines of ``width`` pixels.

    Returns the lines and whether everything fitted; when it did not, the last line ends in
    "…", so the result can always be drawn as it is.
    """
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size) <= width:
            current = word
        else:
            room = max_lines - len(lines) + 1
            *whole, current = _split_long_word(word, size, width, room)
            lines.extend(whole)
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[:max_lines]
    kept[-1] = _ellipsize(f"{kept[-1]} {lines[max_lines]}", size, width, force=True)
    return kept, False


class _Painter:
    """Draws in card coordinates (1x pixels): shapes supersampled, text straight at 1x.

    Shapes go onto an image :data:`SCALE` times the size, which :meth:`finish` box-reduces;
    text is queued and drawn after the reduction, because FreeType already anti-aliases it and
    drawing it at 1x costs a quarter of the pixels.
    """

    def __init__(self, scale: int) -> None:
        self.scale = scale
        self.image = Image.new("RGB", (WIDTH * scale, HEIGHT * scale), BACKGROUND)
        self.draw = ImageDraw.Draw(self.image)
        self.texts: list[tuple[tuple[float, float], str, int, Colour, str, bool]] = []

    def _box(self, box: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
        s = self.scale
        return (round(box[0] * s), round(box[1] * s), round(box[2] * s) - 1, round(box[3] * s) - 1)

    @staticmethod
    def length(text: str, size: int) -> float:
        """Width of ``text`` in card pixels."""
        return text_width(text, size)

    def rect(self, box: tuple[float, float, float, float], fill: Colour) -> None:
        self.draw.rectangle(self._box(box), fill=fill)

    def pill(self, box: tuple[float, float, float, float], fill: Colour) -> None:
        """A rectangle with fully rounded ends (bars, the band tag)."""
        x0, y0, x1, y1 = self._box(box)
        radius = (y1 - y0 + 1) // 2
        if x1 - x0 + 1 < 2 * radius:  # too short for both caps: a dot
            x1 = x0 + 2 * radius - 1
        self.draw.rounded_rectangle((x0, y0, x1, y1), radius=radius, fill=fill)

    def outline(self, box: tuple[float, float, float, float], colour: Colour) -> None:
        self.draw.rectangle(self._box(box), outline=colour, width=self.scale)

    def arc(
        self,
        centre: tuple[float, float],
        radius: float,
        thickness: float,
        span: tuple[float, float],
        colour: Colour,
    ) -> None:
        """A ring segment with round caps; angles in degrees, clockwise from 3 o'clock."""
        cx, cy = centre
        self.draw.arc(
            self._box((cx - radius, cy - radius, cx + radius, cy + radius)),
            span[0],
            span[1],
            fill=colour,
            width=round(thickness * self.scale),
        )
        middle = radius - thickness / 2
        for angle in span:
            x = cx + middle * math.cos(math.radians(angle))
            y = cy + middle * math.sin(math.radians(angle))
            h = thickness / 2
            self.draw.ellipse(self._box((x - h, y - h, x + h, y + h)), fill=colour)

    def text(
        self,
        xy: tuple[float, float],
        text: str,
        size: int,
        fill: Colour,
        *,
        anchor: str = "ls",
        bold: bool = False,
    ) -> None:
        """Text at ``xy`` (``anchor`` as in Pillow); ``bold`` thickens the one weight we have."""
        self.texts.append((xy, text, size, fill, anchor, bold))

    def finish(self) -> Image.Image:
        """The card at its final size, text included."""
        image = self.image.reduce(self.scale) if self.scale > 1 else self.image
        draw = ImageDraw.Draw(image)
        for (x, y), text, size, fill, anchor, bold in self.texts:
            font = _font(size)
            draw.text((x, y), text, font=font, fill=fill, anchor=anchor)
            if bold:  # a second pass a fraction of a pixel right: faux bold on any Pillow
                draw.text((x + BOLD_OFFSET, y), text, font=font, fill=fill, anchor=anchor)
        return image


def _label_lines(label: str) -> tuple[list[str], int]:
    """The label wrapped at the largest size that fits, shortened at the smallest if need be."""
    width = WIDTH - 2 * MARGIN
    lines: list[str] = []
    for size in LABEL_SIZES:
        lines, fitted = wrap(label, size, width, LABEL_LINES)
        if fitted:
            return lines, size
    return lines, LABEL_SIZES[-1]


def _draw_header(painter: _Painter, label: str) -> None:
    """The question the card answers, then the occupation: what the reader checks first."""
    painter.text((MARGIN, KICKER_BASELINE), KICKER, KICKER_SIZE, FAINT)
    lines, size = _label_lines(label)
    line_height = round(size * LABEL_LINE_HEIGHT)
    for index, line in enumerate(lines):
        baseline = LABEL_BASELINE + index * line_height
        painter.text((MARGIN, baseline), line, size, TEXT, bold=True)


def _draw_gauge(painter: _Painter, score: OccupationScore, accent: Colour) -> None:
    """The score as a half ring in the band colour, the number inside and the band below."""
    overall = _clamp(score.overall)
    painter.arc(GAUGE_CENTRE, GAUGE_RADIUS, GAUGE_THICKNESS, (180, 360), TRACK)
    if overall > 0:
        painter.arc(GAUGE_CENTRE, GAUGE_RADIUS, GAUGE_THICKNESS, (180, 180 + 1.8 * overall), accent)

    cx, cy = GAUGE_CENTRE
    number = str(round(overall))
    out_of = "/100"
    total = painter.length(number, SCORE_SIZE) + OUT_OF_GAP + painter.length(out_of, OUT_OF_SIZE)
    left = cx - total / 2
    baseline = cy - SCORE_RISE
    painter.text((left, baseline), number, SCORE_SIZE, TEXT, bold=True)
    painter.text(
        (left + total - painter.length(out_of, OUT_OF_SIZE), baseline), out_of, OUT_OF_SIZE, MUTED
    )

    tag = clean_text(score.band.label, 40).upper() + " RISK"
    half = painter.length(tag, BAND_SIZE) / 2 + TAG_PADDING
    top = cy + TAG_GAP
    tint = _mix(BACKGROUND, accent, TAG_TINT)
    painter.pill((cx - half, top, cx + half, top + TAG_HEIGHT), tint)
    painter.text((cx, top + TAG_HEIGHT / 2), tag, BAND_SIZE, accent, anchor="mm", bold=True)


def _draw_factors(painter: _Painter, score: OccupationScore) -> None:
    """The three factors behind the score, each a 0-100 bar, so the number is not a black box."""
    for row, name in enumerate(CARD_FACTORS):
        top = BARS_TOP + row * BARS_PITCH
        baseline = top + FACTOR_BASELINE
        value = _clamp(score.factor(name))
        title = FACTORS[name].title
        painter.text((BARS_LEFT, baseline), title, FACTOR_SIZE, MUTED)
        if name == PROTECTIVE_FACTOR:
            note_x = BARS_LEFT + painter.length(title, FACTOR_SIZE) + 8
            painter.text((note_x, baseline), f"({PROTECTIVE_NOTE})", NOTE_SIZE, FAINT)
        value_text = str(round(value))
        painter.text((BARS_RIGHT, baseline), value_text, FACTOR_SIZE, TEXT, anchor="rs", bold=True)
        bar_top = top + BAR_OFFSET
        bar = (BARS_LEFT, bar_top, BARS_RIGHT, bar_top + BAR_HEIGHT)
        painter.pill(bar, TRACK)
        if value > 0:
            fill = PROTECTIVE_BAR if name == PROTECTIVE_FACTOR else RISK_BAR
            right = BARS_LEFT + (BARS_RIGHT - BARS_LEFT) * value / 100
            painter.pill((BARS_LEFT, bar_top, right, bar_top + BAR_HEIGHT), fill)


def _draw_footer(painter: _Painter, data_version: str) -> None:
    """Where the card comes from and what the score is not; the version gives way if long."""
    painter.rect((MARGIN, DIVIDER_Y, WIDTH - MARGIN, DIVIDER_Y + 1), DIVIDER)
    product = texts.PRODUCT
    right_width = painter.length(FOOTER_DISCLAIMER, FOOTER_SIZE)
    painter.text(
        (WIDTH - MARGIN, FOOTER_BASELINE), FOOTER_DISCLAIMER, FOOTER_SIZE, FAINT, anchor="rs"
    )
    painter.text((MARGIN, FOOTER_BASELINE), product, FOOTER_SIZE, TEXT, bold=True)
    version = clean_text(data_version, 120)
    if not version:
        return
    left = MARGIN + painter.length(product, FOOTER_SIZE)
    room = WIDTH - MARGIN - right_width - FOOTER_GAP - left
    shown = _ellipsize(f"  ·  {version}", FOOTER_SIZE, room)
    if shown != "…":
        painter.text((left, FOOTER_BASELINE), shown, FOOTER_SIZE, MUTED)


def render_card(
    score: OccupationScore,
    data_version: str,
    *,
    voice: Voice = ENGLISH,
    name: str | None = None,
) -> bytes:
    """The score card of ``score`` as PNG bytes (:data:`WIDTH` x :data:`HEIGHT`, opaque).

    ``data_version`` names the data in the footer (e.g. "ESCO v1.1.1"). ``voice`` is the
    language of the card's words and ``name`` the occupation's name in it (the English label
    when not given). Never raises on the text it is given; drawing is deterministic, so the
    same inputs give the same bytes.
    """
    accent = _rgb(score.band.colour)
    painter = _Painter(SCALE)
    painter.outline((0, 0, WIDTH, HEIGHT), FRAME)
    painter.rect((0, 0, WIDTH, ACCENT_HEIGHT), accent)
    label = title_case(clean_text(name or score.label)) or FALLBACK_LABEL
    _draw_header(painter, label)
    _draw_gauge(painter, score, accent)
    _draw_factors(painter, score)
    _draw_footer(painter, data_version)
    image = painter.finish().quantize(colors=PALETTE_COLOURS, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="PNG", compress_level=PNG_COMPRESS_LEVEL)
    return out.getvalue()


CacheKey = tuple[str, str, str, str]


class CardCache:
    """Rendered cards: a thread-safe LRU in memory over an optional folder of every card.

    Cards are keyed by (occupation URI, data version, model version). A card depends only on
    the score, and a score only changes with the data release or the model, so a new release
    or model simply misses and old entries age out. Rendering happens outside the lock, so a
    slow render never blocks lookups; if two threads render the same card at once, both get
    the first one stored. A card file that cannot be read or written is rendered again: the
    folder is a cache, never a source of errors.
    """

    def __init__(self, maxsize: int = CACHE_SIZE, directory: Path | None = None) -> None:
        if maxsize < 1:
            msg = f"maxsize must be at least 1, got {maxsize}"
            raise ValueError(msg)
        self.maxsize = maxsize
        self.directory = directory
        self._cards: OrderedDict[CacheKey, bytes] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(score: OccupationScore, data_version: str, language: str = "en") -> CacheKey:
        """The occupation, the data and model versions that produced its score, the language."""
        return (score.uri, data_version, score.model_version, language)

    def get_or_render(
        self,
        score: OccupationScore,
        data_version: str,
        *,
        voice: Voice = ENGLISH,
        name: str | None = None,
    ) -> bytes:
        """The cached card, or the one on disk, or a fresh render that is then kept."""
        key = self.key(score, data_version, voice.language)
        with self._lock:
            cached = self._cards.get(key)
            if cached is not None:
                self._cards.move_to_end(key)
                return cached
        png = self._read(key)
        if png is None:
            png = render_card(score, data_version, voice=voice, name=name)
            self._write(key, png)
        with self._lock:
            cached = self._cards.get(key)
            if cached is not None:
                self._cards.move_to_end(key)
                return cached
            self._cards[key] = png
            while len(self._cards) > self.maxsize:
                self._cards.popitem(last=False)
        return png

    def _path(self, key: CacheKey) -> Path | None:
        if self.directory is None:
            return None
        digest = hashlib.sha256("\n".join((CARD_FORMAT, *key)).encode()).hexdigest()[:32]
        return self.directory / f"{digest}.png"

    def _read(self, key: CacheKey) -> bytes | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        return data if data.startswith(PNG_SIGNATURE) else None

    def _write(self, key: CacheKey, png: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(f".{threading.get_ident()}.part")
            partial.write_bytes(png)
            partial.replace(path)  # readers never see half a card
        except OSError:
            return

    def __len__(self) -> int:
        with self._lock:
            return len(self._cards)

    def __contains__(self, key: object) -> bool:
        with self._lock:
            return key in self._cards

    def clear(self) -> None:
        """Forget every card (tests, or a manual refresh)."""
        with self._lock:
            self._cards.clear()
