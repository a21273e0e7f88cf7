//! End to end, the Russian of the documents as a reader sees it: `init` →
//! `generate` → LibreOffice → pdftotext. A position beside a declined name
//! stands in the same case (an apposition, not a bracketed nominative);
//! words about a person agree with her gender; numbers print without «.0».

mod support;

use nastavnik_engine::russian::{self, Case};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::*;

fn generate(dir: &Path, out: &Path, extra: &[&str]) {
    let d = dir.to_string_lossy().into_owned();
    let o = out.to_string_lossy().into_owned();
    let mut args = vec!["generate", d.as_str(), "--out", o.as_str()];
    args.extend_from_slice(extra);
    let run = nastavnik(&args);
    assert!(run.status.success(), "generate failed: {}", stderr(&run));
}

/// The text of each listed document of `out`, by id, as LibreOffice lays
/// it out; a word hyphenated at a line end is joined again.
fn texts(out: &Path, ids: &[String]) -> BTreeMap<String, String> {
    let files: Vec<PathBuf> = ids
        .iter()
        .map(|id| out.join(format!("{id}.docx")))
        .collect();
    ids.iter()
        .cloned()
        .zip(docx_texts(&files).into_iter().map(|t| t.replace("- ", "-")))
        .collect()
}

/// Occurrences of a whole number printed with a zero fraction: «9.0 лет».
fn zero_fractions(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    for i in 1..chars.len().saturating_sub(1) {
        let next = chars.get(i + 2).copied();
        // «ГОСТ Р 7.0.97» is a standard's number, not a fraction.
        let ends = next.is_none_or(|c| !c.is_ascii_digit() && c != '.');
        if chars[i] == '.' && chars[i + 1] == '0' && chars[i - 1].is_ascii_digit() && ends {
            let from = i.saturating_sub(12);
            let to = (i + 12).min(chars.len());
            found.push(chars[from..to].iter().collect());
        }
    }
    found
}

#[test]
fn positions_decline_with_names_and_words_agree_with_women() {
    let (_tmp, dir) = example(None);
    let out = dir.join("out");
    generate(&dir, &out, &[]);
    let model = nastavnik_engine::load::load(&dir)
        .expect("example loads")
        .model;
    let ids: Vec<String> = ids(&manifest(&out))
        .into_iter()
        .filter(|id| {
            id.starts_with("order-")
                || id.starts_with("plan-")
                || id.starts_with("agreement-")
                || id == "protocol-council"
        })
        .collect();
    let texts = texts(&out, &ids);

    // The curator is appointed with the position declined beside the name.
    let appointed = "Назначить куратором программы наставничества Кравченко Ирину \
                     Валерьевну, заместителя директора по учебно-воспитательной работе.";
    assert_eq!(model.curator.name, "Кравченко Ирина Валерьевна");
    assert!(
        texts["order-curator"].contains(appointed),
        "order-curator: {}",
        texts["order-curator"]
    );
    assert!(texts["protocol-council"].contains(
        "Кравченко И. В., заместителя директора по учебно-воспитательной работе, — о методологии"
    ));
    // A pupil's class reads as her status; a student's status is feminine;
    // an outside mentor's organisation follows his position.
    let mentors = &texts["order-mentors"];
    for phrase in [
        "Лукьяненко Дарью Олеговну, обучающуюся 10 «А» класса;",
        "Ахмедова Тимура Руслановича, обучающегося 11 «Б» класса;",
        "Павлову Анастасию Дмитриевну, студентку 3 курса",
        "Шевченко Андрея Ильича, учителя математики;",
        "Дорошенко Сергея Николаевича, начальника конструкторского бюро АО",
    ] {
        assert!(
            mentors.contains(phrase),
            "order-mentors lacks «{phrase}»: {mentors}"
        );
    }
    assert!(texts["order-rewards"].contains(
        "Выразить благодарность Дорошенко Сергею Николаевичу, начальнику конструкторского бюро АО"
    ));

    // No declined name is followed by its position in the nominative in
    // brackets: «… Ирину Валерьевну (заместитель директора …)».
    let mut positions: Vec<&str> = vec![model.curator.position.as_str()];
    positions.extend(model.team.iter().map(|s| s.position.as_str()));
    positions.extend(model.mentors.iter().filter_map(|m| m.position.as_deref()));
    for (id, text) in &texts {
        if id.starts_with("plan-") {
            continue; // plans list people in a table, in the nominative
        }
        for p in &positions {
            // Two words: «(9» alone is also a share in brackets, «(9,8 %)».
            let head: Vec<&str> = p.split(' ').take(2).collect();
            let bracketed = format!("({}", head.join(" "));
            assert!(
                !text.contains(&bracketed),
                "{id}: a bracketed nominative position «{bracketed}»: {text}"
            );
        }
    }

    // Words about a woman agree with her: the mentee of a pair, her parent,
    // the employee who signs an agreement.
    for g in model.groups.iter().filter(|g| g.mentees.len() == 1) {
        let mentee = &g.mentees[0];
        if russian::person_gender(mentee, None) != russian::Gender::Female {
            continue;
        }
        let plan = &texts[&format!("plan-{}", g.id)];
        assert!(plan.contains("Наставляемая "), "plan-{}: {plan}", g.id);
        assert!(!plan.contains("Наставляемый "), "plan-{}: {plan}", g.id);
        assert!(!plan.contains("наставляемого,"), "plan-{}: {plan}", g.id);
        let minor = model
            .mentees
            .iter()
            .any(|m| &m.name == mentee && m.age.is_some_and(|a| a < 18));
        if minor {
            let parent = format!(
                "наставляемой {}",
                fold(&russian::surname_initials_in(mentee, Case::Genitive, None))
            );
            assert!(
                plan.contains(&parent),
                "plan-{} lacks «{parent}»: {plan}",
                g.id
            );
        }
    }
    let women_agreements = texts
        .iter()
        .filter(|(id, _)| id.starts_with("agreement-"))
        .filter(|(_, t)| t.contains("именуемая"))
        .inspect(|(id, t)| {
            assert!(
                t.contains("Работник с его письменного согласия"),
                "{id}: {t}"
            );
            assert!(t.contains("соглашения получила"), "{id}: {t}");
        })
        .count();
    assert!(
        women_agreements >= 1,
        "the example has women among its employee-mentors"
    );

    // Whole numbers print without a fraction.
    for (id, text) in &texts {
        let bad = zero_fractions(text);
        assert!(bad.is_empty(), "{id}: numbers with «.0»: {bad:?}");
    }
}

