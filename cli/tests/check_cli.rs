//! `nastavnik check` and `nastavnik rules` end to end: the example from
//! `init`, one consent changed in the real XLSX, formats, exit codes,
//! broken user rules, the built-in rule cases.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn init(dir: &Path) -> String {
    let p = dir.join("p");
    let path = p.display().to_string();
    let o = nastavnik(&["init", &path]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    path
}

/// Replaces every «да» in one row of the first sheet («Наставники») of
/// participants.xlsx with «нет», as a user would in a spreadsheet program.
fn say_no_in_row(xlsx: &Path, row: u32) {
    let bytes = std::fs::read(xlsx).unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap_or_else(|e| panic!("{e}"));
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap_or_else(|e| panic!("{e}"));
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap_or_else(|e| panic!("{e}"));
        let name = f
            .name()
            .map(|n| n.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        parts.push((name, data));
    }
    let text = |name: &str| {
        parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
            .unwrap_or_default()
    };
    let workbook = text("xl/workbook.xml");
    assert!(workbook.find("Наставники") < workbook.find("Наставляемые"));
    let yes = text("xl/sharedStrings.xml")
        .split("<si>")
        .skip(1)
        .position(|si| si.starts_with("<t>да</t>"))
        .unwrap_or_else(|| panic!("no «да» in shared strings"));
    let sheet = text("xl/worksheets/sheet1.xml");
    let start = sheet
        .find(&format!("<row r=\"{row}\""))
        .unwrap_or_else(|| panic!("row"));
    let end = start
        + sheet[start..]
            .find("</row>")
            .unwrap_or_else(|| panic!("row end"));
    let old = &sheet[start..end];
    let new = old.replace(
        &format!("t=\"s\"><v>{yes}</v></c>"),
        "t=\"inlineStr\"><is><t>нет</t></is></c>",
    );
    assert_ne!(old, new, "row {row} holds no «да»");
    let sheet = format!("{}{}{}", &sheet[..start], new, &sheet[end..]);
    let out = std::fs::File::create(xlsx).unwrap_or_else(|e| panic!("{e}"));
    let mut w = zip::ZipWriter::new(out);
    for (name, data) in parts {
        w.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap_or_else(|e| panic!("{e}"));
        let data = if name == "xl/worksheets/sheet1.xml" {
            sheet.as_bytes().to_vec()
        } else {
            data
        };
        w.write_all(&data).unwrap_or_else(|e| panic!("{e}"));
    }
    w.finish().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn example_reports_all_seven_stages() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(dir.path());
    let o = nastavnik(&["check", &p]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "the final-event and rewards orders are not registered yet"
    );
    let text = stdout(&o);
    for n in 1..=7 {
        assert!(text.contains(&format!("Этап {n}.")), "{text}");
    }
    assert!(text.contains("stage7.order-rewards"), "{text}");

    let o = nastavnik(&["check", &p, "--format", "json"]);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(j["stages"].as_array().map(Vec::len), Some(7));
    assert_eq!(j["stages"][2]["complete"], true);
    assert_eq!(j["stages"][6]["complete"], false);

    let o = nastavnik(&["check", &p, "--format", "sarif", "--stage", "7"]);
    let s: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s["version"], "2.1.0");
    assert!(s["runs"][0]["results"]
        .as_array()
        .is_some_and(|r| r.iter().all(|x| x["properties"]["stage"] == 7)));

    // Only stage 3 asked for: complete, exit 0.
    let o = nastavnik(&["check", &p, "--stage", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn a_no_in_one_row_of_the_table_is_pointed_at() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(dir.path());
    say_no_in_row(&Path::new(&p).join("inputs/participants.xlsx"), 7);
    // A «нет» is a refusal: a right, not a violation (exit 0), and the
    // mentor is left out of every document (hold_back).
    let o = nastavnik(&["check", &p, "--format", "json", "--stage", "3"]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let f = &j["findings"];
    assert_eq!(f.as_array().map(Vec::len), Some(1), "{f:#}");
    assert_eq!(f[0]["rule"], "stage3.consent-refused");
    assert_eq!(f[0]["severity"], "info");
    assert_eq!(f[0]["stage"], 3);
    assert_eq!(f[0]["source"]["sheet"], "Наставники");
    assert_eq!(f[0]["source"]["row"], 7);
    // The cell holding the «нет», with its column as the sheet heads it.
    assert_eq!(f[0]["source"]["cell"], "F7");
    assert_eq!(f[0]["source"]["column"], "Согласие на обработку ПДн");
    let text = stdout(&nastavnik(&["check", &p, "--stage", "3"]));
    assert!(
        text.contains("participants.xlsx › Наставники › F7 («Согласие на обработку ПДн»)"),
        "{text}"
    );
}

#[test]
fn broken_user_rules_exit_2_naming_the_place() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(dir.path());
    let rules = dir.path().join("my-rules");
    std::fs::create_dir(&rules).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(rules.join("loop.rhai"), "fn rules() {\n  [#{ id: \"my.loop\", stage: 1, severity: \"error\", title: \"t\", basis: \"b\", check: \"spin\" }]\n}\nfn spin() {\n  loop { }\n}\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let started = std::time::Instant::now();
    let o = nastavnik(&["check", &p, "--rules", &rules.display().to_string()]);
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("loop.rhai:4:1") && err.contains("my.loop"),
        "{err}"
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn rules_list_and_builtin_cases() {
    let o = nastavnik(&["rules", "list", "--region", "omsk"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(
        text.contains("stage7.omsk-regional-centre-report"),
        "{text}"
    );
    assert!(text.contains("с 01.03.2025"), "{text}");
    assert!(
        text.contains("отключены: «Охват наставничеством не ниже целевого» (stage7.coverage)"),
        "{text}"
    );
    let o = nastavnik(&["rules", "list", "--region", "atlantis"]);
    assert_eq!(o.status.code(), Some(2));

    let o = nastavnik(&["rules", "test"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(!stdout(&o).contains("Правила без случая"), "{}", stdout(&o));
}

#[test]
fn an_auditor_sees_every_rule_in_every_format() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let p = init(tmp.path());
    // JSON names the school, the profile and the parameters in force.
    let o = nastavnik(&["check", &p, "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert!(json["organisation"]
        .as_str()
        .is_some_and(|s| s.contains("школа")));
    assert!(json["programme"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(json["profile"]["params"]["adult_age"], 18);
    let rules = json["rules"].as_array().map_or(0, Vec::len);
    assert!(rules > 30);

    // SARIF: a result for every rule, passed ones as `kind: pass`.
    let o = nastavnik(&["check", &p, "--format", "sarif"]);
    let sarif: serde_json::Value =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}"));
    let results = sarif["runs"][0]["results"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let passed: Vec<&serde_json::Value> = results.iter().filter(|r| r["kind"] == "pass").collect();
    assert!(passed
        .iter()
        .any(|r| r["ruleId"] == "stage1.order-implementation"));
    let ids: std::collections::BTreeSet<&str> = results
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert_eq!(ids.len(), rules, "every rule has a result");

    // JUnit: a test case per rule in force, a failure per failed rule.
    let o = nastavnik(&["check", &p, "--format", "junit"]);
    assert_eq!(o.status.code(), Some(1));
    let xml = stdout(&o);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}: {xml}"));
    let cases = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .count();
    let in_force = json["summary"]["rules_in_force"].as_u64().unwrap_or(0);
    assert_eq!(cases as u64, in_force);
    let failed_case = doc
        .descendants()
        .find(|n| {
            n.has_tag_name("testcase")
                && n.attribute("name")
                    .is_some_and(|a| a.starts_with("stage2.parent-consent"))
        })
        .unwrap_or_else(|| panic!("parent-consent case: {xml}"));
    let failure = failed_case
        .children()
        .find(|n| n.has_tag_name("failure"))
        .unwrap_or_else(|| panic!("a failure: {xml}"));
    assert_eq!(failure.attribute("type"), Some("error"));
    assert!(failure
        .attribute("message")
        .is_some_and(|m| m.contains("Наставляемые › G16")));

    // Text lists passed rules only when asked.
    let short = stdout(&nastavnik(&["check", &p]));
    let all = stdout(&nastavnik(&["check", &p, "--all"]));
    assert!(!short.contains("stage1.order-implementation — соблюдено"));
    assert!(
        all.contains("stage1.order-implementation — соблюдено"),
        "{all}"
    );
}

/// An order a templates folder declares may be registered in
/// programme.json: `check` sees it with the same `--templates` as
/// `generate`, and without it says where such an order must come from.
#[test]
fn check_takes_the_templates_folder_that_declares_an_order() {
    let dir = tempfile::tempdir().expect("temp");
    let programme = init(dir.path());
    let file = Path::new(&programme).join("programme.json");
    let text = std::fs::read_to_string(&file).expect("programme.json");
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json["orders"]["order-practice"] = serde_json::json!({"number": "150-о", "date": "2025-10-10"});
    std::fs::write(&file, serde_json::to_string_pretty(&json).expect("json")).expect("write");
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).expect("dir");
    std::fs::write(
        templates.join("catalogue.json"),
        r#"{"documents": [{"id": "order-practice", "title": "Приказ о практике", "template": "order-curator", "order": {}}]}"#,
    )
    .expect("catalogue");
    let without = nastavnik(&["check", &programme]);
    assert_eq!(without.status.code(), Some(2));
    let err = String::from_utf8_lossy(&without.stderr);
    assert!(
        err.contains("/orders/order-practice") && err.contains("--templates"),
        "{err}"
    );
    let with = nastavnik(&[
        "check",
        &programme,
        "--templates",
        templates.to_str().expect("utf-8"),
    ]);
    assert_ne!(
        with.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
}
