//! The reported-speech rules end to end over short articles written for them: the clause each
//! pattern reports, the speaker it resolves, and what yields nothing (questions, conditionals,
//! sentences with a quotation, unnamed or unresolvable sources).

use super::triggers::SPEECH_VERBS;
use super::*;
use crate::article::{Entity, How, Label, QuoteKind};

/// An entity for the first mention of `name` in `t`'s body, with `name` as its canonical (the
/// learned proposers' tests use it too).
pub(in crate::enrich::quotes) fn ent(t: &str, name: &str, label: Label) -> Entity {
    let start = t.find(name).expect("the name is in the text");
    Entity {
        text: name.into(),
        label,
        field: Field::Body,
        start,
        end: start + name.len(),
        canonical: name.into(),
    }
}

/// The indirect quotes of `t` as (clause, speaker, speaker mention, cue), through the whole
/// quote stage so that direct quotes take their sentences first.
/// The indirect quotes with a speaker: (text, speaker, mention, cue).
fn ind(t: &str, ents: &[Entity]) -> Vec<(String, String, String, String)> {
    super::super::extract(Field::Body, t, ents)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect && q.speaker.is_some())
        .map(|q| {
            assert_eq!(&t[q.start..q.end], q.text);
            let m = &t[q.speaker_start.unwrap()..q.speaker_end.unwrap()];
            (
                q.text,
                q.speaker.expect("indirect quotes always name a speaker"),
                m.to_string(),
                q.cue.unwrap_or_default(),
            )
        })
        .collect()
}

fn one(
    clause: &str,
    speaker: &str,
    mention: &str,
    cue: &str,
) -> Vec<(String, String, String, String)> {
    vec![(clause.into(), speaker.into(), mention.into(), cue.into())]
}

fn ada(t: &str) -> Vec<Entity> {
    vec![ent(t, "Ada Byron", Label::Per)]
}

/// `t`, with the person "Ada Byron" tagged, holds exactly one indirect quote: `clause`,
/// reported by her (named as such) with the verb `cue`.
#[track_caller]
fn assert_ada_reports(t: &str, clause: &str, cue: &str) {
    assert_eq!(ind(t, &ada(t)), one(clause, "Ada Byron", "Ada Byron", cue));
}

#[test]
fn speech_verbs_are_sorted_and_known_to_the_cue_lexicon() {
    // Sorted for the reader; in the lexicon, or `attribution` would not find a subject.
    assert!(SPEECH_VERBS.windows(2).all(|w| w[0] < w[1]));
    // `is_trigger` rules words out by their last letter first.
    for v in SPEECH_VERBS {
        assert!(v.ends_with(['d', 'e', 's', 'y']), "{v}");
        assert!(is_trigger(v), "{v}");
    }
    for v in ["according", "According", "ACCORDING", "aCCording"] {
        assert!(is_trigger(v), "{v}");
    }
    for v in SPEECH_VERBS.iter().chain(ZERO_THAT).chain(WITH_LISTENER) {
        assert!(super::super::cues::is_cue_verb(v), "{v}");
        assert!(is_speech_verb(v), "{v}");
    }
}

#[test]
fn said_that_reports_the_clause() {
    let t = "Ada Byron said on Tuesday that the bridge would close in May.";
    assert_ada_reports(t, "the bridge would close in May", "said");
}

#[test]
fn said_without_that_needs_a_clause() {
    let t = "Ada Byron said the bridge would close in May.";
    assert_ada_reports(t, "the bridge would close in May", "said");
    // A noun object is not a clause.
    let t = "Ada Byron said goodbye to the town council in May.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn told_takes_a_listener_before_the_clause() {
    let t = "Ada Byron told reporters that the vote had been rigged.";
    assert_ada_reports(t, "the vote had been rigged", "told");
    let t = "Ada Byron told the Daily Planet website it had been rigged.";
    assert_ada_reports(t, "it had been rigged", "told");
    // "told X to" is an order, not a report.
    let t = "Ada Byron told the council to close the bridge in May.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn a_descriptor_before_the_name_is_part_of_the_subject() {
    let t = "Acme spokeswoman Ada Byron warned that the bridge was unsafe.";
    assert_ada_reports(t, "the bridge was unsafe", "warned");
}

