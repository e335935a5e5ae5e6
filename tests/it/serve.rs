//! `morgue serve` over HTTP: the API answers exactly what the command line's `--json` prints,
//! bad requests are refused with a reason, nothing maps a URL to a file, hostile text from the
//! index reaches pages only escaped, and a running server picks up a new commit.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{binary, fixture_index, json, run, stdout};

/// A `morgue serve` child process on a free loopback port, killed when dropped.
pub struct Served {
    child: Child,
    pub addr: String,
    /// What the server printed on stderr up to its "serving" line.
    pub banner: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `morgue serve` on `index` and wait for the line saying where it listens.
pub fn serve(index: &Path, addr: &str) -> Served {
    let mut child = std::process::Command::new(binary())
        .args(["serve", "--index"])
        .arg(index)
        .args(["--addr", addr])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("morgue serve starts");
    let mut err = child.stderr.take().expect("stderr piped");
    let mut banner = String::new();
    let mut buf = [0u8; 256];
    let started = Instant::now();
    // Read until the "serving … at http://ADDR/" line (the server prints it once it listens).
    while !banner.contains("/ (Ctrl-C") {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no banner: {banner}"
        );
        let n = err.read(&mut buf).expect("read stderr");
        assert!(n > 0, "morgue serve exited: {banner}");
        banner.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let addr = banner
        .split("at http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .expect("address in banner")
        .to_string();
    Served {
        child,
        addr,
        banner,
    }
}

/// One HTTP/1.1 exchange on a fresh connection: status, raw headers, body.
pub fn request(addr: &str, head: &str) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("end of headers");
    let headers = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    (status, headers, raw[split + 4..].to_vec())
}

pub fn get(addr: &str, target: &str) -> (u16, String, Vec<u8>) {
    request(
        addr,
        &format!("GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"),
    )
}

fn get_text(addr: &str, target: &str) -> (u16, String) {
    let (status, _, body) = get(addr, target);
    (status, String::from_utf8(body).expect("UTF-8 body"))
}

#[test]
fn api_answers_what_the_cli_prints() {
    let ix = fixture_index().join("ix");
    let s = serve(&ix, "127.0.0.1:0");
    let ixs = ix.display().to_string();
    let cases: [(&str, Vec<&str>); 11] = [
        (
            "/api/search?q=nato&facets=1&limit=3",
            vec!["search", "--facets", "--limit", "3", "nato"],
        ),
        (
            "/api/search?q=*&sort=date&offset=2&limit=4",
            vec![
                "search", "--sort", "date", "--offset", "2", "--limit", "4", "*",
            ],
        ),
        (
            "/api/quotes?speaker=stoltenberg&q=deterrence",
            vec!["quotes", "--speaker", "stoltenberg", "deterrence"],
        ),
        (
            "/api/quotes?kind=indirect&limit=50",
            vec!["quotes", "--kind", "indirect", "--limit", "50"],
        ),
        (
            "/api/entities?kind=person&kind=org&top=7",
            vec![
                "entities", "--kind", "person", "--kind", "org", "--top", "7",
            ],
        ),
        (
            "/api/entities?q=nato&place=russia",
            vec!["entities", "--place", "russia", "nato"],
        ),
        // Aggregates and field choice, as the flags of the same names give them.
        (
            "/api/search?q=*&count_by=section",
            vec!["search", "--count-by", "section", "*"],
        ),
        (
            "/api/quotes?count_by=speaker&limit=5",
            vec!["quotes", "--count-by", "speaker", "--limit", "5"],
        ),
        ("/api/quotes?facets=1", vec!["quotes", "--facets"]),
        (
            "/api/search?q=nato&fields=id,title",
            vec!["search", "--fields", "id,title", "nato"],
        ),
        (
            "/api/entities?kind=person&fields=name,articles",
            vec!["entities", "--kind", "person", "--fields", "name,articles"],
        ),
    ];
    for (target, args) in cases {
        let (status, headers, body) = get(&s.addr, target);
        assert_eq!(status, 200, "{target}: {}", String::from_utf8_lossy(&body));
        assert!(headers.contains("application/json"), "{headers}");
        let mut cli: Vec<&str> = vec![args[0], "--json", "--index", &ixs];
        cli.extend(&args[1..]);
        let out = run(&cli);
        assert!(out.status.success(), "{cli:?}");
        let api: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_ne!(api["total"], 0, "{target} found nothing; a weak comparison");
        // Byte for byte: the same writer produced both.
        assert_eq!(String::from_utf8_lossy(&body), stdout(&out), "{target}");
    }
}

#[test]
fn article_json_is_an_extract_line_and_months_add_up() {
    let ix = fixture_index().join("ix");
    let s = serve(&ix, "127.0.0.1:0");
    let ixs = ix.display().to_string();
    let hits = json(&run(&[
        "search",
        "--json",
        "--index",
        &ixs,
        "--limit",
        "1",
        "stoltenberg",
    ]));
    let id = hits["hits"][0]["id"].as_str().unwrap().to_string();
    let path = hits["hits"][0]["path"].as_str().unwrap().to_string();
    let (status, body) = get_text(&s.addr, &format!("/api/articles/{id}"));
    assert_eq!(status, 200, "{body}");
    let served: serde_json::Value = serde_json::from_str(&body).unwrap();
    let extracted = json(&run(&["extract", "--json", &path]));
    for key in ["title", "body", "entities", "quotes"] {
        assert_eq!(served[key], extracted[key], "{key}");
    }
    assert!(served["quotes"].as_array().unwrap().len() >= 5);

    // Months: every matching article counted once, dated or not.
    let (status, body) = get_text(&s.addr, "/api/months?q=*");
    assert_eq!(status, 200, "{body}");
    let m: serde_json::Value = serde_json::from_str(&body).unwrap();
    let all = json(&run(&[
        "search", "--json", "--index", &ixs, "--limit", "1", "*",
    ]));
    assert_eq!(m["total"], all["total"]);
    let in_months: u64 = m["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["count"].as_u64().unwrap())
        .sum();
    assert_eq!(
        in_months + m["undated"].as_u64().unwrap(),
        m["total"].as_u64().unwrap()
    );
    assert!(in_months > 0, "the fixtures have dated articles: {body}");
    let (_, body) = get_text(&s.addr, "/api/months?of=quotes&speaker=stoltenberg");
    let q: serde_json::Value = serde_json::from_str(&body).unwrap();
    let quotes = json(&run(&[
        "quotes",
        "--json",
        "--index",
        &ixs,
        "--speaker",
        "stoltenberg",
    ]));
    assert_eq!(q["total"], quotes["total"]);
}

#[test]
fn csv_downloads_are_the_cli_csv() {
    let ix = fixture_index().join("ix");
    let s = serve(&ix, "127.0.0.1:0");
    let ixs = ix.display().to_string();
    let (status, headers, body) = get(&s.addr, "/api/quotes?speaker=stoltenberg&format=csv");
    assert_eq!(status, 200);
    assert!(
        headers.contains("text/csv") && headers.contains("attachment"),
        "{headers}"
    );
    let cli = run(&[
        "quotes",
        "--csv",
        "--index",
        &ixs,
        "--speaker",
        "stoltenberg",
    ]);
    assert_eq!(String::from_utf8_lossy(&body), stdout(&cli));
    let (status, _, body) = get(&s.addr, "/api/entities?format=csv&top=3");
    assert_eq!(status, 200);
    let text = String::from_utf8(body).unwrap();
    assert!(
        text.starts_with("name,kind,articles,quotes,aliases\n"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4, "{text}");
    // Search downloads have the columns of `search --csv` (they once had others).
    let (_, _, body) = get(&s.addr, "/api/search?q=harbour&format=csv");
    let cli = run(&["search", "--csv", "--index", &ixs, "harbour"]);
    assert_eq!(String::from_utf8_lossy(&body), stdout(&cli));
}

#[test]
fn bad_requests_are_refused_with_a_reason() {
    let s = serve(&fixture_index().join("ix"), "127.0.0.1:0");
    let cases = [
        ("/api/search?colour=red", 400, "unknown parameter `colour`"),
        ("/api/search?q=%22unbalanced", 400, "invalid query"),
        ("/api/search?limit=1000000", 400, "at most 10000"),
        ("/api/entities?facets=1", 400, "`facets` is not a parameter"),
        ("/api/search?count_by=colour", 400, "speaker, person, org"),
        ("/api/search?fields=id,colour", 400, "`fields`"),
        ("/api/quotes?kind=shouted", 400, "direct, indirect"),
        ("/api/search?since=yesterday", 400, "not a date"),
        ("/api/articles/0000000000000000", 404, "no article"),
        ("/api/nothing", 404, "nothing at /api/nothing"),
    ];
    for (target, code, says) in cases {
        let (status, body) = get_text(&s.addr, target);
        assert_eq!(status, code, "{target}: {body}");
        let v: serde_json::Value = serde_json::from_str(&body).expect("JSON error");
        assert!(
            v["error"].as_str().unwrap().contains(says),
            "{target}: {body}"
        );
    }
    // Read-only, no bodies, bounded URLs.
    let (status, headers, _) = request(
        &s.addr,
        "POST /api/search HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(status, 405);
    assert!(headers.to_ascii_lowercase().contains("allow: get, head"));
    let (status, _, _) = request(
        &s.addr,
        "GET /api/search?q=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 5\r\n\r\nhello",
    );
    assert_eq!(status, 413);
    let long = format!("/api/search?q={}", "a".repeat(9000));
    assert_eq!(get(&s.addr, &long).0, 414);
}

#[test]
fn no_url_reaches_a_file() {
    let s = serve(&fixture_index().join("ix"), "127.0.0.1:0");
    for target in [
        "/static/../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/style.css/../../../etc/passwd",
        "/articles/..%2F..%2F..%2Fetc%2Fpasswd",
        "/api/articles/..%2Fmeta.json",
        "/entities/..%2F..%2Fetc%2Fpasswd",
        "/meta.json",
        "//etc/passwd",
    ] {
        let (status, body) = get_text(&s.addr, target);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(
            !body.contains("root:x:0:0") && !body.contains("[package]"),
            "{target}"
        );
    }
    let (status, headers, body) = get(&s.addr, "/static/style.css");
    assert_eq!(status, 200);
    assert!(headers.contains("text/css") && !body.is_empty());
}

/// Text that would run script if it reached a page unescaped: the payloads carry `PWNED` so a
/// page can be searched for any raw form of them.
const PAYLOADS: [&str; 4] = [
    "<script>window.PWNED=1</script>",
    "\"><img src=x onerror=window.PWNED=2>",
    "javascript:window.PWNED=3",
    "'><svg onload=window.PWNED=4>",
];

/// A corpus whose titles, quotes, speaker names, folder (section) and file names carry the
/// payloads, and a JSON article whose url is `javascript:`.
pub fn hostile_corpus(root: &Path) {
    let section = root.join("<svg onload=window.PWNED=5>");
    std::fs::create_dir_all(&section).unwrap();
    // Enough plain prose around the payloads that the file reads as an article, not as code.
    let prose = "The council met for three hours and agreed to publish the report next week. \
                 Residents who attended the meeting asked about the budget, the roads and the \
                 new library, and officials promised answers before the end of the month.";
    let body = format!(
        "{prose}\n\nJohn Smith spoke in London on Monday.\n\n\"{} is what we found,\" said John Smith.\n\n\
         \"{}\", said Mary <b>Jones</b> of the Ministry.\n\n\"We will not stop {}\" Mary Jones said.\n\n{prose}",
        PAYLOADS[0], PAYLOADS[1], PAYLOADS[3]
    );
    std::fs::write(
        section.join("\"><img src=x onerror=window.PWNED=6>.txt"),
        format!(
            "{} {} {}\n\n{body}\n",
            PAYLOADS[0], PAYLOADS[1], PAYLOADS[2]
        ),
    )
    .unwrap();
    let json = serde_json::json!({
        "title": format!("Official {} statement", PAYLOADS[3]),
        "body": format!("Anna Berg, the minister, said \"{}\" on Tuesday. Anna Berg added that {}.", PAYLOADS[2], PAYLOADS[0]),
        "date": "2005-03-01",
        "url": "javascript:window.PWNED=7",
    });
    std::fs::write(root.join("javascript:x.json"), json.to_string()).unwrap();
}

/// Whether a page holds any payload in a form a browser would run: as a tag, or as a link
/// target. (Escaped, as `&lt;img … onerror=…&gt;`, the text is inert.)
pub fn raw_payload(html: &str) -> Option<&'static str> {
    [
        "<script>window",
        "<img src=x",
        "<svg onload",
        "href=\"javascript:",
        "href='javascript:",
        "src=\"javascript:",
    ]
    .into_iter()
    .find(|p| html.contains(p))
}

#[test]
fn hostile_text_reaches_pages_escaped() {
    let dir = tempfile::tempdir().unwrap();
    hostile_corpus(&dir.path().join("corpus"));
    let ix = dir.path().join("ix");
    let out = run(&[
        "index",
        "--index",
        &ix.display().to_string(),
        &dir.path().join("corpus").display().to_string(),
    ]);
    assert!(out.status.success(), "{}", crate::harness::stderr(&out));
    let s = serve(&ix, "127.0.0.1:0");
    let ids: Vec<String> = {
        let (_, body) = get_text(&s.addr, "/api/search?q=*&limit=10");
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["total"], 2, "{body}");
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    let (_, body) = get_text(&s.addr, "/api/entities?top=50");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    let mut pages: Vec<String> = vec![
        "/search?q=*".into(),
        "/search?q=%3Cscript%3Ewindow.PWNED%3D1%3C%2Fscript%3E".into(),
        "/search?q=*&section=%3Csvg+onload%3Dwindow.PWNED%3D5%3E".into(),
        "/quotes".into(),
        "/quotes?speaker=%22%3E%3Cimg+src%3Dx+onerror%3Dwindow.PWNED%3D2%3E".into(),
        "/entities".into(),
        "/entities/%3Cscript%3Ewindow.PWNED%3D1%3C%2Fscript%3E".into(),
        "/nothing/%3Cscript%3Ewindow.PWNED%3D1%3C%2Fscript%3E".into(),
    ];
    pages.extend(ids.iter().map(|id| format!("/articles/{id}")));
    for e in v["entities"].as_array().unwrap() {
        let name = e["name"].as_str().unwrap();
        let enc: String = form_urlencoded::byte_serialize(name.as_bytes()).collect();
        pages.push(format!("/entities/{}", enc.replace('+', "%20")));
    }
    let mut payload_seen = false;
    for target in &pages {
        let (status, html) = get_text(&s.addr, target);
        assert!([200, 400, 404].contains(&status), "{target}: {status}");
        if let Some(p) = raw_payload(&html) {
            panic!("{target} holds `{p}` unescaped:\n{html}");
        }
        payload_seen |= html.contains("PWNED");
    }
    // The test means something only if the payloads did reach the pages (escaped).
    assert!(payload_seen, "no page showed the hostile text at all");
}

#[test]
fn a_running_server_picks_up_new_commits() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("one.txt"),
        "Harbour reopens\n\nThe harbour reopened on Monday.\n",
    )
    .unwrap();
    let ix = dir.path().join("ix").display().to_string();
    let index = || run(&["index", "--index", &ix, &corpus.display().to_string()]);
    assert!(index().status.success());
    let s = serve(Path::new(&ix), "127.0.0.1:0");
    let total = || {
        let (_, body) = get_text(&s.addr, "/api/search?q=*&limit=1");
        serde_json::from_str::<serde_json::Value>(&body).unwrap()["total"].clone()
    };
    assert_eq!(total(), 1);
    std::fs::write(
        corpus.join("two.txt"),
        "Lighthouse restored\n\nThe lighthouse was restored on Tuesday.\n",
    )
    .unwrap();
    assert!(index().status.success());
    let started = Instant::now();
    while total() != 2 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the server still answers from the old commit"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_non_loopback_address_is_warned_about() {
    let s = serve(&fixture_index().join("ix"), "0.0.0.0:0");
    assert!(s.banner.contains("warning"), "{}", s.banner);
    assert!(s.banner.contains("not a loopback address"), "{}", s.banner);
    let local = serve(&fixture_index().join("ix"), "127.0.0.1:0");
    assert!(!local.banner.contains("warning"), "{}", local.banner);
}

#[test]
fn pages_answer_and_keep_their_state_in_the_url() {
    let s = serve(&fixture_index().join("ix"), "127.0.0.1:0");
    let (status, html) = get_text(&s.addr, "/search?q=nato&person=Jens+Stoltenberg");
    assert_eq!(status, 200);
    // The filter shows as a chip whose link removes it, keeping the query.
    assert!(html.contains("person: Jens Stoltenberg"), "{html}");
    assert!(html.contains("href=\"/search?q=nato\""), "{html}");
    let (status, html) = get_text(&s.addr, "/quotes?speaker=stoltenberg");
    assert_eq!(status, 200);
    assert!(html.contains("class=\"card\""), "{html}");
    assert!(html.contains("/entities/Jens%20Stoltenberg"), "{html}");
    let (status, html) = get_text(&s.addr, "/entities/Jens%20Stoltenberg?kind=person");
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Jens Stoltenberg</h1>"), "{html}");
    assert!(html.contains("Quotes by month"), "{html}");
    assert!(html.contains("format=csv"), "{html}");
    let (status, _) = get_text(&s.addr, "/entities/Nobody%20Atall");
    assert_eq!(status, 404);
    // Entity pages are keyed by identity id: the list links there, and the id is the JSON's.
    let (_, api) = get_text(&s.addr, "/api/entities?kind=person");
    let api: serde_json::Value = serde_json::from_str(&api).unwrap();
    let jens = api["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "Jens Stoltenberg")
        .expect("Jens Stoltenberg listed");
    let id = jens["id"].as_str().unwrap();
    let (status, html) = get_text(&s.addr, "/entities?kind=person");
    assert_eq!(status, 200);
    assert!(html.contains(&format!("href=\"/entities/{id}\"")), "{html}");
    let (status, html) = get_text(&s.addr, &format!("/entities/{id}"));
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Jens Stoltenberg</h1>"), "{html}");
    assert!(html.contains("Quotes by month"), "{html}");
    let (status, _) = get_text(&s.addr, "/entities/000000000000");
    assert_eq!(status, 404);
    let (status, _, _) = get(&s.addr, "/");
    assert_eq!(status, 303);
}
