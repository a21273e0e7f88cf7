//! A small but complete programme for the template tests: every form kind,
//! a group, a registered order, a survey, rewards, a final event, an
//! override of a declension and a name with markup characters in it.

#![allow(dead_code)]

use nastavnik_engine::model::Model;
use serde_json::{json, Value};

pub const TRICKY: &str = "Смирнов{{x}} <Пётр> & «Сын» Олегович";

fn src(sheet: &str, row: u32) -> Value {
    json!({"file": "inputs/participants.xlsx", "sheet": sheet, "row": row})
}

fn mentor(name: &str, category: &str, position: &str, employee: bool, row: u32) -> Value {
    json!({"name": name, "category": category, "position": position, "organisation": null,
           "experience": 12.0, "consent_pd": true, "consent_mentoring": employee,
           "agreement": null, "pay": if employee { json!("10 % должностного оклада") } else { Value::Null },
           "phone": null, "email": null, "employee": employee, "source": src("Наставники", row)})
}

fn mentee(name: &str, category: &str, class: &str, age: Option<u32>, row: u32) -> Value {
    json!({"name": name, "category": category, "class_or_position": class, "birth_date": null,
           "age": age, "experience": null, "request": "помощь в учёбе", "consent_pd": true,
           "source": src("Наставляемые", row)})
}

fn pair(mentor: &str, mentee: &str, form: &str, group: &str, row: u32) -> Value {
    json!({"mentor": mentor, "mentee": mentee, "form": form, "role_model": null,
           "start": "2025-10-01", "end": "2026-05-31", "group": group, "source": src("Пары", row)})
}

fn open_ended(mut pair: Value) -> Value {
    pair["end"] = Value::Null;
    pair
}

fn event(stage: u8, title: &str, row: u32) -> Value {
    json!({"stage": stage, "title": title, "responsible": "Куратор", "deadline": "сентябрь 2025",
           "deadline_date": null, "result": "Приказ", "done_mark": null, "done": null,
           "source": {"file": "inputs/roadmap.xlsx", "sheet": "Дорожная карта", "row": row}})
}

