//! The JSON each template sees.
//!
//! Everything a document needs is computed here, so templates only print
//! and choose (`{{#if uses.teacher_teacher}}`), never count or look up:
//! a methodologist must be able to read them. Optional values are explicit
//! `null`s, never missing keys, because strict mode turns a missing key into
//! an error while `{{#if}}` on a `null` is simply false.
//! The keys are documented for methodologists in `templates/README.md`.

use super::catalogue::DocPlan;
use super::helpers::order_ref_text;
use crate::cast::{Cast, Terms};
use crate::figures::monitoring::{self, Monitoring};
use crate::figures::Coverage;
use crate::model::{Form, Group, MenteeCategory, MentorCategory, Model, OrgKind, SurveyRole};
use crate::rules::{Report, Severity, Verdict};
use crate::russian;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Map, Value};
use std::collections::{BTreeSet, HashMap};

/// The 7 stages of the target model (Р-145), as titled in documents.
pub use crate::model::STAGE_TITLES as STAGES;

/// Default share of participants to cover (national project «Образование», seed 004).
pub const DEFAULT_COVERAGE_TARGET: f64 = 70.0;

/// Longest meeting schedule printed in a plan, in months.
const MAX_SCHEDULE_MONTHS: usize = 36;

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
    pub entries: &'a super::catalogue::Entries,
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
        let people = People::new(model);
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
        head.insert("orders".into(), orders(model));
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
        middle.insert("training".into(), training(model.mentor_training.iter()));
        middle.insert("final_event".into(), final_event(model));
        middle.insert("rewards".into(), rewards(model, &people));
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
        tail.insert(
            "held_back_count".into(),
            Value::from(src.cast.held_back_names().len()),
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
            let people = People::new(model);
            let mut lists = Map::new();
            lists.insert("mentors".into(), mentors(model, &people));
            lists.insert("mentors_by_kind".into(), mentors_by_kind(&lists["mentors"]));
            lists.insert("mentees".into(), mentees(model));
            lists.insert("groups".into(), groups(model, &people));
            lists.insert("pairs".into(), pair_rows(model, &people));
            lists.insert("roadmap".into(), roadmap(model));
            lists.insert("monitoring".into(), monitoring(src, model, src.params));
            lists.insert("results".into(), results(src));
            lists.insert(
                super::templates::REPORT_KEY.into(),
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
        root.insert("order".into(), this_order(model, &doc.id));
        root.insert(
            "issued_before".into(),
            issued_before(model, src.entries, &doc.id),
        );
        root.insert(
            "approved_by".into(),
            approved_by(model, doc.approved_by.as_deref(), &root),
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
        root.insert("training_done".into(), training(done.into_iter()));
        root.insert("training_planned".into(), training(planned.into_iter()));
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
        let partnerless = here(&|h| h.partner.is_some());
        let refused = here(&|h| h.refused);
        let pairs_here = here(&|h| h.role == crate::cast::PAIR);
        let held_here: BTreeSet<&str> =
            here(&|h| h.partner.is_none() && !h.refused && h.role != crate::cast::PAIR)
                .into_iter()
                .filter(|n| !partnerless.contains(n) && !refused.contains(n))
                .collect();
        root.insert("held_back_here".into(), Value::from(held_here.len()));
        root.insert("refused_here".into(), Value::from(refused.len()));
        root.insert("rejected_pairs_here".into(), Value::from(pairs_here.len()));
        // Left without a pair for a partner held back: they need a new one.
        root.insert("unpaired_here".into(), Value::from(partnerless.len()));
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
            Some(People::new(model))
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
            .map(|name| person(src.full, src.cast, name, &doc.extra))
            .unwrap_or(Value::Null);
        root.insert("person".into(), person);
        Value::Object(root)
    }
}

/// The person a per-person document (a consent form) is about, from the
/// tables as read: the form is to be signed by exactly those the check
/// holds back, so they are looked up in the full model.
fn person(full: &Model, cast: &Cast, name: &str, extra: &Value) -> Value {
    let mentor = full.mentors.iter().find(|m| m.name == name);
    let mentee = full.mentees.iter().find(|m| m.name == name);
    let role = extra.get("role").and_then(Value::as_str).unwrap_or("");
    // A pair the check rejects (its form, the mentor's limit, its term) is
    // in no consent: the form asks consent to what the orders may fix.
    let rejected: BTreeSet<&str> = cast
        .held_back
        .iter()
        .filter(|h| h.role == crate::cast::PAIR)
        .map(|h| h.name.as_str())
        .collect();
    let own: Vec<&crate::model::Pair> = full
        .pairs
        .iter()
        .filter(|p| p.mentor == name || p.mentee == name)
        .filter(|p| !rejected.contains(format!("{} — {}", p.mentor, p.mentee).as_str()))
        .collect();
    let forms: BTreeSet<&str> = own.iter().map(|p| p.form.name()).collect();
    // Whom the person works with, for the consent's «содержание»: the
    // mentees of a mentor, the mentor of a mentee.
    let partners: Vec<&str> = own
        .iter()
        .map(|p| {
            if role == "mentor" {
                p.mentee.as_str()
            } else {
                p.mentor.as_str()
            }
        })
        .collect();
    let start = own.iter().map(|p| p.start).min();
    let end = own
        .iter()
        .map(|p| p.end.unwrap_or(full.programme.end))
        .max();
    let (category, position, organisation) = match (role, mentor, mentee) {
        ("mentor", Some(m), _) => (
            mentor_category(m.category),
            m.position.as_deref(),
            m.organisation.as_deref(),
        ),
        (_, _, Some(m)) => (
            match m.category {
                MenteeCategory::Pupil => "обучающийся",
                MenteeCategory::Educator => "педагог",
                MenteeCategory::Student => "студент",
            },
            m.class_or_position.as_deref(),
            None,
        ),
        (_, Some(m), None) => (
            mentor_category(m.category),
            m.position.as_deref(),
            m.organisation.as_deref(),
        ),
        _ => ("", None, None),
    };
    json!({
        "name": name,
        "female": female(full, name),
        "number": extra.get("number").cloned().unwrap_or(Value::Null),
        "mentor": role == "mentor",
        "mentee": role == "mentee",
        "category": category,
        "position": opt(position),
        "organisation": opt(organisation),
        // «начальник конструкторского бюро АО «…»»: one phrase, as the
        // orders print it (no comma before a name opening with its form).
        "position_at": opt(russian::position_at(position, organisation).as_deref()),
        "birth_date": opt_date(mentee.and_then(|m| m.birth_date)),
        "age": mentee.and_then(|m| m.age),
        // A minor of 14 and over signs beside the parent (common practice:
        // ГК РФ ст. 26 gives a minor of 14 a will of their own).
        "signs_too": mentee.and_then(|m| m.age).is_some_and(|a| (14..18).contains(&a)),
        "consent_pd": if role == "mentor" { mentor.and_then(|m| m.consent_pd) } else { mentee.and_then(|m| m.consent_pd) },
        "consent_mentoring": mentor.and_then(|m| m.consent_mentoring),
        "forms": forms.into_iter().collect::<Vec<_>>(),
        "partners": partners,
        "start": opt_date(start),
        "end": opt_date(end),
    })
}

/// The dates terms run from; `null` while the order creating them is not
/// registered.
fn terms(t: &Terms) -> Value {
    json!({
        "mentors_from": opt_date(t.mentors_from),
        "pairs_from": opt_date(t.pairs_from),
        "regulation_from": opt_date(t.regulation_from),
    })
}

/// The people held back from the documents, for the reports.
fn held_back(cast: &Cast) -> Value {
    Value::Array(
        cast.held_back
            .iter()
            .map(|h| {
                json!({
                    "name": h.name,
                    "role": h.role_text(),
                    "rule": h.rule,
                    "reason": h.reason,
                    "place": h.source.to_string(),
                })
            })
            .collect(),
    )
}

/// Lookups by name over the participants' tables.
struct People<'a> {
    mentors: HashMap<&'a str, &'a crate::model::Mentor>,
    mentees: HashMap<&'a str, &'a crate::model::Mentee>,
}

impl<'a> People<'a> {
    fn new(model: &'a Model) -> Self {
        People {
            mentors: model.mentors.iter().map(|m| (m.name.as_str(), m)).collect(),
            mentees: model.mentees.iter().map(|m| (m.name.as_str(), m)).collect(),
        }
    }

