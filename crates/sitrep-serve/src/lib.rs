//! sitrep serve: the HTTP API over the event store (`sitrep serve`).
//!
//! [`router`] builds the axum [`Router`]; [`serve`] binds it to an address. Endpoints:
//!
//! - `GET /api/health`: `{"status":"ok","articles":N,"events":M}`;
//! - `GET /api/events?from=&to=&type=&actor=&bbox=&q=&limit=&offset=`: one page of events
//!   (`q`: full-text over the titles and the events' articles);
//! - `GET /api/timeline?` (the same filters): events per day;
//! - `GET /api/events/{id}`: the event, with claims, conflicts, evidence and article ids (a
//!   301 to its successor when it merged into another event since);
//! - `GET /api/articles/{id}`: the stored article;
//! - `GET /api/search?q=`: full-text search over the articles (SQLite FTS5), with snippets;
//! - `GET /api/live`: server-sent events, `change` with the store's generation and counts at
//!   once and whenever an ingest (by this server or another process) changes the store;
//! - `GET /`: the analyst's web page (map, timeline, event list, event page), built in;
//! - `POST /api/articles`: one JSON article, an array of them, or JSON Lines (the fields
//!   `sitrep run` reads), run through the pipeline and added to the store; needs
//!   `Authorization: Bearer TOKEN` when a token is configured;
//! - `GET /api/openapi.json`: the OpenAPI 3.1 document.
//!
//! Reads are open unless [`Config::auth_reads`]; then they need the token as a bearer header
//! or an `access_token=` query parameter (`/api/health` and the page stay open).
//!
//! Every error is `{"error": {"code": "...", "message": "..."}}` with a stable code
//! ([`ErrorCode`]). Store work runs on tokio's blocking pool; writes take one lock (one writer
//! at a time) and reads another connection, so reads go on while an ingest runs (WAL).

use axum::extract::DefaultBodyLimit;
use axum::http::header;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use sitrep_pipeline::Pipeline;
use sitrep_store::{Generation, SqliteStore, Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tokio::sync::watch;

mod auth;
mod error;
mod openapi;
mod reads;
mod web;
mod write;

pub use error::{ApiError, ErrorCode};
pub use openapi::openapi_document;

use auth::read_auth;
use openapi::openapi;
use reads::{article, event, events, health, live, search, timeline};
use write::post_articles;

/// Most events one `GET /api/events` returns.
pub const MAX_LIMIT: usize = 1000;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file (created if missing).
    pub db: PathBuf,
    /// The bearer token writes need (`None`: writes are open).
    pub token: Option<String>,
    /// Reads under `/api/` need the token too (all but `/api/health`); the page itself is
    /// always served, and asks for the token.
    pub auth_reads: bool,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// Most posts waiting for or going through the pipeline at once; more are answered 503.
    pub max_pending_posts: usize,
    /// How long a client may take to send a request's headers; it is also how long a
    /// connection may wait idle for its next request. Past it the connection is closed.
    pub header_timeout: Duration,
    /// How long a client may take to send a POST's body once its headers are in; past it the
    /// request is answered 408 `timeout` and the connection closed.
    pub body_timeout: Duration,
    /// Most connections open at once; one more is closed as soon as it is accepted, so idle
    /// or half-sent requests cannot use up the server's sockets.
    pub max_connections: usize,
}

/// Longest path and query a request may have (bytes); a longer one is answered 414
/// `uri_too_long`. (Past 64 KiB hyper itself answers 414, with an empty body.)
pub const MAX_URI_BYTES: usize = 8 << 10;

/// Most bytes of headers a request may have; more is answered 431 `headers_too_large`. (Past
/// [`HTTP_BUFFER_BYTES`] hyper itself answers 431, with an empty body, before any of this
/// server's code runs.)
pub const MAX_HEADER_BYTES: usize = 64 << 10;

/// The connection's read buffer: how much of a request's head hyper holds.
pub const HTTP_BUFFER_BYTES: usize = 1 << 20;

