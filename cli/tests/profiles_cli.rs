//! Regions as folders and `check --explain`, on the binary: a
//! methodologist's region folder named in programme.json (its parameters,
//! its own rule, its template), refused when unknown, recorded in the
//! manifest, protected from `--out`; one rule's verdict explained record
//! by record.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
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

/// The example school in `dir/school`, its programme.json naming `region`.
fn school(dir: &Path, region: Option<&str>) -> PathBuf {
    let school = dir.join("school");
    let o = nastavnik(&["init", &school.display().to_string()]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    if let Some(region) = region {
        let path = school.join("programme.json");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
        json["region"] = serde_json::Value::String(region.to_owned());
        write(
            &path,
            &serde_json::to_string_pretty(&json).unwrap_or_else(|e| panic!("{e}")),
        );
    }
    school
}

/// A region folder: a stricter young-specialist limit with its act, the
/// pupils' council rule switched off, a rule of its own, an order's
/// template replaced.
fn tyumen(dir: &Path) -> PathBuf {
    let region = dir.join("tyumen");
    write(
        &region.join("rules/params.json"),
        r#"{
  "young_specialist_max_experience_years": {"value": 1, "basis": "Приказ Департамента образования Тюменской области от 01.02.2025 № 17"},
  "disabled": ["stage1.council"]
}"#,
    );
    write(
        &region.join("rules/tyumen.rhai"),
        r#"fn rules() {
    [#{ id: "tyumen.curator-named", stage: 1, severity: "warning",
        title: "Куратор назван полностью",
        basis: "Приказ Департамента образования Тюменской области от 01.02.2025 № 17, п. 3",
        check: "curator_named" }]
}
fn curator_named() {
    if model.curator.name.split(" ").len() < 3 {
        return [at("/curator/name", "Куратор назван не полностью")];
    }
    [note("Тюменский профиль: куратор проверен")]
}
"#,
    );
    let base = include_str!("../../templates/order-curator.hbs");
    write(
        &region.join("templates/order-curator.hbs"),
        &base.replacen("<p", "<p>Тюменская область</p>\n<p", 1),
    );
    region
}

