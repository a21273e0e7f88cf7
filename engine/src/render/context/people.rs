//! Who the documents name: people and what is in force (the cast), groups and pairs, role models, consent persons.
//!
//! Statements are typed, as in [`super::orders`]: the keys templates read
//! are the fields, documented where they are declared.

use super::*;
use serde::Serialize;

/// The person of a per-person document (a consent form): `person`.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    /// Full name, nominative, as in the tables.
    pub name: String,
    /// A woman («именуемая»), a man; `null` when neither `declensions` nor
    /// the patronymic says.
    pub female: Option<bool>,
    /// The form's number among those of its kind.
    pub number: Option<u64>,
    /// The form is signed as a mentor.
    pub mentor: bool,
    /// The form is signed as a mentee.
    pub mentee: bool,
    /// «педагог», «обучающийся», «студент», «работодатель»; empty when the
    /// person is in no table.
    pub category: &'static str,
    /// «Должность или класс» as typed; a learner's group, course,
    /// specialty from their own columns in the kind's words.
    pub position: Option<String>,
    /// An outside mentor's organisation as typed.
    pub organisation: Option<String>,
    /// «начальник конструкторского бюро АО «…»»: position and organisation
    /// as one phrase, as the orders print it (no comma before a name
    /// opening with its form).
    pub position_at: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The person's age at the start of their first pair, in the role the
    /// form is for.
    pub age: Option<u32>,
    /// A minor of 14 and over signs beside the parent
    /// ([`crate::model::Mentee::signs_too`]; a student mentor too).
    pub signs_too: bool,
    /// A mentor's form: a mentee of theirs is a minor
    /// ([`crate::render::catalogue::minor_mentee`]), so the data go to the
    /// parents too; for a mentor in no pair yet, any mentee of the
    /// programme is. `false` on a mentee's form.
    pub mentees_minor: bool,
    /// The consent to processing personal data as the table gives it.
    pub consent_pd: Option<bool>,
    /// A mentor's written consent to mentoring (ТК РФ ст. 351.8).
    pub consent_mentoring: Option<bool>,
    /// The forms of the person's pairs in force, each once.
    pub forms: Vec<&'static str>,
    /// Whom the person works with, for the consent's «содержание»: the
    /// mentees of a mentor, the mentor of a mentee.
    pub partners: Vec<String>,
    /// The outside organisations the data go to ([`super::partners::of_person`]).
    pub outside: Vec<super::partners::OutsideOrganisation>,
    /// The first day and the last of the person's pairs.
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    /// A student (of the organisation or another): the data are their
    /// place of study and course, not a position and work experience.
    pub student: bool,
    /// The check holds the person back (a consent still to be given): no
    /// order appointed them, so the form names no term already begun.
    pub held_back: bool,
}

