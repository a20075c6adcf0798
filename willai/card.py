"""A shareable score card: one occupation's score as a PNG people can post anywhere.

An embed only lives inside Discord; a picture travels (screenshots, other chats, social posts)
and still carries the number, the band, the three factors and what the score is not. The card
speaks the asker's language: every word on it is said through a :class:`scoring.voice.Voice`,
and the occupation's name is the one ESCO gives in that language.

It is drawn in Inter (SIL Open Font License 1.1), which the ``fontpkg-inter`` wheel ships as
package data and :func:`importlib.resources.files` finds; nothing is downloaded at run time.
Pillow's own default font covers only ASCII, which would fold "répétiteur" to "repetiteur";
Inter covers Latin-1 and Latin Extended-A (German, French and Spanish letters, « », „ “, and
the no-break spaces French typography puts before ":" and "?"), Greek and Cyrillic. Its
variable weight axis gives a real bold. Labels come from ESCO data we do not control, so
whatever Inter still lacks is folded to what it draws (a base letter, an ASCII stand-in, "?"
or nothing); should the wheel be missing, the card falls back to Pillow's default font and
folds to ASCII rather than fail. Rendering never raises on odd text: empty, enormous, emoji,
control characters or lone surrogates.

Text is laid out with Pillow's basic layout on every machine, with or without libraqm, so the
same inputs give the same bytes everywhere and widths can be summed from cached advances.

Shapes are drawn at :data:`SCALE` times the size and reduced with a box filter, which
anti-aliases the gauge and bars at a fraction of the cost of a LANCZOS resize; text is
anti-aliased by FreeType either way. :func:`render_card` is pure apart from returning bytes: no
file I/O, no global state other than cached fonts. Pillow keeps the GIL while it draws text, so
the cached font objects are safe to share between threads.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import threading
import unicodedata
from collections import OrderedDict
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import cast

from PIL import Image, ImageDraw, ImageFont

from scoring import FACTORS, OccupationScore
from scoring.messages import N_
from scoring.phrases import title_case
from scoring.voice import ENGLISH, Voice
from willai import texts

log = logging.getLogger(__name__)

#: Final card size in pixels: the 1.91:1 ratio link previews and social cards use.
WIDTH = 800
HEIGHT = 418
#: Supersampling factor: everything is drawn this many times larger, then box-reduced.
SCALE = 2
#: The typeface: the package that ships it, and the variable font file inside it.
FONT_PACKAGE = "fontpkg_inter"
FONT_FILE = "files/Inter[opsz,wght].ttf"
#: Where its weight axis is set for regular and for bold text.
REGULAR_WEIGHT = 400
BOLD_WEIGHT = 700
#: Where bold cannot be drawn from the font (Pillow's default font, or a FreeType without
#: variable fonts): how far right a second pass of the text goes, in pixels.
BOLD_OFFSET = 0.6
#: zlib level for the PNG: 3 saves about 2 ms a card over Pillow's default 6 for ~10% more bytes.
PNG_COMPRESS_LEVEL = 3
#: The card has few colours (slate, grey text, one band colour, teal): a 64-colour palette
#: looks the same, encodes faster, and makes a PNG of ~13 KB instead of ~35 KB, which every
#: answer uploads to Discord.
PALETTE_COLOURS = 64
#: Bumped when the card's look changes, so cards on disk from an older look are not served.
CARD_FORMAT = "card-3"
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

#: Small line above the label saying what the card answers (drawn in capitals).
KICKER = N_("Will AI replace my job?")
#: Label shown when ESCO gives none (or nothing drawable is left).
FALLBACK_LABEL = N_("Unnamed occupation")
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
PROTECTIVE_NOTE = N_("higher = safer")
#: Least space between a factor's name (and note) and its value on the right.
FACTOR_GAP = 16
#: Space between the protective factor's name and its note.
NOTE_GAP = 8
#: Footer wording: short enough to fit beside the product name and data version.
FOOTER_DISCLAIMER = N_("Exposure estimate, not a job-loss probability")

#: Cards kept in memory (~13 KB each). Behind them, a folder keeps every card rendered for a
#: release, so a card is drawn once per release per host: re-rendering evicted cards (~11 ms of
#: the event loop each) was what kept a 400-a-second stream of answers from keeping up.
CACHE_SIZE = 512

#: Spaces that keep their neighbours on one line: French puts them before ":" and "?", and
#: between a guillemet and its word. Kept as they are when the font draws them.
NO_BREAK_SPACES = frozenset("\u00a0\u202f\u2007")

#: Letters a font may lack that Unicode does not decompose into a base letter.
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


@lru_cache(maxsize=1)
def _typeface() -> str | bytes | None:
    """Inter's file, or its bytes when installed zipped; None when the wheel is missing."""
    try:
        resource = files(FONT_PACKAGE).joinpath(FONT_FILE)
        if isinstance(resource, Path):  # a normal install: FreeType maps the file itself
            return str(resource) if resource.is_file() else None
        return resource.read_bytes()
    except (ModuleNotFoundError, OSError):
        log.warning(
            "%s is not installed: score cards fall back to ASCII text (reinstall willai)",
            FONT_PACKAGE,
        )
        return None


