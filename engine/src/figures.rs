//! The programme's figures, computed once: coverage of learners and of
//! teachers, counts per form and per category.
//!
//! Rules read them (`figures` in Rhai), `check --format json` prints them,
//! and both reports print them, so one figure never has two values in two
//! documents. Who counts as what is decided here alone:
//! - a **learner** of the organisation is a pupil («обучающийся», mentor or
//!   mentee), or, in a college, one of its own students («студент» mentee,
//!   or «студент» mentor with no outside organisation). Students of a
//!   university mentoring school pupils are outside mentors, not pupils;
//! - a **teacher** is an employee-mentor («педагог» with no outside
//!   organisation) or a mentee «педагог»;
//! - a person is **covered** when they are in a pair or group (a mentee in
//!   the base still waiting for a mentor is not yet covered). Each name
//!   counts once, whatever the number of pairs.
//!
//! The survey and the roadmap's execution are in [`monitoring`].

pub mod monitoring;

use crate::model::{Form, MenteeCategory, MentorCategory, Model, OrgKind};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};

/// A share of a headcount.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Coverage {
    /// People covered.
    pub covered: usize,
    /// The headcount from programme.json (`/organisation/students`, `/organisation/teachers`).
    pub total: u32,
    /// `covered / total × 100`; `None` when the headcount is 0.
    pub percent: Option<f64>,
    /// The share as every document prints it, «4,2 %»; `None` without a headcount.
    pub percent_text: Option<String>,
}

/// The share of participants to cover when no profile gives it
/// (national project «Образование», seed 004; `rules/params.json` gives it).
pub const DEFAULT_COVERAGE_TARGET: f64 = 70.0;

/// `coverage_target_percent` of the parameters in force, the one place it
/// is read (checked against `schemas/params.schema.json` at load, so only
/// an older profile lacks it).
pub fn coverage_target(params: &serde_json::Value) -> f64 {
    params
        .get("coverage_target_percent")
        .and_then(serde_json::Value::as_f64)
        .filter(|x| x.is_finite() && *x >= 0.0)
        .unwrap_or(DEFAULT_COVERAGE_TARGET)
}

impl Coverage {
    pub(crate) fn new(covered: usize, total: u32) -> Coverage {
        let percent = (total > 0).then(|| covered as f64 * 100.0 / f64::from(total));
        Coverage {
            covered,
            total,
            percent,
            percent_text: percent.map(crate::russian::share),
        }
    }

    /// Whether the share reaches `target` percent; `None` without a headcount.
    pub fn reaches(&self, target: f64) -> Option<bool> {
        self.percent.map(|p| p >= target)
    }
}

/// Pairs and groups of one form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormFigures {
    /// The form's Russian name, `ученик – ученик`.
    pub form: String,
    pub pairs: usize,
    pub groups: usize,
    /// Distinct mentors and mentees of the form.
    pub mentors: usize,
    pub mentees: usize,
    /// Mentees of the form against the headcount they belong to (teachers
    /// for «учитель – учитель», learners otherwise).
    pub coverage: Coverage,
}

/// Participants in pairs, by category (distinct names).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Categories {
    /// Pupils («обучающийся»), mentors and mentees.
    pub pupils: usize,
    /// Students («студент»), mentors and mentees, own and outside.
    pub students: usize,
    /// Teachers of the organisation, mentors and mentees.
    pub teachers: usize,
    /// Outside mentors: employers and specialists of partner organisations,
    /// students of other organisations.
    pub outside: usize,
}

