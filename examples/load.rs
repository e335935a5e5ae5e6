//! Load generator for `morgue serve` (run by `scripts/load`): C keep-alive connections to a
//! loopback server send a fixed, seeded mix of search, quotes and entities requests for D
//! seconds, each connection waiting for its answer before the next request (closed loop).
//! Prints requests per second, latency percentiles, errors, the server's resident memory
//! sampled every second (from /proc/PID/status) so growth over the run shows, and the server's
//! CPU time per request (from /proc/PID/stat): on a shared machine that figure moves less with
//! what else runs than requests per second do.
//!
//! usage: load ADDR SECONDS CONNECTIONS [SERVER_PID]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Words common in the BBC and Reuters text the generated corpus is made of.
const WORDS: [&str; 24] = [
    "government",
    "minister",
    "election",
    "market",
    "shares",
    "company",
    "police",
    "court",
    "oil",
    "bank",
    "growth",
    "film",
    "music",
    "match",
    "season",
    "economy",
    "profits",
    "trade",
    "prices",
    "labour",
    "tax",
    "war",
    "talks",
    "record",
];
const SPEAKERS: [&str; 6] = ["blair", "brown", "howard", "kennedy", "bush", "annan"];

/// The request mix: half searches (some with facets or by date), three in ten quote queries,
/// two in ten entity lists. `i` picks deterministically.
fn target(i: u64) -> String {
    let w = WORDS[(i * 7 % WORDS.len() as u64) as usize];
    let w2 = WORDS[(i * 13 % WORDS.len() as u64) as usize];
    let s = SPEAKERS[(i % SPEAKERS.len() as u64) as usize];
    match i % 10 {
        0 => format!("/api/search?q={w}&facets=1"),
        1 => format!("/api/search?q={w}&sort=date"),
        2..=4 => format!("/api/search?q={w}+{w2}"),
        5 => format!("/api/quotes?speaker={s}"),
        6 => format!("/api/quotes?q={w}"),
        7 => format!("/api/quotes?q={w}&speaker={s}&sort=date"),
        8 => format!("/api/entities?kind=person&q={w}"),
        _ => format!("/api/entities?q={w}+{w2}&top=10"),
    }
}

struct Conn {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

fn connect(addr: &str) -> std::io::Result<Conn> {
    let s = TcpStream::connect(addr)?;
    s.set_nodelay(true)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    Ok(Conn {
        reader: BufReader::new(s.try_clone()?),
        writer: s,
    })
}

/// One request on a kept-alive connection; the status code.
fn exchange(c: &mut Conn, addr: &str, path: &str, body: &mut Vec<u8>) -> std::io::Result<u16> {
    write!(c.writer, "GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n")?;
    let mut line = String::new();
    c.reader.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {line:?}")))?;
    let mut length = None;
    loop {
        line.clear();
        c.reader.read_line(&mut line)?;
        if line == "\r\n" || line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse::<usize>().ok();
            }
        }
    }
    let n = length.ok_or_else(|| std::io::Error::other("no content-length"))?;
    body.resize(n, 0);
    c.reader.read_exact(body)?;
    Ok(status)
}

/// Resident memory in KB: all of it, and the anonymous part (the heap; the rest is the index's
/// memory-mapped files, page cache that grows as more of the index is read).
fn rss_kb(pid: &str) -> Option<(u64, u64)> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = s.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some((field("VmRSS:")?, field("RssAnon:")?))
}

