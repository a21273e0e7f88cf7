//! The region's figures: every accepted school's [`Figures`] added up once,
//! for the region's summary (`region-summary.xlsx`, `region-summary.docx`).
//!
//! The indicators are those a regional mentoring centre collects (seed 004,
//! «сбор результатов мониторинга реализации программ наставничества»):
//! children aged 10–19 covered of the pupils of that age, teens aged 15–19
//! likewise, young teachers of the young teachers, satisfaction of mentees
//! and mentors, distinct enterprises; then pupils and teachers against the
//! 70 % target and the schools on schedule. Every figure is each school's
//! in force (its manifest: the people its orders fix). A share of the
//! region is the sum of the schools' counts over the sum of their
//! headcounts, never a mean of the schools' percentages (a school of 50
//! pupils would weigh as much as one of 1,500); a school that did not give
//! a headcount is left out of that share and named.

use crate::batch::report::{School, Status};
use crate::figures::Coverage;
use crate::model::Form;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod docx;
pub mod quality;
mod xlsx;

pub use docx::write as docx;
pub use xlsx::{
    write as xlsx, FORMS_SHEET, INDICATORS_SHEET, MUNICIPALITIES_SHEET, NOTES_SHEET, REFUSED_SHEET,
    SCHOOLS_SHEET,
};

/// Who sends the centre's report, from the parameters of the profile the
/// schools share (`rules/params.json`, a region's `params.json`): read
/// once, typed, by [`Centre::of`]; the summary reads no parameter by name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Centre {
    /// «Омская область».
    #[serde(default)]
    pub region_name: Option<String>,
    /// The centre's name, the report's author.
    #[serde(default)]
    pub regional_centre: Option<String>,
    /// Where the report is made («г. Омск»).
    #[serde(default, rename = "regional_centre_place")]
    pub place: Option<String>,
    /// Who the report is sent to (the regional ministry).
    #[serde(default, rename = "regional_centre_addressee")]
    pub addressee: Option<String>,
    /// Who signs it.
    #[serde(default, rename = "regional_centre_head")]
    pub head: Option<Signatory>,
    /// Who prepared it, with a phone.
    #[serde(default, rename = "regional_centre_executor")]
    pub executor: Option<Executor>,
    /// The coverage target of pupils and teachers, % (`coverage_target_percent`).
    #[serde(skip)]
    pub target: f64,
    /// The mean score from which a respondent is satisfied (`satisfied_from`).
    #[serde(skip)]
    pub satisfied_from: f64,
}

/// The head of the centre who signs the report.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Signatory {
    pub position: String,
    pub name: String,
}

/// The report's executor («Исп. … тел. …»).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Executor {
    pub name: String,
    pub phone: String,
}

impl Centre {
    /// The centre of a profile's parameters in force (checked against
    /// `schemas/params.schema.json` when the profile was loaded).
    pub fn of(params: &serde_json::Value) -> crate::diag::Result<Centre> {
        let mut centre: Centre = serde_json::from_value(params.clone()).map_err(|e| {
            crate::diag::Error::internal(format!(
                "параметры регионального центра не прочитаны: {e}"
            ))
        })?;
        centre.target = crate::figures::coverage_target(params);
        centre.satisfied_from = crate::figures::monitoring::satisfied_from(params);
        Ok(centre)
    }

    /// The command line's signatory and executor over the profile's: a
    /// centre whose profile names nobody still signs its letter.
    pub fn sign_by(&mut self, head: Option<String>, executor: Option<(String, String)>) {
        if let Some(name) = head {
            let position = self.head.take().map_or_else(
                || "Руководитель регионального наставнического центра".to_owned(),
                |h| h.position,
            );
            self.head = Some(Signatory { position, name });
        }
        if let Some((name, phone)) = executor {
            self.executor = Some(Executor { name, phone });
        }
    }

    /// The centre of the base profile: what a table written for schools
    /// of several profiles is charted against.
    pub fn base() -> Centre {
        Centre {
            target: crate::figures::DEFAULT_COVERAGE_TARGET,
            satisfied_from: crate::figures::monitoring::DEFAULT_SATISFIED_FROM,
            ..Centre::default()
        }
    }
}

