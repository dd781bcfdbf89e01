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

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use sitrep_pipeline::{Input, Pipeline};
use sitrep_store::{
    fts_query, taxonomy_column, BBox, EventFilter, Generation, Page, SqliteStore, Store, StoreError,
};
use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tokio::sync::watch;

mod web;

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
}

impl Config {
    /// Defaults for the store `db`: no token, 16 MiB bodies.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Config {
            db: db.into(),
            token: None,
            auth_reads: false,
            max_body_bytes: 16 << 20,
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
    /// The stages posted articles go through, built once for the server's life.
    pipeline: Arc<Pipeline>,
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
            pipeline,
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

/// The stable error codes of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    /// 400: a malformed query or body.
    BadRequest,
    /// 401: a write without the configured bearer token.
    Unauthorized,
    /// 404: no such event, article or path.
    NotFound,
    /// 405: the path exists, the method does not.
    MethodNotAllowed,
    /// 413: the body is larger than the limit.
    PayloadTooLarge,
    /// 500: the store failed.
    Internal,
}

impl ErrorCode {
    /// The code as the JSON has it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::Unauthorized => "unauthorized",
            ErrorCode::NotFound => "not_found",
            ErrorCode::MethodNotAllowed => "method_not_allowed",
            ErrorCode::PayloadTooLarge => "payload_too_large",
            ErrorCode::Internal => "internal",
        }
    }

    fn status(self) -> StatusCode {
        match self {
            ErrorCode::BadRequest => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

/// An API error: a status, a stable code and a message, answered as JSON.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    message: String,
}

impl ApiError {
    fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        ApiError::new(ErrorCode::Internal, format!("store: {e}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut resp = (
            self.code.status(),
            Json(json!({"error": {"code": self.code.as_str(), "message": self.message}})),
        )
            .into_response();
        if self.code == ErrorCode::Unauthorized {
            resp.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        resp
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

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
        .route_layer(middleware::from_fn_with_state(state.clone(), read_auth));
    Router::new()
        .merge(reads)
        .route("/api/health", get(health))
        .route("/api/articles", axum::routing::post(post_articles))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(web::index))
        .route("/app.js", get(web::app_js))
        .route("/app.css", get(web::app_css))
        .route("/world.json", get(web::world))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
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
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
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

async fn health(State(state): State<AppState>) -> ApiResult {
    let g = state.refresh_live().await?;
    Ok(Json(json!({
        "status": "ok",
        "articles": g.articles,
        "events": g.events,
        "generation": g.generation,
    })))
}

/// Reads need the token when the server is configured so: as a bearer header, or as
/// `access_token=` in the query (for `EventSource`, which cannot send headers; RFC 6750 §2.3).
async fn read_auth(
    State(state): State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> Response {
    if state.auth_reads {
        let from_query = request.uri().query().and_then(|q| {
            q.split('&')
                .find_map(|kv| kv.strip_prefix("access_token="))
                .map(|t| t.to_string())
        });
        let ok = match from_query {
            Some(t) => token_matches(&state, Some(&t)),
            None => authorized(&state, request.headers()).is_ok(),
        };
        if !ok {
            return ApiError::new(
                ErrorCode::Unauthorized,
                "reads need the header `Authorization: Bearer TOKEN`",
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// The query of `GET /api/events`.
#[derive(Debug, Deserialize)]
struct EventsQuery {
    from: Option<String>,
    to: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    actor: Option<String>,
    bbox: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

impl EventsQuery {
    fn filter(self) -> Result<(EventFilter, Page), ApiError> {
        let bbox = match self.bbox.filter(|b| !b.trim().is_empty()) {
            Some(b) => Some(
                b.parse::<BBox>()
                    .map_err(|e| ApiError::new(ErrorCode::BadRequest, e))?,
            ),
            None => None,
        };
        let filter = EventFilter {
            from: date_param("from", self.from)?,
            to: date_param("to", self.to)?,
            event_type: match self.event_type.filter(|t| !t.trim().is_empty()) {
                Some(t) => {
                    taxonomy_column(&t).map_err(|e| ApiError::new(ErrorCode::BadRequest, e))?;
                    Some(t)
                }
                None => None,
            },
            actor: self.actor.filter(|t| !t.trim().is_empty()),
            bbox,
            q: self.q.filter(|t| !t.trim().is_empty()),
        };
        let page = Page {
            limit: self.limit.unwrap_or(100).min(MAX_LIMIT),
            offset: self.offset.unwrap_or(0),
        };
        Ok((filter, page))
    }
}

fn date_param(name: &str, v: Option<String>) -> Result<Option<String>, ApiError> {
    let Some(v) = v.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    let b = v.as_bytes();
    let ok = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !ok || chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").is_err() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!("`{name}` must be a date YYYY-MM-DD, not {v:?}"),
        ));
    }
    Ok(Some(v))
}

async fn events(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = query.map_err(|e| ApiError::new(ErrorCode::BadRequest, e.body_text()))?;
    let (filter, page) = q.filter()?;
    let (events, total) = read(&state.reader, move |s| {
        Ok(s.events_page_json(&filter, page)?)
    })
    .await?;
    // The stored JSON goes out as it is: no parsing and writing again.
    let mut body = String::with_capacity(64 + events.iter().map(|e| e.len() + 1).sum::<usize>());
    body.push_str("{\"events\":[");
    for (i, e) in events.iter().enumerate() {
        if i > 0 {
            body.push(',');
        }
        body.push_str(e);
    }
    body.push_str(&format!(
        "],\"total\":{total},\"limit\":{},\"offset\":{}}}",
        page.limit, page.offset
    ));
    Ok(raw_json(body))
}

async fn timeline(
    State(state): State<AppState>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = query.map_err(|e| ApiError::new(ErrorCode::BadRequest, e.body_text()))?;
    let (filter, _) = q.filter()?;
    let days = read(&state.reader, move |s| Ok(s.timeline(&filter)?)).await?;
    Ok(Json(json!({ "days": days })))
}

/// The query of `GET /api/search`.
#[derive(Debug, Deserialize)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchQuery>, QueryRejection>,
) -> ApiResult {
    let Query(q) = query.map_err(|e| ApiError::new(ErrorCode::BadRequest, e.body_text()))?;
    let text = q.q.unwrap_or_default();
    if fts_query(&text).is_none() {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "`q` needs at least one word to search for",
        ));
    }
    let page = Page {
        limit: q.limit.unwrap_or(20).min(MAX_LIMIT),
        offset: q.offset.unwrap_or(0),
    };
    let (hits, total) = read(&state.reader, move |s| Ok(s.search(&text, page)?)).await?;
    Ok(Json(json!({
        "hits": hits,
        "total": total,
        "limit": page.limit,
        "offset": page.offset,
    })))
}

/// Server-sent events: `change` with the store's [`Generation`] at once and whenever it moves.
async fn live(
    State(state): State<AppState>,
) -> Sse<impl futures_util::Stream<Item = Result<SseEvent, Infallible>>> {
    let rx = state.live.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let g = *rx.borrow_and_update();
        let event = SseEvent::default()
            .event("change")
            .json_data(g)
            .unwrap_or_else(|_| SseEvent::default().event("change"));
        Some((Ok(event), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn event(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let found = {
        let id = id.clone();
        read(&state.reader, move |s| {
            Ok(match s.event_json(&id)? {
                Some(json) => Ok(json),
                None => Err(s.successor(&id)?),
            })
        })
        .await?
    };
    match found {
        Ok(e) => Ok(raw_json(e)),
        // An event merged into another since: a permanent redirect to it, so links and
        // bookmarks follow merges.
        Err(Some(to)) => {
            let location = format!("/api/events/{to}");
            let mut resp = (
                StatusCode::MOVED_PERMANENTLY,
                Json(json!({"moved_to": to, "location": location})),
            )
                .into_response();
            if let Ok(v) = header::HeaderValue::from_str(&location) {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            Ok(resp)
        }
        Err(None) => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no event {id:?}"),
        )),
    }
}

async fn article(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = {
        let id = id.clone();
        read(&state.reader, move |s| Ok(s.article(&id)?)).await?
    };
    match found {
        Some(a) => Ok(Json(serde_json::to_value(a).map_err(internal)?)),
        None => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no article {id:?}"),
        )),
    }
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    ApiError::new(ErrorCode::Internal, e.to_string())
}

/// Whether `given` is the configured token (true when none is configured).
fn token_matches(state: &AppState, given: Option<&str>) -> bool {
    let Some(token) = &state.token else {
        return true;
    };
    // Compare every byte whatever the first difference, so timing tells nothing.
    given.is_some_and(|g| {
        g.len() == token.len()
            && g.bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    })
}

fn authorized(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if token_matches(state, given) {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Unauthorized,
            "writes need the header `Authorization: Bearer TOKEN`",
        ))
    }
}

/// The name the posted body is read under: the source of its articles and of its messages.
const BODY_NAME: &str = "body.json";

async fn post_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult {
    authorized(&state, &headers)?;
    let body = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                ErrorCode::PayloadTooLarge,
                format!("the body is larger than {} bytes", state.max_body_bytes),
            )
        } else {
            ApiError::new(ErrorCode::BadRequest, e.body_text())
        }
    })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "the body is empty: send a JSON article or JSON Lines",
        ));
    }
    let pipeline = Arc::clone(&state.pipeline);
    let result = with_store(&state.writer, move |store| {
        ingest_body(store, &pipeline, body)
    })
    .await;
    // Live pages see the change now, not at the next poll.
    let _ = state.refresh_live().await;
    result
}

