//! A college that keeps a student's group, course and specialty (or
//! profession) in separate columns: each is read into its own field of
//! the model, a course typed «2», «2 курс» or «II» is the number 2, one
//! out of range is refused at its cell, and the documents print them
//! beside the student's name in the college's words — the pairs order,
//! the plan, the parent's consent (declined), read back from the DOCX.
//! The workbook is written here, as a curator would type it.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::{MenteeCategory, MentorCategory, OrgKind};
use nastavnik_engine::{example, load, Error, Model, NaiveDate};
use rust_xlsxwriter::Workbook;
use std::path::Path;

const TM: &str = "15.02.16 Технология машиностроения";
const WELDER: &str = "15.01.05 Сварщик (ручной и частично механизированной сварки (наплавки))";

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d.%m.%Y").to_string())
        .unwrap_or_default()
}

fn yes(v: Option<bool>) -> String {
    match v {
        Some(true) => "да".into(),
        Some(false) => "нет".into(),
        None => String::new(),
    }
}

/// A student's group, course (as typed) and specialty / profession by
/// their place among the students: welders on the odd places.
fn study_of(i: usize) -> (&'static str, &'static str, &'static str, &'static str) {
    match i % 3 {
        0 => ("ТМ-24", "2", TM, ""),
        1 => ("СВ-15", "I курс", "", WELDER),
        _ => ("ТМ-33", "III", TM, ""),
    }
}

/// The college example's participants with the students' group, course,
/// specialty and profession in their own columns («Курс (1–4)» with a
/// clarification) and «Должность или класс» left empty for them.
fn participants(m: &Model, first_course: Option<&str>) -> Vec<u8> {
    let mut wb = Workbook::new();
    let mut sheet = |name: &str, rows: Vec<Vec<String>>| {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                if !cell.is_empty() {
                    ws.write_string(r as u32, c as u16, cell).expect("cell");
                }
            }
        }
    };
    let mut mentors = vec![[
        "ФИО",
        "Категория",
        "Должность или класс",
        "Организация",
        "Стаж (лет)",
        "Согласие на обработку ПДн",
        "Согласие на наставничество",
        "Дополнительное соглашение",
        "Трудовой договор",
        "Доплата",
        "Дата рождения",
        "Группа",
        "Курс (1–4)",
        "Специальность",
        "Профессия",
    ]
    .map(str::to_owned)
    .to_vec()];
    for x in &m.mentors {
        let student = x.category == MentorCategory::Student && x.organisation.is_none();
        let (group, course, specialty, profession) = if student {
            ("ТМ-42", "4", TM, "")
        } else {
            ("", "", "", "")
        };
        mentors.push(vec![
            x.name.clone(),
            serde_name(&x.category),
            if student {
                String::new()
            } else {
                x.position.clone().unwrap_or_default()
            },
            x.organisation.clone().unwrap_or_default(),
            x.experience.map(|e| e.to_string()).unwrap_or_default(),
            yes(x.consent_pd),
            yes(x.consent_mentoring),
            x.agreement.clone().unwrap_or_default(),
            x.employment_contract.clone().unwrap_or_default(),
            x.pay.clone().unwrap_or_default(),
            date(x.birth_date),
            group.into(),
            course.into(),
            specialty.into(),
            profession.into(),
        ]);
    }
    sheet("Наставники", mentors);
    let mut mentees = vec![[
        "ФИО",
        "Категория",
        "Класс или должность",
        "Дата рождения",
        "Стаж (лет)",
        "Запрос",
        "Согласие на обработку ПДн",
        "Группа",
        "Курс (1–4)",
        "Специальность",
        "Профессия",
    ]
    .map(str::to_owned)
    .to_vec()];
    let mut first = first_course;
    for (i, x) in m.mentees.iter().enumerate() {
        let student = x.category == MenteeCategory::Student;
        let (group, mut course, specialty, profession) = if student {
            study_of(i)
        } else {
            ("", "", "", "")
        };
        if student {
            if let Some(typed) = first.take() {
                course = typed;
            }
        }
        mentees.push(vec![
            x.name.clone(),
            serde_name(&x.category),
            if student {
                String::new()
            } else {
                x.class_or_position.clone().unwrap_or_default()
            },
            date(x.birth_date),
            x.experience.map(|e| e.to_string()).unwrap_or_default(),
            x.request.clone().unwrap_or_default(),
            yes(x.consent_pd),
            group.into(),
            course.into(),
            specialty.into(),
            profession.into(),
        ]);
    }
    sheet("Наставляемые", mentees);
    let mut pairs = vec![[
        "Наставник",
        "Наставляемый",
        "Форма",
        "Ролевая модель",
        "Дата начала",
        "Дата окончания",
    ]
    .map(str::to_owned)
    .to_vec()];
    for p in &m.pairs {
        pairs.push(vec![
            p.mentor.clone(),
            p.mentee.clone(),
            p.form.name().to_owned(),
            p.role_model.clone().unwrap_or_default(),
            date(Some(p.start)),
            date(p.end),
        ]);
    }
    sheet("Пары", pairs);
    wb.save_to_buffer().expect("xlsx")
}

/// The college example with its participants typed in separate columns;
/// `first_course`: what the first student's course cell holds instead.
fn college_dir(first_course: Option<&str>) -> (tempfile::TempDir, Model) {
    let dir = tempfile::tempdir().expect("tempdir");
    example::write_kind(dir.path(), None, OrgKind::College).expect("example");
    let m = example::model_of(OrgKind::College);
    let bytes = participants(&m, first_course);
    std::fs::write(dir.path().join("inputs/participants.xlsx"), bytes).expect("write");
    (dir, m)
}

fn load(dir: &Path) -> load::Loaded {
    load::load(dir).unwrap_or_else(|e| panic!("не загрузилось:\n{e}"))
}

