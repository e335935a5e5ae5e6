#!/usr/bin/env python3
"""The BBC pronoun gold's typing aid (see README.md, "Pronoun antecedents on BBC"):

  eval/identity/bbc-pronouns.py view [BBC_DIR]   print every case with its context and the rules' answer
  eval/identity/bbc-pronouns.py tsv  [BBC_DIR]   write bbc-pronouns.tsv from bbc-pronouns.review

The cases (fixed before any was read): the BBC article files in sorted path order, every 30th
(index 0, 30, 60, …: bbc-pronouns.files), and in each every "he"/"she" that morgue's extraction
resolves as the speaker mention of a quote (examples/pronoun_cases.rs, as built from the commit
that added this file; the cases depend on the extraction, so a later build may choose others:
the tsv keeps the ones read). The review file holds one line per case in text order
under `@ FILE`: the referent's fullest name in the article, or `?` when the article does not
name who it is. Offsets in the tsv are characters of the file as read (UTF-8, Latin-1 fallback).
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))
repo = os.path.dirname(os.path.dirname(here))
STEP = 30


def bbc_dir():
    if len(sys.argv) > 2:
        return sys.argv[2]
    shared = os.environ.get("SHARED") or os.path.join(repo, "..", "shared")
    return os.path.join(shared, "corpora", "bbc")


def files(root):
    out = []
    for d in sorted(os.listdir(root)):
        p = os.path.join(root, d)
        if os.path.isdir(p):
            out += [d + "/" + f for f in sorted(os.listdir(p)) if f.endswith(".txt")]
    return out[::STEP]


def read(path):
    b = open(path, "rb").read()
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return b.decode("latin-1")


def cases(root, rels):
    """(file, char start, char end, pronoun, the rules' answer, text) per dumped case"""
    exe = os.path.join(repo, "target", "debug", "examples", "pronoun_cases")
    subprocess.run(["cargo", "build", "--quiet", "--example", "pronoun_cases"], cwd=repo, check=True)
    out = subprocess.run([exe] + [os.path.join(root, r) for r in rels], check=True,
                         capture_output=True, text=True).stdout
    rows = []
    for line in out.splitlines():
        d = json.loads(line)
        rel = os.path.relpath(d["path"], root)
        text = read(os.path.join(root, rel))
        body = d["body"]
        st = max(text.find(body[:80]), 0) if body else 0
        bb = body.encode("utf-8")
        to_char = lambda b: st + len(bb[:b].decode("utf-8", "ignore"))
        for c in d["cases"]:
            s, e = to_char(c["start"]), to_char(c["end"])
            rows.append((rel, s, e, text[s:e].lower(), c["rule"], text))
    return rows


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "view"
    root = bbc_dir()
    rels = files(root)
    with open(os.path.join(here, "bbc-pronouns.files"), "w") as f:
        f.write("".join(r + "\n" for r in rels))
    rows = cases(root, rels)
    if cmd == "view":
        last = None
        for rel, s, e, p, rule, text in rows:
            if rel != last:
                print("@ " + rel)
                last = rel
            lo = max(0, s - 700)
            print("----- %s %d\n...%s[[%s]]%s..." % (rel, s, text[lo:s], text[s:e],
                                                  text[e:e + 120].split("\n")[0]))
            print("  rules:", rule)
        return
    review, cur = {}, None
    for line in open(os.path.join(here, "bbc-pronouns.review"), encoding="utf-8"):
        line = line.rstrip("\n")
        if line.startswith("@ "):
            cur = line[2:]
            review[cur] = []
        elif line.strip():
            review[cur].append(line.strip())
    with open(os.path.join(here, "bbc-pronouns.tsv"), "w", encoding="utf-8") as f:
        f.write("file\toffsets\tpronoun\treference\n")
        seen = {}
        for rel, s, e, p, _, _ in rows:
            i = seen.get(rel, 0)
            seen[rel] = i + 1
            f.write("%s\t%d %d\t%s\t%s\n" % (rel, s, e, p, review[rel][i]))


if __name__ == "__main__":
    main()
