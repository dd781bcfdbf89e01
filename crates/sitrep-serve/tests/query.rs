//! Querying the store through the API: filters (`bbox`, `actor`, `q`), the timeline, full-text
//! search, live updates, protected reads and the web page's files.

mod common;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{get, send};
use futures_util::StreamExt;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use tower::ServiceExt;

/// Invented reports of three invented events in three countries (real places).
fn articles() -> String {
    [
        json!({
            "id": "kharkiv-wire-1",
            "outlet": "Example Wire",
            "title": "Missile strike hits warehouse in Kharkiv",
            "published": "2025-05-20",
            "text": "A Russian missile struck a warehouse in Kharkiv, Ukraine, on Monday, killing \
                     two people and injuring five, the head of the Kharkiv regional military \
                     administration said on Tuesday."
        }),
        json!({
            "id": "kharkiv-daily-1",
            "outlet": "Example Daily",
            "title": "Two killed as missile hits Kharkiv warehouse",
            "published": "2025-05-20",
            "text": "Two people were killed and five were injured when a Russian missile hit a \
                     warehouse in Kharkiv on Monday, Ukrainian officials said."
        }),
        json!({
            "id": "nairobi-1",
            "outlet": "Example Post",
            "title": "Police fire tear gas at Nairobi protest",
            "published": "2025-06-26",
            "text": "Police fired tear gas at thousands of protesters in Nairobi, Kenya, on \
                     Wednesday as demonstrators marched on parliament against new taxes, \
                     witnesses said."
        }),
        json!({
            "id": "mogadishu-1",
            "outlet": "Example Horn",
            "title": "Al-Shabaab fighters attack army base near Mogadishu",
            "published": "2025-07-03",
            "text": "Al-Shabaab fighters attacked a Somali army base on the outskirts of \
                     Mogadishu, Somalia, on Tuesday, killing four soldiers, a military officer \
                     said."
        }),
    ]
    .iter()
    .map(|a| format!("{a}\n"))
    .collect()
}

fn app(dir: &tempfile::TempDir, token: Option<&str>, auth_reads: bool) -> Router {
    common::app(dir, |c| {
        c.token = token.map(str::to_string);
        c.auth_reads = auth_reads;
    })
}