/// The process's user and system CPU time so far, in seconds (/proc counts in USER_HZ, 100 a
/// second on Linux).
fn cpu_seconds(pid: &str) -> Option<f64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 4 {
        eprintln!("usage: load ADDR SECONDS CONNECTIONS [SERVER_PID]");
        std::process::exit(1);
    }
    let addr = args[1].clone();
    let secs: u64 = args[2].parse().expect("SECONDS");
    let conns: u64 = args[3].parse().expect("CONNECTIONS");
    let pid = args.get(4).cloned();
    if !addr.starts_with("127.") && !addr.starts_with("localhost") {
        eprintln!("load: only loopback addresses (this is a benchmark, not an attack tool)");
        std::process::exit(1);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let cpu_before = pid.as_deref().and_then(cpu_seconds);
    let started = Instant::now();
    let workers: Vec<_> = (0..conns)
        .map(|w| {
            let addr = addr.clone();
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || {
                let mut lat: Vec<u32> = Vec::new();
                let mut errors = 0u64;
                let mut first_error = None;
                let mut body = Vec::new();
                let mut conn = connect(&addr).ok();
                let mut i = w * 1_000_003;
                while !stop.load(Ordering::Relaxed) {
                    let path = target(i);
                    i += 1;
                    let t = Instant::now();
                    let result = match conn.as_mut() {
                        Some(c) => exchange(c, &addr, &path, &mut body),
                        None => Err(std::io::Error::other("not connected")),
                    };
                    match result {
                        Ok(200) => lat.push(t.elapsed().as_micros() as u32),
                        Ok(code) => {
                            errors += 1;
                            first_error.get_or_insert(format!("{code} for {path}"));
                        }
                        Err(e) => {
                            errors += 1;
                            first_error.get_or_insert(format!("{e} for {path}"));
                            conn = connect(&addr).ok();
                        }
                    }
                }
                (lat, errors, first_error)
            })
        })
        .collect();
    let mut rss: Vec<u64> = Vec::new();
    let mut anon: Vec<u64> = Vec::new();
    while started.elapsed() < Duration::from_secs(secs) {
        std::thread::sleep(Duration::from_secs(1));
        if let Some((all, heap)) = pid.as_deref().and_then(rss_kb) {
            rss.push(all);
            anon.push(heap);
        }
    }
    stop.store(true, Ordering::Relaxed);
    let elapsed = started.elapsed().as_secs_f64();
    let cpu_after = pid.as_deref().and_then(cpu_seconds);
    let mut lat: Vec<u32> = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    for w in workers {
        let (l, e, f) = w.join().expect("worker");
        lat.extend(l);
        errors += e;
        first_error = first_error.or(f);
    }
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i] as f64 / 1000.0
    };
    println!(
        "{} requests in {elapsed:.1} s over {conns} connections: {:.0} req/s, {errors} errors",
        lat.len(),
        lat.len() as f64 / elapsed
    );
    println!(
        "latency ms: p50 {:.2}  p90 {:.2}  p99 {:.2}  max {:.2}",
        pct(0.50),
        pct(0.90),
        pct(0.99),
        pct(1.0)
    );
    if let (Some(a), Some(b)) = (cpu_before, cpu_after) {
        println!(
            "server CPU: {:.2} ms a request ({:.0} % of one core)",
            (b - a) * 1000.0 / lat.len().max(1) as f64,
            (b - a) * 100.0 / elapsed
        );
    }
    if let Some(e) = first_error {
        println!("first error: {e}");
    }
    if !rss.is_empty() {
        let mb = |kb: u64| kb as f64 / 1024.0;
        let q = rss.len() / 4;
        println!(
            "server RSS MB: after 1 s {:.0}, at 1/4 {:.0}, at 1/2 {:.0}, at 3/4 {:.0}, end {:.0} (max {:.0})",
            mb(rss[0]),
            mb(rss[q]),
            mb(rss[rss.len() / 2]),
            mb(rss[(3 * q).min(rss.len() - 1)]),
            mb(rss[rss.len() - 1]),
            mb(rss.iter().copied().max().unwrap_or(0))
        );
        println!(
            "of which anonymous MB: after 1 s {:.0}, at 1/4 {:.0}, at 1/2 {:.0}, at 3/4 {:.0}, end {:.0} (max {:.0})",
            mb(anon[0]),
            mb(anon[q]),
            mb(anon[anon.len() / 2]),
            mb(anon[(3 * q).min(anon.len() - 1)]),
            mb(anon[anon.len() - 1]),
            mb(anon.iter().copied().max().unwrap_or(0))
        );
    }
    if errors > 0 {
        std::process::exit(2);
    }
}
