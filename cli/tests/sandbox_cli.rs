//! Strict profiles and bounded scripts and templates, on the binary: a
//! methodologist's params.json mistake, a hostile rule or template each
//! end with exit 2, a Russian message naming the place, within 5 s.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BOUND: Duration = Duration::from_secs(5);

/// Runs the binary; returns its output and the time it took.
fn nastavnik(args: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out, started.elapsed())
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The example school of `init` in `dir/p`.
fn init(dir: &Path) -> String {
    let p = dir.join("p").display().to_string();
    let (o, _) = nastavnik(&["init", &p]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    p
}

/// A folder holding the given files.
fn folder(dir: &Path, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let d = dir.join(name);
    std::fs::create_dir_all(&d).unwrap_or_else(|e| panic!("{e}"));
    for (file, text) in files {
        let path = d.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }
    d
}

/// Runs the binary, expecting exit 2 within [`BOUND`]; returns stderr.
fn refused(args: &[&str]) -> String {
    let (o, took) = nastavnik(args);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {err}{}", stdout(&o));
    assert!(took < BOUND, "{args:?} took {took:?}: {err}");
    err
}

#[test]
fn params_mistakes_are_refused_naming_file_key_expected_and_a_close_name() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(tmp.path());
    let r = folder(
        tmp.path(),
        "r",
        &[(
            "params.json",
            r#"{"min_mentee_age": "100", "coverage_target_percent": "80 %", "min_menteee_age": 3, "young_specialist_max_age": 300}"#,
        )],
    );
    let file = r.join("params.json").display().to_string();
    let rules = r.display().to_string();
    for command in [
        vec!["check", p.as_str(), "--rules", rules.as_str()],
        vec!["rules", "list", "--rules", rules.as_str()],
    ] {
        let err = refused(&command);
        // A string where a number is expected no longer switches the rule off.
        assert!(err.contains(&format!("{file} › /min_mentee_age: «Минимальный возраст наставляемого обучающегося»: ожидается целое число, а записано «100» — число пишется без кавычек")), "{err}");
        // «80 %» once made the coverage rule pass in silence.
        assert!(err.contains(&format!("{file} › /coverage_target_percent: «Целевой охват, %»: ожидается число, а записано «80 %»")), "{err}");
        assert!(err.contains(&format!("{file} › /min_menteee_age: неизвестный параметр «min_menteee_age»; возможно, имелось в виду «min_mentee_age»")), "{err}");
        assert!(err.contains(&format!("{file} › /young_specialist_max_age: «Возраст молодого специалиста, лет»: значение 300 больше наибольшего допустимого 100")), "{err}");
    }
    std::fs::write(
        r.join("params.json"),
        r#"{"disabled": ["stage7.coverag"], "severity": {"stage2.mentee-min-ag": "error"}}"#,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let err = refused(&["check", &p, "--rules", &rules]);
    assert!(err.contains(&format!("{file} › /disabled/0: нет правила «stage7.coverag» среди загруженных; возможно, имелось в виду «stage7.coverage»")), "{err}");
    assert!(err.contains(&format!("{file} › /severity/stage2.mentee-min-ag: нет правила «stage2.mentee-min-ag» среди загруженных; возможно, имелось в виду «stage2.mentee-min-age»")), "{err}");
}

/// The rule `id` of a `check --format json` report.
fn rule(report: &serde_json::Value, id: &str) -> serde_json::Value {
    report["rules"]
        .as_array()
        .and_then(|rules| rules.iter().find(|r| r["id"] == id))
        .cloned()
        .unwrap_or_else(|| panic!("no rule {id}"))
}

#[test]
fn a_dated_parameter_sets_the_value_and_the_basis_a_finding_prints() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(tmp.path());
    // The example programme starts on 2025-09-01.
    let r = folder(
        tmp.path(),
        "r",
        &[(
            "params.json",
            r#"{"young_specialist_max_experience_years": [
                  {"value": 3, "basis": "Письмо № АЗ-1128/08"},
                  {"value": 5, "from": "2025-01-01", "basis": "Приказ Минобразования области от 10.12.2024 № 77"},
                  {"value": 7, "from": "2027-09-01", "basis": "Приказ Минобразования области от 01.06.2027 № 9"}],
                "coverage_target_percent": 80}"#,
        )],
    );
    let rules = r.display().to_string();
    let (o, _) = nastavnik(&["check", &p, "--rules", &rules, "--format", "json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", stderr(&o));
    let report: serde_json::Value =
        serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| panic!("{e}"));
    let young = rule(&report, "stage5.young-specialist-experience");
    assert_eq!(
        young["basis"],
        // «5 лет» with a non-breaking space, agreeing with the number.
        "Приказ Минобразования области от 10.12.2024 № 77: молодой специалист — педагог со стажем до 5\u{a0}лет"
    );
    for f in young["findings"].as_array().into_iter().flatten() {
        assert_eq!(f["basis"], young["basis"]);
        assert!(
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("больше 5")),
            "{f}"
        );
    }
    // No basis contradicts the target in force.
    let coverage = rule(&report, "stage7.coverage");
    let basis = coverage["basis"].as_str().unwrap_or_default();
    assert!(
        basis.contains("не менее 80 %") && !basis.contains("70"),
        "{basis}"
    );
    assert!(basis.contains("params.json"), "{basis}");
    for f in coverage["findings"].as_array().into_iter().flatten() {
        assert!(
            f["message"].as_str().is_some_and(|m| m.contains("80 %")),
            "{f}"
        );
    }
    let params = report["profile"]["parameters"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let young_param = params
        .iter()
        .find(|p| p["name"] == "young_specialist_max_experience_years")
        .cloned()
        .unwrap_or_default();
    assert_eq!(young_param["value"], 5);
    assert_eq!(young_param["from"], "2025-01-01");
    // Without a programme, `rules list` shows the newest value and its act.
    let (o, _) = nastavnik(&["rules", "list", "--rules", &rules]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("Приказ Минобразования области от 01.06.2027 № 9: молодой специалист — педагог со стажем до 7\u{a0}лет"),
        "{}",
        stdout(&o)
    );
}

