//! The attribution tests: the sieves end to end over short texts, and the helpers the sieve
//! modules' own tests share (`ent`, a body mention; `speakers`, the speaker of each quote).

use super::*;
use crate::article::Field;

/// A body mention of `needle` (its first occurrence); shared with the sieve modules' tests.
pub(super) fn ent(text: &str, needle: &str, label: Label, canonical: &str) -> Entity {
    let start = text.find(needle).unwrap();
    Entity {
        text: needle.into(),
        label,
        field: Field::Body,
        start,
        end: start + needle.len(),
        canonical: canonical.into(),
    }
}

fn close(t: &str) -> usize {
    t.find('”').map_or(0, |i| i + '”'.len_utf8())
}

fn after(t: &str, _from: &str) -> Option<(String, String)> {
    let f = after_quote(t, close(t), t.len(), true)?;
    Some((
        t[f.cue.start..f.cue.end].into(),
        t[f.mention.start..f.mention.end].into(),
    ))
}

fn before(t: &str, to: &str) -> Option<(String, String)> {
    let f = before_quote(t, 0, t.find(to)?)?;
    Some((
        t[f.cue.start..f.cue.end].into(),
        t[f.mention.start..f.mention.end].into(),
    ))
}

#[test]
fn cue_after_quote_in_every_order() {
    let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    assert_eq!(after("“x,” he says.", ","), s("says", "he"));
    assert_eq!(
        after("“x”, – said Ada Lovelace", ","),
        s("said", "Ada Lovelace")
    );
    assert_eq!(
        after("“x,” said the Acme spokesman.", ","),
        s("said", "the Acme spokesman")
    );
    assert_eq!(
        after("“x,” Ada Byron, a poet, said.", ","),
        s("said", "Ada Byron")
    );
    assert_eq!(after("“x,” he later told reporters.", ","), s("told", "he"));
    assert_eq!(after("“x.” The sky is blue.", "."), None);
}

#[test]
fn an_article_before_a_capitalised_role_word_is_part_of_the_mention() {
    assert_eq!(
        after(
            "“It might surprise you,” the Republican said this week.",
            ","
        ),
        Some(("said".to_string(), "the Republican".to_string()))
    );
}

#[test]
fn a_subject_name_may_carry_its_affiliation() {
    assert_eq!(
        after(
            "“It would be a stretch,” Ada Byron of the Centre for Policy Studies wrote.",
            ","
        ),
        Some(("wrote".to_string(), "Ada Byron".to_string()))
    );
}

#[test]
fn an_inverted_cue_closing_the_sentence_names_the_speaker() {
    let t = "“Take back” appeals to voters in the north, said Ada Byron, a demographer at \
             Acme University.";
    assert_eq!(
        after(t, ","),
        Some(("said".to_string(), "Ada Byron".to_string()))
    );
    // A second sentence is not this quote's clause.
    let t = "“Take back” appeals to voters. Then, said Ada Byron, they left.";
    assert_eq!(after(t, ","), None);
}

#[test]
fn according_to_after_the_quote_is_its_source() {
    let t = "“The vote is lost,” according to the Daily Planet.";
    assert_eq!(
        after(t, ","),
        Some(("according to".to_string(), "Daily Planet".to_string()))
    );
}

#[test]
fn a_cue_subject_may_carry_an_appositive_with_commas_or_dashes() {
    let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    assert_eq!(
        before(
            "Ana Ruiz, 31, a photographer from Ohio, said the city is the “",
            "“"
        ),
        s("said", "Ana Ruiz")
    );
    assert_eq!(
        before("Tom Lee — a teacher from Ohio — says the vote was “", "“"),
        s("says", "Tom Lee")
    );
    assert_eq!(
        before(
            "Tom Lee -- who ran against Ada Byron -- said the vote was “",
            "“"
        ),
        s("said", "Tom Lee")
    );
}

#[test]
fn a_text_reads_after_its_quote() {
    assert_eq!(
        after("“Vote no,” read the statement.", ","),
        Some(("read".to_string(), "the statement".to_string()))
    );
    assert_eq!(
        after("“Vote no,” the editorial read.", ","),
        Some(("read".to_string(), "the editorial".to_string()))
    );
    let t = "“Vote no,’” the editorial read.";
    let f = after_quote(t, close(t), t.len(), false).unwrap();
    assert_eq!(&t[f.mention.start..f.mention.end], "the editorial");
}

