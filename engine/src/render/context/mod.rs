//! The JSON each template sees.
//!
//! Everything a document needs is computed here, so templates only print
//! and choose (`{{#if uses.teacher_teacher}}`), never count or look up:
//! a methodologist must be able to read them. Optional values are explicit
//! `null`s, never missing keys, because strict mode turns a missing key into
//! an error while `{{#if}}` on a `null` is simply false.
//! The keys are documented for methodologists in `templates/README.md`.

use crate::cast::{Cast, Terms};
use crate::figures::monitoring::{self, Monitoring};
use crate::figures::Coverage;
use crate::model::{Form, Group, MenteeCategory, MentorCategory, Model, OrgKind, SurveyRole};
use crate::render::catalogue::DocPlan;
use crate::render::helpers::order_ref_text;
use crate::rules::{Report, Severity, Verdict};
use crate::russian;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};

/// The 7 stages of the target model (Р-145), as titled in documents.
pub use crate::model::STAGE_TITLES as STAGES;

mod compliance;
mod orders;
mod organisation;
mod partners;
mod people;
mod plans;
mod survey;
mod values;
use compliance::*;
pub use orders::*;
pub use organisation::*;
use people::*;
use plans::*;
use survey::*;
pub use values::*;

/// Default share of participants to cover (national project «Образование», seed 004).
pub const DEFAULT_COVERAGE_TARGET: f64 = 70.0;

/// What a document is made from: the rules' verdicts and what follows
/// from them ([`Cast`]), the parameters, and the tables as read.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// Every person of the tables: only consent forms (to be signed by
    /// exactly those held back) and the figures look at it.
    pub full: &'a Model,
    /// Who and what the documents may state.
    pub cast: &'a Cast,
    /// The rules' report, typed: the compliance report and the stages'
    /// completeness.
    pub report: &'a Report,
    /// The figures every document prints
    /// ([`Figures::as_stated`](crate::figures::Figures::as_stated)).
    pub stated: &'a crate::figures::Figures,
    /// The layered parameter map (all keys optional).
    pub params: &'a Value,
    /// The words of the organisation's kind (`templates/kinds/`).
    pub kind: &'a Value,
    /// The catalogue: which documents are numbered orders.
    pub entries: &'a crate::render::catalogue::Entries,
}

/// Builds the context of `doc`. Rendering many documents, build one
/// [`Common`] and call [`Common::build`] for each.
pub fn build(src: &Sources, doc: &DocPlan) -> Value {
    Common::new(src).build(src, doc)
}

/// The part of every context that does not depend on the document,
/// computed once per package: a 1,000-participant school's 1,304 documents
/// had spent a fifth of their CPU building the same organisation, orders,
/// parameters and declined names again for each. Each document gets a
/// copy, with its own keys in their places (the key order is the one a
/// context always had).
pub struct Common {
    /// `gost_2016` … `orders`.
    head: Map<String, Value>,
    /// `terms` … `stages`.
    middle: Map<String, Value>,
    /// `employees_consented` … `held_back_count`.
    tail: Map<String, Value>,
    /// The lists of everyone, for documents not about one pair or person;
    /// built by the first such document.
    lists: std::sync::OnceLock<Map<String, Value>>,
}