/// What the centre's report is dated and numbered by (the rest of its
/// requisites are the profile's parameters).
#[derive(Debug, Clone, Default)]
pub struct Requisites {
    /// The report's date; a blank to fill in when `None` (never the clock).
    pub date: Option<chrono::NaiveDate>,
    /// Its registration number (`batch --number`); «№ ______» when `None`.
    pub number: Option<String>,
    /// Each indicator beside the previous period's (`batch --compare`).
    pub changes: Option<Vec<Change>>,
}

/// One indicator of the region, as both summaries print it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub title: String,
    /// Children, teachers, enterprises or schools counted (over the schools
    /// that gave the headcount, for a share).
    pub covered: usize,
    /// What the share is of; `None` for a plain count.
    pub of: Option<u64>,
    /// The share rounded to one decimal, as printed (the chart's value);
    /// `None` for a count, or for a share no school gave the base of.
    pub percent: Option<f64>,
    /// «6,2 %», as every document prints a share.
    pub percent_text: Option<String>,
    /// What the share is of (or what is counted), in the words the line
    /// under each table says it: «от численности обучающихся 10–19 лет».
    pub base: String,
    /// Schools that did not give the headcount the share is of (listed by
    /// name under the table; not in the sums).
    pub missing: Vec<String>,
    /// A share of schools rather than of people (charted apart).
    pub of_schools: bool,
    /// A plain count (no share is asked for).
    pub count: bool,
    /// Judged against the coverage target (pupils, teachers): the charts
    /// draw the target on its bar. Absent from an older batch.json.
    #[serde(default)]
    pub against_target: bool,
}

impl Indicator {
    /// No school gave the headcount the share is of: «нет данных» in
    /// both summaries (never a 0 % nor a count over nothing).
    pub fn no_data(&self) -> bool {
        !self.count && self.of.is_none()
    }
}

/// The indicators of seed 004 the figures hold, in its order, then the
/// pupils and teachers against the 70 % target and the schools on
/// schedule; a share whose headcount no school gave has no percent (it is
/// not 0 %).
pub fn indicators(f: &RegionFigures) -> Vec<Indicator> {
    let share = |title: &str, c: &Coverage, base: &str, missing: &[String]| Indicator {
        title: title.to_owned(),
        covered: c.covered,
        of: (c.total > 0).then_some(u64::from(c.total)),
        percent: c.percent.map(|p| (p * 10.0).round() / 10.0),
        percent_text: c.percent_text.clone(),
        base: base.to_owned(),
        missing: missing.to_vec(),
        of_schools: false,
        count: false,
        against_target: false,
    };
    let targeted = |i: Indicator| Indicator {
        against_target: true,
        ..i
    };
    let of_schools = |title, count: usize, base| {
        let c = Coverage::new(count, u32::try_from(f.accepted).unwrap_or(u32::MAX));
        Indicator {
            of_schools: true,
            ..share(title, &c, base, &[])
        }
    };
    let m = &f.no_headcount;
    vec![
        share(
            "Дети от 10 до 19 лет, вовлечённые в наставничество",
            &f.learners_10_19,
            "от численности обучающихся в возрасте от 10 до 19 лет организаций, указавших её",
            &m.learners_10_19,
        ),
        share(
            "Подростки от 15 до 19 лет, вовлечённые в наставничество",
            &f.learners_15_19,
            "от численности обучающихся в возрасте от 15 до 19 лет организаций, указавших её",
            &m.learners_15_19,
        ),
        targeted(share(
            "Обучающиеся, вовлечённые в наставничество",
            &f.learners,
            "от общей численности обучающихся организаций",
            &m.learners,
        )),
        targeted(share(
            "Педагогические работники, вовлечённые в наставничество",
            &f.teachers,
            "от численности педагогических работников организаций",
            &m.teachers,
        )),
        share(
            "Молодые учителя-специалисты, вовлечённые в наставничество",
            &f.young_teachers,
            "от численности молодых специалистов (стаж до 3 лет) организаций, указавших её",
            &m.young_teachers,
        ),
        share(
            "Удовлетворённость наставляемых",
            &f.satisfied_mentees,
            "удовлетворённые из ответивших наставляемых, закреплённых приказами, на последнем проведённом этапе мониторинга",
            &[],
        ),
        share(
            "Удовлетворённость наставников",
            &f.satisfied_mentors,
            "удовлетворённые из ответивших наставников, закреплённых приказами, на последнем проведённом этапе мониторинга",
            &[],
        ),
        Indicator {
            title: "Предприятия, вошедшие в программы наставничества".to_owned(),
            covered: f.enterprises,
            of: None,
            percent: None,
            percent_text: None,
            base: "число различных предприятий (организаций наставников-работодателей в закреплённых парах) по наименованию; предприятие нескольких организаций учитывается один раз".to_owned(),
            missing: Vec::new(),
            of_schools: false,
            count: true,
            against_target: false,
        },
        of_schools(
            "Организации, реализующие форму «работодатель – ученик» или «работодатель – студент»",
            f.schools_with_employer_form,
            "от числа организаций, данные которых приняты",
        ),
        of_schools(
            "Организации, завершившие этапы, срок которых наступил",
            f.complete,
            "от числа организаций, данные которых приняты; этапы, которые ещё идут, не считаются незавершёнными",
        ),
    ]
}

