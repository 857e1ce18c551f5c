"""English counts as rules with reasons: every filter listed in exclusions.toml [rules] drops what
it should, and removing it from the list lets the number through (a second data folder, in the
same process); every dropped number says why, every kept count how its thing was found; the
data files are checked by their models.

Sentences are invented, in the style of machine-translated bulletins.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.extract.counts import find_counts
from pipeline.extract.counts.en_filters import FILTERS
from pipeline.extract.data import DataFiles
from pipeline.extract.decisions import RULES, Trace
from pipeline.extract.doc import DocView

CONFIGS = Path(__file__).resolve().parents[1] / "configs"


def copied_data(tmp_path: Path) -> Path:
    shutil.copytree(CONFIGS / "counts_en", tmp_path / "counts_en")
    shutil.copy(CONFIGS / "taxonomy.toml", tmp_path)     # the linker reads the same folder
    return tmp_path / "counts_en"


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def data_without(tmp_path: Path, rule_id: str) -> DataFiles:
    """A copy of the count data whose filter list lacks `rule_id`."""
    exclusions = copied_data(tmp_path) / "exclusions.toml"
    lines = exclusions.read_text(encoding="utf-8").splitlines()
    kept = [line for line in lines if not line.strip().startswith(f'"{rule_id}",')]
    assert len(kept) == len(lines) - 1, f"{rule_id} is not listed once"
    exclusions.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return DataFiles.at(tmp_path)


def traced(text: str, data: DataFiles | None = None):
    trace = Trace(True)
    found = find_counts(DocView(text, "en", data=data, trace=trace))
    return found, trace.candidates


# Each filter, a sentence it drops a number of, and the count it makes once the filter is gone.
FILTER_CASES = [
    ("count.en.unit_duration", "The volunteers worked 3 months in the village.", (3, "months")),
    ("count.en.unit_age", "The 82-year-old veteran told his story.", (82, "year-old")),
    ("count.en.unit_anniversary", "The town marked the 54 anniversary of the school.", (54, "anniversary")),
    ("count.en.unit_percent", "The rate rose 3 percentage in a year.", (3, "percentage")),
    ("count.en.unit_other", "The water cooled to 18 degrees at night.", (18, "degrees")),
    ("count.en.frequency_or_multiplier", "The branch studies 2 times a month.", (2, "times")),
    ("count.en.decimal_with_integral_unit", "The 3.5 preachers day events were lively.", (3.5, "preachers")),
    ("count.en.masked", "The 12345 hotline volunteers answered the calls.", (12345, "hotline volunteers")),
    ("count.en.slogan_numeral", 'The committee guided "two new" organizations.', (2, 'new" organizations')),
    ("count.en.date_or_year", "On May 4 volunteers cleaned the park.", (4, "volunteers")),
    ("count.en.age_or_position", "The school enrolled level 3 students.", (3, "students")),
    ("count.en.capitalised_name_numeral", "The town launched the Seven Bright households campaign.",
     (7, "Bright households")),
    ("count.en.formula_numeral", "The county carried out one study four acts activities.", (4, "acts activities")),
    ("count.en.titled_name_after", "They visited nine Willow Bank households.", (9, "Willow Bank households")),
]


def test_every_filter_has_a_case_here():
    assert {rule_id for rule_id, _, _ in FILTER_CASES} == set(FILTERS)
    assert all(RULES[rule_id].role == "reject" for rule_id in FILTERS)


@pytest.mark.parametrize("rule_id, text, kept", FILTER_CASES, ids=[c[0] for c in FILTER_CASES])
def test_each_filter_drops_its_number_and_removing_it_lets_the_number_through(tmp_path, rule_id, text, kept):
    found, candidates = traced(text)
    assert found == []
    (cand,) = candidates
    assert not cand.accepted and cand.rejections() == [rule_id] and cand.reasons[-1] == rule_id
    assert RULES[cand.reasons[0]].role == "support"          # where the thing was found
    without = find_counts(DocView(text, "en", data=data_without(tmp_path, rule_id)))
    assert [(c["value"], c["unit"]) for c in without] == [kept]


def test_two_data_folders_in_one_process(tmp_path):
    text = "The volunteers worked 3 months in the village, and 12 lectures were held."
    without = data_without(tmp_path, "count.en.unit_duration")
    for _ in range(2):      # each folder keeps its own lexicon, whatever ran before
        assert [c["value"] for c in find_counts(DocView(text, "en"))] == [12]
        assert [c["value"] for c in find_counts(DocView(text, "en", data=without))] == [3, 12]


# --- reasons on kept and dropped numbers ---------------------------------------------------------

@pytest.mark.parametrize("text, number, reasons", [
    ("The team held 12 lectures in May.", "12", ["count.en.unit_after"]),
    ("Volunteers numbering 300 joined the drive.", "300", ["count.en.unit_before"]),
    ("The shop sold seedlings 150; the rest were planted.", "150", ["count.en.unit_before"]),
    ("By June, 8 of the 20 villages had finished.", "8", ["count.en.unit_of_later_number"]),
    ("The town sent 48 cadres, 9 of whom were new.", "9", ["count.en.partitive_antecedent"]),
    ("It has 60 doctors, of whom 25 are retired nurses.", "25", ["count.en.partitive_copula"]),
    ("A lecture team of 12 people was formed.", "12", ["count.en.unit_after", "count.en.group_before"]),
    ("The clinic sent 25 doctors and young nurses.", "25", ["count.en.unit_after", "count.en.coordinated_people"]),
    ("They paid 80 times of home visits.", "80", ["count.en.unit_after", "count.en.times_of_activity"]),
    ("Six members of the youth lecture team spoke.", "Six", ["count.en.unit_after", "count.en.group_after"]),
])
def test_a_kept_count_says_first_how_its_thing_was_found(text, number, reasons):
    found, candidates = traced(text)
    (cand,) = [c for c in candidates if number in text[c.start:c.end].split()]
    assert cand.accepted and cand.reasons == reasons
    assert cand.item in found and RULES[cand.reasons[0]].role == "support"


@pytest.mark.parametrize("text, number, reason", [
    ("In 2019 the work began.", "2019", "count.en.no_unit"),
    ("Of them, 30 were new.", "30", "count.en.partitive_without_antecedent"),
])
def test_a_number_without_a_thing_says_why(text, number, reason):
    found, candidates = traced(text)
    assert found == []
    (cand,) = candidates
    assert text[cand.start:].startswith(number)
    assert (cand.accepted, cand.reasons, cand.rule) == (False, [reason], "count.en.digits")
    assert cand.item["value"] == int(number)


def test_every_number_is_a_candidate_with_its_suggester():
    text = "Twelve teams held 30 talks on May 4 for about 900 people."
    found, candidates = traced(text)
    assert [(text[c.start:c.end], c.rule, c.accepted) for c in candidates] == [
        ("Twelve teams", "count.en.number_words", True),
        ("30 talks", "count.en.digits", True),
        ("4", "count.en.digits", False),
        ("about 900 people", "count.en.digits", True),
    ]
    assert [c.item for c in candidates if c.accepted] == found


def test_the_trace_is_off_by_default():
    view = DocView("The team held 12 lectures.", "en")
    find_counts(view)
    assert view.trace.candidates == []


# --- the data files' models -----------------------------------------------------------------------

def test_an_unknown_filter_id_is_an_error_naming_the_key(tmp_path):
    edit(copied_data(tmp_path) / "exclusions.toml", '"count.en.masked",', '"count.en.maskd",')
    with pytest.raises(ConfigError, match=r"rules\.filters.*count\.en\.maskd"):
        find_counts(DocView("The team held 12 lectures.", "en", data=DataFiles.at(tmp_path)))


@pytest.mark.parametrize("file, old, new, message", [
    ("units.toml", "[windows]\n", "[windows]\nunit_before_words = 3\n", "unknown key 'windows.unit_before_words'"),
    ("units.toml", 'otherwise = "item"', 'otherwise = "thing"', "guessed_categories.otherwise"),
    ("numbers.toml", "max_number_chars = 40", "max_number_chars = \"many\"", "reading.max_number_chars"),
    ("qualifiers.toml", "[after]\n", "[after]\nexact = [\"sharp\"]\n", "'exact' is what a number"),
    ("exclusions.toml", "'\\bnumber\\s+\\d+\\b',", "'\\bnumber\\s+(\\d+\\b',", "not a valid regular expression"),
    ("unit_stopwords.txt", "\nthe\n", "\nthe\nThe Lot\n", "one lower-case word"),
])
def test_data_files_are_checked_by_their_models(tmp_path, file, old, new, message):
    edit(copied_data(tmp_path) / file, old, new)
    with pytest.raises(ConfigError, match=message):
        find_counts(DocView("The team held 12 lectures.", "en", data=DataFiles.at(tmp_path)))
