"""The one source of truth: tables, columns, allowed ids, labels, help texts and colours.

Everything else (validation, filters, charts, the network legend, the docs) reads from here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType


@dataclass(frozen=True)
class Choice:
    """An allowed id with its human label, a one-line help text and a colour."""

    id: str
    label: str
    help: str
    colour: str


def _by_id(*choices: Choice) -> Mapping[str, Choice]:
    return MappingProxyType({c.id: c for c in choices})


# Colours: Paul Tol's "muted" qualitative scheme, designed to stay distinguishable
# under the common forms of colour-vision deficiency. Charts draw a dark outline
# round every mark so light colours keep 3:1 contrast against the background.
STAKEHOLDER_GROUPS: Mapping[str, Choice] = _by_id(
    Choice(
        "learners-earners",
        "Learners & Earners",
        "People of any age learning and working, who hold and share their records.",
        "#CC6677",
    ),
    Choice(
        "employers",
        "Employers",
        "Organizations that pay for work and can hire and promote on verified skills.",
        "#332288",
    ),
    Choice(
        "credentialing-organizations",
        "Credentialing Organizations",
        "Schools, colleges, training providers and others that issue credentials.",
        "#DDCC77",
    ),
    Choice(
        "ler-technology-providers",
        "LER Technology Providers",
        "Builders of the tools that issue, store, share and verify LERs.",
        "#117733",
    ),
    Choice(
        "hr-systems",
        "HR Systems",
        "HR software and the professionals who recruit and develop staff with it.",
        "#88CCEE",
    ),
    Choice(
        "career-navigators",
        "Career Navigators",
        "Advisers, workforce boards and coaches who guide people to opportunity.",
        "#882255",
    ),
    Choice(
        "data-standards-organizations",
        "Data Standards Organizations",
        "Communities that write the open standards LERs are built on.",
        "#44AA99",
    ),
    Choice(
        "governance",
        "Governance",
        "Governments, accreditors and networks that set policy and frameworks.",
        "#999933",
    ),
    Choice(
        "funders",
        "Funders",
        "Foundations and sponsors that finance LER work.",
        "#AA4499",
    ),
    Choice(
        "supporting-systems",
        "Supporting Systems",
        "Researchers, advocates and intermediaries promoting economic mobility.",
        "#8C8C8C",
    ),
)

ACTION_AREAS: Mapping[str, Choice] = _by_id(
    Choice(
        "promoting",
        "Promoting Adoption",
        "Show the advantages of LERs and build data-driven value propositions.",
        "#E69F00",
    ),
    Choice(
        "building",
        "Building Employer Demand",
        "Scale issuing and help employers integrate and value LERs.",
        "#0072B2",
    ),
    Choice(
        "gathering",
        "Gathering Data on Impact",
        "Collect evidence that LERs open opportunities and improve processes.",
        "#009E73",
    ),
    Choice(
        "supporting",
        "Supporting Degree and Skills Based Systems",
        "Recognise learning from both degrees and granular skills.",
        "#CC79A7",
    ),
)

JOURNEY_STAGES: Mapping[str, Choice] = _by_id(
    Choice("developing", "Developing", "Researching & creating the LER solutions", "#4477AA"),
    Choice("issuing", "Issuing", "Issuing verifiable LERs to learners & earners", "#66CCEE"),
    Choice(
        "using",
        "Using",
        "Learners and earners using LERs to discover & access opportunities",
        "#228833",
    ),
    Choice(
        "adopting",
        "Adopting",
        "Integrating systems & behaviors that accept LERs for opportunities",
        "#CCBB44",
    ),
)

RELATIONS: Mapping[str, Choice] = _by_id(
    Choice("partner_of", "Partner of", "Works together with on a named initiative.", "#4477AA"),
    Choice("member_of", "Member of", "Is a member of a coalition, network or body.", "#228833"),
    Choice("funded_by", "Funded by", "Receives funding from.", "#AA3377"),
    Choice("founded_by", "Founded by", "Was founded or launched by.", "#CCBB44"),
    Choice(
        "steering_committee_of",
        "Steering committee of",
        "Sits on the steering committee of.",
        "#EE6677",
    ),
    Choice(
        "uses_standard",
        "Uses standard of",
        "Implements an open standard published by.",
        "#66CCEE",
    ),
    Choice(
        "authored_with",
        "Authored with",
        "Co-authored a specification, report or map with.",
        "#BBBBBB",
    ),
)

# Relations that read the same in both directions.
SYMMETRIC_RELATIONS = frozenset({"partner_of", "authored_with"})

RESOURCE_CATEGORIES: tuple[str, ...] = (
    "General Information About LERs",
    "On Employment, Workforce and Governance",
    "On Learning and Advocacy",
    "On Technology, Data Standards, and Solutions",
)

US_STATES: Mapping[str, str] = MappingProxyType(
    {
        "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas",
        "CA": "California", "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware",
        "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia", "HI": "Hawaii",
        "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
        "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland",
        "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota", "MS": "Mississippi",
        "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
        "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
        "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
        "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
        "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah",
        "VT": "Vermont", "VA": "Virginia", "WA": "Washington", "WV": "West Virginia",
        "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
    }
)  # fmt: skip

LIST_SEPARATOR = ";"
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
TAG_PATTERN = ID_PATTERN
COUNTRY_PATTERN = r"^[A-Z]{2}$"

# A CSV over this size is refused before it is parsed.
MAX_FILE_BYTES = 20 * 1024 * 1024
# Uploads through the Data page: the size matches server.maxUploadSize in .streamlit/config.toml.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, whether it must be filled, and its meaning."""

    name: str
    description: str
    required: bool = True  # the column must be present in the file
    nonempty: bool = False  # every cell must be filled
    kind: str = "text"  # text | id | ids | url | state | country | int | choice
    choices: Mapping[str, Choice] | None = None
    unique: bool = False