/// Every figure of the programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Learners of the organisation against `/organisation/students`.
    pub learners: Coverage,
    /// Learners aged 10–19 (the regional indicator of seed 004) against
    /// the pupils of that age (`/organisation/students_10_19`; headcount 0,
    /// no share, when not given). A learner of unknown age counts: mentors'
    /// ages are not in the tables, and pupil mentors are senior pupils.
    pub learners_10_19: Coverage,
    /// Learners aged 15–19 against `/organisation/students_15_19`, likewise.
    pub learners_15_19: Coverage,
    /// Teachers against `/organisation/teachers`.
    pub teachers: Coverage,
    pub categories: Categories,
    /// Forms with at least one pair or group, in the order of [`Form::ALL`].
    pub by_form: Vec<FormFigures>,
    /// One-mentee pairs and groups of several mentees.
    pub pairs: usize,
    pub groups: usize,
    /// Distinct mentors and mentees in pairs and groups.
    pub mentors: usize,
    pub mentees: usize,
    /// Mentees of the base in no pair.
    pub unpaired_mentees: usize,
    /// Teacher mentees in pairs (the young specialists and newcomers the
    /// «учитель – учитель» form is for; a mentee past the young
    /// specialist's limit is a rule's warning, not a figure's concern)
    /// against `/organisation/young_teachers`, the regional indicator
    /// «молодые учителя-специалисты» (seed 004). Headcount 0 when unknown.
    pub young_teachers: Coverage,
    /// Distinct enterprises (organisations of «работодатель» mentors in
    /// pairs) taking part: the indicator «предприятия, вошедшие в программу».
    pub enterprises: usize,
    /// Their names, as first written, ordered by [`crate::text::key`] (the
    /// region counts an enterprise of several schools once by that key).
    pub enterprise_names: Vec<String>,
    /// The package's date and the stages' periods: what every figure and
    /// verdict is true at (rules read `figures.calendar`).
    pub calendar: crate::calendar::Calendar,
    /// The tables' counts where they differ from the figures in force
    /// ([`Figures::as_stated`]): a document says both, and why.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_tables: Option<InTables>,
    /// Pairs and groups the orders fix that start after the package's
    /// date: counted among the pairs, not yet in the coverage.
    pub not_started: usize,
    /// Who and which pairs the package keeps out of its orders, and why
    /// (the cast, [`crate::cast::Cast::stated`]): empty in the rules' first
    /// pass; the second pass (`after_hold_back`) reads it as
    /// `figures.held_back` instead of deciding again who is held back.
    pub held_back: Vec<HeldOut>,
}

/// One person or pair kept out of the package's orders, as rules read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldOut {
    /// A person's full name, or «наставник — наставляемый» for a pair.
    pub name: String,
    /// `наставник`, `наставляемый` or `пара`.
    pub role: String,
    /// A woman (the gender given in `declensions`, else the patronymic):
    /// rules' messages say «отказалась», «не включена».
    pub female: bool,
    /// The rule whose finding keeps them out.
    pub rule: String,
    /// Its message.
    pub reason: String,
    /// They said «нет»: they do not take part, nothing is asked of them.
    pub refused: bool,
    /// Kept out by a requirement no consent meets (too young): they do
    /// not take part either, and no support «until fixed» is promised.
    pub ineligible: bool,
    /// Left without a pair because this partner is kept out; `()` in Rhai
    /// when the finding is their own.
    pub partner: Option<String>,
    /// That partner refused.
    pub partner_refused: bool,
}

/// What the tables count, beside what the orders fix: people in pairs and
/// groups in the tables, some of whom no order fixes (a consent missing or
/// refused, a pair the check rejects).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InTables {
    pub learners: usize,
    pub teachers: usize,
    pub young_teachers: usize,
    pub mentors: usize,
    pub mentees: usize,
    pub pairs: usize,
    pub groups: usize,
}

/// What a participant counts as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Learner,
    Teacher,
    Other,
}

/// The learners and the teachers in pairs or groups, by name: who the
/// coverage counts (a document naming those not included says why).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Covered {
    pub learners: BTreeSet<String>,
    pub teachers: BTreeSet<String>,
}