/// The person a per-person document (a consent form) is about, from the
/// tables as read: the form is to be signed by exactly those the check
/// holds back, so they are looked up in the full model.
pub(super) fn person(
    full: &Model,
    cast: &Cast,
    name: &str,
    role: &str,
    number: Option<u64>,
    kind: &Value,
) -> Person {
    let mentor = full.mentors.iter().find(|m| m.name == name);
    let mentee = full.mentees.iter().find(|m| m.name == name);
    let own = cast.consent_pairs(full, name);
    let forms: BTreeSet<&'static str> = own.iter().map(|p| p.form.name()).collect();
    let partners: Vec<String> = own
        .iter()
        .map(|p| {
            if role == "mentor" {
                p.mentee.clone()
            } else {
                p.mentor.clone()
            }
        })
        .collect();
    let start = own.iter().map(|p| p.start).min();
    let end = own
        .iter()
        .map(|p| p.end.unwrap_or(full.programme.end))
        .max();
    let (category, position, organisation) = match (role, mentor, mentee) {
        ("mentor", Some(m), _) | (_, Some(m), None) => (
            m.category.name(),
            mentor_study(kind, full, m),
            m.organisation.as_deref(),
        ),
        (_, _, Some(m)) => (m.category.name(), mentee_study(kind, full, m), None),
        _ => ("", None, None),
    };
    let position = position.as_deref();
    // The birth date and age at the start of the first pair, in the role
    // the form is for; a minor of 14 and over signs beside the parent
    // (a student mentor too).
    let (birth_date, age, signs_too) = match (role, mentor, mentee) {
        ("mentor", Some(m), _) | (_, Some(m), None) => (
            m.birth_date,
            m.age,
            m.age.is_some_and(|a| (14..18).contains(&a)),
        ),
        (_, _, Some(m)) => (m.birth_date, m.age, m.signs_too()),
        _ => (None, None, false),
    };
    let mentees_minor = role == "mentor" && {
        let minor = |n: &str| {
            full.mentees
                .iter()
                .any(|m| m.name == n && crate::render::catalogue::minor_mentee(m))
        };
        if partners.is_empty() {
            full.mentees
                .iter()
                .any(crate::render::catalogue::minor_mentee)
        } else {
            partners.iter().any(|n| minor(n))
        }
    };
    Person {
        name: name.to_owned(),
        female: female(full, name),
        number,
        mentor: role == "mentor",
        mentee: role == "mentee",
        category,
        position: text(position),
        organisation: text(organisation),
        position_at: text(russian::position_at(position, organisation).as_deref()),
        birth_date,
        age,
        signs_too,
        mentees_minor,
        consent_pd: if role == "mentor" {
            mentor.and_then(|m| m.consent_pd)
        } else {
            mentee.and_then(|m| m.consent_pd)
        },
        consent_mentoring: mentor.and_then(|m| m.consent_mentoring),
        forms: forms.into_iter().collect(),
        partners,
        outside: super::partners::of_person(full, name, role, &own),
        start,
        end,
        student: matches!(mentor, Some(m) if role == "mentor" && m.category == MentorCategory::Student),
        held_back: cast
            .held_back
            .iter()
            .any(|h| h.name == name && h.role != crate::cast::PAIR),
    }
}

/// The dates terms run from (`terms`); `null` while the order creating
/// them is not registered ([`Terms`]).
#[derive(Debug, Clone, Serialize)]
pub struct TermsFrom {
    /// Mentors are appointed from this day (`order-mentors`).
    pub mentors_from: Option<NaiveDate>,
    /// No pair, plan or agreement starts before this day (`order-pairs`).
    pub pairs_from: Option<NaiveDate>,
    /// The regulation is in force from this day (`order-regulation`).
    pub regulation_from: Option<NaiveDate>,
}

pub(super) fn terms(t: &Terms) -> TermsFrom {
    TermsFrom {
        mentors_from: t.mentors_from,
        pairs_from: t.pairs_from,
        regulation_from: t.regulation_from,
    }
}

/// A person held back from the documents, for the reports (`held_back`).
#[derive(Debug, Clone, Serialize)]
pub struct HeldBackEntry {
    pub name: String,
    /// «наставник», «наставляемая», «пара» ([`crate::cast::HeldBack::role_text`]).
    pub role: &'static str,
    /// The id of the rule whose finding holds them back.
    pub rule: String,
    /// The finding's message.
    pub reason: String,
    /// The cell: file › sheet › cell.
    pub place: String,
}

pub(super) fn held_back(cast: &Cast) -> Vec<HeldBackEntry> {
    cast.held_back
        .iter()
        .map(|h| HeldBackEntry {
            name: h.name.clone(),
            role: h.role_text(),
            rule: h.rule.clone(),
            reason: h.reason.clone(),
            place: h.source.to_string(),
        })
        .collect()
}

/// A mentor's «Должность или класс»; for a learner, with the group,
/// course, specialty of their own columns in the kind's words
/// ([`crate::render::kinds::study_phrase`]).
fn mentor_study(kind: &Value, model: &Model, m: &crate::model::Mentor) -> Option<String> {
    match m.category {
        MentorCategory::Pupil | MentorCategory::Student => crate::render::kinds::study_phrase(
            kind,
            m.position.as_deref(),
            &m.study,
            model.gender_of(&m.name),
        ),
        MentorCategory::Educator | MentorCategory::Employer => m.position.clone(),
    }
}

