#!/usr/bin/env python3
"""Typing aid for the identity gold: drafts one reference per PolNeAR attribution, and renders
each article with its attributions marked so a person can review every row by reading.

  draft.py draft SPLIT_SRC FILES.txt > draft.tsv     one row per attribution (see README.md)
  draft.py view  SPLIT_SRC FILES.txt DRAFT.tsv OUTDIR one review page per article
  draft.py apply SPLIT_SRC DRAFT.tsv REVIEW.txt > gold.tsv  the draft with the review applied

SPLIT_SRC is a PolNeAR split (text/, attributions/); FILES.txt lists the .ann file names to use,
one per article. The draft is deliberately naive and never calls morgue: full names are copied
from the Source span, a surname or honorific form is expanded to the longest capitalised name in
the same article that ends with it, and everything else (pronouns, descriptions, continuations)
gets a guess marked `?` that the reviewer must confirm or replace. The gold is the reviewed file,
not this draft.
"""
import os, re, sys

REC = re.compile(r"^[A-Z#]\d*\t")
# words that precede a name in a Source span and are never part of it (titles, roles, parties)
LEAD = set("""mr mr. mrs mrs. ms ms. dr dr. sen sen. sens. rep rep. reps. gov gov. lt lt. gen gen.
rev rev. retired president vice senator speaker house senate majority minority leader chairman
chairwoman secretary attorney general judge justice sheriff mayor governor former democratic
republican gop independent libertarian green party candidate nominee presidential state sgt. col.
capt. adm. chief executive ceo sir rabbi father pastor bishop pope prof. professor the a an u.s.
first lady director spokesman spokeswoman press campaign manager chair adviser advisor
commissioner air force army navy marine rt. hon. dem. democrat""".split())
# a capitalised run may start with a sentence-initial function word ("What Mr. Obama")
FUNC = set("""what should when but although and as if both another unlike even in according only not
no this these those some many most several few other one every all each after before while since
because so then there here yet now still also however though railing hold""".split())
PRON = {"he", "she", "his", "her", "him", "they", "them", "their", "it", "its", "i", "we", "you",
        "me", "my", "our", "us", "who", "which", "that", "whose", "whom"}
ABBR = {"mr.", "mrs.", "ms.", "dr.", "jr.", "sr.", "st.", "sen.", "rep.", "gov.", "gen.", "lt.",
        "rev.", "col.", "capt.", "sgt.", "prof.", "u.s.", "sens.", "reps."}
PARTICLE = {"de", "van", "von", "da", "del", "la", "bin", "al"}


def caprun_list(text):
    """maximal runs of capitalised words on one line; a sentence-final period or a comma ends a
    run, an abbreviation (Mr.) or an initial (D.) does not."""
    runs = []
    for line in text.split("\n"):
        cur = []
        for tok in line.split():
            t = tok.strip("\"“”‘()[]")
            if t and (t[0].isupper() or (cur and t in PARTICLE)):
                end = t.endswith((",", ";", ":", "!", "?")) or (
                    t.endswith(".") and t.lower() not in ABBR and not re.fullmatch(r"[A-Z]\.", t)
                    and not re.fullmatch(r"(?:[A-Z]\.)+", t))
                cur.append(t.rstrip(",;:!?") if not t.endswith(".") or not end else t[:-1])
                if end:
                    runs.append(" ".join(cur)); cur = []
            else:
                if cur:
                    runs.append(" ".join(cur))
                cur = []
        if cur:
            runs.append(" ".join(cur))
    return runs


def read_ann(path):
    """brat records of one .ann; a span text with a line break leaves a non-record line, skipped."""
    spans, events = {}, []
    for line in open(path, encoding="utf-8"):
        if not REC.match(line):
            continue
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T"):
            kind, offs = parts[1].split(" ", 1)
            nums = [int(x) for x in re.split("[ ;]", offs) if x]
            spans[parts[0]] = (kind, offs, min(nums), max(nums))
        elif parts[0].startswith("E"):
            events.append(dict(r.split(":", 1) for r in parts[1].split() if ":" in r))
    return spans, events


def clean(run, lower=frozenset()):
    """a capitalised run without its titles and roles: everything up to the last title word goes
    (Wells Fargo CEO John Stumpf -> John Stumpf), and a sentence-initial function word (What,
    Although)."""
    ws = run.replace("’s", "").replace("'s", "").split()
    cut = [i for i, w in enumerate(ws[:-1]) if w.lower().strip(",") in LEAD]
    if cut:
        ws = ws[cut[-1] + 1:]
    while len(ws) > 1 and ws[0].lower() in FUNC:
        ws.pop(0)
    while ws and ws[-1].lower().strip(",") in LEAD - {"jr.", "sr."}:
        ws.pop()
    return " ".join(ws).strip(" ,.") if ws else ""


