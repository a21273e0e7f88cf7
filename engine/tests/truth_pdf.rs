//! A sample of what `calendar_truth` and `truth_props` assert on the DOCX
//! XML, read back the way a person reads it: converted by LibreOffice to
//! PDF and extracted with `pdftotext`. The example at 20.12.2025 with an
//! employee mentor who refused: the order on results is a draft, the pairs
//! order names neither him nor his pair and gives the article of the
//! refusal, and its acquaintance sheet lists the teachers it fixes.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::package::{self, Options};
use nastavnik_engine::NaiveDate;
use package_text::loaded;
use std::path::Path;
use std::process::Command;

fn tools_present() -> bool {
    ["soffice", "pdftotext"].iter().all(|t| {
        Command::new("which")
            .arg(t)
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// Each document's text as LibreOffice lays it out, whitespace squashed.
fn through_libreoffice(dir: &Path, files: &[(String, Vec<u8>)]) -> Vec<(String, String)> {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut names = Vec::new();
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write docx");
        names.push(dir.join(name));
    }
    let status = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .args(&names)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice failed: {status:?}");
    files
        .iter()
        .map(|(name, _)| {
            let pdf = dir.join(name.replace(".docx", ".pdf"));
            let out = Command::new("pdftotext")
                .arg(&pdf)
                .arg("-")
                .output()
                .expect("pdftotext runs");
            let text = String::from_utf8(out.stdout).expect("utf-8");
            let squashed = text
                .replace('\u{a0}', " ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            (name.clone(), squashed)
        })
        .collect()
}

#[test]
fn what_the_package_says_at_its_date_survives_libreoffice() {
    assert!(
        tools_present(),
        "soffice and pdftotext are required: run .ci/setup"
    );
    let mut model = nastavnik_engine::example::model();
    let i = model
        .mentors
        .iter()
        .position(|m| m.employee && model.pairs.iter().filter(|p| p.mentor == m.name).count() == 1)
        .expect("an employee mentor of one pair");
    model.mentors[i].consent_mentoring = Some(false);
    let refused = model.mentors[i].name.clone();
    let options = Options {
        date: NaiveDate::from_ymd_opt(2025, 12, 20),
        ..Options::default()
    };
    let (files, _) = package::render(&loaded(model.clone()), &options).expect("package");
    let wanted: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter(|(n, _)| n == "order-results.docx" || n == "order-pairs.docx")
        .collect();
    assert_eq!(wanted.len(), 2);
    let dir = tempfile::tempdir().expect("temp");
    let texts = through_libreoffice(dir.path(), &wanted);
    let text = |name: &str| {
        texts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("{name}"))
    };
    let results = text("order-results.docx");
    assert!(results.starts_with("ПРОЕКТ"), "{results}");
    assert!(
        results.contains("подписывается не ранее 23.05.2026"),
        "{results}"
    );
    let pairs = text("order-pairs.docx");
    assert!(!pairs.contains(&refused), "{refused} refused: {pairs}");
    assert!(
        pairs.contains("статья 351.8 Трудового кодекса Российской Федерации"),
        "{pairs}"
    );
    let teacher = model
        .mentees
        .iter()
        .find(|m| {
            m.category == nastavnik_engine::model::MenteeCategory::Educator
                && model
                    .pairs
                    .iter()
                    .any(|p| p.mentee == m.name && p.mentor != refused)
        })
        .expect("a teacher mentee");
    let sheet = pairs
        .split("С приказом ознакомлены")
        .nth(1)
        .unwrap_or_else(|| panic!("{pairs}"));
    assert!(sheet.contains(&teacher.name), "{}: {sheet}", teacher.name);
}
