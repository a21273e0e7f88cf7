//! `generate --only ID --force` over a previous package keeps its other
//! documents only when they would be written the same now: the same date,
//! the same profile, inputs of the same bytes, every document and PDF it
//! lists still there. Anything else is refused (exit 2, in Russian, naming
//! what differs and saying to generate the whole package), and nothing in
//! `--out` changes. Each run is bounded in time and memory (see `bounded`).

mod bounded;

use bounded::{assert_refused, example, run, snapshot};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

/// A whole package of the example school in a debug build takes seconds.
const PACKAGE: Duration = Duration::from_secs(120);
/// A refusal of `--only` comes after the folder is claimed and checked,
/// before any document is rendered.
const ONLY: Duration = Duration::from_secs(60);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The example's whole package at 01.11.2025 in `school/out`.
fn package() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let (tmp, dir) = example();
    let out = dir.join("out");
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--date",
            "01.11.2025",
        ],
        PACKAGE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    (tmp, dir, out)
}

fn only(dir: &Path, out: &Path, id: &str, extra: &[&str]) -> bounded::Run {
    let mut args = vec![
        "generate".to_owned(),
        s(dir),
        "--out".to_owned(),
        s(out),
        "--force".to_owned(),
        "--only".to_owned(),
        id.to_owned(),
    ];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    run(&args, ONLY)
}

const WHOLE: &str = "сформируйте пакет целиком (без --only) или укажите другую папку";

/// Replaces `from` by `to` in one part of a workbook, rewriting the zip.
fn edit_part(xlsx: &Path, part: &str, from: &str, to: &str) {
    let bytes = std::fs::read(xlsx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        parts.push((f.name().unwrap().to_string(), data));
    }
    let mut w = zip::ZipWriter::new(std::fs::File::create(xlsx).unwrap());
    let mut done = false;
    for (name, data) in parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        let data = if name == part {
            let text = String::from_utf8(data).unwrap();
            assert!(text.contains(from), "{from} in {part}");
            done = true;
            text.replacen(from, to, 1).into_bytes()
        } else {
            data
        };
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap();
    assert!(done, "{part} in {}", xlsx.display());
}

#[test]
fn only_refuses_a_package_with_a_listed_document_missing() {
    let (_tmp, dir, out) = package();
    std::fs::remove_file(out.join("plan-001.docx")).unwrap();
    let before = snapshot(&out);
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(
        &r,
        &format!(
            "{}: прежний пакет в папке неполон: нет «plan-001.docx» из тех, что перечислены в manifest.json",
            out.display()
        ),
    );
    assert!(r.stderr.contains(WHOLE), "{}", r.stderr);
    assert_eq!(snapshot(&out), before, "not a byte changed");
    // The missing document itself may be written again: the package is
    // then whole and the same as before.
    let r = only(&dir, &out, "plan-001", &["--date", "01.11.2025"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(out.join("plan-001.docx").is_file());
}

#[test]
fn only_refuses_a_package_of_another_date() {
    let (_tmp, dir, out) = package();
    let before = snapshot(&out);
    let r = only(&dir, &out, "order-results", &["--date", "30.06.2026"]);
    assert_refused(
        &r,
        "прежний пакет в папке датирован 01.11.2025, а этот запуск — 30.06.2026 (чтобы дополнить его, укажите --date 01.11.2025)",
    );
    assert!(r.stderr.contains(WHOLE), "{}", r.stderr);
    assert_eq!(snapshot(&out), before, "not a byte changed");
    // At the package's own date it is added to.
    let r = only(&dir, &out, "order-results", &["--date", "01.11.2025"]);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn only_refuses_a_package_made_from_other_tables_or_programme() {
    let (_tmp, dir, out) = package();
    let before = snapshot(&out);
    // A table whose content changed since (any cell).
    let table = dir.join("inputs/participants.xlsx");
    let kept = std::fs::read(&table).unwrap();
    edit_part(
        &table,
        "xl/sharedStrings.xml",
        "+7 913 612-45-87",
        "+7 913 612-45-88",
    );
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(
        &r,
        "прежний пакет в папке сформирован из других данных: «inputs/participants.xlsx» изменён",
    );
    assert_eq!(snapshot(&out), before, "not a byte changed");
    std::fs::write(&table, kept).unwrap();

    // programme.json changed (the same organisation and title).
    let programme = dir.join("programme.json");
    let text = std::fs::read_to_string(&programme).unwrap();
    let changed = text.replacen("\"number\": \"114-о\"", "\"number\": \"115-о\"", 1);
    assert_ne!(changed, text);
    std::fs::write(&programme, &changed).unwrap();
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(&r, "сформирован из других данных: «programme.json» изменён");
    assert_eq!(snapshot(&out), before, "not a byte changed");
    std::fs::write(&programme, &text).unwrap();

    // A package written before manifests named their inputs.
    let manifest = out.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    m.as_object_mut().unwrap().remove("inputs");
    std::fs::write(&manifest, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(&r, "не называет данных, из которых сформирован");
}

#[test]
fn only_refuses_a_package_of_other_templates_or_with_pdfs_gone() {
    let (tmp, dir, out) = package();
    let before = snapshot(&out);
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("order-curator.hbs"),
        "<document>\n<p>Приказ</p>\n</document>\n",
    )
    .unwrap();
    let r = only(
        &dir,
        &out,
        "order-curator",
        &["--date", "01.11.2025", "--templates", &s(&templates)],
    );
    assert_refused(&r, "сформирован с другими правилами или шаблонами");
    assert_eq!(snapshot(&out), before, "not a byte changed");

    // A package whose manifest lists PDFs (as --pdf writes them), one gone.
    let manifest = out.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let first = m["documents"][0].clone();
    let pdf = first["file"].as_str().unwrap().replace(".docx", ".pdf");
    let mut listed = first.clone();
    listed["file"] = serde_json::Value::String(pdf.clone());
    m["pdfs"] = serde_json::json!([listed]);
    std::fs::write(&manifest, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(&r, &format!("неполон: нет «{pdf}»"));
    assert!(
        r.stderr
            .contains("сформирован с PDF (--pdf), а этот запуск — без"),
        "{}",
        r.stderr
    );
}

#[test]
fn only_refuses_to_keep_a_document_the_package_would_no_longer_hold() {
    let (_tmp, dir, out) = package();
    // A repeated document numbered beyond what these inputs plan (as a
    // plan of a pair since removed would be): listed, hashed, present.
    std::fs::copy(out.join("plan-001.docx"), out.join("plan-099.docx")).unwrap();
    let manifest = out.join("manifest.json");
    let mut m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest).unwrap()).unwrap();
    let documents = m["documents"].as_array_mut().unwrap();
    let mut extra = documents
        .iter()
        .find(|d| d["id"] == "plan-001")
        .unwrap()
        .clone();
    extra["id"] = "plan-099".into();
    extra["file"] = "plan-099.docx".into();
    documents.push(extra);
    std::fs::write(&manifest, serde_json::to_string_pretty(&m).unwrap()).unwrap();
    let before = snapshot(&out);
    let r = only(&dir, &out, "order-pairs", &["--date", "01.11.2025"]);
    assert_refused(
        &r,
        "в прежнем пакете есть документы, которых в пакете из этих данных нет (или они пронумерованы иначе): «plan-099»",
    );
    assert_eq!(snapshot(&out), before, "not a byte changed");
}
