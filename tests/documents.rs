//! Every point of `docs/documents.md`, checked on the example package as
//! a reader sees it: `nastavnik init` + `generate`, every document opened
//! in LibreOffice, its text searched for what the point says must (or
//! must not) be there. The checks are read from documents.md itself, so
//! the page and the test cannot drift apart.

mod support;

use nastavnik_engine::model::Model;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use support::*;

const DOCUMENTS_MD: &str = include_str!("../docs/documents.md");

/// Which plans a check applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Only {
    Pair,
    Group,
}

#[derive(Debug)]
struct Check {
    present: bool,
    phrase: String,
    only: Option<Only>,
}

#[derive(Debug)]
struct Point {
    what: String,
    checks: Vec<Check>,
}

#[derive(Debug)]
struct Section {
    /// `order-pairs`, or `plan-NNN` for every plan.
    id: String,
    points: Vec<Point>,
}

/// The sections of documents.md with the checks of their last column.
fn sections() -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in DOCUMENTS_MD.lines() {
        if let Some(rest) = line.strip_prefix("## `") {
            let id = rest.split('`').next().expect("an id in backticks");
            out.push(Section {
                id: id.to_owned(),
                points: Vec::new(),
            });
            continue;
        }
        if !line.starts_with("| ") || line.starts_with("| point") {
            continue;
        }
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        assert_eq!(cells.len(), 5, "a row has three columns: {line}");
        let section = out.last_mut().expect("a row under a section");
        let mut checks = Vec::new();
        if !cells[3].starts_with('—') {
            for raw in cells[3].split("; ") {
                let mut c = raw.trim();
                let only = if let Some(r) = c.strip_prefix("пара:") {
                    c = r.trim();
                    Some(Only::Pair)
                } else if let Some(r) = c.strip_prefix("группа:") {
                    c = r.trim();
                    Some(Only::Group)
                } else {
                    None
                };
                let present = match c.strip_prefix("нет ") {
                    Some(r) => {
                        c = r.trim();
                        false
                    }
                    None => true,
                };
                let phrase = c
                    .strip_prefix('`')
                    .and_then(|p| p.strip_suffix('`'))
                    .unwrap_or_else(|| panic!("a check is `фраза` or нет `фраза`: «{raw}»"));
                checks.push(Check {
                    present,
                    phrase: phrase.to_owned(),
                    only,
                });
            }
        }
        section.points.push(Point {
            what: cells[1].to_owned(),
            checks,
        });
    }
    out
}

/// Whether the text holds the phrase: word by word, or, for a phrase with
/// blanks to fill in («от ____»), exactly as written.
fn holds(text: &str, phrase: &str) -> bool {
    if phrase.contains('_') {
        text.contains(phrase)
    } else {
        contains_wrapped(text, phrase)
    }
}

/// The package ids a section covers: the id itself, or every `ID-001`, …
fn covered<'a>(section: &str, ids: &'a [String]) -> Vec<&'a String> {
    match section.strip_suffix("-NNN") {
        Some(prefix) => ids
            .iter()
            .filter(|id| {
                id.strip_prefix(prefix)
                    .and_then(|r| r.strip_prefix('-'))
                    .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            })
            .collect(),
        None => ids.iter().filter(|id| *id == section).collect(),
    }
}

struct Package {
    _tmp: tempfile::TempDir,
    out: PathBuf,
    model: Model,
    ids: Vec<String>,
    texts: BTreeMap<String, String>,
    /// The package's date (today's: `generate` without `--date`) is
    /// after the programme's end: those held back get no form any more.
    over: bool,
}

/// The example package with every document's text, made once for the
/// tests of this file (LibreOffice over 70 documents is the slow part).
fn package() -> &'static Package {
    static PACKAGE: std::sync::OnceLock<Package> = std::sync::OnceLock::new();
    PACKAGE.get_or_init(make_package)
}