#[test]
fn a_closing_reporting_clause_reports_the_sentence_before_it() {
    let t = "The bridge will close in May, Ada Byron said on Tuesday.";
    assert_ada_reports(t, "The bridge will close in May", "said");
    let t = "The bridge will close in May, said Ada Byron, the city engineer.";
    assert_ada_reports(t, "The bridge will close in May", "said");
    // An introductory phrase is not a clause.
    let t = "In a statement on Tuesday, Ada Byron said.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn according_to_an_organisation() {
    let t = "According to Acme Corp, sales have fallen by a third.";
    let e = [ent(t, "Acme Corp", Label::Org)];
    assert_eq!(
        ind(t, &e),
        one(
            "sales have fallen by a third",
            "Acme Corp",
            "Acme Corp",
            "According to"
        )
    );
    let t = "Sales have fallen by a third, according to Acme Corp.";
    let e = [ent(t, "Acme Corp", Label::Org)];
    assert_eq!(
        ind(t, &e),
        one(
            "Sales have fallen by a third",
            "Acme Corp",
            "Acme Corp",
            "according to"
        )
    );
    // Figures are not a speaker.
    let t = "Sales have fallen by a third, according to figures from Acme Corp.";
    let e = [ent(t, "Acme Corp", Label::Org)];
    assert!(ind(t, &e).is_empty());
}

#[test]
fn a_pronoun_resolves_to_the_person_named_just_before() {
    let t = "Ada Byron spoke at the town hall.\n\nShe said that the bridge would close.";
    assert_eq!(
        ind(t, &ada(t)),
        one("the bridge would close", "Ada Byron", "She", "said")
    );
}

#[test]
fn an_unresolvable_pronoun_yields_nothing() {
    // The control: one person named before the pronoun resolves it.
    let t = "Ada Byron arrived.\n\nShe said that the bridge would close in May.";
    assert_eq!(ind(t, &ada(t)).len(), 1);
    assert!(ind("He said that the bridge would close in May.", &[]).is_empty());
    assert!(ind("It said that the bridge would close in May.", &[]).is_empty());
    // The person named inside the clause is not the speaker.
    let t = "Tom Lee was wrong about the bridge, she said.";
    assert!(ind(t, &[ent(t, "Tom Lee", Label::Per)]).is_empty());
    // Two people before the pronoun who could both be meant, neither the subject of a
    // sentence before it: nothing.
    let t = "The council heard Ada Byron and Mary Lee.\n\nShe said that the bridge would close.";
    let two = |t: &str| {
        [
            ent(t, "Ada Byron", Label::Per),
            ent(t, "Mary Lee", Label::Per),
        ]
    };
    assert!(ind(t, &two(t)).is_empty());
    // The subject of the sentence before, as for direct quotes: the pronoun continues it.
    let t = "Ada Byron met Mary Lee.\n\nShe said that the bridge would close.";
    assert_eq!(
        ind(t, &two(t)),
        one("the bridge would close", "Ada Byron", "She", "said")
    );
    // A man and a woman: "she" is the woman, whichever was named last.
    let t = "Ada Byron met Tom Lee.\n\nShe said that the bridge would close.";
    let e = [
        ent(t, "Ada Byron", Label::Per),
        ent(t, "Tom Lee", Label::Per),
    ];
    assert_eq!(
        ind(t, &e),
        one("the bridge would close", "Ada Byron", "She", "said")
    );
}

