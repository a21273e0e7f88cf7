//! Bounds on what a command line, a profile folder and a template may ask
//! of the machine (issue 24, class 6): `batch --jobs` in 1..=64, at most
//! 1,000 files and folders in a profile's folder (read in linear time),
//! and template work counted by steps — a loop printing nothing stops
//! within seconds, with a Russian message at the template.

mod bounded;

use bounded::{assert_refused, example, run, REFUSAL};
use std::path::Path;
use std::time::Duration;

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn batch_jobs_out_of_range_is_refused_naming_jobs() {
    let (tmp, _dir) = example();
    let out = tmp.path().join("out");
    for jobs in ["0", "65", "100000", "18446744073709551616", "два"] {
        let r = run(
            &["batch", &s(tmp.path()), "--out", &s(&out), "--jobs", jobs],
            REFUSAL,
        );
        assert_refused(&r, &format!("недопустимое значение «{jobs}» для --jobs"));
        assert!(
            r.stderr.contains("от 1 до 64") && !r.stderr.contains("panic"),
            "{}",
            r.stderr
        );
        assert!(!out.exists());
    }
}

#[test]
fn a_profile_folder_of_too_many_files_is_refused_at_once() {
    let (tmp, dir) = example();
    let rules = tmp.path().join("rules");
    // Nested: one folder per file, the shape that took time growing with
    // the square of their number.
    for i in 0..600 {
        let d = rules.join(format!("d{i}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("x.rhai"), "fn rules() { [] }\n").unwrap();
    }
    for args in [
        vec!["check".to_owned(), s(&dir), "--rules".to_owned(), s(&rules)],
        vec![
            "rules".to_owned(),
            "list".to_owned(),
            "--rules".to_owned(),
            s(&rules),
        ],
    ] {
        let r = run(&args, REFUSAL);
        assert_refused(
            &r,
            &format!(
                "{}: в папке профиля (с подпапками) больше 1000 файлов и папок",
                rules.display()
            ),
        );
    }
    // A region folder's templates too.
    let region = tmp.path().join("region");
    let templates = region.join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    for i in 0..1001 {
        std::fs::write(templates.join(format!("note-{i}.txt")), "").unwrap();
    }
    let r = run(
        &[
            "templates",
            "check",
            "--region",
            &s(&region),
            "--programme",
            &s(&dir),
        ],
        REFUSAL,
    );
    assert_refused(&r, "больше 1000 файлов и папок");

    // At the limit, a folder loads, and fast: 500 folders of one file.
    let fine = tmp.path().join("fine");
    for i in 0..499 {
        let d = fine.join(format!("d{i}"));
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join("x.rhai"), "fn rules() { [] }\n").unwrap();
    }
    let r = run(&["rules", "list", "--rules", &s(&fine)], REFUSAL * 2);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn a_template_looping_without_printing_stops_at_its_step_limit() {
    let (tmp, dir) = example();
    let templates = tmp.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    // Ten loops over the roadmap (its seven stages): about 3·10⁸ passes,
    // printing nothing, so the output limit never trips.
    let open = "{{#each @root.roadmap}}".repeat(10);
    let close = "{{/each}}".repeat(10);
    std::fs::write(
        templates.join("programme.hbs"),
        format!("<document>\n<p>Программа</p>\n{open}{close}\n</document>\n"),
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--templates",
            &s(&templates),
            "--only",
            "programme",
        ],
        Duration::from_secs(30),
    );
    assert_refused(
        &r,
        &format!("{}:3:", templates.join("programme.hbs").display()),
    );
    assert!(
        r.stderr
            .contains("шаблон сделал больше 2\u{a0}000\u{a0}000 шагов"),
        "{}",
        r.stderr
    );
    assert!(r.elapsed < Duration::from_secs(20), "{:?}", r.elapsed);
    assert!(!out.exists());
}
