"""Check that the quick reject leaves ``tickerwire tag`` output byte-identical on the labelled real news.

Runs every labelled real story (and each language's presumed negatives) through the
pipeline with and without the quick reject and compares the written output line by line.
Prints per language the stories compared, how many skipped the tagger, and the differences
(exit status 1 if any). Needs ``make realnews``.

    .venv/bin/python tools/realnews/same_output.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataset import label_languages, labelled_records

from streams.cli import tag_line
from streams.pipeline import Pipeline, default_pipeline
from streams.text import Document


def main() -> int:
    quick = default_pipeline()
    full = Pipeline(quick.linker, quick.tagger, quick_reject=False)
    differ = 0
    for language in label_languages():
        compared = skipped = 0
        before = differ
        for record in labelled_records(language):
            line = orjson.dumps({k: record[k] for k in ("id", "language", "headline", "body")})
            if orjson.dumps(tag_line(quick, line)) != orjson.dumps(tag_line(full, line)):
                differ += 1
                print(f"{language} {record['id']}: output differs")
            compared += 1
            doc = Document(record["headline"], record["body"])
            skipped += not quick.tagger.cues(doc, tag_line(full, line).get("language", language))
        print(
            f"{language}: {compared} stories compared, {skipped} without a cue, "
            f"{differ - before} with a different output"
        )
    print(f"{differ} stories differ")
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