/// A mentee's «Класс или должность»; for a learner, with the group,
/// course, specialty of their own columns in the kind's words.
fn mentee_study(kind: &Value, model: &Model, m: &crate::model::Mentee) -> Option<String> {
    match m.category {
        MenteeCategory::Pupil | MenteeCategory::Student => crate::render::kinds::study_phrase(
            kind,
            m.class_or_position.as_deref(),
            &m.study,
            model.gender_of(&m.name),
        ),
        MenteeCategory::Educator => m.class_or_position.clone(),
    }
}

/// Lookups by name over the participants' tables.
pub(super) struct People<'a> {
    pub(super) mentors: HashMap<&'a str, &'a crate::model::Mentor>,
    pub(super) mentees: HashMap<&'a str, &'a crate::model::Mentee>,
    /// The words of the organisation's kind (a learner's study).
    kind: &'a Value,
    model: &'a Model,
}

impl<'a> People<'a> {
    pub(super) fn new(model: &'a Model, kind: &'a Value) -> Self {
        People {
            mentors: model.mentors.iter().map(|m| (m.name.as_str(), m)).collect(),
            mentees: model.mentees.iter().map(|m| (m.name.as_str(), m)).collect(),
            kind,
            model,
        }
    }

    /// «Должность или класс» of a mentor (a learner's group, course,
    /// specialty), with the outside organisation.
    pub(super) fn mentor_position(&self, name: &str) -> Option<String> {
        let m = self.mentors.get(name)?;
        let position = mentor_study(self.kind, self.model, m);
        russian::position_at(position.as_deref(), m.organisation.as_deref())
    }

    /// «Класс или должность» of a mentee (a learner's group, course, specialty).
    pub(super) fn mentee_class(&self, name: &str) -> Option<String> {
        text(
            self.mentees
                .get(name)
                .and_then(|m| mentee_study(self.kind, self.model, m))
                .as_deref(),
        )
    }

    /// A minor ([`crate::render::catalogue::minor_mentee`]).
    pub(super) fn mentee_minor(&self, name: &str) -> bool {
        self.mentees
            .get(name)
            .is_some_and(|m| crate::render::catalogue::minor_mentee(m))
    }
}

/// The curator, a member of the working group, the head (`curator`,
/// `team[]`, `org.head`).
#[derive(Debug, Clone, Serialize)]
pub struct StaffMember {
    pub name: String,
    pub position: String,
    /// Their role in the working group, as typed.
    pub role: Option<String>,
    /// A woman; `null` when unknown ([`female`]).
    pub female: Option<bool>,
}

pub(super) fn staff(model: &Model, s: &crate::model::Staff) -> StaffMember {
    StaffMember {
        name: s.name.clone(),
        position: s.position.clone(),
        role: text(s.role.as_deref()),
        female: female(model, &s.name),
    }
}

/// Whether a person is a woman (for «именуемая», «действующей»):
/// [`Model::gender_of`]; `None` when unknown.
pub(super) fn female(model: &Model, name: &str) -> Option<bool> {
    match model.gender_of(name) {
        russian::Gender::Female => Some(true),
        russian::Gender::Male => Some(false),
        russian::Gender::Androgynous => None,
    }
}

/// A mentor as the lists print them (`mentors[]`, `mentors_by_kind.*[]`).
#[derive(Debug, Clone, Serialize)]
pub struct MentorEntry {
    pub name: String,
    /// «педагог», «обучающийся», «студент», «работодатель».
    pub category: &'static str,
    /// «Должность или класс», with the outside organisation.
    pub position: Option<String>,
    /// The outside organisation as typed.
    pub organisation: Option<String>,
    /// Staff of the organisation: appointed, not brought in.
    pub employee: bool,
    /// The partner as the order on mentors cites it ([`super::partners::of_mentor`]).
    pub partner: Option<super::partners::PartnerStatement>,
    /// A learner of the organisation itself (a pupil, or a student with no
    /// outside organisation): appointed among its learners, a minor on
    /// the parents' consent too.
    pub pupil: bool,
    /// Years of experience as typed.
    pub experience: Option<f64>,
}

