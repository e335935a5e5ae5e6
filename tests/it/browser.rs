//! `morgue serve` in a real browser: headless Chromium driven through chromedriver
//! (fantoccini). A reader searches, narrows by a facet, opens a speaker's entity page from a
//! quote card and an article from there, uses the keyboard and a phone-sized window; hostile
//! text in the index runs nothing. Screenshots of each step are saved under
//! `target/tmp/browser/` to look at.
//!
//! Skips (with a note) when `chromedriver` or Chromium is not installed, unless
//! `MORGUE_REQUIRE_BROWSER` is set; `.ci/run` installs Debian's `chromium` and
//! `chromium-driver` and sets it, so CI runs these tests.

use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};

use crate::harness::{fixture_index, run};
use crate::serve::{hostile_corpus, serve};

/// The first of `names` found on PATH.
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

/// chromedriver and the browser binary, or why the test cannot run.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let driver = on_path(&["chromedriver"]).ok_or("chromedriver is not on PATH")?;
    let browser =
        on_path(&["chromium", "chromium-browser", "google-chrome"]).ok_or("no chromium on PATH")?;
    Ok((driver, browser))
}

/// A chromedriver process, killed when dropped.
struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_driver(path: &Path) -> Driver {
    // A free port: bind, note it, release it for chromedriver.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port");
    let child = Command::new(path)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not listen"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port }
}

async fn browser(driver: &Driver, binary: &Path) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": binary.display().to_string(),
            // No sandbox: CI runs as root, where Chromium refuses to start with one.
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1200,1000"],
        }),
    );
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a browser session")
}

fn screenshots() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

async fn shot(c: &Client, name: &str) {
    let png = c.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = screenshots().join(format!("{name}.png"));
    std::fs::write(&path, png).unwrap();
    eprintln!("screenshot: {}", path.display());
}

/// Run `f` with a browser, or say why not and return.
fn with_browser<F>(f: F)
where
    F: for<'a> FnOnce(&'a Client) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>,
{
    let (driver_path, binary) = match tools() {
        Ok(t) => t,
        // `.ci/run` sets MORGUE_REQUIRE_BROWSER once it has installed the browser, so there a
        // missing tool is a failure rather than a skip.
        Err(why) if std::env::var_os("MORGUE_REQUIRE_BROWSER").is_some() => {
            panic!("MORGUE_REQUIRE_BROWSER is set but {why}")
        }
        Err(why) => {
            eprintln!("skipping browser test: {why} (apt-get install chromium chromium-driver)");
            return;
        }
    };
    let driver = start_driver(&driver_path);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let c = browser(&driver, &binary).await;
        // Close the session even when a step fails, so no browser is left running.
        let outcome = futures_catch(f(&c)).await;
        let _ = c.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    });
}

/// Await a future, catching a panic inside it.
async fn futures_catch<'a>(
    f: std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>,
) -> std::thread::Result<()> {
    struct Catch<'a>(std::pin::Pin<Box<dyn std::future::Future<Output = ()> + 'a>>);
    impl std::future::Future for Catch<'_> {
        type Output = std::thread::Result<()>;
        fn poll(
            mut self: std::pin::Pin<&mut Self>,
            cx: &mut std::task::Context<'_>,
        ) -> std::task::Poll<Self::Output> {
            let fut = self.0.as_mut();
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| fut.poll(cx))) {
                Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
                Ok(std::task::Poll::Ready(())) => std::task::Poll::Ready(Ok(())),
                Err(p) => std::task::Poll::Ready(Err(p)),
            }
        }
    }
    Catch(f).await
}

async fn url(c: &Client) -> String {
    c.current_url().await.expect("current url").to_string()
}

