//! Query strings → the reader's requests. The parameters are the command line's flags under
//! the same names (`q` for the query words), so a URL reads like the command it mirrors:
//! `/api/quotes?speaker=Tony+Blair&q=iraq&sort=date` is `morgue quotes --speaker "Tony Blair"
//! --sort date iraq`. An unknown parameter or a bad value is refused with one line naming it,
//! as clap would refuse a flag.

use morgue::article::QuoteKind;
use morgue::index::aggregate::CountBy;
use morgue::index::reader::{
    EntityKind, EntityRequest, Filters, QuoteRequest, SearchRequest, Sort,
};

/// Most results one request may ask for: enough to download an entity's quotes as one file,
/// few enough that one request cannot hold the server for long.
pub const MAX_LIMIT: usize = 10_000;
/// Deepest offset accepted (tantivy collects offset + limit documents).
pub const MAX_OFFSET: usize = 100_000;
/// Longest query text accepted, in bytes.
pub const MAX_QUERY: usize = 2_000;

/// Every parameter of a request, parsed but not yet checked against what the endpoint takes.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pub q: String,
    pub filters: Filters,
    pub limit: Option<usize>,
    pub offset: usize,
    pub sort: Sort,
    pub facets: bool,
    /// `collapse=0`: every near-duplicate shown, not each cluster (search) or each quote's
    /// copies (quotes) once.
    pub no_collapse: bool,
    /// `kind` as given (quote kinds or entity kinds, by endpoint), repeatable or comma-separated.
    pub kinds: Vec<String>,
    /// `format=csv` or `format=json` (the default).
    pub csv: bool,
    /// `count_by=speaker|person|org|place|section|month|year`: counts instead of hits.
    pub count_by: Option<CountBy>,
    /// `fields=a,b`: only these JSON keys or CSV columns (checked by the endpoint).
    pub fields: Vec<String>,
    /// Names the endpoint does not know; checked by [`Params::only`].
    seen: Vec<&'static str>,
}

/// A refused request: the message shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRequest(pub String);

const KNOWN: [&str; 21] = [
    "q", "limit", "top", "offset", "sort", "speaker", "org", "person", "place", "section", "lang",
    "since", "until", "facets", "kind", "format", "of", "count_by", "fields", "loose", "collapse",
];

impl Params {
    /// Parse a raw query string (`None`: no `?` at all).
    pub fn parse(raw: Option<&str>) -> Result<Params, BadRequest> {
        let mut p = Params::default();
        for (key, value) in form_urlencoded::parse(raw.unwrap_or("").as_bytes()) {
            let Some(name) = KNOWN.iter().find(|k| **k == key) else {
                return Err(BadRequest(format!(
                    "unknown parameter `{}`; known: {}",
                    one_line(&key),
                    KNOWN.join(", ")
                )));
            };
            if !p.seen.contains(name) {
                p.seen.push(name);
            }
            let value = value.into_owned();
            if value.len() > MAX_QUERY {
                return Err(BadRequest(format!(
                    "`{name}` is longer than {MAX_QUERY} bytes"
                )));
            }
            let text = |v: String| Some(v).filter(|s| !s.trim().is_empty());
            match *name {
                "q" => p.q = value,
                "limit" | "top" => p.limit = Some(number(name, &value, MAX_LIMIT)?),
                "offset" => p.offset = number(name, &value, MAX_OFFSET)?,
                "sort" => {
                    p.sort = match value.as_str() {
                        "relevance" | "" => Sort::Relevance,
                        "date" => Sort::Date,
                        _ => return Err(bad_value(name, &value, "relevance, date")),
                    }
                }
                "speaker" => p.filters.speaker = text(value),
                "org" => p.filters.org = text(value),
                "person" => p.filters.person = text(value),
                "place" => p.filters.place = text(value),
                "section" => p.filters.section = text(value),
                "lang" => p.filters.lang = text(value),
                "since" => p.filters.since = text(value),
                "until" => p.filters.until = text(value),
                "facets" | "loose" | "collapse" => {
                    let on = match value.as_str() {
                        "" | "1" | "true" | "yes" | "on" => true,
                        "0" | "false" | "no" | "off" => false,
                        _ => return Err(bad_value(name, &value, "true, false")),
                    };
                    if *name == "facets" {
                        p.facets = on;
                    } else if *name == "collapse" {
                        p.no_collapse = !on;
                        p.filters.every_copy = !on;
                    } else {
                        p.filters.loose = on;
                    }
                }
                "kind" => p.kinds.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|k| !k.is_empty())
                        .map(str::to_string),
                ),
                "format" => {
                    p.csv = match value.as_str() {
                        "json" | "" => false,
                        "csv" => true,
                        _ => return Err(bad_value(name, &value, "json, csv")),
                    }
                }
                "count_by" => {
                    p.count_by = Some(count_by(&value).ok_or_else(|| {
                        bad_value(
                            name,
                            &value,
                            "speaker, person, org, place, section, month, year",
                        )
                    })?)
                }
                "fields" => p.fields.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|f| !f.is_empty())
                        .map(str::to_string),
                ),
                // `of` is read by the month counts only (see `counted`).
                _ => {}
            }
        }
        Ok(p)
    }

    /// `fields`, checked against the chosen format's fields (JSON keys or CSV columns);
    /// `None` when not given.
    pub fn fields(&self, json: &[&str], csv: &[&str]) -> Result<Option<Vec<String>>, BadRequest> {
        if self.fields.is_empty() {
            return Ok(None);
        }
        let valid = if self.csv { csv } else { json };
        crate::output::columns::check(&self.fields, valid)
            .map_err(|e| BadRequest(format!("`fields`: {e}")))?;
        Ok(Some(self.fields.clone()))
    }

    /// Refuse parameters this endpoint does not take.
    pub fn only(&self, allowed: &[&str]) -> Result<(), BadRequest> {
        match self.seen.iter().find(|s| !allowed.contains(s)) {
            Some(s) => Err(BadRequest(format!(
                "`{s}` is not a parameter of this endpoint; it takes {}",
                allowed.join(", ")
            ))),
            None => Ok(()),
        }
    }

    pub fn search(&self, default_limit: usize) -> SearchRequest {
        SearchRequest {
            query: self.q.clone(),
            filters: self.filters.clone(),
            limit: self.limit.unwrap_or(default_limit),
            offset: self.offset,
            sort: self.sort,
            facets: self.facets,
            collapse: !self.no_collapse,
        }
    }

    pub fn quotes(&self, default_limit: usize) -> Result<QuoteRequest, BadRequest> {
        let kind = match self.kinds.as_slice() {
            [] => None,
            [k] if k == "direct" => Some(QuoteKind::Direct),
            [k] if k == "indirect" => Some(QuoteKind::Indirect),
            _ => {
                return Err(bad_value(
                    "kind",
                    &self.kinds.join(","),
                    "direct, indirect (one of them)",
                ))
            }
        };
        Ok(QuoteRequest {
            query: self.q.clone(),
            filters: self.filters.clone(),
            kind,
            limit: self.limit.unwrap_or(default_limit),
            offset: self.offset,
            sort: self.sort,
        })
    }

    pub fn entities(&self, default_top: usize) -> Result<EntityRequest, BadRequest> {
        let kinds = self
            .kinds
            .iter()
            .map(|k| entity_kind(k).ok_or_else(|| bad_value("kind", k, "person, org, place, misc")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(EntityRequest {
            query: self.q.clone(),
            filters: self.filters.clone(),
            kinds,
            top: self.limit.unwrap_or(default_top),
        })
    }
}

fn count_by(v: &str) -> Option<CountBy> {
    [
        CountBy::Speaker,
        CountBy::Person,
        CountBy::Org,
        CountBy::Place,
        CountBy::Section,
        CountBy::Month,
        CountBy::Year,
    ]
    .into_iter()
    .find(|c| c.as_str() == v)
}

pub fn entity_kind(k: &str) -> Option<EntityKind> {
    EntityKind::ALL.into_iter().find(|e| e.as_str() == k)
}

fn number(name: &str, value: &str, max: usize) -> Result<usize, BadRequest> {
    match value.trim().parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(BadRequest(format!("`{name}` is at most {max}"))),
        Err(_) => Err(bad_value(name, value, "a whole number")),
    }
}

