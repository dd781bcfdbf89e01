//! `POST /api/articles`: a posted body through the pipeline and into the store.

use crate::auth::{authorized, same_origin};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::{blocking, with_store, AppState};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header;
use axum::Json;
use serde_json::{json, Value};
use sitrep_core::Article;
use sitrep_pipeline::{Input, Pipeline, Summary};
use sitrep_store::{SqliteStore, Store};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// The name the posted body is read under: the source of its articles and of its messages.
const BODY_NAME: &str = "body.json";

/// Articles per store transaction, as `sitrep ingest` batches them.
const INGEST_BATCH: usize = 256;

/// Whether reading a body failed because it passed the limit.
fn over_limit(e: &axum::Error) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if c.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

pub(crate) async fn post_articles(State(state): State<AppState>, request: Request) -> ApiResult {
    let (parts, body) = request.into_parts();
    // Nothing of the body is read before the request is known to be allowed and small enough:
    // a stranger's or an oversized body costs the server no memory and no wait.
    authorized(&state, &parts.headers)?;
    same_origin(&parts.headers)?;
    let limit = state.max_body_bytes;
    let too_large = || {
        ApiError::new(
            ErrorCode::PayloadTooLarge,
            format!("the body is larger than {limit} bytes"),
        )
    };
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(too_large());
    }
    // A body sent slowly, or never finished, is given up after the body timeout.
    let timeout = state.body_timeout;
    let body = tokio::time::timeout(timeout, axum::body::to_bytes(body, limit))
        .await
        .map_err(|_| {
            ApiError::new(
                ErrorCode::Timeout,
                format!(
                    "the body did not arrive within {:.0} s",
                    timeout.as_secs_f64()
                ),
            )
        })?
        .map_err(|e| {
            if over_limit(&e) {
                too_large()
            } else {
                ApiError::new(
                    ErrorCode::BadRequest,
                    format!("the body could not be read: {e}"),
                )
            }
        })?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::new(
            ErrorCode::BadRequest,
            "the body is empty: send a JSON article or JSON Lines",
        ));
    }
    // A bounded queue: past `Config::max_pending_posts` bodies waiting or in the pipeline, a
    // post is answered 503 at once rather than queued without end.
    let slot = Arc::clone(&state.pending)
        .try_acquire_owned()
        .map_err(|_| {
            ApiError::new(
                ErrorCode::Busy,
                "too many posts are being processed; try again shortly",
            )
        })?;
    // A client that goes away cancels what has not been done yet: the handler is dropped,
    // the flag is raised, and the work stops at its next batch, before the store is touched.
    let cancelled = Arc::new(AtomicBool::new(false));
    let _guard = CancelOnDrop(Arc::clone(&cancelled));
    // The pipeline runs outside the store's lock, so posts are processed in parallel and a
    // slow one holds up no other; only the store's own transaction takes turns.
    // The place in the queue is held by the work itself, not by the handler: work left
    // running by a client that went away (up to the pipeline's next batch, or waiting for the
    // store) still counts, so posting and leaving cannot pile up work past the bound.
    let slot = Arc::new(slot);
    let pipeline = Arc::clone(&state.pipeline);
    let flag = Arc::clone(&cancelled);
    let held = Arc::clone(&slot);
    let read = blocking(move || {
        let _slot = held;
        process_body(&pipeline, body, &flag)
    })
    .await?;
    let result = with_store(&state.writer, move |store| {
        let _slot = slot;
        if cancelled.load(Ordering::Relaxed) {
            return Err(ApiError::new(ErrorCode::BadRequest, "the client went away"));
        }
        ingest_read(store, read)
    })
    .await;
    // Live pages see the change now, not at the next poll.
    let _ = state.refresh_live().await;
    result
}

/// Raises its flag when dropped: the request's work is no longer wanted.
struct CancelOnDrop(Arc<AtomicBool>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// A posted body after the pipeline: its articles, and what reading it found.
struct ReadBody {
    articles: Vec<Article>,
    summary: Summary,
}

/// The line of a pipeline failure's source (`body.json:LINE`, `body.json#N` or the body).
fn source_line(source: &str) -> usize {
    let tail = source.rsplit(BODY_NAME).next().unwrap_or("");
    tail.trim_start_matches([':', '#']).parse().unwrap_or(1)
}

/// Run the pipeline over a posted body (no lock held). The body goes through the same reader
/// as `sitrep run` (one object, an array or JSON Lines, and the same fields), from memory.
fn process_body(
    pipeline: &Pipeline,
    body: Bytes,
    cancelled: &AtomicBool,
) -> Result<ReadBody, ApiError> {
    let input = Input::bytes(BODY_NAME, body.as_ref());
    let mut articles = Vec::new();
    let summary = pipeline.process(vec![input], &|_| {}, |batch| -> Result<(), ApiError> {
        if cancelled.load(Ordering::Relaxed) {
            return Err(ApiError::new(ErrorCode::BadRequest, "the client went away"));
        }
        articles.extend(batch);
        Ok(())
    })?;
    Ok(ReadBody { articles, summary })
}

/// Add the articles of a processed body to `store`, a batch at a time as `sitrep ingest` does.
fn ingest_read(store: &mut SqliteStore, read: ReadBody) -> ApiResult {
    let ReadBody {
        mut articles,
        summary,
    } = read;
    let mut ids: Vec<String> = articles.iter().map(|a| a.id.clone()).collect();
    let mut total = sitrep_store::IngestStats::default();
    while !articles.is_empty() {
        let rest = articles.split_off(articles.len().min(INGEST_BATCH));
        total.add(store.ingest(std::mem::replace(&mut articles, rest))?);
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_lines() {
        assert_eq!(source_line("body.json:3"), 3);
        assert_eq!(source_line("body.json#2"), 2);
        assert_eq!(source_line("body.json"), 1);
    }
}