#[test]
fn a_participle_after_a_reporting_clause_shares_its_subject() {
    assert_eq!(
        before(
            "Ada and Tom will meet next week, Eve Park said, adding, “",
            "“"
        ),
        Some(("adding".to_string(), "Eve Park".to_string()))
    );
}

#[test]
fn cue_before_quote() {
    let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    assert_eq!(before("While Ada writes that “", "“"), s("writes", "Ada"));
    assert_eq!(
        before("He explained that Rome is safe when “", "“"),
        s("explained", "He")
    );
    assert_eq!(
        before("According to Ada Byron, “", "“"),
        s("According to", "Ada Byron")
    );
    assert_eq!(before("The board said: “", "“"), s("said", "The board"));
}

#[test]
fn a_reporting_clause_around_the_cue_names_the_reporter() {
    let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    let t = "Ada Byron said she recalled thinking “this is the moment.”";
    assert_eq!(before(t, "“"), s("said", "Ada Byron"));
    // A named inner subject said the words itself; so did "she" when the reporter is no name.
    let t = "Tom Lee said that Ada Byron called the plan “a start.”";
    assert_eq!(before(t, "“"), s("called", "Ada Byron"));
    let t = "The report said she called the plan “a start.”";
    assert_eq!(before(t, "“"), s("called", "she"));
}

#[test]
fn an_opening_cue_verb_and_put_it_name_the_speaker() {
    let s = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
    let t = "Said Ada Byron, who grew up nearby, “We were all proud.”";
    assert_eq!(before(t, "“"), s("Said", "Ada Byron"));
    let t = "As Ada Byron put it, “the vote is the easy part.”";
    assert_eq!(before(t, "“"), s("put", "Ada Byron"));
}

#[test]
fn pronoun_takes_most_recent_person() {
    let t = "Ada Byron met Bob Stone. “x,” he said.";
    let ents = [
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
        ent(t, "Bob Stone", Label::Per, "Bob Stone"),
    ];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Stone"));
}

#[test]
fn a_pronoun_skips_a_person_of_the_other_gender() {
    let t = "Mary Byron met Tom Stone. “We agreed,” she said.";
    let ents = [
        ent(t, "Mary Byron", Label::Per, "Mary Byron"),
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
    ];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Mary Byron"));
    // Nobody of her gender: no name rather than the wrong one.
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents[1..], None), None);
}

#[test]
fn a_pronoun_after_a_long_sentence_continues_its_subject() {
    // The sentence before the quote runs past 300 bytes; its subject opens it, and the
    // person named last (inside it, and the previous quote's speaker) is someone else.
    let t = "“The veto will fall,” Sam Reid said on Tuesday.\n\nHouse Speaker Tom Stone, \
             despite admitting that he had his doubts about lawyers trying to get rich and \
             about the general legal matters that could be worrisome for the members of his \
             own party in the months that remain before the election in November, said \
             that the families do need to have their day in court and that he does believe \
             Reid is correct about the votes.\n\n“I do think the votes are there,” he said.";
    assert!(t.find("House").unwrap() + 300 < t.find("Reid is").unwrap());
    let ents = [
        ent(t, "Sam Reid", Label::Per, "Sam Reid"),
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ent(t, "Reid is", Label::Per, "Sam Reid"),
    ];
    let ents = {
        let mut e = ents.to_vec();
        e[2].end = e[2].start + "Reid".len();
        e
    };
    // The rule's answer; the pronoun gate doubts a "he" this far from its subject and drops it.
    assert_eq!(
        super::without_pronoun_gate(|| speakers(t, &ents)),
        vec![Some("Sam Reid".to_string()), Some("Tom Stone".to_string())]
    );
    assert_eq!(speakers(t, &ents), vec![Some("Sam Reid".to_string()), None]);
}

