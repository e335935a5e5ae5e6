//! Place (and misc) names that are one name across the archive: the same words in another case
//! ("NEW YORK" in a wire dateline, "New York" in prose) and a US state's newspaper abbreviation
//! beside its name ("Calif." / "California", when the archive names the state in full). Each
//! group is shown under its prose form: not all capitals, then the most articles.

use std::collections::{BTreeMap, HashMap};

use super::KindCounts;

/// AP-style state abbreviations with the state each stands for (a newspaper convention, not a
/// list of the archive's names).
const STATES: &[(&str, &str)] = &[
    ("Ala.", "Alabama"),
    ("Ariz.", "Arizona"),
    ("Ark.", "Arkansas"),
    ("Calif.", "California"),
    ("Colo.", "Colorado"),
    ("Conn.", "Connecticut"),
    ("Del.", "Delaware"),
    ("Fla.", "Florida"),
    ("Ga.", "Georgia"),
    ("Ill.", "Illinois"),
    ("Ind.", "Indiana"),
    ("Kan.", "Kansas"),
    ("Ky.", "Kentucky"),
    ("La.", "Louisiana"),
    ("Md.", "Maryland"),
    ("Mass.", "Massachusetts"),
    ("Mich.", "Michigan"),
    ("Minn.", "Minnesota"),
    ("Miss.", "Mississippi"),
    ("Mo.", "Missouri"),
    ("Mont.", "Montana"),
    ("Neb.", "Nebraska"),
    ("Nev.", "Nevada"),
    ("N.H.", "New Hampshire"),
    ("N.J.", "New Jersey"),
    ("N.M.", "New Mexico"),
    ("N.Y.", "New York"),
    ("N.C.", "North Carolina"),
    ("N.D.", "North Dakota"),
    ("Okla.", "Oklahoma"),
    ("Ore.", "Oregon"),
    ("Pa.", "Pennsylvania"),
    ("R.I.", "Rhode Island"),
    ("S.C.", "South Carolina"),
    ("S.D.", "South Dakota"),
    ("Tenn.", "Tennessee"),
    ("Tex.", "Texas"),
    ("Vt.", "Vermont"),
    ("Va.", "Virginia"),
    ("Wash.", "Washington"),
    ("W.Va.", "West Virginia"),
    ("Wis.", "Wisconsin"),
    ("Wyo.", "Wyoming"),
];

/// Whether a name is written all in capitals ("NEW YORK").
fn shouting(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// Variant → shown form for names of one kind that differ only by case, and (places) for state
/// abbreviations whose state the archive names.
pub(super) fn variants(names: &KindCounts, states: bool) -> BTreeMap<String, String> {
    let mut groups: HashMap<String, Vec<(&str, u64)>> = HashMap::new();
    for (name, n) in &names.names {
        groups
            .entry(name.to_lowercase())
            .or_default()
            .push((name.as_str(), *n));
    }
    let shown = |forms: &[(&str, u64)]| -> Option<String> {
        forms
            .iter()
            .max_by(|a, b| {
                (!shouting(a.0))
                    .cmp(&!shouting(b.0))
                    .then(a.1.cmp(&b.1))
                    .then(b.0.cmp(a.0))
            })
            .map(|f| f.0.to_string())
    };
    let mut map = BTreeMap::new();
    for forms in groups.values().filter(|f| f.len() > 1) {
        let Some(best) = shown(forms) else { continue };
        for (form, _) in forms {
            if *form != best {
                map.insert(form.to_string(), best.clone());
            }
        }
    }
    if states {
        for (abbr, state) in STATES {
            let Some(forms) = groups.get(&state.to_lowercase()) else {
                continue;
            };
            let Some(best) = shown(forms) else { continue };
            for (form, _) in groups.get(&abbr.to_lowercase()).into_iter().flatten() {
                map.insert(form.to_string(), best.clone());
            }
        }
    }
    map
}
