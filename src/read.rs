//! Candidate file → decoded text. Owns the size cap, gzip, the binary sniff and character
//! decoding (UTF-8, UTF-16 with BOM, legacy encodings detected by chardetng). It never parses:
//! the format is decided from the file name by [`Format::from_path`] and handed to `parse`.

use std::io::Read;
use std::path::Path;

use crate::error::Rejection;

pub mod lines;

/// Input formats from DESIGN.md's table; `.gz` is unwrapped before the format is chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Plain,
    Json,
    Jsonl,
    Html,
    /// Reuters-21578 SGML.
    Sgml,
    /// NITF, NewsML-G2, RSS or Atom: which one is decided by the root element.
    Xml,
    /// A WARC web archive, read as a stream of records ([`open_stream`]), never whole.
    Warc,
}

impl Format {
    /// The format of a file from its name, looking through one `.gz`. `None` for extensions that
    /// are not articles (images, archives, code…): the caller skips those with a reason.
    pub fn from_path(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let (name, gz) = match name.strip_suffix(".gz") {
            Some(inner) => (inner.to_string(), true),
            None => (name, false),
        };
        let ext = match name.rsplit_once('.') {
            // A leading dot ("README" has none, ".hidden" is a name, not an extension).
            Some((stem, ext)) if !stem.is_empty() => ext.to_string(),
            _ => String::new(),
        };
        let format = match ext.as_str() {
            "" | "txt" | "text" => Format::Plain,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::Jsonl,
            "html" | "htm" | "xhtml" => Format::Html,
            "sgm" | "sgml" => Format::Sgml,
            "xml" | "nitf" | "newsml" | "rss" | "atom" => Format::Xml,
            "warc" => Format::Warc,
            _ => return None,
        };
        Some((format, gz))
    }

    /// The format of decoded text named as plain text (`feed.txt`, a wire file without an
    /// extension): markup is read as the markup it is, XML by its prolog or a known root
    /// element, Reuters SGML by its doctype or first element. Other formats are kept.
    pub fn refine(self, text: &str) -> Format {
        if self != Format::Plain {
            return self;
        }
        let head = text.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with("<!DOCTYPE lewis") || head.starts_with("<REUTERS") {
            Format::Sgml
        } else if head.starts_with("<?xml")
            || [
                "<rss",
                "<feed",
                "<nitf",
                "<newsItem",
                "<newsMessage",
                "<rdf:RDF",
            ]
            .iter()
            .any(|root| head.starts_with(root))
        {
            Format::Xml
        } else {
            self
        }
    }
}

/// Limits applied while reading, configurable from the CLI.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file (after decompression) that is read; larger ones are skipped with a reason.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        // 64 MiB: far above any single article or a large JSONL shard of articles, small enough
        // that two workers holding one each stay well within the memory budget.
        Limits {
            max_bytes: 64 << 20,
        }
    }
}

/// What [`read_within`] found: the whole file, or that it is over the cap.
#[derive(Debug)]
pub enum Contents {
    Whole(Vec<u8>),
    /// Over the cap: `len` is the file's size when that alone showed it (a gzip file's
    /// decompressed size is only found by reading one byte past the cap).
    OverCap {
        len: Option<u64>,
    },
}

/// Read a file from disk, unwrapping gzip when `gz`; enforces the size cap on the decompressed
/// bytes so a gzip bomb cannot exhaust memory.
pub fn read_bytes(path: &Path, gz: bool, limits: Limits) -> Result<Vec<u8>, Rejection> {
    match read_within(path, gz, limits)? {
        Contents::Whole(bytes) => Ok(bytes),
        Contents::OverCap { len: Some(len) } => Err(Rejection::skipped(format!(
            "file is {} bytes, over the {}-byte cap (raise it with --max-file-size)",
            len, limits.max_bytes
        ))),
        Contents::OverCap { len: None } => Err(Rejection::skipped(format!(
            "{} is over the {}-byte cap (raise it with --max-file-size)",
            if gz { "decompressed size" } else { "size" },
            limits.max_bytes
        ))),
    }
}

