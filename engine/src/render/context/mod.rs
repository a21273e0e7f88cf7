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
use crate::rules::{Report, Severity, Verdict};
use crate::russian;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
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
    /// The documents are stated as of an earlier date than the package's
    /// (`manifest.json › earlier`).
    pub restated: bool,
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

/// The keys of every context before the document's order: `gost_2016` … `orders`.
#[derive(Serialize)]
struct Head<'a> {
    /// The document follows ГОСТ Р 7.0.97-2016.
    gost_2016: bool,
    /// The edition followed: «2025» or «2016» ([`crate::model::Layout::gost_edition`]).
    gost: String,
    org: Organisation,
    /// The words of the organisation's kind (`templates/kinds/`).
    kind: &'a Value,
    programme: Programme,
    uses: Uses,
    role_models_text: RoleModelsText,
    curator: StaffMember,
    team: Vec<StaffMember>,
    /// Registered orders by id ([`OrderRef`]).
    orders: BTreeMap<String, OrderRef>,
}

/// The keys after the document's own order: `terms` … `stages`.
#[derive(Serialize)]
struct Middle<'a> {
    terms: TermsFrom,
    council: Option<Council>,
    pupils_council: Option<Protocol>,
    parents_council: Option<Protocol>,
    role_models: Vec<FormRoleModels>,
    training: Vec<Training>,
    final_event: Option<FinalEvent>,
    rewards: Vec<Reward>,
    /// A reward is a bonus («премия»): the order names the pay act.
    rewards_with_bonus: bool,
    /// Hand-given forms of names (programme.json's `declensions`).
    declensions: &'a BTreeMap<String, crate::model::NameForms>,
    /// Hand-given forms of positions (`position_forms`).
    position_forms: &'a BTreeMap<String, crate::model::PositionForms>,
    /// The parameters in force ([`parameters`]).
    params: Value,
    /// The 7 stages of Р-145 as documents title them.
    stages: Vec<StageTitle>,
}

/// A stage of the target model (`stages[]`).
#[derive(Serialize)]
struct StageTitle {
    stage: usize,
    title: &'static str,
}

/// The keys after the document's dates: `employees_consented` … `rejected_pairs_all_reasons`.
#[derive(Serialize)]
struct Tail {
    /// Every employee mentor gave the written consent to mentoring.
    employees_consented: bool,
    held_back: Vec<HeldBackEntry>,
    /// People held back, each once ([`crate::cast::FollowUps`]).
    held_back_count: usize,
    /// Of them, those who refused: not «until the remarks are fixed».
    refused_count: usize,
    /// Left without a pair by a partner held back.
    unpaired_count: usize,
    /// Awaiting a consent.
    pending_count: usize,
    /// Kept out by a requirement of the regulation no consent meets.
    ineligible_count: usize,
    /// Pairs the check rejected: not people.
    rejected_pairs: usize,
    rejected_pairs_all_reasons: Vec<RejectedReason>,
    /// The same counts over those with a row in «Пары» (the base «в парах
    /// и группах» of the monitoring report), [`crate::cast::Cast::follow_ups_paired`].
    paired_follow_ups: crate::cast::FollowUps,
    /// Held back with no row in «Пары» at all.
    no_pair_count: usize,
}

/// Those kept out of this very document (`held_back_here` …
/// `unpaired_refused_pd_here`, [`crate::cast::FollowUpsHere`]).
#[derive(Serialize)]
struct Here {
    /// Awaiting a consent of their own.
    held_back_here: usize,
    refused_here: usize,
    rejected_pairs_here: usize,
    rejected_pairs_reasons: Vec<RejectedReason>,
    /// Left without a pair for a partner held back: they need a new one.
    unpaired_here: usize,
    /// Left without a pair because the partner refused …
    unpaired_refused_here: usize,
    /// … the written consent to mentoring (ТК РФ ст. 351.8) …
    unpaired_refused_mentoring_here: usize,
    /// … or the processing of personal data.
    unpaired_refused_pd_here: usize,
}

