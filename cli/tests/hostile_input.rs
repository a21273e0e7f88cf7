//! Hostile files and command lines: each refused with exit 2 and a Russian
//! message naming its place, within 5 s and 1 GiB (see `bounded`), never
//! blocking on a FIFO nor reading a device.

mod bounded;

use bounded::{assert_refused, example, mkfifo, run, REFUSAL};
use serde_json::Value;
use std::path::Path;

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn edit_programme(dir: &Path, edit: impl FnOnce(&mut Value)) {
    let path = dir.join("programme.json");
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
}

const FIFO: &str = "это именованный канал (FIFO), а не обычный файл";
const DEVICE: &str = "это устройство, а не обычный файл";

#[test]
fn programme_json_as_a_fifo_a_device_or_a_folder_is_refused_at_once() {
    let (_tmp, dir) = example();
    let programme = dir.join("programme.json");
    std::fs::remove_file(&programme).unwrap();
    mkfifo(&programme);
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(&r, &format!("{}: {FIFO}", programme.display()));

    let r = run(&["validate", "/dev/zero"], REFUSAL);
    assert_refused(&r, &format!("/dev/zero: {DEVICE}"));

    std::fs::remove_file(&programme).unwrap();
    std::fs::create_dir(&programme).unwrap();
    let r = run(&["check", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!("{}: это папка, а не обычный файл", programme.display()),
    );
}

#[test]
fn a_huge_programme_json_is_refused_by_its_size_before_parsing() {
    let (_tmp, dir) = example();
    let programme = dir.join("programme.json");
    let text = std::fs::read_to_string(&programme).unwrap();
    // A 200 MB array in an unknown field, written in pieces.
    let mut f = std::io::BufWriter::new(std::fs::File::create(&programme).unwrap());
    use std::io::Write;
    let head = text.trim_end().strip_suffix('}').unwrap();
    write!(f, "{head}, \"junk\": [0").unwrap();
    let chunk = ",0".repeat(1 << 20);
    for _ in 0..100 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    f.write_all(b"]}\n").unwrap();
    f.flush().unwrap();
    drop(f);
    let size = std::fs::metadata(&programme).unwrap().len();
    assert!(size > 200_000_000, "{size}");
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!("{}: файл слишком велик: ", programme.display()),
    );
    assert!(
        r.stderr
            .contains("а для programme.json допускается не больше 10 МиБ"),
        "{}",
        r.stderr
    );
    assert!(r.peak_kib < 64 * 1024, "read nothing: {} KiB", r.peak_kib);
}

#[test]
fn an_input_table_as_a_fifo_or_a_device_is_refused_at_its_file() {
    let (_tmp, dir) = example();
    mkfifo(&dir.join("inputs/pipe.xlsx"));
    edit_programme(&dir, |v| {
        v["inputs"]["mentors"]["file"] = "inputs/pipe.xlsx".into();
        v["inputs"]["roadmap"]["file"] = "/dev/zero".into();
    });
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(&r, &format!("inputs/pipe.xlsx: {FIFO}"));
    assert_refused(&r, &format!("/dev/zero: {DEVICE}"));
}

#[test]
fn a_rule_file_params_or_case_as_a_fifo_or_a_device_is_refused() {
    let (tmp, dir) = example();
    let rules = tmp.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    mkfifo(&rules.join("x.rhai"));
    let r = run(&["check", &s(&dir), "--rules", &s(&rules)], REFUSAL);
    assert_refused(&r, &format!("{}: {FIFO}", rules.join("x.rhai").display()));
    let r = run(&["rules", "list", "--rules", &s(&rules)], REFUSAL);
    assert_refused(&r, FIFO);

    std::fs::remove_file(rules.join("x.rhai")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", rules.join("zero.rhai")).unwrap();
    let r = run(&["check", &s(&dir), "--rules", &s(&rules)], REFUSAL);
    assert_refused(
        &r,
        &format!("{}: {DEVICE}", rules.join("zero.rhai").display()),
    );
    std::fs::remove_file(rules.join("zero.rhai")).unwrap();

    mkfifo(&rules.join("params.json"));
    let r = run(&["check", &s(&dir), "--rules", &s(&rules)], REFUSAL);
    assert_refused(
        &r,
        &format!("{}: {FIFO}", rules.join("params.json").display()),
    );

    let cases = tmp.path().join("cases");
    std::fs::create_dir(&cases).unwrap();
    mkfifo(&cases.join("case.json"));
    let r = run(&["rules", "test", &s(&cases)], REFUSAL);
    assert_refused(
        &r,
        &format!("{}: {FIFO}", cases.join("case.json").display()),
    );
}

#[test]
fn a_template_as_a_fifo_or_a_device_is_refused() {
    let (tmp, dir) = example();
    let templates = tmp.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    mkfifo(&templates.join("order-curator.hbs"));
    let out = tmp.path().join("out");
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--templates",
            &s(&templates),
        ],
        REFUSAL,
    );
    assert_refused(
        &r,
        &format!("{}: {FIFO}", templates.join("order-curator.hbs").display()),
    );
    assert!(!out.exists());
    std::fs::remove_file(templates.join("order-curator.hbs")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", templates.join("order-curator.hbs")).unwrap();
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--templates",
            &s(&templates),
        ],
        REFUSAL,
    );
    assert_refused(&r, DEVICE);
    assert!(!out.exists());
}

