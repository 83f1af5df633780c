"""Streamlit glue: cached loaders, the shared sidebar filters, and error display.

This is the only module of lermap that imports streamlit; pages call into it.
"""

from __future__ import annotations

import hashlib
import html
import logging
import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

from lermap import filters, schema
from lermap.dataset import Dataset, LoadResult, data_dir, load_dataset
from lermap.filters import FilterSpec
from lermap.load import fingerprint
from lermap.problems import Problem

log = logging.getLogger("lermap")

# Session-state key under which the Data page keeps a visitor's uploaded dataset.
UPLOADED_DATASET_KEY = "uploaded_dataset"
_NOTICES_KEY = "_url_notices"


@dataclass(frozen=True)
class _MultiFilter:
    """A sidebar multiselect: spec field, URL parameter (= widget key), options and wording."""

    field: str
    key: str
    label: str
    options: tuple[str, ...]
    placeholder: str
    help: str
    only_nonzero_counts: bool = False


# The shared multiselect filters, in sidebar order; the URL parameter names are a public contract.
_MULTI = (
    _MultiFilter("roles", "role", "Stakeholder group (role)", tuple(schema.STAKEHOLDER_GROUPS), "All groups",
                 "Matches an organization's primary and secondary groups. "
                 + " ".join(f"**{c.id}**: {c.label}." for c in schema.STAKEHOLDER_GROUPS.values())),
    _MultiFilter("areas", "area", "Key action area", tuple(schema.ACTION_AREAS), "All action areas",
                 " ".join(f"**{c.id}**: {c.label}." for c in schema.ACTION_AREAS.values())),
    _MultiFilter("states", "state", "Headquarters state", tuple(schema.US_STATES), "All states",
                 "Two-letter U.S. state code, where a source gives the headquarters' location.",
                 only_nonzero_counts=True),
)  # fmt: skip


# One dataset object shared by every session (cache_resource), not a fresh copy per rerun
# (cache_data unpickles its value on every call: about 6% of a rerun, and the indicator matrices
# cached on the object were rebuilt each time). Pages only read it; tests/app/test_shared_dataset.py
# runs every page and checks that the shared frames come out unchanged.
@st.cache_resource(show_spinner="Loading the dataset…", max_entries=4)
def _load(directory: str, stamp: tuple, approval: tuple = ()) -> LoadResult:
    """Read and validate once per directory and file state (`stamp` changes when a file does).

    `approval` is (store, latest approval id) once anything is approved: a new approval reloads.
    """
    result = _load_with_contributions(Path(directory)) if approval else load_dataset(Path(directory))
    if result.dataset is not None:  # built once here rather than by the first sessions at the same time
        _ = result.dataset.group_matrix, result.dataset.area_matrix
    return result


def load_result() -> LoadResult:
    """The dataset of this session: an upload if the visitor made one, else the data directory."""
    uploaded = st.session_state.get(UPLOADED_DATASET_KEY)
    if uploaded is not None:
        return uploaded
    directory = data_dir()
    return _load(str(directory), fingerprint(directory), approval_stamp())


def show_problems(problems: list[Problem], *, limit: int = 50) -> None:
    """List data problems as `file:row:column: message` lines."""
    lines = [str(p) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"… and {len(problems) - limit} more (run `python -m lermap validate` for all)")
    st.code("\n".join(lines), language=None, wrap_lines=True)


def dataset() -> Dataset:
    """The current dataset; stops the page with the problems when there is none."""
    try:
        result = load_result()
    except Exception:  # an unexpected failure must not show a traceback to a visitor
        log.exception("loading the dataset failed")
        st.error("The dataset could not be loaded because of an unexpected error; it has been logged.")
        st.stop()
    if result.dataset is None:
        st.error("The dataset could not be loaded. Fix these problems and reload the page:")
        show_problems(result.problems)
        st.stop()
    if result.problems:
        with st.expander(f"{len(result.problems)} data problem(s): affected rows are left out", expanded=False,
                         icon=":material/warning:"):  # fmt: skip
            show_problems(result.problems)
    return result.dataset


def _url_values(name: str) -> list[str]:
    try:
        return [v for v in st.query_params.get_all(name) if v != ""]
    except Exception:  # query params are unavailable outside a running app
        return []


