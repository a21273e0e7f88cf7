//! Values of programme.json and the command line as people type them:
//! an order number with «№» (taken off, said), one that carries its date
//! (refused at its pointer: the date would print twice), a date of year 1
//! or 9999 (refused as a cell's is), and a skeleton of `init --blank`
//! still holding its placeholders (no document is written with them).
//! Each run is bounded in time and memory (see `bounded`).

mod bounded;

use bounded::{assert_refused, example, run, REFUSAL};
use std::io::Read;
use std::path::Path;
use std::time::Duration;

const PACKAGE: Duration = Duration::from_secs(120);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Edits programme.json of `dir` as JSON.
fn edit(dir: &Path, f: impl FnOnce(&mut serde_json::Value)) {
    let path = dir.join("programme.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    f(&mut v);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

/// The text of a DOCX's body.
fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn an_order_number_typed_with_its_sign_is_read_without_it_and_said() {
    let (_tmp, dir) = example();
    edit(&dir, |v| {
        v["orders"]["order-pairs"]["number"] = "№ 163-о".into();
    });
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "programme.json › /orders/order-pairs/number: номер записан со знаком «№» («№ 163-о»): читается как «163-о»"
        ),
        "{}",
        r.stderr
    );
    let out = dir.join("out");
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--only",
            "order-pairs",
        ],
        PACKAGE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let text = docx_text(&out.join("order-pairs.docx"));
    assert!(text.contains("№\u{a0}163-о"), "{text}");
    assert!(
        !text.contains("№ № 163") && !text.contains("№\u{a0}№"),
        "{text}"
    );
}

#[test]
fn an_order_number_that_carries_a_date_is_refused_at_its_pointer() {
    let (_tmp, dir) = example();
    edit(&dir, |v| {
        v["orders"]["order-mentors"]["number"] = "156-о от 10.10.2025".into();
        v["orders"]["order-roadmap"]["number"] = "№ 01.09.2025".into();
        v["orders"]["order-curator"]["number"] = "№".into();
    });
    let out = dir.join("out");
    for args in [
        vec!["validate".to_owned(), s(&dir)],
        vec!["generate".to_owned(), s(&dir), "--out".to_owned(), s(&out)],
    ] {
        let r = run(&args, PACKAGE);
        assert_refused(
            &r,
            "programme.json › /orders/order-mentors/number: в номере «156-о от 10.10.2025» есть дата: дата документа указывается в поле date рядом, а в number — только номер («156-о»)",
        );
        assert!(
            r.stderr
                .contains("/orders/order-roadmap/number: в номере «№ 01.09.2025» есть дата"),
            "{}",
            r.stderr
        );
        assert!(
            r.stderr
                .contains("/orders/order-curator/number: номер «№» пуст"),
            "{}",
            r.stderr
        );
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn dates_outside_1900_2100_are_refused_on_the_command_line_and_in_programme_json() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    for date in ["01.03.0026", "01.01.0001", "31.12.9999", "31.12.1899"] {
        let r = run(
            &["generate", &s(&dir), "--out", &s(&out), "--date", date],
            REFUSAL,
        );
        assert_refused(
            &r,
            &format!("--date <DATE>: дата «{date}» вне 1900–2100 годов; проверьте год"),
        );
        assert!(!out.exists());
    }
    let r = run(&["check", &s(&dir), "--date", "01.01.0001"], REFUSAL);
    assert_refused(&r, "дата «01.01.0001» вне 1900–2100 годов");
    // The bounds themselves are dates.
    let r = run(&["check", &s(&dir), "--date", "01.01.2100"], PACKAGE);
    assert_ne!(r.code, Some(2), "{}", r.stderr);

    edit(&dir, |v| {
        v["report_date"] = "0001-01-01".into();
        v["orders"]["order-pairs"]["date"] = "9999-10-15".into();
    });
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        "programme.json › /report_date: дата «0001-01-01» вне 1900–2100 годов; проверьте год",
    );
    assert!(
        r.stderr
            .contains("/orders/order-pairs/date: дата «9999-10-15» вне 1900–2100 годов"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_blank_skeleton_is_read_but_no_document_is_written_with_its_placeholders() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("blank");
    let r = run(&["init", &s(&dir), "--blank"], REFUSAL);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // validate reads a skeleton: nothing is printed by it.
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = dir.join("out");
    let r = run(&["generate", &s(&dir), "--out", &s(&out)], PACKAGE);
    for expected in [
        "programme.json › /organisation/full_name: здесь ещё образец из init --blank («Полное наименование организации, как в уставе»)",
        "programme.json › /organisation/short_name: здесь ещё образец",
        "programme.json › /organisation/city: здесь ещё образец из init --blank («Город»)",
        "programme.json › /organisation/head/name: здесь ещё образец из init --blank («Фамилия Имя Отчество»)",
        "programme.json › /curator/name: здесь ещё образец",
        "programme.json › /organisation/students: численность обучающихся — 0 (образец из init --blank)",
        "programme.json › /organisation/teachers: численность педагогических работников — 0",
    ] {
        assert_refused(&r, expected);
    }
    assert!(!out.exists(), "no document written");

    // Filled in (case aside, a placeholder typed again is still one).
    edit(&dir, |v| {
        v["organisation"]["full_name"] = "ПОЛНОЕ НАИМЕНОВАНИЕ ОРГАНИЗАЦИИ, КАК В УСТАВЕ".into();
        v["organisation"]["short_name"] = "МБОУ «СОШ № 5»".into();
        v["organisation"]["city"] = "Тара".into();
    });
    let r = run(&["generate", &s(&dir), "--out", &s(&out)], PACKAGE);
    assert_refused(&r, "/organisation/full_name: здесь ещё образец");
    assert!(!r.stderr.contains("/organisation/city"), "{}", r.stderr);
    assert!(!out.exists());
}
