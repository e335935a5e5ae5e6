//! WARC web archives (`.warc`, `.warc.gz`): each `response` record whose HTTP payload is HTML
//! goes through the HTML reader (title, main text, metadata); `WARC-Target-URI` becomes the url
//! and `WARC-Date` the date when the page gives none. Every other record (warcinfo, request,
//! metadata, revisit, non-HTML or empty responses) is skipped and counted. Records are read one
//! at a time from a stream (the warc crate), so a 1 GB archive is never held in memory: at
//! most one record's body, and records over the size cap are skipped unread.
//!
//! This is the one parser that reads: a WARC is too large to decode into one string first.

use std::io::{BufRead, Read};

use super::{html, ParseLimits, Parsed};
use crate::error::Rejection;

/// Parse a WARC stream (already un-gzipped). `max_record` caps one record's body.
pub fn parse<R: BufRead>(
    reader: R,
    limits: ParseLimits,
    max_record: u64,
) -> Result<Parsed, Rejection> {
    let mut parsed = Parsed::default();
    let mut warc = warc::WarcReader::new(reader);
    let mut records = warc.stream_records();
    let mut n = 0usize;
    while let Some(item) = records.next_item() {
        n += 1;
        let mut record = match item {
            Ok(r) => r,
            Err(e) if n == 1 => {
                return Err(Rejection::failed(format!("not a readable WARC file: {e}")));
            }
            Err(e) => {
                // The stream cannot be resynchronised after a broken record.
                parsed.problem(format!(
                    "record {n}: {e}; the records after it were not read"
                ));
                break;
            }
        };
        let is_response = *record.warc_type() == warc::RecordType::Response;
        let http = record
            .header(warc::WarcHeader::ContentType)
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_response || !http || record.content_length() > max_record {
            parsed.skipped_records += 1;
            continue;
        }
        let url = record
            .header(warc::WarcHeader::TargetURI)
            .map(|u| u.trim().to_string());
        let date = record.date().format("%Y-%m-%dT%H:%M:%SZ").to_string();
        let mut body = Vec::new();
        if let Err(e) = record.read_to_end(&mut body) {
            parsed.problem(format!(
                "record {n}: {e}; the records after it were not read"
            ));
            break;
        }
        let Some(text) = html_payload(&body) else {
            parsed.skipped_records += 1;
            continue;
        };
        match html::parse(&text, limits) {
            Ok(mut a) => {
                a.path = n.to_string();
                a.url = url.or(a.url);
                a.date = a.date.or(Some(date));
                parsed.articles.push(a);
            }
            // A page without text (a redirect body, an empty shell) is not an article.
            Err(_) => parsed.skipped_records += 1,
        }
    }
    if n == 0 {
        return Err(Rejection::skipped("empty file"));
    }
    Ok(parsed)
}

/// The decoded HTML of an HTTP response, or `None` when it is not a 2xx HTML page.
fn html_payload(http: &[u8]) -> Option<String> {
    let split = memchr::memmem::find(http, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(http, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&http[..split.0]);
    let mut lines = head.lines();
    let status = lines.next()?;
    let code = status.split_whitespace().nth(1)?;
    if !code.starts_with('2') {
        return None;
    }
    let (mut html, mut chunked, mut encoding) = (false, false, String::new());
    for line in lines {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => html = value.contains("html"),
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    if !html {
        return None;
    }
    let payload = &http[split.1..];
    let payload = if chunked {
        dechunk(payload)
    } else {
        payload.to_vec()
    };
    let payload = match encoding.as_str() {
        "gzip" | "x-gzip" => inflate(flate2::read::MultiGzDecoder::new(&payload[..]))?,
        "deflate" => inflate(flate2::read::ZlibDecoder::new(&payload[..]))?,
        _ => payload,
    };
    crate::read::decode(&payload).ok()
}

/// Body of a compressed payload; `None` when it does not decompress.
fn inflate(mut r: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    r.read_to_end(&mut out).ok().map(|_| out)
}

/// HTTP/1.1 chunked transfer coding undone; a damaged chunk ends the body where it breaks.
fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    while let Some(eol) = memchr::memmem::find(data, b"\r\n") {
        let size_text = String::from_utf8_lossy(&data[..eol]);
        let size_hex = size_text.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            break;
        };
        data = &data[eol + 2..];
        if size == 0 {
            break;
        }
        let take = size.min(data.len());
        out.extend_from_slice(&data[..take]);
        data = data.get(take + 2..).unwrap_or(&[]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, content_type: &str, body: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2016-05-03T08:00:00Z\r\n\
WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-00000000000{}>\r\n\
WARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            uri.len() % 10,
            body.len()
        )
        .into_bytes();
        r.extend_from_slice(body);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    const PAGE: &str = "<html><head><title>Ferry fares rise</title></head><body><article>\
<p>Ferry fares will rise by a tenth in May, the operator announced on Tuesday morning.</p>\
<p>\"We had no choice after fuel costs doubled,\" said the director, Jonas Pell.</p></article></body></html>";

    #[test]
    fn html_responses_are_articles_and_other_records_are_counted() {
        let mut warc = record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        );
        warc.extend(record(
            "request",
            "https://gazette.example/ferry",
            "application/http; msgtype=request",
            b"GET /ferry HTTP/1.1\r\nHost: gazette.example\r\n\r\n",
        ));
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{PAGE}");
        warc.extend(record(
            "response",
            "https://gazette.example/ferry",
            "application/http; msgtype=response",
            http.as_bytes(),
        ));
        let png = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        warc.extend(record(
            "response",
            "https://gazette.example/logo.png",
            "application/http; msgtype=response",
            png,
        ));
        let p = parse(&warc[..], ParseLimits::default(), 1 << 20).unwrap();
        assert_eq!(p.articles.len(), 1, "{:?}", p.problems);
        let a = &p.articles[0];
        assert_eq!(a.title, "Ferry fares rise");
        assert!(a.body.contains("Jonas Pell"));
        assert_eq!(a.url.as_deref(), Some("https://gazette.example/ferry"));
        assert_eq!(a.date.as_deref(), Some("2016-05-03T08:00:00Z"));
        assert_eq!(a.path, "3");
        assert_eq!(p.skipped_records, 3);
    }

    #[test]
    fn chunked_and_gzipped_payloads_are_undone() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(PAGE.as_bytes()).unwrap();
        let zipped = gz.finish().unwrap();
        let mut http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        let (a, b) = zipped.split_at(zipped.len() / 2);
        for part in [a, b] {
            http.extend(format!("{:x}\r\n", part.len()).into_bytes());
            http.extend_from_slice(part);
            http.extend_from_slice(b"\r\n");
        }
        http.extend_from_slice(b"0\r\n\r\n");
        let text = html_payload(&http).unwrap();
        assert!(text.contains("Ferry fares rise"));
    }

    #[test]
    fn garbage_is_not_a_warc() {
        let r = parse(
            &b"not a warc at all\r\n\r\n"[..],
            ParseLimits::default(),
            1 << 20,
        );
        assert!(r.unwrap_err().reason.contains("WARC"));
    }
}
