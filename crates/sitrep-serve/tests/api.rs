//! The API driven in process (no sockets) through `tower::ServiceExt::oneshot`.

mod common;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{get, send};
use serde_json::{json, Value};

/// Two invented reports of one invented strike (real places, invented text).
fn articles() -> String {
    let a = json!({
        "id": "kharkiv-wire-1",
        "url": "https://wire.example/2025/05/20/kharkiv-strike",
        "outlet": "Example Wire",
        "title": "Missile strike hits warehouse in Kharkiv",
        "published": "2025-05-20",
        "text": "A Russian missile struck a warehouse in Kharkiv, Ukraine, on Monday, killing two \
                 people and injuring five, the head of the Kharkiv regional military \
                 administration said on Tuesday.\n\nFirefighters put out the blaze by the \
                 morning, officials said. Russia's defence ministry did not comment on the strike."
    });
    let b = json!({
        "id": "kharkiv-daily-1",
        "url": "https://daily.example/news/kharkiv-warehouse",
        "outlet": "Example Daily",
        "title": "Two killed as missile hits Kharkiv warehouse",
        "published": "2025-05-20",
        "text": "Two people were killed and five were injured when a Russian missile hit a \
                 warehouse in Kharkiv on Monday, Ukrainian officials said.\n\nThe regional \
                 governor said rescue crews worked through the night at the site in the city \
                 of Kharkiv in north-eastern Ukraine."
    });
    format!("{a}\n{b}\n")
}

fn app(dir: &tempfile::TempDir, token: Option<&str>, max_body: usize) -> Router {
    common::app(dir, |c| {
        c.token = token.map(str::to_string);
        c.max_body_bytes = max_body;
    })
}

async fn post(app: &Router, body: String, token: Option<&str>) -> (StatusCode, Value) {
    let mut req =
        Request::post("/api/articles").header(header::CONTENT_TYPE, "application/x-ndjson");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    send(app, req.body(Body::from(body)).unwrap()).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_query_and_reingest() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("s3cret"), 1 << 20);

    let (status, health) = get(&app, "/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        health,
        json!({"status": "ok", "articles": 0, "events": 0, "generation": 0})
    );

    let (status, r) = post(&app, articles(), Some("s3cret")).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(
        r["ids"],
        json!(["kharkiv-wire-1", "kharkiv-daily-1"]),
        "{r}"
    );
    assert_eq!(r["errors"], json!([]), "{r}");
    assert!(r["events_changed"].as_u64().unwrap() >= 1, "{r}");

    let (status, page) = get(&app, "/api/events").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 1, "{page}");
    let events = page["events"].as_array().unwrap();
    assert_eq!(events.len(), 1, "{page}");
    let mut arts: Vec<&str> = events[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    arts.sort();
    assert_eq!(arts, ["kharkiv-daily-1", "kharkiv-wire-1"], "{page}");
    let id = events[0]["id"].as_str().unwrap().to_string();

    let (status, ev) = get(&app, &format!("/api/events/{id}")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ev["id"], id.as_str());
    assert!(!ev["claims"].as_array().unwrap().is_empty(), "{ev}");
    assert!(ev.get("conflicts").is_some(), "{ev}");

    let (status, a) = get(&app, "/api/articles/kharkiv-wire-1").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(a["id"], "kharkiv-wire-1");
    assert_eq!(a["main_event"], id.as_str(), "{a}");

    let (_, health) = get(&app, "/api/health").await;
    assert_eq!(
        health,
        json!({"status": "ok", "articles": 2, "events": 1, "generation": 1})
    );

    // Filters.
    let (_, p) = get(&app, "/api/events?from=2025-05-01&to=2025-05-31&q=KHARKIV").await;
    assert_eq!(p["total"], 1, "{p}");
    let (_, p) = get(&app, "/api/events?from=2025-06-01").await;
    assert_eq!(p["total"], 0, "{p}");
    let ty = ev["event_type"].as_str().unwrap();
    let (_, p) = get(
        &app,
        &format!(
            "/api/events?type={}",
            ty.replace(' ', "%20").replace('/', "%2F")
        ),
    )
    .await;
    assert_eq!(p["total"], 1, "{p}");
    let (_, p) = get(&app, "/api/events?type=Protests").await;
    assert_eq!(p["total"], 0, "{p}");
    let (_, p) = get(&app, "/api/events?limit=1&offset=1").await;
    assert_eq!(
        (p["total"].as_u64(), p["events"].as_array().unwrap().len()),
        (Some(1), 0)
    );
    let (status, p) = get(&app, "/api/events?from=May").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(p["error"]["code"], "bad_request");
    let (status, p) = get(&app, "/api/events?limit=many").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(p["error"]["code"], "bad_request");

    // The same again changes nothing.
    let (status, r) = post(&app, articles(), Some("s3cret")).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["events_changed"], 0, "{r}");
    assert_eq!(r["unchanged"], 2, "{r}");
    let (_, page2) = get(&app, "/api/events").await;
    assert_eq!(page2, page);
}

