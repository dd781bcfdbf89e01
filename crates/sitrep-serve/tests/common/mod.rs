//! What the API tests share: a router over a store in a temporary folder, and requests sent
//! to it in process (no sockets) through `tower::ServiceExt::oneshot`.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::Router;
use serde_json::Value;
use sitrep_pipeline::{Options, Pipeline};
use sitrep_serve::{router, AppState, Config};
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

/// One pipeline (one thread) for every server of the test binary, as one server keeps one.
pub fn pipeline() -> Arc<Pipeline> {
    static P: OnceLock<Arc<Pipeline>> = OnceLock::new();
    let p = P.get_or_init(|| {
        let opts = Options {
            threads: Some(1),
            ..Options::default()
        };
        Arc::new(Pipeline::new(opts).unwrap())
    });
    Arc::clone(p)
}

/// The router over `DIR/events.db`, `config` adjusted by `set`.
pub fn app(dir: &tempfile::TempDir, set: impl FnOnce(&mut Config)) -> Router {
    let mut config = Config::new(dir.path().join("events.db"));
    set(&mut config);
    router(AppState::open(&config, pipeline()).unwrap())
}

/// Send `req`; the status and the JSON body (a body that is not JSON fails the test).
pub async fn send(app: &Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    let v = serde_json::from_slice(&bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&bytes)));
    (status, v)
}

/// `GET uri`.
pub async fn get(app: &Router, uri: &str) -> (StatusCode, Value) {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}
