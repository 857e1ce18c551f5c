"""`bulletins run --stories`: each record gets its `story_id` as it is written, against the
index beside the run's manifest (OUT.stories.sqlite; in memory for standard output)."""
from __future__ import annotations

from pathlib import Path

from .assign import StoryGrouper
from .config import load_stories_config
from .index import StoryIndex, StoryIndexError, index_path


class RunStories:
    def __init__(self, output: str | None, force: bool, manifest_has_entries: bool):
        path = index_path(Path(output)) if output and output != "-" else None
        if path is not None and not force and manifest_has_entries and not path.exists():
            raise StoryIndexError(f"{output} was written without --stories, so its records have no "
                                  f"story: re-run with --force to group them all")
        self.index = StoryIndex(path, load_stories_config(), force=force)
        self.grouper = StoryGrouper(self.index, self.index.config)

    def annotate(self, record: dict) -> dict:
        """The record with its story id, and a warning for each figure a copy disagrees with."""
        assignment = self.grouper.assign(record)
        self.index.commit()     # before the manifest commits the record: a resumed run agrees
        record["story_id"] = assignment.story_id
        if assignment.warnings:
            record["warnings"] = list(record.get("warnings") or []) + assignment.warnings
        return record

    def close(self) -> None:
        self.index.close()
