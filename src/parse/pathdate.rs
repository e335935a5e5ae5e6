//! Dates from a file's path, for articles whose text gives none. Archives name files and
//! folders by date: PolNeAR's `breitbart_2015-11-11_….txt`, a crawler's `2016/03/03/story.html`.
//!
//! The rule, looking from the file name up through its folders and taking the first match:
//! 1. an ISO date `YYYY-MM-DD` inside a name, not touching other digits (`v2-2016-03-03` yes,
//!    `12016-03-031` no);
//! 2. three folders in a row `YYYY/MM/DD` (month and day of one or two digits); `YYYY/MM`
//!    alone is not a day and dates nothing.
//!
//! Years run from 1900 to 2099 and the date must exist (no 2015-02-30).

use chrono::NaiveDate;

/// The date a path gives, as `YYYY-MM-DD`.
pub fn date_from_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split(['/', '\\']).filter(|p| !p.is_empty()).collect();
    for (i, part) in parts.iter().enumerate().rev() {
        if let Some(d) = iso_in_name(part) {
            return Some(d);
        }
        // The folder triple ending at this component (the day may be the file's folder).
        if i >= 2 {
            if let Some(d) = ymd(parts[i - 2], parts[i - 1], part) {
                return Some(d);
            }
        }
    }
    None
}

fn ymd(y: &str, m: &str, d: &str) -> Option<String> {
    let num = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (y, m, d) = (num(y, 4..=4)?, num(m, 1..=2)?, num(d, 1..=2)?);
    valid(y, m, d)
}

fn valid(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2099).contains(&y) {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    Some(date.format("%Y-%m-%d").to_string())
}

/// The first `YYYY-MM-DD` in a name that stands apart from other digits.
fn iso_in_name(name: &str) -> Option<String> {
    let b = name.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    for s in 0..=b.len() - 10 {
        let shape = (0..10).all(|k| match k {
            4 | 7 => b[s + k] == b'-',
            _ => b[s + k].is_ascii_digit(),
        });
        if !shape || (s > 0 && digit(s - 1)) || digit(s + 10) {
            continue;
        }
        // ASCII throughout the match, so these slices are on character boundaries.
        let n = |r: std::ops::Range<usize>| name[s + r.start..s + r.end].parse::<u32>().ok();
        if let Some(d) = valid(n(0..4)?, n(5..7)?, n(8..10)?) {
            return Some(d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::date_from_path as d;

    #[test]
    fn iso_dates_in_file_names() {
        assert_eq!(
            d("/c/polnear/train/breitbart_2015-11-11_clinton-says.txt").as_deref(),
            Some("2015-11-11")
        );
        assert_eq!(d("a/v2-2016-03-03.json").as_deref(), Some("2016-03-03"));
        assert_eq!(d("a/12016-03-031.txt"), None);
        assert_eq!(d("a/2015-02-30-story.txt"), None, "no such day");
        assert_eq!(d("a/1850-01-01.txt"), None, "outside 1900-2099");
    }

    #[test]
    fn year_month_day_folders() {
        assert_eq!(
            d("/archive/2016/3/7/budget.html").as_deref(),
            Some("2016-03-07")
        );
        assert_eq!(
            d("/archive/2016/03/budget.html"),
            None,
            "a month is not a day"
        );
        assert_eq!(d("/archive/business/401.txt"), None);
    }

    #[test]
    fn the_name_nearest_the_file_wins() {
        assert_eq!(
            d("/backup-2020-01-01/2016/03/07/x.txt").as_deref(),
            Some("2016-03-07")
        );
        assert_eq!(
            d("/2016/03/07/x_2016-03-08.txt").as_deref(),
            Some("2016-03-08")
        );
    }

    #[test]
    fn non_ascii_names_do_not_panic() {
        assert_eq!(d("/é/ü2016-03-07ß/x.txt").as_deref(), Some("2016-03-07"));
        assert_eq!(d("/ééééééééééé"), None);
    }
}
