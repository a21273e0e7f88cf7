//! The roadmap and the monitoring: survey figures as stated, coverage, results.
//!
//! Statements are typed, as in [`super::orders`]: every figure comes from
//! [`crate::figures`] (computed once), here only put into words.

use super::*;
use serde::Serialize;

/// A stage of the roadmap with its events (`roadmap[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapStage {
    pub stage: u8,
    pub title: &'static str,
    /// No event of the roadmap is of this stage.
    pub empty: bool,
    pub events: Vec<RoadmapEvent>,
    /// The calendar's period ([`crate::calendar`]): stage 6 runs while the
    /// pairs work.
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    /// Its events' deadlines as typed.
    pub deadlines: Vec<String>,
}

/// An event of the roadmap (`roadmap[].events[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapEvent {
    /// The title without a number typed before it («1.1 …»): the table
    /// numbers its rows.
    pub title: String,
    pub responsible: String,
    /// «Срок» as typed.
    pub deadline: String,
    pub result: Option<String>,
    /// «Отметка о выполнении» as typed.
    pub done_mark: Option<String>,
    /// The mark read as yes/no where it is one.
    pub done: Option<bool>,
}

/// The roadmap grouped by the 7 stages (every stage present, maybe empty).
pub(super) fn roadmap(model: &Model) -> Vec<RoadmapStage> {
    let calendar = crate::calendar::Calendar::of(model);
    STAGES
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let stage = (i + 1) as u8;
            let own = || model.roadmap.iter().filter(|e| e.stage == stage);
            let events: Vec<RoadmapEvent> = own()
                .map(|e| RoadmapEvent {
                    title: crate::text::strip_item_number(&e.title).to_owned(),
                    responsible: e.responsible.clone(),
                    deadline: e.deadline.clone(),
                    result: text(e.result.as_deref()),
                    done_mark: text(e.done_mark.as_deref()),
                    done: e.done,
                })
                .collect();
            let period = calendar.stage(stage);
            RoadmapStage {
                stage,
                title,
                empty: events.is_empty(),
                events,
                period_from: period.and_then(|p| p.from),
                period_to: period.and_then(|p| p.work_end.or(p.to)),
                deadlines: own().map(|e| e.deadline.clone()).collect(),
            }
        })
        .collect()
}

/// What the order on results states beside the figures (`results`).
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Learners the tables count and the pairs order does not include, and why.
    pub pupils_not_included: NotIncluded,
    /// Teachers the same.
    pub teachers_not_included: NotIncluded,
    /// Pairs and groups as stated ([`Figures::as_stated`](crate::figures::Figures::as_stated)).
    pub pairs: usize,
    pub groups: usize,
    /// Per form with any pair or group.
    pub by_form: Vec<FormPairs>,
    /// Results stated before the programme's end are as of the date.
    pub period_open: bool,
    pub as_of: Option<NaiveDate>,
}

/// A form's pairs and groups (`results.by_form[]`).
#[derive(Debug, Clone, Serialize)]
pub struct FormPairs {
    pub form: String,
    pub pairs: usize,
    pub groups: usize,
}

/// What the order on results states beside the figures: the figures are
/// those in force ([`Figures::as_stated`](crate::figures::Figures::as_stated),
/// the same as the check and both reports), and those the tables count and
/// the pairs order does not include are named beside them, with the
/// reason each was left out (the rule of their own finding, or the
/// partner's: [`crate::cast::HeldBack::partner`]); the pairs and groups
/// are the stated figures', never counted again here.
pub(super) fn results(src: &Sources) -> Results {
    use crate::figures::Covered;
    let stated = src.stated;
    let tables = Covered::of(src.full);
    let shown = Covered::of(&src.cast.model);
    Results {
        pupils_not_included: not_included(src, &tables.learners, &shown.learners),
        teachers_not_included: not_included(src, &tables.teachers, &shown.teachers),
        pairs: stated.pairs,
        groups: stated.groups,
        by_form: stated
            .by_form
            .iter()
            .filter(|f| f.pairs + f.groups > 0)
            .map(|f| FormPairs {
                form: f.form.clone(),
                pairs: f.pairs,
                groups: f.groups,
            })
            .collect(),
        period_open: src
            .full
            .report_date
            .is_some_and(|d| d >= src.full.programme.start && d < src.full.programme.end),
        as_of: src.full.report_date,
    }
}