/// The document (`doc`).
#[derive(Serialize)]
struct DocHeader<'a> {
    /// Its id in the catalogue: `order-pairs`, `plan-003`.
    id: &'a str,
    title: &'a str,
    /// Stated as of its own date, before the package's: the package's
    /// other documents (the compliance report) are of a later date and are
    /// not referred to.
    restated: bool,
}

/// A draft's mark (`draft`): its subject lies after the package's date,
/// so the header says «ПРОЕКТ» and from when it may be signed.
#[derive(Serialize)]
struct DraftMark<'a> {
    /// `None`: a draft never to be signed (its subject is past).
    sign_from: Option<NaiveDate>,
    /// Why not before, in words.
    reason: &'a str,
}

/// A typed part of a context as its keys, in their order.
fn keys<T: Serialize>(part: T) -> Map<String, Value> {
    match value(part) {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

impl Common {
    pub fn new(src: &Sources) -> Common {
        let model = &src.cast.model;
        let people = People::new(model, src.kind);
        let gost = model.layout.gost_edition();
        let head = keys(Head {
            gost_2016: gost == "2016",
            gost,
            org: organisation(model),
            kind: src.kind,
            programme: programme(model, src.params),
            uses: uses(model),
            role_models_text: role_models_text(model, src.kind),
            curator: staff(model, &model.curator),
            team: model.team.iter().map(|s| staff(model, s)).collect(),
            orders: orders(model),
        });
        let middle = keys(Middle {
            terms: terms(&src.cast.terms),
            council: council(model),
            pupils_council: protocol(model.pupils_council.as_ref()),
            parents_council: protocol(model.parents_council.as_ref()),
            role_models: role_models(model),
            training: training(model.mentor_training.iter()),
            final_event: final_event(model),
            rewards: rewards(model, &people),
            rewards_with_bonus: model
                .rewards
                .iter()
                .any(|r| crate::text::key(&r.kind).contains("прем")),
            declensions: &model.declensions,
            position_forms: &model.position_forms,
            params: parameters(src.params),
            stages: STAGES
                .iter()
                .enumerate()
                .map(|(i, title)| StageTitle {
                    stage: i + 1,
                    title,
                })
                .collect(),
        });
        let follow_ups = src.cast.follow_ups();
        let paired = src.cast.follow_ups_paired(src.full);
        let tail = keys(Tail {
            employees_consented: model
                .mentors
                .iter()
                .filter(|m| m.employee)
                .all(|m| m.consent_mentoring == Some(true)),
            held_back: held_back(src.cast),
            held_back_count: follow_ups.held,
            refused_count: follow_ups.refused,
            unpaired_count: follow_ups.unpaired,
            pending_count: follow_ups.pending,
            ineligible_count: follow_ups.ineligible,
            rejected_pairs: follow_ups.rejected_pairs,
            rejected_pairs_all_reasons: rejected_pair_reasons(src, None),
            paired_follow_ups: paired.0,
            no_pair_count: paired.1,
        });
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
            let all_mentors = mentors(model, &people);
            let by_kind = mentors_by_kind(&all_mentors);
            lists.insert("mentors".into(), value(all_mentors));
            lists.insert("mentors_by_kind".into(), value(by_kind));
            lists.insert("mentees".into(), value(mentees(model, &people)));
            lists.insert("groups".into(), value(groups(model, &people)));
            lists.insert("pairs".into(), value(pair_rows(model, &people)));
            lists.insert("roadmap".into(), value(roadmap(model)));
            lists.insert(
                "monitoring".into(),
                value(monitoring(src, model, src.params)),
            );
            lists.insert("results".into(), value(results(src)));
            lists.insert(
                crate::render::templates::REPORT_KEY.into(),
                value(compliance(src.report, model)),
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
        root.insert(
            "doc".into(),
            value(DocHeader {
                id: &doc.id,
                title: &doc.title,
                restated: src.restated,
            }),
        );
        copy(&self.head, &mut root);
        root.insert("order".into(), value(this_order(model, &doc.id)));
        root.insert(
            "issued_before".into(),
            value(issued_before(model, src.entries, doc)),
        );
        root.insert(
            "approved_by".into(),
            value(approved_by(model, doc.approved_by.as_deref())),
        );
        copy(&self.middle, &mut root);
        // Training held before this document's date (its registered order's
        // date, its approving order's, else the package's) is stated as
        // done, not ordered. An order programme.json registers after the
        // package's date is a draft of the text signed on that day: it
        // speaks as of that day (the training it would otherwise order may
        // be over by then).
        let signed_later = doc
            .order
            .as_ref()
            .and(doc.draft.as_ref())
            .and_then(|_| model.orders_after_date.get(&doc.id))
            .map(|o| o.date);
        let as_of = signed_later.or(doc.date).or(model.report_date);
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
                Some(d) => value(DraftMark {
                    sign_from: d.sign_from,
                    reason: &d.reason,
                }),
                None => Value::Null,
            },
        );
        root.insert("training_done".into(), value(training(done.into_iter())));
        root.insert(
            "training_planned".into(),
            value(training(planned.into_iter())),
        );
        root.insert("acquainted".into(), value(acquainted(model, doc)));
        copy(&self.tail, &mut root);
        // Those kept out of this very document: it tells the curator to
        // follow them up, each kind its own way (crate::cast::FollowUpsHere).
        let here = src.cast.follow_ups_in(&doc.id);
        copy(
            &keys(Here {
                held_back_here: here.held,
                refused_here: here.refused,
                rejected_pairs_here: here.rejected_pairs,
                rejected_pairs_reasons: rejected_pair_reasons(src, Some(&doc.id)),
                unpaired_here: here.unpaired,
                unpaired_refused_here: here.unpaired_refused,
                unpaired_refused_mentoring_here: here.unpaired_refused_mentoring,
                unpaired_refused_pd_here: here.unpaired_refused_pd,
            }),
            &mut root,
        );
        // A document about one pair or person (a plan, an agreement, a
        // consent form) does not get the lists of everyone: thousands of
        // consent forms must not each copy the whole school.
        let per_item = doc.extra.is_some();
        if !per_item {
            copy(self.lists(src), &mut root);
        }
        // Only a document about one group, mentor or person looks them up.
        let no_subject = crate::render::catalogue::Subject::default();
        let subject = doc.extra.as_ref().unwrap_or(&no_subject);
        let needs_people = subject.group.is_some() || subject.mentor.is_some();
        let people = if needs_people {
            Some(People::new(model, src.kind))
        } else {
            None
        };
        let group = match (&people, subject.group.as_deref()) {
            (Some(people), Some(id)) => model
                .groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| value(plan_group(model, g, people, src.kind)))
                .unwrap_or(Value::Null),
            _ => Value::Null,
        };
        root.insert("group".into(), group);
        let mentor = match (&people, subject.mentor.as_deref()) {
            (Some(people), Some(name)) => value(agreement_mentor(
                model,
                name,
                subject.number,
                people,
                &src.cast.terms,
            )),
            _ => Value::Null,
        };
        root.insert("mentor".into(), mentor);
        let person = subject
            .person
            .as_deref()
            .map(|name| {
                value(person(
                    src.full,
                    src.cast,
                    name,
                    subject.role.unwrap_or(""),
                    subject.number,
                    src.kind,
                ))
            })
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
            (
                serde_json::to_value(organisation(&model)),
                "additional_education",
            ),
            (
                serde_json::to_value(programme(&model, &Value::Null)),
                "title_names_year",
            ),
            (serde_json::to_value(mentors(&model, &people)), "experience"),
            (
                serde_json::to_value(groups(&model, &people)),
                "role_models_plural",
            ),
            (
                serde_json::to_value(pair_rows(&model, &people)),
                "mentee_class",
            ),
            (
                serde_json::to_value(role_models_text(&model, &Value::Null)),
                "student_student",
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
