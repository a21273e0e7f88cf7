//! `nastavnik init DIR --kind college` and `--kind additional-education`
//! write a complete example of that kind: `validate`, `check` and
//! `generate` work on it at once, and the generated package's text (read
//! from each DOCX's word/document.xml) holds none of the other kinds'
//! words (the lists: engine/tests/support/kind_words.rs).

#[path = "../../engine/tests/support/kind_words.rs"]
mod kind_words;

use nastavnik_engine::model::OrgKind;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

fn nastavnik(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .expect("run nastavnik")
}

fn ok(out: &std::process::Output, what: &str) {
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{what}: {:?}\n{}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Each document's text, paragraphs on lines.
fn texts(out: &Path) -> BTreeMap<String, String> {
    let mut texts = BTreeMap::new();
    for entry in std::fs::read_dir(out).expect("out") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("docx") {
            continue;
        }
        let file = std::fs::File::open(&path).expect("docx");
        let mut zip = zip::ZipArchive::new(file).expect("zip");
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .expect("document.xml")
            .read_to_string(&mut xml)
            .expect("xml");
        let doc = roxmltree::Document::parse(&xml).expect("parse");
        let mut text = String::new();
        for p in doc.descendants().filter(|n| n.has_tag_name("p")) {
            for t in p.descendants().filter(|n| n.has_tag_name("t")) {
                text.push_str(t.text().unwrap_or(""));
            }
            text.push('\n');
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("")
            .to_owned();
        texts.insert(name, text);
    }
    texts
}

fn example_of(kind: &str, org: OrgKind, words: &[&str]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    let demo_s = demo.to_str().expect("utf-8 path");
    let out = nastavnik(&["init", demo_s, "--kind", kind]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = nastavnik(&["validate", demo_s]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    for w in words {
        assert!(
            stdout.contains(w),
            "validate of {kind} without «{w}»: {stdout}"
        );
    }
    // The example's known findings (a missing consent, orders not yet
    // registered) are errors of the rules (exit 1), never a refusal.
    ok(
        &nastavnik(&["check", demo_s, "--date", "2026-06-30"]),
        "check",
    );
    let pkg = dir.path().join("out");
    let out = nastavnik(&[
        "generate",
        demo_s,
        "--out",
        pkg.to_str().expect("utf-8"),
        "--date",
        "2026-06-30",
    ]);
    ok(&out, "generate");
    let texts = texts(&pkg);
    assert!(texts.len() > 40, "{} documents", texts.len());
    let found = kind_words::leaks(org, &texts);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_college_example_pairs_students_with_students() {
    example_of(
        "college",
        OrgKind::College,
        &[
            "студент – студент",
            "работодатель – студент",
            "учитель – учитель",
        ],
    );
}

#[test]
fn an_additional_education_example_pairs_educators_with_learners() {
    example_of(
        "additional-education",
        OrgKind::AdditionalEducation,
        &["педагог – обучающийся"],
    );
}

/// `init --blank`: the blank forms and a programme.json skeleton of the
/// kind, which `validate` reads at once (no rows yet); the forms are the
/// engine's (`forms::workbooks`), byte for byte; a folder that is not
/// empty, or `--schools` beside it, is refused.
#[test]
fn init_blank_writes_the_forms_and_a_skeleton() {
    let tmp = tempfile::tempdir().expect("tempdir");
    for (arg, kind) in [
        ("school", OrgKind::School),
        ("college", OrgKind::College),
        ("additional-education", OrgKind::AdditionalEducation),
    ] {
        let dir = tmp.path().join(arg);
        let d = dir.to_str().expect("UTF-8 path");
        let out = nastavnik(&["init", d, "--blank", "--kind", arg]);
        assert_eq!(out.status.code(), Some(0), "{arg}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("Пустые формы таблиц записаны"), "{stdout}");
        for (name, bytes) in
            nastavnik_engine::forms::workbooks(&nastavnik_engine::forms::Blank::of_kind(kind))
                .expect("forms")
        {
            assert_eq!(
                std::fs::read(dir.join(&name)).expect(&name),
                bytes,
                "{arg}: {name}"
            );
        }
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(dir.join("programme.json")).expect("programme.json"),
        )
        .expect("JSON");
        assert!(json["organisation"]["full_name"]
            .as_str()
            .is_some_and(|n| n.contains("наименование")));
        assert!(json
            .get("orders")
            .is_none_or(|o| o.as_object().is_some_and(|o| o.is_empty())));
        let validate = nastavnik(&["validate", d]);
        assert_eq!(validate.status.code(), Some(0), "{arg}: {validate:?}");
        assert!(String::from_utf8_lossy(&validate.stdout).contains("Наставников: 0"));
        // Not over anything.
        let again = nastavnik(&["init", d, "--blank"]);
        assert_eq!(again.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&again.stderr).contains("папка не пуста"));
    }
    let both = nastavnik(&[
        "init",
        tmp.path().join("both").to_str().expect("path"),
        "--blank",
        "--schools",
        "3",
    ]);
    assert_eq!(both.status.code(), Some(2), "{both:?}");
    assert!(!tmp.path().join("both").exists());
}

/// `--kind` with `--schools` is refused, not silently ignored: the region's
/// example is schools, and a methodologist asking for colleges must know.
#[test]
fn kind_with_schools_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    let target = dir.path().join("region");
    let out = nastavnik(&[
        "init",
        target.to_str().expect("utf-8"),
        "--schools",
        "2",
        "--kind",
        "college",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--kind") && err.contains("--schools"), "{err}");
    assert!(!target.exists(), "nothing written");
}

/// Text with non-breaking spaces as plain ones (after «№», in dates).
fn plain(text: &str) -> String {
    text.replace('\u{a0}', " ")
}

/// The one document whose text holds `needle` among those named `prefix…`.
fn the_one<'a>(texts: &'a BTreeMap<String, String>, prefix: &str, needle: &str) -> &'a str {
    let found: Vec<(&String, &String)> = texts
        .iter()
        .filter(|(name, text)| name.starts_with(prefix) && text.contains(needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{prefix}… with «{needle}»: {:?}",
        found.iter().map(|f| f.0).collect::<Vec<_>>()
    );
    found[0].1
}

fn generate_at(dir: &Path, out: &Path, date: &str) -> BTreeMap<String, String> {
    let run = nastavnik(&[
        "generate",
        dir.to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
        "--date",
        date,
        "--force",
    ]);
    ok(&run, "generate");
    texts(out)
        .into_iter()
        .map(|(name, text)| (name, plain(&text)))
        .collect()
}

/// A college whose outside mentors come from partners (`/partners`): the
/// order on mentors, the plan and the consents cite the agreement on
/// cooperation signed by the package's date, the plant's learners work
/// there under the practical-training contract after a safety briefing;
/// an agreement dated after the package is cited nowhere and the check
/// says so at its pointer; a mentor whose organisation is no partner's is
/// warned about at the cell, and nothing cites an agreement for him.
#[test]
fn a_college_cites_its_partners_agreements_and_warns_without_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("college");
    let out = nastavnik(&["init", demo.to_str().expect("utf-8"), "--kind", "college"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let path = demo.join("programme.json");
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).expect("programme.json")).expect("JSON");
    let index = |json: &serde_json::Value, short: &str| {
        json["partners"]
            .as_array()
            .and_then(|p| {
                p.iter()
                    .position(|x| x["short_name"].as_str().is_some_and(|s| s.contains(short)))
            })
            .unwrap_or_else(|| panic!("partner {short} in {}", json["partners"]))
    };
    let plant = index(&json, "транспортного машиностроения");
    let water = index(&json, "Омскводоканал");
    let university = index(&json, "ОмГПУ");
    // The test's own numbers and dates, not the example's.
    json["partners"][plant]["agreement"] =
        serde_json::json!({"number": "77/П", "date": "2025-09-30"});
    json["partners"][water]["agreement"] =
        serde_json::json!({"number": "5-В", "date": "2026-07-15"});
    // Signed after the order on mentors (10.10.2025), before the package:
    // the order does not cite it, the mentor's consent does.
    json["partners"][university]["agreement"] =
        serde_json::json!({"number": "9-У", "date": "2025-10-20"});
    std::fs::write(&path, serde_json::to_vec_pretty(&json).expect("JSON")).expect("write");

    let pkg = dir.path().join("out");
    let texts = generate_at(&demo, &pkg, "2026-06-30");
    let cited = "в соответствии с соглашением о сотрудничестве с АО «Омский завод транспортного машиностроения» от 30.09.2025 № 77/П";
    let order = &texts["order-mentors.docx"];
    assert!(
        order.contains(&format!("Дорошенко Сергея Николаевича, начальника конструкторского бюро АО «Омский завод транспортного машиностроения» — {cited}")),
        "{order}"
    );
    let water_line = order
        .lines()
        .find(|l| l.contains("Ковалёва Игоря Евгеньевича"))
        .expect("the water utility's mentor in the order");
    assert!(
        !water_line.contains("соглашени"),
        "an agreement after the package's date cited: {water_line}"
    );
    assert!(!order.contains("5-В"), "{order}");
    let student_line = order
        .lines()
        .find(|l| l.contains("Павлову Анастасию Дмитриевну"))
        .expect("the university's student in the order");
    assert!(
        !student_line.contains("соглашени"),
        "an agreement after the order cited: {student_line}"
    );
    let student = the_one(&texts, "consent-external-", "Павлова Анастасия Дмитриевна");
    assert!(
        student.contains("в соответствии с соглашением о сотрудничестве БПОУ ОО «ОТМ» с ОмГПУ от 20.10.2025 № 9-У"),
        "{student}"
    );

    let plant_plan = the_one(&texts, "plan-", "Дорошенко Сергей Николаевич");
    assert!(plant_plan.contains(cited), "{plant_plan}");
    assert!(
        plant_plan.contains("по договору о практической подготовке обучающихся от 15.09.2025 № ПП-14/25, после инструктажа по охране труда"),
        "{plant_plan}"
    );
    assert!(plant_plan.contains("Профессиональные пробы на рабочем месте в АО «Омский завод транспортного машиностроения»"), "{plant_plan}");
    let water_plan = the_one(&texts, "plan-", "Ковалёв Игорь Евгеньевич");
    assert!(!water_plan.contains("соглашени"), "{water_plan}");
    assert!(!water_plan.contains("на рабочем месте"), "{water_plan}");
    assert!(
        water_plan.contains("проводятся в БПОУ ОО «ОТМ»; занятия на территории предприятия индивидуальным планом не предусмотрены"),
        "{water_plan}"
    );
    let external = the_one(&texts, "consent-external-", "Дорошенко Сергей Николаевич");
    assert!(
        external.contains("в соответствии с соглашением о сотрудничестве БПОУ ОО «ОТМ» с АО «Омский завод транспортного машиностроения» от 30.09.2025 № 77/П"),
        "{external}"
    );
    // The mentees' consents name the partner receiving their data; the
    // water utility's without an agreement the package does not hold.
    let mentees: Vec<&String> = texts
        .iter()
        .filter(|(n, t)| {
            n.starts_with("consent-participant-")
                && t.contains("представитель организации-партнёра АО «Омскводоканал»")
        })
        .map(|(_, t)| t)
        .collect();
    assert!(!mentees.is_empty(), "no consent names the water utility");
    for t in mentees {
        assert!(
            !t.contains("5-В") && !t.contains("соглашение о сотрудничестве с Оператором"),
            "{t}"
        );
    }

    let check = nastavnik(&[
        "check",
        demo.to_str().expect("utf-8"),
        "--date",
        "2026-06-30",
    ]);
    ok(&check, "check");
    let report = String::from_utf8_lossy(&check.stdout).into_owned();
    let said = |rule: &str, about: &str, place: &str| {
        let mut lines = report.lines();
        while let Some(line) = lines.next() {
            if line.contains(rule) && line.contains(about) {
                let at = lines.next().unwrap_or("");
                return at.contains(place);
            }
        }
        false
    };
    assert!(
        said(
            "stage3.partner-agreement",
            "5-В",
            &format!("/partners/{water}/agreement/date")
        ),
        "{report}"
    );
    assert!(
        said(
            "stage3.partner-agreement",
            "9-У",
            &format!("/partners/{university}/agreement/date")
        ),
        "{report}"
    );
    assert!(
        !report.contains("stage3.outside-mentor-partner"),
        "{report}"
    );

    // Without the plant among the partners: a warning at Дорошенко's
    // organisation cell naming the closest partner, and no agreement cited.
    json["partners"]
        .as_array_mut()
        .expect("partners")
        .remove(plant);
    std::fs::write(&path, serde_json::to_vec_pretty(&json).expect("JSON")).expect("write");
    let check = nastavnik(&[
        "check",
        demo.to_str().expect("utf-8"),
        "--date",
        "2026-06-30",
    ]);
    ok(&check, "check");
    let report = String::from_utf8_lossy(&check.stdout).into_owned();
    assert!(
        report.contains("Дорошенко Сергей Николаевич: организация «АО „Омский завод транспортного машиностроения“» не найдена среди организаций-партнёров (/partners); ближе всего по написанию — «"),
        "{report}"
    );
    let mut lines = report.lines();
    let mut at = "";
    while let Some(line) = lines.next() {
        if line.contains("stage3.outside-mentor-partner") && line.contains("Дорошенко") {
            at = lines.next().unwrap_or("");
        }
    }
    assert!(
        at.contains("› Наставники › D") && at.contains("(«Организация»)"),
        "the cell: {at}"
    );
    let texts = generate_at(&demo, &pkg, "2026-06-30");
    assert!(!texts["order-mentors.docx"]
        .contains("с АО «Омский завод транспортного машиностроения» от"));
    let plant_plan = the_one(&texts, "plan-", "Дорошенко Сергей Николаевич");
    assert!(!plant_plan.contains("соглашени"), "{plant_plan}");
    assert!(!plant_plan.contains("на рабочем месте"), "{plant_plan}");
    assert!(
        plant_plan.contains("проводятся в БПОУ ОО «ОТМ»"),
        "{plant_plan}"
    );
}
