//! Publication dates from metadata strings, normalised so that they sort and range-match as
//! text: `YYYY-MM-DD`, or RFC 3339 in UTC when a time is given.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

/// Years a date may have. The index stores a date as nanoseconds since 1970 in an i64, which
/// holds 1677-09-21 to 2262-04-11 only; a year outside the whole years of that range (such as a
/// `9999-12-31` placeholder, once stored as 1816-03-29) is refused here, so that `extract` and
/// the index agree: the article is undated, never misdated.
pub const YEARS: std::ops::RangeInclusive<i32> = 1678..=2261;

/// Normalise a date string; `None` when it is not recognisably a date, or its year is outside
/// [`YEARS`].
pub fn normalize_date(raw: &str) -> Option<String> {
    let norm = normalize_any_year(raw)?;
    let year: i32 = norm.get(..4)?.parse().ok()?;
    YEARS.contains(&year).then_some(norm)
}

fn normalize_any_year(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Some(
            dt.with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        );
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(s) {
        return Some(
            dt.with_timezone(&Utc)
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string(),
        );
    }
    for f in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, f) {
            return Some(dt.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
    }
    // Reuters-style "26-FEB-1987 15:01:01.79" and plain dates in the common orders.
    let head = s.split_whitespace().next().unwrap_or(s);
    for f in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d-%b-%Y",
        "%d %B %Y",
        "%B %d, %Y",
        "%b %d, %Y",
        "%d %b %Y",
        "%Y%m%d",
    ] {
        for cand in [s, head] {
            if let Ok(d) = NaiveDate::parse_from_str(cand, f) {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    // Unix timestamps (seconds) from APIs.
    if let Ok(secs) = s.parse::<i64>() {
        if (0..4_102_444_800).contains(&secs) && s.len() >= 9 {
            return DateTime::from_timestamp(secs, 0)
                .map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalize_date as n;

    #[test]
    fn common_forms() {
        assert_eq!(n("2016-11-20").as_deref(), Some("2016-11-20"));
        assert_eq!(
            n("2016-11-20T10:00:00+01:00").as_deref(),
            Some("2016-11-20T09:00:00Z")
        );
        assert_eq!(n("26-FEB-1987 15:01:01.79").as_deref(), Some("1987-02-26"));
        assert_eq!(n("November 20, 2016").as_deref(), Some("2016-11-20"));
        assert_eq!(
            n("Sun, 20 Nov 2016 10:00:00 GMT").as_deref(),
            Some("2016-11-20T10:00:00Z")
        );
        assert_eq!(n("yesterday"), None);
    }

    #[test]
    fn years_the_index_cannot_hold_are_refused_not_wrapped() {
        assert_eq!(n("9999-12-31"), None);
        assert_eq!(n("1000-01-01"), None);
        assert_eq!(n("2261-12-31").as_deref(), Some("2261-12-31"));
        assert_eq!(n("1678-01-01").as_deref(), Some("1678-01-01"));
        // Dates the index does hold are stored exactly (the day, not a wrapped one).
        let d = crate::index::to_tantivy_date("2261-12-31").unwrap();
        assert_eq!(d.into_timestamp_secs(), 9_214_560_000); // `date -u -d 2261-12-31 +%s`
        assert!(crate::index::to_tantivy_date("9999-12-31").is_none());
    }
}
