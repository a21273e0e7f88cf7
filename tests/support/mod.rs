//! Shared helpers of the end-to-end tests: run the real binary, open the
//! DOCX it wrote in a real client (LibreOffice, headless) and read back the
//! text a reader sees (pdftotext).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `nastavnik ARGS` and returns its output.
pub fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("the nastavnik binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `nastavnik init` into a fresh temporary folder; returns (tempdir, programme dir).
pub fn example(region: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("school");
    let dir_s = dir.to_string_lossy().into_owned();
    let mut args = vec!["init", dir_s.as_str()];
    if let Some(r) = region {
        args.extend(["--region", r]);
    }
    let out = nastavnik(&args);
    assert!(out.status.success(), "init failed: {}", stderr(&out));
    (tmp, dir)
}

/// Converts DOCX files to PDF with LibreOffice in one run and returns the
/// text of each (in the order given), whitespace folded to single spaces.
/// LibreOffice is required: CI installs it (.ci/setup); a missing client
/// fails the test rather than skipping it.
pub fn docx_texts(files: &[PathBuf]) -> Vec<String> {
    let pdf_dir = tempfile::tempdir().expect("tempdir");
    let profile = tempfile::tempdir().expect("tempdir");
    let mut cmd = Command::new("soffice");
    cmd.arg(format!(
        "-env:UserInstallation=file://{}",
        profile.path().display()
    ))
    .args([
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
    ])
    .arg(pdf_dir.path());
    for f in files {
        cmd.arg(f);
    }
    let out = cmd
        .output()
        .expect("LibreOffice (soffice) is installed: run .ci/setup");
    assert!(
        out.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    files
        .iter()
        .map(|f| {
            let stem = f
                .file_stem()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let pdf = pdf_dir.path().join(format!("{stem}.pdf"));
            assert!(pdf.exists(), "LibreOffice did not convert {}", f.display());
            pdf_text(&pdf, None)
        })
        .collect()
}

/// Text of a PDF (or of one page of it): its words, as placed on the page,
/// joined by single spaces. Words come from `pdftotext -bbox`, which keeps
/// a word hyphenated at a line end as two words (plain pdftotext glues
/// `педагог-⏎анкетирование` from neighbouring table cells into one).
pub fn pdf_text(pdf: &Path, page: Option<u32>) -> String {
    let mut cmd = Command::new("pdftotext");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd
        .arg("-bbox")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    assert!(out.status.success());
    let html = String::from_utf8_lossy(&out.stdout);
    let words: Vec<String> = html
        .split("<word ")
        .skip(1)
        .filter_map(|chunk| {
            let text = chunk.split_once('>')?.1.split_once("</word>")?.0;
            Some(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            )
        })
        .collect();
    fold(&words.join(" "))
}

/// Folds every run of white space (including non-breaking spaces) to one space.
pub fn fold(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Converts one DOCX to PDF and returns the PDF path (kept in `dir`).
pub fn to_pdf(docx: &Path, dir: &Path) -> PathBuf {
    let profile = tempfile::tempdir().expect("tempdir");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("LibreOffice (soffice) is installed: run .ci/setup");
    assert!(out.status.success());
    let stem = docx
        .file_stem()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    dir.join(format!("{stem}.pdf"))
}

/// Number of pages of a PDF (pdfinfo).
pub fn pdf_pages(pdf: &Path) -> u32 {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| {
            l.strip_prefix("Pages:")
                .map(|v| v.trim().parse().unwrap_or(0))
        })
        .unwrap_or(0)
}

/// Whether `text` holds `phrase` as a reader sees it in a table cell: the
/// phrase's words in order, each within a few words of the previous one,
/// because pdftotext interleaves the lines of neighbouring cells when a
/// cell wraps («Бондаренко Артемий работодатель – Сергеевич»).
pub fn contains_wrapped(text: &str, phrase: &str) -> bool {
    const GAP: usize = 12;
    // Words are runs of letters and digits: a hyphen at a line end
    // («предприятий-⏎партнёров») splits a word the same way on both sides.
    let split = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let words = split(text);
    let wanted = split(phrase);
    let Some((first, rest)) = wanted.split_first() else {
        return true;
    };
    words.iter().enumerate().any(|(start, w)| {
        if w != first {
            return false;
        }
        let mut at = start;
        rest.iter().all(|next| {
            let window = &words[at + 1..words.len().min(at + 1 + GAP)];
            match window.iter().position(|w| w == next) {
                Some(k) => {
                    at += 1 + k;
                    true
                }
                None => false,
            }
        })
    })
}

/// `DIR/manifest.json` as written by `generate`.
pub fn manifest(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("manifest.json")).expect("manifest.json written");
    serde_json::from_str(&text).expect("manifest.json is JSON")
}

/// The document ids a manifest lists, in package order.
pub fn ids(manifest: &serde_json::Value) -> Vec<String> {
    manifest["documents"]
        .as_array()
        .expect("documents array")
        .iter()
        .map(|d| d["id"].as_str().expect("id").to_owned())
        .collect()
}
