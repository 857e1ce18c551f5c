from pipeline.offsets import Alignment, Edit, apply_edits


def test_apply_edits_replaces_and_maps_back():
    raw = "By admin\nHello  world.The end"
    text, step = apply_edits(raw, [Edit(0, 9, ""), Edit(14, 16, " "), Edit(22, 22, " ")])
    assert text == "Hello world. The end"
    alignment = Alignment([step])
    start = text.index("world")
    assert alignment.to_raw(start, start + 5) == (raw.index("world"), raw.index("world") + 5)
    end = text.index("end")
    assert raw[slice(*alignment.to_raw(end, end + 3))] == "end"


def test_two_steps_compose():
    raw = "a\u200bb  c"
    t1, s1 = apply_edits(raw, [Edit(1, 2, "")])          # "ab  c"
    t2, s2 = apply_edits(t1, [Edit(2, 4, " ")])          # "ab c"
    assert t2 == "ab c"
    alignment = Alignment([s1, s2])
    assert raw[slice(*alignment.to_raw(3, 4))] == "c"
    assert alignment.to_raw(0, 2) == (0, 3)             # the removed character lies inside


def test_replaced_span_maps_to_whole_replaced_range():
    raw = "The â€œFive Oldâ€\x9d report"
    text, step = apply_edits(raw, [Edit(4, 7, "\u201c")])
    assert Alignment([step]).to_raw(4, 5) == (4, 7)


def test_alignment_round_trips_through_lists():
    _, step = apply_edits("abc  d", [Edit(3, 5, " ")])
    alignment = Alignment.from_list(Alignment([step]).to_list())
    assert alignment.to_raw(4, 5) == (5, 6)