#[test]
fn each_column_is_read_into_its_own_field() {
    let (dir, example) = college_dir(None);
    let l = load(dir.path());
    let unread: Vec<String> = l
        .notices
        .iter()
        .map(ToString::to_string)
        .filter(|n| n.contains("participants.xlsx") && n.contains("не читается"))
        .collect();
    assert!(unread.is_empty(), "{unread:#?}");
    let students: Vec<_> = example
        .mentees
        .iter()
        .enumerate()
        .filter(|(_, x)| x.category == MenteeCategory::Student)
        .collect();
    assert!(students.len() >= 3, "{}", students.len());
    for (i, x) in students {
        let read = l
            .model
            .mentees
            .iter()
            .find(|r| r.name == x.name)
            .expect("read");
        let (group, _, specialty, profession) = study_of(i);
        let course = [2, 1, 3][i % 3];
        assert_eq!(read.study.group.as_deref(), Some(group), "{}", x.name);
        assert_eq!(read.study.course, Some(course), "{}", x.name);
        assert_eq!(
            read.study.specialty.as_deref(),
            Some(specialty).filter(|s| !s.is_empty())
        );
        assert_eq!(
            read.study.profession.as_deref(),
            Some(profession).filter(|s| !s.is_empty())
        );
        assert_eq!(read.class_or_position, None);
    }
    let mentor = l
        .model
        .mentors
        .iter()
        .find(|x| x.category == MentorCategory::Student && x.organisation.is_none())
        .expect("a student mentor");
    assert_eq!(mentor.study.group.as_deref(), Some("ТМ-42"));
    assert_eq!(mentor.study.course, Some(4));
}

#[test]
fn a_course_out_of_range_is_refused_at_its_cell() {
    let (dir, m) = college_dir(Some("7"));
    // The first student's row on «Наставляемые» (header on row 1); the
    // course is column I.
    let row = m
        .mentees
        .iter()
        .position(|x| x.category == MenteeCategory::Student)
        .expect("a student")
        + 2;
    match load::load(dir.path()) {
        Err(Error::Input(problems)) => {
            let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
            assert!(
                text.iter()
                    .any(|p| p.contains(&format!("Наставляемые › I{row}"))
                        && p.contains("от 1 до 6")
                        && p.contains("«7»")),
                "{text:#?}"
            );
        }
        Ok(_) => panic!("курс 7 прочитан"),
        Err(e) => panic!("{e}"),
    }
}

/// A student's status in her gender, by the patronymic.
fn status(name: &str) -> &'static str {
    if name.ends_with("вна") || name.ends_with("чна") {
        "студентка"
    } else {
        "студент"
    }
}

#[test]
fn documents_name_the_group_course_and_specialty_in_the_colleges_words() {
    let (dir, _) = college_dir(None);
    let l = load(dir.path());
    let date = NaiveDate::from_ymd_opt(2026, 1, 20).expect("date");
    let (texts, _) = package_text::package_at(l.model.clone(), date);
    let pairs = texts
        .iter()
        .find(|(f, _)| f.starts_with("order-pairs"))
        .map(|(_, t)| t.clone())
        .expect("the pairs order");
    let student = l
        .model
        .mentees
        .iter()
        .find(|x| {
            x.study.group.as_deref() == Some("ТМ-24")
                && l.model.pairs.iter().any(|p| p.mentee == x.name)
        })
        .expect("a paired student of ТМ-24");
    let phrase = format!(
        "{} 2 курса группы ТМ-24, специальность {TM}",
        status(&student.name)
    );
    assert!(
        pairs.contains(&format!("{}, {phrase}", student.name)),
        "{}\n{pairs}",
        student.name
    );
    let welder = l
        .model
        .mentees
        .iter()
        .find(|x| x.study.profession.is_some() && l.model.pairs.iter().any(|p| p.mentee == x.name))
        .expect("a paired welder");
    assert!(
        pairs.contains(&format!(
            "{}, {} 1 курса группы СВ-15, профессия {WELDER}",
            welder.name,
            status(&welder.name)
        )),
        "{}\n{pairs}",
        welder.name
    );
    // A woman is a «студентка», in every row that names one.
    assert!(pairs.contains("студентка "), "{pairs}");
    assert!(
        !pairs
            .lines()
            .any(|l| l.contains("вна, студент ") || l.contains("вна, студент\u{a0}")),
        "{pairs}"
    );
    // The student mentor's group and course beside her name.
    assert!(
        pairs.contains(" 4 курса группы ТМ-42, специальность"),
        "{pairs}"
    );
    // The plan of the pair names her the same way.
    let plan = texts
        .iter()
        .find(|(f, t)| f.starts_with("plan-") && t.contains(&student.name))
        .map(|(_, t)| t.clone())
        .unwrap_or_else(|| panic!("no plan names {}", student.name));
    assert!(plan.contains(&phrase), "{plan}");
    // A minor's parent's form declines the status with the name.
    let minor = l
        .model
        .mentees
        .iter()
        .filter(|x| x.study.group.is_some() && x.age.is_some_and(|a| a < 18))
        .find_map(|x| {
            let surname = x.name.split_whitespace().next()?;
            texts
                .iter()
                .find(|(f, t)| f.starts_with("consent-parent") && t.contains(surname))
                .map(|(_, t)| (x, t.clone()))
        });
    let (x, form) = minor.expect("a parent's form for a minor student");
    let group = x.study.group.as_deref().expect("group");
    assert!(
        form.contains(&format!("курса группы {group}")) && form.contains("студент"),
        "{form}"
    );
    assert!(
        !form.contains(&format!(", студент {}", x.study.course.unwrap_or(0))),
        "the status is declined: {form}"
    );
}