/// One indicator beside the previous period's (`batch --compare`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub title: String,
    /// As the tables print them: «6,4 %», «2», «нет данных».
    pub before: String,
    pub now: String,
    /// «+1,3 п. п.» for a share, «+1» for a count; `None` when either
    /// period has no figure (or the previous run had no such indicator).
    pub change: Option<String>,
}

impl Indicator {
    /// The figure as the tables print it: «6,4 %», «2»; `None` for a share
    /// no school gave the base of.
    pub fn shown(&self) -> Option<String> {
        if self.count {
            Some(self.covered.to_string())
        } else {
            self.percent_text.clone()
        }
    }
}

/// One indicator of a previous run's batch.json as `--compare` reads it:
/// checked whole ([`crate::batch::previous_indicators`]) before any school
/// is read, so nothing printed comes from its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    /// One of [`titles`].
    pub title: String,
    pub covered: u64,
    /// The share in percent (0–100, one decimal) of a share; `None` for a
    /// count or a share no school gave the base of.
    pub percent: Option<f64>,
    /// A plain count, as the indicator of that title is now.
    pub count: bool,
}

impl Previous {
    /// The figure as the tables print it: the count, or the share in this
    /// run's own words («6,3 %»; never the file's text).
    fn shown(&self) -> Option<String> {
        if self.count {
            return Some(self.covered.to_string());
        }
        self.percent.map(crate::russian::share)
    }
}

/// Every indicator's title and whether it is a plain count, in order.
pub fn titles() -> Vec<(String, bool)> {
    indicators(&RegionFigures::of(std::iter::empty()))
        .into_iter()
        .map(|i| (i.title, i.count))
        .collect()
}

/// The change of every indicator of `now` since `before` (the checked
/// indicators of a previous run's batch.json), matched by title.
pub fn compare(before: &[Previous], now: &[Indicator]) -> Vec<Change> {
    now.iter()
        .map(|i| {
            let prev = before.iter().find(|b| b.title == i.title);
            let change = prev.and_then(|p| {
                if i.count {
                    Some(crate::russian::signed(
                        i.covered as f64 - p.covered as f64,
                        0,
                    ))
                } else {
                    let (a, b) = (p.percent?, i.percent?);
                    Some(format!(
                        "{}{}п.{}п.",
                        crate::russian::signed(b - a, 1),
                        crate::russian::NBSP,
                        crate::russian::NBSP
                    ))
                }
            });
            let no = || "нет данных".to_owned();
            Change {
                title: i.title.clone(),
                before: prev.and_then(Previous::shown).unwrap_or_else(no),
                now: i.shown().unwrap_or_else(no),
                change,
            }
        })
        .collect()
}

