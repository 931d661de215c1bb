"""Facet counts over directory results, and the borough choropleth of counts from the GeoJSON boundaries.

Usage: ``counts = facet_counts(result.items)``; ``figure = borough_map(counts["region"], geojson_path)``
"""

from __future__ import annotations

import json
from collections import Counter
from functools import lru_cache
from pathlib import Path

from assistant.directory.search import OrgResult
from assistant.core.textnorm import name_key

GEOJSON_FILE = "limadmin_arrondissements_villes_liees.geojson"


def facet_counts(items: list[OrgResult]) -> dict[str, dict[str, int]]:
    """Organisations per borough, round table, membership kind and (inferred) sector, most frequent first."""
    counters = {"region": Counter(), "table": Counter(), "membership_kind": Counter(), "sector": Counter()}
    for org in items:
        counters["region"].update(set(org.regions))
        counters["table"].update(set(org.tables))
        counters["membership_kind"][org.membership_kind or "—"] += 1
        counters["sector"].update({s["label"] for s in org.sectors} or {"(non inféré)"})
    return {name: dict(counter.most_common()) for name, counter in counters.items()}


@lru_cache(maxsize=2)
def _features(geojson_path: str) -> list[tuple[str, str, list]]:
    data = json.loads(Path(geojson_path).read_text(encoding="utf-8"))
    out = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        out.append((feature["properties"]["NOM"], feature["properties"]["TYPE"], polygons))
    return out


def borough_map(region_counts: dict[str, int], geojson_path: Path, title: str = ""):
    """A matplotlib Figure: each borough / linked city shaded by its number of organisations."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Polygon

    counts = {name_key(k): v for k, v in region_counts.items()}
    patches, values, labels = [], [], []
    for name, _, polygons in _features(str(geojson_path)):
        value = counts.get(name_key(name), 0)
        for polygon in polygons:
            patches.append(Polygon(polygon[0], closed=True))
            values.append(value)
        labels.append((name, value, polygons))
    fig, ax = plt.subplots(figsize=(7.5, 5.2), dpi=100)
    collection = PatchCollection(patches, cmap="YlGnBu", edgecolor="#555555", linewidth=0.4)
    collection.set_array(values)
    ax.add_collection(collection)
    ax.autoscale_view()
    ax.set_aspect(1.4)
    ax.axis("off")
    fig.colorbar(collection, ax=ax, shrink=0.7, label="organismes")
    for name, value, polygons in labels:
        if value:
            ring = max((p[0] for p in polygons), key=len)
            xs, ys = zip(*ring)
            ax.annotate(str(value), (sum(xs) / len(xs), sum(ys) / len(ys)), fontsize=7, ha="center")
    ax.set_title(title or "Organismes par arrondissement ou ville liée (déduit des tables de quartier)", fontsize=9)
    fig.tight_layout()
    return fig