/// A coverage as the reports print it: «36 из 852 (4,2 %)»
/// (`monitoring.pupils`, `monitoring.teachers`).
#[derive(Debug, Clone, Serialize)]
pub struct CoverageEntry {
    pub covered: usize,
    /// The headcount.
    pub total: u32,
    /// «4,2 %»; `null` without a headcount.
    pub share_text: Option<String>,
    /// The target reached; `null` without a headcount.
    pub reached: Option<bool>,
}

pub(super) fn coverage(c: &Coverage, target: f64) -> CoverageEntry {
    CoverageEntry {
        covered: c.covered,
        total: c.total,
        share_text: c.percent_text.clone(),
        reached: c.reaches(target),
    }
}

/// The monitoring report's statements (`monitoring`).
#[derive(Debug, Clone, Serialize)]
pub struct MonitoringReport {
    pub date: Option<NaiveDate>,
    /// The report's number as programme.json gives it.
    pub number: Option<String>,
    /// The coverage target: «70 %».
    pub target_text: String,
    pub pupils: CoverageEntry,
    pub teachers: CoverageEntry,
    /// The tables' counts where they differ from those in force.
    pub in_tables: Option<crate::figures::InTables>,
    /// Pairs starting after the date: counted among the pairs, not in the coverage.
    pub not_started: usize,
    pub outside_mentors: usize,
    pub by_form: Vec<FormCoverage>,
    pub has_survey: bool,
    /// Signed answers of those without consent to process their data.
    pub answers_left_out: usize,
    /// Per survey stage, the day it opens while its time has not come.
    pub survey_pending: Vec<Option<NaiveDate>>,
    pub has_stage_1: bool,
    pub has_stage_2: bool,
    /// The titles of the two monitoring stages.
    pub stage_titles: [&'static str; 2],
    /// The satisfaction threshold: «8».
    pub satisfied_from_text: String,
    pub roles: Vec<RoleSurveyEntry>,
    /// The short form other documents print (the order on results).
    pub survey: Vec<SurveyLine>,
    pub roadmap: RoadmapExecution,
    /// The stages' completeness from the rules' report.
    pub stages: Vec<StageDone>,
    pub stages_complete: usize,
    /// No stage whose time has come is incomplete.
    pub all_stages_complete: bool,
    /// Stages whose time has come and that are not complete.
    pub incomplete_stages: Vec<u8>,
    /// Stages still running or not begun.
    pub running_stages: Vec<u8>,
}

/// Coverage by form (`monitoring.by_form[]`).
#[derive(Debug, Clone, Serialize)]
pub struct FormCoverage {
    pub form: String,
    pub pairs: usize,
    pub groups: usize,
    pub mentors: usize,
    pub mentees: usize,
    /// The headcount the share is of.
    pub base: u32,
    pub share_text: Option<String>,
}

/// Per stage and role that answered, the respondents and the mean
/// (`monitoring.survey[]`).
#[derive(Debug, Clone, Serialize)]
pub struct SurveyLine {
    /// The monitoring stage, 1 or 2.
    pub phase: usize,
    pub phase_title: &'static str,
    /// «наставники», «наставляемые».
    pub role: &'static str,
    pub respondents: usize,
    /// The same denominator as the report's response rate.
    pub participants: usize,
    /// More answers than participants (anonymous ones): no rate is given.
    pub over: bool,
    pub average_text: Option<String>,
    pub satisfied_text: Option<String>,
}

/// The roadmap's execution (`monitoring.roadmap`).
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapExecution {
    pub stages: Vec<RoadmapRow>,
    pub events: usize,
    /// Events due by the date: what «выполнено … из …» is out of.
    pub due: usize,
    pub not_due: usize,
    pub done: usize,
    pub not_done: usize,
    pub all_done: bool,
    pub done_share_text: Option<String>,
}

/// A stage's events done and not (`monitoring.roadmap.stages[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RoadmapRow {
    pub stage: u8,
    pub title: &'static str,
    pub events: usize,
    pub done: usize,
    pub not_done: usize,
    pub not_due: usize,
    /// Due by the date and not marked ([`crate::calendar::EventState`]).
    pub not_done_titles: Vec<String>,
}

