"""python -m ingest.nlp extract --jsonl FILE...  (no Django, no database)"""
import json
import sys

from ingest.nlp.evaljson import extract_files


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if not args or args[0] != "extract" or len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    for line in extract_files(args[1:]):
        print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
