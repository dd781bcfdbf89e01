//! sitrep serve: the HTTP API over the event store (`sitrep serve`).
//!
//! [`router`] builds the axum [`Router`]; [`serve`] binds it to an address. Endpoints:
//!
//! - `GET /api/health`: `{"status":"ok","articles":N,"events":M}`;
//! - `GET /api/events?from=&to=&type=&q=&limit=&offset=`: one page of events;
//! - `GET /api/events/{id}`: the event, with claims, conflicts, evidence and article ids;
//! - `GET /api/articles/{id}`: the stored article;
//! - `POST /api/articles`: one JSON article, an array of them, or JSON Lines (the fields
//!   `sitrep run` reads), run through the pipeline and added to the store; needs
//!   `Authorization: Bearer TOKEN` when a token is configured;
//! - `GET /api/openapi.json`: the OpenAPI 3.1 document.
//!
//! Every error is `{"error": {"code": "...", "message": "..."}}` with a stable code
//! ([`ErrorCode`]). Store work runs on tokio's blocking pool; writes take one lock (one writer
//! at a time) and reads another connection, so reads go on while an ingest runs (WAL).

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use sitrep_pipeline::{Input, RunOptions};
use sitrep_store::{EventFilter, SqliteStore, Store, StoreError};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Most events one `GET /api/events` returns.
pub const MAX_LIMIT: usize = 1000;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    /// The store file (created if missing).
    pub db: PathBuf,
    /// The bearer token writes need (`None`: writes are open).
    pub token: Option<String>,
    /// Largest request body, in bytes.
    pub max_body_bytes: usize,
    /// How posted articles are processed (`out_dir` is not used).
    pub run: RunOptions,
}

impl Config {
    /// Defaults for the store `db`: no token, 16 MiB bodies.
    pub fn new(db: impl Into<PathBuf>) -> Self {
        Config {
            db: db.into(),
            token: None,
            max_body_bytes: 16 << 20,
            run: RunOptions::new("."),
        }
    }
}

/// What the handlers share: the writer and a reader connection to the same store.
#[derive(Clone)]
pub struct AppState {
    writer: Arc<Mutex<SqliteStore>>,
    reader: Arc<Mutex<SqliteStore>>,
    token: Option<Arc<str>>,
    max_body_bytes: usize,
    run: Arc<RunOptions>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("token", &self.token.as_ref().map(|_| "<set>"))
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}

impl AppState {
    /// Open the store of `config` (twice: a writer and a reader).
    pub fn open(config: &Config) -> Result<AppState, StoreError> {
        let writer = SqliteStore::open(&config.db)?;
        let reader = SqliteStore::open(&config.db)?;
        Ok(AppState {
            writer: Arc::new(Mutex::new(writer)),
            reader: Arc::new(Mutex::new(reader)),
            token: config.token.as_deref().map(Arc::from),
            max_body_bytes: config.max_body_bytes,
            run: Arc::new(config.run.clone()),
        })
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

/// Run `f` with the store behind `lock` on the blocking pool.
async fn with_store<T: Send + 'static>(
    lock: &Arc<Mutex<SqliteStore>>,
    f: impl FnOnce(&mut SqliteStore) -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let lock = Arc::clone(lock);
    tokio::task::spawn_blocking(move || {
        // A panic while holding the lock leaves the store as SQLite left it (a transaction
        // not committed is rolled back), so a poisoned lock is still usable.
        let mut store = lock.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut store)
    })
    .await
    .map_err(|_| {
        ApiError::new(
            ErrorCode::Internal,
            "internal error while handling the request",
        )
    })?
}

/// The API's router over `state`.
pub fn router(state: AppState) -> Router {
    let limit = state.max_body_bytes;
    Router::new()
        .route("/api/health", get(health))
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/articles", axum::routing::post(post_articles))
        .route("/api/articles/{id}", get(article))
        .route("/api/openapi.json", get(openapi))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limit))
        .with_state(state)
}

/// Serve `config` on `addr` until Ctrl-C.
pub async fn serve(config: &Config, addr: &str) -> std::io::Result<()> {
    let state = AppState::open(config).map_err(std::io::Error::other)?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
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
    let c = with_store(&state.reader, |s| Ok(s.counts()?)).await?;
    Ok(Json(
        json!({"status": "ok", "articles": c.articles, "events": c.events}),
    ))
}