def _collect_url_notices(ds: Dataset) -> None:
    """Record unknown values in the URL before the widgets drop them, to tell the visitor."""
    notices = st.session_state.setdefault(_NOTICES_KEY, {})
    for spec in _MULTI:
        if spec.key in st.session_state:
            continue  # the widget already owns this parameter
        _known, unknown = filters.split_known(_url_values(spec.key), spec.options)
        if unknown:
            notices[spec.key] = unknown
    org = _url_values("org")
    if org and "org" not in st.session_state and org[0] not in ds.organizations.index:
        notices["org"] = org[:1]


def url_notices() -> None:
    """Show (once per visit) which URL values were not understood."""
    notices = st.session_state.get(_NOTICES_KEY) or {}
    if not notices:
        return
    words = {"role": "stakeholder group", "area": "action area", "state": "state", "org": "organization"}
    parts = [words[k] + " " + ", ".join(f"'{md(v)}'" for v in vs) for k, vs in notices.items()]
    st.warning("Ignored unknown value(s) in the link: " + "; ".join(parts) + ".", icon=":material/warning:")
    if st.button("Dismiss", key="dismiss_url_notice"):
        st.session_state[_NOTICES_KEY] = {}
        st.rerun()


def _current_spec() -> FilterSpec:
    def values(spec: _MultiFilter) -> list[str]:
        if spec.key in st.session_state:
            return list(st.session_state[spec.key] or [])
        return filters.split_known(_url_values(spec.key), spec.options)[0]

    q = st.session_state.get("q") if "q" in st.session_state else (_url_values("q") or [""])[0]
    return FilterSpec.of(*(values(spec) for spec in _MULTI), q=q or "")


def _clear_filters() -> None:
    for spec in _MULTI:
        st.session_state[spec.key] = []
    st.session_state["q"] = ""
    st.session_state[_NOTICES_KEY] = {}


def _facet_caption(counts: dict[str, int], *, only_nonzero: bool = False) -> str:
    items = [(k, n) for k, n in counts.items() if n or not only_nonzero]
    return " · ".join(f"{k} **{n}**" for k, n in items) or "none"


@st.cache_resource(max_entries=256, show_spinner=False)  # shared, read-only: every page shows them
def _facet_counts(_ds: Dataset, token: str, spec: FilterSpec) -> dict[str, dict[str, int]]:
    return filters.facet_counts(_ds, spec)


def filter_sidebar(ds: Dataset) -> FilterSpec:
    """The shared filters, bound to the URL; returns the spec the page should apply."""
    _collect_url_notices(ds)
    counts = _facet_counts(ds, ds.token, _current_spec())
    with st.sidebar:
        st.markdown("### Filters")
        st.caption("Options combine with OR inside a filter and AND across filters. Counts show matches.")
        chosen = {}
        for spec in _MULTI:
            chosen[spec.field] = st.multiselect(
                spec.label,
                options=list(spec.options),
                key=spec.key,
                bind="query-params",
                placeholder=spec.placeholder,
                help=spec.help,
            )
            st.caption(_facet_caption(counts[spec.field], only_nonzero=spec.only_nonzero_counts))
        q = st.text_input(
            "Search",
            key="q",
            bind="query-params",
            placeholder="Name, description or tag",
            help="Case- and accent-insensitive; close spellings also match.",
        )
        st.button("Clear filters", on_click=_clear_filters, icon=":material/filter_alt_off:")
        url_notices()
    return FilterSpec.of(**chosen, q=q or "")


def escape(text: object) -> str:
    """HTML-escape any text from data or users before it is put into markup."""
    return html.escape("" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text))


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|>~:$])")


def md(text: object) -> str:
    """Text from data or users made inert for st.markdown: HTML escaped, Markdown syntax escaped."""
    plain = "" if text is None or (isinstance(text, float) and pd.isna(text)) else str(text)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(plain, quote=False))


_CONTEXT_KEY = "_page_context"


def set_context(ds: Dataset, spec: FilterSpec) -> None:
    """Called by app.py once per run, before the page runs."""
    st.session_state[_CONTEXT_KEY] = (ds, spec)


