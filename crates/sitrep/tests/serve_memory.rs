//! `sitrep serve --kb FILE` builds its pipeline, and loads the knowledge base, once: resident
//! memory stays flat over 100 posts (it used to grow by the size of a knowledge base with
//! every post). Linux only: memory is read from `/proc/PID/status`.

#![cfg(target_os = "linux")]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

/// Resident memory of `pid`, in MiB.
fn rss_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let kib: u64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .expect("VmRSS in /proc/PID/status");
    kib / 1024
}

/// POST `body` to `/api/articles`; the status line.
fn post(addr: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "POST /api/articles HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    s.read_to_string(&mut response).unwrap();
    response.lines().next().unwrap_or("").to_string()
}

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_with_a_knowledge_base_file_keeps_a_flat_memory_over_100_posts() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb.tsv.gz");
    std::fs::write(&kb, sitrep_kb::Kb::embedded_bytes()).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_sitrep"))
        .args(["serve", "--addr", "127.0.0.1:0", "-j", "1", "--db"])
        .arg(dir.path().join("events.db"))
        .arg("--kb")
        .arg(&kb)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let server = Server(child);
    // "sitrep: serving DB on http://ADDR/ (...)"
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    let pid = server.0.id();
    let mut after_warm_up = 0;
    for i in 1..=100 {
        let body = format!(
            "{{\"id\": \"post-{i}\", \"published\": \"2025-03-{:02}\", \"text\": \"Shelling hit \
             a school in Testville on Monday, killing {} people and injuring {} more, the \
             mayor said.\"}}",
            i % 28 + 1,
            i % 7 + 1,
            i % 5 + 2
        );
        let status = post(&addr, &body);
        assert!(status.contains(" 200 "), "post {i}: {status}");
        if i == 5 {
            after_warm_up = rss_mib(pid);
        }
    }
    let last = rss_mib(pid);
    eprintln!("resident memory: {after_warm_up} MiB after 5 posts, {last} MiB after 100");
    assert!(
        last < after_warm_up + 40,
        "memory grew from {after_warm_up} MiB to {last} MiB over 95 posts"
    );
}
