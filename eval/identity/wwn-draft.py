#!/usr/bin/env python3
"""Typing aid for the worldwide-news direct-quote golds (wwn-check, wwn-tune; README.md). Never runs morgue.

  wwn-draft.py [--set SET] view [DOC ...]  render articles with every candidate quote marked
                                  ⟦Qn … ⟧ and a drafted speaker per candidate, for reading
  wwn-draft.py [--set SET] apply REVIEW    apply the hand review to the candidates, print SET.tsv

SET is wwn-check (the default) or wwn-tune. Articles: SET.files, read from SHARED/corpora/ner-worldwide-news/original_articles (SHARED
defaults to ../shared next to the repo) the way Python reads text (universal newlines: the files
are CRLF, offsets count a line break as one character; scripts/identity-split writes that text).

Candidates are the spans between matching double quotation marks (straight or curly), marks
included. A quote left open at a paragraph end continues when the next paragraph opens with a
mark (news convention); otherwise it ends at the paragraph end and is flagged `unclosed`. The
drafted speaker is naive on purpose (the nearest capitalised words next to a speech verb in the
paragraph, else `?`): every row is set by reading.

Review file: `@ DOC` opens an article; then one line per candidate, none may be left out:
  Qn Full Name | how      the speaker (how: name, surname, pronoun, description, org, continuation)
  Qn lowercase words | how  a non-identity (`officials`, `unknown`)
  Qn = | how               the drafted name is right
  Qn x REASON              not a quote (scare quotes, a title, a nickname, a single word ...)
  Qn + Qm                  Qn is a further part of quote Qm (an interrupted quote: one quote whose
                           offsets are its parts, `s e;s e`, as brat writes discontinuous spans)
"""
import os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED = os.environ.get("SHARED") or os.path.join(REPO, "..", "shared")
SRC = os.path.join(SHARED, "corpora", "ner-worldwide-news", "original_articles")
OPEN, CLOSE, BOTH = "\u201c", "\u201d", '"'
CUE = re.compile(r"\b(said|says|say|added|adds|told|tells|stated|states|noted|notes|explained|"
                 r"according to|asked|asks|declared|remarked|stressed|insisted|argued|warned|wrote|"
                 r"continued|recalled|concluded|commented|pointed out|emphasi[sz]ed|underlined|urged)\b")
NAME = re.compile(r"(?:[A-Z][\w'\u2019.-]+)(?:\s+(?:[A-Z][\w'\u2019.-]+|de|da|al|bin|van|von|la|el|du|dos))*")
PRON = re.compile(r"\b(he|she|they|we|I)\b")


SET = "wwn-check"  # the article list; `--set` picks another (wwn-tune)


def docs():
    return [l.strip()[:-4] for l in open(os.path.join(HERE, SET + ".files")) if l.strip()]


def text_of(doc):
    return open(os.path.join(SRC, doc + ".txt"), encoding="utf-8").read()


def candidates(text):
    """[(start, end, flag)], end exclusive, marks included."""
    out, i, n = [], 0, len(text)
    start = None
    while i < n:
        c = text[i]
        if c == "\n" and start is not None:
            j = i
            while j < n and text[j] in "\n \t\u00a0":
                j += 1
            if j < n and text[j] in (OPEN, BOTH):
                i = j + 1  # continuation: the next paragraph reopens the same quote
                continue
            out.append((start, i, "unclosed"))
            start = None
        elif c in (OPEN, CLOSE, BOTH):
            if start is None:
                start = i
                flag = "" if c != CLOSE else "opens-with-close-mark"
            elif c == OPEN:
                out.append((start, i, "unclosed"))
                start = i
            else:
                out.append((start, i + 1, flag))
                start = None
        i += 1
    if start is not None:
        out.append((start, n, "unclosed"))
    return out


def para_bounds(text, s, e):
    a = text.rfind("\n", 0, s) + 1
    b = text.find("\n", e)
    return a, (b if b >= 0 else len(text))