#[test]
fn a_pronoun_opening_a_sentence_continues_the_previous_subject() {
    let t = "Former Acme chief Tom Stone praised Sen. Bob Lane on Monday. He said “x” twice. \
             He added “y”.";
    let ents = [
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ent(t, "Bob Lane", Label::Per, "Bob Lane"),
    ];
    let he = |nth: usize| {
        let at = t.match_indices("He ").nth(nth).unwrap().0;
        let w = Word {
            start: at,
            end: at + 2,
        };
        Found {
            cue: w,
            mention: w,
            kind: MentionKind::Pronoun,
        }
    };
    assert_eq!(
        resolve(t, &he(0), &ents, None).as_deref(),
        Some("Tom Stone")
    );
    // Through a chain of "He …" sentences, and past the dot of a title.
    assert_eq!(
        resolve(t, &he(1), &ents, None).as_deref(),
        Some("Tom Stone")
    );
}

#[test]
fn who_stands_for_the_name_right_before_it_or_for_nobody() {
    let who = |t: &str, ents: &[Entity]| {
        let at = t.find(" who ").unwrap() + 1;
        let w = Word {
            start: at,
            end: at + 3,
        };
        let f = Found {
            cue: w,
            mention: w,
            kind: MentionKind::Pronoun,
        };
        resolve(t, &f, ents, None)
    };
    let t = "Tom Stone spoke, said Ada Byron, who added “x”.";
    let ents = [ent(t, "Tom Stone", Label::Per, "Tom Stone")];
    assert_eq!(who(t, &ents).as_deref(), Some("Ada Byron"));
    let t = "Tom Stone met Sen. Ada Byron of Ohio, who said “x”.";
    let ents = [
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
        ent(t, "Ohio", Label::Loc, "Ohio"),
    ];
    assert_eq!(who(t, &ents).as_deref(), Some("Ada Byron"));
    let t = "Tom Stone met Ada Byron, the Acme chief, who said “x”.";
    assert_eq!(who(t, &ents[..2]).as_deref(), Some("Ada Byron"));
    // A description before "who" is someone unnamed, not the person named earlier.
    let t = "Tom Stone left, said one official in the room, who added “x”.";
    let ents = [ent(t, "Tom Stone", Label::Per, "Tom Stone")];
    assert_eq!(who(t, &ents), None);
}

#[test]
fn it_takes_the_organisation_that_is_the_subject() {
    let t = "Acme Corp sued Beta Bank on Monday. It said “the loan was void.”";
    let ents = [
        ent(t, "Acme Corp", Label::Org, "Acme Corp"),
        ent(t, "Beta Bank", Label::Org, "Beta Bank"),
    ];
    let at = t.find("It").unwrap();
    let w = Word {
        start: at,
        end: at + 2,
    };
    let f = Found {
        cue: w,
        mention: w,
        kind: MentionKind::Pronoun,
    };
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Acme Corp"));
}

#[test]
fn a_pronoun_after_a_quote_continues_the_previous_speaker() {
    // The reporting clause names the previous sentence's speaker wherever it stands, and
    // a possessive opening it is no subject.
    let t = "Tom Stone’s plan is bad, Bob Lane said. “It will fail,” he said.";
    let ents = [
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ent(t, "Bob Lane", Label::Per, "Bob Lane"),
    ];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Lane"));
    let t = "Bob Lane spoke after Tom Stone. “It will fail,” he said.";
    let ents = [
        ent(t, "Bob Lane", Label::Per, "Bob Lane"),
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
    ];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Bob Lane"));
}

#[test]
fn a_pronoun_does_not_refer_into_quoted_words() {
    let t = "Tom Stone spoke. “Ask Bob Lane,” he said. “Not me,” he added.";
    let ents = [
        ent(t, "Tom Stone", Label::Per, "Tom Stone"),
        ent(t, "Bob Lane", Label::Per, "Bob Lane"),
    ];
    let last = t.rfind('”').unwrap() + '”'.len_utf8();
    let f = after_quote(t, last, t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Tom Stone"));
}

#[test]
fn role_resolves_to_the_person_introduced_with_it() {
    let t = "Acme Chief Executive Ada Byron spoke. “x,” said the chief executive.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(f.kind, MentionKind::Role);
    assert_eq!(resolve(t, &f, &[], None).as_deref(), None);
    let t = "Acme Chief Ada Byron spoke. “x,” said the Acme chief.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
    let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
}

#[test]
fn an_acronym_tagged_as_an_organisation_is_its_name() {
    let t = "“The vote is lost,” according to ACME.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    let ents = [ent(t, "ACME", Label::Org, "ACME")];
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("ACME"));
}

