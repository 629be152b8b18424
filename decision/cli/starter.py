"""The files ``decision init`` writes: a small, commented project that runs.

The example is deliberately generic (a community centre's opening hours) so
that nothing in it reads as anyone's real case; every file says what to
replace. Paths are relative to the project folder, in the order written.
"""

from __future__ import annotations

__all__ = ["STARTER_FILES"]

_SETTINGS = """\
# Settings of the appraisal. docs/PROJECT.md describes every key.
name: Opening hours of the community centre
# The stakeholder groups whose feedback is the evidence, in the order tables
# show them. Equal-voice pooling gives each group the same say.
groups:
  - id: residents
    label: Residents
    description: People who use the centre
  - id: staff
    label: Staff
    description: People who run the centre
scoring:
  prior_strength: 1.0      # Beta(a, a) prior on each cell; a pseudo-comments per side
  pooling: equal_voice     # equal_voice | raw
  none_statements: ignore  # ignore | penalise
  sum_tolerance: 3.0       # percentage points either side of 100 before a section is flagged
methods:
  topsis_normalization: vector   # vector | minmax
  vikor_v: 0.5
random_index: saaty1980
"""

_THEMES = """\
# The themes the feedback was coded into. A theme is neutral: whether a
# comment counts for or against an option comes from the category it was
# given under (advantages/benefits for, disadvantages/risks against).
themes:
  - id: access
    label: Being able to use the centre when it suits people
  - id: running_cost
    label: Cost of staffing, heating and lighting the building
  - id: staff_wellbeing
    label: Workload and wellbeing of the people who run the centre
  - id: nothing_identified
    label: No point made
    kind: none   # "nothing identified" statements; never mapped to a criterion
"""

_CRITERIA = """\
# The criteria the options are appraised against, and the map from themes to
# criteria. Every theme is either mapped to exactly one criterion or listed
# under out_of_scope with the reason.
goal:
  id: best_hours
  name: Best opening hours for the community centre
criteria:
  - id: access
    name: Access
    direction: benefit   # benefit: higher is better
    definition: How well the hours fit the times people want to use the centre.
  - id: cost
    name: Running cost
    direction: cost      # cost: a higher score is a heavier burden
    definition: How much the hours add to the cost of running the building.
  - id: wellbeing
    name: Staff wellbeing
    direction: benefit
    definition: How well the hours protect the workload and wellbeing of staff.
mapping:
  access: access
  running_cost: cost
  staff_wellbeing: wellbeing
out_of_scope:
  nothing_identified: Records that a group made no point; it carries no evidence.
"""

_EVIDENCE = """\
# The themed feedback: one section per option x group x category.
#   comments: how many comments the section had (null if not known)
#   items:    the share of those comments (percent) on each theme
sections:
  - {option: 1, stakeholder: residents, category: advantages, comments: 10, items: [
      {theme: running_cost, percent: 60},
      {theme: staff_wellbeing, percent: 40}]}
  - {option: 1, stakeholder: residents, category: disadvantages, comments: 20, items: [
      {theme: access, percent: 100}]}
  - {option: 1, stakeholder: staff, category: advantages, comments: 8, items: [
      {theme: staff_wellbeing, percent: 75},
      {theme: running_cost, percent: 25}]}
  - {option: 2, stakeholder: residents, category: advantages, comments: 24, items: [
      {theme: access, percent: 100}]}
  - {option: 2, stakeholder: residents, category: risks, comments: 5, items: [
      {theme: running_cost, percent: 100}]}
  - {option: 2, stakeholder: staff, category: disadvantages, comments: 12, items: [
      {theme: staff_wellbeing, percent: 50},
      {theme: running_cost, percent: 50}]}
  - {option: 3, stakeholder: residents, category: advantages, comments: 15, items: [
      {theme: access, percent: 80},
      {theme: running_cost, percent: 20}]}
  - {option: 3, stakeholder: staff, category: benefits, comments: 6, items: [
      {theme: staff_wellbeing, percent: 50},
      {theme: access, percent: 50}]}
  - {option: 3, stakeholder: staff, category: risks, comments: null, items: [
      {theme: nothing_identified, percent: null, count: null, coded: analyst, note: no risks identified}]}
"""

_CONTEXT = """\
# The decision and the options. The options are declared here; the evidence
# and the agreed points refer to them by number.
decision:
  subject: Community centre opening hours
  decision_forum: Management committee
  decision_due: 2030-01
options:
  - {id: 1, short: Keep current hours, description: The centre keeps its weekday daytime hours}
  - {id: 2, short: Add evenings, description: The centre also opens three evenings a week}
  - {id: 3, short: Weekend instead, description: One weekday closes and the centre opens on Saturday}
# Who was consulted and how (optional detail for the report).
stakeholders: []
"""

_WEIGHTS = """\
# One weight set. Add more files here (each one is a separate ranking);
# decision elicit writes them from people's judgements.
name: equal
label: Equal weights
provenance: assumed
provenance_note: Every criterion weighs the same, as a starting point before anyone is asked.
source:
  kind: direct
  weights: {access: 1, cost: 1, wellbeing: 1}
"""

#: Relative path -> text of each file ``decision init`` writes.
STARTER_FILES: dict[str, str] = {
    "appraisal.yaml": _SETTINGS,
    "criteria/themes.yaml": _THEMES,
    "criteria/criteria.yaml": _CRITERIA,
    "criteria/evidence.yaml": _EVIDENCE,
    "criteria/context.yaml": _CONTEXT,
    "weights/equal.yaml": _WEIGHTS,
}
