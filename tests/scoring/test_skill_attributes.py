from scoring.skill_attributes import attributes_for, group_baseline, is_physical
from tests.scoring.factories import CARE, NEGOTIATE, PROCESS_DATA, SORT, skill


def test_every_attribute_is_within_unit_interval() -> None:
    extreme = skill("enter data", "S2.4", label="enter data", collections=frozenset({"digital"}))
    a = attributes_for(extreme)
    assert 0.0 <= a.susceptibility <= 1.0
    assert 0.0 <= a.routine <= 1.0
    assert 0.0 <= a.complementarity <= 1.0


def test_most_specific_group_rule_wins() -> None:
    negotiating = skill("x", "S1", "S1.1", label="x")
    communication = skill("y", "S1", label="y")
    assert group_baseline(negotiating).susceptibility < group_baseline(communication).susceptibility


def test_unknown_level_three_code_falls_back_to_its_parent() -> None:
    assert group_baseline(skill("x", "S2.2", "S2.2.99", label="x")) == group_baseline(
        skill("y", "S2.2", label="y")
    )


def test_routine_information_skill_is_more_susceptible_than_negotiating() -> None:
    assert attributes_for(PROCESS_DATA).susceptibility > attributes_for(NEGOTIATE).susceptibility


def test_negotiating_is_more_complemented_than_processing_data() -> None:
    assert attributes_for(NEGOTIATE).complementarity > attributes_for(PROCESS_DATA).complementarity


def test_record_verb_raises_routine_over_the_group_baseline() -> None:
    neutral = skill("a", "S2.7", label="consider options")
    recording = skill("b", "S2.7", label="record options")
    assert attributes_for(recording).routine > attributes_for(neutral).routine


def test_information_verb_does_not_apply_to_physical_work() -> None:
    collect_waste = skill("waste", "S6.13", label="collect domestic waste")
    collect_data = skill("data", "S2.4", label="collect data")
    assert is_physical(collect_waste)
    assert (
        attributes_for(collect_waste).susceptibility < attributes_for(collect_data).susceptibility
    )


def test_sorting_goods_is_routine_but_barely_exposed_to_generative_ai() -> None:
    a = attributes_for(SORT)
    assert a.routine > 0.8
    assert a.susceptibility < 0.3


def test_digital_collection_raises_complementarity() -> None:
    plain = skill("a", "S5.6", label="use tool")
    digital = skill("b", "S5.6", label="use tool", collections=frozenset({"digital"}))
    assert attributes_for(digital).complementarity > attributes_for(plain).complementarity


def test_knowledge_routine_is_pulled_to_neutral() -> None:
    as_skill = skill("a", "K04", "K041", "K0415", label="office work")
    as_knowledge = skill("b", "K04", "K041", "K0415", label="office work", skill_type="knowledge")
    assert attributes_for(as_knowledge).routine < attributes_for(as_skill).routine


def test_description_mentioning_patients_raises_complementarity() -> None:
    bare = skill("a", "S3.6", label="help")
    with_people = skill("b", "S3.6", label="help", description="Support patients and their trust.")
    assert attributes_for(with_people).complementarity > attributes_for(bare).complementarity


def test_skill_without_groups_gets_the_neutral_profile() -> None:
    a = attributes_for(skill("x", label="x"))
    assert a.susceptibility == a.routine == a.complementarity == 0.45


def test_care_is_less_susceptible_than_processing_data() -> None:
    assert attributes_for(CARE).susceptibility < attributes_for(PROCESS_DATA).susceptibility