impl Covered {
    /// Those of `model` the coverage counts.
    pub fn of(model: &Model) -> Covered {
        let kinds = Kinds::of(model);
        let mut out = Covered::default();
        for g in &model.groups {
            let people = std::iter::once((g.mentor.as_str(), kinds.mentor(&g.mentor)))
                .chain(g.mentees.iter().map(|n| (n.as_str(), kinds.mentee(n))));
            for (name, kind) in people {
                match kind {
                    Kind::Learner => out.learners.insert(name.to_owned()),
                    Kind::Teacher => out.teachers.insert(name.to_owned()),
                    Kind::Other => false,
                };
            }
        }
        out
    }
}

/// What each participant of a model counts as (the one place deciding it).
struct Kinds<'a> {
    college: bool,
    mentors: HashMap<&'a str, &'a crate::model::Mentor>,
    mentees: HashMap<&'a str, &'a crate::model::Mentee>,
}

impl<'a> Kinds<'a> {
    fn of(model: &'a Model) -> Kinds<'a> {
        Kinds {
            college: model.organisation.kind == OrgKind::College,
            mentors: model.mentors.iter().map(|m| (m.name.as_str(), m)).collect(),
            mentees: model.mentees.iter().map(|m| (m.name.as_str(), m)).collect(),
        }
    }

    fn mentor(&self, name: &str) -> Kind {
        match self.mentors.get(name) {
            Some(m) => match m.category {
                MentorCategory::Pupil => Kind::Learner,
                MentorCategory::Student if self.college && !outside(m) => Kind::Learner,
                MentorCategory::Educator if m.employee => Kind::Teacher,
                _ => Kind::Other,
            },
            None => Kind::Other,
        }
    }

    fn mentee(&self, name: &str) -> Kind {
        match self.mentees.get(name).map(|m| m.category) {
            Some(MenteeCategory::Pupil) => Kind::Learner,
            Some(MenteeCategory::Student) if self.college => Kind::Learner,
            Some(MenteeCategory::Educator) => Kind::Teacher,
            _ => Kind::Other,
        }
    }
}

impl Figures {
    /// Computes the figures of `model`.
    pub fn of(model: &Model) -> Figures {
        let kinds = Kinds::of(model);
        let mentors = &kinds.mentors;
        let mentees = &kinds.mentees;
        let mentor_kind = |name: &str| kinds.mentor(name);
        let mentee_kind = |name: &str| kinds.mentee(name);

        let aged = |name: &str, lo: u32, hi: u32| {
            mentees
                .get(name)
                .and_then(|m| m.age)
                .is_none_or(|a| (lo..=hi).contains(&a))
        };
        let mut learners = BTreeSet::new();
        let mut teachers = BTreeSet::new();
        let mut all_mentors = BTreeSet::new();
        let mut all_mentees = BTreeSet::new();
        let mut categories = Categories::default();
        let (mut pupils, mut students, mut staff, mut outsiders) = (
            BTreeSet::new(),
            BTreeSet::new(),
            BTreeSet::new(),
            BTreeSet::new(),
        );
        for g in &model.groups {
            let mentor = g.mentor.as_str();
            all_mentors.insert(mentor);
            match mentor_kind(mentor) {
                Kind::Learner => {
                    learners.insert(mentor);
                }
                Kind::Teacher => {
                    teachers.insert(mentor);
                }
                Kind::Other => {}
            }
            if let Some(m) = mentors.get(mentor) {
                match m.category {
                    MentorCategory::Pupil => pupils.insert(mentor),
                    MentorCategory::Student => students.insert(mentor),
                    MentorCategory::Educator if m.employee => staff.insert(mentor),
                    _ => false,
                };
                if outside(m) || m.category == MentorCategory::Employer {
                    outsiders.insert(mentor);
                }
            }
            for n in &g.mentees {
                let n = n.as_str();
                all_mentees.insert(n);
                match mentee_kind(n) {
                    Kind::Learner => {
                        learners.insert(n);
                    }
                    Kind::Teacher => {
                        teachers.insert(n);
                    }
                    Kind::Other => {}
                }
                match mentees.get(n).map(|m| m.category) {
                    Some(MenteeCategory::Pupil) => pupils.insert(n),
                    Some(MenteeCategory::Student) => students.insert(n),
                    Some(MenteeCategory::Educator) => staff.insert(n),
                    None => false,
                };
            }
        }
        let mut enterprises: std::collections::BTreeMap<String, String> = Default::default();
        for o in model
            .groups
            .iter()
            .filter_map(|g| mentors.get(g.mentor.as_str()))
            .filter(|m| m.category == MentorCategory::Employer)
            .filter_map(|m| m.organisation.as_deref())
        {
            let key = crate::text::key(o);
            if !key.is_empty() {
                enterprises
                    .entry(key)
                    .or_insert_with(|| o.trim().to_owned());
            }
        }
        let young: BTreeSet<&str> = model
            .groups
            .iter()
            .flat_map(|g| g.mentees.iter().map(String::as_str))
            .filter(|n| mentees.get(n).map(|m| m.category) == Some(MenteeCategory::Educator))
            .collect();
        categories.pupils = pupils.len();
        categories.students = students.len();
        categories.teachers = staff.len();
        categories.outside = outsiders.len();

        let org = &model.organisation;
        let by_form = Form::ALL
            .iter()
            .filter_map(|f| {
                let gs: Vec<_> = model.groups.iter().filter(|g| g.form == *f).collect();
                if gs.is_empty() {
                    return None;
                }
                let form_mentors: BTreeSet<&str> = gs.iter().map(|g| g.mentor.as_str()).collect();
                let form_mentees: BTreeSet<&str> = gs
                    .iter()
                    .flat_map(|g| g.mentees.iter().map(String::as_str))
                    .collect();
                let base = if *f == Form::TeacherTeacher {
                    org.teachers
                } else {
                    org.students
                };
                Some(FormFigures {
                    form: f.name().to_owned(),
                    pairs: gs.iter().filter(|g| !g.is_group()).count(),
                    groups: gs.iter().filter(|g| g.is_group()).count(),
                    mentors: form_mentors.len(),
                    mentees: form_mentees.len(),
                    coverage: Coverage::new(form_mentees.len(), base),
                })
            })
            .collect();
        let paired: BTreeSet<&str> = model.pairs.iter().map(|p| p.mentee.as_str()).collect();
        let count_aged = |lo, hi| learners.iter().filter(|n| aged(n, lo, hi)).count();
        Figures {
            learners_10_19: Coverage::new(count_aged(10, 19), org.students_10_19.unwrap_or(0)),
            learners_15_19: Coverage::new(count_aged(15, 19), org.students_15_19.unwrap_or(0)),
            learners: Coverage::new(learners.len(), org.students),
            teachers: Coverage::new(teachers.len(), org.teachers),
            categories,
            by_form,
            pairs: model.groups.iter().filter(|g| !g.is_group()).count(),
            groups: model.groups.iter().filter(|g| g.is_group()).count(),
            mentors: all_mentors.len(),
            mentees: all_mentees.len(),
            unpaired_mentees: model
                .mentees
                .iter()
                .filter(|m| !paired.contains(m.name.as_str()))
                .count(),
            young_teachers: Coverage::new(young.len(), org.young_teachers.unwrap_or(0)),
            enterprises: enterprises.len(),
            enterprise_names: enterprises.into_values().collect(),
            calendar: crate::calendar::Calendar::of(model),
            in_tables: None,
            not_started: 0,
            held_back: Vec::new(),
        }
    }
}

impl Figures {
    /// The figures as the package states them: over what is in force, the
    /// people and pairs the package's orders fix (`cast`: [`Figures::of`]
    /// the cast's model, consents present, pairs the check accepts). Every
    /// document, `check --format json`, the manifest and so the region's
    /// summary take these. Where the tables (`self`) count more, their
    /// counts ride along in [`Figures::in_tables`], so a document says both
    /// («в таблицах 28, закреплены приказом 25») and why.
    ///
    /// `working` is the same over the pairs at work by the date (started):
    /// the people and the coverage are theirs, a pair starting later is
    /// counted among the pairs the orders fix but covers nobody yet.
    pub fn as_stated(&self, cast: &Figures, working: &Figures) -> Figures {
        let mut out = working.clone();
        out.pairs = cast.pairs;
        out.groups = cast.groups;
        out.not_started = (cast.pairs + cast.groups).saturating_sub(working.pairs + working.groups);
        out.by_form = cast
            .by_form
            .iter()
            .map(|f| {
                let w = working.by_form.iter().find(|w| w.form == f.form);
                FormFigures {
                    form: f.form.clone(),
                    pairs: f.pairs,
                    groups: f.groups,
                    mentors: w.map_or(0, |w| w.mentors),
                    mentees: w.map_or(0, |w| w.mentees),
                    coverage: Coverage::new(w.map_or(0, |w| w.mentees), f.coverage.total),
                }
            })
            .collect();
        let tables = InTables {
            learners: self.learners.covered,
            teachers: self.teachers.covered,
            young_teachers: self.young_teachers.covered,
            mentors: self.mentors,
            mentees: self.mentees,
            pairs: self.pairs,
            groups: self.groups,
        };
        let stated = InTables {
            learners: out.learners.covered,
            teachers: out.teachers.covered,
            young_teachers: out.young_teachers.covered,
            mentors: out.mentors,
            mentees: out.mentees,
            pairs: out.pairs,
            groups: out.groups,
        };
        out.calendar = self.calendar.clone();
        out.in_tables = (tables != stated).then_some(tables);
        out
    }
}

/// A mentor from another organisation (a university, an enterprise).
fn outside(m: &crate::model::Mentor) -> bool {
    m.organisation
        .as_deref()
        .is_some_and(|o| !o.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn university_students_are_not_school_pupils() {
        let model = crate::example::model();
        let f = Figures::of(&model);
        // Counted independently from the example's own lists.
        let mut learners = BTreeSet::new();
        for g in &model.groups {
            let m = model.mentors.iter().find(|m| m.name == g.mentor);
            if m.is_some_and(|m| m.category == MentorCategory::Pupil) {
                learners.insert(g.mentor.clone());
            }
            for n in &g.mentees {
                let e = model.mentees.iter().find(|m| &m.name == n);
                if e.is_some_and(|e| e.category == MenteeCategory::Pupil) {
                    learners.insert(n.clone());
                }
            }
        }
        assert_eq!(f.learners.covered, learners.len());
        assert!(
            model
                .mentors
                .iter()
                .any(|m| m.category == MentorCategory::Student),
            "the example has university students among its mentors"
        );
        assert_eq!(f.learners.total, model.organisation.students);
    }

    #[test]
    fn in_a_college_its_own_students_are_learners() {
        let mut model = crate::example::model();
        model.organisation.kind = OrgKind::College;
        let school = Figures::of(&crate::example::model());
        let college = Figures::of(&model);
        let own_students = model
            .mentors
            .iter()
            .filter(|m| m.category == MentorCategory::Student && !outside(m))
            .filter(|m| model.groups.iter().any(|g| g.mentor == m.name))
            .count()
            + model
                .mentees
                .iter()
                .filter(|m| m.category == MenteeCategory::Student)
                .filter(|m| model.groups.iter().any(|g| g.mentees.contains(&m.name)))
                .count();
        assert_eq!(
            college.learners.covered,
            school.learners.covered + own_students
        );
    }

    #[test]
    fn percent_needs_a_headcount() {
        assert_eq!(Coverage::new(3, 0).percent, None);
        assert_eq!(Coverage::new(3, 0).reaches(70.0), None);
        let c = Coverage::new(7, 10);
        assert_eq!(c.percent, Some(70.0));
        assert_eq!(c.reaches(70.0), Some(true));
        assert_eq!(c.reaches(70.1), Some(false));
    }
}
