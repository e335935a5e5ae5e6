#!/usr/bin/env python3
"""Per-sieve speaker precision and recall on a PolNeAR split, from `morgue extract --json` output.

  scripts/sieve-eval.py SPLIT_DIR RAW.jsonl

Every predicted quote names the sieve that found its speaker in `how`. A predicted quote matches a
gold Content span when their char spans overlap by at least half the shorter one (one-to-one, as
the shared scorers match, greedily in the order of the predictions). For each kind (direct: gold content holding a double quotation mark;
indirect: the rest) and each sieve:
  quotes     predicted quotes carrying that `how`
  matched    of those, matched to a gold quote that has a Source span
  right      of those, whose speaker mention overlaps the gold Source span
  P          right / matched: how often the sieve's speaker is the annotated one
  R          right / gold quotes of that kind with a Source: the sieve's share of all speakers
Quotes without a speaker are counted on the line "(none)".
"""
import collections, glob, json, os, re, sys

QCH = re.compile('["\u201c\u201d]')


def load_gold(split):
    gold = {}
    for t in sorted(glob.glob(os.path.join(split, "text", "*.txt"))):
        name = os.path.basename(t)[:-4]
        text = open(t, encoding="utf-8").read()
        spans, events = {}, []
        for a in sorted(glob.glob(os.path.join(split, "attributions", name + "_*.ann")))[:1]:
            for line in open(a, encoding="utf-8"):
                parts = line.rstrip("\n").split("\t")
                if parts[0].startswith("T") and len(parts) > 1:
                    kind, *offs = parts[1].split(" ")
                    nums = [int(x) for x in re.split("[ ;]", " ".join(offs)) if x.isdigit()]
                    if nums:
                        spans[parts[0]] = (kind, min(nums), max(nums))
                elif parts[0].startswith("E") and len(parts) > 1:
                    events.append(dict(r.split(":", 1) for r in parts[1].split() if ":" in r))
        quotes = []
        for ev in events:
            c = spans.get(ev.get("Content"))
            if not c:
                continue
            s = spans.get(ev.get("Source"))
            quotes.append({"span": (c[1], c[2]), "direct": bool(QCH.search(text[c[1]:c[2]])),
                           "src": (s[1], s[2]) if s else None})
        gold[name] = {"text": text, "quotes": quotes}
    return gold


def char_span(field_text, base, b0, b1):
    fb = field_text.encode("utf-8")
    return (base + len(fb[:max(0, b0)].decode("utf-8", "ignore")),
            base + len(fb[:max(0, b1)].decode("utf-8", "ignore")))


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main(split, raw):
    gold = load_gold(split)
    rows = collections.defaultdict(lambda: [0, 0, 0])  # (kind, how) -> quotes, matched, right
    with_src = collections.Counter()
    for line in open(raw):
        d = json.loads(line)
        name = os.path.splitext(os.path.basename(d.get("path", "")))[0]
        g = gold.get(name)
        if not g:
            continue
        base = {}
        for field in ("title", "body"):
            ft = d.get(field) or ""
            i = g["text"].find(ft[:80]) if ft else -1
            base[field] = (ft, max(i, 0))
        for direct in (True, False):
            kind = "direct" if direct else "indirect"
            gq = [q for q in g["quotes"] if q["direct"] == direct]
            with_src[kind] += sum(1 for q in gq if q["src"])
            used = set()
            for q in d.get("quotes", []):
                if (q.get("kind", "direct") != "indirect") != direct:
                    continue
                ft, b = base.get(q.get("field", "body"), base["body"])
                ps = char_span(ft, b, q["start"], q["end"])
                how = q.get("how") or "(none)"
                row = rows[(kind, how)]
                row[0] += 1
                best = next((i for i, x in enumerate(gq) if i not in used and overlap(x["span"], ps)
                             >= max(1, 0.5 * min(x["span"][1] - x["span"][0], ps[1] - ps[0]))), None)
                if best is None:
                    continue
                used.add(best)
                if not gq[best]["src"]:
                    continue
                row[1] += 1
                if q.get("speaker_start") is not None and q.get("speaker"):
                    ss = char_span(ft, b, q["speaker_start"], q["speaker_end"])
                    row[2] += overlap(ss, gq[best]["src"]) > 0
    print("%-8s %-18s %6s %7s %6s %7s %7s" % ("kind", "how", "quotes", "matched", "right", "P", "R"))
    for (kind, how), (n, m, r) in sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[1][0])):
        p = "%.3f" % (r / m) if m else "-"
        rc = "%.3f" % (r / with_src[kind]) if with_src[kind] and how != "(none)" else "-"
        print("%-8s %-18s %6d %7d %6d %7s %7s" % (kind, how, n, m, r, p, rc))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
