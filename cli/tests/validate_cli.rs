//! `nastavnik init` and `nastavnik validate` as a user runs them.

use std::process::Command;

fn nastavnik(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .expect("run nastavnik")
}

#[test]
fn init_then_validate_passes_with_a_summary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    let out = nastavnik(&["init".as_ref(), demo.as_os_str()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in [
        "programme.json",
        "inputs/participants.xlsx",
        "inputs/roadmap.xlsx",
        "inputs/monitoring.xlsx",
    ] {
        assert!(demo.join(f).is_file(), "{f}");
    }
    let out = nastavnik(&["validate".as_ref(), demo.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("Наставников: 12, наставляемых: 32"),
        "{stdout}"
    );
    assert!(
        stdout.contains("работодатель – ученик: пар 0, групп 2, наставляемых 9"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Дорожная карта, мероприятий по этапам: 1 — 5"),
        "{stdout}"
    );
    // validate also takes the file itself
    let out = nastavnik(&["validate".as_ref(), demo.join("programme.json").as_os_str()]);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn init_refuses_a_non_empty_folder_with_exit_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("x.txt"), "x").expect("write");
    let out = nastavnik(&["init".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("папка не пуста"));
}

#[test]
fn init_with_region_writes_it_and_rejects_an_unknown_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = dir.path().join("a");
    let out = nastavnik(&[
        "init".as_ref(),
        a.as_os_str(),
        "--region".as_ref(),
        "omsk".as_ref(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = std::fs::read_to_string(a.join("programme.json")).expect("read");
    assert!(json.contains("\"region\": \"omsk\""));
    let b = dir.path().join("b");
    let out = nastavnik(&[
        "init".as_ref(),
        b.as_os_str(),
        "--region".as_ref(),
        "atlantida".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("неизвестный региональный профиль «atlantida»"));
}

#[test]
fn broken_file_gives_exit_2_and_every_problem_on_stderr() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    assert_eq!(
        nastavnik(&["init".as_ref(), demo.as_os_str()])
            .status
            .code(),
        Some(0)
    );
    std::fs::write(demo.join("inputs/roadmap.xlsx"), b"not a workbook").expect("write");
    std::fs::remove_file(demo.join("inputs/monitoring.xlsx")).expect("rm");
    let out = nastavnik(&["validate".as_ref(), demo.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("inputs/roadmap.xlsx: файл не является книгой Excel (XLSX)"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("inputs/monitoring.xlsx: файл не найден"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

/// The example with `columns` as `/inputs/mentors/columns`.
fn demo_with_mapping(columns: serde_json::Value) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    assert_eq!(
        nastavnik(&["init".as_ref(), demo.as_os_str()])
            .status
            .code(),
        Some(0)
    );
    let path = demo.join("programme.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    json["inputs"]["mentors"]["columns"] = columns;
    std::fs::write(&path, serde_json::to_string_pretty(&json).expect("s")).expect("write");
    (dir, demo)
}

#[test]
fn a_column_left_unread_is_a_warning_and_validate_still_passes() {
    // «Телефон» read as the e-mail: the «Email» column is left unread.
    let (_dir, demo) = demo_with_mapping(serde_json::json!({
        "Телефон": "email",
        "Доп. сведения": "position"
    }));
    let out = nastavnik(&["validate".as_ref(), demo.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Наставников: 12"));
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].starts_with("предупреждение: inputs/participants.xlsx › Наставники › L2: столбец L «Email» не читается: столбец «Email» уже прочитан из столбца K «Телефон»"),
        "{stderr}"
    );
    assert!(
        lines[1].contains("(inputs.mentors.columns) столбцу «position» сопоставлен заголовок «Доп. сведения», но в строке заголовков листа его нет"),
        "{stderr}"
    );
    // check prints the same warnings on stderr, its JSON stays JSON.
    let out = nastavnik(&[
        "check".as_ref(),
        demo.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("L2: столбец L «Email» не читается"),
        "{stderr}"
    );
    serde_json::from_slice::<serde_json::Value>(&out.stdout).expect("JSON на stdout");
}

#[test]
fn a_mapping_to_a_field_the_table_has_not_is_refused_at_its_pointer() {
    let (_dir, demo) = demo_with_mapping(serde_json::json!({ "Класс/группа": "request" }));
    let out = nastavnik(&["validate".as_ref(), demo.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("programme.json › /inputs/mentors/columns/Класс~1группа: недопустимое значение «request»; допустимые: «name», «category», «position»"),
        "{stderr}"
    );
}

/// A headcount below the people the tables put in pairs would print a
/// share over 100 % («33 из 5 (660,0 %) — достигнуто»): refused at its
/// pointer, exit 2, and `generate` writes nothing.
#[test]
fn a_headcount_below_the_tables_is_refused_at_its_pointer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    assert!(nastavnik(&["init".as_ref(), demo.as_os_str()])
        .status
        .success());
    let path = demo.join("programme.json");
    let mut p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    p["organisation"]["students"] = 5.into();
    p["organisation"]["teachers"] = 2.into();
    p["organisation"]["young_teachers"] = 0.into();
    let o = p["organisation"].as_object_mut().expect("object");
    o.remove("students_10_19");
    o.remove("students_15_19");
    std::fs::write(&path, serde_json::to_string_pretty(&p).expect("json")).expect("write");
    let out = nastavnik(&["validate".as_ref(), demo.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("/organisation/students: численность обучающихся организации — 5"),
        "{stderr}"
    );
    assert!(stderr.contains("/organisation/teachers"), "{stderr}");
    let target = dir.path().join("out");
    let out = nastavnik(&[
        "generate".as_ref(),
        demo.as_os_str(),
        "--out".as_ref(),
        target.as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!target.exists(), "nothing written");
}