#[test]
fn an_indefinite_role_is_someone_new() {
    // "the spokesman" points back to Ada Byron; "a spokesman" brings in someone unnamed.
    let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said a spokesman.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(f.kind, MentionKind::Role);
    assert_eq!(resolve(t, &f, &[], None), None);
    let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said one spokesman.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None), None);
}

#[test]
fn a_document_speaks_for_the_organisation_named_in_it() {
    let t = "“Growth will slow,” the Acme Bank report said.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    let ents = [ent(t, "Acme Bank", Label::Org, "Acme Bank")];
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Acme Bank"));
}

#[test]
fn a_role_holder_must_not_contradict_the_role_state_or_party() {
    let t = "Republican nominee Ada Byron debated Democratic nominee Tom Lee. “x,” said \
             the Republican nominee.";
    let ents = [
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
        ent(t, "Tom Lee", Label::Per, "Tom Lee"),
    ];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
    // Another state's senator is nobody's "Florida senator"; an unstated state is no
    // contradiction.
    let t = "Sen. Tom Lee (D-Vt.) spoke. “x,” said the Florida senator.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    let ents = [ent(t, "Tom Lee", Label::Per, "Tom Lee")];
    assert_eq!(resolve(t, &f, &ents, None), None);
    let t = "Sen. Tom Lee spoke. “x,” said the Florida senator.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    let ents = [ent(t, "Tom Lee", Label::Per, "Tom Lee")];
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Tom Lee"));
}

#[test]
fn role_in_an_appositive_resolves_to_the_name_before_it() {
    let t = "Ada Byron, the Acme spokesman, arrived. “We will see,” said the Acme spokesman.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
}

#[test]
fn a_capitalised_title_in_an_appositive_names_its_holder() {
    // Much of the world's press writes the appositive title capitalised, with no article.
    let t = "Ada Byron, Operations Director of the Acme Relief Office, spoke. “We are late,” \
             the relief director said.";
    let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
    // A lower-case word in between is no title of hers: nobody.
    let t = "Ada Byron, whose office hired a new director, spoke. “We are late,” the director \
             said.";
    let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None), None);
}

#[test]
fn a_profession_the_article_introduced_names_its_holder() {
    let t = "Professor Ada Byron teaches at the Acme Institute. “We copy what we watch,” the \
             professor said.";
    let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None).as_deref(), Some("Ada Byron"));
    // "a lawyer" brings in someone not named: nobody.
    let t = "Tom Lee, a lawyer for the family, spoke. “It is late,” said another lawyer.";
    let ents = [ent(t, "Tom Lee", Label::Per, "Tom Lee")];
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &ents, None), None);
}

#[test]
fn media_noun_resolves_to_recent_outlet() {
    let t = "The Daily Planet reported it. “x,” the newspaper wrote.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Daily Planet"));
    let ents = [ent(t, "Daily Planet", Label::Org, "The Daily Planet")];
    assert_eq!(
        resolve(t, &f, &ents, None).as_deref(),
        Some("The Daily Planet")
    );
}

/// The subject `sentence_subject` finds for the quote in `t`, as written.
fn subject(t: &str) -> Option<String> {
    let f = sentence_subject(t, 0, t.find('“')?)?;
    Some(t[f.mention.start..f.mention.end].to_string())
}

#[test]
fn a_sentence_subject_may_carry_an_appositive() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        subject("Ada Byron, the poet and lawyer, endorsed the plan, calling it “bold.”"),
        s("Ada Byron")
    );
    assert_eq!(
        subject("Ana Ruiz, 31, a photographer, thinks the city is the “perfect place.”"),
        s("Ana Ruiz")
    );
    assert_eq!(
        subject("Tom Lee — a teacher from Ohio — thinks the vote was “a big deal.”"),
        s("Tom Lee")
    );
    // A list of names is not a name with an appositive.
    assert_eq!(
        subject("Ada Byron, Tom Lee and Eve Park attended the “summit of hope.”"),
        None
    );
}

#[test]
fn a_sentence_subject_may_follow_several_opening_adverbials() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        subject("On Monday, after the votes were counted, Ada Byron endorsed Tom Lee, calling him “a fighter.”"),
        s("Ada Byron")
    );
    assert_eq!(
        subject("Speaking at a school in Salem, Oregon, Ada Byron went after Tom Lee, calling him “a quitter.”"),
        s("Ada Byron")
    );
}

