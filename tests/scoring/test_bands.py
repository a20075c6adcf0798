import pytest

from scoring import Band, band_for


@pytest.mark.parametrize(
    ("overall", "band"),
    [
        (0, Band.LOW),
        (24, Band.LOW),
        (25, Band.MODERATE),
        (44, Band.MODERATE),
        (45, Band.HIGH),
        (57, Band.HIGH),
        (69, Band.HIGH),
        (70, Band.VERY_HIGH),
        (100, Band.VERY_HIGH),
    ],
)
def test_band_thresholds(overall: int, band: Band) -> None:
    assert band_for(overall) is band


def test_band_follows_the_displayed_integer() -> None:
    assert band_for(44.6) is Band.HIGH


def test_high_band_headline_is_not_replacement_level() -> None:
    assert Band.HIGH.headline == "high risk, but not a replacement-level threat"


def test_very_high_band_is_the_replacement_level_band() -> None:
    assert Band.VERY_HIGH.label == "very high"
    assert "replacement-level threat" in Band.VERY_HIGH.headline


def test_every_band_has_a_distinct_rgb_colour() -> None:
    colours = [band.colour for band in Band]
    assert len(set(colours)) == len(colours)
    assert all(0 <= c <= 0xFFFFFF for c in colours)


def test_band_from_label_round_trips() -> None:
    for band in Band:
        assert Band.from_label(band.label) is band


def test_unknown_band_label_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown band"):
        Band.from_label("extreme")
