"""The directory tab: search with facets, results table, borough map, CSV and HSDS exports.

Usage: ``view = build(ctx)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import time

import gradio as gr

from assistant.api import GEOJSON_FILE, borough_map, facet_counts, write_csv, write_hsds
from assistant.messages import t
from ui.common import Context, TabView

KIND_CHOICES = ["aca", "community_organization", "institution", "business", "partner", "member_unspecified"]


def build(ctx: Context, demo: gr.Blocks) -> TabView:
    directory = ctx.assistant.directory
    reference = ctx.settings.resolve(ctx.settings.reference_dir)

    def run_search(text, borough, table, kind, sector, lang):
        result = directory.search(text or "", region=borough or None, table=table or None, kind=kind or None,
                                  sector=sector or None, limit=None)
        rows = [[o.name, ", ".join(o.regions), ", ".join(o.tables), o.membership_kind,
                 ", ".join(f"{s['label']} ({t('inferred', lang)}, {s['confidence']:.2f})" for s in o.sectors)]
                for o in result.items[:300]]
        counts = facet_counts(result.items)
        figure = borough_map(counts["region"], reference / GEOJSON_FILE)
        return rows, t("results_count", lang, n=result.total), figure, result.items

    def export(items, fmt):
        if not items:
            return None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        if fmt == "csv":
            return str(write_csv(items, ctx.exports / f"repere-annuaire-{stamp}.csv"))
        return str(write_hsds(items, directory.sector_labels(), ctx.exports / f"repere-annuaire-hsds-{stamp}.zip"))

    with gr.Tab(t("tab_directory"), id="directory") as tab:
        items_state = gr.State([])
        with gr.Row():
            search_text = gr.Textbox(label=t("search_label"), elem_id="search-text")
            borough = gr.Dropdown([""] + directory.regions(), value="", label=t("borough"), elem_id="borough")
            table = gr.Dropdown([""] + directory.tables(), value="", label=t("table"))
        with gr.Row():
            kind = gr.Dropdown([""] + KIND_CHOICES, value="", label=t("kind"))
            sector = gr.Dropdown([("", "")] + [(f"{label} — {t('inferred')}", code)
                                               for code, label in directory.sector_labels().items()],
                                 value="", label=t("sector"), elem_id="sector")
            search_button = gr.Button(t("search"), variant="primary", elem_id="search-button")
        count = gr.Markdown(elem_id="result-count")
        results = gr.Dataframe(headers=["Organisme", "Arrondissement(s)", "Table(s) de quartier", "Type",
                                        "Secteurs (inférés)"], datatype="str", interactive=False,
                               elem_id="results", wrap=True)
        with gr.Row():
            figure = gr.Plot(label="Carte / map")
            with gr.Column():
                csv_button = gr.Button(t("export_csv"))
                hsds_button = gr.Button(t("export_hsds"))
                export_file = gr.File(label="Export", interactive=False)

    private = {"api_visibility": "private"}
    inputs = [search_text, borough, table, kind, sector, ctx.lang]
    outputs = [results, count, figure, items_state]
    for trigger in (search_button.click, search_text.submit, borough.change, table.change, kind.change,
                    sector.change):
        trigger(run_search, inputs, outputs, **private)
    csv_button.click(lambda items: export(items, "csv"), [items_state], [export_file], **private)
    hsds_button.click(lambda items: export(items, "hsds"), [items_state], [export_file], **private)
    demo.load(lambda: run_search("", "", "", "", "", "fr"), None, outputs, **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_directory", lang)), gr.update(label=t("search_label", lang)),
                gr.update(label=t("borough", lang)), gr.update(label=t("table", lang)),
                gr.update(label=t("kind", lang)), gr.update(label=t("sector", lang)),
                gr.update(value=t("search", lang))]

    return TabView([tab, search_text, borough, table, kind, sector, search_button], relabel)