impl Config {
    /// Defaults for the store `db`: no token, 16 MiB bodies, 64 posts in the pipeline at once,
    /// headers in 10 s, a body in 30 s, 512 connections.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Config {
            db: db.into(),
            token: None,
            auth_reads: false,
            max_body_bytes: 16 << 20,
            max_pending_posts: 64,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(30),
            max_connections: 512,
        }
    }
}

/// What the handlers share: the writer and a reader connection to the same store.
#[derive(Clone)]
pub struct AppState {
    writer: Arc<Mutex<SqliteStore>>,
    reader: Arc<Readers>,
    token: Option<Arc<str>>,
    auth_reads: bool,
    max_body_bytes: usize,
    /// How long a POST's body may take to arrive.
    body_timeout: Duration,
    /// The stages posted articles go through, built once for the server's life.
    pipeline: Arc<Pipeline>,
    /// Places for posts waiting for or in the pipeline ([`Config::max_pending_posts`]).
    pending: Arc<tokio::sync::Semaphore>,
    /// The store's latest generation, for `GET /api/live`.
    live: Arc<watch::Sender<Generation>>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("auth_reads", &self.auth_reads)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Open the store of `config`: one writer connection and [`READERS`] reader connections.
    /// Posted articles go through `pipeline`.
    pub fn open(config: &Config, pipeline: Arc<Pipeline>) -> Result<AppState, StoreError> {
        let writer = SqliteStore::open(&config.db)?;
        let readers = (0..READERS)
            .map(|_| SqliteStore::open(&config.db))
            .collect::<Result<Vec<_>, _>>()?;
        let (live, _) = watch::channel(readers[0].generation()?);
        Ok(AppState {
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Readers {
                idle: Mutex::new(readers),
                freed: Condvar::new(),
            }),
            token: config.token.as_deref().map(Arc::from),
            auth_reads: config.auth_reads && config.token.is_some(),
            live: Arc::new(live),
            max_body_bytes: config.max_body_bytes,
            body_timeout: config.body_timeout,
            pipeline,
            pending: Arc::new(tokio::sync::Semaphore::new(config.max_pending_posts.max(1))),
        })
    }

    /// Read the store's generation and tell the live listeners when it moved (an ingest by
    /// this server or by another process, such as `sitrep ingest` on the same file).
    pub async fn refresh_live(&self) -> Result<Generation, ApiError> {
        let g = read(&self.reader, |s| Ok(s.generation()?)).await?;
        self.live.send_if_modified(|old| {
            let changed = *old != g;
            *old = g;
            changed
        });
        Ok(g)
    }
}

/// Connections reads take turns on: SQLite in WAL mode lets each read on its own while one
/// writer writes.
pub const READERS: usize = 4;

/// The reader connections not in use.
struct Readers {
    idle: Mutex<Vec<SqliteStore>>,
    freed: Condvar,
}

/// Run `f` with a reader connection on the blocking pool.
async fn read<T: Send + 'static>(
    readers: &Arc<Readers>,
    f: impl FnOnce(&SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let readers = Arc::clone(readers);
    blocking(move || {
        let conn = {
            let mut idle = readers.idle.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                if let Some(c) = idle.pop() {
                    break c;
                }
                idle = readers.freed.wait(idle).unwrap_or_else(|p| p.into_inner());
            }
        };
        // The connection goes back even when `f` panics.
        struct Back<'a>(&'a Readers, Option<SqliteStore>);
        impl Drop for Back<'_> {
            fn drop(&mut self) {
                if let Some(c) = self.1.take() {
                    self.0
                        .idle
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .push(c);
                    self.0.freed.notify_one();
                }
            }
        }
        let back = Back(&readers, Some(conn));
        f(back.1.as_ref().expect("held"))
    })
    .await
}

/// Run `f` on tokio's blocking pool; a panic in it is an internal error, never a trace.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(f).await.map_err(|_| {
        ApiError::new(
            ErrorCode::Internal,
            "internal error while handling the request",
        )
    })?
}

/// A JSON response from text already serialized.
fn raw_json(body: String) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/json"),
        )],
        body,
    )
        .into_response()
}

