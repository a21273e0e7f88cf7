//! `batch --compare PREV_OUT`: the previous batch.json is read bounded in
//! size and checked whole before any school is read — types, ranges,
//! finite numbers, no control or bidirectional characters, known
//! indicators once each, a share that is what its counts give — and
//! refused in Russian at its JSON pointer (exit 2); nothing of its text
//! reaches a document. Each run is bounded in time and memory.

mod bounded;

use bounded::{assert_refused, run, REFUSAL};
use std::path::{Path, PathBuf};
use std::time::Duration;

const BATCH: Duration = Duration::from_secs(180);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// A region of two schools and its batch's OUT.
fn region() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let reg = tmp.path().join("reg");
    let r = run(&["init", &s(&reg), "--schools", "2"], BATCH);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let out = tmp.path().join("o1");
    let r = run(&["batch", &s(&reg), "--out", &s(&out)], BATCH);
    assert!(r.code == Some(0) || r.code == Some(1), "{}", r.stderr);
    (tmp, reg, out)
}

/// PREV_OUT holding `batch` (the good batch.json edited by `edit`).
fn edited(
    tmp: &Path,
    good: &serde_json::Value,
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> PathBuf {
    let mut b = good.clone();
    edit(&mut b);
    let dir = tmp.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("batch.json"), serde_json::to_string(&b).unwrap()).unwrap();
    dir
}

#[test]
fn a_hostile_previous_batch_json_is_refused_at_its_pointer_before_any_school() {
    let (tmp, reg, out) = region();
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("batch.json")).unwrap()).unwrap();
    let t = tmp.path();
    let cases: Vec<(PathBuf, &str)> = vec![
        (
            edited(t, &good, "bidi", |b| {
                b["indicators"][0]["percent_text"] = "\u{202e}99 %".into();
            }),
            "batch.json › /indicators/0/percent_text: --compare: текст содержит управляющий или невидимый символ U+202E",
        ),
        (
            edited(t, &good, "huge", |b| {
                b["indicators"][0]["percent"] = serde_json::json!(1e308);
            }),
            "batch.json › /indicators/0/percent: --compare: доля должна быть числом от 0 до 100, а не 1e+308",
        ),
        (
            edited(t, &good, "negative", |b| {
                b["indicators"][1]["covered"] = serde_json::json!(-5);
            }),
            "batch.json › /indicators/1/covered: --compare: covered должно быть целым числом от 0 до 1 000 000 000, а не -5",
        ),
        (
            edited(t, &good, "string", |b| {
                b["indicators"][2]["percent"] = "abc".into();
            }),
            "batch.json › /indicators/2/percent: --compare: доля должна быть числом от 0 до 100, а не \"abc\"",
        ),
        (
            edited(t, &good, "flip", |b| {
                b["indicators"][0]["count"] = true.into();
            }),
            "batch.json › /indicators/0/count: --compare: показатель «Дети от 10 до 19 лет, вовлечённые в наставничество» — доля (count = false), а в batch.json count = true",
        ),
        (
            edited(t, &good, "inconsistent", |b| {
                b["indicators"][2]["percent"] = serde_json::json!(50.0);
            }),
            "batch.json › /indicators/2/percent: --compare: доля 50 не равна covered из of",
        ),
        (
            edited(t, &good, "duplicate", |b| {
                let first = b["indicators"][0].clone();
                b["indicators"].as_array_mut().unwrap().push(first);
            }),
            "указан дважды",
        ),
        (
            edited(t, &good, "renamed", |b| {
                b["indicators"][3]["title"] = "Педагоги (старое)".into();
            }),
            "batch.json › /indicators/3/title: --compare: неизвестный показатель «Педагоги (старое)»",
        ),
        (
            edited(t, &good, "not-a-list", |b| {
                b["indicators"] = "все".into();
            }),
            "batch.json › /indicators: --compare: показатели должны быть списком",
        ),
    ];
    for (prev, expected) in cases {
        let o = t.join(format!(
            "out-{}",
            prev.file_name().unwrap().to_string_lossy()
        ));
        let r = run(
            &["batch", &s(&reg), "--out", &s(&o), "--compare", &s(&prev)],
            REFUSAL,
        );
        assert_refused(&r, expected);
        assert!(!o.exists(), "refused before anything is written");
        assert!(
            !r.stdout.contains("school-"),
            "before any school: {}",
            r.stdout
        );
    }
}

#[test]
fn a_previous_batch_json_over_its_limit_is_refused_before_parsing() {
    let tmp = tempfile::tempdir().unwrap();
    let reg = tmp.path().join("reg");
    let r = run(&["init", &s(&reg), "--schools", "1"], BATCH);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let prev = tmp.path().join("prev");
    std::fs::create_dir_all(&prev).unwrap();
    // 40 MB: one long text in an indicator, as an attacker writes it.
    let long = "x".repeat(40 << 20);
    std::fs::write(
        prev.join("batch.json"),
        format!("{{\"indicators\": [{{\"title\": \"{long}\"}}]}}"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = run(
        &["batch", &s(&reg), "--out", &s(&out), "--compare", &s(&prev)],
        REFUSAL,
    );
    assert_refused(
        &r,
        "batch.json: --compare: не удалось прочитать batch.json прошлого запуска: файл слишком велик",
    );
    assert!(r.peak_kib < 200 * 1024, "{} KiB", r.peak_kib);
    assert!(!out.exists());
}
