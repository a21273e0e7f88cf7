//! The monitoring figures (Р-145, stage 7 of the target model), computed
//! once from the model: the survey per role and monitoring stage, the
//! comparison of the two stages, and the roadmap's execution per stage.
//!
//! The monitoring report prints them and the region's summary reads the
//! satisfaction from them; nothing else averages scores. Definitions:
//! - **participants** of a role are the distinct mentors (mentees) in pairs
//!   and groups the orders fix, as [`super::Figures`] counts them; the
//!   response rate is respondents over participants, and none at all when
//!   anonymous answers outnumber the participants (never over 100 %);
//! - a **respondent is satisfied** when the mean of their own scores is at
//!   least `satisfied_from` (a profile parameter); a respondent who left
//!   every question blank is counted as a respondent but not judged;
//! - a question is **asked** at a stage when at least one respondent of that
//!   stage answered it: a question answered at one stage only is shown as
//!   such, not compared.

use super::Figures;
use crate::model::{Model, SurveyResponse, SurveyRole};
use serde::Serialize;

/// The two monitoring stages of Р-145, as the documents title them.
pub const STAGE_TITLES: [&str; 2] = [
    "оценка качества процесса реализации программы",
    "оценка влияния программы на участников",
];

/// `satisfied_from` when no profile gives it (`rules/params.json` does).
pub const DEFAULT_SATISFIED_FROM: f64 = 8.0;

/// `satisfied_from` of the parameters in force (checked against
/// `schemas/params.schema.json` at load, so only an older profile lacks it).
pub fn satisfied_from(params: &serde_json::Value) -> f64 {
    params
        .get("satisfied_from")
        .and_then(serde_json::Value::as_f64)
        .filter(|x| x.is_finite())
        .unwrap_or(DEFAULT_SATISFIED_FROM)
}

/// The lowest score and the highest: a distribution has one count per score.
pub const SCORES: std::ops::RangeInclusive<u8> = 1..=10;

/// One question at one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionFigures {
    pub question: String,
    /// Scores given (blank cells not counted).
    pub answers: usize,
    /// Mean of the scores; `None` when nobody answered.
    pub mean: Option<f64>,
    /// How many answers gave each score 1–10 (`distribution[0]` is score 1).
    pub distribution: [usize; 10],
}

/// One role at one monitoring stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSurvey {
    /// 1 or 2.
    pub stage: u8,
    pub respondents: usize,
    /// Respondents over participants × 100; `None` without participants.
    pub response_rate: Option<f64>,
    /// Mean of every score given at this stage by this role.
    pub mean: Option<f64>,
    /// Respondents with at least one score: those judged satisfied or not.
    pub judged: usize,
    /// Respondents whose own mean is at least `satisfied_from`.
    pub satisfied: usize,
    /// Satisfied over judged × 100; `None` when nobody was judged.
    pub satisfied_share: Option<f64>,
    /// Every answer of the stage by score, all questions together.
    pub distribution: [usize; 10],
    /// The same as shares of the stage's answers × 100: stages with more
    /// questions or respondents compare with each other only so.
    pub distribution_share: [f64; 10],
    /// Every question of the survey, in sheet order.
    pub questions: Vec<QuestionFigures>,
}

/// How a question stands between the two stages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Asked {
    Both,
    OnlyFirst,
    OnlySecond,
    Neither,
}

/// A question's mean at stage 1 beside stage 2.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionChange {
    pub question: String,
    pub asked: Asked,
    pub first: Option<f64>,
    pub second: Option<f64>,
    /// `second − first`, both rounded to one decimal first, so the change
    /// printed is the difference of the means printed.
    pub change: Option<f64>,
}

/// One stage's figures over the questions asked at both stages only.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Common {
    /// Mean of every score given to those questions.
    pub mean: Option<f64>,
    /// Respondents with a score for at least one of them.
    pub judged: usize,
    /// Respondents whose own mean over those questions is at least
    /// `satisfied_from`.
    pub satisfied: usize,
    pub satisfied_share: Option<f64>,
}

