#!/usr/bin/env python3
"""Re-count a hand-judged entity list (eval/entities/README.md).

usage: count.py DIR JUDGED.tsv [JUDGED.tsv...] [--top N]

DIR holds ARCHIVE-KIND.json files, each the output of
`morgue entities --index ARCHIVE --kind KIND --top 60 --json`. Every listed name takes the
verdict JUDGED.tsv gives it for that archive and kind; names it does not judge are printed
as "?" for a person to judge (add them to a new TSV), and counted apart. A later file's
verdict on a name overrides an earlier one's.
"""
import collections
import json
import os
import sys

CLASSES = ["junk", "split", "merge", "first", "poss", "alias"]


def main():
    args = sys.argv[1:]
    top = 60
    if "--top" in args:
        i = args.index("--top")
        top = int(args[i + 1])
        del args[i : i + 2]
    folder, judged = args[0], args[1:]
    verdicts = {}
    for path in judged:
        for line in open(path, encoding="utf-8").read().splitlines()[1:]:
            archive, kind, _rank, name, _n, verdict = line.split("\t")
            verdicts[(archive, kind, name)] = verdict
    print("| list | " + " | ".join(CLASSES) + " | unjudged |")
    print("|---|" + "---|" * (len(CLASSES) + 1))
    unjudged = []
    for f in sorted(os.listdir(folder)):
        if not f.endswith(".json") or "-" not in f:
            continue
        archive, kind = f[:-5].rsplit("-", 1)
        entities = json.load(open(os.path.join(folder, f), encoding="utf-8"))["entities"][:top]
        c = collections.Counter()
        for e in entities:
            v = verdicts.get((archive, kind, e["name"]), "?")
            c[v] += 1
            if v == "?":
                unjudged.append((archive, kind, e["name"], e["articles"]))
        row = [str(c[k]) for k in CLASSES] + [str(c["?"])]
        print(f"| {archive} {kind} (top {len(entities)}) | " + " | ".join(row) + " |")
    for a, k, n, arts in unjudged:
        print(f"?\t{a}\t{k}\t{n}\t{arts}")


if __name__ == "__main__":
    main()