/// The stages of the target model; a school with all of them complete has
/// done everything its rules ask.
pub const STAGES: usize = 7;

/// Schools (by name) that did not give the headcount a share is of: left
/// out of that share's sums and named under the table.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NoHeadcount {
    pub learners: Vec<String>,
    pub learners_10_19: Vec<String>,
    pub learners_15_19: Vec<String>,
    pub teachers: Vec<String>,
    pub young_teachers: Vec<String>,
}

/// Pairs, groups and people of one form of mentoring, added up over the
/// accepted schools from each school's figures in force (`by_form`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormTotal {
    /// The form's Russian name, «ученик – ученик».
    pub form: String,
    pub pairs: usize,
    pub groups: usize,
    /// Distinct mentors and mentees of the form in each school, added up.
    pub mentors: usize,
    pub mentees: usize,
    /// Mentors and mentees together.
    pub people: usize,
}

/// What a municipality or the whole region adds up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionFigures {
    /// Schools found (subfolders with a programme.json).
    pub schools: usize,
    /// Schools whose input was accepted: the figures are theirs.
    pub accepted: usize,
    pub refused: usize,
    /// Accepted schools with every stage due by the date complete.
    pub complete: usize,
    /// Each share: the covered over the headcounts of the schools that gave
    /// the headcount (the others in [`RegionFigures::no_headcount`]).
    pub learners: Coverage,
    pub learners_10_19: Coverage,
    pub learners_15_19: Coverage,
    pub teachers: Coverage,
    pub young_teachers: Coverage,
    pub no_headcount: NoHeadcount,
    /// Learners, then teachers, in pairs and groups as the accepted
    /// schools' tables list them, and as their orders fix them by the date
    /// (the figures above): the report says both where they differ.
    pub in_tables: [usize; 2],
    pub in_force: [usize; 2],
    /// Satisfied respondents of mentors and of mentees (each school's
    /// latest monitoring stage answered) of those judged.
    pub satisfied_mentors: Coverage,
    pub satisfied_mentees: Coverage,
    /// Accepted schools without a single survey answer.
    pub schools_without_survey: usize,
    /// The mean of every score mentors, then mentees, gave at each school's
    /// latest stage answered; `None` without a score.
    pub mean_score: [Option<f64>; 2],
    /// Distinct enterprises: the schools' enterprise names as
    /// [`crate::text::key`] reads them, one enterprise of two schools once.
    pub enterprises: usize,
    /// Accepted schools with a pair or group of an employer form in force.
    pub schools_with_employer_form: usize,
    pub pairs: usize,
    pub groups: usize,
    /// Each form some accepted school works in, in the order of
    /// [`Form::ALL`].
    pub by_form: Vec<FormTotal>,
    pub errors: usize,
    pub warnings: usize,
    pub held_back: usize,
}

/// One municipality's schools.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Municipality {
    /// As programme.json names it; `None` for schools that name none.
    pub name: Option<String>,
    pub figures: RegionFigures,
}

/// The region: its total and, where schools name one, each municipality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Region {
    pub total: RegionFigures,
    /// By name; schools naming no municipality last. Empty when no school
    /// names one (the table would only repeat the total).
    pub municipalities: Vec<Municipality>,
}

impl Region {
    /// Adds up `schools`.
    pub fn of(schools: &[School]) -> Region {
        let total = RegionFigures::of(schools.iter());
        let mut by: BTreeMap<Option<&str>, Vec<&School>> = BTreeMap::new();
        for s in schools {
            by.entry(s.municipality.as_deref()).or_default().push(s);
        }
        let municipalities = if by.keys().all(Option::is_none) {
            Vec::new()
        } else {
            // BTreeMap puts `None` first; it reads better last.
            let (named, unnamed): (Vec<_>, Vec<_>) = by.into_iter().partition(|(k, _)| k.is_some());
            named
                .into_iter()
                .chain(unnamed)
                .map(|(name, list)| Municipality {
                    name: name.map(str::to_owned),
                    figures: RegionFigures::of(list.into_iter()),
                })
                .collect()
        };
        Region {
            total,
            municipalities,
        }
    }
}