/// The line of a pipeline failure's source (`body.json:LINE`, `body.json#N` or the body).
fn source_line(source: &str) -> usize {
    let tail = source.rsplit(BODY_NAME).next().unwrap_or("");
    tail.trim_start_matches([':', '#']).parse().unwrap_or(1)
}

/// Run the pipeline over a posted body and add its articles to `store`.
fn ingest_body(store: &mut SqliteStore, pipeline: &Pipeline, body: Bytes) -> ApiResult {
    // The body goes through the same reader as `sitrep run` (one object, an array or JSON
    // Lines, and the same fields), from memory.
    let input = Input::bytes(BODY_NAME, body.as_ref());
    let mut ids = Vec::new();
    let mut total = sitrep_store::IngestStats::default();
    let summary = pipeline.process(vec![input], &|_| {}, |batch| -> Result<(), ApiError> {
        ids.extend(batch.iter().map(|a| a.id.clone()));
        total.add(store.ingest(batch)?);
        Ok(())
    })?;
    let errors: Vec<Value> = summary
        .failures
        .iter()
        .chain(&summary.notices)
        .map(|f| {
            json!({
                "line": source_line(&f.source),
                "code": f.code,
                "message": f.message,
            })
        })
        .collect();
    let duplicates: Vec<Value> = summary
        .duplicates
        .iter()
        .chain(&total.duplicates)
        .map(|(id, of)| json!({"id": id, "of": of}))
        .collect();
    ids.retain(|id| !total.duplicates.iter().any(|(d, _)| d == id));
    if ids.is_empty() && duplicates.is_empty() && total.unchanged == 0 {
        if errors.is_empty() {
            return Err(ApiError::new(
                ErrorCode::BadRequest,
                "the body holds no article: send a JSON article, an array of them, or JSON Lines",
            ));
        }
        let first = &errors[0];
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            format!(
                "no article in the body could be read ({} problem{}; line {}: {})",
                errors.len(),
                if errors.len() == 1 { "" } else { "s" },
                first["line"],
                first["message"].as_str().unwrap_or("")
            ),
        ));
    }
    Ok(Json(json!({
        "ids": ids,
        "errors": errors,
        "duplicates": duplicates,
        "new": total.new,
        "replaced": total.replaced,
        "unchanged": total.unchanged,
        "events_changed": total.events_changed(),
        "events": total.events,
    })))
}