    /// «Должность или класс» of a mentor, with the outside organisation.
    fn mentor_position(&self, name: &str) -> Value {
        let Some(m) = self.mentors.get(name) else {
            return Value::Null;
        };
        match russian::position_at(m.position.as_deref(), m.organisation.as_deref()) {
            Some(text) => Value::String(text),
            None => Value::Null,
        }
    }

    fn mentee_class(&self, name: &str) -> Value {
        opt(self
            .mentees
            .get(name)
            .and_then(|m| m.class_or_position.as_deref()))
    }

    /// A minor: under 18 on the programme's start, or a pupil of unknown age.
    fn mentee_minor(&self, name: &str) -> bool {
        match self.mentees.get(name) {
            Some(m) => match m.age {
                Some(age) => age < 18,
                None => m.category == MenteeCategory::Pupil,
            },
            None => false,
        }
    }
}

fn opt(s: Option<&str>) -> Value {
    match s.map(str::trim) {
        Some(t) if !t.is_empty() => Value::String(t.to_owned()),
        _ => Value::Null,
    }
}

fn date(d: NaiveDate) -> Value {
    Value::String(d.format("%Y-%m-%d").to_string())
}

fn opt_date(d: Option<NaiveDate>) -> Value {
    d.map(date).unwrap_or(Value::Null)
}

/// A measured share as every document prints it: «42,5 %», «4,0 %».
pub fn percent_text(p: f64) -> String {
    russian::share(p)
}

/// «7,5»; whole numbers without a fraction: «8».
pub fn decimal_text(x: f64) -> String {
    russian::decimal(x, 1)
}

/// A change between the monitoring stages, always with one decimal and its
/// sign: «+1,0», «−0,5», «0,0», so the changes of one column read alike
/// («+1» had stood beside «+1,2»). `russian::signed` drops a zero fraction,
/// as running text wants; a comparison keeps it.
fn change_text(x: f64) -> String {
    with_tenths(russian::signed(x, 1))
}

/// The size of a change, after «выросла на»: «1,0», «33,3».
fn change_size(x: f64) -> String {
    with_tenths(russian::decimal(x.abs(), 1))
}

fn with_tenths(text: String) -> String {
    if text.contains(',') {
        text
    } else {
        format!("{text},0")
    }
}

fn staff(model: &Model, s: &crate::model::Staff) -> Value {
    json!({"name": s.name, "position": s.position, "role": opt(s.role.as_deref()),
           "female": female(model, &s.name)})
}

/// Whether a person is a woman (for «именуемая», «действующей»): the gender
/// given in `declensions` wins, then the patronymic; `null` when unknown.
fn female(model: &Model, name: &str) -> Value {
    let given = model
        .declensions
        .get(name)
        .and_then(|d| d.gender.as_deref());
    match russian::person_gender(name, given) {
        russian::Gender::Female => Value::Bool(true),
        russian::Gender::Male => Value::Bool(false),
        russian::Gender::Androgynous => Value::Null,
    }
}

fn organisation(model: &Model) -> Value {
    let o = &model.organisation;
    let kind = match o.kind {
        OrgKind::School => "school",
        OrgKind::College => "college",
        OrgKind::AdditionalEducation => "additional_education",
    };
    json!({
        "full_name": o.full_name,
        "short_name": o.short_name,
        "kind": kind,
        "school": o.kind == OrgKind::School,
        "college": o.kind == OrgKind::College,
        "additional_education": o.kind == OrgKind::AdditionalEducation,
        "learners": match o.kind { OrgKind::College => "студенты", _ => "обучающиеся" },
        "city": o.city,
        "address": opt(o.address.as_deref()),
        "founder": opt(o.founder.as_deref()),
        "head": staff(model, &o.head),
        "students": o.students,
        "teachers": o.teachers,
        "pay_act": opt(o.pay_act.as_deref()),
    })
}

/// A goal or task as typed («Улучшить показатели.») made fit for a list
/// item inside a sentence («улучшить показатели»): trailing punctuation
/// dropped, the first letter lowered unless the word is an abbreviation.
pub fn list_item(text: &str) -> String {
    let t = crate::text::clean(text);
    let t = t.trim_end_matches(['.', ';', ',', ' ']);
    let mut chars = t.chars();
    match (chars.next(), chars.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(t.chars().skip(1)).collect()
        }
        _ => t.to_owned(),
    }
}

fn programme(model: &Model) -> Value {
    let p = &model.programme;
    json!({
        "title": p.title,
        "named": programme_named(&p.title),
        // The title names the organisation: texts do not add it again.
        "names_org": !model.organisation.short_name.trim().is_empty()
            && russian::typograph(&p.title)
                .contains(&russian::typograph(model.organisation.short_name.trim())),
        "start": date(p.start),
        "end": date(p.end),
        "academic_year": opt(p.academic_year.as_deref()),
        // «Программа … на 2025/2026 учебный год» already names its year:
        // templates then do not repeat it in parentheses.
        "title_names_year": p
            .academic_year
            .as_deref()
            .is_some_and(|y| !y.is_empty() && p.title.contains(y.split_whitespace().next().unwrap_or(y))),
        "forms": p.forms.iter().map(|f| f.name()).collect::<Vec<_>>(),
        "goals": p.goals.iter().map(|g| list_item(g)).collect::<Vec<_>>(),
        "tasks": p.tasks.iter().map(|t| list_item(t)).collect::<Vec<_>>(),
    })
}

/// What follows «программа наставничества» in a text: a title that itself
/// starts with those words gives only its rest («… МБОУ «СОШ № 17» на
/// 2025/2026 учебный год»), else the title in quotes — never «программу
/// наставничества «Программа наставничества …»».
fn programme_named(title: &str) -> String {
    const KIND: &str = "программа наставничества";
    let trimmed = title.trim();
    let (head, tail) = trimmed
        .char_indices()
        .nth(KIND.chars().count())
        .map_or((trimmed, ""), |(at, _)| trimmed.split_at(at));
    // The kind ends at a word boundary: «… наставничестваX» is another word.
    if head.to_lowercase() == KIND && !tail.starts_with(char::is_alphanumeric) {
        let tail = tail
            .trim_start_matches([' ', ',', '—', '–', '-', ':'])
            .trim();
        if tail.starts_with(char::is_alphanumeric) || tail.starts_with('«') {
            return tail.to_owned();
        }
    }
    russian::quote(trimmed)
}

/// Which forms the programme uses, as flags the templates test.
fn uses(model: &Model) -> Value {
    let mut forms: BTreeSet<Form> = model.programme.forms.iter().copied().collect();
    forms.extend(model.groups.iter().map(|g| g.form));
    let has = |f: Form| forms.contains(&f);
    let pupils = forms.iter().any(|f| *f != Form::TeacherTeacher);
    json!({
        "pupil_pupil": has(Form::PupilPupil),
        "teacher_teacher": has(Form::TeacherTeacher),
        "student_pupil": has(Form::StudentPupil),
        "employer_pupil": has(Form::EmployerPupil),
        "employer_student": has(Form::EmployerStudent),
        "educator_learner": has(Form::EducatorLearner),
        "student_student": has(Form::StudentStudent),
        "pupils": pupils,
        "teachers": has(Form::TeacherTeacher),
        "employers": has(Form::EmployerPupil) || has(Form::EmployerStudent),
        "forms": forms.iter().map(|f| f.name()).collect::<Vec<_>>(),
    })
}

fn orders(model: &Model) -> Value {
    Value::Object(
        model
            .orders
            .iter()
            .map(|(id, o)| {
                (
                    id.clone(),
                    json!({"number": o.number, "date": date(o.date)}),
                )
            })
            .collect(),
    )
}

fn this_order(model: &Model, id: &str) -> Value {
    match model.orders.get(id) {
        Some(o) => json!({"registered": true, "number": o.number, "date": date(o.date)}),
        None => json!({"registered": false, "number": null, "date": null}),
    }
}

/// The order that approves this document (the regulation, the roadmap):
/// its catalogue entry's `approved_by`.
fn approved_by(model: &Model, order: Option<&str>, root: &Map<String, Value>) -> Value {
    let Some(order) = order else {
        return Value::Null;
    };
    let root = json!({"orders": root.get("orders").cloned().unwrap_or(Value::Null)});
    json!({
        "id": order,
        "registered": model.orders.contains_key(order),
        "ref": order_ref_text(&root, order),
    })
}