/// A stage's completeness (`monitoring.stages[]`): a stage complete by the
/// rules may still have roadmap events not marked done.
#[derive(Debug, Clone, Serialize)]
pub struct StageDone {
    pub stage: u8,
    pub title: String,
    pub complete: bool,
    pub status_text: &'static str,
    /// Its error findings.
    pub errors: usize,
    /// Its roadmap events not marked done.
    pub unmarked: usize,
}

/// The monitoring report's context: coverage by form against headcounts
/// ([`Figures`](crate::figures::Figures), computed once for the rules and both reports), the survey
/// per role and stage and the roadmap's execution
/// ([`figures::monitoring::Monitoring`]), the stages' completeness from the
/// rules' report, and what is missing.
pub(super) fn monitoring(src: &Sources, model: &Model, params: &Value) -> MonitoringReport {
    // Pairs and groups as the pairs order fixed them (the order on results
    // states the same); people and shares from the tables, as the check.
    let figures = src.stated;
    let target = crate::figures::coverage_target(params);
    let by_form: Vec<FormCoverage> = figures
        .by_form
        .iter()
        .map(|f| FormCoverage {
            form: f.form.clone(),
            pairs: f.pairs,
            groups: f.groups,
            mentors: f.mentors,
            mentees: f.mentees,
            base: f.coverage.total,
            share_text: f.coverage.percent_text.clone(),
        })
        .collect();
    let satisfied_from = monitoring::satisfied_from(params);
    // The survey of the tables as read, like the figures beside it: a
    // participant held back from the orders still answered the survey.
    let (surveyed, answers_left_out) = src.cast.surveyed(src.full);
    let m = Monitoring::of(&surveyed, figures, satisfied_from);
    let roles: Vec<RoleSurveyEntry> = m
        .roles
        .iter()
        .map(|r| role_survey(r, satisfied_from))
        .collect();
    let survey: Vec<SurveyLine> = (0..2)
        .flat_map(|i| {
            m.roles.iter().filter_map(move |r| {
                r.stages[i].as_ref().map(|s| SurveyLine {
                    phase: i + 1,
                    phase_title: monitoring::STAGE_TITLES[i],
                    role: role_words(r.role).0,
                    respondents: s.respondents,
                    participants: r.participants,
                    over: s.respondents > r.participants,
                    average_text: s.mean.map(decimal_text),
                    satisfied_text: s.satisfied_share.map(percent_text),
                })
            })
        })
        .collect();
    // A stage complete by the rules may still have roadmap events not
    // marked done (a rule of level «сведение» reports them): the verdict
    // says both, so «завершён» never stands beside an unmarked event.
    let stages_done: Vec<StageDone> = src
        .report
        .stages
        .iter()
        .map(|s| StageDone {
            stage: s.stage,
            title: s.title.clone(),
            complete: s.complete,
            status_text: s.status_text,
            errors: s
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Error)
                .count(),
            unmarked: m
                .roadmap
                .iter()
                .find(|r| r.stage == s.stage)
                .map_or(0, |r| r.not_done),
        })
        .collect();
    // Stages whose time has come and that are not complete: what is to be
    // put right; stages still running or not begun are not held against it.
    let of_status = |wanted: &[crate::calendar::StageStatus]| -> Vec<u8> {
        src.report
            .stages
            .iter()
            .filter(|s| wanted.contains(&s.status))
            .map(|s| s.stage)
            .collect()
    };
    use crate::calendar::StageStatus as St;
    let incomplete = of_status(&[St::Overdue, St::Incomplete]);
    let running = of_status(&[St::Running, St::NotStarted]);
    let roadmap_rows: Vec<RoadmapRow> = m
        .roadmap
        .iter()
        .map(|r| RoadmapRow {
            stage: r.stage,
            title: STAGES.get(usize::from(r.stage) - 1).copied().unwrap_or(""),
            events: r.events,
            done: r.done,
            not_done: r.not_done,
            not_due: r.not_due,
            not_done_titles: model
                .roadmap
                .iter()
                // Due by the date and not marked: the rest are not yet due,
                // counted apart (crate::calendar::EventState).
                .filter(|e| e.stage == r.stage && crate::calendar::EventState::at(model, e).late(e))
                .map(|e| crate::text::strip_item_number(&e.title).to_owned())
                .collect(),
        })
        .collect();
    let (events, done, not_due) = m.roadmap.iter().fold((0, 0, 0), |(e, d, f), r| {
        (e + r.events, d + r.done, f + r.not_due)
    });
    // A survey stage whose time has not come: the day it opens.
    let calendar = &figures.calendar;
    let survey_pending: Vec<Option<NaiveDate>> = [1u8, 2]
        .iter()
        .map(|&phase| {
            calendar
                .survey_opens(phase)
                .filter(|_| !calendar.survey_open(phase))
        })
        .collect();
    // Events due by the date: what «выполнено … из …» is out of.
    let due = events - not_due;
    MonitoringReport {
        date: model.report_date,
        number: text(model.report_number.as_deref()),
        target_text: russian::percent(target),
        pupils: coverage(&figures.learners, target),
        teachers: coverage(&figures.teachers, target),
        in_tables: figures.in_tables.clone(),
        not_started: figures.not_started,
        outside_mentors: figures.categories.outside,
        by_form,
        has_survey: !surveyed.survey.responses.is_empty(),
        answers_left_out,
        survey_pending,
        has_stage_1: m.has_stage(1),
        has_stage_2: m.has_stage(2),
        stage_titles: monitoring::STAGE_TITLES,
        satisfied_from_text: russian::decimal(satisfied_from, 1),
        roles,
        survey,
        roadmap: RoadmapExecution {
            stages: roadmap_rows,
            events,
            due,
            not_due,
            done,
            not_done: due - done,
            all_done: due > 0 && done == due,
            done_share_text: (due > 0).then(|| percent_text(done as f64 * 100.0 / due as f64)),
        },
        stages: stages_done,
        stages_complete: src.report.stages.iter().filter(|s| s.complete).count(),
        all_stages_complete: incomplete.is_empty(),
        incomplete_stages: incomplete,
        running_stages: running,
    }
}