#[test]
fn an_opening_preposition_is_not_part_of_the_subject() {
    assert_eq!(
        subject("Alongside Tom Lee and his friends, Ada Byron marched on, calling it “our day.”"),
        Some("Ada Byron".to_string())
    );
}

#[test]
fn a_clause_after_a_conjunction_is_not_the_quotes_cue() {
    assert_eq!(after("“We will win,” but Tom Lee voted no.", ","), None);
    assert_eq!(
        after("“We will win,” Tom Lee added.", ","),
        Some(("added".to_string(), "Tom Lee".to_string()))
    );
}

#[test]
fn a_sentence_subject_may_be_followed_by_a_time_phrase() {
    assert_eq!(
        subject("Tom Lee on Thursday ratcheted up his attacks, calling Ada “weak and sad.”")
            .as_deref(),
        Some("Tom Lee")
    );
}

#[test]
fn an_opening_participle_or_preposition_is_not_the_subject() {
    assert_eq!(
        subject("Continuing his speech, Tom Lee rejected the idea of “water under the bridge.”")
            .as_deref(),
        Some("Tom Lee")
    );
    assert_eq!(
        subject("On the morning of Feb. 28 Tom Lee posted a line he called “lovely stuff.”")
            .as_deref(),
        Some("Tom Lee")
    );
}

#[test]
fn a_count_or_a_span_of_time_opening_a_sentence_is_not_its_subject() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        subject("Hours later, she issued a statement calling it “a tragedy for all.”"),
        s("she")
    );
    assert_eq!(
        subject("Eight years ago, he backed Ada Byron over Tom Lee, calling her “the one.”"),
        s("he")
    );
}

/// The mention `governing_subject` settles on for the pronoun before the quote in `t`.
fn governed(t: &str, pronoun: &str) -> String {
    let at = t.find(&format!(" {pronoun} ")).unwrap() + 1;
    let w = Word {
        start: at,
        end: at + pronoun.len(),
    };
    let f = Found {
        cue: w,
        mention: w,
        kind: MentionKind::Pronoun,
    };
    let g = governing_subject(t, 0, f);
    t[g.mention.start..g.mention.end].to_string()
}

#[test]
fn a_pronoun_in_a_subordinate_clause_speaks_for_the_sentence_subject() {
    let t = "Ada Byron has railed against what she calls “a rigged game.”";
    assert_eq!(governed(t, "she"), "Ada Byron");
    let t = "The former judge said on Monday that he recalled “a quiet room.”";
    assert_eq!(governed(t, "he"), "The former judge");
    // The pronoun is the subject of a clause of its own: it stays.
    let t = "Ada Byron met Tom Lee, and he called it “a good start.”";
    assert_eq!(governed(t, "he"), "he");
    let t = "Ada Byron said the report, which she wrote, was “final.”";
    assert_eq!(governed(t, "she"), "she");
}

#[test]
fn a_name_written_without_entities_must_look_like_one() {
    let name = |m: &str| fallback_name(m, m, &[]);
    assert_eq!(name("CNN").as_deref(), Some("CNN"));
    assert_eq!(name("VP"), None);
    assert_eq!(
        name("the Daily Planet").as_deref(),
        Some("the Daily Planet")
    );
    assert_eq!(name("some Republicans"), None);
    assert_eq!(name("His Acme Bank column"), None);
}

#[test]
fn surname_expands_to_full_name_written_earlier() {
    let t = "Ada Byron arrived. “x,” said Byron.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada Byron"));
}

/// The speakers `extract` gives the body `t` with these entities.
/// The speakers of the direct quotes (the sieves here attribute those; reported speech in
/// the same text, "Ada Byron agreed that…", is `indirect`'s and `reported`'s). Shared with
/// the sieve modules' tests.
pub(super) fn speakers(t: &str, ents: &[Entity]) -> Vec<Option<String>> {
    crate::enrich::quotes::extract(Field::Body, t, ents)
        .into_iter()
        .filter(|q| q.kind == crate::article::QuoteKind::Direct)
        .map(|q| q.speaker)
        .collect()
}

