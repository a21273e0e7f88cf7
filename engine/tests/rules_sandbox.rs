//! Hostile and broken rule folders: stopped fast, reported with file, line
//! and column, as input errors (exit 2 in the CLI).

use nastavnik_engine::rules::RuleSet;
use nastavnik_engine::{Error, Model, Place};
use std::time::{Duration, Instant};

fn model() -> Model {
    serde_json::from_str(include_str!("fixtures/small.json")).unwrap_or_else(|e| panic!("{e}"))
}

const HEADER: &str = r#"fn rules() {
    [#{ id: "user.hostile", stage: 1, severity: "error", title: "t", basis: "b", check: "bad" }]
}
"#;

/// Writes one user rule file and runs the check; returns the error and the time taken.
fn run(body: &str) -> (Error, Duration) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("hostile.rhai"), format!("{HEADER}{body}"))
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let result = RuleSet::load(None, Some(dir.path())).and_then(|set| set.check(&model()));
    let elapsed = started.elapsed();
    match result {
        Ok(_) => panic!("a hostile script must fail"),
        Err(e) => (e, elapsed),
    }
}

fn text_place(err: &Error) -> (String, usize, usize) {
    match err.problems().first().map(|p| &p.place) {
        Some(Place::Text { file, line, column }) => (file.clone(), *line, *column),
        other => panic!("expected a text place, got {other:?}: {err}"),
    }
}

#[test]
fn endless_loop_stops_in_about_a_second() {
    let (err, elapsed) = run("fn bad() {\n    let x = 0;\n    loop { x += 1; }\n}\n");
    // The operation limit or the clock (1 s), whichever comes first: on a
    // loaded machine a debug build may meet the clock.
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    let (file, line, column) = text_place(&err);
    assert!(file.ends_with("hostile.rhai"), "{file}");
    // Rhai drops the position of limit errors: the rule's function is named.
    assert_eq!((line, column), (4, 1), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("user.hostile")
            && (msg.contains("лимит операций") || msg.contains("отведённое время")),
        "{msg}"
    );
}

#[test]
fn runaway_recursion_stops_under_a_second() {
    let (err, elapsed) = run("fn deeper(n) { deeper(n + 1) + 1 }\nfn bad() { deeper(0) }\n");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    let (_, line, _) = text_place(&err);
    assert_eq!(line, 5, "{err}");
    assert!(err.to_string().contains("рекурсия"), "{err}");
    assert!(err.to_string().contains("bad()"), "{err}");
}

#[test]
fn syntax_error_names_line_and_column() {
    let (err, elapsed) = run("fn bad() {\n    let x = ;\n}\n");
    assert!(elapsed < Duration::from_secs(1));
    let (file, line, column) = text_place(&err);
    assert!(file.ends_with("hostile.rhai"));
    assert_eq!((line, column), (5, 13), "{err}");
    assert!(err.to_string().contains("синтаксическая ошибка"), "{err}");
}

#[test]
fn runtime_error_names_line_and_column() {
    let (err, _) = run("fn bad() {\n    let n = 1;\n    n / 0\n}\n");
    let (_, line, _) = text_place(&err);
    assert_eq!(line, 6, "{err}");
}

#[test]
fn model_is_read_only() {
    let (err, _) = run("fn bad() {\n    model.mentors = [];\n    []\n}\n");
    assert!(err.to_string().contains("только для чтения"), "{err}");
}

#[test]
fn eval_and_modules_are_refused() {
    let (err, _) = run("fn bad() { eval(\"1\") }\n");
    assert!(matches!(text_place(&err), (_, 4, _)), "{err}");
    let (err, _) = run("fn bad() { import \"x\" as y; [] }\n");
    assert!(!err.problems().is_empty(), "{err}");
}

#[test]
fn huge_data_is_refused_fast() {
    let (err, elapsed) = run("fn bad() {\n    let s = \"x\";\n    loop { s += s; }\n}\n");
    assert!(elapsed < Duration::from_secs(1), "{elapsed:?}");
    assert!(err.to_string().contains("hostile.rhai"), "{err}");
}

#[test]
fn wrong_metadata_and_findings_are_reported() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("meta.rhai"),
        "fn rules() { [#{ id: \"user.x\", stage: 9, severity: \"fatal\", title: \"t\", basis: \"b\", check: \"x\" }] }\nfn x() { [] }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let err = RuleSet::load(None, Some(dir.path()))
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref().is_some_and(|e| e.contains("stage")),
        "{err:?}"
    );

    let (err, _) = run("fn bad() { [#{ message: 1 }] }\n");
    assert!(err.to_string().contains("message"), "{err}");
}

#[test]
fn user_folder_replaces_adds_and_disables() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // Same name as a base file: replaces all of stage4's rules.
    std::fs::write(
        dir.path().join("stage4.rhai"),
        "fn rules() { [#{ id: \"stage4.own\", stage: 4, severity: \"error\", title: \"Своё\", basis: \"Локальный акт\", check: \"own\" }] }\nfn own() { [note(\"своё правило сработало\")] }\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("params.json"),
        r#"{"disabled": ["stage1.council"]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let set = RuleSet::load(None, Some(dir.path())).unwrap_or_else(|e| panic!("{e}"));
    let ids: Vec<&str> = set.rules().iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"stage4.own"));
    assert!(!ids.contains(&"stage4.mentor-training"));
    assert!(!ids.contains(&"stage1.council"));
    let report = set.check(&model()).unwrap_or_else(|e| panic!("{e}"));
    assert!(!report.stages[3].complete);
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule == "stage4.own" && f.source.is_none()));
}

#[test]
fn expensive_operations_stop_on_the_clock() {
    // One `index_of` over 32 MB is one operation: only the clock stops it.
    let (err, elapsed) = run(
        "fn bad() {\n    let s = \"x\";\n    for i in 0..25 { s += s; }\n    let n = 0;\n    loop { n += s.index_of(\"y\"); }\n}\n",
    );
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    let msg = err.to_string();
    assert!(
        msg.contains("user.hostile") && msg.contains("превысил отведённое время (1 с)"),
        "{msg}"
    );
    assert!(msg.contains("hostile.rhai:4:"), "{msg}");
    // A loop that only grows an array: each push re-measures it (38 s before).
    let (err, elapsed) = run("fn bad() {\n    let a = [];\n    loop { a.push(1); }\n}\n");
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert!(err.to_string().contains("отведённое время"), "{err}");
}

#[test]
fn findings_and_index_data_have_a_ceiling() {
    // `pad` builds the array in one operation (a loop of `push` would
    // meet the clock first).
    let (err, _) =
        run("fn bad() {\n    let out = [];\n    out.pad(20000, note(\"x\"));\n    out\n}\n");
    assert!(
        err.to_string().contains("20000 находок — больше предела"),
        "{err}"
    );
    let (err, elapsed) = run(
        "fn bad() {\n    let items = [];\n    items.pad(600000, 1);\n    let all = [];\n    loop { all.push(group_by(items, \"k\")); }\n}\n",
    );
    assert!(elapsed < Duration::from_secs(3), "{elapsed:?}");
    assert!(err.to_string().contains("index_by / group_by"), "{err}");
}