/// Stage 1 beside stage 2 for one role; only when the role answered at both.
/// The stages' totals compare only over the questions asked at both (a
/// question added at stage 2 would otherwise move the «all questions»
/// mean by itself).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Questions asked at both stages.
    pub common: usize,
    /// Stage 1 and stage 2 over those questions.
    pub first: Common,
    pub second: Common,
    /// `second.mean − first.mean`, as printed.
    pub mean_change: Option<f64>,
    /// Change of the satisfied share over those questions, in percentage
    /// points, as printed.
    pub satisfied_change: Option<f64>,
    pub questions: Vec<QuestionChange>,
}

/// One role: its participants, its two stages, their comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSurvey {
    pub role: SurveyRole,
    /// Distinct participants of the role in pairs and groups.
    pub participants: usize,
    /// Stage 1 and stage 2; `None` for a stage without a single answer.
    pub stages: [Option<StageSurvey>; 2],
    pub comparison: Option<Comparison>,
}

/// Roadmap events of one stage of the target model.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoadmapStage {
    /// 1–7.
    pub stage: u8,
    pub events: usize,
    /// Marked done («выполнено», «да», «+»), their time come by the date.
    pub done: usize,
    /// Due by the date and not marked done: marked «нет» or not at all.
    pub not_done: usize,
    /// Starting after the package's date: not yet due, whatever their mark
    /// (a mark on an event still to come is not counted as done).
    pub not_due: usize,
}

/// Every monitoring figure of the programme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Monitoring {
    /// The parameter the satisfaction was judged with.
    pub satisfied_from: f64,
    /// Mentors first, then mentees.
    pub roles: [RoleSurvey; 2],
    /// The seven stages, each listed even without events.
    pub roadmap: Vec<RoadmapStage>,
}

impl Monitoring {
    /// The figures of `model`; `figures` gives the participants per role.
    pub fn of(model: &Model, figures: &Figures, satisfied_from: f64) -> Monitoring {
        let role = |role: SurveyRole, participants: usize| {
            let stages = [1u8, 2].map(|s| stage(model, role, s, participants, satisfied_from));
            let comparison = match &stages {
                [Some(a), Some(b)] => Some(compare(model, role, a, b, satisfied_from)),
                _ => None,
            };
            RoleSurvey {
                role,
                participants,
                stages,
                comparison,
            }
        };
        let roadmap = crate::model::STAGE_NUMBERS
            .map(|n| {
                let events: Vec<_> = model.roadmap.iter().filter(|e| e.stage == n).collect();
                // Each event at the date (crate::calendar::EventState).
                let state =
                    |e: &crate::model::RoadmapEvent| crate::calendar::EventState::at(model, e);
                let done = events.iter().filter(|e| state(e).done(e)).count();
                let late = events.iter().filter(|e| state(e).late(e)).count();
                RoadmapStage {
                    stage: n,
                    events: events.len(),
                    done,
                    not_done: late,
                    not_due: events.len() - done - late,
                }
            })
            .collect();
        Monitoring {
            satisfied_from,
            roles: [
                role(SurveyRole::Mentor, figures.mentors),
                role(SurveyRole::Mentee, figures.mentees),
            ],
            roadmap,
        }
    }

    /// Whether anybody answered at `stage` (1 or 2).
    pub fn has_stage(&self, stage: u8) -> bool {
        self.roles
            .iter()
            .any(|r| r.stages[usize::from(stage.saturating_sub(1)).min(1)].is_some())
    }
}