#[test]
fn a_pronoun_with_a_contracted_verb_is_a_pronoun() {
    let t = "Ada Byron spoke in Ohio.\n\nShe’s claiming that the plan is “a big, big \
             problem” for the town.";
    let ents = [ent(t, "Ada Byron", Label::Per, "Ada Byron")];
    assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
    let m = |w: &str| {
        contracted_pronoun(
            w,
            Word {
                start: 0,
                end: w.len(),
            },
        )
    };
    assert_eq!(m("He’s"), Some(Word { start: 0, end: 2 }));
    assert_eq!(m("it'll"), Some(Word { start: 0, end: 2 }));
    assert_eq!(m("Byron’s"), None);
    assert_eq!(m("He"), None);
}

#[test]
fn an_empty_it_names_nobody() {
    let it = |t: &str| expletive_it(t, 2);
    assert!(it("It is strange that the mayor would say “no.”"));
    assert!(it("It’s not surprising that they called it “a disaster.”"));
    assert!(it("it was clear to everyone"));
    assert!(!it("It said that the plan was “dead.”"));
    assert!(!it("It is Acme that said “no.”"));
    let t = "Acme Corp sued the city. It is strange that the mayor would denounce \
             “self-deportation,” as he did.";
    let ents = [ent(t, "Acme Corp", Label::Org, "Acme Corp")];
    assert_ne!(speakers(t, &ents), [Some("Acme Corp".to_string())]);
}

#[test]
fn a_surname_expands_through_an_initial() {
    let t = "Ada E. Byron arrived. “x,” said Byron.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("Ada E. Byron"));
    let t = "E. Byron arrived. “x,” said Byron.";
    let f = after_quote(t, close(t), t.len(), true).unwrap();
    assert_eq!(resolve(t, &f, &[], None).as_deref(), Some("E. Byron"));
}

#[test]
fn a_one_word_speaker_is_the_one_person_or_body_of_that_name() {
    let t = "Ada Byron and Tom Lee met at the Tampa Bay Times office.";
    let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
    let tom = ent(t, "Tom Lee", Label::Per, "Tom Lee");
    let times = ent(t, "Tampa Bay Times", Label::Org, "Tampa Bay Times");
    let ents = [ada.clone(), tom, times];
    assert_eq!(fuller_name(&ents, "Byron".into(), &|_| false), "Ada Byron");
    assert_eq!(
        fuller_name(&ents, "Times".into(), &|_| false),
        "Tampa Bay Times"
    );
    assert_eq!(
        fuller_name(&ents, "Lovelace".into(), &|_| false),
        "Lovelace"
    );
    assert_eq!(fuller_name(&ents, "CNN".into(), &|_| false), "CNN");
    // Two people of one surname: the surname stays as it is.
    let u = "Ada Byron and Ben Byron met.";
    let two = [
        ent(u, "Ada Byron", Label::Per, "Ada Byron"),
        ent(u, "Ben Byron", Label::Per, "Ben Byron"),
    ];
    assert_eq!(fuller_name(&two, "Byron".into(), &|_| false), "Byron");
    // Apostrophes of either kind are one surname.
    let v = "James O’Neill spoke.";
    let one = [ent(v, "James O’Neill", Label::Per, "James O’Neill")];
    assert_eq!(
        fuller_name(&one, "O'Neill".into(), &|_| false),
        "James O’Neill"
    );
    // An organisation with a first name before the word may be a misread person or a
    // place: no expansion.
    let w = "Speaker of the House Newt Gingrich spoke to the New York Times.";
    let org = [
        ent(w, "House Newt Gingrich", Label::Org, "House Newt Gingrich"),
        ent(w, "New York Times", Label::Org, "New York Times"),
    ];
    assert_eq!(fuller_name(&org, "Gingrich".into(), &|_| false), "Gingrich");
    assert_eq!(fuller_name(&org, "Times".into(), &|_| false), "Times");
    // Through extract: a surname the tagger read as an organisation.
    let t = "Ada Byron spoke first.\n\n“We won,” Byron said.";
    let at = t.rfind("Byron").unwrap();
    let mut org = ent(t, "Ada Byron", Label::Per, "Ada Byron");
    let per = org.clone();
    (org.start, org.end, org.label) = (at, at + 5, Label::Org);
    (org.text, org.canonical) = ("Byron".into(), "Byron".into());
    assert_eq!(speakers(t, &[per, org]), [Some("Ada Byron".to_string())]);
}

