"""A stand-in report for project filings: figures a test sets, drafts that cite them."""

from dataclasses import dataclass, field

import pytest

from apps.narratives import registry
from apps.narratives.figures import Ref, Source
from tests.project_evaluations.builders import valid_filing

TOPICS = ("goals", "funding", "completion", "benefit", "missed", "conclusion", "spent")


@dataclass
class StandIn:
    """What the stand-in's data says now; a test changes `values` to change the data."""

    values: dict[str, str] = field(
        default_factory=lambda: {"executed": "32", "budget": "32", "rate": "100%"}
    )
    executed: object = None

    def sources(self, filing) -> dict[str, Source]:
        labels = {"executed": "全年执行数", "budget": "全年预算数", "rate": "执行率"}
        return {key: Source(labels[key], shown) for key, shown in self.values.items() if shown}

    def draft(self, filing, topic, sources):
        if topic == "funding":
            return [
                [
                    "本项目全年预算数",
                    Ref("budget"),
                    "万元，全年执行数",
                    Ref("executed"),
                    "万元。预算执行率",
                    Ref("rate"),
                    "。",
                ],
                ["资金按规定使用。"],
            ]
        if topic == "completion":
            return [["全年执行数", Ref("executed"), "万元，完成年度任务。"]]
        return []


@pytest.fixture
def stand_in(world):
    """Register the stand-in for kind "project" for the test, then put back what was there."""
    data = StandIn()
    before = registry.report_kind("project")
    registry.register(
        registry.ReportKind(
            filing_kind="project",
            topics={topic: topic for topic in TOPICS},
            sources=data.sources,
            draft=data.draft,
            names=lambda filing: {"year": "2023", "department": "甲县信访局", "project": "P"},
            executed=lambda filing: data.executed,
        )
    )
    yield data
    if before is not None:
        registry.register(before)
    else:
        registry.unregister("project")


@pytest.fixture
def report_filing(world, stand_in):
    """Project A1's evaluation saved without findings, its report not yet written."""
    return valid_filing(world.project_a1, by=world.filer_a1)
