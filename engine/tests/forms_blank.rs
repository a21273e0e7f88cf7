//! The blank forms (`nastavnik::forms`, `init --blank`, the page's
//! «Таблицы»): filled by hand — here, rows typed into each data sheet's
//! XML, as a spreadsheet program saves them — they read back through the
//! loader without a problem or an unread column, for every kind; and they
//! carry what helps a person fill them: dropdowns, whole-number rules,
//! input messages, a frozen header, widths, «Инструкция».

#[path = "support/form_fill.rs"]
mod form_fill;

use form_fill::{escape, fill_all, part, sheet_names, sheet_xml};
use nastavnik_engine::forms::{self, Blank};
use nastavnik_engine::model::{Model, OrgKind};
use nastavnik_engine::{example, load};
use std::path::Path;

/// A folder with the example programme of `kind` and its blank forms,
/// filled with the example's rows: what a school does by hand.
fn filled_folder(dir: &Path, kind: OrgKind) -> (Model, usize) {
    let m = example::model_of(kind);
    let example_files = example::files_of(&m).expect("example files");
    let blanks = forms::workbooks(&Blank::of_kind(kind)).expect("blank forms");
    assert_eq!(
        blanks.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        [
            "inputs/participants.xlsx",
            "inputs/roadmap.xlsx",
            "inputs/monitoring.xlsx"
        ]
    );
    let mut typed = 0;
    for (name, bytes) in &example_files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        let Some((_, blank)) = blanks.iter().find(|(n, _)| n == name) else {
            std::fs::write(&path, bytes).expect("programme.json");
            continue;
        };
        assert_eq!(sheet_names(blank)[0], forms::INSTRUCTIONS_SHEET);
        let (book, n) = fill_all(blank, bytes);
        typed += n;
        std::fs::write(&path, book).expect("filled form");
    }
    (m, typed)
}

#[test]
fn a_filled_blank_form_reads_back_as_typed() {
    for kind in [
        OrgKind::School,
        OrgKind::College,
        OrgKind::AdditionalEducation,
    ] {
        let tmp = tempfile::tempdir().expect("tempdir");
        let (want, typed) = filled_folder(tmp.path(), kind);
        let got = load::load(tmp.path())
            .unwrap_or_else(|e| panic!("{kind:?}: the filled forms read: {e}"));
        assert!(
            got.notices.is_empty(),
            "{kind:?}: every column of the forms is read: {:?}",
            got.notices
        );
        let m = got.model;
        let rows = m.mentors.len()
            + m.mentees.len()
            + m.pairs.len()
            + m.roadmap.len()
            + m.survey.responses.len();
        assert_eq!(rows, typed, "{kind:?}: every row typed is read");
        let json = |v: &dyn erased::Ser| v.json();
        assert_eq!(json(&m.mentors), json(&want.mentors), "{kind:?}: mentors");
        assert_eq!(json(&m.mentees), json(&want.mentees), "{kind:?}: mentees");
        assert_eq!(json(&m.pairs), json(&want.pairs), "{kind:?}: pairs");
        assert_eq!(json(&m.roadmap), json(&want.roadmap), "{kind:?}: roadmap");
        assert_eq!(
            m.survey.questions, want.survey.questions,
            "{kind:?}: the survey's questions are the form's columns"
        );
        assert_eq!(
            json(&m.survey.responses),
            json(&want.survey.responses),
            "{kind:?}: survey"
        );
    }
}

/// Values compared as JSON, without where each row stands (the example
/// writes its title rows as the form does, but compare values only).
mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            let mut v = serde_json::to_value(self).expect("serialises");
            strip(&mut v);
            v
        }
    }
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(o) => {
                o.remove("source");
                o.values_mut().for_each(strip);
            }
            serde_json::Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
}

