"""Assign each record to a story, one record at a time, against the persistent index.

A record joins the story of its strongest link (text over facts over date and place) unless
it conflicts with a member of that story; otherwise it starts a story of its own. Stories are
never merged afterwards, so a story id once written stays valid: a later batch's copies join
earlier stories, and re-running a record (same content) gives it its story again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .config import StoriesConfig, load_stories_config
from .disagree import disagreements
from .facts import record_facts
from .index import Indexed, StoryIndex
from .match import Link, compare, conflicts
from .text import jaccard, signature


@dataclass
class Assignment:
    doc_id: str
    story_id: str
    evidence: list[dict] = field(default_factory=list)    # links to the copies it joined through
    similarity: float = 0.0                               # best estimated text Jaccard
    warnings: list[str] = field(default_factory=list)     # figures that disagree with a copy
    new_story: bool = True


def story_id_for(sha256: str) -> str:
    """A story is named after the content of the record that started it."""
    return f"story-{sha256[:12]}"


class StoryGrouper:
    def __init__(self, index: StoryIndex, config: StoriesConfig | None = None):
        self.index = index
        self.config = config or load_stories_config()

    def assign(self, record: dict) -> Assignment:
        config, index = self.config, self.index
        sha = record["source"]["sha256"]
        known = index.by_sha256(sha)
        if known is not None:           # the same bytes again: same story
            return Assignment(record["doc_id"], known.story,
                              [{"kind": "same_content", "doc_id": known.doc_id}], 1.0, [], False)
        facts = record_facts(record, config)
        sig = signature(record.get("text") or "", config.text)
        links: list[tuple[Link, Indexed]] = []
        best_similarity = 0.0
        for other in index.fetch(index.candidates(sig, facts)):
            sim = jaccard(sig, other.sig)
            best_similarity = max(best_similarity, sim)
            link = compare(facts, other.facts, sim, config)
            if link is not None:
                links.append((link, other))
        by_story: dict[str, list[tuple[Link, Indexed]]] = {}
        for link, other in links:
            by_story.setdefault(other.story, []).append((link, other))
        ranked = sorted(by_story.items(), key=lambda kv: max(l.rank for l, _ in kv[1]), reverse=True)
        for story, story_links in ranked:
            strongest = max(l.rank for l, _ in story_links)
            if strongest[0] < 2 and self._conflicts_with_story(facts, sig, story, story_links):
                continue
            story_links.sort(key=lambda lo: lo[0].rank, reverse=True)
            evidence = [{"doc_id": o.doc_id, **l.evidence()} for l, o in story_links]
            warnings = []
            if config.disagreement.enabled:
                for _, other in story_links:
                    warnings += [d.warning() for d in disagreements(facts, other.facts, other.doc_id, story)]
            index.add(record, story, facts, sig)
            return Assignment(record["doc_id"], story, evidence, best_similarity,
                              list(dict.fromkeys(warnings)), False)
        story = story_id_for(sha)
        index.add(record, story, facts, sig)
        return Assignment(record["doc_id"], story, [], best_similarity, [], True)

    def _conflicts_with_story(self, facts, sig, story: str, story_links) -> bool:
        """A record joining on facts alone must not conflict with any copy already in the story
        (a text copy is one by its words; a facts link to one copy is not a link to all)."""
        linked = {o.id for _, o in story_links}
        for member in self.index.members(story, self.config.index.max_members_checked):
            if member.id in linked:
                continue
            if jaccard(sig, member.sig) >= self.config.text.join:
                continue
            if conflicts(facts, member.facts, self.config.dates.near_days):
                return True
        return False