pub(super) fn mentors(model: &Model, people: &People) -> Vec<MentorEntry> {
    model
        .mentors
        .iter()
        .map(|m| MentorEntry {
            name: m.name.clone(),
            category: m.category.name(),
            position: people.mentor_position(&m.name),
            organisation: text(m.organisation.as_deref()),
            employee: m.employee,
            partner: super::partners::of_mentor(model, m),
            pupil: m.category == MentorCategory::Pupil
                || (m.category == MentorCategory::Student
                    && m.organisation
                        .as_deref()
                        .is_none_or(|o| o.trim().is_empty())),
            experience: m.experience,
        })
        .collect()
}

/// A mentee as the lists print them (`mentees[]`).
#[derive(Debug, Clone, Serialize)]
pub struct MenteeEntry {
    pub name: String,
    /// «обучающийся», «педагог», «студент».
    pub category: &'static str,
    pub class_or_position: Option<String>,
    pub age: Option<u32>,
    /// What the mentee asks of mentoring, as typed.
    pub request: Option<String>,
}

pub(super) fn mentees(model: &Model, people: &People) -> Vec<MenteeEntry> {
    model
        .mentees
        .iter()
        .map(|m| MenteeEntry {
            name: m.name.clone(),
            category: m.category.name(),
            class_or_position: people.mentee_class(&m.name),
            age: m.age,
            request: text(m.request.as_deref()),
        })
        .collect()
}