fn council(model: &Model) -> Value {
    match &model.council {
        Some(c) => json!({
            "date": date(c.date),
            "number": c.number,
            "chair": opt(c.chair.as_deref()),
            "secretary": opt(c.secretary.as_deref()),
            "present": c.present,
            "votes_for": c.votes_for,
            "votes_against": c.votes_against,
            "abstained": c.abstained,
            "has_votes": c.votes_for.is_some() || c.votes_against.is_some() || c.abstained.is_some(),
        }),
        None => Value::Null,
    }
}

fn training<'a>(events: impl Iterator<Item = &'a crate::model::TrainingEvent>) -> Value {
    Value::Array(
        events
            .map(|t| {
                json!({"title": t.title, "date": date(t.date), "hours": t.hours,
                       "organiser": opt(t.organiser.as_deref())})
            })
            .collect(),
    )
}

fn final_event(model: &Model) -> Value {
    match &model.final_event {
        Some(e) => json!({
            "title": e.title,
            "date": opt_date(e.date),
            "format": opt(e.format.as_deref()),
            "place": opt(e.place.as_deref()),
            "responsible": opt(e.responsible.as_deref()),
            // The responsible person's position, when they are the curator
            // or in the working group: the order names them by position.
            "responsible_position": e
                .responsible
                .as_deref()
                .and_then(|name| {
                    std::iter::once(&model.curator)
                        .chain(&model.team)
                        .find(|s| s.name == name)
                })
                .map(|s| Value::String(s.position.clone()))
                .unwrap_or(Value::Null),
        }),
        None => Value::Null,
    }
}

fn rewards(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .rewards
            .iter()
            .map(|r| {
                let kind = crate::text::key(&r.kind);
                // «благодарственное письмо» is awarded (accusative), a
                // «благодарность» is announced to someone (dative).
                let letter = kind.contains("благодар") && kind.contains("письм");
                let thanks = !letter && kind.contains("благодар");
                let certificate = !letter && !thanks && kind.contains("грамот");
                let bonus = !letter && !thanks && !certificate && kind.contains("прем");
                json!({
                    "letter": letter,
                    "thanks": thanks,
                    "certificate": certificate,
                    "bonus": bonus,
                    "other": !(letter || thanks || certificate || bonus),
                    "mentor": r.mentor,
                    // Staff are thanked by the head («объявить благодарность»),
                    // partners and pupils thanked («выразить благодарность»).
                    "employee": people.mentors.get(r.mentor.as_str()).is_some_and(|m| m.employee),
                    "position": people.mentor_position(&r.mentor),
                    "kind": r.kind,
                    "reason": opt(r.reason.as_deref()),
                })
            })
            .collect(),
    )
}

/// The parameters with the keys templates rely on always present.
fn parameters(params: &Value) -> Value {
    let mut map = params.as_object().cloned().unwrap_or_default();
    for key in ["region_name", "regional_centre"] {
        map.entry(key).or_insert(Value::Null);
    }
    let acts = match map.get("regional_acts") {
        Some(Value::Array(a)) => Value::Array(a.clone()),
        _ => Value::Array(vec![]),
    };
    map.insert("regional_acts".into(), acts);
    let target = coverage_target(params);
    map.insert("coverage_target_percent".into(), json!(target));
    map.insert(
        "coverage_target_text".into(),
        Value::String(russian::percent(target)),
    );
    Value::Object(map)
}

pub(crate) fn coverage_target(params: &Value) -> f64 {
    params
        .get("coverage_target_percent")
        .and_then(Value::as_f64)
        .filter(|x| x.is_finite() && *x >= 0.0)
        .unwrap_or(DEFAULT_COVERAGE_TARGET)
}

/// The people an order names, for the «С приказом ознакомлены» sheet:
/// its catalogue entry's audiences ([`super::catalogue::Audience`]),
/// nominative full names, each once, in order of appearance, never the
/// head who signs it.
pub fn acquainted(model: &Model, doc: &DocPlan) -> Vec<String> {
    let Some(order) = &doc.order else {
        return Vec::new();
    };
    let head = model.organisation.head.name.as_str();
    let mut seen = BTreeSet::new();
    order
        .acquainted
        .iter()
        .flat_map(|a| a.people(model))
        .filter(|n| !n.trim().is_empty() && *n != head && seen.insert(*n))
        .map(str::to_owned)
        .collect()
}

fn mentor_category(c: MentorCategory) -> &'static str {
    match c {
        MentorCategory::Educator => "педагог",
        MentorCategory::Pupil => "обучающийся",
        MentorCategory::Student => "студент",
        MentorCategory::Employer => "работодатель",
    }
}

fn mentors(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .mentors
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "category": mentor_category(m.category),
                    "position": people.mentor_position(&m.name),
                    "organisation": opt(m.organisation.as_deref()),
                    "employee": m.employee,
                    "pupil": m.category == MentorCategory::Pupil,
                    "experience": m.experience,
                })
            })
            .collect(),
    )
}

fn mentees(model: &Model) -> Value {
    Value::Array(
        model
            .mentees
            .iter()
            .map(|m| {
                json!({
                    "name": m.name,
                    "category": match m.category {
                        MenteeCategory::Pupil => "обучающийся",
                        MenteeCategory::Educator => "педагог",
                        MenteeCategory::Student => "студент",
                    },
                    "class_or_position": opt(m.class_or_position.as_deref()),
                    "age": m.age,
                    "request": opt(m.request.as_deref()),
                })
            })
            .collect(),
    )
}

/// Each mentee's role model in `g`, from the rows of «Пары».
fn role_models_of<'a>(model: &'a Model, g: &Group) -> Vec<(&'a str, Option<&'a str>)> {
    model
        .pairs
        .iter()
        .filter(|p| p.group == g.id)
        .map(|p| (p.mentee.as_str(), p.role_model.as_deref()))
        .collect()
}

/// The group's role models, each once in the order of its rows: a group
/// merged from rows of several models is not printed under the first one,
/// and no model stands beside a child's name (a signed order and a group
/// plan are read by several families).
fn group_role_models(model: &Model, g: &Group) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, m) in role_models_of(model, g) {
        if let Some(m) = m.map(str::trim).filter(|m| !m.is_empty()) {
            if !out.iter().any(|o| o == m) {
                out.push(m.to_owned());
            }
        }
    }
    if out.is_empty() {
        out.extend(g.role_model.clone());
    }
    out
}

fn group_value(model: &Model, g: &Group, people: &People) -> Value {
    let end = g.end.unwrap_or(model.programme.end);
    let models = group_role_models(model, g);
    json!({
        "id": g.id,
        // The id («007») names the file; a text numbers the pair «7».
        "number": match g.id.trim_start_matches('0') {
            "" => "0",
            n => n,
        },
        "mentor": g.mentor,
        "mentor_position": people.mentor_position(&g.mentor),
        "form": g.form.name(),
        "role_model": (!models.is_empty()).then(|| models.join("», «")),
        "role_models_plural": models.len() > 1,
        "start": date(g.start),
        "end": date(end),
        "is_group": g.is_group(),
        "kind": if g.is_group() { "группа" } else { "пара" },
        "mentees": g.mentees.iter().map(|n| json!({
            "name": n,
            "class_or_position": people.mentee_class(n),
            "minor": people.mentee_minor(n),
        })).collect::<Vec<_>>(),
    })
}

fn groups(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .groups
            .iter()
            .map(|g| group_value(model, g, people))
            .collect(),
    )
}

/// One row per row of the «Пары» sheet, for the annex table of `order-pairs`.
fn pair_rows(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .pairs
            .iter()
            .map(|p| {
                json!({
                    "group": p.group,
                    "mentor": p.mentor,
                    "mentor_position": people.mentor_position(&p.mentor),
                    "mentee": p.mentee,
                    "mentee_class": people.mentee_class(&p.mentee),
                    "form": p.form.name(),
                    "role_model": opt(p.role_model.as_deref()),
                    "start": date(p.start),
                    "end": opt_date(p.end.or(Some(model.programme.end))),
                })
            })
            .collect(),
    )
}

