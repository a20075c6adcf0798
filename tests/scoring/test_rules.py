from scoring import rules


def test_every_group_rule_has_values_in_range_and_a_reason() -> None:
    for code, rule in rules.GROUP_RULES.items():
        p = rule.profile
        for value in (p.susceptibility, p.routine, p.complementarity):
            assert 0.0 <= value <= 1.0, code
        assert rule.reason.strip(), code


def test_every_text_rule_has_a_reason() -> None:
    for rule in (*rules.LABEL_RULES, *rules.DESCRIPTION_RULES):
        assert rule.reason.strip()


def test_level_zero_fallbacks_exist_for_every_pillar() -> None:
    assert {"S", "K", "T", "L"} <= set(rules.GROUP_RULES)