def _default_font(size: int) -> Font:
    """Pillow's own scalable font: ASCII only, the last resort."""
    font = ImageFont.load_default(size=size)
    if not isinstance(font, ImageFont.FreeTypeFont):  # only a Pillow built without FreeType
        msg = "the share card needs Pillow with FreeType"
        raise RuntimeError(msg)  # noqa: TRY004 - a missing feature, not a wrong argument
    return font


def _set_axes(font: Font, size: int, bold: bool) -> bool:
    """Set the weight, and the optical size to the pixel size (tighter, crisper large text).

    False where the font or FreeType has no variations: the font stays as it loaded.
    """
    try:
        axes = font.get_variation_axes()
    except OSError:
        return False
    values = []
    for axis in axes:
        name = axis["name"]
        name = name.decode("ascii", "replace") if isinstance(name, bytes) else str(name)
        low, high = axis["minimum"], axis["maximum"]
        if name == "Weight":
            values.append(BOLD_WEIGHT if bold else REGULAR_WEIGHT)
        elif name == "Optical size":
            values.append(max(low, min(high, size)))
        else:
            values.append(axis["default"])
    try:
        font.set_variation_by_axes(values)
    except OSError:
        return False
    return True


@lru_cache(maxsize=1)
def _has_weights() -> bool:
    """Whether bold comes from the font's weight axis (else it is drawn twice, offset)."""
    return _typeface() is not None and _set_axes(_load(12), 12, bold=True)


def _load(size: int) -> Font:
    source = _typeface()
    if source is None:
        return _default_font(size)
    return ImageFont.truetype(
        source if isinstance(source, str) else io.BytesIO(source),
        size,
        layout_engine=ImageFont.Layout.BASIC,
    )


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = False) -> Font:
    """The card's font at ``size`` px (bold from the weight axis); loading costs more than drawing.

    Basic layout on purpose: libraqm, where Pillow finds it, would kern and shape, so widths
    and bytes would depend on the machine.
    """
    font = _load(size)
    if _typeface() is not None:
        _set_axes(font, size, bold=bold and _has_weights())
    return font


def _weighted(size: int, bold: bool) -> Font:
    """The font bold text is drawn and measured with (the regular one where no bold exists)."""
    return _font(size, bold=bold and _has_weights())


@lru_cache(maxsize=1)
def _notdef_mask() -> bytes:
    """What the font draws for a character it does not have.

    Asked with U+FFFF, a noncharacter no font maps (fonts do put glyphs on private-use code
    points: Inter has one at U+E000).
    """
    return bytes(_font(12).getmask("\uffff"))


