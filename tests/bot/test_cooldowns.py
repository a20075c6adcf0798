from bot.cooldowns import PerUserCooldown


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_first_use_is_allowed():
    assert PerUserCooldown(10, Clock()).retry_after(1) == 0.0


def test_a_second_use_within_the_window_says_how_long_to_wait():
    clock = Clock()
    cooldown = PerUserCooldown(10, clock)
    cooldown.retry_after(1)
    clock.now += 4
    assert cooldown.retry_after(1) == 6.0


def test_a_refused_use_does_not_restart_the_wait():
    clock = Clock()
    cooldown = PerUserCooldown(10, clock)
    cooldown.retry_after(1)
    clock.now += 4
    cooldown.retry_after(1)
    clock.now += 6
    assert cooldown.retry_after(1) == 0.0


def test_other_users_are_not_held_back():
    cooldown = PerUserCooldown(10, Clock())
    cooldown.retry_after(1)
    assert cooldown.retry_after(2) == 0.0


def test_users_whose_window_passed_are_forgotten():
    clock = Clock()
    cooldown = PerUserCooldown(10, clock)
    for user in range(100):
        cooldown.retry_after(user)
        clock.now += 0.05
    clock.now += 10 - 0.05 * 50
    assert len(cooldown) == 50


def test_zero_seconds_means_no_cooldown():
    cooldown = PerUserCooldown(0, Clock())
    cooldown.retry_after(1)
    assert cooldown.retry_after(1) == 0.0
    assert len(cooldown) == 0