def names_in(text):
    """every capitalised run of two or more words in the article, cleaned of leading titles."""
    out = []
    body = text.split("\n", 1)[-1]  # the headline is in title case: no names from it
    lower = frozenset(re.findall(r"\b[a-z]+\b", body))
    for r in caprun_list(body):
        c = clean(r, lower)
        if len(c.split()) >= 2:
            out.append(c)
    return out


def expand(word, names):
    """longest article name ending with `word` (a surname); None when two different ones exist."""
    w = word.lower()
    hits = {}
    for n in names:
        ws = n.split()
        low = [x.lower().strip(",.") for x in ws]
        if w in low:
            cut = " ".join(ws[:low.index(w) + 1])
            if low.index(w) + 1 < len(ws) and low[low.index(w) + 1] in ("jr.", "jr", "sr.", "iii"):
                cut += " " + ws[low.index(w) + 1]
            if len(cut.split()) >= 2:
                hits[cut] = hits.get(cut, 0) + 1
    if not hits:
        return word, "surname"
    best = max(hits, key=lambda k: (len(k), hits[k]))
    # two different first names for one surname (Bill vs Hillary Clinton): flag it
    firsts = {h.split()[0].lower() for h in hits if len(h.split()) >= 2}
    return best, "surname" if len(firsts) <= 1 else "surname?"


def draft_doc(src, ann):
    stem = re.sub(r"_[0-9a-f]{4}\.ann$", "", ann)
    text = open(os.path.join(src, "text", stem + ".txt"), encoding="utf-8").read()
    spans, events = read_ann(os.path.join(src, "attributions", ann))
    names = names_in(text)
    lower = frozenset(re.findall(r"\b[a-z]+\b", text))
    rows = []
    for ev in events:
        c = spans.get(ev.get("Content"))
        if not c:
            continue
        s = spans.get(ev.get("Source"))
        rows.append([c[2], ev["Content"], c[1], s])
    rows.sort(key=lambda r: r[0])
    out, prev = [], ""
    for start, cid, offs, s in rows:
        if s is None:
            ref, how = prev + "?", "continuation"
        else:
            st = text[s[2]:s[3]]
            head = re.split(r",|\s\(|\swho\s", st)[0]
            low = head.lower().strip()
            if low in PRON:
                # relative pronoun: the name just before it; personal pronoun: the last referent
                if low in ("who", "which", "that", "whose"):
                    before = caprun_list(text[max(0, s[2] - 80):s[2]])
                    ref = clean(before[-1], lower) if before else prev
                else:
                    ref = prev
                ref, how = (ref or "") + "?", "pronoun"
            else:
                runs = [clean(r, lower) for r in caprun_list(head)]
                runs = [r for r in runs if r]
                if runs and head[:1].isupper() or runs and not re.match(r"(a|an|the|some|one|many|his|her|its|their)\s", head):
                    run = runs[-1]
                    if run.isupper() and len(run) > 3:
                        run = run.title()
                    if len(run.split()) == 1:
                        ref, how = expand(run, names)
                    else:
                        ref, how = run, "name"
                    if how.endswith("?"):
                        ref, how = ref + "?", how[:-1]
                else:
                    ref, how = low + "?", "description"
        out.append((stem, ann, cid, offs, ref, how))
        if not ref.endswith("?") and ref[:1].isupper():
            prev = ref
        elif ref.endswith("?") and ref[:1].isupper():
            prev = ref[:-1]
    return out


def how_of(text, s, ref):
    """what the reference was resolved from, read off the Source span and the reviewed name."""
    if s is None:
        return "continuation"
    st = text[s[2]:s[3]]
    head = re.split(r",|\s\(|\swho\s", st)[0].lower().strip()
    if head in PRON:
        return "pronoun"
    if not any(w[:1].isupper() for w in ref.split()):
        return "description"
    sw = {w.lower().strip(".,’'s") for w in re.findall(r"[\w.’'-]+", st)}
    rw = [w.lower().strip(".,") for w in ref.split()]
    if all(w in sw for w in rw):
        return "name"
    if any(w in sw for w in rw):
        return "surname"
    return "description"