/// Each mentee's role model in `g`, from the rows of «Пары».
pub(super) fn role_models_of<'a>(model: &'a Model, g: &Group) -> Vec<(&'a str, Option<&'a str>)> {
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
pub(super) fn group_role_models(model: &Model, g: &Group) -> Vec<String> {
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

/// The group's line of work in neutral words, what the pairs order and
/// the plan print beside named people instead of a role model
/// ([`crate::render::plan_activities::direction`]): each once, in the
/// order of the group's rows.
pub(super) fn group_direction(model: &Model, g: &Group, kind: &Value) -> String {
    use crate::render::plan_activities::{direction, track};
    let mut out: Vec<&str> = Vec::new();
    for (_, m) in role_models_of(model, g) {
        let d = direction(track(g.form, m));
        if !out.contains(&d) {
            out.push(d);
        }
    }
    if out.is_empty() {
        out.push(direction(track(g.form, g.role_model.as_deref())));
    }
    crate::render::kinds::fill(&out.join(", "), kind)
}

/// A pair or group as the orders and plans print it (`groups[]`, `group`).
#[derive(Debug, Clone, Serialize)]
pub struct GroupEntry {
    /// The id («007»): it names the file.
    pub id: String,
    /// The id as a text numbers the pair: «7».
    pub number: String,
    pub mentor: String,
    /// «Должность или класс» of the mentor, with the outside organisation.
    pub mentor_position: Option<String>,
    /// The form's name: «ученик – ученик».
    pub form: &'static str,
    /// The group's role models, each once, joined by «», «»
    /// ([`group_role_models`]); `null` when none is typed.
    pub role_model: Option<String>,
    pub role_models_plural: bool,
    /// The line of work in neutral words ([`group_direction`]).
    pub direction: String,
    pub start: NaiveDate,
    /// The group's end, else the programme's.
    pub end: NaiveDate,
    pub is_group: bool,
    /// «группа» or «пара».
    pub kind: &'static str,
    pub mentees: Vec<GroupMentee>,
}

/// A mentee of a group (`group.mentees[]`).
#[derive(Debug, Clone, Serialize)]
pub struct GroupMentee {
    pub name: String,
    pub class_or_position: Option<String>,
    /// A minor ([`crate::render::catalogue::minor_mentee`]).
    pub minor: bool,
}

pub(super) fn group_value(model: &Model, g: &Group, people: &People) -> GroupEntry {
    let models = group_role_models(model, g);
    GroupEntry {
        id: g.id.clone(),
        number: match g.id.trim_start_matches('0') {
            "" => "0",
            n => n,
        }
        .to_owned(),
        mentor: g.mentor.clone(),
        mentor_position: people.mentor_position(&g.mentor),
        form: g.form.name(),
        role_model: (!models.is_empty()).then(|| models.join("», «")),
        role_models_plural: models.len() > 1,
        direction: group_direction(model, g, people.kind),
        start: g.start,
        end: g.end.unwrap_or(model.programme.end),
        is_group: g.is_group(),
        kind: if g.is_group() {
            "группа"
        } else {
            "пара"
        },
        mentees: g
            .mentees
            .iter()
            .map(|n| GroupMentee {
                name: n.clone(),
                class_or_position: people.mentee_class(n),
                minor: people.mentee_minor(n),
            })
            .collect(),
    }
}

pub(super) fn groups(model: &Model, people: &People) -> Vec<GroupEntry> {
    model
        .groups
        .iter()
        .map(|g| group_value(model, g, people))
        .collect()
}

/// A row of the «Пары» sheet, for the annex table of `order-pairs` (`pairs[]`).
#[derive(Debug, Clone, Serialize)]
pub struct PairRow {
    /// The id of its group.
    pub group: String,
    pub mentor: String,
    pub mentor_position: Option<String>,
    pub mentee: String,
    pub mentee_class: Option<String>,
    pub form: &'static str,
    pub role_model: Option<String>,
    pub start: NaiveDate,
    /// The pair's end, else the programme's.
    pub end: NaiveDate,
}

/// One row per row of the «Пары» sheet.
pub(super) fn pair_rows(model: &Model, people: &People) -> Vec<PairRow> {
    model
        .pairs
        .iter()
        .map(|p| PairRow {
            group: p.group.clone(),
            mentor: p.mentor.clone(),
            mentor_position: people.mentor_position(&p.mentor),
            mentee: p.mentee.clone(),
            mentee_class: people.mentee_class(&p.mentee),
            form: p.form.name(),
            role_model: text(p.role_model.as_deref()),
            start: p.start,
            end: p.end.unwrap_or(model.programme.end),
        })
        .collect()
}

/// Those counted in the tables and not in the pairs order
/// (`results.pupils_not_included`, `results.teachers_not_included`).
#[derive(Debug, Clone, Serialize)]
pub struct NotIncluded {
    /// How many, over all reasons.
    pub n: usize,
    /// Grouped by why, in order of first appearance.
    pub reasons: Vec<NotIncludedReason>,
}

/// One reason some were not included, and how many.
#[derive(Debug, Clone, Serialize)]
pub struct NotIncludedReason {
    pub n: usize,
    /// The rule's title, where the rule gives no `ground`.
    pub rule_title: Option<String>,
    /// The act's words the rule gives (printed after «так как»).
    pub ground: Option<String>,
    /// Left without a pair for a partner held back.
    pub partner: bool,
    /// … because the partner refused.
    pub partner_refused: bool,
    /// They refused («нет»).
    pub refused: bool,
    /// The refusal is of the written consent to mentoring (ТК РФ ст. 351.8),
    /// not of processing personal data.
    pub refused_mentoring: bool,
    /// The refusal of processing personal data is a parent's, for a minor.
    pub by_parent: bool,
}

/// Those counted in the tables and not in the pairs order, grouped by why:
/// for a finding of their own (the rule's ground or title), for a partner
/// held back.
pub(super) fn not_included(
    src: &Sources,
    tables: &BTreeSet<String>,
    shown: &BTreeSet<String>,
) -> NotIncluded {
    // What a document says of a rule: the act's words (`ground`) where the
    // rule gives them, else its title.
    #[derive(PartialEq)]
    enum Said {
        Ground(String),
        Title(String),
    }
    // (partner held back, partner refused, refused, refused the written
    // consent to mentoring, the rule, a parent refused) → how many.
    type Reason = (bool, bool, bool, bool, Option<Said>, bool);
    // Whose «нет» it is: a minor's row is the parent's (152-ФЗ ст. 9).
    let minor = |h: &crate::cast::HeldBack| {
        if h.role == "наставник" {
            src.full.mentors.iter().any(|m| m.name == h.name && m.minor)
        } else {
            src.full
                .mentees
                .iter()
                .any(|m| m.name == h.name && crate::render::catalogue::minor_mentee(m))
        }
    };
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
            Some(h) if h.partner.is_some() => (
                true,
                h.partner_refused,
                false,
                h.refused_mentoring,
                None,
                false,
            ),
            Some(h) if h.refused => (
                false,
                false,
                true,
                h.refused_mentoring,
                None,
                !h.refused_mentoring && minor(h),
            ),
            // The act's words where the rule gives them (`ground`), else
            // its title.
            Some(h) => (
                false,
                false,
                false,
                false,
                Some(
                    src.report
                        .rules
                        .iter()
                        .find(|r| r.meta.id == h.rule)
                        .map_or_else(
                            || Said::Title(h.rule.clone()),
                            |r| match &r.meta.ground {
                                Some(g) => Said::Ground(g.clone()),
                                None => Said::Title(r.meta.title.clone()),
                            },
                        ),
                ),
                false,
            ),
            // Everyone the cast removes is held back or left without a
            // pair for a partner: anything else is the cast's bug.
            None => {
                debug_assert!(false, "{name} left out of the cast unlisted");
                (
                    false,
                    false,
                    false,
                    false,
                    Some(Said::Title(String::from("не включён по решению проверки"))),
                    false,
                )
            }
        };
        match by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, n)) => *n += 1,
            None => by_reason.push((reason, 1)),
        }
    }
    let total: usize = by_reason.iter().map(|(_, n)| n).sum();
    NotIncluded {
        n: total,
        reasons: by_reason
            .into_iter()
            .map(
                |((partner, partner_refused, refused, mentoring, title, by_parent), n)| {
                    let (ground, rule_title) = match title {
                        Some(Said::Ground(g)) => (Some(g), None),
                        Some(Said::Title(t)) => (None, Some(t)),
                        None => (None, None),
                    };
                    NotIncludedReason {
                        n,
                        rule_title,
                        ground,
                        partner,
                        partner_refused,
                        refused,
                        refused_mentoring: mentoring,
                        by_parent,
                    }
                },
            )
            .collect(),
    }
}