def _ensure_app_navigation() -> None:
    """Make a deep link (e.g. /organizations) run through app.py's st.navigation.

    Streamlit keeps a legacy mode for apps with a `pages/` folder: until some session has run
    st.navigation, a URL naming a file in pages/ runs that file alone, without app.py (no
    navigation, page config or shared filters). Leaving that mode and rerunning makes the
    main script run and resolve the same page through st.navigation.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def context() -> tuple[Dataset, FilterSpec]:
    """The dataset and the shared filter spec for the page being run."""
    _ensure_app_navigation()
    if _CONTEXT_KEY not in st.session_state:  # a page run on its own: build it here
        ds = dataset()
        set_context(ds, filter_sidebar(ds))
    return st.session_state[_CONTEXT_KEY]


def static_url(path: str) -> str:
    """The URL path of a file in the app's static/ folder, under the server's base path if any."""
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + "/".join(p for p in (base, "app/static", path) if p)


def _theme_type() -> str:
    """'light' or 'dark': the theme the visitor's browser shows."""
    try:
        return st.context.theme.type or "light"
    except Exception:  # no browser context (tests, scripts)
        return "light"


_DARK_THEME_CSS = """
<style>
  /* Streamlit writes white text on primary buttons; on the dark theme's light-blue primary colour
     that falls below 4.5:1, so primary buttons get the dark background colour as text instead. */
  button[data-testid^="stBaseButton-primary"], button[data-testid^="stBaseButton-primary"] p { color: #0E1117; }
</style>
"""


# Streamlit marks its root with .streamlit-embedded under ?embed=true; scoped to that class, the
# rule is inert everywhere else. (The server-side flag st.context.is_embedded is not yet known on
# a session's first run, so CSS keyed on the page itself is the reliable switch.)
_EMBED_CSS = """
<style>
  .streamlit-embedded section[data-testid="stSidebar"],
  .streamlit-embedded [data-testid="stSidebarCollapsedControl"],
  .streamlit-embedded [data-testid="stExpandSidebarButton"] { display: none !important; }
  /* No header in an embed: the view starts at the top of the host's frame. */
  .streamlit-embedded [data-testid="stMainBlockContainer"] { padding-top: 1.5rem; }
</style>
"""


def embed_mode() -> None:
    """In an embed, show the one view the link names: the sidebar (filters included) is hidden,
    while its widgets still run so the link's filters apply."""
    st.markdown(_EMBED_CSS, unsafe_allow_html=True)


def theme_fixes() -> None:
    """Contrast fixes that depend on the visitor's theme (called once per run by app.py)."""
    if _theme_type() == "dark":
        st.markdown(_DARK_THEME_CSS, unsafe_allow_html=True)


def plotly_config() -> dict:
    """Plotly config: geometry served from our own host, no logo, a PNG download button."""
    return {
        "displaylogo": False,
        "topojsonURL": static_url("topojson/"),
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
        "toImageButtonOptions": {"format": "png", "scale": 2},
    }


# Built and styled figures, shared by every session (cache_resource): a room that opens the same
# view builds each chart once. Plotly's property validation made building and styling the six
# Overview charts about a third of that page's server time. The key is a digest of the pickled
# data (values, index, column names and dtypes: equal digests mean equal data), 20 times cheaper
# than Streamlit's own hashing of a frame. st.plotly_chart only reads a figure (it serializes a copy).
@st.cache_resource(max_entries=512, show_spinner=False)
def _styled_figure(kind: str, _build, data_digest: str, _data: pd.DataFrame, theme: str, present: bool):
    from lermap.charts import outline_for, value_label_room

    figure = outline_for(_build(_data), theme)
    if present:  # read from the back of a room
        figure.update_layout(font_size=PRESENT_FONT_SIZE, hoverlabel_font_size=PRESENT_FONT_SIZE)
        # Streamlit's chart template sets axis fonts of its own; enlarge them explicitly.
        figure.update_xaxes(tickfont_size=PRESENT_FONT_SIZE - 2, title_font_size=PRESENT_FONT_SIZE)
        figure.update_yaxes(tickfont_size=PRESENT_FONT_SIZE - 2, title_font_size=PRESENT_FONT_SIZE)
        figure.update_traces(textfont_size=PRESENT_FONT_SIZE, selector=dict(type="bar"))
        # Room on the right for the enlarged value labels drawn past the longest bar.
        room = max(10, value_label_room(figure, PRESENT_FONT_SIZE))
        figure.update_layout(height=int((figure.layout.height or 400) * 1.15), margin_r=room)
    return figure


