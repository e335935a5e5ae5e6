//! Tests of canonical names within an article: merging, casing repairs, honorifics and roles
//! dropped, variants.

use super::*;

fn canon(ms: &[(&str, Label)]) -> Vec<String> {
    let v: Vec<MentionText> = ms
        .iter()
        .map(|&(text, label)| MentionText { text, label })
        .collect();
    canonicalize(&v)
}

#[test]
fn a_surname_with_either_apostrophe_and_a_paper_by_its_last_word() {
    let out = canon(&[
        ("James O’Neill", Label::Per),
        ("O'Neill", Label::Per),
        ("The New York Times", Label::Org),
        ("Times", Label::Org),
        ("the Times", Label::Org),
    ]);
    assert_eq!(out[1], "James O’Neill");
    assert_eq!(out[3], out[2]);
    assert_eq!(out[4], out[2]);
    // Two papers ending in "Times": a lone "Times" could be either and stays as written.
    let out = canon(&[
        ("New York Times", Label::Org),
        ("Tampa Bay Times", Label::Org),
        ("Times", Label::Org),
        ("White House", Label::Org),
        ("House", Label::Org),
    ]);
    assert_eq!(out[2], "Times");
    // Only newspaper heads: "House" is not the "White House".
    assert_eq!(out[4], "House");
}

#[test]
fn surnames_and_honorifics_map_to_the_full_name() {
    let out = canon(&[
        ("Jens Stoltenberg", Label::Per),
        ("Stoltenberg", Label::Per),
        ("Mr Stoltenberg", Label::Per),
        ("It Stoltenberg", Label::Per),
        ("Donald trump", Label::Per),
        ("Donald Trump", Label::Per),
        ("trump", Label::Per),
    ]);
    assert_eq!(
        out,
        [
            "Jens Stoltenberg",
            "Jens Stoltenberg",
            "Jens Stoltenberg",
            "Jens Stoltenberg",
            "Donald Trump",
            "Donald Trump",
            "Donald Trump"
        ]
    );
}

#[test]
fn roles_places_parties_and_sentence_words_are_not_part_of_a_name() {
    let out = canon(&[
        ("Nova Scotia Liberal MP Sean Fraser", Label::Per),
        ("Barron County District Attorney Brian Wright", Label::Per),
        ("Democrat Hillary Clinton", Label::Per),
        ("Against Hillary Clinton", Label::Per),
        ("Fraser", Label::Per),
        ("Matlow Matlow", Label::Per),
        ("Keith Lamont Scott", Label::Per),
    ]);
    assert_eq!(
        out,
        [
            "Sean Fraser",
            "Brian Wright",
            "Hillary Clinton",
            "Hillary Clinton",
            "Sean Fraser",
            "Matlow",
            "Keith Lamont Scott"
        ]
    );
}

#[test]
fn one_identity_one_fullest_name() {
    let out = canon(&[
        ("Hillary Clinton", Label::Per),
        ("Hillary Rodham Clinton", Label::Per),
        ("Clinton's", Label::Per),
        ("Bill Clinton", Label::Per),
        ("Mrs. Clinton", Label::Per),
        ("Justice Dunphy", Label::Per),
        ("Michael Dunphy", Label::Per),
    ]);
    assert_eq!(
        out,
        [
            "Hillary Rodham Clinton",
            "Hillary Rodham Clinton",
            "Hillary Rodham Clinton",
            "Bill Clinton",
            "Hillary Rodham Clinton",
            "Michael Dunphy",
            "Michael Dunphy"
        ]
    );
}

#[test]
fn an_honorific_never_names_a_person_of_the_other_sex() {
    let out = canon(&[
        ("George W. Bush", Label::Per),
        ("Mrs. Bush", Label::Per),
        ("Mr. Bush", Label::Per),
        ("Bush", Label::Per),
    ]);
    assert_eq!(
        out,
        [
            "George W. Bush",
            "Mrs. Bush",
            "George W. Bush",
            "George W. Bush"
        ]
    );
    // With a woman of that name in the article, she is the one.
    let out = canon(&[
        ("George W. Bush", Label::Per),
        ("Laura Bush", Label::Per),
        ("Mrs. Bush", Label::Per),
    ]);
    assert_eq!(out[2], "Laura Bush");
    // A man's honorific is not read: the table gives "Lindsey" to women.
    let out = canon(&[("Lindsey Graham", Label::Per), ("Mr. Graham", Label::Per)]);
    assert_eq!(out[1], "Lindsey Graham");
}