/// The mentors an order names, split by how they take part
/// (`mentors_by_kind`): employees are appointed («назначить»), pupils and
/// outside mentors take part on their (or their parents') consent or an
/// agreement with their organisation («привлечь»).
#[derive(Debug, Clone, Serialize)]
pub struct MentorsByKind {
    pub staff: Vec<MentorEntry>,
    pub pupils: Vec<MentorEntry>,
    pub outside: Vec<MentorEntry>,
}

pub(super) fn mentors_by_kind(mentors: &[MentorEntry]) -> MentorsByKind {
    let pick =
        |f: &dyn Fn(&MentorEntry) -> bool| mentors.iter().filter(|m| f(m)).cloned().collect();
    MentorsByKind {
        staff: pick(&|m| m.employee),
        pupils: pick(&|m| !m.employee && m.pupil),
        outside: pick(&|m| !m.employee && !m.pupil),
    }
}

/// The role models one form's pairs and groups use (`role_models[]`).
#[derive(Debug, Clone, Serialize)]
pub struct FormRoleModels {
    /// The form's name.
    pub form: &'static str,
    /// Its role models as typed, each once, sorted.
    pub models: Vec<String>,
}

/// The role models the pairs and groups use, per form, for the programme,
/// forms in the order of [`Form::ALL`], those with none left out.
pub(super) fn role_models(model: &Model) -> Vec<FormRoleModels> {
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
            out.push(FormRoleModels {
                form: form.name(),
                models: models.into_iter().map(str::to_owned).collect(),
            });
        }
    }
    out
}