impl Common {
    pub fn new(src: &Sources) -> Common {
        let model = &src.cast.model;
        let params = src.params;
        let people = People::new(model, src.kind);
        let mut head = Map::new();
        let gost = if model.layout.gost.trim().is_empty() {
            "2025".to_owned()
        } else {
            model.layout.gost.trim().to_owned()
        };
        head.insert("gost_2016".into(), Value::Bool(gost == "2016"));
        head.insert("gost".into(), Value::String(gost));
        head.insert("org".into(), organisation(model));
        head.insert("kind".into(), src.kind.clone());
        head.insert("programme".into(), programme(model));
        head.insert("uses".into(), uses(model));
        head.insert("role_models_text".into(), role_models_text(model, src.kind));
        head.insert("curator".into(), staff(model, &model.curator));
        head.insert(
            "team".into(),
            Value::Array(model.team.iter().map(|s| staff(model, s)).collect()),
        );
        head.insert("orders".into(), value(orders(model)));
        let mut middle = Map::new();
        middle.insert("terms".into(), terms(&src.cast.terms));
        middle.insert("council".into(), council(model));
        middle.insert(
            "pupils_council".into(),
            protocol(model.pupils_council.as_ref()),
        );
        middle.insert(
            "parents_council".into(),
            protocol(model.parents_council.as_ref()),
        );
        middle.insert("role_models".into(), role_models(model));
        middle.insert(
            "training".into(),
            value(training(model.mentor_training.iter())),
        );
        middle.insert("final_event".into(), value(final_event(model)));
        middle.insert("rewards".into(), value(rewards(model, &people)));
        middle.insert(
            "rewards_with_bonus".into(),
            Value::Bool(
                model
                    .rewards
                    .iter()
                    .any(|r| crate::text::key(&r.kind).contains("прем")),
            ),
        );
        middle.insert(
            "declensions".into(),
            serde_json::to_value(&model.declensions).unwrap_or(Value::Null),
        );
        middle.insert(
            "position_forms".into(),
            serde_json::to_value(&model.position_forms).unwrap_or(Value::Null),
        );
        middle.insert("params".into(), parameters(params));
        middle.insert(
            "stages".into(),
            Value::Array(
                STAGES
                    .iter()
                    .enumerate()
                    .map(|(i, t)| json!({"stage": i + 1, "title": t}))
                    .collect(),
            ),
        );
        let mut tail = Map::new();
        tail.insert(
            "employees_consented".into(),
            Value::Bool(
                model
                    .mentors
                    .iter()
                    .filter(|m| m.employee)
                    .all(|m| m.consent_mentoring == Some(true)),
            ),
        );
        tail.insert("held_back".into(), held_back(src.cast));
        let held_names = src.cast.held_back_names();
        tail.insert("held_back_count".into(), Value::from(held_names.len()));
        // Of them, those who refused: not «until the remarks are fixed».
        let refused: BTreeSet<&str> = src
            .cast
            .held_back
            .iter()
            .filter(|h| h.refused)
            .map(|h| h.name.as_str())
            .collect();
        tail.insert("refused_count".into(), Value::from(refused.len()));
        // Left without a pair by a partner held back (not their own finding).
        let unpaired: BTreeSet<&str> = src
            .cast
            .held_back
            .iter()
            .filter(|h| h.partner.is_some() && !refused.contains(h.name.as_str()))
            .map(|h| h.name.as_str())
            .filter(|n| {
                !src.cast
                    .held_back
                    .iter()
                    .any(|h| h.name == *n && h.partner.is_none())
            })
            .collect();
        tail.insert("unpaired_count".into(), Value::from(unpaired.len()));
        tail.insert(
            "pending_count".into(),
            Value::from(
                held_names
                    .len()
                    .saturating_sub(refused.len() + unpaired.len()),
            ),
        );
        // Pairs (rows of «Пары») the check rejected: not people.
        let rejected: BTreeSet<&str> = src
            .cast
            .held_back
            .iter()
            .filter(|h| h.role == crate::cast::PAIR)
            .map(|h| h.name.as_str())
            .collect();
        tail.insert("rejected_pairs".into(), Value::from(rejected.len()));
        tail.insert(
            "rejected_pairs_all_reasons".into(),
            rejected_pair_reasons(src, None),
        );
        Common {
            head,
            middle,
            tail,
            lists: std::sync::OnceLock::new(),
        }
    }

    /// The lists of everyone (mentors, mentees, groups, pairs, roadmap,
    /// monitoring, the compliance report).
    fn lists(&self, src: &Sources) -> &Map<String, Value> {
        self.lists.get_or_init(|| {
            let model = &src.cast.model;
            let people = People::new(model, src.kind);
            let mut lists = Map::new();
            lists.insert("mentors".into(), mentors(model, &people));
            lists.insert("mentors_by_kind".into(), mentors_by_kind(&lists["mentors"]));
            lists.insert("mentees".into(), mentees(model, &people));
            lists.insert("groups".into(), groups(model, &people));
            lists.insert("pairs".into(), pair_rows(model, &people));
            lists.insert("roadmap".into(), roadmap(model));
            lists.insert("monitoring".into(), monitoring(src, model, src.params));
            lists.insert("results".into(), results(src));
            lists.insert(
                crate::render::templates::REPORT_KEY.into(),
                compliance(src.report, model),
            );
            lists
        })
    }