#[test]
fn a_bare_surname_is_no_son_the_article_names_by_his_suffix() {
    // "Donald Jr." tells the son apart: "Trump" and "Mr. Trump" are someone else.
    let out = canon(&[
        ("Donald Trump Jr.", Label::Per),
        ("Donald Jr.", Label::Per),
        ("Trump", Label::Per),
        ("Mr. Trump", Label::Per),
    ]);
    assert_eq!(out[0], "Donald Trump Jr.");
    assert_eq!(out[2], "Trump");
    assert_eq!(out[3], "Trump");
    // Without a first name and suffix the surname is his ("King" is Martin Luther King
    // Jr.; "Biden Jr." is the same man as "Biden").
    let out = canon(&[("Martin Luther King Jr.", Label::Per), ("King", Label::Per)]);
    assert_eq!(out[1], "Martin Luther King Jr.");
    let out = canon(&[
        ("Joseph R. Biden Jr.", Label::Per),
        ("Biden Jr.", Label::Per),
        ("Biden", Label::Per),
    ]);
    assert_eq!(out[2], "Joseph R. Biden Jr.");
}

#[test]
fn a_nickname_or_first_name_needs_the_article_to_name_the_person() {
    let named = canon(&[
        ("Crooked Hillary", Label::Per),
        ("Hillary", Label::Per),
        ("Hillary Clinton", Label::Per),
        ("Crooked Hillary Clinton", Label::Per),
    ]);
    assert_eq!(named, ["Hillary Clinton"; 4]);
    // Without the full name the nickname stays (the archive does not list it as a person).
    let alone = canon(&[
        ("Crooked Hillary", Label::Per),
        ("Bernie Sanders", Label::Per),
    ]);
    assert_eq!(alone, ["Crooked Hillary", "Bernie Sanders"]);
    // Two people with the first name: a lone first name stays as written.
    let two = canon(&[
        ("Bill Clinton", Label::Per),
        ("Bill Gates", Label::Per),
        ("Bill", Label::Per),
    ]);
    assert_eq!(two[2], "Bill");
}

#[test]
fn prose_spelling_beats_headline_capitals() {
    let out = canon(&[
        ("RIGA", Label::Loc),
        ("RIGA", Label::Loc),
        ("Riga", Label::Loc),
        ("NATO", Label::Org),
    ]);
    assert_eq!(out, ["Riga", "Riga", "Riga", "NATO"]);
}

#[test]
fn punctuation_the_tagger_took_in_is_not_part_of_the_name() {
    let c = canonicalize(&[
        MentionText {
            text: "Ada Byron:",
            label: Label::Per,
        },
        MentionText {
            text: "Tom Lee (R-Fla",
            label: Label::Per,
        },
    ]);
    assert_eq!(c, ["Ada Byron", "Tom Lee"]);
}

#[test]
fn another_first_name_is_another_person() {
    let out = canon(&[
        ("Tony Blair", Label::Per),
        ("Cherie Blair", Label::Per),
        ("Blair", Label::Per),
        ("Tony Blair", Label::Per),
        ("T. Blair", Label::Per),
    ]);
    assert_eq!(
        out,
        [
            "Tony Blair",
            "Cherie Blair",
            "Tony Blair",
            "Tony Blair",
            "Tony Blair"
        ]
    );
}

#[test]
fn country_variants_and_leading_the() {
    let out = canon(&[
        ("US", Label::Loc),
        ("U.S.", Label::Loc),
        ("the United States", Label::Loc),
        ("United States", Label::Loc),
        ("The Guardian", Label::Org),
        ("Guardian", Label::Org),
        ("NATO", Label::Org),
    ]);
    assert_eq!(
        out,
        [
            "United States",
            "United States",
            "United States",
            "United States",
            "The Guardian",
            "The Guardian",
            "NATO"
        ]
    );
}