async fn post(app: &Router, body: String, token: Option<&str>) -> Value {
    let mut req = Request::post("/api/articles");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    let (status, v) = send(app, req.body(Body::from(body)).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{v}");
    v
}

/// The titles of the events `uri` answers, after checking `total` counts them all.
async fn titles(app: &Router, uri: &str) -> BTreeSet<String> {
    let (status, page) = get(app, uri).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {page}");
    let events = page["events"].as_array().unwrap();
    assert_eq!(page["total"], events.len(), "{uri}");
    events
        .iter()
        .map(|e| e["title"].as_str().unwrap().to_string())
        .collect()
}

fn place(titles: &BTreeSet<String>) -> BTreeSet<&str> {
    titles
        .iter()
        .map(|t| {
            ["Kharkiv", "Nairobi", "Mogadishu"]
                .into_iter()
                .find(|p| t.contains(p))
                .unwrap_or(t)
        })
        .collect()
}

fn set<'a>(v: &[&'a str]) -> BTreeSet<&'a str> {
    v.iter().copied().collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_timeline_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, false);
    let r = post(&app, articles(), None).await;
    assert_eq!(r["new"], 4, "{r}");

    let all = titles(&app, "/api/events").await;
    assert_eq!(
        place(&all),
        set(&["Kharkiv", "Mogadishu", "Nairobi"]),
        "{all:?}"
    );
    assert_eq!(all.len(), 3, "{all:?}");

    // A box around eastern Ukraine; one from 100°E eastwards across the antimeridian to 40°E
    // (all but the Horn of Africa); one in the Pacific.
    let ukraine = titles(&app, "/api/events?bbox=30,45,40,55").await;
    assert_eq!(place(&ukraine), set(&["Kharkiv"]));
    let wrapped = titles(&app, "/api/events?bbox=100,-90,40,90").await;
    assert_eq!(place(&wrapped), set(&["Kharkiv", "Nairobi"]));
    assert!(titles(&app, "/api/events?bbox=-170,-10,-150,10")
        .await
        .is_empty());

    let shabaab = titles(&app, "/api/events?actor=shabaab").await;
    assert_eq!(place(&shabaab), set(&["Mogadishu"]));
    assert!(titles(&app, "/api/events?actor=nobody-at-all")
        .await
        .is_empty());

    // `q` searches the articles' text, not only titles: "warehouse" is in no event title.
    let warehouse = titles(&app, "/api/events?q=warehouse").await;
    assert_eq!(place(&warehouse), set(&["Kharkiv"]));
    let taxes = titles(&app, "/api/events?q=parliament%20taxes").await;
    assert_eq!(place(&taxes), set(&["Nairobi"]));
    assert!(titles(&app, "/api/events?q=parliament%20warehouse")
        .await
        .is_empty());
    // ... and the event's own words: its title, its place's region (no article writes
    // "Banaadir") and its actors.
    assert_eq!(
        place(&titles(&app, "/api/events?q=banaadir").await),
        set(&["Mogadishu"])
    );
    assert_eq!(
        place(&titles(&app, "/api/events?q=armed%20clash").await),
        set(&["Mogadishu"])
    );
    // Filters combine.
    assert!(titles(&app, "/api/events?q=warehouse&bbox=40,-5,50,5")
        .await
        .is_empty());
    assert_eq!(
        place(&titles(&app, "/api/events?from=2025-06-01&type=Protests").await),
        set(&["Nairobi"])
    );

    // The timeline counts the same events as the list, per day.
    let (status, tl) = get(&app, "/api/timeline").await;
    assert_eq!(status, StatusCode::OK);
    let days = tl["days"].as_array().unwrap();
    let counted: u64 = days.iter().map(|d| d["events"].as_u64().unwrap()).sum();
    assert_eq!(counted, 3);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
    let (_, tl) = get(&app, "/api/timeline?bbox=30,45,40,55").await;
    assert_eq!(tl["days"].as_array().unwrap().len(), 1, "{tl}");
    assert!(tl["days"][0]["fatalities"].as_f64().unwrap() >= 2.0, "{tl}");

    // Full-text search over articles: both Kharkiv reports, with a snippet and their event.
    let (status, found) = get(&app, "/api/search?q=Warehouse").await;
    assert_eq!(status, StatusCode::OK, "{found}");
    assert_eq!(found["total"], 2, "{found}");
    let hits = found["hits"].as_array().unwrap();
    let ids: BTreeSet<&str> = hits
        .iter()
        .map(|h| h["article"].as_str().unwrap())
        .collect();
    assert_eq!(ids, set(&["kharkiv-daily-1", "kharkiv-wire-1"]));
    for h in hits {
        assert!(h["snippet"].as_str().unwrap().contains("warehouse"), "{h}");
        assert_eq!(h["events"].as_array().unwrap().len(), 1, "{h}");
    }
    // What a person types never breaks the query language.
    let (status, odd) = get(&app, "/api/search?q=%22tear%20gas%22%20(police*-").await;
    assert_eq!(status, StatusCode::OK, "{odd}");
    assert_eq!(odd["hits"][0]["article"], "nairobi-1", "{odd}");
    // A word being typed matches as a prefix.
    let (_, prefix) = get(&app, "/api/search?q=protes").await;
    assert_eq!(prefix["total"], 1, "{prefix}");
    let (status, err) = get(&app, "/api/search?q=%20%21").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(err["error"]["code"], "bad_request");
    let (status, err) = get(&app, "/api/events?bbox=30,45,40").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{err}");
    let (status, _) = get(&app, "/api/events?to=2025-02-30").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "no such day");
    let (status, _) = get(&app, "/api/events?bbox=30,50,40,10").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "south above north");
    // Edges beyond the world (a zoomed-out map) are clamped to it.
    assert_eq!(
        titles(&app, "/api/events?bbox=-540,-100,540,100").await,
        all
    );
    // Types are ACLED's, in any case; another name is an error that lists them.
    assert_eq!(
        place(&titles(&app, "/api/events?type=protest%20with%20INTERVENTION").await),
        set(&["Nairobi"])
    );
    let (status, err) = get(&app, "/api/events?type=Skirmish").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        err["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Armed clash"),
        "{err}"
    );
}

