"""Stories: group copies of one bulletin (mirrors, other translations, zh originals and their
English versions) so that each story is counted once. See docs/stories.md.

    from pipeline.stories import StoryIndex, group_records, load_stories_config
    with StoryIndex(None, load_stories_config()) as index:      # None: in memory
        for assignment in group_records(records, index):
            print(assignment.doc_id, assignment.story_id)

Names are imported on first use, so that `bulletins --help` stays fast.
"""
from __future__ import annotations

from importlib import import_module

_WHERE = {
    "Assignment": "assign", "StoryGrouper": "assign", "story_id_for": "assign",
    "group_records": "batch", "write_stories": "batch",
    "StoriesConfig": "config", "load_stories_config": "config",
    "StoryIndex": "index", "StoryIndexError": "index", "index_path": "index",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_WHERE[name]}", __name__), name)
