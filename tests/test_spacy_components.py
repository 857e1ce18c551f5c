"""The extractors as spaCy components, found through the `spacy_factories` entry points."""
import json
import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy

import pipeline.spacy_components as components

FACTORIES = ("bulletin_counts", "bulletin_places", "bulletin_activities")
EN = "So far, 128 preaching sessions have been carried out in Qingshan District by volunteers."
ZH = "今年以来，共开展宣讲活动36场，参与志愿者1200余人。"


def fake_counts(doc):
    # Stand-ins for the extractors (rewritten in parallel): these tests check the wiring.
    i = doc.text.index("128 preaching sessions")
    return [{"value": 128, "low": None, "high": None, "qualifier": "exact",
             "unit": "preaching sessions", "unit_normalized": None, "category": "activity",
             "activity": "preaching", "span": [i, i + len("128 preaching sessions")]}]


def fake_places(view):
    i = view.text.index("Qingshan District")
    return [{"name": "Qingshan District", "name_zh": "青山区", "level": "district",
             "adcode": "420107", "parents": ["420100"], "mentions": [[i, i + 17]]}]


def fake_activities(view):
    text = view.text
    i = text.index("preaching")
    # " preaching" with the space in front: expanded to whole tokens, space trimmed by spaCy
    return [{"type": "preaching", "mentions": [[i, i + 9]]},
            {"type": "volunteer_service", "mentions": [[len(text) - 11, len(text) - 1]]}]


def test_entry_points_are_installed():
    names = {ep.name: ep.value for ep in entry_points(group="spacy_factories")}
    missing = [n for n in FACTORIES if n not in names]
    if missing:
        pytest.fail(f"entry points {missing} not installed: run .venv/bin/pip install -e . --no-deps")
    assert names["bulletin_counts"] == "pipeline.spacy_components:make_bulletin_counts"


