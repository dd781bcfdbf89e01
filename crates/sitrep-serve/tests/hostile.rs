//! The server against clients that misbehave, over real sockets: half-sent requests and idle
//! connections are dropped after their timeout, connections past the cap are closed, requests
//! that are too long get JSON errors, a full queue answers 503, and a client that goes away
//! stores nothing. Time bounds are generous (a loaded CI machine): "within a few times the
//! timeout", never a tight target.

use serde_json::Value;
use sitrep_pipeline::{Options, Pipeline};
use sitrep_serve::Config;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// A server on a free port with `config`, running on its own thread for the rest of the test
/// process.
fn start(dir: &tempfile::TempDir, tune: impl FnOnce(&mut Config)) -> SocketAddr {
    let mut config = Config::new(dir.path().join("events.db"));
    tune(&mut config);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let pipeline = Pipeline::new(Options {
            threads: Some(2),
            ..Options::default()
        })
        .unwrap();
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(sitrep_serve::serve(&config, pipeline, "127.0.0.1:0", |a| {
            tx.send(a).unwrap()
        }))
        .unwrap();
    });
    rx.recv_timeout(Duration::from_secs(120)).unwrap()
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    s
}

/// Everything the server sends until it closes the connection.
fn read_all(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let _ = s.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Send one request and read the response (the request asks to close the connection).
fn exchange(addr: SocketAddr, request: &[u8]) -> (u16, Value) {
    let mut s = connect(addr);
    s.write_all(request).unwrap();
    let text = read_all(&mut s);
    let status: u16 = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    (status, serde_json::from_str(body).unwrap_or(Value::Null))
}

fn post(addr: SocketAddr, body: &str) -> (u16, Value) {
    let request = format!(
        "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    exchange(addr, request.as_bytes())
}

fn health(addr: SocketAddr) -> Value {
    let (status, body) = exchange(
        addr,
        b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(status, 200);
    body
}

/// Seconds until the server closes `s` (which has sent what it will send).
fn closed_after(s: &mut TcpStream) -> (f64, String) {
    let t = Instant::now();
    let text = read_all(s);
    (t.elapsed().as_secs_f64(), text)
}

#[test]
fn half_sent_and_idle_connections_are_dropped_after_their_timeouts() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(&dir, |c| {
        c.header_timeout = Duration::from_secs(1);
        c.body_timeout = Duration::from_secs(1);
    });
    // Headers never finished.
    let mut s = connect(addr);
    s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let (secs, _) = closed_after(&mut s);
    assert!((0.5..20.0).contains(&secs), "closed after {secs} s");

    // Nothing sent at all.
    let mut s = connect(addr);
    let (secs, text) = closed_after(&mut s);
    assert!((0.5..20.0).contains(&secs), "closed after {secs} s");
    assert!(text.is_empty(), "{text}");

    // Headers in, the body short of its Content-Length: 408, JSON, and the connection closed.
    let mut s = connect(addr);
    s.write_all(
        b"POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 100\r\n\r\n{\"text\": ",
    )
    .unwrap();
    let (secs, text) = closed_after(&mut s);
    assert!((0.5..20.0).contains(&secs), "closed after {secs} s");
    assert!(text.starts_with("HTTP/1.1 408"), "{text}");
    assert!(text.contains("\"code\":\"timeout\""), "{text}");

    // The server still answers.
    assert_eq!(health(addr)["status"], "ok");
}

/// Whether the server still holds `s` open (it has sent nothing and not closed it).
fn still_open(s: &TcpStream) -> bool {
    s.set_nonblocking(true).unwrap();
    let mut byte = [0u8; 1];
    let open = matches!(s.peek(&mut byte), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock);
    s.set_nonblocking(false).unwrap();
    open
}

#[test]
fn connections_past_the_cap_are_closed_and_the_server_recovers() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(&dir, |c| {
        c.max_connections = 2;
        c.header_timeout = Duration::from_secs(30);
    });
    assert_eq!(health(addr)["status"], "ok");
    // Two idle connections hold both places. The health check's place is given back only
    // after its client has read the response, so an idle connection opened in that moment may
    // be turned away: open them again until the server holds both.
    let t = Instant::now();
    let idle: Vec<TcpStream> = loop {
        let idle: Vec<TcpStream> = (0..2).map(|_| connect(addr)).collect();
        std::thread::sleep(Duration::from_millis(500));
        if idle.iter().all(still_open) {
            break idle;
        }
        assert!(
            t.elapsed() < Duration::from_secs(20),
            "idle connections never held"
        );
    };
    let mut third = connect(addr);
    let _ = third.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n");
    let (secs, text) = closed_after(&mut third);
    assert!(text.is_empty(), "a third connection was served: {text}");
    assert!(secs < 10.0, "closed after {secs} s");
    drop(idle);
    let t = Instant::now();
    loop {
        let mut s = connect(addr);
        s.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        if read_all(&mut s).starts_with("HTTP/1.1 200") {
            break;
        }
        assert!(t.elapsed() < Duration::from_secs(20), "never recovered");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn requests_too_long_and_unknown_paths_get_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(&dir, |_| {});
    let long_path = format!(
        "GET /api/events?q={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        "a".repeat(sitrep_serve::MAX_URI_BYTES)
    );
    let (status, body) = exchange(addr, long_path.as_bytes());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (414, Some("uri_too_long"))
    );

    let big_header = format!(
        "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Padding: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(sitrep_serve::MAX_HEADER_BYTES)
    );
    let (status, body) = exchange(addr, big_header.as_bytes());
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (431, Some("headers_too_large"))
    );

    let (status, body) = exchange(
        addr,
        b"GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("not_found"))
    );
    let (status, body) = exchange(
        addr,
        b"DELETE /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (405, Some("method_not_allowed"))
    );
}