#[tokio::test]
async fn errors_are_json() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("s3cret"), 1024);

    for token in [None, Some("wrong")] {
        let (status, r) = post(&app, articles(), token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        assert_eq!(r["error"]["code"], "unauthorized", "{r}");
    }
    let (_, health) = get(&app, "/api/health").await;
    assert_eq!(health["articles"], 0);

    for uri in [
        "/api/events/nope",
        "/api/articles/nope",
        "/api/nothing-here",
    ] {
        let (status, r) = get(&app, uri).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(r["error"]["code"], "not_found", "{uri}: {r}");
        assert!(r["error"]["message"].is_string());
    }

    let big = "x".repeat(4096);
    let (status, r) = post(&app, big, Some("s3cret")).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r["error"]["code"], "payload_too_large", "{r}");

    let (status, r) = send(
        &app,
        Request::delete("/api/health").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r["error"]["code"], "method_not_allowed");
}

/// A POST whose body never comes: the answer must not wait for it.
fn endless(
    content_length: Option<u64>,
    token: Option<&str>,
    origin: Option<&str>,
) -> Request<Body> {
    let stream = futures_util::stream::pending::<Result<Vec<u8>, std::io::Error>>();
    let mut req = Request::post("/api/articles").header(header::HOST, "sitrep.test:8080");
    if let Some(n) = content_length {
        req = req.header(header::CONTENT_LENGTH, n);
    }
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    if let Some(o) = origin {
        req = req.header(header::ORIGIN, o);
    }
    req.body(Body::from_stream(stream)).unwrap()
}

#[tokio::test]
async fn writes_are_refused_before_their_body_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("s3cret"), 1024);
    let quick = |req| async {
        tokio::time::timeout(std::time::Duration::from_secs(10), send(&app, req))
            .await
            .expect("answered without reading the body")
    };
    let (status, r) = quick(endless(Some(999_999_999_999), None, None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{r}");
    let (status, r) = quick(endless(Some(999_999_999_999), Some("s3cret"), None)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{r}");
    assert_eq!(r["error"]["code"], "payload_too_large", "{r}");
    // A browser page of another site may not write, whatever it sends.
    let other = Some("https://elsewhere.example");
    let (status, r) = quick(endless(Some(10), Some("s3cret"), other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{r}");
    assert_eq!(r["error"]["code"], "forbidden", "{r}");
    // The server's own page may.
    let req = Request::post("/api/articles")
        .header(header::HOST, "sitrep.test:8080")
        .header(header::ORIGIN, "http://sitrep.test:8080")
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::from("[null]"))
        .unwrap();
    let (status, r) = quick(req).await;
    assert_eq!(
        status,
        StatusCode::BAD_REQUEST,
        "read and found no article: {r}"
    );
    let (_, health) = get(&app, "/api/health").await;
    assert_eq!(health["articles"], 0);
}

#[tokio::test]
async fn bad_lines_are_reported_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, 1 << 20);
    let body = format!("{}{{not json\n{{\"id\": \"x\"}}\n", articles());
    let (status, r) = post(&app, body, None).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["ids"].as_array().unwrap().len(), 2, "{r}");
    let lines: Vec<u64> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4], "{r}");
    assert!(!r.to_string().contains("/tmp"), "{r}");
    // A body with no readable article at all is a bad request, saying why.
    let (status, r) = post(&app, "[null, null]".to_string(), None).await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{r}");
    assert_eq!(r["error"]["code"], "bad_request");
    let message = r["error"]["message"].as_str().unwrap();
    assert!(
        message.contains("2 problems") && message.contains("line 1"),
        "{message}"
    );
    assert!(!message.contains("/tmp"), "{message}");
}