/// Wait until the page's URL satisfies `ok` (a click navigates asynchronously).
async fn wait_url(c: &Client, ok: impl Fn(&str) -> bool) -> String {
    let started = Instant::now();
    loop {
        let u = url(c).await;
        if ok(&u) {
            return u;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "stuck at {u}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[test]
fn a_reader_searches_filters_and_follows_links() {
    let s = serve(&fixture_index().join("ix"), "127.0.0.1:0");
    let base = format!("http://{}", s.addr);
    with_browser(|c| {
        Box::pin(async move {
            // Search from the box.
            c.goto(&format!("{base}/search")).await.unwrap();
            let q = c.find(Locator::Css("#q")).await.unwrap();
            q.send_keys("nato").await.unwrap();
            c.find(Locator::Css("form.searchbox button"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_url(c, |u| u.contains("q=nato")).await;
            let hits = c.find_all(Locator::Css("li.hit")).await.unwrap();
            assert!(!hits.is_empty(), "no hits for nato");
            shot(c, "1-search").await;

            // A facet click narrows the list and shows as a removable filter.
            let facet = c
                .find(Locator::Css("aside.facets a[href*='person=']"))
                .await
                .unwrap();
            let name = facet.text().await.unwrap();
            facet.click().await.unwrap();
            wait_url(c, |u| u.contains("person=")).await;
            let chip = c.find(Locator::Css("a.chip")).await.unwrap();
            assert!(
                chip.text().await.unwrap().contains(&name),
                "chip for {name}"
            );
            shot(c, "2-facet").await;

            // A quote card's speaker opens the entity page.
            c.goto(&format!("{base}/quotes?speaker=stoltenberg"))
                .await
                .unwrap();
            let cards = c.find_all(Locator::Css("li.card")).await.unwrap();
            assert!(cards.len() >= 3, "quote cards");
            let context = c.find(Locator::Css("li.card .context")).await.unwrap();
            assert!(!context.text().await.unwrap().is_empty());
            shot(c, "3-quotes").await;
            c.find(Locator::Css("li.card a.speaker"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_url(c, |u| u.contains("/entities/")).await;
            let h1 = c.find(Locator::Css("main h1")).await.unwrap();
            assert_eq!(h1.text().await.unwrap(), "Jens Stoltenberg");
            c.find(Locator::Css("svg.bars, p.muted")).await.unwrap();
            let csv = c
                .find(Locator::Css("p.downloads a[download]"))
                .await
                .unwrap();
            let href = csv.attr("href").await.unwrap().unwrap_or_default();
            assert!(
                href.contains("format=csv") && href.contains("speaker="),
                "{href}"
            );
            shot(c, "4-entity").await;

            // From the entity page to an article, with its marks.
            c.find(Locator::Css("ul.titles a"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            wait_url(c, |u| u.contains("/articles/")).await;
            let quotes = c.find_all(Locator::Css(".doc .quote")).await.unwrap();
            let names = c.find_all(Locator::Css(".doc a.ent")).await.unwrap();
            assert!(
                quotes.len() >= 3 && names.len() >= 3,
                "marks in the article"
            );
            shot(c, "5-article").await;

            // Keyboard: "/" from anywhere on the page focuses the search box.
            let link = c.find(Locator::Css("a.brand")).await.unwrap();
            link.send_keys("/").await.unwrap();
            let focused = c
                .execute("return document.activeElement.id", vec![])
                .await
                .unwrap();
            assert_eq!(focused, serde_json::json!("q"));

            // A phone-sized window: one column, nothing wider than the screen.
            c.set_window_size(390, 844).await.unwrap();
            c.goto(&format!("{base}/search?q=nato")).await.unwrap();
            let fits = c
                .execute(
                    "return document.documentElement.scrollWidth <= window.innerWidth + 1",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(fits, serde_json::json!(true), "page wider than a phone");
            shot(c, "6-phone").await;
        })
    });
}

#[test]
fn hostile_text_runs_nothing_in_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    hostile_corpus(&corpus);
    let ix = dir.path().join("ix");
    let out = run(&[
        "index",
        "--index",
        &ix.display().to_string(),
        &corpus.display().to_string(),
    ]);
    assert!(out.status.success());
    let ids: Vec<String> = {
        let v = crate::harness::json(&run(&[
            "search",
            "--json",
            "--index",
            &ix.display().to_string(),
            "*",
        ]));
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids.len(), 2);
    let s = serve(&ix, "127.0.0.1:0");
    let base = format!("http://{}", s.addr);
    with_browser(|c| {
        Box::pin(async move {
            let mut pages = vec![
                "/search?q=*".to_string(),
                "/search?q=%3Cscript%3Ewindow.PWNED%3D1%3C%2Fscript%3E".into(),
                "/quotes".into(),
                "/entities".into(),
                "/entities/%22%3E%3Cimg%20src%3Dx%20onerror%3Dwindow.PWNED%3D2%3E".into(),
            ];
            pages.extend(ids.iter().map(|id| format!("/articles/{id}")));
            for page in &pages {
                c.goto(&format!("{base}{page}")).await.unwrap();
                // Give any injected handler (onerror, onload) time to fire.
                tokio::time::sleep(Duration::from_millis(300)).await;
                assert!(c.get_alert_text().await.is_err(), "{page} opened a dialog");
                let pwned = c
                    .execute("return typeof window.PWNED", vec![])
                    .await
                    .unwrap();
                assert_eq!(
                    pwned,
                    serde_json::json!("undefined"),
                    "{page} ran a payload"
                );
                // The hostile text is on the page, as text. Entity lists show it only when the
                // tagger takes a payload for a name, which is not this test's business.
                let text = c
                    .execute("return document.body.innerText", vec![])
                    .await
                    .unwrap();
                if !page.starts_with("/entities") {
                    assert!(
                        text.as_str().unwrap_or("").contains("PWNED"),
                        "{page} does not show the hostile text"
                    );
                }
                // No link leads to a javascript: URL.
                let js_links = c
                    .execute(
                        "return [...document.querySelectorAll('[href],[src],[action]')]\
                         .filter(e => /^\\s*javascript:/i.test(e.getAttribute('href') || e.getAttribute('src') || e.getAttribute('action') || '')).length",
                        vec![],
                    )
                    .await
                    .unwrap();
                assert_eq!(js_links, serde_json::json!(0), "{page}");
            }
            shot(c, "7-hostile-article").await;
        })
    });
}