/// The roadmap grouped by the 7 stages (every stage present, maybe empty).
fn roadmap(model: &Model) -> Value {
    let calendar = crate::calendar::Calendar::of(model);
    Value::Array(
        STAGES
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let stage = (i + 1) as u8;
                let events: Vec<Value> = model
                    .roadmap
                    .iter()
                    .filter(|e| e.stage == stage)
                    .map(|e| {
                        json!({
                            // The table numbers its rows: a number typed
                            // before the title («1.1 Формирование…») is not
                            // printed twice.
                            "title": crate::text::strip_item_number(&e.title),
                            "responsible": e.responsible,
                            "deadline": e.deadline,
                            "result": opt(e.result.as_deref()),
                            "done_mark": opt(e.done_mark.as_deref()),
                            "done": e.done,
                        })
                    })
                    .collect();
                // The calendar's period: stage 6 runs while the pairs work.
                let period = calendar.stage(stage);
                let from = period.and_then(|p| p.from);
                let to = period.and_then(|p| p.work_end.or(p.to));
                let deadlines: Vec<&str> = model
                    .roadmap
                    .iter()
                    .filter(|e| e.stage == stage)
                    .map(|e| e.deadline.as_str())
                    .collect();
                json!({"stage": stage, "title": title, "empty": events.is_empty(), "events": events,
                       "period_from": opt_date(from), "period_to": opt_date(to),
                       "deadlines": deadlines})
            })
            .collect(),
    )
}

/// A coverage as the reports print it: «36 из 852 (4,2 %)».
/// What the order on results states beside the figures: the figures are
/// those in force ([`Figures::as_stated`](crate::figures::Figures::as_stated),
/// the same as the check and both reports), and those the tables count and
/// the pairs order does not include are named beside them, with the
/// reason each was left out (the rule of their own finding, or the
/// partner's: [`crate::cast::HeldBack::partner`]); the pairs and groups
/// are the stated figures' ([`Figures::as_stated`](crate::figures::Figures::as_stated)),
/// never counted again here.
fn results(src: &Sources) -> Value {
    use crate::figures::Covered;
    let stated = src.stated;
    let by_form: Vec<Value> = stated
        .by_form
        .iter()
        .filter(|f| f.pairs + f.groups > 0)
        .map(|f| json!({"form": f.form, "pairs": f.pairs, "groups": f.groups}))
        .collect();
    let tables = Covered::of(src.full);
    let shown = Covered::of(&src.cast.model);
    json!({
        "pupils_not_included": not_included(src, &tables.learners, &shown.learners),
        "teachers_not_included": not_included(src, &tables.teachers, &shown.teachers),
        "pairs": stated.pairs,
        "groups": stated.groups,
        "by_form": by_form,
        // Results stated before the programme's end are as of the date.
        "period_open": src.full.report_date.is_some_and(|d| d >= src.full.programme.start && d < src.full.programme.end),
        "as_of": opt_date(src.full.report_date),
    })
}

/// Those counted in the tables and not in the pairs order, grouped by why:
/// `{n, reasons: [{n, rule_title}]}`: for a finding of their own (the rule's title),
/// `{n, partner: true}` for a partner held back.
fn not_included(src: &Sources, tables: &BTreeSet<String>, shown: &BTreeSet<String>) -> Value {
    // (partner held back, refused, the rule's title) → how many.
    type Reason = (bool, bool, Option<String>);
    let mut by_reason: Vec<(Reason, usize)> = Vec::new();
    for name in tables.difference(shown) {
        // Their own finding, else a pair of theirs the check rejected.
        let held = src
            .cast
            .held_back
            .iter()
            .find(|h| &h.name == name)
            .or_else(|| {
                src.cast.held_back.iter().find(|h| {
                    h.role == crate::cast::PAIR
                        && (h.name.starts_with(&format!("{name} — "))
                            || h.name.ends_with(&format!(" — {name}")))
                })
            });
        let reason: Reason = match held {
            Some(h) if h.partner.is_some() => (true, false, None),
            Some(h) if h.refused => (false, true, None),
            Some(h) => (
                false,
                false,
                Some(
                    src.report
                        .rules
                        .iter()
                        .find(|r| r.meta.id == h.rule)
                        .map_or_else(|| h.rule.clone(), |r| r.meta.title.clone()),
                ),
            ),
            // Everyone the cast removes is held back or left without a
            // pair for a partner: anything else is the cast's bug.
            None => {
                debug_assert!(false, "{name} left out of the cast unlisted");
                (
                    false,
                    false,
                    Some(String::from("не включён по решению проверки")),
                )
            }
        };
        match by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => by_reason.push((reason, 1)),
        }
    }
    let total: usize = by_reason.iter().map(|(_, n)| n).sum();
    json!({
        "n": total,
        "reasons": by_reason
            .into_iter()
            .map(|((partner, refused, title), n)| {
                json!({"n": n, "rule_title": title, "partner": partner, "refused": refused})
            })
            .collect::<Vec<_>>(),
    })
}

fn coverage(c: &Coverage, target: f64) -> Value {
    json!({
        "covered": c.covered,
        "total": c.total,
        "share_text": c.percent_text,
        "reached": c.reaches(target),
    })
}

