//! The example model laid out as the sheets of the three example workbooks,
//! with the headers of the contract.

use super::xlsx::{Cell, SheetSpec};
use super::{MENTEES_SHEET, MENTORS_SHEET, PAIRS_SHEET, ROADMAP_SHEET, SURVEY_SHEET};
use crate::model::{Form, Model, SurveyRole};

fn serde_name<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn school_title(m: &Model, what: &str) -> String {
    format!(
        "{what}\n{}, {}",
        m.organisation.short_name,
        m.programme.academic_year.as_deref().unwrap_or("")
    )
}

pub fn participants(m: &Model) -> Vec<SheetSpec> {
    let mentors = SheetSpec {
        name: MENTORS_SHEET,
        title: school_title(m, "Список наставников"),
        columns: vec![
            ("ФИО", 34.0),
            ("Категория", 14.0),
            ("Должность или класс", 30.0),
            ("Организация", 30.0),
            ("Стаж (лет)", 9.0),
            ("Согласие на обработку ПДн", 13.0),
            ("Согласие на наставничество", 14.0),
            ("Дополнительное соглашение", 18.0),
            ("Трудовой договор", 18.0),
            ("Доплата", 16.0),
            ("Телефон", 17.0),
            ("Email", 30.0),
        ],
        rows: m
            .mentors
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.name.clone()),
                    Cell::Text(serde_name(&x.category)),
                    Cell::opt_text(&x.position),
                    Cell::opt_text(&x.organisation),
                    Cell::opt_number(x.experience),
                    Cell::yes_no(x.consent_pd),
                    Cell::yes_no(x.consent_mentoring),
                    Cell::opt_text(&x.agreement),
                    Cell::opt_text(&x.employment_contract),
                    Cell::opt_text(&x.pay),
                    Cell::opt_text(&x.phone),
                    Cell::opt_text(&x.email),
                ]
            })
            .collect(),
    };
    let mentees = SheetSpec {
        name: MENTEES_SHEET,
        title: school_title(m, "Список наставляемых"),
        columns: vec![
            ("ФИО", 34.0),
            ("Категория", 14.0),
            ("Класс или должность", 26.0),
            ("Дата рождения", 13.0),
            ("Стаж (лет)", 9.0),
            ("Запрос", 50.0),
            ("Согласие на обработку ПДн", 13.0),
        ],
        rows: m
            .mentees
            .iter()
            .map(|x| {
                vec![
                    Cell::Text(x.name.clone()),
                    Cell::Text(serde_name(&x.category)),
                    Cell::opt_text(&x.class_or_position),
                    Cell::opt_date(x.birth_date),
                    Cell::opt_number(x.experience),
                    Cell::opt_text(&x.request),
                    Cell::yes_no(x.consent_pd),
                ]
            })
            .collect(),
    };
    let pairs = SheetSpec {
        name: PAIRS_SHEET,
        title: school_title(m, "Наставнические пары и группы"),
        columns: vec![
            ("Наставник", 34.0),
            ("Наставляемый", 34.0),
            ("Форма", 24.0),
            ("Ролевая модель", 36.0),
            ("Дата начала", 13.0),
            ("Дата окончания", 13.0),
        ],
        rows: m
            .pairs
            .iter()
            .map(|x| {
                // Employers' pairs were typed with dates as text: both are read.
                let typed = x.form == Form::EmployerPupil;
                let date = |d: chrono::NaiveDate| {
                    if typed {
                        Cell::Text(crate::russian::date_short(d))
                    } else {
                        Cell::Date(d)
                    }
                };
                vec![
                    Cell::Text(x.mentor.clone()),
                    Cell::Text(x.mentee.clone()),
                    Cell::Text(x.form.name().to_owned()),
                    Cell::opt_text(&x.role_model),
                    date(x.start),
                    x.end.map_or(Cell::Empty, date),
                ]
            })
            .collect(),
    };
    vec![mentors, mentees, pairs]
}

pub fn roadmap(m: &Model) -> Vec<SheetSpec> {
    vec![SheetSpec {
        name: ROADMAP_SHEET,
        title: school_title(m, "Дорожная карта реализации программы наставничества"),
        columns: vec![
            ("Этап", 7.0),
            ("Мероприятие", 60.0),
            ("Ответственный", 30.0),
            ("Срок", 18.0),
            ("Результат", 36.0),
            ("Отметка о выполнении", 14.0),
        ],
        rows: m
            .roadmap
            .iter()
            .map(|e| {
                vec![
                    Cell::Number(f64::from(e.stage)),
                    Cell::Text(e.title.clone()),
                    Cell::Text(e.responsible.clone()),
                    match e.deadline_date {
                        Some(d) if crate::russian::date_short(d) == e.deadline => Cell::Date(d),
                        _ => Cell::Text(e.deadline.clone()),
                    },
                    Cell::opt_text(&e.result),
                    Cell::opt_text(&e.done_mark),
                ]
            })
            .collect(),
    }]
}

pub fn monitoring(m: &Model) -> Vec<SheetSpec> {
    let mut columns = vec![
        ("Респондент", 32.0),
        ("Роль", 14.0),
        ("Этап мониторинга", 11.0),
    ];
    columns.extend(m.survey.questions.iter().map(|q| {
        // Headers are 'static: the example questions are constants.
        let q: &'static str = super::plan::QUESTIONS
            .iter()
            .find(|c| **c == q.as_str())
            .copied()
            .unwrap_or("Вопрос");
        (q, 18.0)
    }));
    vec![SheetSpec {
        name: SURVEY_SHEET,
        title: school_title(
            m,
            "Результаты анкетирования участников программы наставничества (оценки от 1 до 10)",
        ),
        columns,
        rows: m
            .survey
            .responses
            .iter()
            .map(|r| {
                let mut row = vec![
                    Cell::opt_text(&r.respondent),
                    Cell::Text(
                        match r.role {
                            SurveyRole::Mentor => "наставник",
                            SurveyRole::Mentee => "наставляемый",
                        }
                        .to_owned(),
                    ),
                    Cell::Number(f64::from(r.phase)),
                ];
                row.extend(
                    r.scores
                        .iter()
                        .map(|s| s.map_or(Cell::Empty, |s| Cell::Number(f64::from(s)))),
                );
                row
            })
            .collect(),
    }]
}