#[test]
fn zero_fractions_are_found_and_standards_numbers_are_not() {
    assert_eq!(
        zero_fractions("стаж 9.0 лет"),
        vec!["стаж 9.0 лет".to_owned()]
    );
    assert!(zero_fractions("ГОСТ Р 7.0.97-2025, статья 351.8, 10.05.2025").is_empty());
    assert_eq!(zero_fractions("итого 12.0").len(), 1);
}

#[test]
fn position_forms_of_programme_json_reach_the_documents() {
    let (_tmp, dir) = example(None);
    let path = dir.join("programme.json");
    let mut programme: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("programme.json"))
            .expect("JSON");
    let position = programme["curator"]["position"]
        .as_str()
        .expect("curator position")
        .to_owned();
    programme["position_forms"] = serde_json::json!({
        position.clone(): {"accusative": "заместителя директора по УВР"}
    });
    std::fs::write(&path, programme.to_string()).expect("write programme.json");
    let out = dir.join("out");
    generate(&dir, &out, &["--only", "order-curator"]);
    let text = &texts(&out, &["order-curator".to_owned()])["order-curator"];
    assert!(
        text.contains("Кравченко Ирину Валерьевну, заместителя директора по УВР."),
        "{text}"
    );

    // A misspelt case is refused with its place, nothing written.
    programme["position_forms"] = serde_json::json!({ position.clone(): {"dativ": "…"} });
    std::fs::write(&path, programme.to_string()).expect("write programme.json");
    let run = nastavnik(&["validate", &dir.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(2), "{}", stdout(&run));
    let said = format!("{}{}", stdout(&run), stderr(&run));
    assert!(said.contains("/position_forms/"), "{said}");
}

/// `init --kind KIND` into a fresh folder, generated on 30.06.2026.
fn example_of_kind(kind: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join(kind);
    let run = nastavnik(&["init", &dir.to_string_lossy(), "--kind", kind]);
    assert!(run.status.success(), "init failed: {}", stderr(&run));
    let out = tmp.path().join("out");
    let d = dir.to_string_lossy().into_owned();
    let o = out.to_string_lossy().into_owned();
    let run = nastavnik(&["generate", &d, "--out", &o, "--date", "2026-06-30"]);
    assert!(
        matches!(run.status.code(), Some(0 | 1)),
        "generate failed: {}",
        stderr(&run)
    );
    (tmp, dir, out)
}

