from scoring.similar import Neighbourhood, essential_sets, neighbours
from tests.scoring.factories import (
    ASSISTANT,
    CARER,
    CLERK,
    OCCUPATIONS,
    SKILLS,
    SUPERVISOR,
)


def test_closest_neighbour_shares_most_essential_skills() -> None:
    close = neighbours(essential_sets(OCCUPATIONS, SKILLS))
    assert close[CLERK.uri][0].uri == SUPERVISOR.uri
    assert close[CLERK.uri][0].shared == 3


def test_occupation_is_not_its_own_neighbour() -> None:
    close = neighbours(essential_sets(OCCUPATIONS, SKILLS))
    assert all(n.uri != uri for uri, ns in close.items() for n in ns)


def test_pairs_sharing_fewer_than_two_essential_skills_are_not_neighbours() -> None:
    close = neighbours(essential_sets(OCCUPATIONS, SKILLS))
    assert CARER.uri not in {n.uri for n in close[CLERK.uri]}


def test_neighbours_are_ordered_by_similarity() -> None:
    close = neighbours(essential_sets(OCCUPATIONS, SKILLS))[ASSISTANT.uri]
    sims = [n.similarity for n in close]
    assert sims == sorted(sims, reverse=True)


def test_a_limit_keeps_the_closest_neighbours_and_breaks_ties_by_uri() -> None:
    hood = Neighbourhood(essential_sets(OCCUPATIONS, SKILLS))
    # The carer and the clerk share two skills each with the assistant: equally close.
    assert [n.uri for n in hood.of(ASSISTANT.uri, 2)] == [SUPERVISOR.uri, CARER.uri]


def test_an_occupation_outside_the_neighbourhood_has_no_neighbours() -> None:
    assert Neighbourhood(essential_sets(OCCUPATIONS, SKILLS)).of("o:elsewhere") == ()
