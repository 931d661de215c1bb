"""The directory tab (Annuaire): search with forgiving filters, a sortable results table, a record's detail panel
with every field and its source, the interactive borough map, CSV and HSDS exports.

The map is a Plotly choropleth in ``gr.Plot``, which has no click event in Gradio 6: a small script (``MAP_JS``,
run once at page load) listens to Plotly's ``plotly_click`` on the map and writes the clicked place into the
"picked on the map" textbox, whose change sets the borough filter. Names reach the table as plain text (the
Dataframe shows text, never HTML) and the detail panel through ``esc``.

Usage: ``view = build(ctx, demo)`` inside a ``gr.Tabs`` block.
"""

from __future__ import annotations

import time

import gradio as gr

from assistant.api import GEOJSON_FILE, borough_map, facet_counts, write_csv, write_hsds
from assistant.messages import t
from ui.common import Context, TabView, esc, kind_label, request_language, sector_label

KIND_CHOICES = ["aca", "community_organization", "institution", "business", "partner", "member_unspecified"]
TABLE_ROWS = 500  # the table shows the first rows; the count, map and exports cover every match
COLUMNS = ["dir_col_name", "dir_col_place", "dir_col_tables", "dir_col_kind", "dir_col_sectors", "dir_col_match"]
MAP_JS = """
() => {
  // Plotly reports the shape under the pointer on hover (filled shapes send no click of their own): remember it,
  // and on a click on the map write it into the "picked on the map" box, as if typed.
  const pick = (place) => {
    const box = document.querySelector('#map-pick textarea, #map-pick input');
    if (!place || !box) return;
    box.value = place;
    box.dispatchEvent(new Event('input', {bubbles: true}));
    box.dispatchEvent(new Event('change', {bubbles: true}));
  };
  const hook = () => {
    document.querySelectorAll('#directory-map .js-plotly-plot').forEach((div) => {
      if (div.__repereHooked || typeof div.on !== 'function') return;
      div.__repereHooked = true;
      div.on('plotly_hover', (event) => {
        const point = event && event.points && event.points[0];
        div.__reperePlace = point ? point.customdata : null;
      });
      div.on('plotly_unhover', () => { div.__reperePlace = null; });
      div.on('plotly_click', (event) => {
        const point = event && event.points && event.points[0];
        if (point) div.__reperePlace = point.customdata;
      });
      div.addEventListener('click', () => pick(div.__reperePlace));
    });
  };
  new MutationObserver(hook).observe(document.body, {childList: true, subtree: true});
  hook();
}
"""


def headers(lang: str) -> list[str]:
    return [t(key, lang) for key in COLUMNS] + ["id"]


def table_rows(items, lang: str) -> list[list[str]]:
    rows = []
    for o in items[:TABLE_ROWS]:
        sectors = ", ".join(f"{sector_label(s['code'], s['label'], lang)} ({s['confidence']:.2f})" for s in o.sectors)
        match = t(f"dir_match_{o.match}", lang) if o.match else ""
        rows.append([o.name, o.place, "; ".join(o.tables), o.membership_kind, sectors, match, o.org_id])
    return rows


def detail_html(org, lang: str, kinds: dict) -> str:
    """Every field of a record with where it comes from (all text escaped)."""
    if org is None:
        return f"<p>{esc(t('dir_detail_hint', lang))}</p>"
    kind = kinds.get(org.membership_kind, {})
    sources = ", ".join(filter(None, org.record_sources.split(";")))
    lines = [
        ("dir_f_id", org.org_id, "Repère (ingest/build_corpus.py)"),
        ("dir_f_name", org.name, t("dir_src_list", lang, sources=sources)),
        ("dir_f_alternate", org.alternate_name, t("dir_src_merge", lang)),
        ("dir_f_tables", "; ".join(org.tables), t("dir_src_list", lang, sources=sources)),
        ("dir_f_region", ", ".join(org.regions), t("dir_src_region", lang)),
        ("dir_f_territory", f"{'; '.join(org.territory)} ({', '.join(org.territory_regions)})" if org.territory
         else "", t("dir_src_territory", lang)),
        ("dir_f_categories", org.categories, t("dir_src_list", lang, sources=sources)),
        ("dir_f_kind", f"{org.membership_kind} — {kind_label(org.membership_kind, kind.get('label', ''), lang)}",
         t("dir_src_kind", lang, rule=org.membership_rule or kind.get("rule", ""),
           n=kind.get("tables_publishing", "?"), total=kind.get("tables_total", "?"))),
        ("dir_f_sectors", "; ".join(f"{sector_label(s['code'], s['label'], lang)} ({s.get('method', 'rule')}; "
                                    f"{s['confidence']:.2f})"
                                    for s in org.sectors), t("dir_src_sectors", lang)),
        ("dir_f_description", org.description, t("dir_src_hsds", lang)),
        ("dir_f_sources", sources, "corpus/SOURCES.md"),
    ]
    body = "".join(f"<tr><th>{esc(t(key, lang))}</th><td>{esc(value)}</td><td><small>{esc(source)}</small></td></tr>"
                   for key, value, source in lines if value and value.strip(" —()"))
    return (f"<div class='repere-card' id='directory-detail-card'><h4>{esc(t('dir_detail_title', lang))} — "
            f"{esc(org.name)}</h4><table><thead><tr><th>{esc(t('dir_field', lang))}</th><th>"
            f"{esc(t('dir_value', lang))}</th><th>{esc(t('dir_source', lang))}</th></tr></thead><tbody>{body}"
            "</tbody></table></div>")


