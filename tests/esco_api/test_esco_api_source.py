import pytest

from esco_api import is_api_source, parse_source


def test_bare_source_means_latest() -> None:
    assert parse_source("esco-api") == (None,)


def test_version_is_taken_from_the_suffix() -> None:
    assert parse_source("esco-api:v1.2.0") == ("v1.2.0",)


def test_version_without_v_is_normalised() -> None:
    assert parse_source("ESCO-API:1.2.1") == ("v1.2.1",)


def test_latest_keyword_means_discover() -> None:
    assert parse_source("esco-api:latest") == (None,)


def test_malformed_version_is_rejected() -> None:
    with pytest.raises(ValueError, match="not an ESCO version"):
        parse_source("esco-api:newest")


def test_other_sources_are_not_api_sources() -> None:
    assert not is_api_source("/data/esco/v1.2.0")
    with pytest.raises(ValueError, match="not an ESCO web-service source"):
        parse_source("https://example.org/esco.zip")