#[test]
fn a_region_folder_named_in_programme_json_is_the_profile() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    tyumen(tmp.path());
    let school = school(tmp.path(), Some("../tyumen"));
    let s = school.display().to_string();

    let o = nastavnik(&["validate", &s]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));

    let o = nastavnik(&["check", &s, "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&out(&o)).unwrap_or_else(|e| panic!("{e}: {}", out(&o)));
    let text = json.to_string();
    assert!(
        text.contains("Тюменский профиль: куратор проверен"),
        "the region's own rule runs"
    );
    assert!(
        text.contains("Приказ Департамента образования Тюменской области от 01.02.2025 № 17"),
        "the region's act is the basis of its number"
    );
    let ids: Vec<&str> = json["rules"]
        .as_array()
        .map(|r| r.iter().filter_map(|r| r["id"].as_str()).collect())
        .unwrap_or_default();
    assert!(ids.contains(&"tyumen.curator-named"), "{ids:?}");
    assert!(!ids.contains(&"stage1.council"), "switched off: {ids:?}");

    // Its own rule in `rules list`, reached by the folder on the command line.
    let region = tmp.path().join("tyumen").display().to_string();
    let o = nastavnik(&["rules", "list", "--region", &region]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(out(&o).contains("tyumen.curator-named"), "{}", out(&o));
    assert!(
        out(&o).contains(
            "отключены: «Вопрос о внедрении рассмотрен педагогическим советом» (stage1.council)"
        ),
        "{}",
        out(&o)
    );

    // generate: the region's template is used and the manifest names the
    // folders and the hash of every file read from them.
    let pkg = tmp.path().join("pkg");
    let o = nastavnik(&[
        "generate",
        &s,
        "--out",
        &pkg.display().to_string(),
        "--only",
        "order-curator",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(pkg.join("manifest.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let profile = &manifest["profile"];
    assert_eq!(profile["region"], "../tyumen");
    assert_eq!(profile["region_kind"], "folder");
    let folders = profile["folders"].as_array().cloned().unwrap_or_default();
    let names: Vec<String> = folders
        .iter()
        .map(|f| f["folder"].as_str().unwrap_or("").to_owned())
        .collect();
    assert_eq!(names, ["../tyumen/rules", "../tyumen/templates"]);
    let files: Vec<(String, String)> = folders
        .iter()
        .flat_map(|f| f["files"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["name"].as_str().unwrap_or("").to_owned(),
                f["sha256"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let hash = |p: &Path| {
        use sha2::Digest;
        let bytes = std::fs::read(p).unwrap_or_else(|e| panic!("{e}"));
        sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    };
    let t = tmp.path().join("tyumen");
    assert_eq!(
        files,
        [
            ("params.json".to_owned(), hash(&t.join("rules/params.json"))),
            ("tyumen.rhai".to_owned(), hash(&t.join("rules/tyumen.rhai"))),
            (
                "order-curator.hbs".to_owned(),
                hash(&t.join("templates/order-curator.hbs"))
            ),
        ]
    );
    let docx = std::fs::read(pkg.join("order-curator.docx")).unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/document.xml")
            .unwrap_or_else(|e| panic!("{e}")),
        &mut xml,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(xml.contains("Тюменская область"), "the region's template");
}

#[test]
fn out_may_not_hold_the_region_folder() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let region = tyumen(tmp.path());
    let school = school(tmp.path(), Some("../tyumen"));
    for out_dir in [region.clone(), region.join("templates")] {
        let o = nastavnik(&[
            "generate",
            &school.display().to_string(),
            "--out",
            &out_dir.display().to_string(),
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(2), "{}", err(&o));
        assert!(
            err(&o).contains("содержит входные данные программы (папку")
                && err(&o).contains("tyumen"),
            "{}",
            err(&o)
        );
    }
    assert!(
        region.join("rules/tyumen.rhai").is_file(),
        "nothing removed"
    );
    assert!(region.join("templates/order-curator.hbs").is_file());
}

#[test]
fn an_unknown_region_is_refused_at_region_naming_the_known_ones() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let s = school(tmp.path(), Some("omks")).display().to_string();
    for command in [vec!["validate", &s], vec!["check", &s]] {
        let o = nastavnik(&command);
        assert_eq!(o.status.code(), Some(2), "{command:?}: {}", err(&o));
        let e = err(&o);
        assert!(e.contains("› /region"), "{e}");
        assert!(e.contains("неизвестный региональный профиль «omks»"), "{e}");
        assert!(e.contains("встроенные профили: omsk"), "{e}");
        assert!(e.contains("возможно, имелось в виду «omsk»"), "{e}");
    }
    // A folder with neither rules/ nor templates/ is a mistake, not a profile.
    std::fs::create_dir_all(tmp.path().join("empty")).unwrap_or_else(|e| panic!("{e}"));
    let plain = school(&tmp.path().join("b"), None).display().to_string();
    let empty = tmp.path().join("empty").display().to_string();
    let o = nastavnik(&["check", &plain, "--region", &empty]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("нет ни rules/, ни templates/"),
        "{}",
        err(&o)
    );
}

#[test]
fn explain_shows_each_record_read_and_its_verdict() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    tyumen(tmp.path());
    let school = school(tmp.path(), Some("../tyumen"));
    let s = school.display().to_string();
    let o = nastavnik(&[
        "check",
        &s,
        "--explain",
        "stage5.young-specialist-experience",
    ]);
    // A warning: exit 0, as `check` gives for warnings.
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.starts_with("Правило stage5.young-specialist-experience (этап 5)"));
    assert!(text.contains("Вердикт: нарушено"), "{text}");
    assert!(
        text.contains("young_specialist_max_experience_years = 1 — Приказ Департамента образования Тюменской области от 01.02.2025 № 17"),
        "the value in force and its act: {text}"
    );
    // The mentee with 2 years, at its row and cell, and one with 0 years
    // that passed.
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("no «{needle}» in {text}"))
    };
    let failed =
        at("Наставляемые › строка 5, наставляемый (model.mentees[2]): experience = 2; name");
    assert!(lines[failed + 1].contains("предупреждение:"), "{text}");
    assert!(lines[failed + 1].contains("Наставляемые › E5"), "{text}");
    let passed =
        at("Наставляемые › строка 3, наставляемый (model.mentees[0]): experience = 0; name");
    assert_eq!(lines[passed + 1].trim(), "без замечаний");
}

#[test]
fn explain_refuses_an_unknown_or_switched_off_rule() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    tyumen(tmp.path());
    let school = school(tmp.path(), Some("../tyumen"));
    let s = school.display().to_string();
    let o = nastavnik(&["check", &s, "--explain", "stage3.mentor-consnt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("неизвестное правило «stage3.mentor-consnt»; возможно, имелось в виду «stage3.mentor-consent»"),
        "{}",
        err(&o)
    );
    let o = nastavnik(&["check", &s, "--explain", "stage1.council"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("отключено"), "{}", err(&o));
}

#[test]
fn rules_fields_prints_the_list_rules_readme_carries() {
    let o = nastavnik(&["rules", "fields"]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let list = out(&o);
    assert!(
        list.contains("model.mentees[].experience — число"),
        "{list}"
    );
    let between = |readme: &str, what: &str| {
        let begin = format!("<!-- {what} fields: begin -->\n");
        let start = readme.find(&begin).map(|i| i + begin.len()).unwrap_or(0);
        let end = readme
            .find(&format!("<!-- {what} fields: end -->"))
            .unwrap_or(0);
        readme[start..end].to_owned()
    };
    let rules = between(include_str!("../../rules/README.md"), "rules");
    let templates = between(include_str!("../../templates/README.md"), "templates");
    assert!(rules.len() > 1000 && templates.len() > 1000);
    assert_eq!(
        list,
        format!(
            "Правила (model.…, figures.…):\n{rules}\nШаблоны ({{{{…}}}} в контексте документа):\n{templates}"
        )
    );
}

#[test]
fn rules_test_runs_every_case_and_names_missing_cases_of_its_folder_only() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let region = tyumen(tmp.path());
    let cases = region.join("tests");
    write(
        &cases.join("a-broken.json"),
        r#"{"title": "сломанный", "rules": "../rules", "patch": [{"op": "replace", "path": "/nope/0", "value": 1}]}"#,
    );
    write(&cases.join("b-not-json.json"), "{ нет");
    write(
        &cases.join("c-short-name.json"),
        r#"{"title": "куратор проверен", "rules": "../rules", "expect": [{"rule": "tyumen.curator-named"}]}"#,
    );
    let o = nastavnik(&["rules", "test", &cases.display().to_string()]);
    // Cases that cannot run are invalid input: exit 2, and said on stderr.
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("a-broken.json") && err(&o).contains("b-not-json.json"),
        "{}",
        err(&o)
    );
    let text = out(&o);
    assert!(
        text.contains("✗ ") && text.contains("a-broken.json") && text.contains("/patch/0"),
        "{text}"
    );
    assert!(text.contains("b-not-json.json:1:"), "{text}");
    assert!(
        text.contains("✓ ") && text.contains("c-short-name.json"),
        "{text}"
    );
    assert!(text.contains("Пройдено 1 из 3 случаев."), "{text}");
    // Only the folder's own rule lacks a case where it stays silent.
    assert!(
        text.contains("Правила без случая, в котором они не срабатывают: tyumen.curator-named\n"),
        "{text}"
    );
    assert!(!text.contains("в котором они срабатывают"), "{text}");
    assert!(
        !text.contains("stage1."),
        "base rules are not under test: {text}"
    );
}

#[test]
fn batch_resolves_each_schools_region_folder_from_its_programme() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    tyumen(tmp.path());
    let schools = tmp.path().join("schools");
    school(&schools, Some("../../tyumen"));
    let out_dir = tmp.path().join("out");
    let o = nastavnik(&[
        "batch",
        &schools.display().to_string(),
        "--out",
        &out_dir.display().to_string(),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", err(&o));
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("school/manifest.json"))
            .unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(manifest["profile"]["region"], "../../tyumen");
    assert_eq!(manifest["profile"]["region_kind"], "folder");
}

#[test]
fn batch_takes_a_region_folder_for_every_school_and_its_summary() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let region = tyumen(tmp.path());
    write(
        &region.join("rules/params.json"),
        r#"{"region_name": "Тюменская область", "disabled": ["stage1.council"],
  "regional_centre_head": {"position": "Руководитель регионального наставнического центра", "name": "Соколова Анна Петровна"}}"#,
    );
    let schools = tmp.path().join("schools");
    school(&schools, None);
    let out_dir = tmp.path().join("out");
    let o = nastavnik(&[
        "batch",
        &schools.display().to_string(),
        "--out",
        &out_dir.display().to_string(),
        "--region",
        &region.display().to_string(),
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", err(&o));
    let docx = std::fs::read(out_dir.join("region-summary.docx")).unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/document.xml")
            .unwrap_or_else(|e| panic!("{e}")),
        &mut xml,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(
        xml.contains("Тюменская область"),
        "the region's name from its folder"
    );
    // Signed by the head the region's parameters name.
    let spaced = xml.replace('\u{a0}', " ");
    assert!(
        spaced.contains("Руководитель регионального наставнического центра")
            && spaced.contains("А. П. Соколова"),
        "{xml}"
    );

    // A region that does not exist stops the run before any school.
    let o = nastavnik(&[
        "batch",
        &schools.display().to_string(),
        "--out",
        &tmp.path().join("out2").display().to_string(),
        "--region",
        "./nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("--region") && !err(&o).contains("[1/"),
        "{}",
        err(&o)
    );
    assert!(!tmp.path().join("out2").exists());
}

#[test]
fn a_profile_file_saved_with_a_byte_order_mark_is_read() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let rules = tmp.path().join("r");
    write(
        &rules.join("params.json"),
        "\u{feff}{\"min_mentee_age\": 11}",
    );
    let p = school(tmp.path(), None);
    let o = nastavnik(&[
        "check",
        &p.display().to_string(),
        "--rules",
        &rules.display().to_string(),
        "--format",
        "json",
    ]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", err(&o));
    let report: serde_json::Value =
        serde_json::from_str(&out(&o)).unwrap_or_else(|e| panic!("{e}"));
    let age = report["profile"]["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == "min_mentee_age")
        .map(|p| p["value"].clone());
    assert_eq!(
        age,
        Some(serde_json::json!(11)),
        "the file's value is in force"
    );
}