def test_add_pipe_works_without_importing_the_package_first():
    code = ("import sys, spacy\n"
            "nlp = spacy.blank('en')\n"
            "for name in ('bulletin_counts', 'bulletin_places', 'bulletin_activities'):\n"
            "    nlp.add_pipe(name)\n"
            "print(nlp.pipe_names, type(nlp.get_pipe('bulletin_counts')).__module__)\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         cwd="/")
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ("['bulletin_counts', 'bulletin_places', 'bulletin_activities'] "
                                  "pipeline.spacy_components")


def test_counts_component_puts_spans_with_attributes(monkeypatch):
    monkeypatch.setattr("pipeline.extract.counts.en.find_counts_en", fake_counts)
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_counts")
    doc = nlp(EN)
    (span,) = doc.spans["bulletin_counts"]
    assert span.text == "128 preaching sessions" and span.label_ == "activity"
    item = span._.bulletin
    assert (item["value"], item["qualifier"], item["unit"], item["activity"]) == (
        128, "exact", "preaching sessions", "preaching")


def test_counts_component_uses_the_chinese_extractor_for_chinese(monkeypatch):
    calls = []

    def fake_zh(view):
        text = view.text
        calls.append(text)
        i = text.index("宣讲活动36场")
        return [{"value": 36, "qualifier": "exact", "unit": "宣讲活动", "category": "activity",
                 "activity": "preaching", "span": [i, i + 7]}]

    monkeypatch.setattr("pipeline.extract.counts.zh.find_counts_zh", fake_zh)
    nlp = spacy.blank("zh")                       # language "auto": detected on the text
    nlp.add_pipe("bulletin_counts")
    doc = nlp(ZH)
    assert calls == [ZH]
    assert [(s.text, s._.bulletin["value"]) for s in doc.spans["bulletin_counts"]] == [("宣讲活动36场", 36)]
    # An English tokenizer keeps a run of Chinese as one token: the span grows to cover it
    # (documented: use spacy.blank("zh") for Chinese), but still holds the count.
    en = spacy.blank("en")
    en.add_pipe("bulletin_counts")
    en_doc = en(ZH)
    (span,) = en_doc.spans["bulletin_counts"]
    assert "宣讲活动36场" in span.text and span._.bulletin["value"] == 36


def test_places_component_one_span_per_mention(monkeypatch):
    monkeypatch.setattr("pipeline.extract.places.find_places", fake_places)
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_places", config={"language": "en", "spans_key": "where"})
    doc = nlp(EN)
    (span,) = doc.spans["where"]
    item = span._.bulletin
    assert (span.text, span.label_, item["adcode"], item["name_zh"], item["parents"]) == (
        "Qingshan District", "district", "420107", "青山区", ["420100"])
    assert "mentions" not in item and "value" not in item


def test_activities_component_labels_spans_by_type(monkeypatch):
    monkeypatch.setattr("pipeline.extract.activities.find_activities", fake_activities)
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_activities")
    doc = nlp(EN)
    assert [(s.text, s.label_, s._.bulletin["type"]) for s in doc.spans["bulletin_activities"]] == [
        ("preaching", "preaching", "preaching"), ("volunteers", "volunteer_service", "volunteer_service")]


def test_components_run_the_real_extractors_end_to_end():
    """Whatever the extractors find, spans match their surfaces and attributes are set."""
    nlp = spacy.blank("zh")
    for name in FACTORIES:
        nlp.add_pipe(name)
    doc = nlp(ZH)
    counts = [(s.text, s._.bulletin["value"], s._.bulletin["unit"]) for s in doc.spans["bulletin_counts"]]
    assert counts == [("宣讲活动36场", 36, "宣讲活动"), ("志愿者1200余人", 1200, "志愿者")]
    for span in doc.spans["bulletin_activities"]:
        assert span.label_ == span._.bulletin["type"]


def test_unknown_language_is_refused_with_a_fix():
    nlp = spacy.blank("en")
    with pytest.raises(ValueError, match="language 'fr' is not one of auto, en, zh"):
        nlp.add_pipe("bulletin_counts", config={"language": "fr"})


def test_one_namespaced_extension_and_no_generic_names():
    components.register_extensions()           # idempotent
    assert spacy.tokens.Span.has_extension("bulletin")
    for generic in ("value", "name", "unit", "activity", "adcode"):
        assert not spacy.tokens.Span.has_extension(generic), generic


def test_the_pipeline_reads_the_incoming_docs_tokens_and_sentences(monkeypatch):
    seen = []

    def record(view):
        seen.append(view.spacy)
        return []

    monkeypatch.setattr("pipeline.extract.counts.en.find_counts_en", record)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("bulletin_counts", config={"language": "en"})
    doc = nlp(EN)
    assert seen == [doc], "with sentences set, the component reads the pipeline's own Doc"
    bare = spacy.blank("en")
    bare.add_pipe("bulletin_counts", config={"language": "en"})
    other = bare(EN)
    assert seen[1] is not other and seen[1].has_annotation("SENT_START")


def test_to_disk_and_from_disk_keep_the_settings(tmp_path):
    nlp = spacy.blank("en")
    nlp.add_pipe("bulletin_counts", config={"language": "en", "spans_key": "figures"})
    nlp.to_disk(tmp_path / "pipe")
    settings = json.loads((tmp_path / "pipe" / "bulletin_counts" / "cfg.json").read_text())
    assert settings["language"] == "en" and settings["spans_key"] == "figures" and settings["data"] is None
    loaded = spacy.load(tmp_path / "pipe")
    doc = loaded(EN)
    assert [s.text for s in doc.spans["figures"]] == ["128 preaching sessions"]
    component = loaded.get_pipe("bulletin_counts")
    assert component.from_bytes(component.to_bytes()).spans_key == "figures"


def test_from_disk_warns_when_the_data_changed(tmp_path):
    import shutil

    data = tmp_path / "configs"
    shutil.copytree(components.Path(components.__file__).resolve().parents[1] / "configs", data)
    nlp = spacy.blank("zh")
    nlp.add_pipe("bulletin_counts", config={"data": str(data)})
    nlp.to_disk(tmp_path / "pipe")
    (data / "zh" / "measure_words.toml").write_text(
        (data / "zh" / "measure_words.toml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="differ from those the pipeline was saved with"):
        spacy.load(tmp_path / "pipe")