def summary(result, lang: str) -> str:
    """The count line: how many, how found, what did not resolve, and the territory share."""
    parts = []
    for name, resolution in result.resolutions.items():
        if resolution.value is None:
            parts.append(t("dir_unresolved", lang, value=resolution.query, field=t(name if name != "region"
                                                                                   else "borough", lang),
                           choices=", ".join(resolution.candidates) or "—"))
        elif resolution.value.strip().lower() != resolution.query.strip().lower():
            parts.append(t("dir_resolved", lang, value=resolution.query, official=resolution.value))
    if result.text and result.sector_only:
        head = t("dir_results_split", lang, n=result.total, text=result.text_matches, sector=result.sector_only)
    else:
        head = t("dir_results", lang, n=result.total)
    if result.through_territory:
        head += " " + t("dir_through_territory", lang, m=result.through_territory,
                        territories=", ".join(sorted({x for o in result.items if o.via_territory
                                                      for x in o.territory})))
    lines = [head]
    if result.text and not result.text_matches and result.sector_only:
        labels = {s["code"]: sector_label(s["code"], s["label"], lang) for o in result.items for s in o.sectors}
        lines.append(t("dir_no_text_match", lang, n=result.sector_only, facets="",
                       sectors=", ".join(labels.get(c, c) for c in result.topic_sectors)))
    return "\n\n".join(lines + parts)