def chart(build, data: pd.DataFrame, table: pd.DataFrame, *, title: str, caption: str, key: str) -> None:
    """The chart `build(data)` (a lermap.charts function) with its title, a plain-language caption
    and a table alternative."""
    st.markdown(f"#### {escape(title)}")
    digest = hashlib.blake2b(pickle.dumps(data, protocol=5), digest_size=16).hexdigest()
    kind = f"{build.__module__}.{build.__qualname__}"
    figure = _styled_figure(kind, build, digest, data, _theme_type(), presenting())
    st.plotly_chart(figure, config=plotly_config(), key=key, width="stretch")
    st.caption(caption)
    # The table alternative is a real HTML table (read by screen readers as one), built only when
    # its expander is opened: six data grids mounted in closed expanders cost a visitor's browser
    # about a fifth of the Overview's load.
    box = st.expander(f"Table: {title}", key=f"{key}_table", on_change="rerun")
    with box:
        if box.open:
            st.table(table, hide_index=True)


def selected_org(ds: Dataset) -> str:
    """The organization id in the URL's `org` parameter, if it names one of the dataset."""
    values = _url_values("org")
    return values[0] if values and values[0] in ds.organizations.index else ""


def select_org(org_id: str) -> None:
    """Open (or with '' close) an organization's profile by setting the URL's `org` parameter."""
    if org_id:
        st.query_params["org"] = org_id
    elif "org" in st.query_params:
        del st.query_params["org"]


def link(url: str, text: str | None = None) -> str:
    """A Markdown link to an http(s) URL from data; anything else is shown as inert text."""
    if not re.match(r"^https?://", url or "", re.IGNORECASE):
        return md(url)
    label = md(text if text is not None else re.sub(r"^https?://(www\.)?", "", url).rstrip("/"))
    return f"[{label}]({url.replace(' ', '%20').replace(')', '%29').replace('(', '%28')})"


CARDS_PER_PAGE = 24