def main():
    cmd = sys.argv[1]
    if cmd == "draft":
        src, files = sys.argv[2], [l.strip() for l in open(sys.argv[3]) if l.strip()]
        print("doc\tann\tcontent\toffsets\treference\thow")
        for ann in files:
            for r in draft_doc(src, ann):
                print("\t".join(r))
    elif cmd == "view":
        src, files, draft, outdir = sys.argv[2:6]
        rows = {}
        for line in list(open(draft))[1:]:
            d = line.rstrip("\n").split("\t")
            rows.setdefault(d[1], []).append(d)
        os.makedirs(outdir, exist_ok=True)
        for ann in [l.strip() for l in open(files) if l.strip()]:
            stem = re.sub(r"_[0-9a-f]{4}\.ann$", "", ann)
            text = open(os.path.join(src, "text", stem + ".txt"), encoding="utf-8").read()
            spans, events = read_ann(os.path.join(src, "attributions", ann))
            src_of = {ev["Content"]: spans.get(ev.get("Source")) for ev in events if "Content" in ev}
            marks = []
            for d in rows.get(ann, []):
                c = spans[d[2]]
                marks.append((c[2], "⟦%s " % d[2]))
                marks.append((c[3], " ⟧"))
                s = src_of.get(d[2])
                if s:
                    marks.append((s[2], "«"))
                    marks.append((s[3], "»%s" % d[2]))
            marked = text
            for pos, m in sorted(marks, key=lambda x: -x[0]):
                marked = marked[:pos] + m + marked[pos:]
            with open(os.path.join(outdir, stem + ".txt"), "w") as f:
                f.write(marked + "\n\n----\n")
                for d in rows.get(ann, []):
                    s = src_of.get(d[2])
                    f.write("%s\t%s\t%s\t%s\n" % (d[2], text[s[2]:s[3]] if s else "-", d[4], d[5]))
    elif cmd == "apply":
        # REVIEW: "@ DOC" starts an article; "Tn =" confirms the draft (dropping its "?"),
        # "Tn Full Name" or "Tn Full Name | how" replaces it; "~ Draft Name => Name" renames a
        # drafted form in the rows not listed; "ok" (after reading every row of the article)
        # confirms the drafted guesses not listed. Every article must have a block, and no "?"
        # may survive.
        src, draft, review = sys.argv[2:5]
        fix, read, doc, subst, ok = {}, set(), None, {}, set()
        for n, line in enumerate(open(review), 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            if line.startswith("@"):
                doc = line[1:].strip(); read.add(doc); continue
            if line.startswith("~"):
                old, _, new = line[1:].partition("=>")
                subst[(doc, old.strip())] = new.strip(); continue
            if line.strip() == "ok":
                ok.add(doc); continue
            tid, _, rest = line.strip().partition(" ")
            ref, _, how = rest.partition("|")
            if doc is None or not re.fullmatch(r"T\d+", tid):
                sys.exit("apply: %s:%d: cannot read %r" % (review, n, line))
            fix[(doc, tid)] = (ref.strip(), how.strip())
        lines = list(open(draft))
        sys.stdout.write(lines[0])
        used, spans_of = set(), {}
        for line in lines[1:]:
            d = line.rstrip("\n").split("\t")
            if d[0] not in read:
                sys.exit("apply: %s has no review block" % d[0])
            if d[1] not in spans_of:
                text = open(os.path.join(src, "text", d[0] + ".txt"), encoding="utf-8").read()
                spans, events = read_ann(os.path.join(src, "attributions", d[1]))
                spans_of[d[1]] = (text, spans, {e["Content"]: e.get("Source") for e in events if "Content" in e})
            key = (d[0], d[2])
            how = ""
            if key in fix:
                ref, how = fix[key]
                if ref != "=":
                    d[4] = ref
                used.add(key)
            elif (d[0], d[4].rstrip("?")) in subst:
                d[4] = subst[(d[0], d[4].rstrip("?"))]
            if d[4].endswith("?"):
                if key not in fix and d[0] not in ok:
                    sys.exit("apply: %s %s still unreviewed (%s)" % (d[0], d[2], d[4]))
                d[4] = d[4][:-1]
            text, spans, src_of = spans_of[d[1]]
            d[5] = how or how_of(text, spans.get(src_of.get(d[2])), d[4])
            print("\t".join(d))
        for k in set(fix) - used:
            sys.exit("apply: review row %s %s matches no attribution" % k)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
