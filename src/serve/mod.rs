//! `morgue serve`: the archive in a browser. An axum server on a small tokio runtime with a
//! JSON API that mirrors the command line (`api`: the same request types in, the same JSON
//! writers out as `--json`) and server-rendered pages (`pages`, built from `html`'s escaping
//! helpers, with one stylesheet and one small script compiled into the binary). It only reads:
//! the index is opened once, its reader follows each commit of a concurrent `morgue index`, and
//! every route is a GET.
//!
//! Limits, so that one client cannot hold the server: GET and HEAD only, no request body, a
//! URL of at most [`MAX_URI`] bytes, [`REQUEST_TIME`] per request, and at most two index reads
//! per core running at once (the rest wait their turn). Static files are a fixed list of names
//! and articles are looked up by id in the index: no request maps to a file path.

mod api;
mod article;
mod entity;
mod html;
mod pages;
mod params;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use tokio::sync::Semaphore;

use morgue::index::shards::Shards;

/// Longest request target accepted (path and query), in bytes.
pub const MAX_URI: usize = 8 * 1024;
/// Longest a request may take before the client gets 503.
pub const REQUEST_TIME: Duration = Duration::from_secs(10);

/// What the handlers share: the opened index (or indexes, answering as one) and the gate on
/// concurrent reads.
pub struct App {
    archive: Shards,
    reads: Arc<Semaphore>,
}

/// A request that could not be answered: status and one line for the user.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    message: String,
}

impl Failure {
    fn bad_request(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Failure {
        Failure {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

impl From<params::BadRequest> for Failure {
    fn from(e: params::BadRequest) -> Failure {
        Failure::bad_request(e.0)
    }
}

impl From<morgue::Error> for Failure {
    fn from(e: morgue::Error) -> Failure {
        let status = match e {
            morgue::Error::Query { .. } | morgue::Error::Filter { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Failure {
            status,
            message: morgue::error::chain(&e),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: e.to_string(),
        }
    }
}

impl From<csv::Error> for Failure {
    fn from(e: csv::Error) -> Failure {
        Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: e.to_string(),
        }
    }
}

impl App {
    /// Run an index read on the blocking pool, once a read slot is free.
    async fn read<F>(self: &Arc<Self>, f: F) -> Result<Response, Failure>
    where
        F: FnOnce(&Shards) -> Result<Response, Failure> + Send + 'static,
    {
        let permit = Arc::clone(&self.reads)
            .acquire_owned()
            .await
            .map_err(|_| Failure {
                status: StatusCode::SERVICE_UNAVAILABLE,
                message: "the server is shutting down".into(),
            })?;
        let app = Arc::clone(self);
        // If the request times out, this task still runs to its end and holds its slot, so
        // slow reads cannot pile up beyond the gate.
        let task = tokio::task::spawn_blocking(move || {
            let _slot = permit;
            f(&app.archive)
        });
        task.await.map_err(|e| Failure {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("the request failed: {e}"),
        })?
    }
}

/// Whether a listening address is reachable only from this machine.
pub fn is_loopback(addr: &SocketAddr) -> bool {
    addr.ip().is_loopback()
}

/// A bound server, not yet answering; [`Server::addr`] says where it listens (port 0 picks a
/// free one).
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    app: Arc<App>,
}

impl Server {
    /// Open the index (several answer as one: `index::shards`) and bind the address.
    pub fn bind(index_dirs: &[std::path::PathBuf], addr: SocketAddr) -> anyhow::Result<Server> {
        let archive = Shards::open(index_dirs)?;
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores)
            .enable_io()
            .enable_time()
            .build()?;
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind(addr))
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        Ok(Server {
            runtime,
            listener,
            app: Arc::new(App {
                archive,
                reads: Arc::new(Semaphore::new(2 * cores)),
            }),
        })
    }

    pub fn addr(&self) -> std::io::Result<SocketAddr> {
        self.listener.local_addr()
    }

    /// Answer requests until the process ends.
    pub fn run(self) -> anyhow::Result<()> {
        // The article view enriches its article on request, and the first enrichment also
        // loads the tagger's and the quote stage's models: about 1.2 CPU s in a debug build,
        // which on a busy machine pushed a first article view past REQUEST_TIME. Load them
        // now, off the request path, while the server already answers.
        self.runtime.spawn_blocking(|| {
            let article = morgue::Article {
                title: "Council meets".into(),
                body: "\"We start on Monday,\" Anna Berg said in London.".into(),
                ..Default::default()
            };
            morgue::enrich::enrich(&article);
        });
        let router = router(self.app);
        self.runtime
            .block_on(async move { axum::serve(self.listener, router).await })?;
        Ok(())
    }
}

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/api/search", get(api::search))
        .route("/api/quotes", get(api::quotes))
        .route("/api/entities", get(api::entities))
        .route("/api/months", get(api::months))
        .route("/api/articles/{id}", get(api::article))
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/quotes", get(pages::quotes))
        .route("/entities", get(entity::entity_list))
        .route("/entities/{key}", get(entity::entity))
        .route("/articles/{id}", get(article::article))
        .route("/help", get(pages::help))
        .route("/static/style.css", get(static_css))
        .route("/static/app.js", get(static_js))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(guard))
        .with_state(app)
}

const STYLE: &str = include_str!("assets/style.css");
const SCRIPT: &str = include_str!("assets/app.js");

async fn static_css() -> Response {
    asset("text/css; charset=utf-8", STYLE)
}

async fn static_js() -> Response {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

fn asset(kind: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "max-age=3600"),
        ],
        body,
    )
        .into_response()
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    let failure = Failure::not_found(format!("nothing at {}", params::one_line(path)));
    if path.starts_with("/api/") {
        api::failure(failure)
    } else {
        pages::failure(failure)
    }
}

/// Applied to every request: the method, size and time limits, and headers that keep pages
/// from running anything but the server's own script or being framed by another site.
async fn guard(req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "morgue serve is read-only: GET and HEAD only\n",
        )
            .into_response();
    }
    if req.uri().to_string().len() > MAX_URI {
        return (
            StatusCode::URI_TOO_LONG,
            format!("request target longer than {MAX_URI} bytes\n"),
        )
            .into_response();
    }
    let has_body = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .is_some_and(|v| v.as_bytes() != b"0")
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if has_body {
        return (
            StatusCode::PAYLOAD_TOO_LARGE,
            "requests to morgue serve carry no body\n",
        )
            .into_response();
    }
    let mut response = match tokio::time::timeout(REQUEST_TIME, next.run(req)).await {
        Ok(r) => r,
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "the request took longer than {} s; narrow the query\n",
                REQUEST_TIME.as_secs()
            ),
        )
            .into_response(),
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
             connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
