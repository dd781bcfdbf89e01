//! Who may read and write: the bearer token of writes, and of reads when the server is
//! configured so.

use crate::error::{ApiError, ErrorCode};
use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Reads need the token when the server is configured so: as a bearer header, or as
/// `access_token=` in the query (for `EventSource`, which cannot send headers; RFC 6750 §2.3).
pub(crate) async fn read_auth(
    State(state): State<AppState>,
    request: Request,
    next: Next,
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

pub(crate) fn authorized(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
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

/// A browser's write from another site is refused: when the request says which page sent it
/// (`Origin`, which browsers add to every cross-site POST), that page must be served by this
/// server (`Host`). Programs such as curl send no `Origin` and are not affected; a token, when
/// set, is still required of them.
pub(crate) fn same_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("");
    let from = origin
        .split_once("://")
        .map(|(_, rest)| rest.trim_end_matches('/'));
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    match (from, host) {
        (Some(from), Some(host)) if from.eq_ignore_ascii_case(host) => Ok(()),
        _ => Err(ApiError::new(
            ErrorCode::Forbidden,
            format!("writes from another site ({origin}) are refused"),
        )),
    }
}