pub fn model_json() -> Value {
    json!({
        "region": null,
        "layout": {"gost": "2025"},
        "organisation": {
            "full_name": "Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 7»",
            "short_name": "МБОУ «СОШ № 7»", "kind": "school", "city": "Омск",
            "address": "ул. Ленина, д. 1", "founder": "Департамент образования Администрации города Омска",
            "head": {"name": "Кузнецов Андрей Викторович", "position": "директор", "role": null},
            "students": 20, "teachers": 10
        },
        "programme": {"title": "Шаг навстречу", "start": "2025-09-01", "end": "2026-06-30",
            "forms": ["ученик – ученик", "учитель – учитель", "работодатель – ученик"],
            "goals": [], "tasks": [], "academic_year": "2025/2026 учебный год"},
        "curator": {"name": "Иванова Мария Петровна", "position": "заместитель директора по УВР", "role": null},
        "team": [{"name": "Орлов Глеб Ильич", "position": "педагог-психолог", "role": "член рабочей группы"}],
        "orders": {"order-pairs": {"number": "45", "date": "2025-10-01"}},
        "council": null,
        "mentor_training": [{"title": "Школа наставника", "date": "2025-09-20", "hours": 6, "organiser": null}],
        "final_event": {"title": "Фестиваль наставничества", "date": "2026-05-25", "format": "очный",
                         "place": "актовый зал", "responsible": null},
        "rewards": [{"mentor": "Петрова Анна Сергеевна", "kind": "благодарность", "reason": null}],
        "declensions": {"Черных Ольга Ильинична": {"gender": "female", "genitive": null, "dative": null,
            "accusative": "Черных Ольгу Ильиничну", "instrumental": null, "prepositional": null}},
        "mentors": [
            mentor("Петрова Анна Сергеевна", "педагог", "учитель математики", true, 2),
            mentor("Черных Ольга Ильинична", "педагог", "учитель русского языка", true, 3),
            mentor("Соколов Илья Дмитриевич", "обучающийся", "10 «А» класс", false, 4),
            mentor(TRICKY, "работодатель", "инженер", false, 5)
        ],
        "mentees": [
            mentee("Лебедев Максим Андреевич", "педагог", "учитель физики", None, 2),
            mentee("Зайцева Дарья Игоревна", "обучающийся", "6 «Б» класс", Some(12), 3),
            mentee("Морозов Кирилл Павлович", "обучающийся", "6 «Б» класс", Some(12), 4),
            mentee("Волкова Ксения Романовна", "обучающийся", "9 «А» класс", Some(15), 5),
            mentee("Новикова Елена Сергеевна", "педагог", "учитель истории", None, 6)
        ],
        "pairs": [
            pair("Петрова Анна Сергеевна", "Лебедев Максим Андреевич", "учитель – учитель", "001", 2),
            pair("Соколов Илья Дмитриевич", "Зайцева Дарья Игоревна", "ученик – ученик", "002", 3),
            pair("Соколов Илья Дмитриевич", "Морозов Кирилл Павлович", "ученик – ученик", "002", 4),
            pair(TRICKY, "Волкова Ксения Романовна", "работодатель – ученик", "003", 5),
            // Open-ended: runs to the programme's end.
            open_ended(pair("Черных Ольга Ильинична", "Новикова Елена Сергеевна", "учитель – учитель", "004", 6))
        ],
        "groups": [
            {"id": "001", "mentor": "Петрова Анна Сергеевна", "form": "учитель – учитель",
             "mentees": ["Лебедев Максим Андреевич"], "role_model": null,
             "start": "2025-10-01", "end": "2026-05-31", "rows": [src("Пары", 2)]},
            {"id": "002", "mentor": "Соколов Илья Дмитриевич", "form": "ученик – ученик",
             "mentees": ["Зайцева Дарья Игоревна", "Морозов Кирилл Павлович"], "role_model": "успевающий – неуспевающий",
             "start": "2025-10-01", "end": "2026-05-31", "rows": [src("Пары", 3), src("Пары", 4)]},
            {"id": "003", "mentor": TRICKY, "form": "работодатель – ученик",
             "mentees": ["Волкова Ксения Романовна"], "role_model": null,
             "start": "2025-10-01", "end": "2026-05-31", "rows": [src("Пары", 5)]},
            {"id": "004", "mentor": "Черных Ольга Ильинична", "form": "учитель – учитель",
             "mentees": ["Новикова Елена Сергеевна"], "role_model": null,
             "start": "2025-10-01", "end": null, "rows": [src("Пары", 6)]}
        ],
        "roadmap": [
            event(1, "Издание приказа о внедрении целевой модели", 3),
            event(1, "Утверждение Положения о программе наставничества", 4),
            event(2, "Анкетирование обучающихся и педагогов", 5),
            event(3, "Формирование базы наставников", 6),
            event(4, "Обучение наставников «Школа наставника»", 7),
            event(5, "Издание приказа о закреплении пар", 8),
            event(6, "Встречи наставнических пар", 9),
            event(7, "Фестиваль наставничества", 10)
        ],
        "survey": {"questions": ["Насколько комфортно общение", "Насколько полезны встречи"],
            "responses": [
                {"respondent": null, "role": "наставник", "phase": 1, "scores": [8, 9],
                 "source": {"file": "inputs/monitoring.xlsx", "sheet": "Анкеты", "row": 2}},
                {"respondent": null, "role": "наставляемый", "phase": 1, "scores": [7, null],
                 "source": {"file": "inputs/monitoring.xlsx", "sheet": "Анкеты", "row": 3}}
            ]}
    })
}

pub fn model() -> Model {
    serde_json::from_value(model_json()).expect("fixture model deserialises")
}

pub fn params() -> Value {
    json!({"region_name": "Омская область", "regional_acts": ["распоряжением Министерства образования Омской области от 10.03.2020 № 123"]})
}

/// `model` after the base rules, with the fixture's regional parameters
/// over the base ones: what every document is rendered from.
pub fn checked(model: &Model) -> nastavnik_engine::package::Checked<'_> {
    let rules = nastavnik_engine::rules::RuleSet::load(None, None).expect("base rules load");
    let mut all = rules.params().clone();
    if let (Some(map), Value::Object(extra)) = (all.as_object_mut(), params()) {
        map.extend(extra);
    }
    let entries = nastavnik_engine::render::catalogue::Entries::base().expect("catalogue");
    nastavnik_engine::package::Checked::new(model, &rules, all, entries).expect("rules run")
}
