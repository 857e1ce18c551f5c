"""Stories: group copies of one bulletin (mirrors, other translations, zh originals and their
English versions) so that each story is counted once. See docs/stories.md.

    from pipeline.stories import group_records
    assignments = group_records(records, index_path=None)   # in memory
"""
from __future__ import annotations

from .assign import Assignment, StoryGrouper, story_id_for
from .batch import group_records, write_stories
from .config import StoriesConfig, load_stories_config
from .index import StoryIndex, StoryIndexError, index_path

__all__ = ["Assignment", "StoryGrouper", "StoryIndex", "StoryIndexError", "StoriesConfig",
           "group_records", "index_path", "load_stories_config", "story_id_for", "write_stories"]
