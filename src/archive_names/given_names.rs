//! Short forms of English given names ("Joe" for "Joseph", "Bill" for "William"): one person
//! is "Joe Biden" in one outlet and "Joseph R. Biden Jr." in another. Only short forms that
//! stand for one formal name of one sex are listed: "Chris", "Alex", "Sam", "Pat", "Steve"
//! (Stephen or Steven) and "Jack" (John, or a name of its own) are not.

/// (short form, formal name), lowercase, sorted by short form for the binary search.
const SHORT_FORMS: &[(&str, &str)] = &[
    ("andy", "andrew"),
    ("ben", "benjamin"),
    ("bernie", "bernard"),
    ("bill", "william"),
    ("billy", "william"),
    ("bob", "robert"),
    ("bobby", "robert"),
    ("charlie", "charles"),
    ("chuck", "charles"),
    ("dan", "daniel"),
    ("danny", "daniel"),
    ("dave", "david"),
    ("dick", "richard"),
    ("don", "donald"),
    ("doug", "douglas"),
    ("ed", "edward"),
    ("fred", "frederick"),
    ("greg", "gregory"),
    ("jeff", "jeffrey"),
    ("jim", "james"),
    ("jimmy", "james"),
    ("joe", "joseph"),
    ("ken", "kenneth"),
    ("larry", "lawrence"),
    ("liz", "elizabeth"),
    ("matt", "matthew"),
    ("mike", "michael"),
    ("nick", "nicholas"),
    ("pete", "peter"),
    ("phil", "philip"),
    ("rick", "richard"),
    ("rob", "robert"),
    ("ron", "ronald"),
    ("ted", "edward"),
    ("tim", "timothy"),
    ("tom", "thomas"),
    ("tommy", "thomas"),
    ("tony", "anthony"),
];

/// The formal given name a lowercase short form stands for, else the word itself.
pub(super) fn formal(w: &str) -> &str {
    SHORT_FORMS
        .binary_search_by(|(short, _)| short.cmp(&w))
        .map_or(w, |i| SHORT_FORMS[i].1)
}

/// A person key ("joe biden") with its first word formal ("joseph biden"); a one-word key is
/// left as it is (a surname alone is no given name).
pub(super) fn formal_key(key: &str) -> String {
    match key.split_once(' ') {
        Some((first, rest)) => format!("{} {rest}", formal(first)),
        None => key.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_short_forms_map_to_formal_names() {
        assert!(SHORT_FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(formal_key("joe biden"), "joseph biden");
        assert_eq!(formal_key("joseph biden jr"), "joseph biden jr");
        assert_eq!(formal_key("chris smith"), "chris smith");
        assert_eq!(formal_key("biden"), "biden");
    }
}