/// A survey role in words: the title, genitive singular, genitive plural.
fn role_words(role: SurveyRole) -> (&'static str, &'static str, &'static str) {
    match role {
        SurveyRole::Mentor => ("наставники", "наставника", "наставников"),
        SurveyRole::Mentee => ("наставляемые", "наставляемого", "наставляемых"),
    }
}

/// One role of the survey (`monitoring.roles[]`).
#[derive(Debug, Clone, Serialize)]
pub struct RoleSurveyEntry {
    /// «наставники», «наставляемые».
    pub role: &'static str,
    /// «наставника», «наставляемого».
    pub role_genitive_one: &'static str,
    /// «наставников», «наставляемых».
    pub role_genitive: &'static str,
    /// Mentors (mentees) of the pairs fixed: the response rate's denominator.
    pub participants: usize,
    /// Each monitoring stage, answered or not.
    pub stages: Vec<SurveyStage>,
    /// Any stage answered.
    pub answered: bool,
    /// The latest stage answered, for the conclusions.
    pub latest: Option<SurveyStage>,
    pub comparison: Option<ComparisonEntry>,
}

/// A monitoring stage of one role (`monitoring.roles[].stages[]`): its
/// figures only when answered.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyStage {
    pub stage: usize,
    pub title: &'static str,
    pub answered: bool,
    #[serde(flatten)]
    pub figures: Option<StageFigures>,
}