@lru_cache(maxsize=4096)
def _has_glyph(char: str) -> bool:
    """Whether the font really draws ``char`` rather than its empty-box glyph."""
    if char == " ":
        return True
    return bytes(_font(12).getmask(char)) != _notdef_mask()


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """``char`` as the font can draw it: itself, a stand-in, "?" or nothing."""
    if char in NO_BREAK_SPACES:
        return char if _has_glyph(char) else " "
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category[0] == "C":  # controls, format marks, surrogates, unassigned: nothing to show
        return ""
    if _has_glyph(char):
        return char
    if char in _FOLDS and all(_has_glyph(c) for c in _FOLDS[char]):
        return _FOLDS[char]
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
    """``text`` on one line, reduced to characters the font draws.

    Line breaks, tabs and runs of spaces become one space, so a label can never turn into
    multi-line text that escapes its box; no-break spaces stay (they are what keeps a French
    "?" on its word's line). Decomposed accents are composed first, so "e" and a combining
    acute draw as the one "é" the font has.
    """
    composed = unicodedata.normalize("NFC", text[:limit])
    folded = "".join(_fold_char(c) for c in composed)
    return " ".join(part for part in folded.split(" ") if part).strip(" \u00a0\u202f\u2007")


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
def _advance(char: str, size: int, bold: bool) -> float:
    """How far one character moves the pen at ``size`` px."""
    return _weighted(size, bold).getlength(char)


def text_width(text: str, size: int, *, bold: bool = False) -> float:
    """Width of ``text`` at ``size`` px, summed from cached advances.

    Pillow's basic layout applies no kerning to a font without a legacy kern table (Inter has
    none; its kerning is in GPOS, which only libraqm reads), so this is exactly what
    ``getlength`` returns (a test checks it), without loading every glyph again: ``getlength``
    costs about 4 µs a character, and wrapping a long label measures it dozens of times.
    """
    return sum(_advance(char, size, bold) for char in text)


def _fitting_prefix(
    text: str, size: int, width: float, suffix: str = "", *, bold: bool = False
) -> int:
    """Length of the longest start of ``text`` that fits ``width`` with ``suffix`` after it."""
    budget = width - text_width(suffix, size, bold=bold)
    used = 0.0
    for index, char in enumerate(text):
        used += _advance(char, size, bold)
        if used > budget:
            return index
    return len(text)


def _ellipsize(
    text: str, size: int, width: float, *, force: bool = False, bold: bool = False
) -> str:
    """``text`` if it fits ``width``, else its longest start that fits with "…" after it.

    ``force`` adds the ellipsis even when ``text`` fits: it was already cut short.
    """
    if not force and text_width(text, size, bold=bold) <= width:
        return text
    kept = text[: _fitting_prefix(text, size, width, "…", bold=bold)]
    return kept.rstrip(" ,;:-\u00a0\u202f") + "…"


def _split_long_word(
    word: str, size: int, width: float, max_pieces: int, *, bold: bool = False
) -> list[str]:
    """A word wider than the box cut into pieces that fit (long codes, unspaced scripts).

    Stops after ``max_pieces`` pieces; what is left comes last, uncut, to be shortened.
    """
    pieces = []
    while word and len(pieces) < max_pieces:
        cut = max(1, _fitting_prefix(word, size, width, bold=bold))
        pieces.append(word[:cut])
        word = word[cut:]
    if word:
        pieces.append(word)
    return pieces


def wrap(
    text: str, size: int, width: float, max_lines: int, *, bold: bool = False
) -> tuple[list[str], bool]:
    """Greedy word wrap at ``size`` px into at most ``max_lines`` lines of ``width`` pixels.

    Breaks only at plain spaces, so no-break spaces hold their words together. Returns the
    lines and whether everything fitted; when it did not, the last line ends in "…", so the
    result can always be drawn as it is.
    """
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold=bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size, bold=bold) <= width:
            current = word
        else:
            room = max_lines - len(lines) + 1
            *whole, current = _split_long_word(word, size, width, room, bold=bold)
            lines.extend(whole)
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if len(lines) <= max_lines:
        return lines, True
    kept = lines[:max_lines]
    kept[-1] = _ellipsize(f"{kept[-1]} {lines[max_lines]}", size, width, force=True, bold=bold)
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
    def length(text: str, size: int, *, bold: bool = False) -> float:
        """Width of ``text`` in card pixels."""
        return text_width(text, size, bold=bold)

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
        """Text at ``xy`` (``anchor`` as in Pillow), in the font's bold weight if ``bold``."""
        self.texts.append((xy, text, size, fill, anchor, bold))

    def finish(self) -> Image.Image:
        """The card at its final size, text included."""
        image = self.image.reduce(self.scale) if self.scale > 1 else self.image
        draw = ImageDraw.Draw(image)
        faux_bold = not _has_weights()
        for (x, y), text, size, fill, anchor, bold in self.texts:
            font = _weighted(size, bold)
            draw.text((x, y), text, font=font, fill=fill, anchor=anchor)
            if bold and faux_bold:  # a second pass a fraction of a pixel right
                draw.text((x + BOLD_OFFSET, y), text, font=font, fill=fill, anchor=anchor)
        return image