const HEADER: &str = r#"fn rules() {
    [#{ id: "user.hostile", stage: 1, severity: "error", title: "t", basis: "b", check: "bad" }]
}
"#;

#[test]
fn hostile_rules_stop_in_about_a_second_wherever_script_code_runs() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(tmp.path());
    // One `index_of` over 32 MB counts as one operation: only the clock stops it.
    let index_of = folder(
        tmp.path(),
        "index-of",
        &[(
            "hostile.rhai",
            &format!("{HEADER}fn bad() {{\n    let s = \"x\";\n    for i in 0..25 {{ s += s; }}\n    let n = 0;\n    loop {{ n += s.index_of(\"y\"); }}\n}}\n"),
        )],
    );
    let grow = folder(
        tmp.path(),
        "grow",
        &[(
            "hostile.rhai",
            &format!("{HEADER}fn bad() {{\n    let a = [];\n    loop {{ a.push(1); }}\n}}\n"),
        )],
    );
    for dir in [&index_of, &grow] {
        let rules = dir.display().to_string();
        let file = dir.join("hostile.rhai").display().to_string();
        for command in [
            vec!["check", p.as_str(), "--rules", rules.as_str()],
            vec!["rules", "test", "--rules", rules.as_str()],
        ] {
            let err = refused(&command);
            assert!(
                err.contains(&format!("{file}:4:1: правило «user.hostile», функция bad(): сценарий превысил отведённое время")),
                "{command:?}: {err}"
            );
        }
    }
    // The same loop in rules(): `rules list` calls it, under the same clock.
    let listed = folder(
        tmp.path(),
        "listed",
        &[(
            "hostile.rhai",
            "fn rules() {\n    let s = \"x\";\n    for i in 0..25 { s += s; }\n    let n = 0;\n    loop { n += s.index_of(\"y\"); }\n}\n",
        )],
    );
    let err = refused(&["rules", "list", "--rules", &listed.display().to_string()]);
    assert!(
        err.contains(&format!(
            "{}:1:1: правило «rules», функция rules(): сценарий превысил отведённое время (1 с)",
            listed.join("hostile.rhai").display()
        )),
        "{err}"
    );
}