/// A body that keeps the pipeline busy for a while: many distinct articles of ordinary news
/// text (distinct, so that none is dropped as a duplicate before the pipeline).
fn heavy_body() -> String {
    const TOWNS: [&str; 8] = [
        "Kharkiv",
        "Mosul",
        "Peshawar",
        "Goma",
        "Maiduguri",
        "Aleppo",
        "Kandahar",
        "Mogadishu",
    ];
    const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    (0..600)
        .map(|i| {
            let text: String = (0..40)
                .map(|k| {
                    format!(
                        "Gunmen attacked police checkpoint {i}-{k} near {} on {}, killing {} \
                         officers and wounding {} civilians, the governor said. ",
                        TOWNS[(i + k) % TOWNS.len()],
                        WEEKDAYS[(i * 7 + k) % WEEKDAYS.len()],
                        (i + k) % 9 + 1,
                        (i * 3 + k) % 11 + 2,
                    )
                })
                .collect();
            serde_json::json!({"id": format!("heavy-{i}"), "text": text}).to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_full_queue_answers_busy_and_a_client_that_leaves_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start(&dir, |c| c.max_pending_posts = 1);
    let heavy = heavy_body();

    // A client sends a heavy post and goes away while it is in the pipeline.
    let mut leaver = connect(addr);
    let request = format!(
        "POST /api/articles HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\n\r\n{heavy}",
        heavy.len()
    );
    leaver.write_all(request.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    // Meanwhile the one place in the queue is taken: another post is turned away at once.
    let (status, body) = post(addr, r#"{"id": "small", "text": "Shelling hit a school."}"#);
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (503, Some("busy"))
    );
    drop(leaver);

    // Once the queue is free again posts go through; the leaver's articles never arrive.
    let t = Instant::now();
    loop {
        let (status, _) = post(
            addr,
            r#"{"id": "small", "text": "Shelling hit a school in the north on Monday, officials said."}"#,
        );
        if status == 200 {
            break;
        }
        assert_eq!(status, 503);
        assert!(
            t.elapsed() < Duration::from_secs(300),
            "the queue never freed"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(
        health(addr)["articles"],
        1,
        "only the small article is stored"
    );
}