/// Run `f` with the store behind `lock` on the blocking pool.
async fn with_store<T: Send + 'static>(
    lock: &Arc<Mutex<SqliteStore>>,
    f: impl FnOnce(&mut SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let lock = Arc::clone(lock);
    blocking(move || {
        // A panic while holding the lock leaves the store as SQLite left it (a transaction
        // not committed is rolled back), so a poisoned lock is still usable.
        let mut store = lock.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut store)
    })
    .await
}

/// The API's router over `state`.
pub fn router(state: AppState) -> Router {
    let limit = state.max_body_bytes;
    let reads = Router::new()
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/timeline", get(timeline))
        .route("/api/search", get(search))
        .route("/api/live", get(live))
        .route("/api/articles/{id}", get(article))
        .route("/api/openapi.json", get(openapi))
        .route_layer(middleware::from_fn_with_state(state.clone(), read_auth));
    Router::new()
        .merge(reads)
        .route("/api/health", get(health))
        .route("/api/articles", axum::routing::post(post_articles))
        .route("/", get(web::index))
        .route("/app.js", get(web::app_js))
        .route("/app.css", get(web::app_css))
        .route("/world.json", get(web::world))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn(request_limits))
        .with_state(state)
}

/// Answer a request whose path or headers are too long with a JSON 414 or 431, before any
/// handler sees it.
async fn request_limits(request: axum::extract::Request, next: middleware::Next) -> Response {
    let uri = request
        .uri()
        .path_and_query()
        .map_or(0, |p| p.as_str().len());
    if uri > MAX_URI_BYTES {
        let message = format!("the path and query are longer than {MAX_URI_BYTES} bytes");
        return ApiError::new(ErrorCode::UriTooLong, message).into_response();
    }
    let headers: usize = request
        .headers()
        .iter()
        .map(|(k, v)| k.as_str().len() + v.len() + 4)
        .sum();
    if headers > MAX_HEADER_BYTES {
        let message = format!("the headers are larger than {MAX_HEADER_BYTES} bytes");
        return ApiError::new(ErrorCode::HeadersTooLarge, message).into_response();
    }
    next.run(request).await
}

/// How often the server looks for ingests by other processes, for `GET /api/live`.
pub const LIVE_POLL: Duration = Duration::from_millis(500);

/// Serve `config` on `addr` until Ctrl-C; `ready` gets the bound address (port 0 picks one).
pub async fn serve(
    config: &Config,
    pipeline: Pipeline,
    addr: &str,
    ready: impl FnOnce(std::net::SocketAddr),
) -> std::io::Result<()> {
    let state = AppState::open(config, Arc::new(pipeline)).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    let poller = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(LIVE_POLL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            // A failed read (the file busy past the timeout) is tried again next tick.
            let _ = poller.refresh_live().await;
        }
    });
    let app = router(state);
    let connections = Arc::new(tokio::sync::Semaphore::new(config.max_connections.max(1)));
    let (closing, _) = watch::channel(false);
    let mut ctrl_c = std::pin::pin!(tokio::signal::ctrl_c());
    loop {
        let (stream, _) = tokio::select! {
            _ = &mut ctrl_c => break,
            accepted = listener.accept() => match accepted {
                Ok(s) => s,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        // Past the cap, a connection is closed at once: idle or half-sent requests cannot
        // hold every socket.
        let Ok(permit) = Arc::clone(&connections).try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut http = hyper::server::conn::http1::Builder::new();
        http.timer(hyper_util::rt::TokioTimer::new())
            .header_read_timeout(config.header_timeout)
            .max_buf_size(HTTP_BUFFER_BYTES)
            .keep_alive(true);
        let conn = http
            .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
            .with_upgrades();
        let mut closing = closing.subscribe();
        tokio::spawn(async move {
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = closing.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
            drop(permit);
        });
    }
    // Shut down: open connections finish their request in hand (a few seconds at most).
    let _ = closing.send(true);
    let all = u32::try_from(config.max_connections.max(1)).unwrap_or(u32::MAX);
    let _ = tokio::time::timeout(Duration::from_secs(5), connections.acquire_many(all)).await;
    Ok(())
}

async fn not_found() -> ApiError {
    ApiError::new(ErrorCode::NotFound, "no such path")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        ErrorCode::MethodNotAllowed,
        "method not allowed on this path",
    )
}