/// The indirect quotes without a speaker: (text, source phrase, how).
fn unnamed(t: &str, ents: &[Entity]) -> Vec<(String, String, &'static str)> {
    super::super::extract(Field::Body, t, ents)
        .into_iter()
        .filter(|q| q.kind == QuoteKind::Indirect && q.speaker.is_none())
        .map(|q| {
            let m = &t[q.speaker_start.unwrap()..q.speaker_end.unwrap()];
            (q.text, m.to_string(), q.how.map_or("", How::as_str))
        })
        .collect()
}

/// A description is a source, never a speaker: the quote is kept without one.
#[test]
fn a_description_source_gives_a_quote_without_a_speaker() {
    let t = "Officials said that the bridge over the river would close in May for repairs.";
    assert_eq!(
        unnamed(t, &[]),
        [(
            "that the bridge over the river would close in May for repairs".to_string(),
            "Officials".to_string(),
            "reported-description"
        )]
    );
    let t =
        "Ada Byron, the Acme spokesman, left.\n\nAn Acme spokesman said that the bridge was safe.";
    let u = unnamed(t, &ada(t));
    assert_eq!(u.len(), 1, "{u:?}");
    assert_eq!(u[0].0, "the bridge was safe");
    assert_eq!(u[0].1, "An Acme spokesman");
    // A negated or modal verb is still no report.
    assert!(unnamed("Officials did not say that the bridge would close.", &[]).is_empty());
}

#[test]
fn a_speaker_must_be_a_named_person_or_organisation() {
    let t = "Acme Corp said that the bridge would close in May.";
    assert_eq!(ind(t, &[ent(t, "Acme Corp", Label::Org)]).len(), 1);
    assert!(ind("Officials said that the bridge would close in May.", &[]).is_empty());
    let t = "Officials in Berlin said that the bridge would close in May.";
    assert!(ind(t, &[ent(t, "Berlin", Label::Org)]).is_empty());
    // A possessive names someone else: the lawyer spoke, not Ada Byron.
    let t = "Ada Byron’s lawyer said that the bridge was safe.";
    assert!(ind(t, &ada(t)).is_empty());
    // An indefinite role brings in someone new, even with a holder named earlier.
    let t =
        "Ada Byron, the Acme spokesman, left.\n\nAn Acme spokesman said that the bridge was safe.";
    assert!(ind(t, &ada(t)).is_empty());
    // A title the tagger took for a name names nobody.
    let t = "Lord Byron said that the bridge was safe.";
    let lord = Entity {
        canonical: "Lord".into(),
        ..ent(t, "Lord Byron", Label::Per)
    };
    assert!(ind(t, &[lord]).is_empty());
    // A place does not speak here, even when the tagger knows it.
    let t = "Ruritania said that the bridge was safe.";
    assert!(ind(t, &[ent(t, "Ruritania", Label::Loc)]).is_empty());
}

#[test]
fn questions_conditionals_and_non_reports_yield_nothing() {
    let t = "Ada Byron said that the bridge was safe.";
    assert_eq!(ind(t, &ada(t)).len(), 1);
    for t in [
        "Did Ada Byron say that the bridge would close in May?",
        "If Ada Byron said that the bridge was safe, nobody believed her.",
        "Ada Byron would say that the bridge is safe.",
        "Ada Byron did not say that the bridge was safe.",
        "Ada Byron never said that the bridge was safe.",
        "Ada Byron was told that the bridge was safe.",
        "Ada Byron is said to have sold the bridge in May.",
        "Ada Byron bought the said company, which was failing.",
        "Ada Byron, who said that the bridge was safe, resigned.",
    ] {
        assert!(ind(t, &ada(t)).is_empty(), "{t}");
    }
}

