//! `generate --pdf`: a PDF/A-2b of every document through LibreOffice
//! (required by the tests, `.ci/setup` installs it), listed in
//! manifest.json with its sha256, replaced by `--force` like the
//! documents. Without LibreOffice, with one that hangs or one that writes
//! nothing: refused in Russian, exit 2, `--out` never created, the hung
//! process killed within the time limit.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn nastavnik(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nastavnik"));
    cmd.args(args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run nastavnik")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn school(tmp: &Path) -> String {
    let dir = tmp.join("school");
    let out = nastavnik(&["init", dir.to_str().expect("path")], &[]);
    assert_eq!(out.status.code(), Some(0));
    dir.display().to_string()
}

#[test]
fn generate_pdf_writes_a_pdf_a_of_every_document_in_the_package() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = school(tmp.path());
    let out = tmp.path().join("out");
    let o = out.to_str().expect("path");
    let only = "order-curator,plan-001,consent-parent-001";
    let run = nastavnik(
        &["generate", &dir, "--out", o, "--only", only, "--pdf"],
        &[],
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(text(&run.stdout).contains("PDF (PDF/A-2b, LibreOffice): 3"));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("JSON");
    let pdfs = manifest["pdfs"].as_array().expect("pdfs listed");
    assert_eq!(pdfs.len(), 3);
    for p in pdfs {
        let file = p["file"].as_str().expect("file");
        let bytes = std::fs::read(out.join(file)).expect(file);
        assert!(bytes.starts_with(b"%PDF-"), "{file}");
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(p["sha256"].as_str(), Some(sha.as_str()), "{file}");
        // PDF/A-2b: the XMP metadata says part 2, conformance B.
        let raw = String::from_utf8_lossy(&bytes);
        assert!(
            raw.contains("<pdfaid:part>2</pdfaid:part>") || raw.contains("pdfaid:part=\"2\""),
            "{file} is PDF/A-2"
        );
        let words = Command::new("pdftotext")
            .arg(out.join(file))
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) is installed: run .ci/setup");
        assert!(
            text(&words.stdout).contains("№ 17"),
            "{file}: {}",
            text(&words.stdout)
        );
    }
    // `--only ID --force` without --pdf over a package with PDFs would
    // leave one document without its PDF: refused, nothing changes.
    let before: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").path())
        .map(|p| (p.clone(), std::fs::read(&p).expect("file")))
        .collect();
    let mixed = nastavnik(
        &[
            "generate", &dir, "--out", o, "--only", "plan-001", "--force",
        ],
        &[],
    );
    assert_eq!(mixed.status.code(), Some(2), "{}", text(&mixed.stderr));
    assert!(
        text(&mixed.stderr).contains("сформирован с PDF (--pdf), а этот запуск — без"),
        "{}",
        text(&mixed.stderr)
    );
    for (path, bytes) in &before {
        assert_eq!(&std::fs::read(path).expect("kept"), bytes, "{path:?}");
    }
    // With --pdf it replaces only that document and its PDF: the others
    // and their PDFs are kept (unchanged, so their PDFs still match), and
    // the manifest lists exactly what the folder holds.
    let again = nastavnik(
        &[
            "generate", &dir, "--out", o, "--only", "plan-001", "--force", "--pdf",
        ],
        &[],
    );
    assert_eq!(again.status.code(), Some(0), "{}", text(&again.stderr));
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "consent-parent-001.docx",
            "consent-parent-001.pdf",
            "manifest.json",
            "order-curator.docx",
            "order-curator.pdf",
            "plan-001.docx",
            "plan-001.pdf"
        ]
    );
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("manifest.json")).expect("manifest"))
            .expect("JSON");
    let mut listed: Vec<String> = ["documents", "pdfs"]
        .iter()
        .flat_map(|k| manifest[*k].as_array().cloned().unwrap_or_default())
        .filter_map(|d| d["file"].as_str().map(str::to_owned))
        .collect();
    listed.push("manifest.json".into());
    listed.sort();
    assert_eq!(listed, left, "the manifest lists what the folder holds");
}

#[test]
fn without_a_working_libreoffice_nothing_is_written() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = school(tmp.path());
    let out = tmp.path().join("out");
    let o = out.to_str().expect("path");
    let args = [
        "generate",
        &dir,
        "--out",
        o,
        "--only",
        "order-curator",
        "--pdf",
    ];

    // Not installed.
    let run = nastavnik(&args, &[("NASTAVNIK_SOFFICE", "")]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("не найден LibreOffice"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.exists());

    // One that hangs: killed at the limit, with its children.
    let hung = tmp.path().join("soffice-hung");
    let pid_file = tmp.path().join("child.pid");
    std::fs::write(
        &hung,
        format!(
            "#!/bin/sh\nsleep 300 &\necho $! > {}\nwait\n",
            pid_file.display()
        ),
    )
    .expect("script");
    make_executable(&hung);
    let start = Instant::now();
    let run = nastavnik(
        &args,
        &[
            ("NASTAVNIK_SOFFICE", hung.to_str().expect("path")),
            ("NASTAVNIK_PDF_SECONDS", "2"),
        ],
    );
    assert!(start.elapsed() < Duration::from_secs(30));
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("не успел за 2 с"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.exists());
    let child = std::fs::read_to_string(&pid_file).expect("the script ran");
    std::thread::sleep(Duration::from_millis(300));
    // Gone, or dead and not yet reaped by whoever adopted it.
    let state = std::fs::read_to_string(format!("/proc/{}/stat", child.trim()))
        .ok()
        .and_then(|s| s.rsplit(')').next().map(|r| r.trim().chars().next()))
        .flatten();
    assert!(
        matches!(state, None | Some('Z' | 'X')),
        "the hung LibreOffice's child is killed too: state {state:?}"
    );

    // One that writes nothing.
    let idle = tmp.path().join("soffice-idle");
    std::fs::write(&idle, "#!/bin/sh\nexit 0\n").expect("script");
    make_executable(&idle);
    let run = nastavnik(
        &args,
        &[("NASTAVNIK_SOFFICE", idle.to_str().expect("path"))],
    );
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stderr));
    assert!(
        text(&run.stderr).contains("не сохранил PDF"),
        "{}",
        text(&run.stderr)
    );
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("tmp")
        .map(|e| e.expect("entry").file_name())
        .filter(|n| n.to_string_lossy().contains(".out."))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}