    /// The context of `doc`: a copy of the common part with the
    /// document's own keys. `src` must be the sources `self` was built from.
    pub fn build(&self, src: &Sources, doc: &DocPlan) -> Value {
        let model = &src.cast.model;
        let copy = |part: &Map<String, Value>, root: &mut Map<String, Value>| {
            for (k, v) in part {
                root.insert(k.clone(), v.clone());
            }
        };
        let mut root = Map::new();
        root.insert("doc".into(), json!({"id": doc.id, "title": doc.title}));
        copy(&self.head, &mut root);
        root.insert("order".into(), value(this_order(model, &doc.id)));
        root.insert(
            "issued_before".into(),
            value(issued_before(model, src.entries, &doc.id)),
        );
        root.insert(
            "approved_by".into(),
            value(approved_by(model, doc.approved_by.as_deref(), &root)),
        );
        copy(&self.middle, &mut root);
        // Training held before this document's date (its registered order's
        // date, else the reports' date) is stated as done, not ordered.
        let as_of = model
            .orders
            .get(&doc.id)
            .map(|o| o.date)
            .or(model.report_date);
        let (done, planned): (Vec<_>, Vec<_>) = model
            .mentor_training
            .iter()
            .partition(|t| as_of.is_some_and(|d| t.date < d));
        // The final event already held by this document's date: an order
        // on it could only be back-dated (rule stage7.order-final-event).
        let held_by = model
            .final_event
            .as_ref()
            .and_then(|f| f.date)
            .zip(as_of)
            .is_some_and(|(event, day)| event < day);
        root.insert("final_event_held".into(), Value::Bool(held_by));
        // A draft (its subject after the package's date): the header says
        // «ПРОЕКТ» and from when it may be signed.
        root.insert(
            "draft".into(),
            match &doc.draft {
                Some(d) => json!({"sign_from": date(d.sign_from), "reason": d.reason}),
                None => Value::Null,
            },
        );
        root.insert("training_done".into(), value(training(done.into_iter())));
        root.insert(
            "training_planned".into(),
            value(training(planned.into_iter())),
        );
        root.insert(
            "acquainted".into(),
            Value::Array(
                acquainted(model, doc)
                    .into_iter()
                    .map(Value::String)
                    .collect(),
            ),
        );
        copy(&self.tail, &mut root);
        // Those kept out of this very document: it tells the curator to follow
        // them up (by count: they are not named before their consent).
        // Three kinds, three different follow-ups: a consent still to be
        // signed (a blank cell), a refusal («нет»: nobody is asked again,
        // ТК РФ ст. 351.8 makes mentoring voluntary), a pair the check
        // rejects (re-pair its members).
        let here = |keep: &dyn Fn(&crate::cast::HeldBack) -> bool| -> BTreeSet<&str> {
            src.cast
                .held_back
                .iter()
                .filter(|h| h.documents.contains(&doc.id) && keep(h))
                .map(|h| h.name.as_str())
                .collect()
        };
        let partnerless = here(&|h| h.partner.is_some() && !h.partner_refused);
        let partner_refused = here(&|h| h.partner_refused);
        // Of them, a mentor who refused the written consent to mentoring
        // (ТК РФ ст. 351.8) and a partner who refused the processing of
        // personal data: two articles, two sentences.
        let refused_mentoring = here(&|h| h.partner_refused && h.refused_mentoring);
        let refused = here(&|h| h.refused);
        let pairs_here = here(&|h| h.role == crate::cast::PAIR);
        let held_here: BTreeSet<&str> =
            here(&|h| h.partner.is_none() && !h.refused && h.role != crate::cast::PAIR)
                .into_iter()
                .filter(|n| {
                    !partnerless.contains(n) && !partner_refused.contains(n) && !refused.contains(n)
                })
                .collect();
        root.insert("held_back_here".into(), Value::from(held_here.len()));
        root.insert("refused_here".into(), Value::from(refused.len()));
        root.insert("rejected_pairs_here".into(), Value::from(pairs_here.len()));
        root.insert(
            "rejected_pairs_reasons".into(),
            rejected_pair_reasons(src, Some(&doc.id)),
        );
        // Left without a pair for a partner held back: they need a new one.
        root.insert("unpaired_here".into(), Value::from(partnerless.len()));
        // Left without a pair because the partner refused.
        root.insert(
            "unpaired_refused_here".into(),
            Value::from(partner_refused.len()),
        );
        root.insert(
            "unpaired_refused_mentoring_here".into(),
            Value::from(refused_mentoring.len()),
        );
        root.insert(
            "unpaired_refused_pd_here".into(),
            Value::from(partner_refused.len() - refused_mentoring.len()),
        );
        // A document about one pair or person (a plan, an agreement, a
        // consent form) does not get the lists of everyone: thousands of
        // consent forms must not each copy the whole school.
        let per_item = doc.extra.is_object();
        if !per_item {
            copy(self.lists(src), &mut root);
        }
        // Only a document about one group, mentor or person looks them up.
        let needs_people = ["group", "mentor"]
            .iter()
            .any(|k| doc.extra.get(k).is_some());
        let people = if needs_people {
            Some(People::new(model, src.kind))
        } else {
            None
        };
        let group = match (&people, doc.extra.get("group").and_then(Value::as_str)) {
            (Some(people), Some(id)) => model
                .groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| plan_group(model, g, people, src.kind))
                .unwrap_or(Value::Null),
            _ => Value::Null,
        };
        root.insert("group".into(), group);
        let mentor = match (&people, doc.extra.get("mentor").and_then(Value::as_str)) {
            (Some(people), Some(name)) => {
                agreement_mentor(model, name, &doc.extra, people, &src.cast.terms)
            }
            _ => Value::Null,
        };
        root.insert("mentor".into(), mentor);
        let person = doc
            .extra
            .get("person")
            .and_then(Value::as_str)
            .map(|name| person(src.full, src.cast, name, &doc.extra, src.kind))
            .unwrap_or(Value::Null);
        root.insert("person".into(), person);
        Value::Object(root)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_serialise() {
        let model = crate::example::model();
        let people = People::new(&model, &serde_json::Value::Null);
        let checks: Vec<(Result<Value, serde_json::Error>, &str)> = vec![
            (serde_json::to_value(orders(&model)), "order-pairs"),
            (
                serde_json::to_value(this_order(&model, "order-pairs")),
                "registered",
            ),
            (
                serde_json::to_value(final_event(&model)),
                "responsible_position",
            ),
            (serde_json::to_value(rewards(&model, &people)), "employee"),
            (
                serde_json::to_value(training(model.mentor_training.iter())),
                "organiser",
            ),
        ];
        for (v, key) in checks {
            let text = v.expect("serialises").to_string();
            assert!(text.contains(key), "{key} in {text}");
        }
        // Dates as the templates' helpers read them.
        let ordered = value(this_order(&model, "order-pairs"));
        assert_eq!(ordered["date"], "2025-10-15");
    }