#[test]
fn a_sentence_with_a_direct_quote_yields_no_indirect_quote() {
    // The sentences around the quote are read.
    let t = "Ada Byron said that the bridge was old. “It will close,” she said.";
    let all = super::super::extract(Field::Body, t, &ada(t));
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].kind, QuoteKind::Indirect);
    assert_eq!(all[1].kind, QuoteKind::Direct);
    let t = "Ada Byron said that the bridge “would close soon,” and left.";
    let all = super::super::extract(Field::Body, t, &ada(t));
    assert!(all.iter().all(|q| q.kind == QuoteKind::Direct), "{all:?}");
    // A multi-paragraph direct quote covers its middle paragraph too.
    let t = "Ada Byron said: “The bridge is old.\n\nAda Byron said the bridge would close.”";
    let all = super::super::extract(Field::Body, t, &ada(t));
    assert!(all.iter().all(|q| q.kind == QuoteKind::Direct), "{all:?}");
}

#[test]
fn a_closing_attribution_and_an_abbreviation_do_not_end_the_clause_wrongly() {
    let t = "Ada Byron said the plan could fail, people at the meeting said.";
    assert_ada_reports(t, "the plan could fail", "said");
    let t = "Ada Byron has said she is not interested in the No. 2 job at Acme.";
    assert_ada_reports(t, "she is not interested in the No. 2 job at Acme", "said");
}

#[test]
fn a_parenthesised_sentence_leaves_its_brackets_out() {
    let t = "The bridge closed. (Ada Byron said that the timing was unrelated.)";
    assert_ada_reports(t, "the timing was unrelated", "said");
}

#[test]
fn a_plain_tense_clause_follows_a_say_verb_without_that() {
    let t = "Ada Byron said he expects the bridge to close in May.";
    assert_ada_reports(t, "he expects the bridge to close in May", "said");
    let t = "Ada Byron said the council approved the plan on Monday.";
    assert_ada_reports(t, "the council approved the plan on Monday", "said");
    // Other verbs take noun objects as readily: "added" needs an auxiliary or "that".
    let t = "Ada Byron added the new jobs created by the plan to the list.";
    assert!(ind(t, &ada(t)).is_empty());
    // "it" may be an object ("said it again"): only with an auxiliary.
    let t = "Ada Byron said it again to the town council in May.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn a_reporting_clause_inside_the_sentence_reports_what_follows() {
    let t =
        "Though the handover went smoothly, Ada Byron said, replacing the bridge would be harder.";
    assert_ada_reports(t, "replacing the bridge would be harder", "said");
    // Negated or modal: not a report.
    let t = "Though the handover went smoothly, Ada Byron would say, replacing it is harder.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn a_sentence_with_a_quotation_reports_only_what_lies_clear_of_it() {
    let t = "Ada Byron told the audience that the bridge would close, saying that “it is old.”";
    assert_ada_reports(t, "the bridge would close", "told");
    let t = "Ada Byron said the bridge “would close soon” and the ferry would run.";
    assert!(ind(t, &ada(t)).is_empty());
}

#[test]
fn the_clause_stops_before_a_second_clause() {
    // The second clause is a report of its own, through the participle's main subject.
    let t = "Ada Byron said that the bridge would close, adding that a ferry would run.";
    let mut want = one("the bridge would close", "Ada Byron", "Ada Byron", "said");
    want.extend(one(
        "that a ferry would run",
        "Ada Byron",
        "Ada Byron",
        "adding",
    ));
    assert_eq!(ind(t, &ada(t)), want);
}

/// A definite description resolves as a direct quote's does: to the one holder of that role
/// the article names, or to the organisation with that head word.
#[test]
fn a_description_resolves_to_the_holder_the_article_names() {
    let t = "Acme chairman Ada Byron arrived.\n\nThe chairman said that the bridge was safe.";
    assert_eq!(
        ind(t, &ada(t)),
        one("the bridge was safe", "Ada Byron", "The chairman", "said")
    );
    let q = super::super::extract(Field::Body, t, &ada(t));
    assert_eq!(q[0].how, Some(How::Role));
    // A source phrase that runs past the name into its verb still names the person.
    let t = "Ada Byron has long argued that the bridge was safe.";
    assert_eq!(ind(t, &ada(t)).len(), 1);
}