/// The monitoring report's context: coverage by form against headcounts
/// ([`Figures`](crate::figures::Figures), computed once for the rules and both reports), the survey
/// per role and stage and the roadmap's execution
/// ([`figures::monitoring::Monitoring`]), the stages' completeness from the
/// rules' report, and what is missing.
fn monitoring(src: &Sources, model: &Model, params: &Value) -> Value {
    // Pairs and groups as the pairs order fixed them (the order on results
    // states the same); people and shares from the tables, as the check.
    let figures = src.stated;
    let target = coverage_target(params);
    let by_form: Vec<Value> = figures
        .by_form
        .iter()
        .map(|f| {
            json!({
                "form": f.form,
                "pairs": f.pairs,
                "groups": f.groups,
                "mentors": f.mentors,
                "mentees": f.mentees,
                "base": f.coverage.total,
                "share_text": f.coverage.percent_text,
            })
        })
        .collect();
    let satisfied_from = monitoring::satisfied_from(params);
    // The survey of the tables as read, like the figures beside it: a
    // participant held back from the orders still answered the survey.
    let (surveyed, answers_left_out) = src.cast.surveyed(src.full);
    let m = Monitoring::of(&surveyed, figures, satisfied_from);
    let roles: Vec<Value> = m
        .roles
        .iter()
        .map(|r| role_survey(r, satisfied_from))
        .collect();
    // The short form other documents print (the order on results): per
    // stage and role that answered, the respondents and the mean.
    let survey: Vec<Value> = (0..2)
        .flat_map(|i| {
            m.roles.iter().zip(&roles).filter_map(move |(r, shown)| {
                r.stages[i].as_ref().map(|s| {
                    json!({
                        "phase": i + 1,
                        "phase_title": monitoring::STAGE_TITLES[i],
                        "role": shown["role"],
                        "respondents": s.respondents,
                        // The same denominator as the report's response rate.
                        "participants": r.participants,
                        "over": s.respondents > r.participants,
                        "average_text": s.mean.map(decimal_text),
                        "satisfied_text": s.satisfied_share.map(percent_text),
                    })
                })
            })
        })
        .collect();
    // A stage complete by the rules may still have roadmap events not
    // marked done (a rule of level «сведение» reports them): the verdict
    // says both, so «завершён» never stands beside an unmarked event.
    let stages_done: Vec<Value> = src
        .report
        .stages
        .iter()
        .map(|s| {
            let unmarked = m
                .roadmap
                .iter()
                .find(|r| r.stage == s.stage)
                .map_or(0, |r| r.not_done);
            let errors = s
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count();
            json!({"stage": s.stage, "title": s.title, "complete": s.complete,
                   "status_text": s.status_text, "errors": errors, "unmarked": unmarked})
        })
        .collect();
    // Stages whose time has come and that are not complete: what is to be
    // put right; stages still running or not begun are not held against it.
    let incomplete: Vec<u8> = src
        .report
        .stages
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                crate::calendar::StageStatus::Overdue | crate::calendar::StageStatus::Incomplete
            )
        })
        .map(|s| s.stage)
        .collect();
    let running: Vec<u8> = src
        .report
        .stages
        .iter()
        .filter(|s| {
            matches!(
                s.status,
                crate::calendar::StageStatus::Running | crate::calendar::StageStatus::NotStarted
            )
        })
        .map(|s| s.stage)
        .collect();
    let roadmap_rows: Vec<Value> = m
        .roadmap
        .iter()
        .map(|r| {
            let not_done: Vec<&str> = model
                .roadmap
                .iter()
                // Due by the date and not marked: the rest are not yet due,
                // counted apart (crate::calendar::EventState).
                .filter(|e| {
                    e.stage == r.stage
                        && crate::calendar::EventState::of(
                            e,
                            model.programme.start,
                            model.programme.end,
                            model.report_date,
                        )
                        .late(e)
                })
                .map(|e| crate::text::strip_item_number(&e.title))
                .collect();
            json!({
                "stage": r.stage,
                "title": STAGES.get(usize::from(r.stage) - 1).copied().unwrap_or(""),
                "events": r.events,
                "done": r.done,
                "not_done": r.not_done,
                "not_due": r.not_due,
                "not_done_titles": not_done,
            })
        })
        .collect();
    let (events, done, not_due) = m.roadmap.iter().fold((0, 0, 0), |(e, d, f), r| {
        (e + r.events, d + r.done, f + r.not_due)
    });
    // A survey stage whose time has not come: the day it opens.
    let survey_pending: Vec<Value> = [1u8, 2]
        .iter()
        .map(|&phase| {
            let calendar = &figures.calendar;
            match calendar.survey_opens(phase) {
                Some(d) if !calendar.survey_open(phase) => date(d),
                _ => Value::Null,
            }
        })
        .collect();
    // Events due by the date: what «выполнено … из …» is out of.
    let due = events - not_due;
    json!({
        "date": opt_date(model.report_date),
        "number": opt(model.report_number.as_deref()),
        "target_text": russian::percent(target),
        "pupils": coverage(&figures.learners, target),
        "teachers": coverage(&figures.teachers, target),
        // The tables' counts where they differ from those in force.
        "in_tables": figures.in_tables,
        "not_started": figures.not_started,
        "outside_mentors": figures.categories.outside,
        "by_form": by_form,
        "has_survey": !surveyed.survey.responses.is_empty(),
        // Signed answers of those without consent to process their data.
        "answers_left_out": answers_left_out,
        // A survey stage whose time has not come: the day it opens.
        "survey_pending": survey_pending,
        "has_stage_1": m.has_stage(1),
        "has_stage_2": m.has_stage(2),
        "stage_titles": monitoring::STAGE_TITLES,
        "satisfied_from_text": russian::decimal(satisfied_from, 1),
        "roles": roles,
        "survey": survey,
        "roadmap": {
            "stages": roadmap_rows,
            "events": events,
            "due": due,
            "not_due": not_due,
            "done": done,
            "not_done": due - done,
            "all_done": due > 0 && done == due,
            "done_share_text": (due > 0).then(|| percent_text(done as f64 * 100.0 / due as f64)),
        },
        "stages": stages_done,
        "stages_complete": src.report.stages.iter().filter(|s| s.complete).count(),
        "all_stages_complete": incomplete.is_empty(),
        "incomplete_stages": incomplete,
        "running_stages": running,
    })
}

/// One role of the survey for the report: each stage (answered or not),
/// the comparison, and the latest stage's figures for the conclusions.
fn role_survey(r: &monitoring::RoleSurvey, satisfied_from: f64) -> Value {
    let (title, genitive_one, genitive) = match r.role {
        SurveyRole::Mentor => ("наставники", "наставника", "наставников"),
        SurveyRole::Mentee => ("наставляемые", "наставляемого", "наставляемых"),
    };
    let one = |x: Option<f64>| x.map(decimal_text);
    let stages: Vec<Value> = r
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let stage = i + 1;
            let title = monitoring::STAGE_TITLES[i];
            let Some(s) = s else {
                return json!({"stage": stage, "title": title, "answered": false});
            };
            let questions: Vec<Value> = s
                .questions
                .iter()
                .enumerate()
                .map(|(qi, q)| {
                    json!({
                        "n": qi + 1,
                        "question": q.question,
                        "answers": q.answers,
                        "mean_text": one(q.mean),
                        "distribution": q.distribution,
                    })
                })
                .collect();
            let weakest = s
                .questions
                .iter()
                .filter_map(|q| q.mean.map(|m| (q, (m * 10.0).round())))
                .min_by(|a, b| a.1.total_cmp(&b.1))
                // Named in the conclusions only below the satisfaction
                // threshold: a 8,5 beside 8,6 is not a weakness.
                .filter(|(q, _)| q.mean.is_some_and(|m| m < satisfied_from))
                .map(|(q, _)| json!({"question": q.question, "mean_text": one(q.mean)}));
            json!({
                "stage": stage,
                "title": title,
                "answered": true,
                "respondents": s.respondents,
                "over": s.response_rate.is_none() && s.respondents > 0,
                "rate_text": s.response_rate.map(percent_text),
                "mean_text": one(s.mean),
                "judged": s.judged,
                "satisfied": s.satisfied,
                "satisfied_text": s.satisfied_share.map(percent_text),
                "few_satisfied": s.satisfied_share.is_some_and(|p| p < 50.0),
                "distribution": s
                    .distribution
                    .iter()
                    .zip(s.distribution_share)
                    .zip(monitoring::SCORES)
                    .map(|((c, share), score)| {
                        json!({"score": score, "answers": c, "share_text": decimal_text(share)})
                    })
                    .collect::<Vec<_>>(),
                "questions": questions,
                "weakest": weakest,
            })
        })
        .collect();
    let latest = stages
        .iter()
        .rev()
        .find(|s| s["answered"] == Value::Bool(true))
        .cloned()
        .unwrap_or(Value::Null);
    let comparison = r.comparison.as_ref().map(|c| {
        let questions: Vec<Value> = c
            .questions
            .iter()
            .enumerate()
            .map(|(qi, q)| {
                use monitoring::Asked;
                json!({
                    "n": qi + 1,
                    "question": q.question,
                    "first_text": one(q.first),
                    "second_text": one(q.second),
                    "change_text": q.change.map(change_text),
                    "only_first": q.asked == Asked::OnlyFirst,
                    "only_second": q.asked == Asked::OnlySecond,
                })
            })
            .collect();
        let points = |x: String| format!("{x}{}п.{}п.", russian::NBSP, russian::NBSP);
        let common = |c: &monitoring::Common| {
            json!({
                "mean_text": one(c.mean),
                "satisfied_text": c.satisfied_share.map(percent_text),
                "satisfied": c.satisfied,
                "judged": c.judged,
            })
        };
        json!({
            "common": c.common,
            "first": common(&c.first),
            "second": common(&c.second),
            "mean_change_text": c.mean_change.map(change_text),
            // Without its sign, after «выросла на» / «снизилась на».
            "mean_change_size": c.mean_change.map(change_size),
            "mean_rose": c.mean_change.is_some_and(|x| x > 0.0),
            "mean_fell": c.mean_change.is_some_and(|x| x < 0.0),
            "satisfied_change_text": c.satisfied_change.map(|x| points(change_text(x))),
            "satisfied_change_size": c.satisfied_change.map(|x| points(change_size(x))),
            "rose": c.satisfied_change.is_some_and(|x| x > 0.0),
            "fell": c.satisfied_change.is_some_and(|x| x < 0.0),
            "differs": c.questions.iter().any(|q| matches!(q.asked, monitoring::Asked::OnlyFirst | monitoring::Asked::OnlySecond)),
            "questions": questions,
        })
    });
    json!({
        "role": title,
        "role_genitive_one": genitive_one,
        "role_genitive": genitive,
        "participants": r.participants,
        "stages": stages,
        "answered": r.stages.iter().any(Option::is_some),
        "latest": latest,
        "comparison": comparison,
    })
}

/// The verdict as the auditor reads it: a warning or a note is not a
/// violation, and a rule with nothing to judge is «не проверено».
fn verdict_text(v: Verdict, severity: Severity) -> &'static str {
    match (v, severity) {
        (Verdict::Passed, _) => "соблюдено",
        (Verdict::Failed, Severity::Error) => "нарушено",
        (Verdict::Failed, Severity::Warning) => "предупреждение",
        (Verdict::Failed, Severity::Info) => "замечание",
        (Verdict::NotInForce, _) => "не действует",
        (Verdict::NotJudged, _) => "не проверено",
        (Verdict::NotDue, _) => "срок не наступил",
    }
}

