//! `POST /api/articles`: a posted body through the pipeline and into the store.

use crate::auth::{authorized, same_origin};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::{with_store, AppState};
use axum::body::Bytes;
use axum::extract::{Request, State};
use axum::http::header;
use axum::Json;
use serde_json::{json, Value};
use sitrep_pipeline::{Input, Pipeline};
use sitrep_store::{SqliteStore, Store};
use std::sync::Arc;

/// The name the posted body is read under: the source of its articles and of its messages.
const BODY_NAME: &str = "body.json";

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
    let body = axum::body::to_bytes(body, limit).await.map_err(|e| {
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