@dataclass(frozen=True)
class Table:
    """A CSV file of the dataset."""

    name: str
    filename: str
    description: str
    columns: tuple[Column, ...]
    optional_file: bool = False
    key: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


ORGANIZATIONS = Table(
    "organizations",
    "organizations.csv",
    "One row per organization active in the LER ecosystem, with the page its facts come from.",
    (
        Column("id", "Kebab-case identifier, unique.", nonempty=True, kind="id", unique=True),
        Column("name", "The organization's name.", nonempty=True),
        Column(
            "primary_group",
            "The stakeholder group that best describes its role.",
            nonempty=True,
            kind="choice",
            choices=STAKEHOLDER_GROUPS,
        ),
        Column(
            "secondary_groups",
            "Other stakeholder groups it belongs to, ';'-separated.",
            kind="ids",
            choices=STAKEHOLDER_GROUPS,
        ),
        Column(
            "action_areas",
            "Key action areas its cited work shows, ';'-separated.",
            kind="ids",
            choices=ACTION_AREAS,
        ),
        Column("description", "One sentence in the project's own words.", nonempty=True),
        Column("tags", "Topic tags, ';'-separated kebab-case.", required=False, kind="tags"),
        Column("website", "Home page (http or https).", kind="url"),
        Column("hq_state", "Two-letter U.S. state of its headquarters, when a source gives it.", kind="state"),
        Column("country", "ISO 3166 two-letter country code, when a source gives it.", kind="country"),
        Column("source_url", "The page its facts were read from.", nonempty=True, kind="url"),
        Column("notes", "Provenance notes.", required=False),
        Column(
            "provenance",
            "Where the row came from: 'curated' (default) or 'contributed'.",
            required=False,
        ),
    ),
    key=("id",),
)  # fmt: skip

RELATIONSHIPS = Table(
    "relationships",
    "relationships.csv",
    "Directed, sourced relationships between organizations.",
    (
        Column("source_id", "The organization the relation starts from.", nonempty=True, kind="org"),
        Column("target_id", "The organization it points to.", nonempty=True, kind="org"),
        Column("relation", "The kind of relation.", nonempty=True, kind="choice", choices=RELATIONS),
        Column("source_url", "The page that states the relation.", nonempty=True, kind="url"),
        Column("notes", "Context for the relation.", required=False),
    ),
    key=("source_id", "target_id", "relation"),
)  # fmt: skip

STAKEHOLDER_GROUPS_TABLE = Table(
    "stakeholder_groups",
    "stakeholder_groups.csv",
    "The 10 stakeholder groups of the LER Ecosystem Map.",
    (
        Column("id", "Group id.", nonempty=True, kind="choice", choices=STAKEHOLDER_GROUPS, unique=True),
        Column("name", "Group name.", nonempty=True),
        Column("definition", "Definition from the map.", nonempty=True),
        Column("examples", "Examples from the map.", nonempty=True),
        Column("quote_text", "A quote from the map (may be empty).", required=True),
        Column("quote_attribution", "Who said it.", required=True),
        Column("icon_alt", "Alt text of the map's icon.", required=True),
    ),
    key=("id",),
)  # fmt: skip

ACTION_AREAS_TABLE = Table(
    "action_areas",
    "action_areas.csv",
    "The four key action areas.",
    (
        Column("id", "Area id.", nonempty=True, kind="choice", choices=ACTION_AREAS, unique=True),
        Column("title", "Area title.", nonempty=True),
        Column("description", "What the area is about.", nonempty=True),
    ),
    key=("id",),
)  # fmt: skip

