"""What each factor means, in words the bot's follow-up buttons can show as they are."""

from __future__ import annotations

from dataclasses import dataclass

from scoring.messages import N_


@dataclass(frozen=True, slots=True)
class FactorInfo:
    """Name (the key used everywhere), short title and one-paragraph explanation of a factor."""

    name: str
    title: str
    explanation: str


FACTORS: dict[str, FactorInfo] = {
    info.name: info
    for info in (
        FactorInfo(
            "skill_vulnerability",
            N_("Skill vulnerability"),
            N_(
                "How much of what this job needs - its ESCO skills and knowledge, essential ones "
                "counting more than optional ones - today's AI can already do on its own. "
                "Recording, processing and calculating information scores high; hands-on, "
                "physical and person-to-person skills score low."
            ),
        ),
        FactorInfo(
            "task_automation",
            N_("Task automation"),
            N_(
                "The share of the job's essential day-to-day work that is routine and follows "
                "fixed rules, whether paperwork or tending a machine. Routine work is the easiest "
                "to hand over to software or machines in one piece, so it is where automation "
                "starts."
            ),
        ),
        FactorInfo(
            "ai_complementarity",
            N_("AI complementarity"),
            N_(
                "The share of the job where AI is more likely to help than to replace: work that "
                "needs judgement and responsibility, people, a physical setting, or that uses "
                "digital tools of the trade. A high value lowers the overall risk: AI then makes "
                "the worker faster instead of making the worker unnecessary."
            ),
        ),
    )
}