/// The role models of each form as the regulation lists them
/// (`role_models_text`, keys as `uses`): the methodology's (Р-145),
/// followed by any other the pairs use, quoted and joined by commas —
/// «„успевающий – неуспевающий“, …»: a model used in the programme is
/// never missing from its regulation.
#[derive(Debug, Clone, Serialize)]
pub struct RoleModelsText {
    pub pupil_pupil: String,
    pub teacher_teacher: String,
    pub student_pupil: String,
    pub employer_pupil: String,
    pub employer_student: String,
    pub educator_learner: String,
    pub student_student: String,
}

pub(super) fn role_models_text(model: &Model, kind: &Value) -> RoleModelsText {
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
    // The kind's own second model of «учитель – учитель».
    let teachers = [
        "опытный педагог – молодой специалист",
        crate::render::kinds::word(kind, "teacher_role_model")
            .unwrap_or("опытный педагог – молодой специалист"),
        "лидер педагогического сообщества – педагог, испытывающий проблемы",
    ];
    let text = |form: Form, standard: &[&str]| -> String {
        let mut list: Vec<String> = standard.iter().map(|m| (*m).to_owned()).collect();
        // Every pair's own role model: a group's pairs may differ, and the
        // regulation must allow each one the pairs order names.
        for p in model.pairs.iter().filter(|p| p.form == form) {
            if let Some(used) = p.role_model.as_deref().map(str::trim) {
                let known = list
                    .iter()
                    .any(|m| crate::text::key(m) == crate::text::key(used));
                if !used.is_empty() && !known {
                    list.push(used.to_owned());
                }
            }
        }
        list.iter()
            .map(|m| russian::quote(m))
            .collect::<Vec<_>>()
            .join(", ")
    };
    RoleModelsText {
        pupil_pupil: text(Form::PupilPupil, PEERS),
        teacher_teacher: text(Form::TeacherTeacher, &teachers),
        student_pupil: text(
            Form::StudentPupil,
            &[
                "успевающий – неуспевающий",
                "лидер – равнодушный",
                "равный – другому",
                "куратор – автор проекта",
            ],
        ),
        employer_pupil: text(Form::EmployerPupil, EMPLOYER),
        employer_student: text(Form::EmployerStudent, EMPLOYER),
        educator_learner: text(Form::EducatorLearner, &[]),
        // A variation of «ученик – ученик» (seed 004): its role models.
        student_student: text(Form::StudentStudent, PEERS),
    }
}

/// Why some pairs the check rejects are not fixed, and how many
/// (`rejected_pairs_reasons[]`, `rejected_pairs_all_reasons[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RejectedReason {
    pub n: usize,
    /// The act's words (`ground`), else «не выполнено требование «title»».
    pub ground: String,
}

/// Why the pairs the check rejects are not fixed, rule by rule, in the
/// act's words (`ground`) or else the rule's title. Those of one document
/// (`doc`), or all.
pub(super) fn rejected_pair_reasons(src: &Sources, doc: Option<&str>) -> Vec<RejectedReason> {
    let mut why: Vec<RejectedReason> = Vec::new();
    for h in src.cast.held_back.iter().filter(|h| {
        h.role == crate::cast::PAIR && doc.is_none_or(|d| h.documents.iter().any(|x| x == d))
    }) {
        let said = match src.report.rules.iter().find(|r| r.meta.id == h.rule) {
            Some(r) => match &r.meta.ground {
                Some(g) => g.clone(),
                None => format!("не выполнено требование {}", russian::quote(&r.meta.title)),
            },
            None => format!("не выполнено требование {}", russian::quote(&h.rule)),
        };
        match why.iter_mut().find(|w| w.ground == said) {
            Some(w) => w.n += 1,
            None => why.push(RejectedReason { n: 1, ground: said }),
        }
    }
    why
}
