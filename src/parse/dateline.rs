//! Publication dates from an article's dateline, for articles whose metadata gives none (plain
//! text above all): "LONDON, March 3, 2016 (Reuters) -", "WASHINGTON (AP) — Monday, 14 March
//! 2005", "3 March 2016", "Published: 2016-03-03", "Mon 14 Mar 2005 10.32 GMT".
//!
//! Only the opening of the body is looked at, and only a date that is the first thing on its
//! line after dateline furniture (a capitalised place, an agency in parentheses, a weekday, a
//! label such as "Published:"), with a full day, month and year in a plausible range and, when
//! a weekday is given, the right weekday. A date in running text ("talks on 3 March 2016") or
//! deeper in the article is never taken: a wrong date is worse than none.

use chrono::{Datelike, NaiveDate, Weekday};

/// Years accepted: newspaper archives start around 1900, and a later year is a typo or a number.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;
/// How far into its line a date may start (the longest furniture in wire datelines, "RIO DE
/// JANEIRO, Brazil (Reuters) —", is under 40 characters).
const MAX_LEAD: usize = 60;
/// Only the start of a line is read: datelines are short, paragraphs can be megabytes.
const MAX_LINE: usize = 200;
/// The body's first line, and the second when the first is this short (a byline, say).
const SHORT_LINE: usize = 80;
/// Agency or place in parentheses ("(Reuters)", "(AP)").
const MAX_PAREN: usize = 30;

/// Words that may precede a date on a dateline besides places and weekdays.
const LABELS: [&str; 12] = [
    "published",
    "updated",
    "posted",
    "date",
    "dated",
    "last",
    "first",
    "on",
    "filed",
    "dateline",
    "gmt",
    "utc",
];

/// The date (`YYYY-MM-DD`, or RFC 3339 when a UTC time follows it) of the article's dateline,
/// if its opening has one.
pub fn dateline_date(body: &str) -> Option<String> {
    let mut lines = body
        .split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty());
    let first = lines.next()?;
    if let Some(d) = line_date(first) {
        return Some(d);
    }
    if first.chars().nth(SHORT_LINE).is_none() {
        return lines.next().and_then(line_date);
    }
    None
}

/// A date at the start of one line, after dateline furniture only.
fn line_date(line: &str) -> Option<String> {
    let end = line
        .char_indices()
        .nth(MAX_LINE)
        .map_or(line.len(), |(i, _)| i);
    let line = &line[..end];
    let mut weekday = None;
    let mut pos = 0;
    while pos < line.len() && pos <= MAX_LEAD {
        let rest = &line[pos..];
        let c = rest.chars().next()?;
        if c.is_ascii_digit() || c.is_alphabetic() {
            if let Some((date, len)) = date_at(rest) {
                if weekday.is_some_and(|w| w != date.weekday()) {
                    return None;
                }
                return finish(date, &rest[len..]);
            }
        }
        if c == '(' {
            // An agency or place in parentheses is skipped whole.
            let close = rest.find(')').filter(|&i| i <= MAX_PAREN)?;
            pos += close + 1;
        } else if c.is_alphabetic() {
            let len = rest
                .find(|ch: char| !(ch.is_alphabetic() || ch == '.' || ch == '\''))
                .unwrap_or(rest.len());
            let word = &rest[..len];
            if let Some(w) = weekday_of(word) {
                weekday = Some(w);
            } else if !is_furniture(word) {
                return None;
            }
            pos += len;
        } else if c.is_whitespace() || ",:;-|/·•".contains(c) || ['—', '–'].contains(&c) {
            pos += c.len_utf8();
        } else {
            return None;
        }
    }
    None
}

/// A place in capitals ("LONDON", "U.S.") or a dateline label ("Published").
fn is_furniture(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic());
    let caps = letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase);
    caps || LABELS.contains(&word.trim_end_matches('.').to_lowercase().as_str())
}

