#!/usr/bin/env python3
"""Typing aid for the worldwide-news identity golds (wwn-check, wwn-tune, wwn-tune2, wwn-tune3; README.md). Never runs morgue.

  wwn-draft.py [--set SET] view [DOC ...]  render articles with every candidate quote marked
                                  ⟦Qn … ⟧ and a drafted speaker per candidate, for reading
  wwn-draft.py [--set SET] apply REVIEW    apply the hand review to the candidates, print SET.tsv
  wwn-draft.py --set wwn-tune reported [DOC ...]   render articles for annotating reported
                                  (indirect) speech: every sentence numbered Sn, every word
                                  numbered, sentences holding a reporting word starred
  wwn-draft.py --set wwn-tune apply REVIEW IND_REVIEW   the same TSV, then one row per reported
                                  statement of IND_REVIEW (below)

SET is wwn-check (the default), wwn-tune, wwn-tune2 or wwn-tune3 (direct quotes only, as wwn-tune; `reported` and the two-review `apply` as for
wwn-tune; its reported-speech review is wwn-tune2-ind.review and covers every article of
wwn-tune2.files, which lists the annotated prefix of its rule: wwn-pool.py). Articles: SET.files, read from SHARED/corpora/ner-worldwide-news/original_articles (SHARED
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

Reported-speech review (wwn-tune-ind.review; README.md, "Reported speech in wwn-tune"): `@ DOC`
opens an article that was read for reported speech, in SET.files order (the blocks must be a
prefix of it, and wwn-tune-ind.files must list exactly those articles); then one line per
reported statement, its Content span given by sentence and word numbers of the `reported` view
(no corpus text in the file):
  Sn i-j Full Name | how    words i to j of sentence n (trailing , . ; : dropped)
  Sn i-Sm j Full Name | how a span running on into sentence m (a sentence split in the wrong place)
An article with no reported speech has an empty block. The rows go after all direct rows, in
article order; a span that holds a double quotation mark is refused (identity_eval.py would score
it as a direct quote, and the direct gold already has its quoted part).
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


REPORT = re.compile(r"\b(sa(?:id|ys?)|add(?:ed|s)|told|tells?|stat(?:ed|es)|not(?:ed|es)|explain(?:ed|s)|"
                    r"according|ask(?:ed|s)|declar(?:ed|es)|stress(?:ed|es)|insist(?:ed|s)|argu(?:ed|es)|"
                    r"warn(?:ed|s)|wr(?:ote|ites)|claim(?:ed|s)|announc(?:ed|es)|den(?:ied|ies)|"
                    r"believ(?:ed|es)|think|thinks|thought|accus(?:ed|es)|urg(?:ed|es)|call(?:ed|s) (?:for|on)|"
                    r"report(?:ed|s)?|confirm(?:ed|s)|reveal(?:ed|s)|show(?:ed|s|n)|suggest(?:ed|s)|"
                    r"acknowledg(?:ed|es)|admit(?:ted|s)|emphasi[sz](?:ed|es)|expect(?:ed|s)|estimat(?:ed|es)|"
                    r"predict(?:ed|s)|promis(?:ed|es)|vow(?:ed|s)|pledg(?:ed|es)|criticis(?:ed|es)|criticiz(?:ed|es)|"
                    r"condemn(?:ed|s)|demand(?:ed|s)|indicat(?:ed|es)|point(?:ed|s) out|recall(?:ed|s)|"
                    r"describ(?:ed|es)|concluded|found|find|finds|mention(?:ed|s)|assert(?:ed|s)|"
                    r"alleg(?:ed|es)|agreed|feared|hop(?:ed|es)|believes|recommend(?:ed|s)|"
                    r"statement|spokes(?:man|woman|person)|quoted|cited|told)\b", re.I)
ABBR = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Gen|Col|Lt|Capt|Sgt|Gov|Sen|Rep|Rev|No|Vol|Co|Inc|Ltd|"
                  r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|vs|etc|U\.S|U\.N)|\b[A-Z])\.$")


def sentences(text):
    """[(start, end)] per paragraph line, split after . ! ? (and a closing mark) before a capital,
    a digit or an opening mark; abbreviations and initials do not end a sentence. Naive, but
    deterministic: the review addresses sentences by these numbers."""
    out, pos = [], 0
    for line in text.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if not line.strip():
            continue
        start = a
        for m in re.finditer(r"[.!?][\"\u201d\u2019')]*\s+(?=[A-Z0-9\"\u201c\u2018(])", line):
            if ABBR.search(line[:m.start() + 1]):
                continue
            out.append((start, a + m.start() + len(m.group(0).rstrip())))
            start = a + m.end()
        while start < b and text[start].isspace():
            start += 1
        if start < b:
            out.append((start, b))
    return out


def words(text, s, e):
    return [(s + m.start(), s + m.end()) for m in re.finditer(r"\S+", text[s:e])]


SUP = str.maketrans("0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def reported(which):
    for doc in which or docs():
        text = text_of(doc)
        ss = sentences(text)
        print("=" * 30, doc, "(%d sentences, %d with a reporting word)" % (
            len(ss), sum(bool(REPORT.search(text[s:e])) for s, e in ss)))
        para = None
        for k, (s, e) in enumerate(ss, 1):
            p = text.rfind("\n", 0, s)
            if para is not None and p != para:
                print()
            para = p
            star = "*" if REPORT.search(text[s:e]) else " "
            ws = " ".join(text[a:b] + str(i).translate(SUP) for i, (a, b) in enumerate(words(text, s, e)))
            print("S%d%s %s" % (k, star, ws))


def die(msg):
    sys.exit("wwn-draft: " + msg)


def read_review(review, line_re):
    """{doc: [(line number, match of line_re)]} in file order: `@ DOC` opens an article's block,
    `#` starts a comment (after two spaces inside a line), blank lines are skipped."""
    blocks, cur = {}, None
    for n, line in enumerate(open(review, encoding="utf-8"), 1):
        line = line.split("  #", 1)[0].rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            cur = line[2:].strip()
            if cur in blocks:
                die("%s:%d: %s reviewed twice" % (review, n, cur))
            blocks[cur] = []
            continue
        m = re.match(line_re, line)
        if not m or cur is None:
            die("%s:%d: cannot read %r" % (review, n, line))
        blocks[cur].append((n, m))
    return blocks


def apply_reported(review, ss_of):
    """rows (doc, 's e', reference, how) of the reported-speech review, in SET.files order."""
    blocks = read_review(review, r"^S(\d+)\s+(\d+)-(?:S(\d+)\s+)?(\d+)\s+(.+)$")
    order = list(blocks)
    if order != docs()[:len(order)]:
        die("%s: its articles are not a prefix of %s.files in order" % (review, SET))
    ind_files = SET + ("-ind" if SET == "wwn-tune" else "") + ".files"  # wwn-tune2: both on every article
    listed = [l.strip()[:-4] for l in open(os.path.join(HERE, ind_files)) if l.strip()]
    if listed != order:
        die("%s does not list exactly the %d articles of %s" % (ind_files, len(order), review))
    rows = []
    for doc in order:
        text, ss = ss_of(doc)
        spans = []
        for n, m in blocks[doc]:
            s1, w1 = int(m.group(1)), int(m.group(2))
            s2, w2 = int(m.group(3) or s1), int(m.group(4))
            if not (1 <= s1 <= s2 <= len(ss)):
                die("%s:%d: %s: no sentence S%d/S%d" % (review, n, doc, s1, s2))
            ws1, ws2 = words(text, *ss[s1 - 1]), words(text, *ss[s2 - 1])
            if w1 >= len(ws1) or w2 >= len(ws2) or (s1 == s2 and w1 > w2):
                die("%s:%d: %s: S%d has no words %d-%d" % (review, n, doc, s1, w1, w2))
            a, b = ws1[w1][0], ws2[w2][1]
            while b > a and text[b - 1] in ",.;:":
                b -= 1
            if re.search('["\u201c\u201d]', text[a:b]):
                die("%s:%d: %s: S%d %d-%d holds a double quotation mark" % (review, n, doc, s1, w1, w2))
            d = m.group(5)
            if "|" not in d:
                die("%s:%d: %s: expected 'Name | how'" % (review, n, doc))
            name, how = [x.strip() for x in d.split("|", 1)]
            if not name or name.startswith("?") or how not in (
                    "name", "surname", "pronoun", "description", "org", "continuation"):
                die("%s:%d: %s: unresolved %r" % (review, n, doc, d))
            if any(overlap_ for overlap_ in spans if overlap_[0] < b and a < overlap_[1]):
                die("%s:%d: %s: span overlaps another reported statement" % (review, n, doc))
            spans.append((a, b))
            rows.append((doc, "%d %d" % (a, b), name, how))
    return rows


def apply(review, ind_review=None):
    blocks = {doc: {int(m.group(1)): (n, m.group(2).strip()) for n, m in ls}
              for doc, ls in read_review(review, r"^Q(\d+)\s+(.*)$").items()}
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
    if ind_review:
        for r in apply_reported(ind_review, lambda d: (text_of(d), sentences(text_of(d)))):
            print("\t".join(r))


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--set":
        if sys.argv[2] not in ("wwn-check", "wwn-tune", "wwn-tune2", "wwn-tune3"):
            sys.exit("wwn-draft: unknown set %r (wwn-check, wwn-tune, wwn-tune2 or wwn-tune3)" % sys.argv[2])
        SET = sys.argv[2]
        del sys.argv[1:3]
    if len(sys.argv) >= 2 and sys.argv[1] == "view":
        view(sys.argv[2:])
    elif len(sys.argv) == 3 and sys.argv[1] == "apply":
        apply(sys.argv[2])
    elif len(sys.argv) >= 2 and sys.argv[1] == "reported" and SET in ("wwn-tune", "wwn-tune2"):
        reported(sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "apply" and SET in ("wwn-tune", "wwn-tune2"):
        apply(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