#[tokio::test]
async fn openapi_lists_the_paths() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, 1024);
    let (status, doc) = get(&app, "/api/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    for p in [
        "/api/health",
        "/api/events",
        "/api/events/{id}",
        "/api/timeline",
        "/api/search",
        "/api/live",
        "/api/articles",
        "/api/articles/{id}",
        "/api/openapi.json",
    ] {
        assert!(doc["paths"].get(p).is_some(), "{p}");
    }
    let params: Vec<&str> = doc["paths"]["/api/events"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for name in [
        "from", "to", "type", "actor", "bbox", "q", "limit", "offset",
    ] {
        assert!(params.contains(&name), "{name} missing from {params:?}");
    }
}

/// The seed articles posted through the API become their two attacks — the 2022 depot
/// strike and the 2023 raid — with their claims and the depot strike's injuries in dispute;
/// posting them again changes nothing. Skipped where `../shared` is absent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn seeds_through_the_api() {
    let seeds =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(meta) = std::fs::read_to_string(seeds.join("meta.jsonl")) else {
        eprintln!("../shared absent: skipped");
        return;
    };
    let mut body = String::new();
    for line in meta.lines() {
        let m: Value = serde_json::from_str(line).unwrap();
        let file = m["file"].as_str().unwrap();
        let text = std::fs::read_to_string(seeds.join(file)).unwrap();
        let a = json!({
            "id": file.trim_end_matches(".txt"),
            "published": m["published"],
            "outlet": m["outlet"],
            "url": m["url"],
            "text": text,
        });
        body.push_str(&a.to_string());
        body.push('\n');
    }
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, 16 << 20);
    let (status, r) = post(&app, body.clone(), None).await;
    assert_eq!(status, StatusCode::OK, "{r}");
    assert_eq!(r["ids"].as_array().unwrap().len(), 5, "{r}");

    // Every article's main event, through the API.
    let mut main_of = std::collections::HashMap::new();
    for id in r["ids"].as_array().unwrap() {
        let id = id.as_str().unwrap();
        let (status, a) = get(&app, &format!("/api/articles/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        main_of.insert(
            id[..3].to_string(),
            a["main_event"].as_str().unwrap().to_string(),
        );
    }
    assert_eq!(main_of["000"], main_of["003"]);
    assert_eq!(main_of["001"], main_of["002"]);
    assert_eq!(main_of["001"], main_of["004"]);
    assert_ne!(main_of["000"], main_of["001"]);

    let (_, depot) = get(&app, &format!("/api/events/{}", main_of["000"])).await;
    assert_eq!(depot["date"]["start"], "2022-04-01");
    assert!(depot["claims"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["slot"] == "injured"));
    assert!(depot["conflicts"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["slot"] == "injured"));
    let (_, raid) = get(&app, &format!("/api/events/{}", main_of["001"])).await;
    assert_eq!(raid["date"]["start"], "2023-05-22");
    assert_eq!(raid["event_type"], "Battles");

    // The two attacks are in the event list.
    let (_, page) = get(&app, "/api/events?limit=100").await;
    let ids: Vec<&str> = page["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&main_of["000"].as_str()) && ids.contains(&main_of["001"].as_str()));

    // Posting them again changes nothing.
    let (status, again) = post(&app, body, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["events_changed"], 0, "{again}");
    assert_eq!(again["unchanged"], 5, "{again}");
    let (_, page2) = get(&app, "/api/events?limit=100").await;
    assert_eq!(page, page2);
}
