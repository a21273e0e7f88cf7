//! `nastavnik templates check` on the binary: every mistake `generate`
//! refuses is refused here too, at the line and column of the template
//! file (a partial's own file when the partial wrote it), in Russian; an
//! unknown variable lists the names there and the closest one; `--rules`
//! checks the documents with a profile's parameters.

use std::path::Path;
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

/// A template folder with one mistake per file, and where each is.
fn broken(dir: &Path) {
    // An unknown attribute on line 3 of the document template.
    write(
        &dir.join("order-curator.hbs"),
        "<document>\n{{> order-header}}\n<p colour=\"red\">О назначении куратора</p>\n{{> head-signature}}\n</document>\n",
    );
    // An unknown element written by a partial (used by every order).
    write(
        &dir.join("partials/control.hbs"),
        "<itm>Контроль за исполнением настоящего приказа оставляю за собой.</itm>\n",
    );
    // A block left open on line 2.
    write(
        &dir.join("roadmap.hbs"),
        "<document>\n{{#if org}}\n<p>x</p>\n</document>\n",
    );
    // A misspelt field.
    write(
        &dir.join("order-mentors.hbs"),
        "<document>\n<p>{{curator.possition}}</p>\n</document>\n",
    );
}

#[test]
fn templates_check_refuses_what_generate_refuses_at_the_template_line() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let t = tmp.path().join("t");
    broken(&t);
    let shown = t.display().to_string();
    let o = nastavnik(&["templates", "check", &shown]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let e = err(&o);
    // A parse error stops the folder: the block left open, in Russian, at its opener.
    assert!(
        e.contains(&format!(
            "{shown}/roadmap.hbs:2:1: блок «{{{{#if}}}}» открыт здесь и не закрыт"
        )),
        "{e}"
    );
    assert!(!e.contains("invalid handlebars"), "{e}");

    // With the block closed, every document renders: each remaining mistake
    // at its template's line.
    write(
        &t.join("roadmap.hbs"),
        "<document>\n{{#if org}}\n<p>x</p>\n{{/if}}\n</document>\n",
    );
    let o = nastavnik(&["templates", "check", &shown]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let e = err(&o);
    assert!(
        e.contains(&format!("{shown}/order-curator.hbs:3:4: ")) && e.contains("colour"),
        "{e}"
    );
    assert!(
        e.contains(&format!("{shown}/partials/control.hbs:1:1: ")) && e.contains("itm"),
        "{e}"
    );
    assert_eq!(e.matches("control.hbs:1:1").count(), 1, "said once: {e}");
    assert!(
        e.contains(&format!("{shown}/order-mentors.hbs:2:"))
            && e.contains("неизвестная переменная «curator.possition»")
            && e.contains("есть у «curator»: ")
            && e.contains("возможно, имелось в виду «position»"),
        "{e}"
    );

    // generate refuses the same folder.
    let school = tmp.path().join("school");
    let o = nastavnik(&["init", &school.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let o = nastavnik(&[
        "generate",
        &school.display().to_string(),
        "--templates",
        &shown,
        "--out",
        &tmp.path().join("out").display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("order-curator.hbs:3:4"), "{}", err(&o));
}

#[test]
fn templates_check_reads_the_profile_parameters_of_rules() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let t = tmp.path().join("t");
    // The template needs a parameter that only the profile's params.json sets.
    write(
        &t.join("order-curator.hbs"),
        "<document>\n<p>{{params.custom.region_order}}</p>\n</document>\n",
    );
    let shown = t.display().to_string();
    let o = nastavnik(&["templates", "check", &shown]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("params.custom.region_order"),
        "{}",
        err(&o)
    );
    let r = tmp.path().join("r");
    write(
        &r.join("params.json"),
        r#"{"custom": {"region_order": "Приказ № 17"}}"#,
    );
    let o = nastavnik(&[
        "templates",
        "check",
        &shown,
        "--rules",
        &r.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn the_check_judges_the_catalogue_as_generate_does() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path().join("t");
    // Switching a built-in document off is a feature, not a stray template.
    write(
        &dir.join("catalogue.json"),
        r#"{"documents":[{"id":"order-rewards","disabled":true}]}"#,
    );
    let o = nastavnik(&["templates", "check", &dir.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // A new entry reusing a template is rendered as its own document: what
    // `generate` refuses is refused here too.
    write(
        &dir.join("catalogue.json"),
        r#"{"documents":[{"id":"extra","title":"Дополнительная дорожная карта","template":"roadmap"}]}"#,
    );
    let o = nastavnik(&["templates", "check", &dir.display().to_string()]);
    let school = tmp.path().join("school");
    assert_eq!(
        nastavnik(&["init", &school.display().to_string()])
            .status
            .code(),
        Some(0)
    );
    let g = nastavnik(&[
        "generate",
        &school.display().to_string(),
        "--out",
        &tmp.path().join("out").display().to_string(),
        "--templates",
        &dir.display().to_string(),
    ]);
    assert_eq!(
        o.status.code(),
        g.status.code(),
        "check: {} / generate: {}",
        err(&o),
        err(&g)
    );
}

#[test]
fn a_misspelt_template_or_partial_is_refused_not_silently_unused() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let school = tmp.path().join("school");
    let s = school.display().to_string();
    assert_eq!(nastavnik(&["init", &s]).status.code(), Some(0));
    let base = include_str!("../../templates/order-curator.hbs");
    let dir = tmp.path().join("t");
    // Meant to replace order-curator.hbs and partials/control.hbs.
    write(&dir.join("order-curtor.hbs"), base);
    write(
        &dir.join("partials/contrl.hbs"),
        "<item>Контроль за исполнением приказа возложить на куратора.</item>\n",
    );
    let d = dir.display().to_string();
    let out = tmp.path().join("out");
    let g = nastavnik(&[
        "generate",
        &s,
        "--out",
        &out.display().to_string(),
        "--templates",
        &d,
    ]);
    assert_eq!(g.status.code(), Some(2), "{}", err(&g));
    let said = err(&g);
    for expected in [
        "order-curtor.hbs: «order-curtor» — шаблон документа, которого нет в каталоге",
        "возможно, имелось в виду «order-curator»",
        "contrl.hbs: «contrl» — вставка, которую не вызывает ни один шаблон",
        "возможно, имелось в виду «control»",
    ] {
        assert!(said.contains(expected), "{expected} in {said}");
    }
    assert!(!out.exists(), "nothing written");
    let o = nastavnik(&["templates", "check", &d]);
    assert_eq!(o.status.code(), Some(2));
    let checked = format!("{}{}", String::from_utf8_lossy(&o.stdout), err(&o));
    assert!(
        checked.contains("«order-curtor»") && checked.contains("«contrl»"),
        "{checked}"
    );

    // A new document with a partial of its own, named in the catalogue, is
    // what a region adds: accepted, and its partial printed.
    std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    write(
        &dir.join("catalogue.json"),
        r#"{"documents":[{"id":"order-extra","title":"Приказ о дополнительных мерах","template":"order-extra"}]}"#,
    );
    write(
        &dir.join("order-extra.hbs"),
        &base.replacen("<p", "{{> extra-line}}\n<p", 1),
    );
    write(
        &dir.join("partials/extra-line.hbs"),
        "<p>Дополнительная строка региона</p>\n",
    );
    let o = nastavnik(&["templates", "check", &d]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let g = nastavnik(&[
        "generate",
        &s,
        "--out",
        &out.display().to_string(),
        "--templates",
        &d,
    ]);
    assert!(matches!(g.status.code(), Some(0 | 1)), "{}", err(&g));
    assert!(out.join("order-extra.docx").is_file());
}
