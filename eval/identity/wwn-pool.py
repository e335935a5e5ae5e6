#!/usr/bin/env python3
"""The article pools the worldwide-news identity golds were drawn from (README.md), and a check
that the sets are disjoint. Reads only file names and counts double marks; never runs morgue.

  wwn-pool.py            print the pool sizes, check wwn-check.files, wwn-tune.files and
                         wwn-tune2.files against their rules and that no two sets (nor wwn-tune2
                         and wwn-check's held-out pool) share an article
  wwn-pool.py tune2      print the 50 articles of wwn-tune2's rule, one a line
  wwn-pool.py tune3      print the 50 articles of wwn-tune3's rule, in its order, one a line

Pools: the sorted `processed_annotated/` names; `scripts/ner-data` holds out index 4, 9, 14, …
(215 files) and trains NER on the rest (860); of each, the files whose original text holds at
least two double quotation marks (", “ or ”). wwn-check: held-out pool, every 3rd from index 0
(50). wwn-tune: training pool, every 13th from index 0, first 50. wwn-tune2: training pool, every
13th from index 6, first 50 (index 6, 19, …, 643). wwn-tune2.files may be a prefix of its rule
(articles are annotated in that order). wwn-tune3 (a gold for the pronoun gate, rich in quotes
attributed with he/she): the training pool without all 50 of wwn-tune's and wwn-tune2's rules
(571 files), ranked by how often PRONOUN_TAG matches (a closing mark then "he said", or "she
added:" then an opening mark; most first, then by name), first 50; wwn-tune3.files may be a
prefix of that order.
"""
import os, re, sys

PRONOUN_TAG = re.compile(
    r'[\u201d"],?\s+(?:he|she)\s+(?:said|says|added|adds|told|explained|noted|stated|continued|asked|'
    r'recalled|insisted|argued|warned|wrote|stressed)\b'
    r'|\b(?:he|she)\s+(?:said|says|added|adds|told \w+|explained|noted|stated|continued)[,:]\s*[\u201c"]', re.I)

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("SHARED") or os.path.join(HERE, "..", "..", "..", "shared")
WWN = os.path.join(SHARED, "corpora", "ner-worldwide-news")


def pools():
    names = sorted(os.listdir(os.path.join(WWN, "processed_annotated")))

    def marked(n):
        t = open(os.path.join(WWN, "original_articles", n[:-4]), encoding="utf-8").read()
        return sum(t.count(c) for c in '"\u201c\u201d') >= 2
    train = [n[:-4] for i, n in enumerate(names) if i % 5 != 4 and marked(n)]
    held = [n[:-4] for i, n in enumerate(names) if i % 5 == 4 and marked(n)]
    return names, train, held


def tune3(train):
    taken = set(train[0::13][:50]) | set(train[6::13][:50])

    def tags(n):
        return len(PRONOUN_TAG.findall(open(os.path.join(WWN, "original_articles", n), encoding="utf-8").read()))
    return [n for _, n in sorted((-tags(n), n) for n in train if n not in taken)][:50]


def listed(name):
    path = os.path.join(HERE, name + ".files")
    return [l.strip() for l in open(path) if l.strip()] if os.path.exists(path) else []


def main():
    names, train, held = pools()
    rules = {"wwn-check": held[0::3][:50], "wwn-tune": train[0::13][:50], "wwn-tune2": train[6::13][:50],
             "wwn-tune3": tune3(train)}
    if sys.argv[1:] in (["tune2"], ["tune3"]):
        print("\n".join(rules["wwn-" + sys.argv[1]]))
        return
    if sys.argv[1:]:
        sys.exit(__doc__)
    print("%d files; NER-training pool %d, held-out pool %d (>= 2 double marks)" % (len(names), len(train), len(held)))
    ok = True
    sets = {}
    for s, rule in rules.items():
        got = listed(s)
        good = got == rule[:len(got)] and (s in ("wwn-tune2", "wwn-tune3") or len(got) == 50)
        ok &= good
        sets[s] = set(got)
        print("%s.files: %d articles, %s its rule" % (s, len(got), "follows" if good else "DOES NOT follow"))
    for a in sets:
        for b in sets:
            if a < b:
                n = len(sets[a] & sets[b])
                ok &= n == 0
                print("%s & %s: %d shared" % (a, b, n))
    for s in ("wwn-tune2", "wwn-tune", "wwn-tune3"):
        n = len(set(rules[s]) & set(held))
        ok &= n == 0
        print("%s (all 50 of its rule) & wwn-check's held-out pool: %d shared" % (s, n))
    n = len(set(rules["wwn-tune2"]) & set(rules["wwn-tune"]))
    ok &= n == 0
    print("wwn-tune2 & wwn-tune (both rules, all 50): %d shared" % n)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
