//! The analyst's web page, built into the binary: `GET /` and its assets.
//!
//! The page is plain HTML, CSS and JavaScript with no build step and no network: the map draws
//! Natural Earth country outlines (1:50m, the TopoJSON of the npm package `world-atlas`, fetched
//! once by `scripts/web/world-atlas.sh`) from `/world.json`, and all data comes from the API.

use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

const INDEX_HTML: &str = include_str!("../web/index.html");
const APP_JS: &str = include_str!("../web/app.js");
const APP_CSS: &str = include_str!("../web/app.css");
const WORLD_JSON: &str = include_str!("../web/countries-50m.json");

/// The environment variable that, when set to a folder, serves the page's files from it instead
/// of the built-in copies (for working on the page without rebuilding).
pub const WEB_DIR_ENV: &str = "SITREP_WEB_DIR";

fn asset(body: &'static str, content_type: &'static str) -> Response {
    let name = match content_type.split(';').next() {
        Some("text/html") => "index.html",
        Some("text/javascript") => "app.js",
        Some("text/css") => "app.css",
        _ => "countries-50m.json",
    };
    let mut resp = match std::env::var_os(WEB_DIR_ENV) {
        Some(dir) => match std::fs::read_to_string(std::path::Path::new(&dir).join(name)) {
            Ok(text) => text.into_response(),
            Err(_) => body.into_response(),
        },
        None => body.into_response(),
    };
    let headers = resp.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    // The assets change only with the binary; a reload after an upgrade revalidates.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    resp
}

pub(crate) async fn index() -> Response {
    let mut resp = asset(INDEX_HTML, "text/html; charset=utf-8");
    // Everything the page loads comes from this server.
    resp.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
             connect-src 'self'; frame-ancestors 'none'",
        ),
    );
    resp
}

pub(crate) async fn app_js() -> Response {
    asset(APP_JS, "text/javascript; charset=utf-8")
}

pub(crate) async fn app_css() -> Response {
    asset(APP_CSS, "text/css; charset=utf-8")
}

pub(crate) async fn world() -> Response {
    asset(WORLD_JSON, "application/json")
}