fn make_package() -> Package {
    let (tmp, dir) = example(None);
    let out = dir.join("out");
    let run = nastavnik(&[
        "generate",
        dir.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
    ]);
    assert!(run.status.success(), "generate failed: {}", stderr(&run));
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(out.join("manifest.json")).expect("manifest written"),
    )
    .expect("manifest is JSON");
    let ids: Vec<String> = manifest["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|d| d["id"].as_str().map(str::to_owned))
        .collect();
    let files: Vec<PathBuf> = ids
        .iter()
        .map(|id| out.join(format!("{id}.docx")))
        .collect();
    let texts = ids.iter().cloned().zip(docx_texts(&files)).collect();
    let model = nastavnik_engine::load::load(&dir)
        .expect("example loads")
        .model;
    let date = manifest["date"]
        .as_str()
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .expect("the manifest gives the package's date");
    Package {
        _tmp: tmp,
        out,
        over: date > model.programme.end,
        model,
        ids,
        texts,
    }
}

#[test]
fn every_point_of_documents_md_holds_on_the_example_package() {
    let p = package();
    let sections = sections();
    assert!(sections.len() >= 20, "documents.md lists every kind");
    let mut failures = Vec::new();
    let mut checked = 0;
    for s in &sections {
        let docs = covered(&s.id, &p.ids);
        assert!(
            !docs.is_empty(),
            "documents.md describes {}, which the example package lacks: {:?}",
            s.id,
            p.ids
        );
        for id in docs {
            let text = &p.texts[id];
            // A plan prints what it is about (a held-back child leaves a
            // group of two a pair: the plan, not the table, tells).
            let group = id
                .starts_with("plan-")
                .then(|| contains_wrapped(text, "наставнической группы"));
            for point in &s.points {
                for c in &point.checks {
                    let applies = match (c.only, group) {
                        (None, _) => true,
                        (Some(Only::Group), Some(g)) => g,
                        (Some(Only::Pair), Some(g)) => !g,
                        (Some(_), None) => false,
                    };
                    if !applies {
                        continue;
                    }
                    checked += 1;
                    if holds(text, &c.phrase) != c.present {
                        failures.push(format!(
                            "{id}: «{}» — {} «{}»",
                            point.what,
                            if c.present { "missing" } else { "present" },
                            c.phrase
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} checks ran");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Beyond the text: what the points say about people and pages.
#[test]
fn consents_cover_everyone_and_plans_keep_requests_private() {
    let p = package();
    // Consent forms are for exactly those the check holds back too: the
    // minor without parents' consent gets the form to sign — while the
    // programme runs; after its end a consent lets no one join.
    let unconsented = p
        .model
        .mentees
        .iter()
        .find(|m| m.consent_pd.is_none())
        .expect("the example has a minor without parents' consent");
    assert_eq!(
        p.ids
            .iter()
            .filter(|id| id.starts_with("consent-parent-"))
            .any(|id| contains_wrapped(
                &p.texts[id],
                &nastavnik_engine::russian::decline(
                    &unconsented.name,
                    nastavnik_engine::russian::Case::Genitive,
                    None
                )
            )),
        !p.over,
        "a consent form for {} (the package's date after the programme's end: {})",
        unconsented.name,
        p.over
    );
    let employees = p.model.mentors.iter().filter(|m| m.employee).count();
    assert_eq!(
        p.ids
            .iter()
            .filter(|id| id.starts_with("consent-mentor-"))
            .count(),
        employees
    );
    // A group's plan is signed by several families: no child's request.
    for g in p.model.groups.iter().filter(|g| g.is_group()) {
        let text = &p.texts[&format!("plan-{}", g.id)];
        if !contains_wrapped(text, "наставнической группы") {
            continue; // a held-back child left a pair
        }
        for name in &g.mentees {
            let m = p.model.mentees.iter().find(|m| &m.name == name);
            if let Some(request) = m.and_then(|m| m.request.as_deref()) {
                assert!(
                    !contains_wrapped(text, request),
                    "plan-{} shows {name}'s request «{request}»",
                    g.id
                );
            }
        }
    }
    // A pair's plan starts from its mentee's request.
    let pair = p
        .model
        .groups
        .iter()
        .find(|g| !g.is_group())
        .expect("a pair");
    let request = p
        .model
        .mentees
        .iter()
        .find(|m| m.name == pair.mentees[0])
        .and_then(|m| m.request.clone())
        .expect("a request");
    assert!(contains_wrapped(
        &p.texts[&format!("plan-{}", pair.id)],
        &request
    ));
    // An agreement prints its own number and the employment contract's
    // from the table, and its signatures share the page with the text.
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, m) in p.model.mentors.iter().filter(|m| m.employee).enumerate() {
        let id = format!("agreement-{:03}", i + 1);
        let text = &p.texts[&id];
        for typed in [&m.agreement, &m.employment_contract].into_iter().flatten() {
            let r = nastavnik_engine::docref::parse(typed).expect("read at loading");
            let number = r.number.expect("the example gives numbers");
            assert!(text.contains(&format!("№ {number}")), "{id}: № {number}");
        }
        let pdf = to_pdf(&p.out.join(format!("{id}.docx")), dir.path());
        assert_eq!(pdf_pages(&pdf), 1, "{id} spills onto a second page");
    }
}

/// Grammar and dates a reader checks document by document: the child's
/// name after «несовершеннолетнего», a woman mentee's plan in her gender,
/// no plan preparing for a final event already held.
#[test]
fn texts_agree_with_gender_case_and_dates() {
    use nastavnik_engine::russian::{self, Case};
    let p = package();
    let mut consents = 0;
    for m in &p.model.mentees {
        let Some(id) = p
            .ids
            .iter()
            .filter(|id| id.starts_with("consent-parent-"))
            .find(|id| p.texts[*id].contains(&russian::decline(&m.name, Case::Genitive, None)))
        else {
            continue;
        };
        consents += 1;
        let text = &p.texts[id];
        assert!(
            !contains_wrapped(text, &m.name),
            "{id}: «{}» in the nominative",
            m.name
        );
        assert!(
            !contains_wrapped(text, "он (она)"),
            "{id}: the gender is known"
        );
    }
    let minors = p
        .model
        .mentees
        .iter()
        .filter(|m| m.age.is_some_and(|a| a < 18))
        .filter(|m| !(p.over && m.consent_pd.is_none()))
        .count();
    assert_eq!(
        consents, minors,
        "every minor mentee's consent names them in the genitive"
    );
    let mut women = 0;
    for id in p.ids.iter().filter(|id| id.starts_with("plan-")) {
        let text = &p.texts[id];
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).collect();
        // A group's signature rows name each mentee: pairs only.
        if words.contains(&"Наставляемая") && !contains_wrapped(text, "наставнической группы")
        {
            women += 1;
            for wrong in ["наставляемого", "наставляемым"] {
                assert!(!words.contains(&wrong), "{id}: «{wrong}» of a woman mentee");
            }
        }
        // The final event (22.05.2026) is before June: June only closes.
        if contains_wrapped(text, "Июнь 2026") {
            assert!(
                contains_wrapped(text, "Июнь 2026 Завершение работы"),
                "{id}: June prepares for the final event of May"
            );
        }
    }
    assert!(women >= 3, "the example has women mentees' plans: {women}");
    // An outside mentor's consent: gender and status are known, and the
    // position reads with its organisation as one phrase.
    let mut external = 0;
    for id in p
        .ids
        .iter()
        .filter(|id| id.starts_with("consent-external-"))
    {
        external += 1;
        let text = &p.texts[id];
        for blank in ["ознакомлен(а)", "работаю (учусь)", ", АО «", ", ОмГПУ,"]
        {
            assert!(!text.contains(blank), "{id}: «{blank}»");
        }
    }
    assert!(external > 0, "the example has outside mentors");
}

#[test]
fn the_checks_of_documents_md_parse() {
    let s = sections();
    let plan = s.iter().find(|s| s.id == "plan-NNN").expect("plans");
    assert!(plan
        .points
        .iter()
        .flat_map(|p| &p.checks)
        .any(|c| c.only == Some(Only::Group) && !c.present));
    assert_eq!(
        covered("plan-NNN", &["plan-001".into(), "planner".into()]),
        [&"plan-001".to_owned()]
    );
}

/// The text runs of a document's body, joined: what Word lays out, with
/// its non-breaking spaces (LibreOffice's PDF text folds them away).
fn body_text(docx: &std::path::Path) -> String {
    let file = std::fs::File::open(docx).expect("docx written");
    let mut zip = zip::ZipArchive::new(file).expect("docx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("word/document.xml").expect("document.xml"),
        &mut xml,
    )
    .expect("document.xml is UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml parses");
    doc.descendants()
        .filter(|n| n.has_tag_name("t"))
        .filter_map(|n| n.text())
        .collect()
}

/// A date, a class, a number and initials never break at a line end: the
/// XML holds U+00A0 inside each (review of issue 11, MINOR).
#[test]
fn dates_classes_numbers_and_initials_are_unbreakable() {
    let p = package();
    let mentors = body_text(&p.out.join("order-mentors.docx"));
    let pairs = body_text(&p.out.join("order-pairs.docx"));
    for (doc, text, phrase) in [
        (
            "order-mentors",
            &mentors,
            "2\u{a0}октября\u{a0}2025\u{a0}г.",
        ),
        ("order-pairs", &pairs, "10\u{a0}«Б»\u{a0}класс"),
        ("order-pairs", &pairs, "№\u{a0}17"),
        ("order-pairs", &pairs, "Е.\u{a0}А.\u{a0}Рябова"),
    ] {
        assert!(text.contains(phrase), "{doc}: no {phrase:?} in {text}");
    }
    for (doc, text, broken) in [
        ("order-mentors", &mentors, "2 октября"),
        ("order-pairs", &pairs, "«Б» класс"),
        ("order-pairs", &pairs, "10 «Б»"),
    ] {
        assert!(!text.contains(broken), "{doc}: {broken:?} can break");
    }
    // LibreOffice still shows the same words.
    assert!(contains_wrapped(
        &p.texts["order-mentors"],
        "— 2 октября 2025 г.;"
    ));
}

/// A package dated after the final event whose order is not registered:
/// the check and the order itself say that it could only be back-dated,
/// and a mentee held back is listed as without a pair (issue 11 review,
/// items 9 and 20); the compliance report's conclusion has no empty
/// «Срок устранения» column and counts findings as `check` does.
#[test]
fn a_package_dated_after_the_final_event_says_what_is_late() {
    let (_tmp, dir) = example(None);
    let out = dir.join("out");
    let run = nastavnik(&[
        "generate",
        dir.to_str().expect("utf-8 path"),
        "--out",
        out.to_str().expect("utf-8 path"),
        "--date",
        "15.06.2026",
        "--only",
        "order-final-event,report-compliance",
    ]);
    assert!(run.status.success(), "generate failed: {}", stderr(&run));
    let texts = docx_texts(&[
        out.join("order-final-event.docx"),
        out.join("report-compliance.docx"),
    ]);
    let (order, report) = (&texts[0], &texts[1]);
    assert!(
        contains_wrapped(
            order,
            "Проект не подлежит подписанию: итоговое мероприятие назначено на 22.05.2026"
        ),
        "{order}"
    );
    assert!(contains_wrapped(
        order,
        "датировать приказ задним числом недопустимо"
    ));
    assert!(
        contains_wrapped(report, "приказ о его проведении на 15.06.2026 не зарегистрирован: издать его теперь можно только задним числом"),
        "{report}"
    );
    // Rule 5.9 names the held-back mentee at his cell, not «соблюдено».
    assert!(
        contains_wrapped(
            report,
            "Голубев Тимофей Романович: без пары — нет согласия на обработку персональных данных"
        ),
        "{report}"
    );
    assert!(!report.contains("Срок устранения"), "{report}");
    assert!(contains_wrapped(
        report,
        "Сроки устранения нарушений правилами проверки и её параметрами не установлены"
    ));
    // The same totals as `check` prints at the package's date.
    let check = nastavnik(&[
        "check",
        dir.to_str().expect("utf-8 path"),
        "--date",
        "15.06.2026",
    ]);
    let summary = stdout(&check);
    assert!(
        summary.contains("ошибок 4, предупреждений 6, замечаний 2"),
        "{summary}"
    );
    assert!(
        contains_wrapped(report, "ошибок — 4, предупреждений — 6, замечаний — 2"),
        "{report}"
    );
    assert!(
        contains_wrapped(report, "Проверку провела: Куратор программы наставничества"),
        "{report}"
    );
    assert!(!report.contains("Проверку провёл"), "{report}");
    // Levels as `check` names them: «замечание», not «сведение».
    assert!(!report.contains("сведение:"), "{report}");
}

/// The review's MINOR findings, across the whole package: no programme
/// named twice («программу наставничества «Программа наставничества…»»),
/// pairs numbered without leading zeros in texts, one mentee named in his
/// or her gender, the role models the pairs use present in the regulation.
#[test]
fn the_package_reads_without_the_reviews_minor_faults() {
    let p = package();
    for (id, text) in &p.texts {
        assert!(
            !text.contains("наставничества «Программа наставничества"),
            "{id} names the programme twice"
        );
        if id.starts_with("plan-") {
            assert!(!text.contains("№ 0"), "{id}: a pair numbered with zeros");
        }
    }
    // The programme's own heading: «ПРОГРАММА НАСТАВНИЧЕСТВА» over the
    // rest of its title, not over «Программа наставничества …» again.
    let programme = &p.texts["programme"];
    assert!(
        programme
            .contains("ПРОГРАММА НАСТАВНИЧЕСТВА МБОУ «СОШ № 17» г. Омска на 2025/2026 учебный год"),
        "{programme}"
    );
    assert!(
        !programme.contains("«Программа наставничества"),
        "{programme}"
    );
    let regulation = &p.texts["regulation"];
    for g in &p.model.groups {
        if let Some(model) = g.role_model.as_deref() {
            assert!(
                contains_wrapped(regulation, model),
                "regulation omits the role model «{model}» of pair {}",
                g.id
            );
        }
    }
    // The consent comes before the pairs order: it names no mentee.
    let consent = &p.texts["consent-mentor-001"];
    assert!(
        contains_wrapped(
            consent,
            "Наставляемые определяются приказом о закреплении наставнических пар (групп)"
        ) && !consent.contains("Гриценко"),
        "{consent}"
    );
    // One mentee in a plan: «Наставляемая» (LibreOffice reads the label
    // column before the names), not «Наставляемые».
    let plan = &p.texts["plan-001"];
    assert!(
        plan.contains("Наставляемая")
            && plan.contains("Гриценко Алина Вадимовна")
            && !plan.contains("Наставляемые"),
        "{plan}"
    );
    // The final-event order is acknowledged by the employee-mentors it
    // instructs, each named.
    let order = &p.texts["order-final-event"];
    let acquainted = order
        .split("С приказом ознакомлены")
        .nth(1)
        .expect("acquaintance list");
    for m in p.model.mentors.iter().filter(|m| m.employee) {
        assert!(acquainted.contains(&m.name), "{} not acquainted", m.name);
    }
}