fn stage(
    model: &Model,
    role: SurveyRole,
    stage: u8,
    participants: usize,
    satisfied_from: f64,
) -> Option<StageSurvey> {
    let rows = responses(model, role, stage);
    if rows.is_empty() {
        return None;
    }
    let questions = model
        .survey
        .questions
        .iter()
        .enumerate()
        .map(|(qi, q)| {
            let mut distribution = [0usize; 10];
            let mut sum = 0u64;
            let mut answers = 0usize;
            for score in rows
                .iter()
                .filter_map(|r| r.scores.get(qi).copied().flatten())
            {
                // The model holds 1–10 only (ingest refuses the rest).
                if let Some(slot) = distribution.get_mut(usize::from(score).wrapping_sub(1)) {
                    *slot += 1;
                    sum += u64::from(score);
                    answers += 1;
                }
            }
            QuestionFigures {
                question: q.clone(),
                answers,
                mean: mean(sum, answers),
                distribution,
            }
        })
        .collect::<Vec<_>>();
    let (judged, satisfied) = satisfaction(&rows, |_| true, satisfied_from);
    let mut distribution = [0usize; 10];
    for q in &questions {
        for (all, c) in distribution.iter_mut().zip(q.distribution) {
            *all += c;
        }
    }
    let all: usize = distribution.iter().sum();
    let distribution_share = distribution.map(|c| share(c, all).unwrap_or(0.0));
    Some(StageSurvey {
        stage,
        respondents: rows.len(),
        // More answers than participants (anonymous answers of people no
        // order fixes): no rate is given rather than one over 100 %.
        response_rate: (rows.len() <= participants)
            .then(|| share(rows.len(), participants))
            .flatten(),
        mean: mean_of(questions.iter()),
        judged,
        satisfied,
        satisfied_share: share(satisfied, judged),
        distribution,
        distribution_share,
        questions,
    })
}

/// The responses of a role at a monitoring stage.
fn responses(model: &Model, role: SurveyRole, stage: u8) -> Vec<&SurveyResponse> {
    model
        .survey
        .responses
        .iter()
        .filter(|r| r.role == role && r.phase == stage)
        .collect()
}

/// Respondents judged and satisfied, each by the mean of their own scores
/// to the questions `asked` keeps (by index).
fn satisfaction(
    rows: &[&SurveyResponse],
    asked: impl Fn(usize) -> bool,
    satisfied_from: f64,
) -> (usize, usize) {
    let (mut judged, mut satisfied) = (0, 0);
    for r in rows {
        let own: Vec<u8> = r
            .scores
            .iter()
            .enumerate()
            .filter(|(qi, _)| asked(*qi))
            .filter_map(|(_, s)| *s)
            .filter(|s| SCORES.contains(s))
            .collect();
        if let Some(m) = mean(own.iter().map(|s| u64::from(*s)).sum(), own.len()) {
            judged += 1;
            if m >= satisfied_from {
                satisfied += 1;
            }
        }
    }
    (judged, satisfied)
}

/// The mean of every score given to `questions`.
fn mean_of<'a>(questions: impl Iterator<Item = &'a QuestionFigures>) -> Option<f64> {
    let (sum, n) = questions.fold((0u64, 0usize), |(s, n), q| {
        let qs: u64 = q
            .distribution
            .iter()
            .zip(SCORES)
            .map(|(c, score)| *c as u64 * u64::from(score))
            .sum();
        (s + qs, n + q.answers)
    });
    mean(sum, n)
}

fn compare(
    model: &Model,
    role: SurveyRole,
    first: &StageSurvey,
    second: &StageSurvey,
    satisfied_from: f64,
) -> Comparison {
    let questions: Vec<QuestionChange> = first
        .questions
        .iter()
        .zip(&second.questions)
        .map(|(a, b)| QuestionChange {
            question: a.question.clone(),
            asked: match (a.mean.is_some(), b.mean.is_some()) {
                (true, true) => Asked::Both,
                (true, false) => Asked::OnlyFirst,
                (false, true) => Asked::OnlySecond,
                (false, false) => Asked::Neither,
            },
            first: a.mean,
            second: b.mean,
            change: change(a.mean, b.mean),
        })
        .collect();
    let both: Vec<bool> = questions.iter().map(|q| q.asked == Asked::Both).collect();
    let asked = |qi: usize| both.get(qi).copied().unwrap_or(false);
    let common = |s: &StageSurvey| {
        let rows = responses(model, role, s.stage);
        let (judged, satisfied) = satisfaction(&rows, asked, satisfied_from);
        Common {
            mean: mean_of(
                s.questions
                    .iter()
                    .enumerate()
                    .filter(|(qi, _)| asked(*qi))
                    .map(|(_, q)| q),
            ),
            judged,
            satisfied,
            satisfied_share: share(satisfied, judged),
        }
    };
    let (first, second) = (common(first), common(second));
    Comparison {
        common: both.iter().filter(|b| **b).count(),
        mean_change: change(first.mean, second.mean),
        satisfied_change: change(first.satisfied_share, second.satisfied_share),
        first,
        second,
        questions,
    }
}