#[test]
fn a_person_behind_a_title_in_a_place_or_organisation_is_a_person() {
    let t = "Tom Lee spoke on Monday.\n\nFormer Pennsylvania Gov. Ada Byron agreed that \
             the rules should change.\n\n“There is no chance,” she said.";
    let ents = [
        ent(t, "Tom Lee", Label::Per, "Tom Lee"),
        ent(
            t,
            "Pennsylvania Gov. Ada Byron",
            Label::Loc,
            "Pennsylvania Gov. Ada Byron",
        ),
    ];
    let people = people_behind_titles(t, &ents).unwrap();
    assert_eq!(people[1].text, "Ada Byron");
    assert_eq!(people[1].label, Label::Per);
    assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
    // No first name behind the title: no person.
    let u = "The U.S. Justice Department said so.";
    let dept = [ent(
        u,
        "U.S. Justice Department",
        Label::Org,
        "U.S. Justice Department",
    )];
    assert!(people_behind_titles(u, &dept).is_none());
}

#[test]
fn a_name_of_the_other_sex_than_the_mention_is_not_taken() {
    // The entities stage gave "Mr. Byron" the canonical name of Ada Byron.
    let t = "Ada Byron sat with her husband.\n\n“We won,” Mr. Byron said.";
    let at = t.find("Mr. Byron").unwrap();
    let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
    let mut mr = ada.clone();
    (mr.start, mr.end, mr.text) = (at, at + 9, "Mr. Byron".into());
    assert_eq!(speakers(t, &[ada, mr]), [Some("Byron".to_string())]);
    // With Tom Byron named too, the surname goes to him.
    let t = "Ada Byron sat with Tom Byron.\n\n“We won,” Mr. Byron said.";
    let at = t.find("Mr. Byron").unwrap();
    let ada = ent(t, "Ada Byron", Label::Per, "Ada Byron");
    let tom = ent(t, "Tom Byron", Label::Per, "Tom Byron");
    let mut mr = ada.clone();
    (mr.start, mr.end, mr.text) = (at, at + 9, "Mr. Byron".into());
    assert_eq!(
        speakers(t, &[ada, tom, mr]),
        [Some("Tom Byron".to_string())]
    );
}

#[test]
fn a_party_tag_is_nobody() {
    let t =
        "The bill came from Tom Lee (R-Wis.) on Monday.\n\n“I do think the votes are there,” he \
         said.";
    let ents = [
        ent(t, "Tom Lee", Label::Per, "Tom Lee"),
        ent(t, "R-Wis", Label::Per, "R-Wis"),
    ];
    assert_eq!(speakers(t, &ents), [Some("Tom Lee".to_string())]);
}

#[test]
fn a_title_with_an_and_leads_to_the_name_after_it() {
    let t = "Talks ended.\n\n“We are in a recovery,” said Trade and Industry Minister Ada \
             Byron.\n\n“We won,” said former Ohio Gov. and Acme Party Chairman Tom Lee.";
    let ents = [
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
        ent(t, "Acme Party", Label::Org, "Acme Party"),
        ent(t, "Tom Lee", Label::Per, "Tom Lee"),
    ];
    assert_eq!(
        speakers(t, &ents),
        [Some("Ada Byron".to_string()), Some("Tom Lee".to_string())]
    );
    // Two people joined by "and" are no title: the phrase still ends at the "and".
    let t = "Talks ended.\n\n“We won,” said Ada Byron and Party Chairman Tom Lee.";
    let ents = [
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
        ent(t, "Tom Lee", Label::Per, "Tom Lee"),
    ];
    assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
}

#[test]
fn a_role_of_a_body_before_an_appositive_name_is_that_name() {
    let t = "Plans came out.\n\nThe Secretary of State for the Family, Ada Byron, said: “These \
             plans were announced before.”";
    let ents = [
        ent(t, "Family", Label::Org, "Family"),
        ent(t, "Ada Byron", Label::Per, "Ada Byron"),
    ];
    assert_eq!(speakers(t, &ents), [Some("Ada Byron".to_string())]);
}