/// The employer forms: a school with a pair of one takes part with an
/// enterprise (seed 004, «работодатель – ученик», «работодатель – студент»).
const EMPLOYER_FORMS: [Form; 2] = [Form::EmployerPupil, Form::EmployerStudent];

impl RegionFigures {
    fn of<'a>(schools: impl Iterator<Item = &'a School>) -> RegionFigures {
        let mut sums = Sums::default();
        let mut no_headcount = NoHeadcount::default();
        let mut enterprises = BTreeSet::new();
        let mut scores = [[0usize; 10]; 2];
        let mut forms: BTreeMap<(usize, String), FormTotal> = BTreeMap::new();
        let mut f = RegionFigures {
            schools: 0,
            accepted: 0,
            refused: 0,
            complete: 0,
            learners: Coverage::new(0, 0),
            learners_10_19: Coverage::new(0, 0),
            learners_15_19: Coverage::new(0, 0),
            teachers: Coverage::new(0, 0),
            young_teachers: Coverage::new(0, 0),
            no_headcount: NoHeadcount::default(),
            in_tables: [0, 0],
            in_force: [0, 0],
            satisfied_mentors: Coverage::new(0, 0),
            satisfied_mentees: Coverage::new(0, 0),
            schools_without_survey: 0,
            mean_score: [None, None],
            enterprises: 0,
            schools_with_employer_form: 0,
            pairs: 0,
            groups: 0,
            by_form: Vec::new(),
            errors: 0,
            warnings: 0,
            held_back: 0,
        };
        for s in schools {
            f.schools += 1;
            let Some(fig) = (s.status != Status::Refused)
                .then_some(s.figures.as_ref())
                .flatten()
            else {
                f.refused += 1;
                continue;
            };
            f.accepted += 1;
            // On schedule: every stage due by the date is complete (stages
            // still running or not begun are not held against a school).
            if s.stages_overdue == 0 {
                f.complete += 1;
            }
            // A share over the schools that gave its headcount: a school
            // without one adds neither its covered nor a 0 to the base.
            for (i, c, missing) in [
                (0, &fig.learners, &mut no_headcount.learners),
                (1, &fig.learners_10_19, &mut no_headcount.learners_10_19),
                (2, &fig.learners_15_19, &mut no_headcount.learners_15_19),
                (3, &fig.teachers, &mut no_headcount.teachers),
                (4, &fig.young_teachers, &mut no_headcount.young_teachers),
            ] {
                if c.total > 0 {
                    sums.add(i, c);
                } else {
                    missing.push(s.name());
                }
            }
            let tables = fig.in_tables.as_ref();
            f.in_tables[0] += tables.map_or(fig.learners.covered, |t| t.learners);
            f.in_tables[1] += tables.map_or(fig.teachers.covered, |t| t.teachers);
            f.in_force[0] += fig.learners.covered;
            f.in_force[1] += fig.teachers.covered;
            let satisfied = s.satisfied.unwrap_or_default();
            for (i, r) in satisfied.iter().enumerate() {
                sums.add(
                    5 + i,
                    &Coverage::new(r.satisfied, u32::try_from(r.judged).unwrap_or(u32::MAX)),
                );
            }
            for (role, r) in satisfied.iter().enumerate() {
                for (k, n) in r.scores.iter().enumerate() {
                    scores[role][k] += n;
                }
            }
            if satisfied.iter().all(|r| r.judged == 0) {
                f.schools_without_survey += 1;
            }
            enterprises.extend(
                fig.enterprise_names
                    .iter()
                    .map(|n| crate::text::key(n))
                    .filter(|k| !k.is_empty()),
            );
            f.schools_with_employer_form += usize::from(fig.by_form.iter().any(|x| {
                x.pairs + x.groups > 0 && EMPLOYER_FORMS.iter().any(|e| e.name() == x.form)
            }));
            f.pairs += fig.pairs;
            f.groups += fig.groups;
            for x in &fig.by_form {
                // Ordered as the forms are listed (a name no form has, of
                // another version, last).
                let at = Form::ALL
                    .iter()
                    .position(|form| form.name() == x.form)
                    .unwrap_or(Form::ALL.len());
                let t = forms
                    .entry((at, x.form.clone()))
                    .or_insert_with(|| FormTotal {
                        form: x.form.clone(),
                        pairs: 0,
                        groups: 0,
                        mentors: 0,
                        mentees: 0,
                        people: 0,
                    });
                t.pairs += x.pairs;
                t.groups += x.groups;
                t.mentors += x.mentors;
                t.mentees += x.mentees;
                t.people += x.mentors + x.mentees;
            }
            f.errors += s.errors;
            f.warnings += s.warnings;
            f.held_back += s.held_back;
        }
        f.learners = sums.coverage(0);
        f.learners_10_19 = sums.coverage(1);
        f.learners_15_19 = sums.coverage(2);
        f.teachers = sums.coverage(3);
        f.young_teachers = sums.coverage(4);
        f.satisfied_mentors = sums.coverage(5);
        f.satisfied_mentees = sums.coverage(6);
        f.no_headcount = no_headcount;
        f.mean_score = scores.map(|d| {
            let n: usize = d.iter().sum();
            let sum: usize = d.iter().enumerate().map(|(k, c)| (k + 1) * c).sum();
            (n > 0).then(|| sum as f64 / n as f64)
        });
        f.enterprises = enterprises.len();
        f.by_form = forms
            .into_values()
            .filter(|t| t.pairs + t.groups > 0)
            .collect();
        f
    }
}