def _label_lines(label: str) -> tuple[list[str], int]:
    """The label wrapped at the largest size that fits, shortened at the smallest if need be."""
    width = WIDTH - 2 * MARGIN
    lines: list[str] = []
    for size in LABEL_SIZES:
        lines, fitted = wrap(label, size, width, LABEL_LINES, bold=True)
        if fitted:
            return lines, size
    return lines, LABEL_SIZES[-1]


def _said(voice: Voice, message: str, limit: int = 120) -> str:
    """``message`` in the card's language, on one line and in letters the font draws."""
    return clean_text(voice.say(message), limit)


def _draw_header(painter: _Painter, label: str, voice: Voice) -> None:
    """The question the card answers, then the occupation: what the reader checks first."""
    kicker = _ellipsize(_said(voice, KICKER).upper(), KICKER_SIZE, WIDTH - 2 * MARGIN)
    painter.text((MARGIN, KICKER_BASELINE), kicker, KICKER_SIZE, FAINT)
    lines, size = _label_lines(label)
    line_height = round(size * LABEL_LINE_HEIGHT)
    for index, line in enumerate(lines):
        baseline = LABEL_BASELINE + index * line_height
        painter.text((MARGIN, baseline), line, size, TEXT, bold=True)


def _draw_gauge(painter: _Painter, score: OccupationScore, accent: Colour, voice: Voice) -> None:
    """The score as a half ring in the band colour, the number inside and the band below."""
    overall = _clamp(score.overall)
    painter.arc(GAUGE_CENTRE, GAUGE_RADIUS, GAUGE_THICKNESS, (180, 360), TRACK)
    if overall > 0:
        painter.arc(GAUGE_CENTRE, GAUGE_RADIUS, GAUGE_THICKNESS, (180, 180 + 1.8 * overall), accent)

    cx, cy = GAUGE_CENTRE
    number = str(round(overall))
    out_of = "/100"
    number_width = painter.length(number, SCORE_SIZE, bold=True)
    total = number_width + OUT_OF_GAP + painter.length(out_of, OUT_OF_SIZE)
    left = cx - total / 2
    baseline = cy - SCORE_RISE
    painter.text((left, baseline), number, SCORE_SIZE, TEXT, bold=True)
    painter.text(
        (left + total - painter.length(out_of, OUT_OF_SIZE), baseline), out_of, OUT_OF_SIZE, MUTED
    )

    # The band tag may reach from the card's left margin to just short of the factor column.
    widest = 2 * min(cx - MARGIN, BARS_LEFT - FACTOR_GAP - cx) - 2 * TAG_PADDING
    tag = _ellipsize(_said(voice, score.band.title, 60).upper(), BAND_SIZE, widest, bold=True)
    half = painter.length(tag, BAND_SIZE, bold=True) / 2 + TAG_PADDING
    top = cy + TAG_GAP
    tint = _mix(BACKGROUND, accent, TAG_TINT)
    painter.pill((cx - half, top, cx + half, top + TAG_HEIGHT), tint)
    painter.text((cx, top + TAG_HEIGHT / 2), tag, BAND_SIZE, accent, anchor="mm", bold=True)