impl From<sitrep_pipeline::PipelineError> for ApiError {
    fn from(e: sitrep_pipeline::PipelineError) -> Self {
        internal(e)
    }
}

async fn openapi() -> Json<Value> {
    Json(openapi_document())
}

/// The OpenAPI 3.1 document of the API.
pub fn openapi_document() -> Value {
    let error = json!({"$ref": "#/components/schemas/Error"});
    let err = |desc: &str| json!({"description": desc, "content": {"application/json": {"schema": error}}});
    let id_param = |what: &str| {
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"},
                "description": format!("The {what} id.")}])
    };
    let q = |name: &str, ty: &str, desc: &str| {
        json!({"name": name, "in": "query", "required": false, "schema": {"type": ty},
               "description": desc})
    };
    let any_obj = json!({"content": {"application/json": {"schema": {"type": "object"}}}});
    let article_in = json!({
        "type": "object",
        "properties": {
            "id": {"type": "string"}, "url": {"type": "string"}, "outlet": {"type": "string"},
            "title": {"type": "string"}, "published": {"type": "string"},
            "language": {"type": "string"},
            "text": {"type": "string", "pattern": "[A-Za-z]"},
            "html": {"type": "string", "pattern": "[A-Za-z]"}
        },
        "anyOf": [{"required": ["text"]}, {"required": ["html"]}]
    });
    // Empty values are accepted as absent (what an HTML form sends).
    let date = json!({"type": "string", "pattern": "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$"});
    let p = |name: &str, schema: &Value, desc: &str| json!({"name": name, "in": "query", "required": false, "schema": schema, "description": desc});
    let mut taxonomy: Vec<String> = vec![String::new()];
    for s in sitrep_core::SubEventType::ALL {
        for v in [
            serde_json::to_value(s.event_type()),
            serde_json::to_value(s),
        ] {
            if let Ok(Value::String(v)) = v {
                if !taxonomy.contains(&v) {
                    taxonomy.push(v);
                }
            }
        }
    }
    let event_filters = vec![
        p("from", &date, "Earliest date.start, YYYY-MM-DD (inclusive)."),
        p("to", &date, "Latest date.start, YYYY-MM-DD (inclusive)."),
        p("type", &json!({"type": "string", "enum": taxonomy}),
          "ACLED event type or sub-event type (any case)."),
        q("actor", "string", "Substring of an actor's name (case-insensitive)."),
        p("bbox", &json!({"type": "string",
                          "pattern": "^(-?[0-9]+(\\.[0-9]+)?(,-?[0-9]+(\\.[0-9]+)?){3})?$"}),
          "minLon,minLat,maxLon,maxLat in degrees: events located inside (west > east crosses the antimeridian; \
           values beyond ±180, ±90 are clamped; south above north is a 400)."),
        q("q", "string", "Words in the event's title, place or actors, or in the title or text of one of its articles."),
    ];
    let page = |default: u32| {
        [
            p(
                "limit",
                &json!({"type": "integer", "minimum": 0}),
                &format!("Page size (default {default}, at most 1000)."),
            ),
            p(
                "offset",
                &json!({"type": "integer", "minimum": 0}),
                "Matching items skipped first.",
            ),
        ]
    };
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Conflict events resolved from news articles, with their sources."
        },
        "paths": {
            "/api/health": {"get": {
                "summary": "Liveness, store counts and generation (never needs a token)",
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"status": {"type": "string"}, "articles": {"type": "integer"},
                                   "events": {"type": "integer"}}}}}}}
            }},
            "/api/events": {"get": {
                "summary": "A page of events, by date then id",
                "parameters": event_filters.iter().cloned().chain(page(100)).collect::<Vec<_>>(),
                "responses": {
                    "200": {"description": "A page", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"events": {"type": "array", "items": {"type": "object"}},
                                       "total": {"type": "integer"}, "limit": {"type": "integer"},
                                       "offset": {"type": "integer"}}}}}},
                    "400": err("Malformed query")
                }
            }},
            "/api/timeline": {"get": {
                "summary": "Events per day (of date.start), with the filters of /api/events",
                "parameters": event_filters.clone(),
                "responses": {
                    "200": {"description": "Days, earliest first", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"days": {"type": "array", "items": {"type": "object", "properties": {
                            "date": {"type": "string"}, "events": {"type": "integer"},
                            "fatalities": {"type": "number"}}}}}}}}},
                    "400": err("Malformed query")
                }
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over the articles (every word; the last also as a prefix)",
                "parameters": [
                    {"name": "q", "in": "query", "required": true,
                     "schema": {"type": "string", "pattern": "[A-Za-z0-9]"},
                     "description": "Words to find (at least one letter or digit)."},
                    page(20)[0], page(20)[1]
                ],
                "responses": {
                    "200": {"description": "Articles, best match first", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "hits": {"type": "array", "items": {"type": "object", "properties": {
                                "article": {"type": "string"}, "title": {"type": ["string", "null"]},
                                "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"]},
                                "url": {"type": ["string", "null"]}, "snippet": {"type": "string"},
                                "events": {"type": "array", "items": {"type": "string"}}}}},
                            "total": {"type": "integer"}}}}}},
                    "400": err("No word to search for")
                }
            }},
            "/api/live": {"get": {
                "summary": "Server-sent events: `change` with {generation, articles, events} now and at every change of the store",
                "responses": {"200": {"description": "An event stream",
                                      "content": {"text/event-stream": {"schema": {
                                          "description": "One server-sent event",
                                          "type": "object",
                                          "required": ["event", "data"],
                                          "properties": {
                                              "event": {"type": "string", "enum": ["change"]},
                                              "data": {"type": "string", "contentMediaType": "application/json",
                                                       "description": "{\"generation\": G, \"articles\": N, \"events\": M}"}}}}}}}
            }},
            "/api/events/{id}": {"get": {
                "summary": "One event with its claims, conflicts, evidence and articles",
                "parameters": id_param("event"),
                "responses": {"200": any_obj.clone(),
                              "301": {"description": "The event merged into another since: `Location` is that event",
                                      "headers": {"Location": {"schema": {"type": "string"}}},
                                      "content": {"application/json": {"schema": {"type": "object", "properties": {
                                          "moved_to": {"type": "string"}, "location": {"type": "string"}}}}}},
                              "404": err("No such event")}
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One stored article, annotated",
                "parameters": id_param("article"),
                "responses": {"200": any_obj.clone(), "404": err("No such article")}
            }},
            "/api/articles": {"post": {
                "summary": "Add articles: one JSON object, an array, or JSON Lines",
                "description": "Fields: id, url, outlet, title, published, language, text or html. \
                                Needs `Authorization: Bearer TOKEN` when the server has a token.",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {
                    "application/json": {"schema": {"oneOf": [
                        article_in.clone(),
                        {"type": "array", "items": article_in.clone(), "minItems": 1}]}},
                    "application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {
                    "200": {"description": "What was ingested", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {
                            "ids": {"type": "array", "items": {"type": "string"}},
                            "errors": {"type": "array", "items": {"type": "object", "properties": {
                                "line": {"type": "integer"}, "code": {"type": "string"},
                                "message": {"type": "string"}}}},
                            "events_changed": {"type": "integer"}}}}}},
                    "400": err("Empty body, or no article in it could be read"),
                    "401": err("Missing or wrong bearer token"),
                    "413": err("Body over the size limit")
                }
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": any_obj}
            }}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {"Error": {
                "type": "object",
                "properties": {"error": {"type": "object", "properties": {
                    "code": {"type": "string", "enum": ["bad_request", "unauthorized", "not_found",
                        "method_not_allowed", "payload_too_large", "internal"]},
                    "message": {"type": "string"}}}}
            }}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines() {
        assert_eq!(source_line("/tmp/x/body.json:3"), 3);
        assert_eq!(source_line("/tmp/x/body.json#2"), 2);
        assert_eq!(source_line("/tmp/x/body.json"), 1);
    }
}