    #[test]
    fn a_programme_is_not_named_twice() {
        assert_eq!(
            programme_named("Программа наставничества МБОУ «СОШ № 17» на 2025/2026 учебный год"),
            "МБОУ «СОШ № 17» на 2025/2026 учебный год"
        );
        assert_eq!(
            programme_named("программа наставничества «Вместе»"),
            "«Вместе»"
        );
        assert_eq!(programme_named("Вместе к успеху"), "«Вместе к успеху»");
        assert_eq!(
            programme_named("Программа наставничества"),
            "«Программа наставничества»"
        );
        assert_eq!(
            programme_named("Программа наставничестваX"),
            "«Программа наставничестваX»"
        );
    }

    #[test]
    fn goals_become_list_items() {
        assert_eq!(list_item("Улучшить показатели.; "), "улучшить показатели");
        assert_eq!(list_item("МБОУ готовит кадры;"), "МБОУ готовит кадры");
        assert_eq!(list_item(""), "");
    }

    #[test]
    fn numbers_print_the_russian_way() {
        assert_eq!(decimal_text(7.25), "7,3");
        assert_eq!(decimal_text(8.0), "8");
        assert_eq!(percent_text(42.5), "42,5\u{a0}%");
    }

    #[test]
    fn months_span_the_dates_inclusive() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        let m = months(d(2025, 11, 15), d(2026, 2, 1));
        let names: Vec<&str> = m.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            ["ноябрь 2025", "декабрь 2025", "январь 2026", "февраль 2026"]
        );
        assert!(months(d(2026, 1, 1), d(2025, 1, 1)).is_empty());
    }
}