def org_cards(orgs: pd.DataFrame) -> None:
    """Organizations as cards: name, group badge, action areas, short description, profile button."""
    from lermap import directory

    pages = max(1, -(-len(orgs) // CARDS_PER_PAGE))
    page = 1
    if pages > 1:
        page = st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, value=1, key="cards_page")
    chunk = orgs.iloc[(page - 1) * CARDS_PER_PAGE : page * CARDS_PER_PAGE]
    columns = st.columns(3)
    for position, (org_id, org) in enumerate(chunk.iterrows()):
        with columns[position % 3].container(border=True):
            st.markdown(f"**{md(org['name'])}**")
            st.html(directory.group_badge(org["primary_group"]))
            areas = ", ".join(schema.area_label(a) for a in org["action_areas"]) or "no action area tagged"
            st.caption(areas)
            description = org["description"]
            st.markdown(md(description if len(description) <= 130 else description[:127].rsplit(" ", 1)[0] + " …"))
            st.button("Open profile", key=f"card_{org_id}", on_click=select_org, args=(org_id,), type="tertiary")


def export_buttons(ds: Dataset, spec: FilterSpec, orgs: pd.DataFrame, rels: pd.DataFrame) -> None:
    """Download buttons: organizations as CSV, Excel and JSON; relationships as CSV.

    Files are built only when a button is clicked (deferred data), not on every rerun.
    """
    from lermap import directory, export

    frame = directory.export_frame(orgs)
    meta = export.provenance(ds.source, spec.describe(), len(frame))
    rel_meta = export.provenance(ds.source, spec.describe(), len(rels), "relationships")
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    downloads = (
        ("Organizations (CSV)", lambda: export.to_csv(frame, meta), "lermap-organizations.csv", "text/csv"),
        ("Organizations (Excel)", lambda: export.to_xlsx(frame, meta), "lermap-organizations.xlsx", xlsx),
        ("Organizations (JSON)", lambda: export.to_json(frame, meta), "lermap-organizations.json", "application/json"),
        ("Relationships (CSV)", lambda: export.to_csv(rels, rel_meta), "lermap-relationships.csv", "text/csv"),
    )
    for column, (label, build, filename, mime) in zip(st.columns(len(downloads)), downloads, strict=True):
        column.download_button(label, build, filename, mime, icon=":material/download:", on_click="ignore")
    shown = "all of them, no filter" if spec.is_empty else f"filtered by {md(spec.describe())}"
    st.caption(f"Exports hold the {len(frame)} organizations shown ({shown}), with a provenance header.")


# --- Your own data and contributions: the Data, Suggest a change and Moderation pages ---

import hmac  # noqa: E402
import os  # noqa: E402

from sqlalchemy.engine import Engine  # noqa: E402

from lermap import contributions, store  # noqa: E402

READ_ONLY_ENV = "LERMAP_READ_ONLY"
ADMIN_PASSWORD_ENV = "LERMAP_ADMIN_PASSWORD"
_STORE_CONNECTION = "contributions"
_MIGRATED: set[int] = set()


def read_only() -> bool:
    """True when LERMAP_READ_ONLY is set: no contribution or moderation pages."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes")


def _secret(*path: str):
    """A value from .streamlit/secrets.toml, or None (also when there is no secrets file)."""
    try:
        value = st.secrets
        for key in path:
            value = value[key]
        return value
    except Exception:  # no secrets file, or no such key
        return None


def admin_password() -> str:
    """The configured admin password ('' when moderation is off)."""
    return os.environ.get(ADMIN_PASSWORD_ENV) or str(_secret("admin_password") or "")


def check_admin_password(given: str) -> bool:
    """Compare in constant time with the configured password; False when none is configured."""
    expected = admin_password()
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


def _store_settings() -> tuple[str | None, dict]:
    """The URL to pass to st.connection (None: secrets hold the parameters) and engine options."""
    secret = _secret("connections", _STORE_CONNECTION)
    if secret is not None and "url" not in secret:
        return None, {"pool_pre_ping": True}
    url = store.normalise_url(str(secret["url"]) if secret is not None else store.store_url())
    return url, store.engine_options(url)


def contributions_engine() -> Engine:
    """The contributions store through st.connection("contributions", type="sql"), migrated."""
    url, options = _store_settings()
    if url is None:
        connection = st.connection(_STORE_CONNECTION, type="sql", **options)
    else:
        if url.startswith("sqlite:///"):
            Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        connection = st.connection(_STORE_CONNECTION, type="sql", url=url, **options)
    engine = connection.engine
    if id(engine) not in _MIGRATED:
        store.configure(engine)
        store.migrate(engine)
        _MIGRATED.add(id(engine))
    return engine


def _store_exists() -> bool:
    url, _options = _store_settings()
    return url is None or not url.startswith("sqlite:///") or Path(url.removeprefix("sqlite:///")).exists()


def approval_stamp() -> tuple:
    """(store URL, latest approval id), or () when nothing is approved or the store is unreachable."""
    if not _store_exists():  # a visitor who only reads must not create a database file
        return ()
    try:
        engine = contributions_engine()
        latest = store.latest_approval(engine)
    except Exception:  # the map must still open when the store is down
        log.exception("reading the contributions store failed")
        return ()
    return (str(engine.url), latest) if latest else ()


def _load_with_contributions(directory: Path) -> LoadResult:
    return contributions.load_with_contributions(directory, store.approved(contributions_engine()))


def unknown_url_value(name: str, allowed: list[str]) -> str:
    """The value of URL parameter `name` if it is not in `allowed`, read before a page widget claims it."""
    if name in st.session_state:
        return ""  # the page's widget already owns the parameter
    values = _url_values(name)
    return values[0] if values and values[0] not in allowed else ""


def ignored_url_values(name: str) -> list[str]:
    """Values of a shared filter parameter ('role', 'area', 'state') that the sidebar ignored as unknown."""
    return list((st.session_state.get(_NOTICES_KEY) or {}).get(name, []))


@st.cache_resource(max_entries=2)  # RawTables hold schema objects, which do not pickle; read-only use
def _content_tables(directory: str, stamp: tuple) -> dict:
    from lermap.load import read_table

    return {table.name: read_table(Path(directory), table) for table in schema.CONTENT_TABLES}


def content_tables() -> dict:
    """The map content tables of the data directory (groups, areas, stages...), for uploads."""
    directory = data_dir()
    return _content_tables(str(directory), fingerprint(directory))


def use_upload(result: LoadResult | None) -> None:
    """Explore `result` in every page of this session (None: back to the shared data)."""
    if result is None:
        st.session_state.pop(UPLOADED_DATASET_KEY, None)
    else:
        st.session_state[UPLOADED_DATASET_KEY] = result


def session_id() -> str:
    """A random id for this browser session, stored with its submissions."""
    import uuid

    return st.session_state.setdefault("_lermap_session_id", uuid.uuid4().hex)


def shared_result() -> LoadResult:
    """The dataset every visitor sees (the data directory with approved contributions), never an upload."""
    directory = data_dir()
    return _load(str(directory), fingerprint(directory), approval_stamp())


_SUBMITTED_AT_KEY = "_submission_times"


def submit_contribution(kind: str, target: str, row: dict[str, str], problems: list[Problem], submitter: str) -> bool:
    """Store a checked suggestion, within the session's rate limit; shows the outcome. True if stored."""
    import time

    if problems:
        st.error("Please fix these and submit again:", icon=":material/error:")
        st.code("\n".join(f"{p.column}: {p.message}" for p in problems), language=None, wrap_lines=True)
        return False
    times = st.session_state.setdefault(_SUBMITTED_AT_KEY, [])
    if contributions.rate_limited(times, time.time()):
        minutes = contributions.RATE_WINDOW // 60
        st.error(
            f"You have sent {contributions.RATE_LIMIT} suggestions in the last {minutes} minutes; "
            "please wait a little before sending more."
        )
        return False
    try:
        number = store.submit(
            contributions_engine(), kind, target, row, submitter=submitter[: contributions.SUBMITTER_LIMIT],
            session=session_id(),
        )  # fmt: skip
    except Exception:
        log.exception("storing a contribution failed")
        st.error("Your suggestion could not be saved because of an unexpected error; it has been logged.")
        return False
    times.append(time.time())
    st.success(f"Thank you: suggestion #{number} is waiting for a moderator.", icon=":material/check_circle:")
    return True


# --- Presentation mode and tours -------------------------------------------------------------

_PRESENTING_KEY = "_presenting"
_TOUR_GOTO_KEY = "_tour_goto"
PRESENT_FONT_SIZE = 20

_PRESENT_CSS = """
<style>
  html { font-size: 19px; }
  section[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stExpandSidebarButton"], header[data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stDecoration"] { display: none !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100%; padding: 1.5rem 3rem 2rem 3rem; }
  h1 { font-size: 2.4rem !important; }
</style>
"""


def presenting() -> bool:
    """Whether presentation mode is on (?present=1, or switched on earlier in this session)."""
    if st.session_state.get(_PRESENTING_KEY):
        return True
    return (_url_values("present") or ["0"])[0].lower() in ("1", "true", "yes")


def _set_presenting(on: bool) -> None:
    st.session_state[_PRESENTING_KEY] = on
    if on:
        st.query_params["present"] = "1"
    elif "present" in st.query_params:
        del st.query_params["present"]


def _toggle_presenting() -> None:
    _set_presenting(bool(st.session_state.get("present_toggle")))


def presentation_controls() -> bool:
    """Apply presentation mode (bigger type, no sidebar or menu) and draw its switch; True when on."""
    on = presenting()
    if on:
        st.session_state[_PRESENTING_KEY] = True
        if (_url_values("present") or [""])[0] != "1":
            st.query_params["present"] = "1"  # keep it in the URL across page switches
        st.markdown(_PRESENT_CSS, unsafe_allow_html=True)
        st.button(
            "Exit presentation",
            on_click=_set_presenting,
            args=(False,),
            icon=":material/close_fullscreen:",
            shortcut="Esc",
            help="Leave presentation mode (Esc). The filters stay as they are.",
        )
    else:
        st.sidebar.toggle(
            "Presentation mode",
            value=False,
            key="present_toggle",
            on_change=_toggle_presenting,
            help="Large type, no sidebar or menu, for screen-sharing. The link gains ?present=1.",
        )
    return on


def _go_to_step(tour, index: int) -> None:
    """Callback of the tour buttons: set the step's filters now, switch page in the next run."""
    step = tour.steps[index]
    st.session_state["role"] = list(step.role)
    st.session_state["area"] = list(step.area)
    st.session_state["state"] = list(step.state)
    st.session_state["q"] = step.q
    for key, value in step.params.items():
        st.session_state[key] = value
    st.session_state[_TOUR_GOTO_KEY] = (tour.id, index)


def _switch_to_step(tour, index: int) -> None:
    """Open a tour step's page. Filters were set through session state (bound parameters cannot be
    set in the URL by code); tour, step, presentation and unbound page parameters go in the URL."""
    from streamlit.errors import StreamlitAPIException

    page = f"pages/{_page_file(tour.steps[index].page)}.py"
    params = tour.query(index, present=presenting())
    own = {k: v for k, v in params.items() if k in ("tour", "step", "present")}
    try:
        st.switch_page(page, query_params={**own, **tour.steps[index].params})
    except StreamlitAPIException:  # a page parameter is bound to a widget: its session state carries it
        st.switch_page(page, query_params=own)


@st.cache_data(show_spinner=False)
def _load_tours(directory: str, org_ids: tuple[str, ...]):
    from lermap.tours import load_tours

    return load_tours(Path(directory), set(org_ids))


def tours(ds: Dataset) -> dict:
    """The tours of the data directory (problems are shown on the Tours page)."""
    return _load_tours(str(data_dir()), tuple(ds.organizations.index))[0]


def tour_problems(ds: Dataset) -> list[Problem]:
    return _load_tours(str(data_dir()), tuple(ds.organizations.index))[1]


def tour_bar(ds: Dataset) -> None:
    """When the URL names a tour step (?tour=ID&step=N): the step's talking point and Back/Next."""
    goto = st.session_state.pop(_TOUR_GOTO_KEY, None)
    if goto is not None:
        _switch_to_step(tours(ds)[goto[0]], goto[1])
    tour_id = (_url_values("tour") or [""])[0]
    if not tour_id:  # most runs: no tour, nothing to load
        return
    tour = tours(ds).get(tour_id)
    step_text = (_url_values("step") or ["1"])[0]
    if tour is None or not step_text.isdigit() or not 1 <= int(step_text) <= len(tour.steps):
        st.warning(f"Unknown tour step in the link ({md(tour_id)}, step {md(step_text)}).", icon=":material/warning:")
        return
    index = int(step_text) - 1
    step = tour.steps[index]
    with st.container(border=True, key="tour_bar"):
        st.markdown(f"**{md(tour.title)}** · step {index + 1} of {len(tour.steps)}: **{md(step.title)}**")
        st.markdown(md(step.talking_point))
        back, forward, _rest = st.columns([1, 1, 4])
        back.button(
            "Back",
            icon=":material/arrow_back:",
            shortcut="Left",
            disabled=index == 0,
            on_click=_go_to_step,
            args=(tour, index - 1),
            key="tour_back",
            help="Previous step (←)",
        )
        forward.button(
            "Next",
            icon=":material/arrow_forward:",
            shortcut="Right",
            disabled=index == len(tour.steps) - 1,
            on_click=_go_to_step,
            args=(tour, index + 1),
            key="tour_next",
            help="Next step (→)",
        )


def _page_file(url_path: str) -> str:
    """The pages/ module of a url path ('action-areas' -> 'action_areas')."""
    return url_path.replace("-", "_")


def start_tour(tour, present: bool) -> None:
    """Callback: go to a tour's first step, optionally in presentation mode."""
    if present:
        _set_presenting(True)
    _go_to_step(tour, 0)


# --- Network map glue (pages/network.py) ---


# One model per dataset object, shared by every session, like the dataset itself. With
# st.cache_data every Network rerun unpickled the graph, its positions and its metrics, and
# hashed the organizations to key them. Pages only read it (network.scene takes a subgraph
# view); tests/app/test_shared_dataset.py checks the network page leaves it unchanged.
@st.cache_resource(show_spinner="Laying out the network…", max_entries=4)
def _network_model(_ds: Dataset, token: str):
    from lermap import network

    full = network.build(_ds, hubs=network.HUB_KINDS)
    return full, network.layout(full), network.metrics(full)


def network_model(ds: Dataset):
    """The full graph (with every hub), its fixed positions and its metrics: once per dataset."""
    return _network_model(ds, ds.token)