def _draw_factors(painter: _Painter, score: OccupationScore, voice: Voice) -> None:
    """The three factors behind the score, each a 0-100 bar, so the number is not a black box."""
    note = f"({_said(voice, PROTECTIVE_NOTE, 60)})"
    for row, name in enumerate(CARD_FACTORS):
        top = BARS_TOP + row * BARS_PITCH
        baseline = top + FACTOR_BASELINE
        value = _clamp(score.factor(name))
        value_text = str(round(value))
        room = (
            BARS_RIGHT - BARS_LEFT - painter.length(value_text, FACTOR_SIZE, bold=True) - FACTOR_GAP
        )
        title = _ellipsize(_said(voice, FACTORS[name].title, 80), FACTOR_SIZE, room)
        painter.text((BARS_LEFT, baseline), title, FACTOR_SIZE, MUTED)
        if name == PROTECTIVE_FACTOR:
            note_x = painter.length(title, FACTOR_SIZE) + NOTE_GAP
            if note_x + painter.length(note, NOTE_SIZE) <= room:
                painter.text((BARS_LEFT + note_x, baseline), note, NOTE_SIZE, FAINT)
            else:  # a longer translation: under the bar, the last row's spare space
                under = top + BAR_OFFSET + BAR_HEIGHT + NOTE_SIZE + 2
                shown = _ellipsize(note, NOTE_SIZE, BARS_RIGHT - BARS_LEFT)
                painter.text((BARS_LEFT, under), shown, NOTE_SIZE, FAINT)
        painter.text((BARS_RIGHT, baseline), value_text, FACTOR_SIZE, TEXT, anchor="rs", bold=True)
        bar_top = top + BAR_OFFSET
        bar = (BARS_LEFT, bar_top, BARS_RIGHT, bar_top + BAR_HEIGHT)
        painter.pill(bar, TRACK)
        if value > 0:
            fill = PROTECTIVE_BAR if name == PROTECTIVE_FACTOR else RISK_BAR
            right = BARS_LEFT + (BARS_RIGHT - BARS_LEFT) * value / 100
            painter.pill((BARS_LEFT, bar_top, right, bar_top + BAR_HEIGHT), fill)


def _draw_footer(painter: _Painter, data_version: str, voice: Voice) -> None:
    """Where the card comes from and what the score is not; the version gives way if long."""
    painter.rect((MARGIN, DIVIDER_Y, WIDTH - MARGIN, DIVIDER_Y + 1), DIVIDER)
    product = texts.PRODUCT
    left = MARGIN + painter.length(product, FOOTER_SIZE, bold=True)
    disclaimer = _ellipsize(
        _said(voice, FOOTER_DISCLAIMER), FOOTER_SIZE, WIDTH - MARGIN - FOOTER_GAP - left
    )
    right_width = painter.length(disclaimer, FOOTER_SIZE)
    painter.text((WIDTH - MARGIN, FOOTER_BASELINE), disclaimer, FOOTER_SIZE, FAINT, anchor="rs")
    painter.text((MARGIN, FOOTER_BASELINE), product, FOOTER_SIZE, TEXT, bold=True)
    version = clean_text(data_version, 120)
    if not version:
        return
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
    language of the card's words and ``name`` the occupation's name in it (``Answer.title``;
    the English label when not given). Never raises on the text it is given; drawing is
    deterministic, so the same inputs give the same bytes.
    """
    accent = _rgb(score.band.colour)
    painter = _Painter(SCALE)
    painter.outline((0, 0, WIDTH, HEIGHT), FRAME)
    painter.rect((0, 0, WIDTH, ACCENT_HEIGHT), accent)
    label = title_case(clean_text(name or score.label or "")) or _said(voice, FALLBACK_LABEL)
    _draw_header(painter, label, voice)
    _draw_gauge(painter, score, accent, voice)
    _draw_factors(painter, score, voice)
    _draw_footer(painter, data_version, voice)
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
        found = self.cached(score, data_version, voice.language)
        if found is not None:
            return found
        key = self.key(score, data_version, voice.language)
        png = render_card(score, data_version, voice=voice, name=name)
        self._write(key, png)
        return self._keep(key, png)

    def cached(
        self, score: OccupationScore, data_version: str, language: str = "en"
    ) -> bytes | None:
        """The card if drawn before, in memory or in the folder; None, never drawing one.

        Lets a caller that must not wait for a render (the bot's event loop) tell a card it
        can send at once from one to draw elsewhere.
        """
        key = self.key(score, data_version, language)
        with self._lock:
            found = self._cards.get(key)
            if found is not None:
                self._cards.move_to_end(key)
                return found
        png = self._read(key)
        return None if png is None else self._keep(key, png)

    def _keep(self, key: CacheKey, png: bytes) -> bytes:
        """Remember a card; another thread's copy stored first wins, so all callers agree."""
        with self._lock:
            found = self._cards.get(key)
            if found is not None:
                self._cards.move_to_end(key)
                return found
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
