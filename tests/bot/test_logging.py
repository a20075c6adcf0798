"""Debug logs never hand out interaction tokens unless the operator asks for payloads."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest

from bot import WillaiBot
from bot.launcher import PAYLOAD_LOGGERS, setup_logging
from tests.fake_discord import FakeDiscord
from willai.settings import Settings


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    levels = {name: logging.getLogger(name).level for name in PAYLOAD_LOGGERS}
    yield
    root.handlers[:], root.level = handlers, level
    for name, old in levels.items():
        logging.getLogger(name).setLevel(old)


def test_debug_keeps_payload_loggers_at_info(
    make_settings: Callable[..., Settings], restore_logging: None
) -> None:
    setup_logging(make_settings(log_level="DEBUG"))
    assert all(logging.getLogger(name).level == logging.INFO for name in PAYLOAD_LOGGERS)


def test_payload_logging_is_an_explicit_opt_in(
    make_settings: Callable[..., Settings], restore_logging: None
) -> None:
    setup_logging(make_settings(log_level="DEBUG", log_discord_payloads=True))
    assert all(logging.getLogger(name).level == logging.DEBUG for name in PAYLOAD_LOGGERS)


async def test_an_answered_interaction_leaves_no_token_in_debug_logs(
    fake_discord: FakeDiscord,
    make_bot: Callable[..., WillaiBot],
    make_settings: Callable[..., Settings],
    caplog: pytest.LogCaptureFixture,
    restore_logging: None,
) -> None:
    setup_logging(make_settings(log_level="DEBUG"))
    caplog.set_level(logging.DEBUG)
    async with fake_discord.run_bot(make_bot()):
        rec = await fake_discord.interact_command("willai", {"job": "occ:roofer"})
        await rec.wait_final()
    assert rec.token not in caplog.text
    assert any(r.levelno == logging.DEBUG for r in caplog.records)  # DEBUG logging did run