/// The figures of a stage answered.
#[derive(Debug, Clone, Serialize)]
pub struct StageFigures {
    pub respondents: usize,
    /// More answers than participants: no rate.
    pub over: bool,
    pub rate_text: Option<String>,
    pub mean_text: Option<String>,
    /// Answers with a score.
    pub judged: usize,
    /// Of them, at the threshold or above.
    pub satisfied: usize,
    pub satisfied_text: Option<String>,
    /// Under half satisfied.
    pub few_satisfied: bool,
    /// Scores 1–10: answers and their share.
    pub distribution: Vec<ScoreShare>,
    pub questions: Vec<QuestionEntry>,
    /// The question alone lowest and below the threshold, as printed.
    pub weakest: Option<Weakest>,
}

/// A score's answers (`…distribution[]`).
#[derive(Debug, Clone, Serialize)]
pub struct ScoreShare {
    pub score: u8,
    pub answers: usize,
    /// Of the stage's answers, one decimal, no sign: «12,5».
    pub share_text: String,
}

/// A question of a stage (`…questions[]`).
#[derive(Debug, Clone, Serialize)]
pub struct QuestionEntry {
    /// Its number, from 1.
    pub n: usize,
    pub question: String,
    pub answers: usize,
    pub mean_text: Option<String>,
    /// Answers per score 1–10.
    pub distribution: [usize; 10],
}

/// The weakest question (`…weakest`).
#[derive(Debug, Clone, Serialize)]
pub struct Weakest {
    pub question: String,
    pub mean_text: Option<String>,
}

/// The two stages compared (`monitoring.roles[].comparison`).
#[derive(Debug, Clone, Serialize)]
pub struct ComparisonEntry {
    /// Questions asked at both stages.
    pub common: usize,
    pub first: CommonFigures,
    pub second: CommonFigures,
    /// «+1,0», «−0,5».
    pub mean_change_text: Option<String>,
    /// Without its sign, after «выросла на» / «снизилась на».
    pub mean_change_size: Option<String>,
    pub mean_rose: bool,
    pub mean_fell: bool,
    /// In percentage points: «+5,0 п.п.».
    pub satisfied_change_text: Option<String>,
    pub satisfied_change_size: Option<String>,
    pub rose: bool,
    pub fell: bool,
    /// A question was asked at one stage only.
    pub differs: bool,
    pub questions: Vec<ComparedQuestion>,
}

/// A stage's figures over the questions asked at both.
#[derive(Debug, Clone, Serialize)]
pub struct CommonFigures {
    pub mean_text: Option<String>,
    pub satisfied_text: Option<String>,
    pub satisfied: usize,
    pub judged: usize,
}

/// A question at both stages (`comparison.questions[]`).
#[derive(Debug, Clone, Serialize)]
pub struct ComparedQuestion {
    pub n: usize,
    pub question: String,
    pub first_text: Option<String>,
    pub second_text: Option<String>,
    pub change_text: Option<String>,
    pub only_first: bool,
    pub only_second: bool,
}