fn bad_value(name: &str, value: &str, expected: &str) -> BadRequest {
    BadRequest(format!(
        "`{name}={}` is not valid; expected {expected}",
        one_line(value)
    ))
}

/// A user's text inside a one-line message: control characters escaped, and cut short.
pub fn one_line(s: &str) -> String {
    let mut out: String = s.chars().take(80).flat_map(char::escape_debug).collect();
    if s.chars().nth(80).is_some() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_map_to_requests() {
        let p = Params::parse(Some(
            "q=iraq+war&speaker=Tony%20Blair&sort=date&limit=5&offset=10&kind=direct",
        ))
        .unwrap();
        let q = p.quotes(10).unwrap();
        assert_eq!(q.query, "iraq war");
        assert_eq!(q.filters.speaker.as_deref(), Some("Tony Blair"));
        assert_eq!((q.limit, q.offset, q.sort), (5, 10, Sort::Date));
        assert_eq!(q.kind, Some(QuoteKind::Direct));
    }

    #[test]
    fn entity_kinds_repeat_or_join_with_commas() {
        let p = Params::parse(Some("kind=person,org&kind=place&top=3")).unwrap();
        let e = p.entities(20).unwrap();
        assert_eq!(
            e.kinds,
            vec![EntityKind::Person, EntityKind::Org, EntityKind::Place]
        );
        assert_eq!(e.top, 3);
    }

    #[test]
    fn bad_parameters_are_named() {
        let err = |raw: &str| Params::parse(Some(raw)).unwrap_err().0;
        assert!(err("colour=red").contains("unknown parameter `colour`"));
        assert!(err("limit=-1").contains("`limit=-1`"));
        assert!(err("limit=10001").contains("at most 10000"));
        assert!(err("sort=size").contains("relevance, date"));
        let p = Params::parse(Some("facets=1")).unwrap();
        assert!(p.only(&["q"]).unwrap_err().0.contains("`facets`"));
        let p = Params::parse(Some("kind=speech")).unwrap();
        assert!(p.quotes(10).is_err());
        assert!(p.entities(10).is_err());
    }

    #[test]
    fn empty_filters_are_absent() {
        let p = Params::parse(Some("q=&speaker=&since=")).unwrap();
        assert!(p.filters.speaker.is_none() && p.filters.since.is_none());
        assert!(Params::parse(None).unwrap().q.is_empty());
    }
}
