"""Plotly figure builders. Each takes a small counts table (lermap.counts) and returns a Figure.

Colours come from lermap.schema only. Every mark gets a dark outline so light palette colours
keep their contrast against the background.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from lermap import counts, schema

# Outlines that keep every mark at 3:1 or more against the theme's background (WCAG 1.4.11).
OUTLINE_COLOURS = {"light": "#333333", "dark": "#E0E0E0"}
OUTLINE = dict(color=OUTLINE_COLOURS["light"], width=1)
FONT_FAMILY = "Source Sans Pro, Arial, sans-serif"
THIN_MESSAGE = "thin: the ecosystem needs more actors here"


def style(fig: go.Figure, *, height: int = 380, font_size: int = 14) -> go.Figure:
    """Shared layout: readable font, tight margins, no Plotly logo text."""
    fig.update_layout(
        height=height,
        margin=dict(l=10, r=max(10, value_label_room(fig, font_size)), t=10, b=10),
        font=dict(family=FONT_FAMILY, size=font_size),
        hoverlabel=dict(font_size=font_size),
        plot_bgcolor="rgba(0,0,0,0)",
        paper_bgcolor="rgba(0,0,0,0)",
        showlegend=False,
    )
    return fig


def value_label_room(fig: go.Figure, font_size: float) -> int:
    """Pixels to keep right of the plot for value labels drawn outside horizontal bars.

    Plotly does not count text outside the plot area (cliponaxis=False) when it lays out margins,
    so without this room the longest bar's label is cut at the figure's edge.
    """
    labels = [str(v) for trace in fig.data if trace.type == "bar" and trace.orientation == "h"
              and trace.textposition == "outside" and trace.text is not None for v in trace.text]  # fmt: skip
    longest = max((len(label) for label in labels), default=0)
    return round(0.6 * font_size * longest + 8) if longest else 0


def outline_for(figure: go.Figure, theme: str) -> go.Figure:
    """Recolour bar outlines for the light or dark theme."""
    figure.update_traces(marker_line_color=OUTLINE_COLOURS.get(theme, OUTLINE_COLOURS["light"]),
                         selector=dict(type="bar"))  # fmt: skip
    return figure


def _hbar(labels, values, colours: list[str], hover: str, **bar: object) -> go.Figure:
    """Horizontal bars with the shared look: outlined marks, value labels outside the bars."""
    fig = go.Figure(
        go.Bar(
            x=values,
            y=labels,
            orientation="h",
            marker=dict(color=colours, line=OUTLINE),
            hovertemplate=hover,
            text=values,
            textposition="outside",
            cliponaxis=False,
            **bar,
        )
    )
    return fig


def by_group(table: pd.DataFrame) -> go.Figure:
    """Horizontal bars: organizations per stakeholder group, one colour per group."""
    table = table.sort_values("Organizations")
    colours = [schema.STAKEHOLDER_GROUPS[g].colour for g in table["group_id"]]
    fig = _hbar(
        table["Stakeholder group"],
        table["Organizations"],
        colours,
        "<b>%{y}</b><br>%{x} organizations<br>%{customdata[0]} as primary group, "
        "%{customdata[1]} as a secondary group<extra></extra>",
        customdata=table[["Primary", "Secondary"]],
    )
    fig.update_xaxes(title="Organizations", rangemode="tozero")
    return style(fig)


def by_area(table: pd.DataFrame) -> go.Figure:
    """Horizontal bars: organizations per key action area (labels stay readable, never rotated)."""
    table = table.iloc[::-1]
    colours = [schema.ACTION_AREAS[a].colour for a in table["area_id"]]
    fig = _hbar(table["Action area"].map(_wrap), table["Organizations"], colours,
                "<b>%{y}</b><br>%{x} organizations<extra></extra>")  # fmt: skip
    fig.update_xaxes(title="Organizations", rangemode="tozero")
    return style(fig)


def _wrap(label: str, width: int = 18) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(lines)


def coverage_heatmap(matrix: pd.DataFrame, thin: int = counts.THIN_CELL) -> go.Figure:
    """Group x action area heatmap; thin cells are marked in the hover and the cell text."""
    notes = matrix.map(lambda n: THIN_MESSAGE if n <= thin else "")
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=[_wrap(c) for c in matrix.columns],
            y=list(matrix.index),
            customdata=notes.values,
            colorscale="Blues",
            text=matrix.map(lambda n: f"{n}{' ⚠' if n <= thin else ''}").values,
            texttemplate="%{text}",
            hovertemplate="<b>%{y}</b> in <b>%{x}</b><br>%{z} organizations<br>%{customdata}<extra></extra>",
            colorbar=dict(title="Orgs"),
            xgap=2,
            ygap=2,
        )
    )
    fig.update_yaxes(autorange="reversed")
    return style(fig, height=440)


def state_map(table: pd.DataFrame) -> go.Figure:
    """U.S. choropleth of organizations by headquarters state (Plotly's state geometry)."""
    # The colour bar lies under the map rather than beside it, so the map has the chart's width.
    # Counts: the scale starts at 0, with whole-number ticks when there are only a few.
    top = max(1, int(table["Organizations"].max())) if len(table) else 1
    colorbar = dict(title=dict(text="Organizations", side="top"), orientation="h", len=0.6, thickness=12,
                    x=0.5, xanchor="center", y=0, yanchor="top", dtick=1 if top <= 5 else None)  # fmt: skip
    fig = go.Figure(
        go.Choropleth(
            locations=table["state"],
            z=table["Organizations"],
            locationmode="USA-states",
            colorscale="Blues",
            marker_line=dict(color="#333333", width=0.5),
            text=table["State"],
            hovertemplate="<b>%{text}</b><br>%{z} organizations<extra></extra>",
            zmin=0,
            zmax=top,
            colorbar=colorbar,
        )
    )
    fig.update_layout(geo=dict(scope="usa", bgcolor="rgba(0,0,0,0)", lakecolor="rgba(0,0,0,0)"))
    return style(fig, height=300)


def by_relation(table: pd.DataFrame) -> go.Figure:
    """Bars: relationships per relation type."""
    table = table.sort_values("Relationships")
    colours = [schema.RELATIONS[r].colour for r in table["relation"]]
    fig = _hbar(table["Relation"], table["Relationships"], colours, "<b>%{y}</b><br>%{x} relationships<extra></extra>")
    fig.update_xaxes(title="Relationships", rangemode="tozero")
    return style(fig, height=320)


def most_connected(table: pd.DataFrame) -> go.Figure:
    """Bars: the most connected organizations, coloured by their primary group."""
    table = table.iloc[::-1]
    group_ids = [next(g.id for g in schema.STAKEHOLDER_GROUPS.values() if g.label == label)
                 for label in table["Stakeholder group"]]  # fmt: skip
    fig = _hbar(
        [html.escape(name) for name in table["Organization"]],
        table["Relationships"],
        [schema.STAKEHOLDER_GROUPS[g].colour for g in group_ids],
        "<b>%{y}</b><br>%{customdata[0]}<br>%{x} relationships<extra></extra>",
        customdata=table[["Stakeholder group"]],
    )
    fig.update_xaxes(title="Relationships", rangemode="tozero")
    return style(fig, height=max(220, 34 * len(table) + 60))


def roles_matrix(matrix: pd.DataFrame) -> go.Figure:
    """Groups x journey stages heatmap of how many roles the map gives each group (guide.roles_matrix)."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix.values,
            x=list(matrix.columns),
            y=list(matrix.index),
            colorscale="Greens",
            text=matrix.values,
            texttemplate="%{text}",
            hovertemplate="<b>%{y}</b> at <b>%{x}</b>: %{z} roles in the map<extra></extra>",
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    fig.update_xaxes(side="top")
    fig.update_yaxes(autorange="reversed")
    return style(fig, height=360)