/// Covered people and headcounts of the seven shares, added up.
#[derive(Default)]
struct Sums([(usize, u64); 7]);

impl Sums {
    fn add(&mut self, i: usize, c: &Coverage) {
        self.0[i].0 += c.covered;
        self.0[i].1 += u64::from(c.total);
    }

    fn coverage(&self, i: usize) -> Coverage {
        let (covered, total) = self.0[i];
        Coverage::new(covered, u32::try_from(total).unwrap_or(u32::MAX))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::Figures;

    fn school(
        name: &str,
        municipality: Option<&str>,
        status: Status,
        figures: Option<Figures>,
    ) -> School {
        School {
            folder: name.into(),
            organisation: Some(name.into()),
            short_name: None,
            municipality: municipality.map(str::to_owned),
            city: None,
            head: None,
            programme_title: None,
            status,
            documents: 0,
            errors: usize::from(status == Status::Errors),
            warnings: 1,
            stages_complete: if status == Status::Ok { STAGES } else { 5 },
            stages_overdue: if status == Status::Ok { 0 } else { 2 },
            held_back: 0,
            programme_start: None,
            profile: None,
            problems: Vec::new(),
            reason: None,
            refused_in: None,
            figures,
            satisfied: None,
        }
    }

    fn figures(learners: usize, students: u32, enterprises: &[&str]) -> Figures {
        let mut m = crate::example::model();
        m.organisation.students = students;
        let mut f = Figures::of(&m);
        f.learners = Coverage::new(learners, students);
        f.enterprises = enterprises.len();
        f.enterprise_names = enterprises.iter().map(|e| (*e).to_owned()).collect();
        f
    }

    #[test]
    fn shares_are_sums_over_sums_and_refused_schools_add_nothing() {
        let schools = vec![
            school(
                "a",
                Some("Омский район"),
                Status::Ok,
                Some(figures(50, 100, &["ООО «Омскагро»", "АО «Сибзавод»"])),
            ),
            school(
                "b",
                Some("Омский район"),
                Status::Errors,
                Some(figures(10, 900, &["ооо омскагро"])),
            ),
            school("c", None, Status::Refused, None),
        ];
        let r = Region::of(&schools);
        assert_eq!(
            (r.total.schools, r.total.accepted, r.total.refused),
            (3, 2, 1)
        );
        assert_eq!(r.total.complete, 1);
        // 60 of 1,000 — not the mean of 50 % and 1.1 %.
        assert_eq!(
            (r.total.learners.covered, r.total.learners.total),
            (60, 1000)
        );
        assert_eq!(r.total.learners.percent, Some(6.0));
        // «ООО «Омскагро»» of two schools is one enterprise of the region.
        assert_eq!(r.total.enterprises, 2);
        assert_eq!(r.total.errors, 1);
        assert_eq!(r.municipalities.len(), 2);
        assert_eq!(r.municipalities[0].name.as_deref(), Some("Омский район"));
        assert_eq!(r.municipalities[0].figures.accepted, 2);
        assert_eq!(r.municipalities[1].name, None);
        assert_eq!(r.municipalities[1].figures.refused, 1);
    }

    #[test]
    fn the_summary_table_is_deterministic_and_its_chart_russian() {
        use std::io::Read;
        let schools = vec![
            school(
                "a",
                Some("Тарский муниципальный район"),
                Status::Ok,
                Some(figures(50, 100, &["ООО «Омскагро»", "АО «Сибзавод»"])),
            ),
            school("b", None, Status::Refused, None),
        ];
        let region = Region::of(&schools);
        let bytes = xlsx(&schools, &region, 70.0).expect("written");
        assert_eq!(xlsx(&schools, &region, 70.0).expect("written"), bytes);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
        let mut chart = String::new();
        zip.by_name("xl/charts/chart1.xml")
            .expect("the chart")
            .read_to_string(&mut chart)
            .expect("UTF-8");
        assert!(chart.contains(r#"<c:lang val="ru-RU"/>"#), "{chart}");
        assert!(!chart.contains("en-US"), "{chart}");
        // The target drawn over the bars of pupils and teachers: its
        // series reads the target column, a dashed outline without fill.
        assert!(chart.contains("Целевое значение охвата"), "{chart}");
        assert!(chart.contains("$H$2:$H$8"), "{chart}");
        assert!(chart.contains(r#"<c:overlap val="100"/>"#), "{chart}");
        assert!(chart.contains(r#"<a:prstDash val="dash"/>"#), "{chart}");
    }

    #[test]
    fn forms_add_up_over_the_accepted_schools_in_the_forms_order() {
        let with_forms = |forms: &[(&str, usize, usize, usize, usize)]| {
            let mut f = figures(10, 100, &[]);
            f.by_form = forms
                .iter()
                .map(
                    |&(form, pairs, groups, mentors, mentees)| crate::figures::FormFigures {
                        form: form.to_owned(),
                        pairs,
                        groups,
                        mentors,
                        mentees,
                        coverage: Coverage::new(mentees, 100),
                    },
                )
                .collect();
            f
        };
        let tt = Form::TeacherTeacher.name();
        let pp = Form::PupilPupil.name();
        let schools = vec![
            school(
                "a",
                Some("А"),
                Status::Ok,
                Some(with_forms(&[(tt, 2, 1, 3, 5)])),
            ),
            school(
                "b",
                Some("Б"),
                Status::Errors,
                Some(with_forms(&[(tt, 1, 0, 1, 1), (pp, 4, 0, 4, 4)])),
            ),
            school(
                "c",
                Some("Б"),
                Status::Refused,
                Some(with_forms(&[(pp, 9, 9, 9, 9)])),
            ),
        ];
        let r = Region::of(&schools);
        let forms: Vec<(&str, usize, usize, usize, usize, usize)> = r
            .total
            .by_form
            .iter()
            .map(|x| {
                (
                    x.form.as_str(),
                    x.pairs,
                    x.groups,
                    x.mentors,
                    x.mentees,
                    x.people,
                )
            })
            .collect();
        // «ученик – ученик» first, as Form::ALL lists it; the refused
        // school adds nothing.
        assert_eq!(forms, vec![(pp, 4, 0, 4, 4, 8), (tt, 3, 1, 4, 6, 10)]);
        assert_eq!(r.municipalities[0].figures.by_form.len(), 1);
        assert_eq!(r.municipalities[1].figures.by_form.len(), 2);
    }

    #[test]
    fn no_municipality_table_when_no_school_names_one() {
        let schools = vec![school("a", None, Status::Ok, Some(figures(1, 10, &[])))];
        assert!(Region::of(&schools).municipalities.is_empty());
    }
}
