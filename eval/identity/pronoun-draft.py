#!/usr/bin/env python3
"""Typing aid for the pronoun gold on tune (polnear-tune-pronouns.tsv): whom the pronoun Source
span of a PolNeAR attribution refers to.

  pronoun-draft.py select SPLIT_SRC > polnear-tune-pronouns.files   the articles and cases (fixed rule)
  pronoun-draft.py view   SPLIT_SRC FILES [FROM [TO]]               the cases to read, with candidates
  pronoun-draft.py apply  SPLIT_SRC FILES REVIEW > polnear-tune-pronouns.tsv

SPLIT_SRC is PolNeAR train. The articles are "tune" (train minus polnear-check.files), sorted,
every 4th (index 0, 4, 8, …), first .ann in sorted order; in each, the attributions whose Source
span is exactly a personal pronoun, in text order, every 3rd (index 0, 3, 6, …). The rule was
fixed before any case was read.

The candidates `view` prints are naive and never come from morgue: capitalised runs of two or
more words before the pronoun (titles cut as draft.py cuts them), most recent first, one per
surname, plus the first such run after it in its own sentence (cataphora). The reviewer reads the
context and writes, per case, `Tn K` (the K-th candidate), `Tn Full Name` (typed), or `Tn ?`
(the article does not say who it is: a generic "you", an unnamed author's "I", a "they" for a
vague group); `@ DOC` opens an article. `apply` refuses a case without a decision.
"""
import glob, os, re, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import draft as D  # noqa: E402

PERSONAL = {"he", "she", "they", "him", "her", "i", "we", "it", "them", "us", "me", "you"}
HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE_STEP, CASE_STEP = 4, 3


def tune_docs(src):
    check = {re.sub(r"_[^_]*\.ann$", "", l.strip())
             for l in open(os.path.join(HERE, "polnear-check.files")) if l.strip()}
    out = []
    for t in sorted(glob.glob(os.path.join(src, "text", "*.txt"))):
        doc = os.path.basename(t)[:-4]
        anns = sorted(glob.glob(os.path.join(src, "attributions", doc + "_*.ann")))
        if doc not in check and anns:
            out.append((doc, os.path.basename(anns[0])))
    return out


def is_direct(text, c):
    """whether a Content span holds a quotation mark (a direct quote, or reported speech with a
    quoted fragment)"""
    span = text[c[2]:c[3]]
    return any(ch in span for ch in "“”\"") or "''" in span


def cases(src, doc, ann):
    """(content id, source id, source span) of the pronoun Sources chosen, in text order: every
    3rd (index 0, 3, …), and, in a second pass, those at index 1, 4, … whose Content holds a
    quotation mark (the learned resolver decides direct quotes' speakers only)."""
    text = open(os.path.join(src, "text", doc + ".txt"), encoding="utf-8").read()
    spans, events = D.read_ann(os.path.join(src, "attributions", ann))
    rows = []
    for ev in events:
        s, c = spans.get(ev.get("Source")), spans.get(ev.get("Content"))
        if s and c and text[s[2]:s[3]].strip().lower() in PERSONAL:
            rows.append((s[2], ev["Content"], ev["Source"], s, is_direct(text, c)))
    rows.sort()
    keep = [r[:4] for i, r in enumerate(rows)
            if i % CASE_STEP == 0 or (i % CASE_STEP == 1 and r[4])]
    return text, spans, keep


def runs_with_pos(text):
    """capitalised runs (as draft.caprun_list) with their end offsets."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line, base = m.group(0), m.start()
        for r in D.caprun_list(line):
            i = line.find(r.split()[0])
            out.append((base + i, r))
    return out


def candidates(text, at, after_to):
    lower = frozenset(re.findall(r"\b[a-z]+\b", text))
    body_start = text.find("\n") + 1
    names = D.names_in(text)
    seen, out = set(), []
    runs = runs_with_pos(text)
    for pos, r in reversed([x for x in runs if body_start <= x[0] < at]):
        c = D.clean(r, lower)
        if not c or len(c.split()) < 2 and not c.istitle():
            continue
        full, _ = D.expand(c.split()[-1], names) if len(c.split()) == 1 else (c, "")
        key = full.split()[-1].lower()
        if key in seen or full.lower() in D.LEAD:
            continue
        seen.add(key); out.append(full)
        if len(out) == 7:
            break
    for pos, r in [x for x in runs if at < x[0] < after_to]:
        c = D.clean(r, lower)
        if c and c.split()[-1].lower() not in seen and len(c.split()) >= 2:
            out.append(c + " (after)")
            break
    return out


def main():
    cmd, src = sys.argv[1], sys.argv[2]
    if cmd == "select":
        for i, (doc, ann) in enumerate(tune_docs(src)):
            if i % ARTICLE_STEP == 0:
                print(ann)
        return
    files = [l.strip() for l in open(sys.argv[3]) if l.strip()]
    if cmd == "view":
        lo = int(sys.argv[4]) if len(sys.argv) > 4 else 0
        hi = int(sys.argv[5]) if len(sys.argv) > 5 else 10 ** 9
        n = 0
        for ann in files:
            doc = re.sub(r"_[0-9a-f]{4}\.ann$", "", ann)
            text, spans, cs = cases(src, doc, ann)
            for _, cid, sid, s in cs:
                n += 1
                if not lo <= n - 1 < hi:
                    continue
                a, b = s[2], s[3]
                end = text.find("\n", b)
                end = len(text) if end < 0 else min(end, b + 250)
                start = max(text.rfind("\n", 0, max(0, a - 900)) + 1, 0)
                ctx = text[start:a] + "«" + text[a:b] + "»" + text[b:end]
                print("=== #%d @ %s %s" % (n - 1, doc, cid))
                print(ctx.strip())
                for k, c in enumerate(candidates(text, a, end), 1):
                    print("  %d %s" % (k, c))
        return
    if cmd == "apply":
        dec, doc = {}, None
        for ln, line in enumerate(open(sys.argv[4]), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                doc = line[1:].strip(); continue
            tid, _, ref = line.strip().partition(" ")
            if doc is None or not re.fullmatch(r"T\d+", tid) or not ref.strip():
                sys.exit("apply: %s:%d: cannot read %r" % (sys.argv[4], ln, line))
            dec[(doc, tid)] = ref.strip()
        print("doc\tann\tcontent\tsource\toffsets\tpronoun\treference")
        used = set()
        for ann in files:
            doc = re.sub(r"_[0-9a-f]{4}\.ann$", "", ann)
            text, spans, cs = cases(src, doc, ann)
            for _, cid, sid, s in cs:
                ref = dec.get((doc, cid))
                if ref is None:
                    sys.exit("apply: %s %s has no decision" % (doc, cid))
                used.add((doc, cid))
                if re.fullmatch(r"\d+", ref):
                    end = text.find("\n", s[3]); end = len(text) if end < 0 else min(end, s[3] + 250)
                    ref = candidates(text, s[2], end)[int(ref) - 1].replace(" (after)", "")
                if ref != "?" and ref not in text:
                    print("apply: note: %s %s: %r is not written so in the article" % (doc, cid, ref),
                          file=sys.stderr)
                print("\t".join([doc, ann, cid, sid, s[1], text[s[2]:s[3]].strip().lower(), ref]))
        for k in set(dec) - used:
            sys.exit("apply: review row %s %s matches no case" % k)
        return
    sys.exit(__doc__)


if __name__ == "__main__":
    main()