/// One role of the survey for the report: each stage (answered or not),
/// the comparison, and the latest stage's figures for the conclusions.
pub(super) fn role_survey(r: &monitoring::RoleSurvey, satisfied_from: f64) -> RoleSurveyEntry {
    let (title, genitive_one, genitive) = role_words(r.role);
    let one = |x: Option<f64>| x.map(decimal_text);
    let stages: Vec<SurveyStage> = r
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let stage = i + 1;
            let title = monitoring::STAGE_TITLES[i];
            let Some(s) = s else {
                return SurveyStage {
                    stage,
                    title,
                    answered: false,
                    figures: None,
                };
            };
            let questions: Vec<QuestionEntry> = s
                .questions
                .iter()
                .enumerate()
                .map(|(qi, q)| QuestionEntry {
                    n: qi + 1,
                    question: q.question.clone(),
                    answers: q.answers,
                    mean_text: one(q.mean),
                    distribution: q.distribution,
                })
                .collect();
            // The means as printed (one decimal): the weakest question is
            // named only when it alone is lowest — five questions all at
            // 7,3 have no «наименьшая» — and below the satisfaction
            // threshold (a 8,5 beside 8,6 is not a weakness).
            let printed: Vec<_> = s
                .questions
                .iter()
                .filter_map(|q| q.mean.map(|m| (q, (m * 10.0).round())))
                .collect();
            let lowest = printed.iter().map(|p| p.1).min_by(f64::total_cmp);
            let weakest = lowest
                .filter(|low| printed.iter().filter(|p| p.1 == *low).count() == 1)
                .and_then(|low| printed.iter().find(|p| p.1 == low))
                .filter(|(q, _)| q.mean.is_some_and(|m| m < satisfied_from))
                .map(|(q, _)| Weakest {
                    question: q.question.clone(),
                    mean_text: one(q.mean),
                });
            SurveyStage {
                stage,
                title,
                answered: true,
                figures: Some(StageFigures {
                    respondents: s.respondents,
                    over: s.response_rate.is_none() && s.respondents > 0,
                    rate_text: s.response_rate.map(percent_text),
                    mean_text: one(s.mean),
                    judged: s.judged,
                    satisfied: s.satisfied,
                    satisfied_text: s.satisfied_share.map(percent_text),
                    few_satisfied: s.satisfied_share.is_some_and(|p| p < 50.0),
                    distribution: s
                        .distribution
                        .iter()
                        .zip(s.distribution_share)
                        .zip(monitoring::SCORES)
                        .map(|((c, share), score)| ScoreShare {
                            score,
                            answers: *c,
                            share_text: decimal_text(share),
                        })
                        .collect(),
                    questions,
                    weakest,
                }),
            }
        })
        .collect();
    let latest = stages.iter().rev().find(|s| s.answered).cloned();
    let comparison = r.comparison.as_ref().map(|c| {
        use monitoring::Asked;
        let points = |x: String| format!("{x}{}п.{}п.", russian::NBSP, russian::NBSP);
        let common = |c: &monitoring::Common| CommonFigures {
            mean_text: one(c.mean),
            satisfied_text: c.satisfied_share.map(percent_text),
            satisfied: c.satisfied,
            judged: c.judged,
        };
        ComparisonEntry {
            common: c.common,
            first: common(&c.first),
            second: common(&c.second),
            mean_change_text: c.mean_change.map(change_text),
            mean_change_size: c.mean_change.map(change_size),
            mean_rose: c.mean_change.is_some_and(|x| x > 0.0),
            mean_fell: c.mean_change.is_some_and(|x| x < 0.0),
            satisfied_change_text: c.satisfied_change.map(|x| points(change_text(x))),
            satisfied_change_size: c.satisfied_change.map(|x| points(change_size(x))),
            rose: c.satisfied_change.is_some_and(|x| x > 0.0),
            fell: c.satisfied_change.is_some_and(|x| x < 0.0),
            differs: c
                .questions
                .iter()
                .any(|q| matches!(q.asked, Asked::OnlyFirst | Asked::OnlySecond)),
            questions: c
                .questions
                .iter()
                .enumerate()
                .map(|(qi, q)| ComparedQuestion {
                    n: qi + 1,
                    question: q.question.clone(),
                    first_text: one(q.first),
                    second_text: one(q.second),
                    change_text: q.change.map(change_text),
                    only_first: q.asked == Asked::OnlyFirst,
                    only_second: q.asked == Asked::OnlySecond,
                })
                .collect(),
        }
    });
    RoleSurveyEntry {
        role: title,
        role_genitive_one: genitive_one,
        role_genitive: genitive,
        participants: r.participants,
        stages,
        answered: r.stages.iter().any(Option::is_some),
        latest,
        comparison,
    }
}
