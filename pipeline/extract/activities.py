"""Activity types (first version: keyword cues; the activities issue replaces it)."""
from __future__ import annotations

_CUES = {
    "preaching": ("preach", "宣讲"),
    "study_session": ("study", "学习"),
    "volunteer_service": ("volunteer", "志愿服务"),
}


def find_activities(text: str, language: str) -> list[dict]:
    lowered = text.lower()
    found = []
    for type_id, cues in _CUES.items():
        mentions = []
        for cue in cues:
            start = lowered.find(cue)
            if start >= 0:
                mentions.append([start, start + len(cue)])
        if mentions:
            found.append({"type": type_id, "mentions": sorted(mentions)})
    return found


def activity_for_unit(unit: str, context: str, language: str) -> str | None:
    """The taxonomy type of a counted thing (`preaching activities` -> preaching), or None."""
    return None