/// Reads one server-sent event (`event:` and `data:` lines up to a blank line) from `body`.
async fn next_sse(
    body: &mut (impl futures_util::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
    buf: &mut String,
) -> (String, Value) {
    loop {
        if let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let mut name = String::new();
            let mut data = String::new();
            for line in block.lines() {
                if let Some(v) = line.strip_prefix("event:") {
                    name = v.trim().to_string();
                } else if let Some(v) = line.strip_prefix("data:") {
                    data.push_str(v.trim());
                }
            }
            if name.is_empty() {
                continue; // a keep-alive comment
            }
            return (name, serde_json::from_str(&data).unwrap());
        }
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(60), body.next())
            .await
            .expect("no server-sent event within a minute")
            .expect("the stream ended")
            .unwrap();
        buf.push_str(std::str::from_utf8(&chunk).unwrap());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn live_updates_follow_ingests() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, false);
    let resp = app
        .clone()
        .oneshot(Request::get("/api/live").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(
        resp.headers()[header::CONTENT_TYPE],
        "text/event-stream",
        "{:?}",
        resp.headers()
    );
    let mut body = resp.into_body().into_data_stream();
    let mut buf = String::new();
    let (name, first) = next_sse(&mut body, &mut buf).await;
    assert_eq!(name, "change");
    assert_eq!(first, json!({"generation": 0, "articles": 0, "events": 0}));

    post(&app, articles(), None).await;
    let (_, second) = next_sse(&mut body, &mut buf).await;
    assert_eq!(second, json!({"generation": 1, "articles": 4, "events": 3}));

    // Posting the same articles writes nothing, so no change is announced; a new one is.
    post(&app, articles(), None).await;
    let extra = json!({
        "id": "kharkiv-third-1",
        "outlet": "Example Third",
        "published": "2025-05-21",
        "text": "Rescuers in Kharkiv, Ukraine, finished clearing the warehouse that a Russian \
                 missile struck on Monday, killing two people, the city's mayor said."
    });
    post(&app, format!("{extra}\n"), None).await;
    let (_, third) = next_sse(&mut body, &mut buf).await;
    assert_eq!(third["generation"], 2, "{third}");
    assert_eq!(third["articles"], 5, "{third}");

    // Another process ingesting into the same file (`sitrep ingest`): the server sees it at
    // its next look at the store (`serve` looks every LIVE_POLL; `/api/health` looks too).
    let file = dir.path().join("other.jsonl");
    let other = json!({
        "id": "kharkiv-fourth-1",
        "outlet": "Example Fourth",
        "published": "2025-05-22",
        "text": "A drone struck a bus depot in Odesa, Ukraine, on Thursday, injuring three \
                 people, the regional governor said."
    });
    std::fs::write(&file, format!("{other}\n")).unwrap();
    let mut store = sitrep_store::SqliteStore::open(dir.path().join("events.db")).unwrap();
    common::pipeline()
        .process(
            vec![sitrep_pipeline::Input::Path(file)],
            &|_| {},
            |batch: Vec<sitrep_core::Article>| -> Result<(), sitrep_pipeline::PipelineError> {
                sitrep_store::Store::ingest(&mut store, batch).unwrap();
                Ok(())
            },
        )
        .unwrap();
    let (_, health) = get(&app, "/api/health").await;
    assert_eq!(health["generation"], 3, "{health}");
    let (_, fourth) = next_sse(&mut body, &mut buf).await;
    assert_eq!(fourth["generation"], 3, "{fourth}");
    assert_eq!(fourth["articles"], 6, "{fourth}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reads_can_need_the_token() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, Some("s3cret"), true);
    post(&app, articles(), Some("s3cret")).await;

    for uri in [
        "/api/events",
        "/api/timeline",
        "/api/search?q=warehouse",
        "/api/articles/nairobi-1",
        "/api/live",
        "/api/openapi.json",
    ] {
        let (status, err) = get(&app, uri).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(err["error"]["code"], "unauthorized", "{uri}");
        let (status, _) = get(
            &app,
            &format!(
                "{uri}{}access_token=wrong",
                if uri.contains('?') { "&" } else { "?" }
            ),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
    }
    let bearer = Request::get("/api/events")
        .header(header::AUTHORIZATION, "Bearer s3cret")
        .body(Body::empty())
        .unwrap();
    let (status, page) = send(&app, bearer).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page["total"], 3);
    let (status, article) = get(&app, "/api/articles/nairobi-1?access_token=s3cret").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(article["id"], "nairobi-1");
    // Liveness stays open, and so does the page, which asks for the token itself.
    assert_eq!(get(&app, "/api/health").await.0, StatusCode::OK);
    let resp = app
        .clone()
        .oneshot(Request::get("/").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);

    // Without `auth_reads`, the token guards writes only.
    let dir = tempfile::tempdir().unwrap();
    let open = self::app(&dir, Some("s3cret"), false);
    assert_eq!(get(&open, "/api/events").await.0, StatusCode::OK);
}

#[tokio::test]
async fn the_page_and_its_map_are_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, false);
    let fetch = |uri: &'static str| {
        let app = app.clone();
        async move {
            let resp = app
                .oneshot(Request::get(uri).body(Body::empty()).unwrap())
                .await
                .unwrap();
            let headers = resp.headers().clone();
            let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
                .await
                .unwrap();
            (headers, String::from_utf8(body.to_vec()).unwrap())
        }
    };
    let (h, html) = fetch("/").await;
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    // The page may load nothing from elsewhere.
    let csp = h[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(csp.contains("default-src 'self'"), "{csp}");
    for asset in ["/app.js", "/app.css"] {
        assert!(html.contains(asset), "the page does not load {asset}");
    }
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    let (h, js) = fetch("/app.js").await;
    assert!(h[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/javascript"));
    assert!(js.contains("/api/events"));
    let (_, world) = fetch("/world.json").await;
    let world: Value = serde_json::from_str(&world).unwrap();
    assert_eq!(world["type"], "Topology");
    let countries = world["objects"]["countries"]["geometries"]
        .as_array()
        .unwrap();
    assert!(countries.len() > 200, "{} countries", countries.len());
    assert!(countries.iter().any(|c| c["properties"]["name"] == "Kenya"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_merged_event_redirects_to_its_successor() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(&dir, None, false);
    let lines: Vec<String> = articles().lines().map(str::to_string).collect();
    // One report of the Kharkiv strike, then the other: the event is anchored on the first
    // by ids, so it gets a new id when the second arrives.
    post(&app, format!("{}\n", lines[0]), None).await;
    let (_, page) = get(&app, "/api/events").await;
    let first = page["events"][0]["id"].as_str().unwrap().to_string();
    post(&app, format!("{}\n", lines[1]), None).await;
    let (_, page) = get(&app, "/api/events").await;
    assert_eq!(page["total"], 1, "{page}");
    let merged = page["events"][0]["id"].as_str().unwrap().to_string();
    assert_ne!(first, merged, "the anchor did not change: nothing to test");

    let resp = app
        .clone()
        .oneshot(
            Request::get(format!("/api/events/{first}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::MOVED_PERMANENTLY);
    assert_eq!(
        resp.headers()[header::LOCATION],
        format!("/api/events/{merged}").as_str()
    );
    let (status, _) = get(&app, &format!("/api/events/{merged}")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get(&app, "/api/events/ev-000000000000").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