/// A college's student mentors are mostly adults: the regulation and the
/// order on mentors ask parents' consent of the minors only; an outside
/// mentor's consent names the mentees' parents among those the data go to
/// only when a mentee of that mentor is a minor.
#[test]
fn parents_are_named_only_for_minors() {
    let (_tmp, dir, out) = example_of_kind("college");
    let model = nastavnik_engine::load::load(&dir)
        .expect("example loads")
        .model;
    let ids: Vec<String> = ids(&manifest(&out))
        .into_iter()
        .filter(|id| {
            id == "regulation" || id == "order-mentors" || id.starts_with("consent-external-")
        })
        .collect();
    let texts = texts(&out, &ids);
    let regulation = &texts["regulation"];
    assert!(
        regulation.contains(
            "Обучающиеся участвуют в Программе в качестве наставников на основании их согласия, \
             несовершеннолетние — также с письменного согласия родителей (законных представителей)."
        ),
        "{regulation}"
    );
    for (id, text) in &texts {
        assert!(
            !text.contains("на основании их согласия и письменного согласия"),
            "{id}: every learner's parents' consent asked: {text}"
        );
    }
    let mut without = 0;
    for (id, text) in texts
        .iter()
        .filter(|(id, _)| id.starts_with("consent-external-"))
    {
        let mentor = model
            .mentors
            .iter()
            .find(|m| text.contains(&format!("Я, {},", m.name)))
            .unwrap_or_else(|| panic!("{id}: whose consent? {text}"));
        let minor = model
            .groups
            .iter()
            .filter(|g| g.mentor == mentor.name)
            .flat_map(|g| &g.mentees)
            .filter_map(|n| model.mentees.iter().find(|m| &m.name == n))
            .any(nastavnik_engine::render::catalogue::minor_mentee);
        let names = text.contains("наставляемым и их родителям (законным представителям)");
        assert_eq!(
            names, minor,
            "{id} ({}): parents named {names}, a minor mentee {minor}: {text}",
            mentor.name
        );
        assert!(
            text.contains("куратору Программы, наставляемым"),
            "{id}: {text}"
        );
        if !minor {
            without += 1;
        }
    }
    assert!(without >= 1, "the college has outside mentors of adults");
}

/// A centre's learners of an «изостудия», a «театр-студия» read as
/// learners of them: «обучающегося изостудии «Палитра»», never
/// «изостудию «Палитра»» as if the studio were appointed.
#[test]
fn compound_associations_read_as_a_learners_place() {
    let (_tmp, _dir, out) = example_of_kind("additional-education");
    let ids: Vec<String> = ids(&manifest(&out))
        .into_iter()
        .filter(|id| id == "order-mentors" || id.starts_with("consent-parent-"))
        .collect();
    let texts = texts(&out, &ids);
    let mut seen = 0;
    for (id, text) in &texts {
        for unit in ["изостуди", "театра-студии", "театр-студи"] {
            for (at, _) in text.match_indices(unit) {
                let before: String = text[..at].chars().rev().take(20).collect();
                let before: String = before.chars().rev().collect();
                assert!(
                    before.contains("обучающ") && !text[at..].starts_with("изостудию"),
                    "{id}: «…{before}{}» is no learner's status",
                    text[at..].chars().take(30).collect::<String>()
                );
                seen += 1;
            }
        }
    }
    assert!(
        texts["order-mentors"].contains("изостудии «Палитра»")
            || texts["order-mentors"].contains("театра-студии «Маска»"),
        "{}",
        texts["order-mentors"]
    );
    assert!(seen >= 3, "the example's learners of compound associations");
}

/// The monitoring report's roadmap table keeps its header words whole
/// («Мероприятий», not «Мероприяти / й»), and the compliance report keeps
/// each SHA-256 on one line even when it is among the widest: programme.json
/// is padded with blank lines until its hash, in Times New Roman's advance
/// widths (digits, «b», «d» 500 of 1000; «a», «c», «e» 444; «f» 333), is
/// wider than the 9-pt text fitted in its cell (≈31 400 units, 282 pt).
#[test]
fn table_headers_and_hashes_stay_whole() {
    use sha2::{Digest, Sha256};
    let (_tmp, dir) = example(None);
    let path = dir.join("programme.json");
    let body = std::fs::read(&path).expect("programme.json");
    let mut prefix = Sha256::new();
    prefix.update(&body);
    let width = |h: &str| -> u32 {
        h.chars()
            .map(|c| match c {
                'a' | 'c' | 'e' => 444,
                'f' => 333,
                _ => 500,
            })
            .sum()
    };
    let (padding, hash) = (0..2_000_000usize)
        .map(|n| {
            let pad = format!("\n{}{}", " ".repeat(n % 64), "\n".repeat(n / 64));
            let mut h = prefix.clone();
            h.update(pad.as_bytes());
            (pad, format!("{:x}", h.finalize()))
        })
        .find(|(_, h)| width(h) >= 31_550)
        .expect("a wide hash among two million paddings");
    let mut padded = body.clone();
    padded.extend_from_slice(padding.as_bytes());
    std::fs::write(&path, &padded).expect("write programme.json");

    let out = dir.join("out");
    generate(
        &dir,
        &out,
        &[
            "--only",
            "report-compliance",
            "--only",
            "report-monitoring",
            "--date",
            "2026-06-30",
        ],
    );
    let texts = texts(
        &out,
        &[
            "report-compliance".to_owned(),
            "report-monitoring".to_owned(),
        ],
    );
    let compliance = &texts["report-compliance"];
    assert!(
        compliance.contains(&hash),
        "the hash {hash} is broken: {compliance}"
    );
    let monitoring = &texts["report-monitoring"];
    assert!(
        monitoring.contains("Этап Мероприятий Выполнено"),
        "{monitoring}"
    );
}
