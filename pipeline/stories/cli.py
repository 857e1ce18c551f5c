"""`bulletins stories`: a thin click command over `pipeline.stories.batch.write_stories`."""
from __future__ import annotations

import click


def register_stories_command(main: click.Group) -> None:
    main.add_command(stories)


@click.command()
@click.argument("records", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_path", required=True, type=click.Path(dir_okay=False),
              help="STORIES.jsonl: one line per record (doc_id, story_id, canonical copy, "
                   "evidence, similarity, warnings).")
@click.option("--index", "index_file", default=None, type=click.Path(dir_okay=False),
              help="The story index to use and extend (default: RECORDS.stories.sqlite, beside "
                   "the run's manifest, the one `bulletins run --stories` keeps).")
@click.option("--force", is_flag=True, help="Start the index afresh.")
def stories(records, out_path, index_file, force):
    """Group the records of RECORDS (the JSONL of `bulletins run`) into stories: mirrors,
    other translations, rewrites and a Chinese original with its English versions share a
    story; near misses (same place next month, same campaign next district) do not.

    The index persists, so a later batch's copies join the stories of earlier ones.

    \b
    Examples:
      bulletins run corpus/ -o out/records.jsonl
      bulletins stories out/records.jsonl -o out/stories.jsonl
      bulletins stories batch2.jsonl -o out/stories2.jsonl --index out/records.stories.sqlite
    """
    from pathlib import Path

    from ..errors import ConfigError
    from ..export import ExportError, iter_records
    from .batch import write_stories
    from .config import load_stories_config
    from .index import StoryIndex, StoryIndexError, index_path

    path = Path(index_file) if index_file else index_path(Path(records))
    try:
        config = load_stories_config()
        records_iter = iter_records(records)
        with StoryIndex(path, config, force=force) as index:
            summary = write_stories(_with_source(records_iter), Path(out_path), index, config)
    except (ExportError, StoryIndexError, ConfigError) as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {out_path}: {exc.strerror or exc}; give -o a "
                                   f"file path you can write to") from None
    click.echo(f"{summary['records']} records: {summary['new_stories']} started a story, "
               f"{summary['joined']} joined one; index: {path}", err=True)


def _with_source(records):
    """Records without a content hash (hand-made) are hashed on their text."""
    import hashlib

    for record in records:
        source = record.get("source") or {}
        if not source.get("sha256"):
            digest = hashlib.sha256((record.get("text") or "").encode("utf-8")).hexdigest()
            record = {**record, "source": {**source, "sha256": digest}}
        yield record
