"""`bulletins report`: one self-contained HTML file summarising a batch of records.

No scripts, no external resources: inline CSS and inline SVG only, so the file opens
offline and can be mailed or archived. Records hold arbitrary scraped text, so every
piece of data goes through `html.escape` (see `_e`).
"""
from __future__ import annotations

from html import escape
from pathlib import PurePath
from typing import Iterable

from .report_data import LargeCount, ReportData, by_sentence, summarise
from .report_svg import column_chart, fmt_number, hbar_chart

CHART_ROWS = 20

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",
"Microsoft YaHei",sans-serif;margin:0;padding:24px 28px;color:#222;background:#fff;
line-height:1.45;max-width:1400px}
h1{font-size:1.6em;margin:0 0 4px}h2{margin-top:36px;border-bottom:2px solid #3b6ea5;
padding-bottom:4px}h3{margin:20px 0 8px}
nav a{margin-right:14px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin:16px 0}
.card{border:1px solid #ccd;border-radius:6px;padding:8px 14px;min-width:110px;background:#f6f8fb}
.card b{display:block;font-size:1.5em}
table{border-collapse:collapse;margin:8px 0 16px;font-size:.92em}
th,td{border:1px solid #ccd;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.sentence{max-width:560px;overflow-wrap:anywhere}
mark{background:#ffe08a;padding:0 1px}
.muted{color:#666}.warn{color:#a33}
svg.chart{display:block;margin:8px 0 16px;font-size:12px;max-width:100%;height:auto}
svg.chart text{fill:#222}svg.chart .chart-title{font-weight:bold;font-size:13px}
code{overflow-wrap:anywhere}
.row{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:flex-start}
"""


def _e(value) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def _source(path: str | None) -> str:
    if not path:
        return '<span class="muted">(stdin)</span>'
    return f'<span title="{_e(path)}">{_e(PurePath(path).name)}</span>'


def _table(headers: list[str], rows: list[list], numeric: Iterable[int] = (),
           wide: Iterable[int] = ()) -> str:
    """Cells are already-escaped HTML, or (html, rowspan) for a cell that spans the next rows
    (those rows then leave that column out); `numeric` columns are right-aligned, `wide` ones
    wrap."""
    css = {**{i: ' class="sentence"' for i in wide}, **{i: ' class="n"' for i in numeric}}
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)

    def cell(i: int, c) -> str:
        html, span = c if isinstance(c, tuple) else (c, 1)
        return f"<td{css.get(i, '')}{f' rowspan={span}' if span > 1 else ''}>{html}</td>"

    body = "".join("<tr>" + "".join(cell(i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _row(*parts: str) -> str:
    """Side by side when the window is wide enough, stacked otherwise."""
    return '<div class="row">' + "".join(f"<div>{p}</div>" for p in parts if p) + "</div>"


def _cards(data: ReportData) -> str:
    languages = ", ".join(f"{n} {_e(lang)}" for lang, n in data.languages.items()) or "—"
    cards = [("records", fmt_number(data.records)), ("stories", fmt_number(data.stories)),
             ("errors", fmt_number(data.error_total)),
             ("counts", fmt_number(data.counts)), ("places", fmt_number(len(data.places))),
             ("activity types", fmt_number(len(data.activities))),
             ("no counts", fmt_number(data.quiet_total)),
             ("with warnings", fmt_number(data.warned_total))]
    html = "".join(f'<div class="card"><b>{_e(v)}</b>{_e(k)}</div>' for k, v in cards)
    return f'<div class="cards">{html}</div><p class="muted">Languages: {languages}</p>'


def _activities_section(data: ReportData) -> str:
    if not data.activities:
        return "<p>No activity types were found.</p>"
    documents = hbar_chart([(a.type, a.documents) for a in data.activities[:CHART_ROWS]],
                           "Documents reporting each activity type", width=480, label_width=160)
    events = sorted(((a.type, a.events) for a in data.activities if a.events), key=lambda x: -x[1])
    held = hbar_chart(events[:CHART_ROWS], "Activities held (sum of linked event counts; log scale)",
                      width=480, label_width=160, log=True)
    rows = [[_e(a.type), _e(fmt_number(a.documents)), _e(fmt_number(a.counts)),
             _e(fmt_number(a.events)), _e(fmt_number(a.people)), _e(fmt_number(a.person_times))]
            for a in data.activities]
    table = _table(["type", "documents", "linked counts", "events (sum)", "people (sum)",
                    "person-times (sum)"], rows, numeric=(1, 2, 3, 4, 5))
    out = [_row(documents, table), _row(held)]
    out.append('<p class="muted">Sums add the values of counts linked to the type, by '
               '<code>unit_key</code>: “events” those counting activities or sessions, “people” '
               'those counting people (persons, volunteers, party members), “person-times” '
               'attendances (人次). Money, views, reads and places are never added. '
               'Each story is summed once, from its canonical copy, and a figure a bulletin '
               'restates (<code>repeat_of</code>) once; records without a story id stand '
               'alone (<code>bulletins run --stories</code> groups copies).</p>')
    return "".join(out)


def _places_section(data: ReportData, top: int) -> str:
    if not data.places:
        return "<p>No places were found.</p>"
    label = lambda p: f"{p.name} ({p.name_zh})" if p.name_zh else p.name  # noqa: E731
    chart = hbar_chart([(label(p), p.documents) for p in data.places[:CHART_ROWS]],
                       "Documents mentioning each place", width=440, label_width=220)
    rows = [[_e(p.name), _e(p.name_zh or ""), _e(p.level), f"<code>{_e(p.adcode or '')}</code>",
             _e(fmt_number(p.documents)), _e(fmt_number(p.mentions))] for p in data.places[:top]]
    out = [_row(chart, _table(["place", "Chinese", "level", "adcode", "documents", "mentions"],
                              rows, numeric=(4, 5)))]
    if len(data.places) > top:
        out.append(f'<p class="muted">{_e(len(data.places) - top)} more places not listed '
                   f'(see <code>bulletins export</code>).</p>')
    return "".join(out)


def _counts_section(data: ReportData) -> str:
    if not data.counts:
        return "<p>No counts were extracted.</p>"
    chart = column_chart(data.magnitudes, "How large the counts are (number of counts by size)",
                         width=520)
    rows = [[_e(key), _e(fmt_number(n)), _e("—" if total is None else fmt_number(total))]
            for key, n, total in data.unit_keys]
    by_key = "<h3>By counted thing</h3>" + _table(["unit_key", "counts", "sum of values"], rows,
                                                    numeric=(1, 2))
    rows = [[_e(name), _e(fmt_number(n))] for name, n, _ in data.categories]
    by_category = "<h3>By category</h3>" + _table(["category", "counts"], rows, numeric=(1,))
    out = [_row(chart, by_key, by_category)]
    out.append('<p class="muted">Values are added only within one <code>unit_key</code> (like '
               'with like); counts that fit no key (<code>other</code>) are not added up.</p>')
    out.append("<h3>Largest counts</h3>")
    out.append('<p class="muted">Counts from one sentence are listed together, the sentence '
               'shown once with each of them marked.</p>')
    rows = []
    for group in by_sentence(data.largest):
        for i, c in enumerate(group):
            row = [_e(fmt_number(c.value)), _e(c.qualifier), _e(c.unit), _e(c.unit_key),
                   _e(c.category), _e(c.activity or "—")]
            if i == 0:
                row += [(_marked_sentence(group), len(group)),
                        (f"{_e(c.doc_id)}<br>{_source(c.source_path)}", len(group))]
            rows.append(row)
    out.append(_table(["value", "qualifier", "unit", "unit_key", "category", "activity",
                       "evidence sentence", "document"], rows, numeric=(0,), wide=(6,)))
    return "".join(out)


def _marked_sentence(group: list[LargeCount]) -> str:
    """The group's sentence, escaped, with the evidence of each of its counts in <mark>
    (overlapping evidence marked once)."""
    sentence = group[0].sentence
    spans: list[list[int]] = []
    for start, end in sorted(c.evidence_at for c in group):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    html, at = [], 0
    for start, end in spans:
        html.append(f"{_e(sentence[at:start])}<mark>{_e(sentence[start:end])}</mark>")
        at = end
    html.append(_e(sentence[at:]))
    return "".join(html)


def _stories_section(data: ReportData) -> str:
    out = [f"<p>{_e(fmt_number(data.records))} records tell {_e(fmt_number(data.stories))} "
           f"stories; {_e(fmt_number(data.records - data.stories))} records are further copies "
           f"(mirrors, other translations, originals with their English versions) whose figures "
           f"are not summed again. {_e(fmt_number(data.repeats))} counts restate an earlier "
           f"figure of their bulletin.</p>", "<h3>Figures that disagree between copies</h3>"]
    if data.disagreements:
        rows = [[_e(d.doc_id), _e(d.here), _e(d.there), _e(d.other_doc), f"<code>{_e(d.story)}</code>"]
                for d in data.disagreements]
        out.append(_table(["document", "its figure", "the other copy's", "other copy", "story"], rows))
    else:
        out.append('<p class="muted">None found (or the records were not grouped into stories).</p>')
    return "".join(out)


def _more(hidden: int, what: str) -> str:
    if hidden <= 0:
        return ""
    return (f'<p class="muted">{_e(fmt_number(hidden))} more {_e(what)} not listed '
            f'(see <code>bulletins export</code>).</p>')


def _problems_section(data: ReportData) -> str:
    out = ["<h3>Documents that failed</h3>"]
    if data.errors:
        rows = [[_e(e.get("doc_id")), _source(e.get("path")), _e(e.get("stage")),
                 _e(e.get("error_type")), _e(e.get("message"))] for e in data.errors]
        out.append(_table(["document", "source", "stage", "error", "message"], rows))
        out.append(_more(data.error_total - len(data.errors), "failed documents"))
    else:
        out.append('<p class="muted">None (or no errors file beside the records).</p>')
    out.append("<h3>Documents with warnings</h3>")
    if data.warned:
        rows = [[_e(w.doc_id), _source(w.source_path), _e(w.language), _e(fmt_number(w.counts)),
                 "<br>".join(_e(x) for x in w.warnings)] for w in data.warned]
        out.append('<p class="muted">Decoding was repaired or guessed, or text was lost: '
                   'check these figures against the source.</p>')
        out.append(_table(["document", "source", "language", "counts", "warnings"], rows,
                          numeric=(3,), wide=(4,)))
        out.append(_more(data.warned_total - len(data.warned), "documents with warnings"))
    else:
        out.append('<p class="muted">No record carries a warning.</p>')
    out.append("<h3>Documents with no counts</h3>")
    if data.quiet:
        rows = [[_e(q.doc_id) + (' <b class="warn">nothing extracted</b>' if q.nothing_extracted else ""),
                 _source(q.source_path), _e(q.language), _e(fmt_number(q.places)),
                 _e(fmt_number(q.activities)), _e(fmt_number(q.text_length)),
                 _e("; ".join(q.warnings))] for q in data.quiet]
        out.append(_table(["document", "source", "language", "places", "activity types",
                           "text length", "warnings"], rows, numeric=(3, 4, 5)))
        out.append(_more(data.quiet_total - len(data.quiet), "documents without counts"))
    else:
        out.append('<p class="muted">Every record has at least one count.</p>')
    return "".join(out)


def render_report(records: Iterable[dict], errors: Iterable[dict] = (), title: str = "records",
                  top: int = 25, limit: int = 200, is_canonical=lambda record: True) -> str:
    """The whole report as one HTML string (deterministic for the same input). `records` may
    be any iterable (read once); at most `limit` failed and count-less documents are listed."""
    data = summarise(records, errors, top, limit, is_canonical)
    sections = [
        ("activities", "Activity types", _activities_section(data)),
        ("places", "Places", _places_section(data, top)),
        ("counts", "Counts", _counts_section(data)),
        ("stories", "Stories", _stories_section(data)),
        ("problems", "Documents to check", _problems_section(data)),
    ]
    nav = "".join(f'<a href="#{key}">{_e(name)}</a>' for key, name, _ in sections)
    body = "".join(f'<section id="{key}"><h2>{_e(name)}</h2>{html}</section>'
                   for key, name, html in sections)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Forbid every network fetch: the report must stand alone.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<title>Bulletins report: {_e(title)}</title><style>{CSS}</style></head><body>"
        f"<header><h1>Bulletins report: {_e(title)}</h1>{_cards(data)}<nav>{nav}</nav></header>"
        f"{body}</body></html>\n")