/// The query of `GET /api/events`.
#[derive(Debug, Deserialize)]
struct EventsQuery {
    from: Option<String>,
    to: Option<String>,
    #[serde(rename = "type")]
    event_type: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
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
    if !ok {
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
) -> ApiResult {
    let Query(q) = query.map_err(|e| ApiError::new(ErrorCode::BadRequest, e.body_text()))?;
    let filter = EventFilter {
        from: date_param("from", q.from)?,
        to: date_param("to", q.to)?,
        event_type: q.event_type.filter(|t| !t.is_empty()),
        q: q.q.filter(|t| !t.is_empty()),
        limit: q.limit.unwrap_or(100).min(MAX_LIMIT),
        offset: q.offset.unwrap_or(0),
    };
    let (limit, offset) = (filter.limit, filter.offset);
    let page = with_store(&state.reader, move |s| Ok(s.events_page(&filter)?)).await?;
    Ok(Json(json!({
        "events": page.events,
        "total": page.total,
        "limit": limit,
        "offset": offset,
    })))
}

async fn event(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = {
        let id = id.clone();
        with_store(&state.reader, move |s| Ok(s.event(&id)?)).await?
    };
    match found {
        Some(e) => Ok(Json(serde_json::to_value(e).map_err(internal)?)),
        None => Err(ApiError::new(
            ErrorCode::NotFound,
            format!("no event {id:?}"),
        )),
    }
}

async fn article(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
    let found = {
        let id = id.clone();
        with_store(&state.reader, move |s| Ok(s.article(&id)?)).await?
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

fn authorized(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(token) = &state.token else {
        return Ok(());
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    // Compare every byte whatever the first difference, so timing tells nothing.
    let matches = given.is_some_and(|g| {
        g.len() == token.len()
            && g.bytes()
                .zip(token.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0
    });
    if matches {
        Ok(())
    } else {
        Err(ApiError::new(
            ErrorCode::Unauthorized,
            "writes need the header `Authorization: Bearer TOKEN`",
        ))
    }
}

/// The name the posted body is read under; messages name it as `body`.
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
    let run = Arc::clone(&state.run);
    with_store(&state.writer, move |store| ingest_body(store, &run, &body)).await
}

/// The line of a pipeline failure's source (`…/body.json:LINE`, `…/body.json#N` or the file).
fn source_line(source: &str) -> usize {
    let tail = source.rsplit(BODY_NAME).next().unwrap_or("");
    tail.trim_start_matches([':', '#']).parse().unwrap_or(1)
}

/// Run the pipeline over a posted body and add its articles to `store`.
fn ingest_body(store: &mut SqliteStore, run: &RunOptions, body: &[u8]) -> ApiResult {
    // The body goes through the same reader as `sitrep run` (one object, an array or JSON
    // Lines, and the same fields), from a temporary file.
    let dir = tempfile::tempdir().map_err(internal)?;
    let path = dir.path().join(BODY_NAME);
    std::fs::write(&path, body).map_err(internal)?;
    let prefix = dir.path().display().to_string();
    let mut ids = Vec::new();
    let mut total = sitrep_store::IngestStats::default();
    let summary = sitrep_pipeline::process(
        vec![Input::Path(path)],
        run,
        &|_| {},
        |batch| -> Result<(), ApiError> {
            ids.extend(batch.iter().map(|a| a.id.clone()));
            total.add(store.ingest(batch)?);
            Ok(())
        },
    )?;
    let clean = |m: &str| m.replace(&format!("{prefix}/"), "");
    let errors: Vec<Value> = summary
        .failures
        .iter()
        .chain(&summary.notices)
        .map(|f| {
            json!({
                "line": source_line(&f.source),
                "code": f.code,
                "message": clean(&f.message),
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
    Ok(Json(json!({
        "ids": ids,
        "errors": errors,
        "duplicates": duplicates,
        "new": total.new,
        "replaced": total.replaced,
        "unchanged": total.unchanged,
        "events_changed": total.events_changed(),
        "events": if total.new + total.replaced + total.unchanged + total.duplicates.len() == 0 {
            store.counts()?.events
        } else {
            total.events
        },
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
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "sitrep API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Conflict events resolved from news articles, with their sources."
        },
        "paths": {
            "/api/health": {"get": {
                "summary": "Liveness and store counts",
                "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": {
                    "type": "object",
                    "properties": {"status": {"type": "string"}, "articles": {"type": "integer"},
                                   "events": {"type": "integer"}}}}}}}
            }},
            "/api/events": {"get": {
                "summary": "A page of events, by date then id",
                "parameters": [
                    q("from", "string", "Earliest date.start, YYYY-MM-DD (inclusive)."),
                    q("to", "string", "Latest date.start, YYYY-MM-DD (inclusive)."),
                    q("type", "string", "ACLED event type or sub-event type."),
                    q("q", "string", "Substring of the title."),
                    q("limit", "integer", "Page size (default 100, at most 1000)."),
                    q("offset", "integer", "Matching events skipped first.")
                ],
                "responses": {
                    "200": {"description": "A page", "content": {"application/json": {"schema": {
                        "type": "object",
                        "properties": {"events": {"type": "array", "items": {"type": "object"}},
                                       "total": {"type": "integer"}, "limit": {"type": "integer"},
                                       "offset": {"type": "integer"}}}}}},
                    "400": err("Malformed query")
                }
            }},
            "/api/events/{id}": {"get": {
                "summary": "One event with its claims, conflicts, evidence and articles",
                "parameters": id_param("event"),
                "responses": {"200": any_obj.clone(), "404": err("No such event")}
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
                    "application/json": {"schema": {"type": "object"}},
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
                    "400": err("Empty or unreadable body"),
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