/// The base `order-curator.hbs` with `extra` after its first `<space/>`.
fn curator_with(extra: &str) -> String {
    let base = include_str!("../../templates/order-curator.hbs");
    assert!(base.contains("<space/>"));
    base.replacen("<space/>", &format!("<space/>{extra}"), 1)
}

/// 1-based line and column of `needle` in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let before = &text[..at];
    (
        before.matches('\n').count() + 1,
        before.rsplit('\n').next().unwrap_or("").chars().count() + 1,
    )
}

#[test]
fn templates_cannot_inject_recurse_or_blow_up_and_check_refuses_what_generate_refuses() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(tmp.path());
    let cases: [(&str, String, &str, Option<&str>); 5] = [
        (
            "raw",
            curator_with("{{&org.short_name}}"),
            "«{{&…}}»: вывод без экранирования запрещён",
            Some("{{&"),
        ),
        (
            "inline",
            curator_with(r#"{{#*inline "loop"}}x{{> loop this}}{{/inline}}{{> loop this}}"#),
            "вставки вызывают себя по кругу (loop → loop)",
            Some("{{> loop this}}{{/inline}}"),
        ),
        (
            "each",
            curator_with("{{#each mentees}}{{#each ../mentees}}{{#each ../../mentees}}{{#each ../../../mentees}}<p>Строка, повторённая для каждой четвёрки наставляемых.</p>{{/each}}{{/each}}{{/each}}{{/each}}"),
            "документ длиннее 16 МиБ разметки",
            None,
        ),
        (
            "attribute",
            curator_with(r#"<p colour="red">x</p>"#),
            "неизвестный атрибут «colour» у <p>",
            None,
        ),
        (
            "widths",
            curator_with(r#"<table widths="0,0"><tr><td>a</td><td>b</td></tr></table>"#),
            "атрибут «widths» должен быть списком положительных чисел",
            None,
        ),
    ];
    for (name, text, message, at) in &cases {
        let dir = folder(tmp.path(), name, &[("order-curator.hbs", text)]);
        let templates = dir.display().to_string();
        let file = dir.join("order-curator.hbs").display().to_string();
        let out = tmp.path().join(format!("out-{name}")).display().to_string();
        let checked = refused(&["templates", "check", &templates]);
        let generated = refused(&["generate", &p, "--out", &out, "--templates", &templates]);
        for err in [&checked, &generated] {
            assert!(err.contains(message), "{name}: {err}");
            if let Some(needle) = at {
                let (line, column) = position(text, needle);
                assert!(
                    err.contains(&format!("{file}:{line}:{column}: ")),
                    "{name}: {err}"
                );
            }
        }
        assert!(!Path::new(&out).exists(), "{name}: nothing written");
    }
}

#[test]
fn nine_levels_of_partials_repeated_ten_times_stop_at_the_output_limit() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    // 10^8 paragraphs if nothing stopped them (this aborted at 3.8 GB).
    let mut files: Vec<(String, String)> = (1..9)
        .map(|i| {
            (
                format!("partials/l{i}.hbs"),
                format!("{{{{> l{}}}}}", i + 1).repeat(10),
            )
        })
        .collect();
    files.push(("partials/l9.hbs".into(), "<p>строка</p>".into()));
    files.push(("order-curator.hbs".into(), curator_with("{{> l1}}")));
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let dir = folder(tmp.path(), "nine", &files);
    let err = refused(&["templates", "check", &dir.display().to_string()]);
    assert!(err.contains("документ длиннее 16 МиБ разметки"), "{err}");
    assert!(err.contains("l9.hbs:1:1: "), "{err}");
}
