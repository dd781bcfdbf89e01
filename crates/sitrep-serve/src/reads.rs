//! The read routes: health, events (filtered and paged), one event, the timeline, full-text
//! search, one article, and the live stream of changes.

use crate::error::{internal, ApiError, ApiResult, ErrorCode};
use crate::{raw_json, read, AppState, MAX_LIMIT};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::json;
use sitrep_store::{fts_query, taxonomy_column, BBox, EventFilter, Page, Store};
use std::convert::Infallible;

pub(crate) async fn health(State(state): State<AppState>) -> ApiResult {
    let g = state.refresh_live().await?;
    Ok(Json(json!({
        "status": "ok",
        "articles": g.articles,
        "events": g.events,
        "generation": g.generation,
    })))
}

/// The query of `GET /api/events`.
#[derive(Debug, Deserialize)]
pub(crate) struct EventsQuery {
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

pub(crate) async fn events(
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

pub(crate) async fn timeline(
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
pub(crate) struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

pub(crate) async fn search(
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
pub(crate) async fn live(
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

pub(crate) async fn event(
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

pub(crate) async fn article(State(state): State<AppState>, Path(id): Path<String>) -> ApiResult {
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