#[test]
fn the_forms_carry_dropdowns_rules_messages_and_instructions() {
    let school = forms::workbooks(&Blank::of_kind(OrgKind::School)).expect("forms");
    let book = |name: &str| -> &[u8] { &school.iter().find(|(n, _)| n == name).expect("a form").1 };
    let participants = book("inputs/participants.xlsx");
    assert_eq!(
        sheet_names(participants),
        ["Инструкция", "Наставники", "Наставляемые", "Пары"]
    );
    let mentors = sheet_xml(participants, "Наставники");
    let doc = roxmltree::Document::parse(&mentors).expect("sheet XML");
    let validations: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("dataValidation"))
        .collect();
    // One per column, each with an input message, over 5,000 rows.
    assert_eq!(validations.len(), 13, "{mentors}");
    for v in &validations {
        assert_eq!(v.attribute("showInputMessage"), Some("1"));
        assert!(v.attribute("prompt").is_some_and(|p| p.len() > 20));
        assert!(v.attribute("sqref").is_some_and(|r| r.ends_with("5002")));
    }
    let list_of = |column: &str| -> String {
        let v = validations
            .iter()
            .find(|v| v.attribute("sqref").is_some_and(|r| r.starts_with(column)))
            .unwrap_or_else(|| panic!("validation of {column}"));
        assert_eq!(v.attribute("type"), Some("list"), "{column}");
        v.descendants()
            .find(|n| n.has_tag_name("formula1"))
            .and_then(|f| f.text())
            .expect("formula1")
            .to_owned()
    };
    assert_eq!(
        list_of("B3"),
        "\"педагог,обучающийся,студент,работодатель\"",
        "the school's forms take all four mentors' categories"
    );
    assert_eq!(list_of("F3"), "\"да,нет\"", "consent: да/нет");
    assert!(
        doc.descendants()
            .any(|n| n.has_tag_name("pane") && n.attribute("state") == Some("frozen")),
        "frozen header"
    );
    let width_of_a = doc
        .descendants()
        .find(|n| n.has_tag_name("col") && n.attribute("min") == Some("1"))
        .and_then(|c| c.attribute("width"))
        .and_then(|w| w.parse::<f64>().ok());
    assert!(
        width_of_a.is_some_and(|w| w >= 34.0),
        "«ФИО» is wide: {width_of_a:?}"
    );
    let pairs = sheet_xml(participants, "Пары");
    assert!(
        pairs.contains("ученик – ученик") && pairs.contains("работодатель – ученик"),
        "forms of the school's programme: {pairs}"
    );
    let roadmap = sheet_xml(book("inputs/roadmap.xlsx"), "Дорожная карта");
    assert!(
        roadmap.contains(
            r#"type="whole" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="Недопустимое значение" error="Этап программы: целое число от 1 до 7." promptTitle="Этап""#
        ) && roadmap.contains("<formula1>1</formula1><formula2>7</formula2>"),
        "stage 1–7: {roadmap}"
    );
    let survey = sheet_xml(book("inputs/monitoring.xlsx"), "Анкеты");
    assert!(
        survey.contains("<formula1>1</formula1><formula2>10</formula2>"),
        "scores 1–10"
    );
    assert!(
        survey.contains("\"наставник,наставляемый\""),
        "role: {survey}"
    );
    // «Инструкция» names every column of the book with its hint.
    let shared = part(participants, "xl/sharedStrings.xml");
    use nastavnik_engine::ingest::people::study_columns;
    for c in nastavnik_engine::ingest::people::mentor_columns::ALL {
        // A school's learners have a class: no group, course, specialty.
        let school_has = !study_columns::IDS.contains(&c.id);
        assert_eq!(
            shared.contains(&escape(c.hint)),
            school_has,
            "instruction for {}",
            c.id
        );
    }

    // A college's forms: its forms and categories only.
    let college = forms::workbooks(&Blank::of_kind(OrgKind::College)).expect("forms");
    let participants = &college[0].1;
    let pairs = sheet_xml(participants, "Пары");
    assert!(pairs.contains("студент – студент"), "{pairs}");
    assert!(!pairs.contains("ученик – ученик"), "{pairs}");
    let mentees = sheet_xml(participants, "Наставляемые");
    assert!(
        mentees.contains("<formula1>\"педагог,студент\"</formula1>"),
        "a college's mentees are students and teachers: {mentees}"
    );
    // A college's learners have their group, course (a whole number 1–6)
    // and specialty or profession in their own columns.
    let shared = part(participants, "xl/sharedStrings.xml");
    for c in [
        study_columns::GROUP,
        study_columns::COURSE,
        study_columns::SPECIALTY,
        study_columns::PROFESSION,
    ] {
        assert!(shared.contains(&escape(c.hint)), "instruction for {}", c.id);
    }
    assert!(
        mentees.contains("error=\"Курс: целое число от 1 до 6.\"")
            && mentees.contains("<formula1>1</formula1><formula2>6</formula2>"),
        "course 1–6: {mentees}"
    );

    // The same bytes on every run.
    assert_eq!(
        school,
        forms::workbooks(&Blank::of_kind(OrgKind::School)).expect("forms")
    );
}