/// A finding's level as `check` prints it (one word per level, in
/// [`Severity::russian`]).
fn severity_text(s: Severity) -> &'static str {
    s.russian()
}

fn finding(f: &crate::rules::Finding) -> Value {
    json!({
        "rule": f.rule,
        "severity": severity_text(f.severity),
        "message": f.message,
        "basis": f.basis,
        // For the reader of the signed report; the technical place (file ›
        // sheet › cell) goes beside it in small print.
        "place": f.source.as_ref().map(|s| s.for_reader()),
        "pointer": match &f.source {
            Some(s @ crate::rules::Source::Row { .. }) => Some(s.to_string()),
            _ => None,
        },
    })
}

/// The parameters in force as rows «title — value» for the auditor, titled
/// as `schemas/params.schema.json` titles them; a value whose keys are not
/// words of the document (rule ids, categories) is named, not spelled out.
/// A parameter keyed by ids, in words an inspector reads: the titles of
/// the orders (`stage1_orders`), each form's categories of mentor and
/// mentee (`form_categories`), or each kind's plausible ages
/// (`age_by_class`); `None` for another shape.
fn readable_map(v: &Value) -> Option<String> {
    let map = v.as_object()?;
    let list = |x: &Value| -> Option<String> {
        let items: Vec<&str> = x.as_array()?.iter().filter_map(Value::as_str).collect();
        Some(items.join(", "))
    };
    let parts: Option<Vec<String>> = map
        .iter()
        .map(|(key, x)| match x {
            Value::String(title) => Some(title.clone()),
            // `age_by_class`: a kind of organisation's plausible ages.
            Value::Object(range) if range.contains_key("from") => Some(format!(
                "{}: от N + {} до N + {} лет в N-м году обучения",
                match key.as_str() {
                    "school" => "общеобразовательная организация",
                    "college" => "профессиональная образовательная организация",
                    other => other,
                },
                range.get("from")?.as_i64()?,
                range.get("to")?.as_i64()?
            )),
            Value::Object(roles) => Some(format!(
                "{}: наставник — {}, наставляемый — {}",
                russian::quote(key),
                list(roles.get("mentor")?)?,
                list(roles.get("mentee")?)?
            )),
            _ => None,
        })
        .collect();
    parts.filter(|p| !p.is_empty()).map(|p| p.join("; "))
}

fn parameter_rows(params: &Value) -> Vec<Value> {
    let Some(map) = params.as_object() else {
        return Vec::new();
    };
    let titles = crate::layers::SCHEMAS
        .text("params.schema.json")
        .and_then(|t| serde_json::from_str::<Value>(t).ok());
    let title = |k: &str| {
        titles
            .as_ref()
            .and_then(|t| t.pointer(&format!("/properties/{k}/title")))
            .and_then(Value::as_str)
            .map(str::to_owned)
    };
    map.iter()
        .filter(|(k, _)| !matches!(k.as_str(), "disabled" | "severity" | "custom"))
        .filter(|(_, v)| !v.is_null())
        .filter_map(|(k, v)| {
            let latin_keys = v.as_object().is_some_and(|m| {
                m.keys()
                    .any(|key| key.chars().any(|c| c.is_ascii_alphabetic()))
            }) || v.as_object().is_some_and(|m| {
                m.values().any(|x| {
                    x.as_object().is_some_and(|n| {
                        n.keys()
                            .any(|key| key.chars().any(|c| c.is_ascii_alphabetic()))
                    })
                })
            });
            // A date («2025-03-01» in JSON) prints as documents print dates.
            let date = v.as_str().and_then(russian::parse_date);
            let value = if latin_keys {
                readable_map(v).unwrap_or_else(|| "задано в профиле (params.json)".to_owned())
            } else if let Some(d) = date {
                russian::date_short(d)
            } else {
                plain(v)
            };
            Some(json!({"name": title(k)?, "value": value}))
        })
        .collect()
}

/// A parameter's value as a reader reads it: lists with commas, maps as
/// «ключ: значение; …», an empty list as a dash.
fn plain(v: &Value) -> String {
    match v {
        Value::String(t) => t.clone(),
        Value::Array(a) if a.is_empty() => "—".to_owned(),
        Value::Array(a) => a.iter().map(plain).collect::<Vec<_>>().join(", "),
        Value::Object(m) if m.is_empty() => "—".to_owned(),
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| format!("{k}: {}", plain(v)))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Number(n) => n
            .as_f64()
            .map(decimal_text)
            .unwrap_or_else(|| n.to_string()),
        Value::Bool(true) => "да".to_owned(),
        Value::Bool(false) => "нет".to_owned(),
        Value::Null => "—".to_owned(),
    }
}