/// What may follow the date: the end of the line, punctuation ("(Reuters) -", ", 10:32"), or
/// a time. A word ("3 March 2016 was…") means the date is part of a sentence.
fn finish(date: NaiveDate, after: &str) -> Option<String> {
    let rest = after.trim_start_matches([' ', ',', '\t']);
    if let Some((h, m, len)) = time_at(rest) {
        let zone = rest[len..].trim_start();
        let utc = ["GMT", "UTC", "Z"]
            .iter()
            .any(|z| zone.strip_prefix(z).is_some_and(|r| !starts_alnum(r)));
        if utc {
            let t = date.and_hms_opt(h, m, 0)?;
            return Some(t.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
        // A time in an unknown zone: the day is still the dateline's.
        return Some(date.format("%Y-%m-%d").to_string());
    }
    match rest.chars().next() {
        None => Some(date.format("%Y-%m-%d").to_string()),
        Some(c) if c.is_alphanumeric() => {
            let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            is_furniture(&word).then(|| date.format("%Y-%m-%d").to_string())
        }
        Some(_) => Some(date.format("%Y-%m-%d").to_string()),
    }
}

fn starts_alnum(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

/// `HH:MM` or `HH.MM` (the Guardian's "10.32 GMT"), and its length.
fn time_at(s: &str) -> Option<(u32, u32, usize)> {
    let (h, hl) = digits(s, 1, 2)?;
    let sep = s[hl..].chars().next()?;
    if sep != ':' && sep != '.' {
        return None;
    }
    let (m, ml) = digits(&s[hl + 1..], 2, 2)?;
    let len = hl + 1 + ml;
    (h < 24 && m < 60 && !starts_alnum(&s[len..])).then_some((h, m, len))
}

/// A date starting at `s`: ISO (`2016-03-03`, `2016/03/03`), day-month-year ("3 March 2016",
/// "3rd Mar. 2016") or month-day-year ("March 3, 2016"); with the bytes it spans.
fn date_at(s: &str) -> Option<(NaiveDate, usize)> {
    iso(s)
        .or_else(|| day_month_year(s))
        .or_else(|| month_day_year(s))
}

fn iso(s: &str) -> Option<(NaiveDate, usize)> {
    let (y, yl) = digits(s, 4, 4)?;
    let sep = s[yl..].chars().next().filter(|c| *c == '-' || *c == '/')?;
    let (m, ml) = digits(&s[yl + 1..], 2, 2)?;
    let at = yl + 1 + ml;
    s[at..].strip_prefix(sep)?;
    let (d, dl) = digits(&s[at + 1..], 2, 2)?;
    let len = at + 1 + dl;
    let timestamp =
        s[len..].starts_with('T') && s[len + 1..].starts_with(|c: char| c.is_ascii_digit());
    if starts_alnum(&s[len..]) && !timestamp {
        return None;
    }
    // Of an ISO timestamp ("2016-03-03T10:32:00Z") the day alone is taken: its zone may be
    // anything.
    let len = if timestamp {
        s[len..]
            .find(|c: char| c.is_whitespace())
            .map_or(s.len(), |i| len + i)
    } else {
        len
    };
    Some((ymd(y as i32, m, d)?, len))
}

fn day_month_year(s: &str) -> Option<(NaiveDate, usize)> {
    let (d, mut at) = digits(s, 1, 2)?;
    at += ordinal_suffix(&s[at..]);
    at += spaces(&s[at..]).filter(|n| *n > 0)?;
    let (m, ml) = month_at(&s[at..])?;
    at += ml;
    at += usize::from(s[at..].starts_with(','));
    at += spaces(&s[at..]).filter(|n| *n > 0)?;
    let (y, yl) = digits(&s[at..], 4, 4)?;
    at += yl;
    (!starts_alnum(&s[at..])).then_some(())?;
    Some((ymd(y as i32, m, d)?, at))
}

fn month_day_year(s: &str) -> Option<(NaiveDate, usize)> {
    let (m, mut at) = month_at(s)?;
    at += spaces(&s[at..]).filter(|n| *n > 0)?;
    let (d, dl) = digits(&s[at..], 1, 2)?;
    at += dl;
    at += ordinal_suffix(&s[at..]);
    at += usize::from(s[at..].starts_with(','));
    at += spaces(&s[at..]).filter(|n| *n > 0)?;
    let (y, yl) = digits(&s[at..], 4, 4)?;
    at += yl;
    (!starts_alnum(&s[at..])).then_some(())?;
    Some((ymd(y as i32, m, d)?, at))
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    if !YEARS.contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Between `min` and `max` ASCII digits, not followed by another digit; value and length.
fn digits(s: &str, min: usize, max: usize) -> Option<(u32, usize)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n < min || n > max {
        return None;
    }
    Some((s[..n].parse().ok()?, n))
}

fn spaces(s: &str) -> Option<usize> {
    Some(s.len() - s.trim_start_matches([' ', '\t', '\u{a0}']).len())
}

fn ordinal_suffix(s: &str) -> usize {
    ["st", "nd", "rd", "th"]
        .iter()
        .find(|suf| s.starts_with(*suf) && !starts_alnum(&s[2..]))
        .map_or(0, |_| 2)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name, full or abbreviated to three letters ("Sept" too), with an optional period.
fn month_at(s: &str) -> Option<(u32, usize)> {
    let len = s
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(s.len());
    let word = s[..len].to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    let m = MONTHS
        .iter()
        .position(|name| *name == word || (word.len() <= 4 && name.starts_with(&word)))?;
    // "Mar" or "March" but not "Marc"; "Sept" is the one common four-letter abbreviation.
    if word.len() == 4 && word != MONTHS[m] && word != "sept" {
        return None;
    }
    let len = len + usize::from(s[len..].starts_with('.'));
    Some((m as u32 + 1, len))
}

/// A whole word naming a month ("March", "Sept.", "jan.") or a weekday ("Tuesday"), in any
/// case. A bare three-letter abbreviation ("Mar", "Sun") does not count: alone it is as often
/// a word or a name.
pub fn is_calendar_word(w: &str) -> bool {
    let full = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(w));
    full(&MONTHS)
        || full(&WEEKDAYS)
        || (w.ends_with('.') && month_at(w).is_some_and(|(_, len)| len == w.len()))
}

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

fn weekday_of(word: &str) -> Option<Weekday> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let days = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];
    WEEKDAYS
        .iter()
        .zip(days)
        .find(|(name, _)| **name == w || (w.len() == 3 && name.starts_with(&w)))
        .map(|(_, d)| d)
}

#[cfg(test)]
mod tests {
    use super::dateline_date as d;

    #[test]
    fn calendar_words_are_whole_months_and_weekdays() {
        use super::is_calendar_word as cal;
        for w in ["March", "SEPTEMBER", "Sept.", "jan.", "Tuesday", "May"] {
            assert!(cal(w), "{w}");
        }
        for w in ["Mar", "Sun", "Marc.", "Septic", "Monday-Friday", ""] {
            assert!(!cal(w), "{w}");
        }
    }

    #[test]
    fn wire_and_newspaper_datelines() {
        let cases = [
            (
                "LONDON, March 3, 2016 (Reuters) - Britain's economy grew.",
                "2016-03-03",
            ),
            (
                "WASHINGTON (AP) — Monday, 14 March 2005\n\nThe Senate voted.",
                "2005-03-14",
            ),
            ("3 March 2016\n\nThe talks resumed.", "2016-03-03"),
            ("Published: 2016-03-03\nThe talks resumed.", "2016-03-03"),
            (
                "Mon 14 Mar 2005 10.32 GMT\n\nThe talks resumed.",
                "2005-03-14T10:32:00Z",
            ),
            (
                "NEW YORK, Sept. 20, 2016 /PRNewswire/ -- Shares",
                "2016-09-20",
            ),
            ("BRUSSELS, 3rd March 2016: ministers met.", "2016-03-03"),
            ("Updated 2016-03-03T10:32:00Z", "2016-03-03"),
            (
                "By Jane Smith\nLONDON, Jan 5, 1998 (Reuters) - Text.",
                "1998-01-05",
            ),
            ("  \n\nMarch 3, 2016\n\nText", "2016-03-03"),
            ("3 March 2016, 09:15 BST - The talks", "2016-03-03"),
        ];
        for (text, want) in cases {
            assert_eq!(d(text).as_deref(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn dates_in_running_text_or_deeper_are_not_taken() {
        let cases = [
            // A sentence that mentions a date.
            "The talks on 3 March 2016 ended without a deal.",
            "NATO said on Monday, 14 March 2005, that it would act.",
            "3 March 2016 was the day the talks collapsed.",
            // The date is not in the opening lines.
            "Ministers met again yesterday to discuss the budget and the harbour and the long \
             list of other items that had been left over from the last meeting.\n\nLONDON, March \
             3, 2016 (Reuters) - Later text.",
            "First paragraph with no date at all.\nSecond line.\n3 March 2016",
            // Incomplete or implausible dates.
            "LONDON, March 2016 (Reuters) - Text.",
            "LONDON, March 3 (Reuters) - Text.",
            "3 March 1850\n\nOld text.",
            "Published: 2016-02-30",
            "03/04/2016 - ambiguous day and month",
            // The weekday contradicts the date (14 March 2005 was a Monday).
            "WASHINGTON (AP) — Tuesday, 14 March 2005",
            // Numbers that only look like dates.
            "2016 was a year of 3 March rallies.",
            "Room 101 March 3, 2016",
            "",
        ];
        for text in cases {
            assert_eq!(d(text), None, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Any text: no panic, and a date found is a normalised one.
        #[test]
        fn never_panics_and_returns_normalised_dates(s in "\\PC{0,300}") {
            if let Some(date) = d(&s) {
                proptest::prop_assert!(crate::parse::normalize_date(&date).as_deref() == Some(date.as_str()));
            }
        }

        /// Dateline-shaped text around a generated date: found exactly when it is valid.
        #[test]
        fn generated_datelines(
            // Four letters or more: "MON" would be read as a weekday.
            place in "[A-Z]{4,10}",
            day in 1u32..=31,
            month in 0usize..12,
            year in 1890i32..=2110,
        ) {
            let name = super::MONTHS[month];
            let text = format!("{place}, {name} {day}, {year} (Reuters) - Text follows.");
            let valid = super::ymd(year, month as u32 + 1, day);
            proptest::prop_assert_eq!(d(&text), valid.map(|v| v.format("%Y-%m-%d").to_string()));
        }
    }
}