JOURNEY_STAGES_TABLE = Table(
    "journey_stages",
    "journey_stages.csv",
    "The four stages of the LER journey.",
    (
        Column("id", "Stage id.", nonempty=True, kind="choice", choices=JOURNEY_STAGES, unique=True),
        Column("title", "Stage title.", nonempty=True),
        Column("subheader", "What happens at this stage.", nonempty=True),
    ),
    key=("id",),
)  # fmt: skip

GROUP_STAGE_ROLES = Table(
    "group_stage_roles",
    "group_stage_roles.csv",
    "Each group's roles in each journey stage.",
    (
        Column("group_id", "Group id.", nonempty=True, kind="choice", choices=STAKEHOLDER_GROUPS),
        Column("stage_id", "Stage id.", nonempty=True, kind="choice", choices=JOURNEY_STAGES),
        Column("position", "Order within the stage.", nonempty=True, kind="int"),
        Column("role", "The role, as the map states it.", nonempty=True),
    ),
    key=("group_id", "stage_id", "position"),
)  # fmt: skip

GROUP_AREA_ACTIONS = Table(
    "group_area_actions",
    "group_area_actions.csv",
    "Each group's actions in each key action area.",
    (
        Column("group_id", "Group id.", nonempty=True, kind="choice", choices=STAKEHOLDER_GROUPS),
        Column("area_id", "Area id.", nonempty=True, kind="choice", choices=ACTION_AREAS),
        Column("position", "Order within the area.", nonempty=True, kind="int"),
        Column("action", "The action, as the map states it.", nonempty=True),
    ),
    key=("group_id", "area_id", "position"),
)  # fmt: skip

VALUE_CASES = Table(
    "value_cases",
    "value_cases.csv",
    "Business and social value cases per group.",
    (
        Column("group_id", "Group id.", nonempty=True, kind="choice", choices=STAKEHOLDER_GROUPS),
        Column("kind", "'business' or 'social'.", nonempty=True, kind="choice",
               choices=_by_id(Choice("business", "Business case", "", "#000000"),
                              Choice("social", "Social case", "", "#000000"))),
        Column("position", "Order within the kind.", nonempty=True, kind="int"),
        Column("title", "Short title.", nonempty=True),
        Column("description", "The case, as the map states it.", nonempty=True),
    ),
    key=("group_id", "kind", "position"),
)  # fmt: skip

RESOURCES = Table(
    "resources",
    "resources.csv",
    "Resources listed by the map.",
    (
        Column("id", "Kebab-case id.", nonempty=True, kind="id", unique=True),
        Column("category", "The map's category.", nonempty=True),
        Column("title", "Title.", nonempty=True),
        Column("author", "Author(s) as the map names them.", required=True),
        Column("url", "Link (may be empty where the map gives none).", kind="url"),
    ),
    key=("id",),
)  # fmt: skip

RESOURCE_AUTHORS = Table(
    "resource_authors",
    "resource_authors.csv",
    "Which organizations of the dataset authored each resource, matched from the map's author names.",
    (
        Column("resource_id", "Resource id.", nonempty=True, kind="id"),
        Column("organization_id", "Organization id.", nonempty=True, kind="org"),
    ),
    key=("resource_id", "organization_id"),
)  # fmt: skip

GLOSSARY = Table(
    "glossary",
    "glossary.csv",
    "Glossary terms of the map.",
    (
        Column("id", "Kebab-case id, used in ?term=.", nonempty=True, kind="id", unique=True),
        Column("term", "The term.", nonempty=True),
        Column("definition", "Its definition.", nonempty=True),
    ),
    key=("id",),
)  # fmt: skip

# Map-content tables written by `python -m lermap import-v2`.
CONTENT_TABLES: tuple[Table, ...] = (
    STAKEHOLDER_GROUPS_TABLE,
    ACTION_AREAS_TABLE,
    JOURNEY_STAGES_TABLE,
    GROUP_STAGE_ROLES,
    GROUP_AREA_ACTIONS,
    VALUE_CASES,
    RESOURCES,
    RESOURCE_AUTHORS,
    GLOSSARY,
)
TABLES: tuple[Table, ...] = (ORGANIZATIONS, RELATIONSHIPS, *CONTENT_TABLES)
TABLES_BY_NAME: Mapping[str, Table] = MappingProxyType({t.name: t for t in TABLES})


def group_label(group_id: str) -> str:
    """Human label of a stakeholder group id (the id itself if unknown)."""
    choice = STAKEHOLDER_GROUPS.get(group_id)
    return choice.label if choice else group_id


def area_label(area_id: str) -> str:
    """Human label of an action area id (the id itself if unknown)."""
    choice = ACTION_AREAS.get(area_id)
    return choice.label if choice else area_id


def relation_label(relation: str) -> str:
    """Human label of a relation id (the id itself if unknown)."""
    choice = RELATIONS.get(relation)
    return choice.label if choice else relation