def draft(text, s, e):
    a, b = para_bounds(text, s, e)
    after = text[e:min(b, e + 120)]
    before = text[max(a, s - 120):s]
    for ctx in (after, before):
        m = CUE.search(ctx)
        if not m:
            continue
        names = [x for x in NAME.finditer(ctx) if x.group(0) not in ("The", "But", "He", "She", "In", "It", "I")]
        if names:
            best = min(names, key=lambda x: abs(x.start() - m.start()))
            return best.group(0).rstrip("."), "name"
        p = PRON.search(ctx)
        if p:
            return "?" + p.group(0), "pronoun"
    return "?", ""


def view(which):
    for doc in which or docs():
        text = text_of(doc)
        cs = candidates(text)
        marks = []
        for k, (s, e, _) in enumerate(cs, 1):
            marks += [(s, 0, "\u27e6Q%d " % k), (e, 1, " \u27e7Q%d" % k)]
        out, last = [], 0
        for pos, _, m in sorted(marks):
            out.append(text[last:pos])
            out.append(m)
            last = pos
        out.append(text[last:])
        print("=" * 30, doc, "(%d candidates)" % len(cs))
        print(re.sub(r"\n\s*\n", "\n", "".join(out)).strip())
        print("-" * 10)
        for k, (s, e, flag) in enumerate(cs, 1):
            name, how = draft(text, s, e)
            print("Q%d\t%d %d\t%s | %s\t%s\t%d words" % (k, s, e, name, how, flag, len(text[s:e].split())))


def die(msg):
    sys.exit("wwn-draft: " + msg)


def apply(review):
    blocks, cur = {}, None
    for n, line in enumerate(open(review, encoding="utf-8"), 1):
        line = line.split("  #", 1)[0].rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            cur = line[2:].strip()
            if cur in blocks:
                die("%s:%d: %s reviewed twice" % (review, n, cur))
            blocks[cur] = {}
            continue
        m = re.match(r"^Q(\d+)\s+(.*)$", line)
        if not m or cur is None:
            die("%s:%d: cannot read %r" % (review, n, line))
        blocks[cur][int(m.group(1))] = (n, m.group(2).strip())
    print("doc\toffsets\treference\thow")
    for doc in docs():
        if doc not in blocks:
            die("%s: no review block" % doc)
        text = text_of(doc)
        cs = candidates(text)
        rows, parts = {}, {}
        for k, (s, e, _) in enumerate(cs, 1):
            if k not in blocks[doc]:
                die("%s: Q%d has no review line" % (doc, k))
            n, d = blocks[doc][k]
            if d.startswith("x ") or d == "x":
                continue
            j = re.match(r"^\+\s*Q(\d+)$", d)
            if j:
                parts.setdefault(int(j.group(1)), []).append((s, e))
                continue
            if "|" not in d:
                die("%s:%d: %s Q%d: expected 'Name | how'" % (review, n, doc, k))
            name, how = [x.strip() for x in d.split("|", 1)]
            if name == "=":
                name = draft(text, s, e)[0]
            if not name or name.startswith("?") or how not in (
                    "name", "surname", "pronoun", "description", "org", "continuation"):
                die("%s:%d: %s Q%d: unresolved %r" % (review, n, doc, k, d))
            rows[k] = [(s, e)], name, how
        extra = set(blocks[doc]) - set(range(1, len(cs) + 1))
        if extra:
            die("%s: review names candidates that do not exist: %s" % (doc, sorted(extra)))
        for k, ps in parts.items():
            if k not in rows:
                die("%s: parts joined to Q%d, which is not a kept quote" % (doc, k))
            rows[k][0].extend(ps)
        for k in sorted(rows):
            spans, name, how = rows[k]
            print("%s\t%s\t%s\t%s" % (doc, ";".join("%d %d" % p for p in sorted(spans)), name, how))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--set":
        if sys.argv[2] not in ("wwn-check", "wwn-tune"):
            sys.exit("wwn-draft: unknown set %r (wwn-check or wwn-tune)" % sys.argv[2])
        SET = sys.argv[2]
        del sys.argv[1:3]
    if len(sys.argv) >= 2 and sys.argv[1] == "view":
        view(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "apply":
        apply(sys.argv[2])
    else:
        sys.exit(__doc__)
