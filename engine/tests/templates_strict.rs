//! Strict templates: mistakes are errors naming file, line and column;
//! a user's folder replaces a template by name.

mod templates_support;

use nastavnik_engine::diag::Place;
use nastavnik_engine::render::{context, templates::Templates};
use nastavnik_engine::Error;
use std::fs;
use templates_support as fx;

fn context_of(id: &str) -> serde_json::Value {
    let model = fx::model();
    let checked = fx::checked(&model);
    let cat = checked.plan();
    let doc = cat
        .documents
        .iter()
        .find(|d| d.id == id)
        .expect("document planned");
    context::build(&checked.sources(), doc)
}

fn only_problem(e: Error) -> nastavnik_engine::Problem {
    let problems = e.problems().to_vec();
    assert_eq!(problems.len(), 1, "{problems:?}");
    problems.into_iter().next().expect("one problem")
}

#[test]
fn a_user_folder_replaces_one_template_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("order-curator.hbs"),
        "<document><p>Свой приказ: {{decline curator.name \"acc\"}}</p></document>",
    )
    .expect("write");
    let t = Templates::load(None, Some(dir.path())).expect("loads");
    let out = t
        .render("order-curator", &context_of("order-curator"))
        .expect("renders");
    assert!(out.starts_with("<document><p>Свой приказ: "), "{out}");
    assert!(
        t.file_of("order-curator")
            .is_some_and(|f| f.ends_with("order-curator.hbs") && f.starts_with('/')),
        "{:?}",
        t.file_of("order-curator")
    );
    // The others still come from the base templates.
    assert_eq!(t.file_of("order-pairs"), Some("templates/order-pairs.hbs"));
    let base = t
        .render("order-pairs", &context_of("order-pairs"))
        .expect("renders");
    assert!(base.contains("Список наставнических пар"));
}

#[test]
fn a_user_partial_replaces_the_base_partial() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("partials")).expect("mkdir");
    fs::write(
        dir.path().join("partials/control.hbs"),
        "<item>Контроль возложить на куратора.</item>",
    )
    .expect("write");
    let t = Templates::load(None, Some(dir.path())).expect("loads");
    let out = t
        .render("order-curator", &context_of("order-curator"))
        .expect("renders");
    assert!(out.contains("Контроль возложить на куратора."));
    assert!(!out.contains("оставляю за собой"));
}

#[test]
fn an_unknown_variable_names_file_line_and_column() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("order-curator.hbs");
    fs::write(
        &path,
        "<document>\n  <p>{{org.full_name}}</p>\n  <p>{{curator.nmae}}</p>\n</document>",
    )
    .expect("write");
    let t = Templates::load(None, Some(dir.path())).expect("loads");
    let err = t
        .render("order-curator", &context_of("order-curator"))
        .expect_err("strict");
    let p = only_problem(err);
    assert_eq!(
        p.place,
        Place::Text {
            file: path.display().to_string(),
            line: 3,
            column: 6
        }
    );
    assert!(p.message.contains("curator.nmae"), "{}", p.message);
}

#[test]
fn an_unknown_helper_and_a_bad_case_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("a.hbs"),
        "<document>{{склонить curator.name \"acc\"}}</document>",
    )
    .expect("write");
    fs::write(
        dir.path().join("b.hbs"),
        "<document>\n{{decline curator.name \"дательный-ошибка\"}}</document>",
    )
    .expect("write");
    let t = Templates::load(None, Some(dir.path())).expect("loads");
    let ctx = context_of("order-curator");
    let a = only_problem(t.render("a", &ctx).expect_err("unknown helper"));
    assert!(
        a.message.contains("неизвестный помощник «склонить»"),
        "{}",
        a.message
    );
    assert!(
        matches!(a.place, Place::Text { line: 1, .. }),
        "{:?}",
        a.place
    );
    let b = only_problem(t.render("b", &ctx).expect_err("bad case"));
    assert!(b.message.contains("неизвестный падеж"), "{}", b.message);
    assert!(
        matches!(
            b.place,
            Place::Text {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{:?}",
        b.place
    );
}

#[test]
fn syntax_errors_and_triple_braces_are_reported_all_at_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("x.hbs"), "<document>{{#if a}}</document>").expect("write");
    fs::write(
        dir.path().join("y.hbs"),
        "<document>\n {{{org.full_name}}}</document>",
    )
    .expect("write");
    let err = Templates::load(None, Some(dir.path()))
        .err()
        .expect("refused");
    let problems = err.problems();
    assert_eq!(problems.len(), 2, "{problems:?}");
    let y = problems
        .iter()
        .find(|p| p.to_string().contains("y.hbs"))
        .expect("y reported");
    assert!(matches!(
        y.place,
        Place::Text {
            line: 2,
            column: 2,
            ..
        }
    ));
    assert!(y.message.contains("{{{"));
    assert!(problems.iter().any(|p| p.to_string().contains("x.hbs")));
}

#[test]
fn a_missing_template_is_a_russian_error() {
    let t = Templates::load(None, None).expect("loads");
    let err = t
        .render("order-nothing", &serde_json::json!({}))
        .expect_err("missing");
    assert!(err.to_string().contains("нет шаблона «order-nothing.hbs»"));
}