/// [`read_bytes`], but a file over the cap is an answer, not a rejection: a JSON Lines file
/// that large is then read as a stream instead (`extract::open_articles`).
pub fn read_within(path: &Path, gz: bool, limits: Limits) -> Result<Contents, Rejection> {
    // Opening a FIFO blocks until a writer appears, and a device never ends, so look before
    // opening: the walker already skips these, but `morgue extract` takes any path, and a file
    // can be replaced between the walk and the read. The check after opening closes most of
    // that race (the window left is between `stat` and `open`).
    let meta =
        std::fs::metadata(path).map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    // Kernel files read like regular files of size 0 (with content); some block or consume
    // what they hand out (`/proc/kmsg`), so a link to one is not even opened.
    if meta.len() == 0 && is_kernel_file(path) {
        return Err(Rejection::skipped(
            "a file of the kernel's /proc or /sys, not an article",
        ));
    }
    let file =
        open_nonblocking(path).map_err(|e| Rejection::failed(format!("cannot open: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    let len = meta.len();
    if gz && len == 0 {
        // An empty `.gz` holds no gzip header, but it is an empty file, not a corrupt one.
        // (Only for gzip: files in /proc report size 0 and still have content.)
        return Err(Rejection::skipped("empty file"));
    }
    if !gz && len > limits.max_bytes {
        return Ok(Contents::OverCap { len: Some(len) });
    }
    // One byte past the cap tells "at the cap" from "over it". Saturating: the flag accepts
    // any u64, and `u64::MAX + 1` would overflow.
    let take = limits.max_bytes.saturating_add(1);
    let res = if gz {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(file)
            .take(take)
            .read_to_end(&mut out)
            .map(|_| out)
    } else {
        // Sized up front (the length is under the cap here), so a large file is not copied
        // through doubling reallocations that would briefly need twice its size.
        let mut out = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
        file.take(take).read_to_end(&mut out).map(|_| out)
    };
    match res {
        Ok(out) if out.len() as u64 > limits.max_bytes => Ok(Contents::OverCap { len: None }),
        Ok(out) => Ok(Contents::Whole(out)),
        // Only a kernel or special file (`/proc/kmsg`) makes a non-blocking read wait.
        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => Err(Rejection::skipped(
            "a kernel or special file that would block the read, not an article",
        )),
        Err(e) if gz => Err(Rejection::failed(format!("corrupt gzip data: {e}"))),
        Err(e) => Err(Rejection::failed(format!("read error: {e}"))),
    }
}

/// Whether `path` (through any links) lies in /proc or /sys.
fn is_kernel_file(path: &Path) -> bool {
    std::fs::canonicalize(path).is_ok_and(|p| p.starts_with("/proc") || p.starts_with("/sys"))
}

/// Open for reading without blocking: a regular file on a disk ignores the flag, but a file in
/// /proc that reads like one (`/proc/kmsg`, size 0) would otherwise block the read forever, and
/// a FIFO swapped in after the check above would block the open.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

/// Open a file for streaming (a WARC archive of any size), unwrapping gzip when `gz`. The same
/// refusals as [`read_bytes`] for what is not a regular file; no size cap, since the stream is
/// read a record at a time.
pub fn open_stream(path: &Path, gz: bool) -> Result<Box<dyn std::io::BufRead>, Rejection> {
    let meta =
        std::fs::metadata(path).map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() == 0 && is_kernel_file(path) {
        return Err(Rejection::skipped(
            "a file of the kernel's /proc or /sys, not an article",
        ));
    }
    let file =
        open_nonblocking(path).map_err(|e| Rejection::failed(format!("cannot open: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| Rejection::failed(format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() == 0 {
        return Err(Rejection::skipped("empty file"));
    }
    // 1 MiB buffers: records are read in large sequential runs.
    Ok(if gz {
        Box::new(std::io::BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(std::io::BufReader::new(file)),
        ))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, file))
    })
}

fn not_regular(meta: &std::fs::Metadata) -> Rejection {
    let what = if meta.is_dir() {
        "a directory, not a file"
    } else {
        "not a regular file (FIFO, socket or device)"
    };
    Rejection::skipped(what)
}

/// Magic numbers of common non-text files found in article folders.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data without a .gz name"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"SQLite format 3\x00", "SQLite database"),
];

/// How much of the file the sniffers look at: enough to judge, cheap on a 64 MiB file.
const SNIFF: usize = 8192;

/// Decode bytes to text. Rejections say why the bytes are not an article's text.
pub fn decode(bytes: &[u8]) -> Result<String, Rejection> {
    if bytes.is_empty() {
        return Err(Rejection::skipped("empty file"));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return Ok(decode_utf8_or_legacy(rest));
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        let enc = if bytes[0] == 0xff {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, _) = enc.decode_without_bom_handling(&bytes[2..]);
        return Ok(text.into_owned());
    }
    for (magic, what) in MAGIC {
        if bytes.starts_with(magic) {
            return Err(Rejection::skipped(format!("not an article: {what}")));
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    // UTF-16 without a BOM (saved by some Windows tools) is text whose every other byte is NUL
    // when it is mostly ASCII, as English news is. The NUL positions give the byte order away
    // reliably; anything less clear-cut falls through to the binary check below.
    if let Some(enc) = utf16_without_bom(head) {
        let (text, _) = enc.decode_without_bom_handling(bytes);
        let sniffed: Vec<char> = text.chars().take(SNIFF).collect();
        if !text.contains('\0') && few_controls(sniffed.iter().copied(), sniffed.len()) {
            return Ok(text.into_owned());
        }
    }
    // Text files do not hold NUL bytes.
    if head.contains(&0) {
        return Err(Rejection::skipped("binary content (NUL bytes)"));
    }
    // Nor many C0 control bytes: one in ten is far beyond any text seen in the corpora and
    // typical of compressed or encrypted data that happens to lack NULs.
    if !few_controls(head.iter().map(|&b| char::from(b)), head.len()) {
        return Err(Rejection::skipped("binary content (control bytes)"));
    }
    Ok(decode_utf8_or_legacy(bytes))
}

/// At most one in ten of `n` characters is a C0 control other than whitespace (tab, newlines,
/// form feed) and ESC (terminal colour codes in pasted text).
fn few_controls(chars: impl Iterator<Item = char>, n: usize) -> bool {
    let controls = chars
        .filter(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\x1b'))
        .count();
    controls * 10 <= n
}

/// The byte order of BOM-less UTF-16 whose code units are mostly ASCII: at least 70% of the
/// units have a NUL high byte, and almost none a NUL low byte. Binary data with NULs rarely
/// shows such a one-sided pattern over the whole sniffed head.
fn utf16_without_bom(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let units = head.len() / 2;
    if units < 2 {
        return None;
    }
    let (mut zero_even, mut zero_odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        zero_even += usize::from(pair[0] == 0);
        zero_odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= units * 7;
    let hardly = |n: usize| n * 20 <= units;
    if mostly(zero_odd) && hardly(zero_even) {
        Some(encoding_rs::UTF_16LE)
    } else if mostly(zero_even) && hardly(zero_odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

fn decode_utf8_or_legacy(bytes: &[u8]) -> String {
    let err = match std::str::from_utf8(bytes) {
        Ok(s) => return s.to_string(),
        Err(e) => e,
    };
    // A UTF-8 file cut short (a truncated download) ends in half a character: keep the text
    // and mark the cut, rather than re-reading the whole file as a legacy code page.
    if err.error_len().is_none() {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    // UTF-8 with a few stray bytes (a bad copy-paste, a damaged file) is still UTF-8: when
    // valid multi-byte characters outnumber the invalid sequences, replace only the bad bytes.
    // Legacy text almost never forms valid UTF-8 sequences by accident.
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if multibyte > invalid {
        return String::from_utf8_lossy(bytes).into_owned();
    }
    // With only a handful of high bytes in mostly-ASCII (English) text, chardetng has
    // too little evidence and may pick a Central European code page (it reads the BBC
    // corpus's "£15.8m" as "Ł15.8m"). Windows-1252, the superset of Latin-1, is what
    // such English files almost always are; richer non-ASCII text goes to the detector.
    let high = bytes.iter().filter(|b| **b >= 0x80).count();
    let enc = if high * 20 < bytes.len() {
        encoding_rs::WINDOWS_1252
    } else {
        let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        det.feed(bytes, true);
        det.guess(None, chardetng::Utf8Detection::Deny)
    };
    let (text, _, _) = enc.decode(bytes);
    text.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_pound_sign_is_decoded() {
        let text = decode(b"Price rise\n\nIt costs \xa3100 now, said the shop.").unwrap();
        assert!(text.contains("£100"), "{text}");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut b = vec![0xff, 0xfe];
        for u in "Héllo\n\nbody".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b).unwrap(), "Héllo\n\nbody");
    }

    #[test]
    fn png_and_empty_are_rejected_as_skipped() {
        assert!(decode(b"\x89PNG\r\n\x1a\n....")
            .unwrap_err()
            .reason
            .contains("PNG"));
        assert!(decode(b"").unwrap_err().reason.contains("empty"));
    }

    fn utf16(text: &str, le: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect()
    }

    #[test]
    fn utf16_without_bom_is_decoded_in_either_byte_order() {
        let text = "Regatta postponed\n\nHigh winds, said the club’s captain.";
        assert_eq!(decode(&utf16(text, true)).unwrap(), text);
        assert_eq!(decode(&utf16(text, false)).unwrap(), text);
    }

    #[test]
    fn binary_with_nuls_is_not_taken_for_utf16() {
        // Every other byte NUL, but the others are control bytes: not text in any order.
        let b: Vec<u8> = (0..400u32)
            .map(|i| if i % 2 == 1 { 0 } else { 1 })
            .collect();
        assert!(decode(&b).is_err());
        let mut b = b"Title\n\nText with a NUL".to_vec();
        b.push(0);
        assert!(decode(&b).unwrap_err().reason.contains("NUL"));
    }

    #[test]
    fn control_bytes_without_nuls_are_binary() {
        let b: Vec<u8> = (0..512u32).map(|i| (i % 8 + 1) as u8).collect();
        assert!(decode(&b).unwrap_err().reason.contains("control bytes"));
    }

    #[test]
    fn a_stray_byte_in_utf8_costs_only_that_byte() {
        let text = decode(b"Caf\xc3\xa9 and Zo\xc3\xab met \xff here").unwrap();
        assert_eq!(text, "Café and Zoë met \u{fffd} here");
    }

    #[test]
    fn utf8_cut_inside_a_character_keeps_its_text() {
        let text = decode(b"Next: \xe2\x80").unwrap();
        assert_eq!(text, "Next: \u{fffd}");
    }

    #[test]
    fn a_fifo_is_refused_before_it_is_opened() {
        // `read_bytes` on a FIFO must not block; a directory stands in here for any
        // non-regular file (creating a FIFO needs more than std).
        let dir = std::env::temp_dir();
        let r = read_bytes(&dir, false, Limits::default()).unwrap_err();
        assert_eq!(r.kind, crate::error::RejectionKind::Skipped);
    }

    #[test]
    fn format_from_name_looks_through_gz() {
        assert_eq!(
            Format::from_path(Path::new("a/b.jsonl.gz")),
            Some((Format::Jsonl, true))
        );
        assert_eq!(
            Format::from_path(Path::new("a/123")),
            Some((Format::Plain, false))
        );
        assert_eq!(Format::from_path(Path::new("a/x.png")), None);
        assert_eq!(
            Format::from_path(Path::new("a/wire.SGM")),
            Some((Format::Sgml, false))
        );
        assert_eq!(
            Format::from_path(Path::new("a/feed.rss")),
            Some((Format::Xml, false))
        );
    }

    #[test]
    fn markup_named_as_plain_text_is_read_as_markup() {
        let xml = "\u{feff}\n<?xml version=\"1.0\"?><rss/>";
        assert_eq!(Format::Plain.refine(xml), Format::Xml);
        assert_eq!(Format::Plain.refine("<nitf><head/></nitf>"), Format::Xml);
        assert_eq!(
            Format::Plain.refine("<!DOCTYPE lewis SYSTEM \"lewis.dtd\">"),
            Format::Sgml
        );
        assert_eq!(
            Format::Plain.refine("Headline\n\n<b>not markup</b>"),
            Format::Plain
        );
        assert_eq!(Format::Html.refine("<?xml version=\"1.0\"?>"), Format::Html);
    }
}
