//! The built-in rule test cases (`rules/tests/`) over the example school:
//! every case passes and every base and Omsk rule has a case that triggers
//! it and one that does not.

use nastavnik_engine::rules::cases;

#[test]
fn builtin_cases_pass_and_cover_every_rule() {
    let report = cases::run_builtin(None).unwrap_or_else(|e| panic!("{e}"));
    assert!(report.cases.len() >= 30);
    assert!(report.all_passed(), "{}", report.to_text());
    assert!(report.never_triggered.is_empty(), "{}", report.to_text());
    assert!(report.never_cleared.is_empty(), "{}", report.to_text());
}

#[test]
fn a_wrong_expectation_fails_with_a_reason() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("wrong.json"),
        r#"{"title": "ложное ожидание", "patch": [{"op": "replace", "path": "/mentors/0/consent_pd", "value": null}],
            "expect": [{"rule": "stage3.mentor-consent", "row": 99}], "expect_not": ["stage3.mentor-consent"]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = cases::run(dir.path(), None).unwrap_or_else(|e| panic!("{e}"));
    assert!(!report.all_passed());
    let text = report.to_text();
    assert!(
        text.contains("строка 99") && text.contains("Наставники › F3"),
        "{text}"
    );
    assert!(text.contains("не должно было сработать"), "{text}");
    assert!(text.contains("Правила без случая"), "{text}");
}

#[test]
fn a_broken_patch_names_the_case_and_operation() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.path().join("broken.json"),
        r#"{"title": "x", "patch": [{"op": "replace", "path": "/nope/0", "value": 1}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    // A second, good case still runs after the broken one.
    std::fs::write(
        dir.path().join("good.json"),
        r#"{"title": "хороший", "patch": [{"op": "replace", "path": "/mentors/0/consent_pd", "value": null}],
            "expect": [{"rule": "stage3.mentor-consent", "row": 3}]}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("not-json.json"), "{ нет").unwrap_or_else(|e| panic!("{e}"));
    let report = cases::run(dir.path(), None).unwrap_or_else(|e| panic!("{e}"));
    let text = report.to_text();
    assert_eq!(report.cases.len(), 3, "{text}");
    assert!(!report.all_passed());
    let broken = &report.cases[0];
    assert!(!broken.passed);
    assert!(
        broken
            .failures
            .iter()
            .any(|f| f.contains("broken.json") && f.contains("/patch/0")),
        "{text}"
    );
    assert!(report.cases[1].passed, "{text}");
    assert!(!report.cases[2].passed, "{text}");
    assert!(
        report.cases[2].failures[0].contains("not-json.json:1:"),
        "{text}"
    );
}