fn mean(sum: u64, n: usize) -> Option<f64> {
    (n > 0).then(|| sum as f64 / n as f64)
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// The change between two values as printed with one decimal.
fn change(first: Option<f64>, second: Option<f64>) -> Option<f64> {
    let round = |x: f64| (x * 10.0).round() / 10.0;
    Some(round(round(second?) - round(first?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RoadmapEvent;

    fn response(role: SurveyRole, phase: u8, scores: &[Option<u8>]) -> SurveyResponse {
        SurveyResponse {
            respondent: None,
            role,
            phase,
            scores: scores.to_vec(),
            source: Default::default(),
        }
    }

    /// A table small enough to compute by hand: three questions, mentors
    /// at both stages, mentees at stage 1 only; question 3 asked at
    /// stage 2 only.
    fn model() -> Model {
        use SurveyRole::*;
        let mut m = crate::example::model();
        m.survey.questions = vec!["В1".into(), "В2".into(), "В3".into()];
        m.survey.responses = vec![
            response(Mentor, 1, &[Some(10), Some(8), None]),
            response(Mentor, 1, &[Some(6), Some(7), None]),
            response(Mentor, 1, &[Some(9), None, None]),
            response(Mentor, 2, &[Some(9), Some(9), Some(7)]),
            response(Mentor, 2, &[Some(7), Some(8), Some(10)]),
            response(Mentee, 1, &[Some(5), Some(5), None]),
            response(Mentee, 1, &[None, None, None]),
        ];
        let event = |stage, done| RoadmapEvent {
            stage,
            title: "Мероприятие".into(),
            responsible: "Куратор".into(),
            deadline: "сентябрь".into(),
            deadline_date: None,
            result: None,
            done_mark: None,
            done,
            source: Default::default(),
        };
        m.roadmap = vec![
            event(1, Some(true)),
            event(1, Some(false)),
            event(3, None),
            event(3, Some(true)),
            event(3, Some(true)),
        ];
        m
    }

    #[test]
    fn figures_match_a_table_counted_by_hand() {
        let model = model();
        let figures = Figures::of(&model);
        let m = Monitoring::of(&model, &figures, 8.0);
        let [mentors, mentees] = &m.roles;
        assert_eq!(mentors.participants, figures.mentors);
        let s1 = mentors.stages[0].as_ref().expect("stage 1");
        assert_eq!(s1.respondents, 3);
        assert_eq!(
            s1.response_rate,
            Some(300.0 / figures.mentors as f64),
            "respondents over the mentors in pairs"
        );
        // Q1: 10, 6, 9 → 25 / 3; Q2: 8, 7 → 7,5; Q3 unanswered.
        assert_eq!(s1.questions[0].answers, 3);
        assert_eq!(s1.questions[0].mean, Some(25.0 / 3.0));
        assert_eq!(s1.questions[0].distribution, [0, 0, 0, 0, 0, 1, 0, 0, 1, 1]);
        assert_eq!(s1.questions[1].mean, Some(7.5));
        assert_eq!(s1.questions[2].mean, None);
        assert_eq!(s1.questions[2].distribution, [0; 10]);
        // All scores: 10 + 8 + 6 + 7 + 9 = 40 over 5.
        assert_eq!(s1.mean, Some(8.0));
        assert_eq!(s1.distribution, [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
        // Own means 9; 6,5; 9 → two of three satisfied from 8.
        assert_eq!((s1.judged, s1.satisfied), (3, 2));
        assert_eq!(s1.satisfied_share, Some(200.0 / 3.0));

        let s2 = mentors.stages[1].as_ref().expect("stage 2");
        // Own means 8,33 and 8,33: both satisfied; all scores 50 / 6.
        assert_eq!((s2.judged, s2.satisfied), (2, 2));
        assert_eq!(s2.mean, Some(50.0 / 6.0));
        // Shares of the stage's five answers: one each from 6 to 10.
        assert_eq!(
            s1.distribution_share,
            [0.0, 0.0, 0.0, 0.0, 0.0, 20.0, 20.0, 20.0, 20.0, 20.0]
        );
        let c = mentors.comparison.as_ref().expect("both stages");
        // Q3 was asked at stage 2 only: the stages compare over Q1 and Q2.
        assert_eq!(c.common, 2);
        assert_eq!(c.first.mean, Some(8.0));
        // Stage 2 over Q1 and Q2: 9 + 7 + 9 + 8 = 33 over 4 (not 50 / 6).
        assert_eq!(c.second.mean, Some(8.25));
        // 8,3 − 8,0 as printed.
        assert_eq!(c.mean_change, Some(0.3));
        // Own means over Q1 and Q2: 9 and 7,5 → one of two satisfied (over
        // all three questions both were), against two of three at stage 1.
        assert_eq!((c.second.judged, c.second.satisfied), (2, 1));
        assert_eq!((c.first.judged, c.first.satisfied), (3, 2));
        // 50 − 66,7.
        assert_eq!(c.satisfied_change, Some(-16.7));
        assert_eq!(c.questions[0].asked, Asked::Both);
        // Q1: 8,3 → 8,0.
        assert_eq!(c.questions[0].change, Some(-0.3));
        assert_eq!(c.questions[2].asked, Asked::OnlySecond);
        assert_eq!(c.questions[2].change, None);

        // Mentees: one blank respondent is counted but not judged.
        let e1 = mentees.stages[0].as_ref().expect("mentees' stage 1");
        assert_eq!((e1.respondents, e1.judged, e1.satisfied), (2, 1, 0));
        assert_eq!(e1.satisfied_share, Some(0.0));
        assert!(mentees.stages[1].is_none());
        assert!(mentees.comparison.is_none());
        assert!(m.has_stage(1) && m.has_stage(2));

        assert_eq!(m.roadmap.len(), 7);
        assert_eq!((m.roadmap[0].done, m.roadmap[0].not_done), (1, 1));
        assert_eq!((m.roadmap[1].events, m.roadmap[1].done), (0, 0));
        assert_eq!((m.roadmap[2].done, m.roadmap[2].not_done), (2, 1));
    }

    #[test]
    fn the_threshold_is_the_parameter() {
        let model = model();
        let figures = Figures::of(&model);
        let strict = Monitoring::of(&model, &figures, 9.0);
        let s1 = strict.roles[0].stages[0].as_ref().expect("stage 1");
        // Own means 9; 6,5; 9: still two from 9, none from 9,5.
        assert_eq!(s1.satisfied, 2);
        let stricter = Monitoring::of(&model, &figures, 9.5);
        assert_eq!(
            stricter.roles[0].stages[0].as_ref().map(|s| s.satisfied),
            Some(0)
        );
    }

    #[test]
    fn no_answers_no_stages() {
        let mut model = model();
        model.survey.responses.clear();
        let m = Monitoring::of(&model, &Figures::of(&model), 8.0);
        assert!(!m.has_stage(1) && !m.has_stage(2));
        assert!(m.roles.iter().all(|r| r.stages.iter().all(Option::is_none)));
    }
}
