"""Facet counts over directory results, and the interactive borough map (a Plotly choropleth drawn from the
GeoJSON boundaries: no tile server, works offline).

A multi-city territory is drawn as one shape (its cities together) with one count, instead of the same members
copied into each city; a borough that also has members of its own shows its own count on top.

Usage: ``counts = facet_counts(result.items)``; ``figure = borough_map(counts, geojson_path, lang="en")``
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from assistant.core.textnorm import name_key
from assistant.directory.search import OrgResult
from assistant.messages import t

GEOJSON_FILE = "limadmin_arrondissements_villes_liees.geojson"
# The GeoJSON names use hyphens where official compound names use en dashes (joined on name_key).


def facet_counts(items: list[OrgResult]) -> dict[str, dict[str, int]]:
    """Organisations per borough (listed there), multi-city territory, round table, membership kind and (inferred)
    sector, most frequent first; ``territory_regions``: territory -> its cities (for the map)."""
    counters = {"region": Counter(), "territory": Counter(), "table": Counter(), "membership_kind": Counter(),
                "sector": Counter()}
    cities: dict[str, list[str]] = {}
    for org in items:
        counters["region"].update(set(org.regions))
        counters["territory"].update(set(org.territory))
        for territory in org.territory:
            if len(org.territory) == 1:
                cities[territory] = list(org.territory_regions)
        counters["table"].update(set(org.tables))
        counters["membership_kind"][org.membership_kind or "—"] += 1
        counters["sector"].update({s["label"] for s in org.sectors} or {"(non inféré)"})
    out = {name: dict(counter.most_common()) for name, counter in counters.items()}
    out["territory_regions"] = cities
    return out


@lru_cache(maxsize=2)
def _geojson(geojson_path: str) -> dict:
    return json.loads(Path(geojson_path).read_text(encoding="utf-8"))


def _official(nom: str, known: list[str]) -> str:
    return next((k for k in known if name_key(k) == name_key(nom)), nom)


def _rings(feature: dict) -> tuple[list, list]:
    """The outer rings of a feature's polygons as x (lon) and y (lat) lists, rings separated by None."""
    geometry = feature["geometry"]
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs, ys = [], []
    for polygon in polygons:
        ring = polygon[0]
        xs += [p[0] for p in ring] + [None]
        ys += [p[1] for p in ring] + [None]
    return xs, ys


def _colour(scale: str, value: float, top: float) -> str:
    from plotly.colors import sample_colorscale

    return sample_colorscale(scale, [0.08 + 0.92 * (value / top if top else 0.0)])[0] if value else "#f3f4f6"


def borough_map(counts: dict, geojson_path: Path, title: str = "", lang: str = "fr", selected: str = ""):
    """A Plotly Figure: boroughs and linked cities shaded by the organisations listed in them, each multi-city
    territory as one shape (its cities, outlined together) with its own count. ``counts``: ``facet_counts(...)``,
    or a plain region -> count dict. Each shape's ``customdata`` is the place a click filters on.

    Drawn as filled polygons on plain axes rather than a ``geo`` trace: plotly.js fetches the base map of a geo
    trace from a CDN, which an offline browser cannot reach (measured: nothing drawn). Here nothing is fetched."""
    import plotly.graph_objects as go

    if "region" not in counts:
        counts = {"region": counts, "territory": {}, "territory_regions": {}}
    regions, territories = counts.get("region", {}), counts.get("territory", {})
    cities = counts.get("territory_regions", {})
    geo = _geojson(str(geojson_path))
    features = {f["properties"]["NOM"]: f for f in geo["features"]}
    known = list(regions) + [c for cs in cities.values() for c in cs]
    names = {nom: _official(nom, known) for nom in features}
    territory_of = {name_key(c): tname for tname, cs in cities.items() if territories.get(tname) for c in cs}
    top = max(list(regions.values()) + [0])
    top_territory = max(list(territories.values()) + [0])
    figure = go.Figure()
    labels_x, labels_y, labels = [], [], []
    for nom, feature in features.items():
        place = names[nom]
        own = regions.get(place, 0)
        territory = territory_of.get(name_key(nom))
        xs, ys = _rings(feature)
        if own or not territory:
            colour, hover, target = _colour("YlGnBu", own, top), t("dir_map_hover", lang, place=place, n=own), place
            line = "#dc2626" if selected and selected == place else "#555555"
        else:  # reached only through a territory: the territory's colour and count, one click selects it
            n = territories[territory]
            colour = _colour("Purples", n, top_territory)
            hover = t("dir_map_hover_territory", lang, territory=territory, n=n, cities=", ".join(cities[territory]))
            target = territory
            line = "#dc2626" if selected and selected == territory else "#6d28d9"
        figure.add_trace(go.Scatter(x=xs, y=ys, fill="toself", fillcolor=colour, mode="lines",
                                    line={"color": line, "width": 2.5 if line == "#dc2626" else 0.7},
                                    hoveron="fills", text=hover, hoverinfo="text", customdata=[target] * len(xs),
                                    name=place, showlegend=False))
        if own:
            ring = max((r for r in _split(xs, ys)), key=len)
            labels_x.append(sum(x for x, _ in ring) / len(ring))
            labels_y.append(sum(y for _, y in ring) / len(ring))
            labels.append((str(own), hover, target))
    for territory, n in territories.items():
        points = [pt for nom, f in features.items() if territory_of.get(name_key(nom)) == territory
                  and not regions.get(names[nom], 0) for pt in max(_split(*_rings(f)), key=len)]
        if points:
            labels_x.append(sum(x for x, _ in points) / len(points))
            labels_y.append(sum(y for _, y in points) / len(points))
            labels.append((f"{n}*", t("dir_map_hover_territory", lang, territory=territory, n=n,
                                      cities=", ".join(cities.get(territory, []))), territory))
    # One marker per shape, with its count: a click on a marker is a Plotly click event (a filled area sends none).
    figure.add_trace(go.Scatter(x=labels_x, y=labels_y, text=[label for label, _, _ in labels],
                                hovertext=[hover for _, hover, _ in labels], hoverinfo="text",
                                customdata=[target for _, _, target in labels], mode="markers+text",
                                marker={"size": 20, "color": "rgba(255,255,255,0.55)",
                                        "line": {"color": "#374151", "width": 0.8}},
                                textfont={"size": 9, "color": "#111827"}, showlegend=False, name="places"))
    for scale, maximum, legend, position in (("YlGnBu", top, t("dir_map_legend", lang), 0.75),
                                             ("Purples", top_territory, t("dir_map_territory_legend", lang), 0.25)):
        if maximum:
            figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", hoverinfo="skip", showlegend=False,
                                        marker={"colorscale": scale, "cmin": 0, "cmax": maximum, "color": [0],
                                                "showscale": True, "colorbar": {"title": {"text": legend},
                                                                                "len": 0.45, "y": position}}))
    figure.update_xaxes(visible=False, scaleanchor="y", scaleratio=0.7, fixedrange=True)
    figure.update_yaxes(visible=False, fixedrange=True)
    figure.update_layout(title={"text": title or t("dir_map_title", lang), "font": {"size": 13}},
                         margin={"l": 0, "r": 0, "t": 36, "b": 0}, height=480, plot_bgcolor="white",
                         hovermode="closest")
    return figure


def _split(xs: list, ys: list) -> list[list[tuple[float, float]]]:
    rings, current = [], []
    for x, y in zip(xs, ys):
        if x is None:
            if current:
                rings.append(current)
            current = []
        else:
            current.append((x, y))
    return rings + ([current] if current else [])