def build(ctx: Context, demo: gr.Blocks) -> TabView:
    directory = ctx.assistant.directory
    reference = ctx.settings.resolve(ctx.settings.reference_dir)
    kinds = directory.kind_sources()

    def kind_choices(lang: str) -> list[tuple[str, str]]:
        return [("", "")] + [(t("dir_kind_choice", lang, label=f"{k} — {kind_label(k, kinds.get(k, {}).get('label', k), lang)}",  # noqa: E501
                                n=kinds.get(k, {}).get("organisations", "?")), k) for k in KIND_CHOICES]

    def kind_help(lang: str) -> str:
        aca = kinds.get("aca", {})
        lines = [t("dir_kind_help", lang, aca_tables=aca.get("tables_publishing", "?"),
                   total=aca.get("tables_total", "?"))]
        lines += [f"- {t('dir_kind_line', lang, kind=k, n=v.get('organisations'), tables=v.get('tables_publishing'), total=v.get('tables_total'))}"  # noqa: E501
                  for k, v in kinds.items() if k in KIND_CHOICES]
        return "\n".join(lines)

    def run_search(text, borough, table, kind, sector, lang):
        result = directory.search(text or "", region=borough or None, table=table or None, kind=kind or None,
                                  sector=sector or None, limit=None)
        counts = facet_counts(result.items)
        figure = borough_map(counts, reference / GEOJSON_FILE, lang=lang, selected=borough or "")
        return (gr.update(value=table_rows(result.items, lang), headers=headers(lang)), summary(result, lang),
                figure, result.items, detail_html(None, lang, kinds))

    def sector_choices(lang: str) -> list[tuple[str, str]]:
        return [("", "")] + [(f"{sector_label(code, label, lang)} — {t('inferred', lang)}", code)
                             for code, label in directory.sector_labels().items()]

    def run_search_in_language(lang, text, borough, table, kind, sector):
        """The language switch: the count, table, map and detail panel again, in the new language."""
        return run_search(text, borough, table, kind, sector, lang if lang in ("fr", "en") else "fr")

    def run_search_on_load(request: gr.Request):
        return run_search("", "", "", "", "", request_language(request))

    def show_detail(items, lang, evt: gr.SelectData):
        row = evt.row_value if evt is not None and getattr(evt, "row_value", None) else None
        wanted = row[-1] if row else None
        org = next((o for o in items or [] if o.org_id == wanted), None)
        return detail_html(org, lang, kinds)

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
            borough = gr.Dropdown([""] + directory.places_for_choice(), value="", label=t("borough"),
                                  elem_id="borough", allow_custom_value=True)
            table = gr.Dropdown([""] + directory.tables(), value="", label=t("table"), elem_id="table",
                                allow_custom_value=True)
        with gr.Row():
            kind = gr.Dropdown(kind_choices("fr"), value="", label=t("kind"), elem_id="kind")
            sector = gr.Dropdown(sector_choices("fr"), value="", label=t("sector"), elem_id="sector")
            search_button = gr.Button(t("search"), variant="primary", elem_id="search-button")
            clear_button = gr.Button(t("dir_clear"), elem_id="clear-button")
        kind_note = gr.Markdown(kind_help("fr"), elem_id="kind-note")
        count = gr.Markdown(elem_id="result-count")
        results = gr.Dataframe(headers=headers("fr"), datatype="str", interactive=False, elem_id="results",
                               wrap=True, max_height=480, column_widths=["28%", "17%", "19%", "9%", "17%", "6%", "4%"])
        detail = gr.HTML(detail_html(None, "fr", kinds), elem_id="directory-detail")
        with gr.Row():
            with gr.Column(scale=3):
                figure = gr.Plot(label=t("dir_map_label"), elem_id="directory-map")
            with gr.Column(scale=1):
                map_pick = gr.Textbox(label=t("dir_map_pick"), elem_id="map-pick", max_lines=1)
                csv_button = gr.Button(t("export_csv"), elem_id="export-csv")
                hsds_button = gr.Button(t("export_hsds"), elem_id="export-hsds")
                export_note = gr.Markdown(t("dir_export_note"))
                export_file = gr.File(label=t("dir_export_label"), interactive=False, elem_id="export-file")

    private = {"api_visibility": "private"}
    inputs = [search_text, borough, table, kind, sector, ctx.lang]
    outputs = [results, count, figure, items_state, detail]
    for trigger in (search_button.click, search_text.submit, borough.change, table.change, kind.change,
                    sector.change):
        trigger(run_search, inputs, outputs, **private)
    map_pick.change(lambda place: place, [map_pick], [borough], **private)
    clear_button.click(lambda: ("", "", "", "", "", ""), None, [search_text, borough, table, kind, sector, map_pick],
                       **private)
    results.select(show_detail, [items_state, ctx.lang], [detail], **private)
    csv_button.click(lambda items: export(items, "csv"), [items_state], [export_file], **private)
    hsds_button.click(lambda items: export(items, "hsds"), [items_state], [export_file], **private)
    demo.load(run_search_on_load, None, outputs, **private)
    if ctx.language is not None:
        ctx.language.change(run_search_in_language, [ctx.language, search_text, borough, table, kind, sector],
                            outputs, **private)
    demo.load(None, None, None, js=MAP_JS, **private)

    def relabel(lang: str) -> list:
        return [gr.update(label=t("tab_directory", lang)), gr.update(label=t("search_label", lang)),
                gr.update(label=t("borough", lang)), gr.update(label=t("table", lang)),
                gr.update(label=t("kind", lang), choices=kind_choices(lang)),
                gr.update(label=t("sector", lang), choices=sector_choices(lang)),
                gr.update(value=t("search", lang)), gr.update(value=t("dir_clear", lang)),
                gr.update(value=kind_help(lang)), gr.update(headers=headers(lang)),
                gr.update(label=t("dir_map_pick", lang)), gr.update(value=t("export_csv", lang)),
                gr.update(value=t("export_hsds", lang)), gr.update(value=t("dir_export_note", lang)),
                gr.update(value=detail_html(None, lang, kinds)), gr.update(label=t("dir_map_label", lang)),
                gr.update(label=t("dir_export_label", lang))]

    return TabView([tab, search_text, borough, table, kind, sector, search_button, clear_button, kind_note, results,
                    map_pick, csv_button, hsds_button, export_note, detail, figure, export_file], relabel)