/// The rules report arranged for the auditor: per stage, each rule in
/// force with its basis, verdict and flagged rows.
fn compliance(report: &Report, model: &Model) -> Value {
    let stages: Vec<Value> = STAGES
        .iter()
        .enumerate()
        .map(|(i, default_title)| {
            let n = (i + 1) as u8;
            let st = report.stages.iter().find(|s| s.stage == n);
            let title = st.map_or(*default_title, |s| s.title.as_str());
            let complete = st.map(|s| s.complete);
            let own: Vec<&crate::rules::RuleVerdict> =
                report.rules.iter().filter(|r| r.meta.stage == n).collect();
            let count = |f: &dyn Fn(&crate::rules::RuleVerdict) -> bool| {
                own.iter().filter(|r| f(r)).count()
            };
            let failed_error = |r: &crate::rules::RuleVerdict| {
                r.verdict == Verdict::Failed && r.meta.severity == Severity::Error
            };
            let passed = count(&|r| r.verdict == Verdict::Passed);
            let failed = count(&failed_error);
            let remarks = count(&|r| r.verdict == Verdict::Failed && !failed_error(r));
            let not_judged = count(&|r| r.verdict == Verdict::NotJudged);
            let not_due = count(&|r| r.verdict == Verdict::NotDue);
            let not_in_force = count(&|r| r.verdict == Verdict::NotInForce);
            let stage_rules: Vec<Value> = own
                .iter()
                .map(|r| {
                    json!({
                        "id": r.meta.id,
                        "title": r.meta.title,
                        "basis": r.meta.basis,
                        "severity": severity_text(r.meta.severity),
                        "verdict": verdict_text(r.verdict, r.meta.severity),
                        "failed": failed_error(r),
                        "in_force": r.verdict != Verdict::NotInForce,
                        "not_judged": r.not_judged,
                        "findings": r.findings.iter().map(finding).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let (common_basis, stage_rules) = factor_basis(stage_rules);
            json!({
                "stage": n,
                "title": title,
                "complete": complete,
                "passed_count": passed,
                "failed_count": failed,
                "remarks_count": remarks,
                "not_judged_count": not_judged,
                "not_due_count": not_due,
                "not_in_force_count": not_in_force,
                // The stage at the report's date (crate::calendar).
                "complete_text": match st {
                    Some(s) => format!("этап {}", s.status_text),
                    None => "не проверялся".to_owned(),
                },
                "common_basis": common_basis,
                "rules": stage_rules,
            })
        })
        .collect();
    let incomplete: Vec<Value> = report
        .stages
        .iter()
        .filter(|s| !s.complete)
        .map(|s| json!({"stage": s.stage, "title": s.title}))
        .collect();
    // Overdue (its time come, not complete) apart from still running or
    // not begun: only the first is a failure to put right.
    let of_status = |wanted: &[crate::calendar::StageStatus]| -> Vec<Value> {
        report
            .stages
            .iter()
            .filter(|s| wanted.contains(&s.status))
            .map(|s| json!({"stage": s.stage, "title": s.title, "status_text": s.status_text}))
            .collect()
    };
    use crate::calendar::StageStatus as St;
    let overdue = of_status(&[St::Overdue, St::Incomplete]);
    let running = of_status(&[St::Running, St::NotStarted]);
    let to_fix: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .map(|f| {
            let mut v = finding(f);
            v["stage"] = json!(f.stage);
            v
        })
        .collect();
    json!({
        "date": opt_date(model.report_date),
        "inputs": model.files.iter().map(|f| json!({"file": f.file, "sha256": f.sha256, "bytes": f.bytes})).collect::<Vec<_>>(),
        "profile": {
            "region": report.profile.region,
            "rules_files": report.profile.rules_files,
            "disabled": report.profile.disabled_named,
            "params": parameter_rows(&report.profile.params),
        },
        "complete": incomplete.is_empty(),
        "incomplete": incomplete,
        "overdue": overdue,
        "running": running,
        "to_fix": to_fix,
        "has_rules": !report.rules.is_empty(),
        "stages": stages,
        "summary": {
            "errors": report.summary.errors,
            "warnings": report.summary.warnings,
            "infos": report.summary.infos,
            "stages_complete": report.summary.stages_complete,
            "rules_in_force": report.summary.rules_in_force,
        },
    })
}

/// The part of the legal basis most rules of a stage share, printed once
/// above the stage's table so the auditor reads it once, not on every row.
///
/// A basis reads «Распоряжение … № Р-145, методология …, этап 1 «…»: приказ
/// о внедрении»; the shared part is what comes before the first «: ». It is
/// factored out only when at least two rules share it; each rule then keeps
/// `basis_rest` (its own tail), the others keep their whole basis there.
fn factor_basis(mut rules: Vec<Value>) -> (Option<String>, Vec<Value>) {
    let head = |r: &Value| -> Option<String> {
        let b = r["basis"].as_str()?;
        b.split_once(": ").map(|(h, _)| h.to_owned())
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    for h in rules.iter().filter_map(head) {
        match counts.iter_mut().find(|(k, _)| *k == h) {
            Some((_, n)) => *n += 1,
            None => counts.push((h, 1)),
        }
    }
    // The first of the most shared heads, so the choice is deterministic.
    let best = counts
        .iter()
        .fold(None::<&(String, usize)>, |acc, c| match acc {
            Some(a) if a.1 >= c.1 => Some(a),
            _ => Some(c),
        })
        .filter(|(_, n)| *n >= 2)
        .map(|(h, _)| h.clone());
    for r in &mut rules {
        let basis = r["basis"].as_str().unwrap_or("").to_owned();
        let rest = match &best {
            Some(h) => basis
                .strip_prefix(h.as_str())
                .and_then(|t| t.strip_prefix(": "))
                .map(|t| {
                    let mut cs = t.trim_end_matches('.').chars();
                    let first = cs.next().map(|c| c.to_uppercase().collect::<String>());
                    format!("{}{}.", first.unwrap_or_default(), cs.as_str())
                })
                .unwrap_or(basis),
            None => basis,
        };
        r["basis_rest"] = Value::String(rest);
    }
    (best, rules)
}

/// Month names from `start` to `end`: «сентябрь 2025», …
fn months(start: NaiveDate, end: NaiveDate) -> Vec<(String, NaiveDate)> {
    let mut out = Vec::new();
    let (mut y, mut m) = (start.year(), start.month());
    while out.len() < MAX_SCHEDULE_MONTHS {
        let Some(first) = NaiveDate::from_ymd_opt(y, m, 1) else {
            break;
        };
        if first > end {
            break;
        }
        out.push((russian::month_year(first), first));
        if m == 12 {
            y += 1;
            m = 1;
        } else {
            m += 1;
        }
    }
    out
}

/// The group of a plan, with mentor and mentee details and the schedule of
/// meetings by month: the first month is the introduction, the last the
/// summing up, the months between cycle through topics 1–4 of the template.
fn plan_group(model: &Model, g: &Group, people: &People, kind: &Value) -> Value {
    let mut v = group_value(model, g, people);
    let end = g.end.unwrap_or(model.programme.end);
    let list = months(g.start, end);
    let total = list.len();
    let schedule: Vec<Value> = list
        .into_iter()
        .enumerate()
        .map(|(i, (month, _))| {
            json!({
                "month": month,
                "first": i == 0,
                "last": i + 1 == total && total > 1,
                "topic": (i.saturating_sub(1) % 4) + 1,
            })
        })
        .collect();
    let minors = g.mentees.iter().any(|n| people.mentee_minor(n));
    let requests: Vec<Value> = g
        .mentees
        .iter()
        .filter_map(|n| people.mentees.get(n.as_str()))
        .filter_map(|m| m.request.as_deref())
        .filter(|r| !r.trim().is_empty())
        .map(|r| Value::String(r.trim().to_owned()))
        .collect();
    let month_years: Vec<(String, i32)> = months(g.start, end)
        .into_iter()
        .map(|(name, first)| {
            let month = name.split(' ').next().unwrap_or("").to_owned();
            (month, first.year())
        })
        .collect();
    let month_refs: Vec<(&str, i32)> = month_years.iter().map(|(m, y)| (m.as_str(), *y)).collect();
    let track = super::plan_activities::track(g.form, g.role_model.as_deref());
    let one_woman =
        !g.is_group() && g.mentees.first().and_then(|n| female(model, n).as_bool()) == Some(true);
    let mentee = if g.is_group() {
        super::plan_activities::Mentee {
            gen: "наставляемых",
            ins: "наставляемыми",
            poss: "их",
            kind,
        }
    } else if one_woman {
        super::plan_activities::Mentee {
            gen: "наставляемой",
            ins: "наставляемой",
            poss: "её",
            kind,
        }
    } else {
        super::plan_activities::Mentee {
            gen: "наставляемого",
            ins: "наставляемым",
            poss: "его",
            kind,
        }
    };
    // The month of the final event, when the pair's term holds it.
    let final_event = model
        .final_event
        .as_ref()
        .and_then(|e| e.date)
        .filter(|d| *d >= g.start && *d <= end)
        .and_then(|d| {
            month_years.iter().position(|(m, y)| {
                *y == d.year() && m.as_str() == russian::month_nominative(d.month())
            })
        });
    let activities =
        super::plan_activities::activities(track, g.is_group(), mentee, &month_refs, final_event);
    let mentor_minor = people
        .mentors
        .get(g.mentor.as_str())
        .is_some_and(|m| m.category == MentorCategory::Pupil);
    if let Value::Object(map) = &mut v {
        map.insert("track".into(), Value::from(track));
        map.insert("activities".into(), Value::Array(activities));
        map.insert("mentor_minor".into(), Value::Bool(mentor_minor));
        // One child's request is not shown to the other children's parents:
        // a group's plan prints none.
        map.insert(
            "request".into(),
            if g.is_group() {
                Value::Null
            } else {
                requests.first().cloned().unwrap_or(Value::Null)
            },
        );
        map.insert("schedule".into(), Value::Array(schedule));
        map.insert("minors".into(), Value::Bool(minors));
        map.insert("requests".into(), Value::Array(requests));
        // «наставляемого» / «наставляемых»: a group's plan speaks of all
        // its mentees (genitive, instrumental).
        map.insert("mentee_gen".into(), Value::from(mentee.gen));
        map.insert("mentee_ins".into(), Value::from(mentee.ins));
        map.insert(
            "teacher".into(),
            Value::Bool(g.form == Form::TeacherTeacher),
        );
        map.insert(
            "employer".into(),
            Value::Bool(matches!(
                g.form,
                Form::EmployerPupil | Form::EmployerStudent
            )),
        );
        map.insert(
            "peer".into(),
            Value::Bool(matches!(
                g.form,
                Form::PupilPupil | Form::StudentPupil | Form::StudentStudent
            )),
        );
    }
    v
}

/// The mentor of an additional agreement with the pairs they lead.
fn agreement_mentor(
    model: &Model,
    name: &str,
    extra: &Value,
    people: &People,
    terms: &Terms,
) -> Value {
    let m = people.mentors.get(name);
    let own: Vec<&Group> = model.groups.iter().filter(|g| g.mentor == name).collect();
    let forms: BTreeSet<&str> = own.iter().map(|g| g.form.name()).collect();
    // Mentoring starts with the pairs, and never before the mentor's
    // appointment (pair starts already follow the pairs order, [`Cast`]).
    let start = own
        .iter()
        .map(|g| g.start)
        .min()
        .map(|s| terms.mentors_from.map_or(s, |from| s.max(from)));
    let end = own
        .iter()
        .map(|g| g.end.unwrap_or(model.programme.end))
        .max();
    // The cells were read by `docref` at loading: a cell that fails here
    // would be a bug, and it then prints blanks rather than a wrong number.
    let reference = |text: Option<&str>| {
        text.and_then(|t| crate::docref::parse(t).ok())
            .unwrap_or_default()
    };
    let agreement = reference(m.and_then(|m| m.agreement.as_deref()));
    let contract = reference(m.and_then(|m| m.employment_contract.as_deref()));
    // An agreement signed before the pairs order cannot name the mentees
    // or the day the pair starts: that order fixes both.
    // (Nor while that order is not registered: it is not issued yet.)
    let before_pairs = agreement
        .date
        .is_some_and(|signed| terms.pairs_from.is_none_or(|pairs| signed < pairs));
    // Nor cite the order on mentors when it is dated later: no document
    // cites one issued after itself.
    let before_mentors_order = agreement.date.is_some_and(|signed| {
        model
            .orders
            .get("order-mentors")
            .is_none_or(|o| signed < o.date)
    });
    let mentees: Vec<Value> = if before_pairs {
        Vec::new()
    } else {
        own.iter()
            .flat_map(|g| g.mentees.iter())
            .map(|n| json!({"name": n, "class_or_position": people.mentee_class(n)}))
            .collect()
    };
    json!({
        "name": name,
        "before_pairs": before_pairs,
        "before_mentors_order": before_mentors_order,
        "female": female(model, name),
        "number": extra.get("number").cloned().unwrap_or(Value::Null),
        "position": opt(m.and_then(|m| m.position.as_deref())),
        "agreement": opt(m.and_then(|m| m.agreement.as_deref())),
        "agreement_number": agreement.number,
        "agreement_date": opt_date(agreement.date),
        "contract_number": contract.number,
        "contract_date": opt_date(contract.date),
        "pay_base": pay_base(m.and_then(|m| m.position.as_deref())),
        "pay": opt(m.and_then(|m| m.pay.as_deref())),
        "consent": m.and_then(|m| m.consent_mentoring),
        "forms": forms.into_iter().collect::<Vec<_>>(),
        "start": date(start.unwrap_or(model.programme.start)),
        "end": date(end.unwrap_or(model.programme.end)),
        "mentees": mentees,
    })
}

/// The mentors an order names, split by how they take part: employees are
/// appointed («назначить»), pupils and outside mentors take part on their
/// (or their parents') consent or an agreement with their organisation
/// («привлечь»). `staff`, `pupils`, `outside`: lists as in `mentors`.
fn mentors_by_kind(mentors: &Value) -> Value {
    let all = mentors.as_array().map(Vec::as_slice).unwrap_or_default();
    let pick =
        |f: &dyn Fn(&Value) -> bool| Value::Array(all.iter().filter(|m| f(m)).cloned().collect());
    let employee = |m: &Value| m["employee"].as_bool() == Some(true);
    let pupil = |m: &Value| m["pupil"].as_bool() == Some(true);
    json!({
        "staff": pick(&employee),
        "pupils": pick(&|m| !employee(m) && pupil(m)),
        "outside": pick(&|m| !employee(m) && !pupil(m)),
    })
}

/// What was already done when this document is issued, by the dates in
/// programme.json: each order id (and `council`) → whether it is registered
/// no later than this order (any time, while this one is unregistered and
/// so issued now). An order then does not ask for work already done.
fn issued_before(model: &Model, entries: &super::catalogue::Entries, id: &str) -> Value {
    let own = model.orders.get(id);
    let done = |d: NaiveDate| own.is_none_or(|own| d <= own.date);
    // Orders of the same day follow their registration numbers: order
    // 112-о of 01.09 cannot cite order 114-о of 01.09 as already issued.
    let leading = |n: &str| -> Option<u64> {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let order_done = |r: &crate::model::RegisteredOrder| match own {
        Some(own) if own.date == r.date => match (leading(&r.number), leading(&own.number)) {
            (Some(theirs), Some(mine)) => theirs < mine,
            _ => true,
        },
        _ => done(r.date),
    };
    let mut map: Map<String, Value> = entries
        .orders()
        .map(|o| {
            let before = o != id && model.orders.get(o).is_some_and(order_done);
            (o.to_owned(), Value::Bool(before))
        })
        .collect();
    map.insert(
        "council".into(),
        Value::Bool(model.council.as_ref().is_some_and(|c| done(c.date))),
    );
    Value::Object(map)
}

/// The protocol of a council, or `null` where it is not given.
fn protocol(p: Option<&crate::model::Protocol>) -> Value {
    match p {
        Some(p) => json!({"number": p.number, "date": date(p.date)}),
        None => Value::Null,
    }
}

/// The role models the pairs and groups use, per form, for the programme:
/// `[{"form", "models": [...]}]`, forms in the order of [`Form::ALL`].
fn role_models(model: &Model) -> Value {
    let mut out = Vec::new();
    for form in Form::ALL {
        let models: BTreeSet<&str> = model
            .groups
            .iter()
            .filter(|g| g.form == form)
            .filter_map(|g| g.role_model.as_deref())
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        if !models.is_empty() {
            out.push(
                json!({"form": form.name(), "models": models.into_iter().collect::<Vec<_>>()}),
            );
        }
    }
    Value::Array(out)
}

/// The role models of each form as the regulation lists them (the
/// methodology's, Р-145), followed by any other the pairs use: a model
/// used in the programme is never missing from its regulation.
/// `{"pupil_pupil": "«успевающий – неуспевающий», …", …}`, keys as `uses`.
fn role_models_text(model: &Model, kind: &Value) -> Value {
    const EMPLOYER: &[&str] = &[
        "активный профессионал – равнодушный потребитель",
        "коллега – молодой коллега",
        "работодатель – будущий сотрудник",
    ];
    const PEERS: &[&str] = &[
        "успевающий – неуспевающий",
        "лидер – пассивный",
        "равный – равному",
    ];
    let forms: [(&str, Form, &[&str]); 7] = [
        ("pupil_pupil", Form::PupilPupil, PEERS),
        (
            "teacher_teacher",
            Form::TeacherTeacher,
            &[
                "опытный педагог – молодой специалист",
                kind["teacher_role_model"]
                    .as_str()
                    .unwrap_or("опытный педагог – молодой специалист"),
                "лидер педагогического сообщества – педагог, испытывающий проблемы",
            ],
        ),
        (
            "student_pupil",
            Form::StudentPupil,
            &[
                "успевающий – неуспевающий",
                "лидер – равнодушный",
                "равный – другому",
                "куратор – автор проекта",
            ],
        ),
        ("employer_pupil", Form::EmployerPupil, EMPLOYER),
        ("employer_student", Form::EmployerStudent, EMPLOYER),
        ("educator_learner", Form::EducatorLearner, &[]),
        // A variation of «ученик – ученик» (seed 004): its role models.
        ("student_student", Form::StudentStudent, PEERS),
    ];
    let mut out = Map::new();
    for (key, form, standard) in forms {
        let mut list: Vec<String> = standard.iter().map(|m| (*m).to_owned()).collect();
        for g in model.groups.iter().filter(|g| g.form == form) {
            if let Some(used) = g.role_model.as_deref().map(str::trim) {
                let known = list
                    .iter()
                    .any(|m| crate::text::key(m) == crate::text::key(used));
                if !used.is_empty() && !known {
                    list.push(used.to_owned());
                }
            }
        }
        let text = list
            .iter()
            .map(|m| russian::quote(m))
            .collect::<Vec<_>>()
            .join(", ");
        out.insert(key.into(), Value::String(text));
    }
    Value::Object(out)
}

/// What the extra pay is a share of: teaching staff with a teaching load
/// are paid by «ставка заработной платы», other staff by «должностной
/// оклад» (domain.md, «More facts»). Genitive, as the agreement prints it.
fn pay_base(position: Option<&str>) -> &'static str {
    let key = position.map(crate::text::key).unwrap_or_default();
    let teaching = [
        "учител",
        "преподавател",
        "педагогдополнительного",
        "тренер",
        "концертмейстер",
        "мастерпроизводственного",
        "воспитател",
    ];
    if teaching.iter().any(|t| key.contains(t)) {
        "ставки заработной платы"
    } else {
        "должностного оклада"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