#[test]
fn numbers_out_of_range_are_named_at_their_pointer_in_russian() {
    let (_tmp, dir) = example();
    let programme = dir.join("programme.json");
    let text = std::fs::read_to_string(&programme).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    v["organisation"]["students"] = 1.into();
    v["organisation"]["teachers"] = 2.into();
    let text = serde_json::to_string_pretty(&v)
        .unwrap()
        .replace("\"students\": 1,", "\"students\": 1e30,")
        .replace("\"teachers\": 2", "\"teachers\": 18446744073709551616");
    std::fs::write(&programme, text).unwrap();
    let r = run(&["validate", &s(&dir)], REFUSAL);
    let shown = programme.display();
    assert_refused(
        &r,
        &format!("{shown} › /organisation/students: значение 1e+30 больше допустимого (1000000)"),
    );
    assert_refused(
        &r,
        &format!("{shown} › /organisation/teachers: значение 1.8446744073709552e+19 больше допустимого (100000)"),
    );
    assert!(!r.stderr.contains("invalid"), "no serde text: {}", r.stderr);
}

/// Usage errors in Russian: what is wrong, the usage line, where to read
/// more; exit code 2; none of clap's English.
#[test]
fn usage_errors_are_russian_with_exit_code_2() {
    let cases: &[(&[&str], &str)] = &[
        (&["gen"], "ошибка: неизвестная команда «gen»; возможно, имелось в виду «generate»"),
        (&["generate", "p"], "ошибка: не указан обязательный аргумент --out <OUT>"),
        (&["generate", "p", "--out"], "ошибка: не указано значение для --out <OUT>"),
        (
            &["check", "p", "--format", "xml"],
            "ошибка: недопустимое значение «xml» для --format <FORMAT>; допустимые: text, json, sarif",
        ),
        (
            &["check", "p", "--stage", "9"],
            "ошибка: недопустимое значение «9» для --stage <STAGE>: ожидается номер этапа от 1 до 7",
        ),
        (
            &["generate", "p", "--out", "o", "--frce"],
            "ошибка: неизвестный параметр «--frce»; возможно, имелось в виду «--force»",
        ),
        (&["validate", "a", "b"], "ошибка: лишний аргумент «b»"),
        (&["generate", "p", "--out", "a", "--out", "b"], "ошибка: --out <OUT> указан больше одного раза"),
        (&["rules"], "ошибка: не указана команда"),
    ];
    for (args, expected) in cases {
        let r = run(args, REFUSAL);
        assert_refused(&r, expected);
        for english in [
            "error:",
            "Usage:",
            "tip:",
            "For more information",
            "[OPTIONS]",
        ] {
            assert!(!r.stderr.contains(english), "{english:?} in {}", r.stderr);
        }
        assert!(
            r.stderr.contains("Использование: nastavnik"),
            "{}",
            r.stderr
        );
    }
    let r = run(&["check", "p", "--stage", "9"], REFUSAL);
    assert!(
        r.stderr.ends_with("Использование: nastavnik check [ПАРАМЕТРЫ] <PROGRAMME>\n\nПодробнее: nastavnik check --help\n"),
        "{}",
        r.stderr
    );
    let r = run(&["generate", "--help"], REFUSAL);
    assert_eq!(r.code, Some(0));
    for russian in [
        "Использование:",
        "Аргументы:",
        "Параметры:",
        "Показать справку",
    ] {
        assert!(r.stdout.contains(russian), "{russian:?} in {}", r.stdout);
    }
}

/// Symlinks back up a rules folder (`a -> .`, three of them: 3^40 paths
/// before the kernel's symlink limit) are each read once.
#[test]
fn symlink_loops_in_a_rules_folder_end_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let rules = tmp.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    for name in ["a", "b", "c"] {
        std::os::unix::fs::symlink(".", rules.join(name)).unwrap();
    }
    std::fs::write(
        rules.join("own.rhai"),
        "fn rules() { [#{ id: \"own.x\", stage: 1, severity: \"info\", title: \"своё\", basis: \"методист\", check: \"x\" }] }\nfn x() { [] }\n",
    )
    .unwrap();
    let r = run(&["rules", "list", "--rules", &s(&rules)], REFUSAL);
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout.matches("own.x").count(), 1, "{}", r.stdout);
}
