//! Which documents a programme gets: the fixed list of the contract plus one
//! plan per pair or group and one additional agreement per employee-mentor.
//!
//! A document whose data is missing is not printed empty: it is listed in
//! [`Catalogue::skipped`] with a Russian reason naming what to fill in.

use crate::model::Model;
use serde::Serialize;
use serde_json::{json, Value};

/// One document to write.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocPlan {
    /// File stem and id in the manifest: `order-pairs`, `plan-003`.
    pub id: String,
    pub title: String,
    /// Template name (file stem): `order-pairs`, `plan`, `agreement`.
    pub template: String,
    /// What a per-item document is about: `{"group": "003"}` for a plan,
    /// `{"mentor": "Иванова …", "number": 1}` for an agreement; `null` otherwise.
    pub extra: Value,
}

/// A document not written, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub id: String,
    pub title: String,
    /// Russian: which data is missing.
    pub reason: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Catalogue {
    pub documents: Vec<DocPlan>,
    pub skipped: Vec<Skipped>,
}

/// The documents of the contract in package order: id, title.
pub const FIXED: [(&str, &str); 13] = [
    (
        "order-implementation",
        "Приказ «О внедрении целевой модели наставничества»",
    ),
    (
        "protocol-council",
        "Протокол заседания педагогического совета (проект)",
    ),
    ("regulation", "Положение о программе наставничества"),
    (
        "order-regulation",
        "Приказ об утверждении Положения о программе наставничества",
    ),
    ("order-curator", "Приказ о назначении куратора"),
    ("order-roadmap", "Приказ об утверждении дорожной карты"),
    (
        "roadmap",
        "Дорожная карта реализации программы наставничества",
    ),
    ("order-mentors", "Приказ о назначении наставников"),
    (
        "order-pairs",
        "Приказ о закреплении наставнических пар (групп)",
    ),
    (
        "order-final-event",
        "Приказ о проведении итогового мероприятия",
    ),
    ("order-rewards", "Приказ о поощрении наставников"),
    ("report-monitoring", "Отчёт о мониторинге программы"),
    ("report-compliance", "Отчёт о полноте этапов"),
];

/// Title of the class of plans, for a skip notice.
pub const PLANS_TITLE: &str = "Индивидуальные планы наставничества";
/// Title of the class of agreements, for a skip notice.
pub const AGREEMENTS_TITLE: &str = "Дополнительные соглашения к трудовым договорам наставников";

/// Why a fixed document cannot be written for `model`, if it cannot.
fn missing(model: &Model, id: &str) -> Option<&'static str> {
    match id {
        "roadmap" | "order-roadmap" if model.roadmap.is_empty() => {
            Some("в таблице «Дорожная карта» нет ни одного мероприятия")
        }
        "order-mentors" if model.mentors.is_empty() => {
            Some("в таблице «Наставники» нет ни одного наставника")
        }
        "order-pairs" if model.groups.is_empty() => {
            Some("в таблице «Пары» нет ни одной наставнической пары или группы")
        }
        "order-final-event" if model.final_event.is_none() => Some(
            "в programme.json не описано итоговое мероприятие (final_event: название, дата, формат, ответственный)",
        ),
        "order-rewards" if model.rewards.is_empty() => {
            Some("в programme.json не указан ни один наставник к поощрению (rewards)")
        }
        _ => None,
    }
}

/// The mentors who get an additional agreement (ТК РФ ст. 351.8): staff
/// members, in the order of the «Наставники» sheet.
pub fn employee_mentors(model: &Model) -> impl Iterator<Item = &crate::model::Mentor> {
    model.mentors.iter().filter(|m| m.employee)
}

/// Plans the package for `model`.
pub fn plan(model: &Model) -> Catalogue {
    let mut cat = Catalogue::default();
    for (id, title) in FIXED {
        match missing(model, id) {
            Some(reason) => cat.skipped.push(Skipped {
                id: id.to_owned(),
                title: title.to_owned(),
                reason: reason.to_owned(),
            }),
            None => cat.documents.push(DocPlan {
                id: id.to_owned(),
                title: title.to_owned(),
                template: id.to_owned(),
                extra: Value::Null,
            }),
        }
    }
    if model.groups.is_empty() {
        cat.skipped.push(Skipped {
            id: "plan".to_owned(),
            title: PLANS_TITLE.to_owned(),
            reason: "в таблице «Пары» нет ни одной наставнической пары или группы".to_owned(),
        });
    }
    for group in &model.groups {
        let who = if group.is_group() {
            "группы"
        } else {
            "пары"
        };
        cat.documents.push(DocPlan {
            id: format!("plan-{}", group.id),
            title: format!(
                "Индивидуальный план наставничества {who} № {} ({})",
                group.id, group.mentor
            ),
            template: "plan".to_owned(),
            extra: json!({ "group": group.id }),
        });
    }
    let mut n = 0;
    for mentor in employee_mentors(model) {
        n += 1;
        cat.documents.push(DocPlan {
            id: format!("agreement-{n:03}"),
            title: format!(
                "Дополнительное соглашение к трудовому договору ({})",
                mentor.name
            ),
            template: "agreement".to_owned(),
            extra: json!({ "mentor": mentor.name, "number": n }),
        });
    }
    if n == 0 {
        cat.skipped.push(Skipped {
            id: "agreement".to_owned(),
            title: AGREEMENTS_TITLE.to_owned(),
            reason: "среди наставников нет работников организации (категория «педагог» без сторонней организации)".to_owned(),
        });
    }
    cat
}
