//! `nastavnik serve` end to end: the binary prints its address on
//! 127.0.0.1 and serves the page over the folder; a network address is
//! refused (exit 2) until `--set-password` stored a hash.

use std::io::{BufRead, Read, Write};
use std::process::{Child, Command, Stdio};

/// The server, killed by its id when the test ends however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut s = std::net::TcpStream::connect(addr).unwrap_or_else(|e| panic!("{addr}: {e}"));
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_prints_its_loopback_address_and_serves_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("serve")
        .arg(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let at = line
        .find("http://127.0.0.1:")
        .unwrap_or_else(|| panic!("{line}"));
    let addr = line[at + 7..].trim().trim_end_matches('/').to_owned();
    assert!(dir.join("programme.json").is_file(), "the example written");
    let page = get(&addr, "/check");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Итого на"), "{page}");
    // Its stdout was closed after the first line (the reader dropped
    // above): the server goes on serving.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let page = get(&addr, "/tables");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    drop(server);
}

#[test]
fn a_network_address_needs_a_password_first() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let refused = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("serve")
        .arg(&dir)
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(err.contains("--set-password"), "{err}");
    let mut set = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("serve")
        .arg(&dir)
        .arg("--set-password")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    set.stdin
        .take()
        .unwrap()
        .write_all("пароль школы 17\n".as_bytes())
        .unwrap();
    let out = set.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let hash = std::fs::read_to_string(dir.join(".nastavnik-password")).unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains("пароль"));
    // Too short: refused, the stored one kept.
    let mut short = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("serve")
        .arg(&dir)
        .arg("--set-password")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    short.stdin.take().unwrap().write_all(b"abc\n").unwrap();
    let out = short.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("короткий"));
    assert_eq!(
        std::fs::read_to_string(dir.join(".nastavnik-password")).unwrap(),
        hash
    );
}

/// Without LibreOffice the Документы page says so plainly and offers no
/// PDF; a PDF asked for anyway is refused with the same words.
#[test]
fn without_libreoffice_the_page_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("demo");
    let mut child = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("serve")
        .arg(&dir)
        .env("NASTAVNIK_SOFFICE", "")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Server(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .unwrap();
    let at = line.find("http://").unwrap_or_else(|| panic!("{line}"));
    let addr = line[at + 7..].trim().trim_end_matches('/').to_owned();
    let page = get(&addr, "/documents");
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("не найден LibreOffice"), "{page}");
    assert!(!page.contains("id=\"with-pdf\""), "{page}");
    std::fs::create_dir_all(dir.join("packages/2026-01-01")).unwrap();
    let pdf = get(&addr, "/packages/2026-01-01/pdf/order-curator.docx");
    assert!(pdf.starts_with("HTTP/1.1 404"), "no such package: {pdf}");
}
