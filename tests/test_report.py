"""`bulletins report`: one self-contained, escaped HTML file; rendered in Chromium when present."""
import re
import shutil
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import orjson
from click.testing import CliRunner

import pytest

from pipeline.cli import main
from pipeline.report import render_report
from pipeline.report_data import summarise

from .test_export import ERRORS, make_record, sample_records

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "render_report.sh"


class _Collector(HTMLParser):
    """Tags, attributes and text of an HTML page, to check structure without regexes."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> _Collector:
    collector = _Collector()
    collector.feed(html)
    return collector


def test_summary_totals_by_activity_and_place():
    data = summarise(sample_records(), ERRORS, top=2)
    by_type = {a.type: a for a in data.activities}
    assert (by_type["preaching"].documents, by_type["preaching"].events) == (2, 128 + 36)
    assert (by_type["volunteer_service"].events, by_type["volunteer_service"].people) == (240, 1200)
    assert by_type["volunteer_service"].counts == 3
    assert [(p.name_zh, p.documents, p.mentions) for p in data.places] == [
        ("江岸区", 1, 2), ("青山区", 1, 2)]
    assert [c.value for c in data.largest] == [1_500_000, 3500]
    assert data.largest[0].evidence == "1.5 million yuan"
    assert data.largest[0].before == "The 12 volunteer teams served "
    assert [q.doc_id for q in data.quiet] == ["en_empty"] and data.quiet[0].nothing_extracted
    assert dict(data.magnitudes)["100–999"] == 2          # 128 and 240


def test_report_is_self_contained():
    html = render_report(sample_records(), ERRORS, title="sample")
    page = parse(html)
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.tags.count("svg") >= 2, "charts are inline SVG"
    urls = [v for k, v in page.attrs if k in ("src", "href") and v and not v.startswith("#")]
    assert urls == [], "nothing is fetched or linked outside the page"
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html), "no network URLs"
    assert "@import" not in html and "url(" not in html


def test_report_shows_evidence_sentences_sources_and_problems():
    html = render_report(sample_records(), ERRORS, title="sample")
    # one sentence with two counts: shown once, both marked
    assert html.count("of aid.") == 1
    assert "The <mark>12 volunteer teams</mark> served <mark>1.5 million yuan</mark> of aid." in html
    assert 'title="/data/in/en_a.txt">en_a.txt</span>' in html
    assert "the file is empty: check the scraper" in html
    assert "en_empty" in html and "nothing extracted" in html
    assert "志愿服务活动240场" in html and "江岸区" in html


def test_all_record_text_is_escaped():
    nasty = '<script>alert("x")</script> & <b>"quoted"</b> </style><img src=x onerror=1>'
    text = f"{nasty}\nWe held 7 lectures. {nasty}"
    record = make_record("<doc&id>", text, title=nasty,
                         counts=[("7 lectures", 7, f"lectures{nasty}"[:8], "activity", "preaching", "exact")],
                         places=[(nasty, nasty, "other", None, "lectures")],
                         activities=[("preaching", "lectures")])
    record["source"]["path"] = f"/tmp/{nasty}.txt"
    error = dict(ERRORS[0], doc_id=nasty, message=nasty, path=nasty)
    html = render_report([record], [error], title=nasty)
    page = parse(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert '<b>"quoted"' not in html
    assert not any(k == "onerror" for k, _ in page.attrs)
    assert "<script>" not in html and "</style><img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert any("<script>" in t for t in page.text), "the text is shown, as text"


def test_empty_batch_still_renders():
    html = render_report([], [], title="nothing")
    assert "No counts were extracted." in html and "No places were found." in html
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")


def test_report_is_deterministic():
    assert render_report(sample_records(), ERRORS) == render_report(sample_records(), ERRORS)


def test_report_command_reads_errors_beside_the_records(tmp_path):
    records = tmp_path / "out.jsonl"
    records.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in sample_records()))
    (tmp_path / "out.errors.jsonl").write_bytes(orjson.dumps(ERRORS[0]) + b"\n")
    out = tmp_path / "r" / "report.html"
    result = CliRunner().invoke(main, ["report", str(records), "-o", str(out), "--top", "3"])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "the file is empty: check the scraper" in html
    assert "Bulletins report: out.jsonl" in html
    missing = CliRunner().invoke(main, ["report", str(tmp_path / "none.jsonl"), "-o", str(out)])
    assert missing.exit_code == 1 and "bulletins run" in missing.stderr


def test_report_help_has_an_example():
    result = CliRunner().invoke(main, ["report", "--help"])
    assert result.exit_code == 0 and "Example" in result.output


def _chromium() -> str | None:
    return next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)


def test_report_renders_in_headless_chromium(tmp_path):
    if not _chromium():
        pytest.skip("chromium is not installed (apt-get install -y chromium): "
                    "the rendering check runs only where it is")
    html_path = tmp_path / "report.html"
    html_path.write_text(render_report(sample_records(), ERRORS, title="sample"), encoding="utf-8")
    png = tmp_path / "report.png"
    run = subprocess.run(["bash", str(SCRIPT), str(html_path), str(png), "1000x1400"],
                         capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1000, 1400)
    assert len(data) > 20_000, "a blank page compresses to almost nothing"


# Measures every SVG text as laid out by the browser. The report itself forbids scripts (CSP),
# so the test copy drops that meta tag and appends this script; --dump-dom prints the result.
_MEASURE = """<script>
const rows = [];
for (const svg of document.querySelectorAll("svg")) {
  const width = svg.viewBox.baseVal.width;
  for (const t of svg.querySelectorAll("text")) {
    const b = t.getBBox();
    rows.push([b.x, b.x + b.width, width, t.textContent].join("\\t"));
  }
}
const pre = document.createElement("pre");
pre.id = "measured";
pre.textContent = rows.join("\\n");
document.body.appendChild(pre);
</script>"""


def _measured_svg_texts(html: str, tmp_path) -> list[tuple[float, float, float, str]]:
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
    page = page.replace("</body>", _MEASURE + "</body>")
    path = tmp_path / "measure.html"
    path.write_text(page, encoding="utf-8")
    profile = tmp_path / "profile"
    run = subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                          "--disable-background-networking", "--disable-component-update",
                          "--disable-sync", f"--user-data-dir={profile}", "--dump-dom",
                          path.as_uri()], capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="measured">(.*?)</pre>', run.stdout, re.S)
    assert found, run.stderr[-2000:]
    rows = []
    for line in unescape(found.group(1)).splitlines():
        left, right, width, text = line.split("\t", 3)
        rows.append((float(left), float(right), float(width), text))
    return rows


def test_chart_texts_stay_inside_their_charts_in_chromium(tmp_path):
    if not _chromium():
        pytest.skip("chromium is not installed (apt-get install -y chromium): "
                    "the layout check runs only where it is")
    text = "So far 208845907 sessions were held, 36 sessions in Xilingol League Banner Town."
    records = [make_record("big", text, counts=[
        ("208845907 sessions", 208_845_907, "sessions", "activity", "preaching", "exact"),
        ("36 sessions", 36, "sessions", "activity", "a_rather_long_activity_type_name", "exact")],
        places=[("Xilingol League Banner Town With A Very Long English Name", "锡林郭勒盟某某旗某某镇",
                 "township", None, "Xilingol League Banner Town")],
        activities=[("preaching", "held"), ("a_rather_long_activity_type_name", "Town")])]
    measured = _measured_svg_texts(render_report(records, [], title="layout"), tmp_path)
    assert any(t == "208,845,907" for *_, t in measured)
    outside = [(t, round(left, 1), round(right, 1), width) for left, right, width, t in measured
               if left < -0.5 or right > width + 0.5]
    assert outside == [], "text cut off at the edge of a chart"


from hypothesis import given, strategies as st  # noqa: E402

from pipeline.report_text import Sentences, sentence_around  # noqa: E402


def test_sentence_around_stops_at_sentence_ends_not_decimal_points():
    text = "Opening line.\nIn May, 1.5 million residents took part. “We held 40 sessions.” More!"
    i = text.index("1.5 million")
    assert sentence_around(text, i, i + 11) == "In May, 1.5 million residents took part."
    i = text.index("40 sessions")
    assert sentence_around(text, i, i + 11) == "“We held 40 sessions.”"
    zh = "一是开展宣讲活动50场。二是走访群众300余户！三是……"
    i = zh.index("300余户")
    assert sentence_around(zh, i, i + 5) == "二是走访群众300余户！"
    assert sentence_around("5 dogs\nnext", 0, 6) == "5 dogs"
    assert sentence_around("A. 5 dogs. B", 3, 10) == "5 dogs."


@given(st.text(alphabet="ab .。\n!1", max_size=60), st.data())
def test_sentence_bounds_always_hold_the_span(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    s, e = Sentences(text).bounds(start, end)
    assert 0 <= s <= start <= end <= e <= len(text)


def test_summary_streams_and_keeps_only_the_top_and_the_first_problems():
    records = [make_record(f"d{i}", f"We held {i + 1} lectures.", counts=[
        (f"{i + 1} lectures", i + 1, "lectures", "activity", "preaching", "exact")]) for i in range(50)]
    records += [make_record(f"q{i}", "Nothing to count here.") for i in range(5)]
    data = summarise(iter(records), iter(ERRORS * 3), top=3, limit=2)
    assert [c.value for c in data.largest] == [50, 49, 48]
    assert data.largest[0].before == "We held " and data.largest[0].after == "."
    assert (data.records, data.counts, data.quiet_total, len(data.quiet)) == (55, 50, 5, 2)
    assert (data.error_total, len(data.errors)) == (3, 2)
    html = render_report(records, ERRORS * 3, top=3, limit=2)
    assert "3 more documents without counts not listed" in html
    assert "1 more failed documents not listed" in html


def test_equal_counts_keep_input_order():
    records = [make_record(n, "We held 7 lectures.", counts=[
        ("7 lectures", 7, "lectures", "activity", "preaching", "exact")]) for n in ("b", "a", "c")]
    assert [c.doc_id for c in summarise(records, top=2).largest] == ["b", "a"]


def test_bar_lengths_follow_values_linear_or_log():
    from pipeline.report_svg import hbar_chart

    def widths(svg):
        return [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]

    linear = widths(hbar_chart([("a", 1000), ("b", 10)], "t", width=420, label_width=100, log=False))
    assert linear[1] == pytest.approx(linear[0] / 100, abs=0.05)
    logged = widths(hbar_chart([("a", 999), ("b", 9)], "t", width=420, label_width=100, log=True))
    assert logged[1] == pytest.approx(logged[0] / 3, abs=0.05)   # log10(10) / log10(1000)


def test_the_longest_bar_leaves_room_for_its_value_and_labels_fit():
    from pipeline.report_svg import hbar_chart, text_width

    svg = hbar_chart([("preaching", 208_845_907), ("a very long activity type name indeed", 5)], "t",
                     width=480, label_width=160)
    bar = float(re.search(r'<rect [^>]*width="([\d.]+)"', svg).group(1))
    value_x = float(re.search(r'<text x="([\d.]+)" y="[\d.]+">208,845,907</text>', svg).group(1))
    assert value_x == pytest.approx(160 + bar + 6)
    assert value_x + text_width("208,845,907") <= 480               # inside the chart
    label = re.findall(r'text-anchor="end">([^<]*)</text>', svg)[1]
    assert label.endswith("…") and text_width(label) <= 150          # cut to fit left of the axis


def test_documents_with_warnings_are_listed_to_check_even_with_counts():
    warned = make_record("garbled", "We held 9 lectures.", counts=[
        ("9 lectures", 9, "lectures", "activity", "preaching", "exact")],
        warnings=["damaged decoding: 2 place(s) where characters were lost", "encoding guessed as gb18030"])
    data = summarise([warned] + sample_records())
    assert [(w.doc_id, w.counts) for w in data.warned] == [("garbled", 1), ("en_empty", 0)]
    assert data.warned_total == 2
    html = render_report([warned] + sample_records())
    problems = html.split('<section id="problems">', 1)[1]
    section = problems.split("<h3>Documents with warnings</h3>", 1)[1].split("<h3>", 1)[0]
    assert "garbled" in section and "en_empty" in section
    assert "damaged decoding: 2 place(s) where characters were lost<br>encoding guessed as gb18030" in section
    assert '<div class="card"><b>2</b>with warnings</div>' in html


def test_a_sentence_with_several_large_counts_is_shown_once():
    text = ("Intro line.\nDonations reached 900 yuan, 800 yuan, 700 yuan, 600 yuan, 500 yuan and "
            "400 yuan in six towns.\nAnother 300 yuan came later.")
    values = [900, 800, 700, 600, 500, 400, 300]
    record = make_record("many", text, counts=[(f"{v} yuan", v, "yuan", "money", None, "exact")
                                               for v in values])
    html = render_report([record, make_record("copy", text.replace("300", "200"), counts=[
        ("900 yuan", 900, "yuan", "money", None, "exact")])], top=10)
    largest = html.split("<h3>Largest counts</h3>", 1)[1].split("</table>", 1)[0]
    assert largest.count("in six towns.") == 2            # once per document, not once per count
    assert largest.count("<td class=\"sentence\" rowspan=6>") == 1
    assert ("Donations reached <mark>900 yuan</mark>, <mark>800 yuan</mark>, <mark>700 yuan</mark>, "
            "<mark>600 yuan</mark>, <mark>500 yuan</mark> and <mark>400 yuan</mark> in six towns.") in largest
    rows = re.findall(r"<tr><td class=\"n\">([\d,]+)</td>", largest)
    assert rows == ["900", "800", "700", "600", "500", "400", "900", "300"]


def test_marked_sentence_merges_overlapping_evidence():
    from pipeline.report import _marked_sentence
    from pipeline.report_data import LargeCount

    def count(before, evidence, after):
        return LargeCount(1, "exact", "u", "other", None, "d", None, before, evidence, after)

    group = [count("a ", "12 <b>", " c"), count("a 12 ", "<b> c", "")]
    assert _marked_sentence(group) == "a <mark>12 &lt;b&gt; c</mark>"
