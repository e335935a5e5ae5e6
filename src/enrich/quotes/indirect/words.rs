//! The word classes the clause rules of `indirect` test: which verbs take a clause without
//! "that" or a listener before it, and which words make a verb no report (auxiliaries, modals,
//! negation), open or cut a clause, or stand between a verb and its clause or before a
//! subject's name. Lists, not rules: `indirect` decides what they mean in a sentence.

use super::super::cues::{is_cap, is_function_word, is_punct, is_role_noun, is_title, lower};

/// Verbs whose clause may follow without "that" ("Peskov said NATO was…"). Other verbs take
/// a noun object as readily as a clause ("announced the plan"), so they need "that".
pub(super) const ZERO_THAT: &[&str] = &[
    "added", "adds", "argued", "argues", "claimed", "claims", "insisted", "insists", "said", "say",
    "says", "tells", "told", "wrote", "writes",
];

/// Verbs whose listener comes between the verb and the clause ("told reporters that").
pub(super) const WITH_LISTENER: &[&str] =
    &["assured", "assures", "tells", "told", "warned", "warns"];

/// Finite auxiliaries and modals: the sign that words after a verb form a clause of their own.
pub(super) fn is_finite_aux(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "is" | "was"
            | "are"
            | "were"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "should"
            | "shall"
            | "has"
            | "had"
            | "have"
            | "did"
            | "does"
            | "do"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words that, between a subject and its verb, make the verb something other than a report of
/// what was said: passive ("was told"), modal ("would say"), negated, infinitive ("expected to
/// say"), relative ("who said": the clause ends somewhere we cannot see), conditional.
pub(super) fn blocks_report(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "is" | "was"
            | "were"
            | "are"
            | "be"
            | "been"
            | "being"
            | "would"
            | "could"
            | "might"
            | "may"
            | "will"
            | "can"
            | "should"
            | "must"
            | "shall"
            | "not"
            | "never"
            | "to"
            | "who"
            | "which"
            | "if"
            | "unless"
            | "whether"
            | "did"
            | "does"
            | "do"
    ) || w.ends_with("n't")
        || w.ends_with("n’t")
}

/// Words that may open a reported clause without "that": pronouns and determiners.
pub(super) fn opens_clause(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "he" | "she"
            | "it"
            | "they"
            | "we"
            | "i"
            | "you"
            | "there"
            | "the"
            | "a"
            | "an"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "some"
            | "many"
            | "no"
            | "all"
            | "both"
    ) || w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

/// Words that, after a comma, start a second clause the reported one does not include
/// ("…, adding that…", "…, according to…").
pub(super) fn cuts_clause(w: &str) -> bool {
    matches!(
        w,
        "adding"
            | "saying"
            | "noting"
            | "insisting"
            | "arguing"
            | "warning"
            | "stressing"
            | "explaining"
            | "claiming"
            | "according"
            | "but"
            | "although"
            | "though"
            | "while"
            | "whereas"
    )
}

/// Sentence openers that make what follows not a plain statement: conditionals and
/// subordinate clauses ("If Peskov said that…", "When she says…").
pub(super) fn is_subordinate_opener(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "if" | "unless"
            | "whether"
            | "when"
            | "whenever"
            | "although"
            | "though"
            | "because"
            | "since"
            | "as"
            | "while"
            | "once"
            | "until"
            | "before"
            | "after"
            | "suppose"
            | "imagine"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "without"
            | "asked"
            | "speaking"
            | "writing"
            | "during"
            | "despite"
            | "like"
            | "unlike"
            | "following"
    )
}

/// Adverbials that may stand between a say-verb and "that".
pub(super) fn is_adverbial(w: &str) -> bool {
    matches!(
        lower(w, &mut [0; 32]),
        "on" | "in"
            | "at"
            | "during"
            | "after"
            | "before"
            | "last"
            | "this"
            | "earlier"
            | "late"
            | "later"
            | "yesterday"
            | "today"
            | "tonight"
            | "repeatedly"
            | "again"
            | "also"
            | "recently"
            | "previously"
            | "publicly"
            | "privately"
            | "then"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "over"
            | "via"
            | "through"
    )
}

/// Say-verbs whose zero-"that" clause may carry a plain tense (see `zero_that_clause`): their
/// noun objects are few, where "added", "claimed" or "argued" take many ("added 20 jobs created
/// by…").
pub(super) const PLAIN_VERB_OK: &[&str] = &["said", "says", "say", "told", "tells"];

/// A lowercase past-tense form: "-ed" on at least three letters ("failed", not "red").
pub(super) fn is_past_form(w: &str) -> bool {
    w.len() > 4 && w.ends_with("ed") && w.starts_with(|c: char| c.is_ascii_lowercase())
}

/// A word of a descriptor before a name ("the Kremlin spokesman", "former Prime Minister"):
/// capitalised, a role noun or title, or one of a few modifiers. Prepositions are not, so in
/// "officials in Washington" the place is never the subject.
pub(super) fn is_descriptor(w: &str) -> bool {
    (is_cap(w) && !is_punct(w) && !is_function_word(w))
        || is_role_noun(w)
        || is_title(w)
        || matches!(
            w,
            "the"
                | "former"
                | "chief"
                | "executive"
                | "press"
                | "deputy"
                | "foreign"
                | "prime"
                | "vice"
                | "senior"
                | "defence"
                | "defense"
                | "finance"
                | "state"
        )
}