/// A person named inside a description is not its speaker when the phrase describes someone
/// else: the person's lawyer, a spokeswoman for the person, the person's team.
#[test]
fn a_person_inside_a_description_speaks_only_as_its_head() {
    for t in [
        "Ada Byron arrived.\n\nA spokeswoman for Ada Byron said that the bridge was safe.",
        "Ada Byron arrived.\n\nAda Byron's lawyer has said that the bridge was safe.",
        "Ada Byron arrived.\n\nThe Byron team has said that the bridge was safe.",
        "Ada Byron arrived.\n\nAda Byron's aides have said that the bridge was safe.",
    ] {
        let e = [ent(t, "Ada Byron", Label::Per), {
            let s = t.rfind("Byron").unwrap();
            Entity {
                start: s - if t[..s].ends_with("Ada ") { 4 } else { 0 },
                end: s + 5,
                ..ent(t, "Ada Byron", Label::Per)
            }
        }];
        assert!(ind(t, &e).is_empty(), "{t}: {:?}", ind(t, &e));
        assert_eq!(unnamed(t, &e).len(), 1, "{t}");
    }
}

/// A campaign speaks as itself, named by its candidate's family name; a bare "the campaign"
/// only when the article names one candidate's campaign.
#[test]
fn a_campaign_speaks_as_the_campaign() {
    let t = "Ada Byron toured Ohio.\n\nThe Byron campaign has said that the bridge was safe.";
    let byron = t.rfind("Byron").unwrap();
    let e = [
        ent(t, "Ada Byron", Label::Per),
        Entity {
            start: byron,
            end: byron + 5,
            ..ent(t, "Ada Byron", Label::Per)
        },
    ];
    assert_eq!(
        ind(t, &e),
        one(
            "the bridge was safe",
            "Byron campaign",
            "The Byron campaign",
            "said"
        )
    );
    let t = "Ada Byron’s campaign hired staff.\n\nThe campaign has said that the bridge was safe.";
    assert_eq!(
        ind(t, &ada(t)),
        one(
            "the bridge was safe",
            "Byron campaign",
            "The campaign",
            "said"
        )
    );
    // Two candidates' campaigns: which one is meant is a guess.
    let t = "Ada Byron’s campaign and Tom Lee’s campaign hired staff.\n\nThe campaign has said that the bridge was safe.";
    let e = [
        ent(t, "Ada Byron", Label::Per),
        ent(t, "Tom Lee", Label::Per),
    ];
    assert!(ind(t, &e).is_empty());
}

/// A reporting participle after a comma, or a second verb joined by "but", reports through the
/// subject of the sentence's main clause (the span tagger's clause, the direct quotes'
/// sentence-subject reading); the name it finds is the one that opens the sentence.
#[test]
fn a_participle_or_joined_cue_reports_through_the_main_subject() {
    let t = "The council met on Tuesday.\n\nAda Byron said she had read the plans twice, arguing that the bridge would not survive another winter.";
    let got = super::super::extract(Field::Body, t, &ada(t));
    let q = got
        .iter()
        .find(|q| q.kind == QuoteKind::Indirect && q.text.contains("bridge would not survive"))
        .expect("the participle's clause is reported");
    assert_eq!(q.speaker.as_deref(), Some("Ada Byron"));
}

/// After an inverted attribution ("…, writes the Gazette, citing …") the participle belongs to
/// that attribution's source, not to the sentence's subject: no speaker rather than the wrong one.
#[test]
fn a_participle_after_an_inverted_attribution_is_not_the_main_subjects() {
    let t = "Ada Byron issued a warning to the council about the bridge, writes the Gazette, citing a letter written by the engineer and published last week.";
    let got = super::super::extract(Field::Body, t, &ada(t));
    assert!(
        got.iter()
            .all(|q| !(q.text.contains("a letter written")
                && q.speaker.as_deref() == Some("Ada Byron"))),
        "{got:?}"
    );
}
