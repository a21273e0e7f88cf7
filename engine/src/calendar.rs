//! The programme's calendar, computed once: the package's date and, for each
//! of the 7 stages, when its work runs. Every statement of the package is
//! judged at that date (domain.md, «Time and what is in force»): a stage is
//! «завершён» only when its work is done and its time has come, a rule
//! whose subject lies after the date says «срок не наступил».
//!
//! A stage's period is read from the roadmap's deadlines as typed
//! ([`read_deadline`]: «сентябрь 2025» is the whole month, «в течение
//! учебного года» runs to the programme's end). Stage 6 runs as long as the
//! pairs work (their last end, else the programme's end); stage 7 lasts at
//! least to the final event.

use crate::model::{Model, RoadmapEvent};
use crate::russian;
use chrono::NaiveDate;
use serde::Serialize;

/// The number of stages of the target model (Р-145).
pub const STAGES: u8 = 7;

/// What an event's deadline, as typed in the roadmap, says about when it
/// happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// From `from` (unknown for «до …») to `to`.
    Dated {
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    /// Throughout the rest of the programme («ежемесячно», «в течение …»).
    Throughout,
    /// A text the table cannot date («по мере необходимости»).
    Undated,
}

/// The first and last day of the month «сентябрь 2025» (month names from
/// [`russian::month_nominative`]); `year` when the text lacks one.
fn month_span(text: &str, year: Option<i32>) -> Option<(NaiveDate, NaiveDate, i32)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (month, year) = match words.as_slice() {
        [m] => (*m, year?),
        [m, y] | [m, y, "г." | "г" | "года" | "год"] => {
            (*m, y.trim_end_matches("г.").parse().ok()?)
        }
        _ => return None,
    };
    let month = month.to_lowercase();
    let m = (1..=12).find(|&i| russian::month_nominative(i) == month)?;
    let first = NaiveDate::from_ymd_opt(year, m, 1)?;
    let last = if m == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year, m + 1, 1)
    }?
    .pred_opt()?;
    Some((first, last, year))
}

/// Reads a deadline as people type it in the roadmap.
pub fn read_deadline(text: &str) -> Deadline {
    let t = text.trim();
    let lower = t.to_lowercase();
    if lower.starts_with("в течение") || lower.starts_with("ежемесячно") || lower == "постоянно"
    {
        return Deadline::Throughout;
    }
    if let Some(d) = russian::parse_date(t) {
        return Deadline::Dated {
            from: Some(d),
            to: d,
        };
    }
    if let Some(d) = lower.strip_prefix("до ").and_then(russian::parse_date) {
        return Deadline::Dated { from: None, to: d };
    }
    if let Some((first, last, _)) = month_span(t, None) {
        return Deadline::Dated {
            from: Some(first),
            to: last,
        };
    }
    let range: Vec<&str> = t.split(['–', '—']).map(str::trim).collect();
    if let [a, b] = range.as_slice() {
        if let (Some(a), Some(b)) = (russian::parse_date(a), russian::parse_date(b)) {
            return Deadline::Dated {
                from: Some(a),
                to: b,
            };
        }
        if let Some((_, last, year)) = month_span(b, None) {
            if let Some((first, _, _)) = month_span(a, Some(year)) {
                return Deadline::Dated {
                    from: Some(first),
                    to: last,
                };
            }
        }
    }
    Deadline::Undated
}

/// The last day an event is due: its deadline's end, the programme's end
/// for «в течение …»; `None` for a text the table cannot date.
pub fn due_by(e: &RoadmapEvent, programme_end: NaiveDate) -> Option<NaiveDate> {
    if let Some(d) = e.deadline_date {
        return Some(d);
    }
    match read_deadline(&e.deadline) {
        Deadline::Dated { to, .. } => Some(to),
        Deadline::Throughout => Some(programme_end),
        Deadline::Undated => None,
    }
}

/// A stage's first and last day by its events' deadlines: `None` for the
/// first when every dated event is «до …».
pub fn stage_period<'a>(
    deadlines: impl Iterator<Item = &'a str>,
    programme_end: NaiveDate,
) -> (Option<NaiveDate>, Option<NaiveDate>) {
    let (mut from, mut to): (Option<NaiveDate>, Option<NaiveDate>) = (None, None);
    let mut throughout = false;
    for d in deadlines.map(read_deadline) {
        match d {
            Deadline::Dated { from: f, to: t } => {
                from = match (from, f) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                to = to.max(Some(t));
            }
            Deadline::Throughout => throughout = true,
            Deadline::Undated => {}
        }
    }
    if throughout && to.is_some() {
        to = to.max(Some(programme_end));
    }
    (from, to)
}

/// When one stage's work runs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StagePeriod {
    pub stage: u8,
    /// The roadmap's period of the stage (its events' deadlines), as the
    /// programme document prints it.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// The day the stage's work ends: `to`, and for stage 6 the pairs'
    /// last day (they work work_end then), for stage 7 the final event.
    pub work_end: Option<NaiveDate>,
    /// Events of the stage due by the date and not marked done.
    pub overdue_events: usize,
}

/// The package's date and the stages' periods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Calendar {
    /// The date every statement is judged at (`--date`, `/report_date`,
    /// else the day of the run); `None` only for a model built without one.
    pub date: Option<NaiveDate>,
    pub stages: Vec<StagePeriod>,
    /// The day each monitoring stage's survey opens (`[0]` stage 1,
    /// `[1]` stage 2): the roadmap's survey event of stage 6 (7), else
    /// the stage's period. Answers typed for a survey that opens after the
    /// date are not reported as held.
    pub survey_opens: Vec<Option<NaiveDate>>,
    /// Each roadmap event at the date, in the model's order
    /// ([`EventState`]): the one place deciding whether an event is due, for
    /// the rules (`figures.calendar.events`), the stages' status and the
    /// monitoring report.
    pub events: Vec<EventState>,
}

/// A roadmap event at the package's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventState {
    /// It begins after the date: not due, whatever its mark.
    NotBegun,
    /// Begun, its deadline not passed: done if marked, else not yet due.
    Running,
    /// Its deadline passed (or no date to judge by): done or not done.
    Due,
}

impl EventState {
    /// `e` at `date` in a programme running from `start` to `end`.
    fn of(e: &RoadmapEvent, start: NaiveDate, end: NaiveDate, date: Option<NaiveDate>) -> Self {
        let Some(date) = date else {
            return EventState::Due;
        };
        if begins(e, start).is_some_and(|from| from > date) {
            EventState::NotBegun
        } else if due_by(e, end).is_some_and(|due| due >= date) {
            EventState::Running
        } else {
            EventState::Due
        }
    }

    /// `e` in `model` at its package's date: the one call everything
    /// uses. The pairs' work (stages 6–7) «в течение года» or «ежемесячно»
    /// begins with the first pair, not with the programme: meetings of
    /// pairs not yet fixed are not running, whatever the mark says.
    pub fn at(model: &Model, e: &RoadmapEvent) -> Self {
        let start = model.programme.start;
        let first = if e.stage >= 6 && starts(e).is_none() {
            model
                .pairs
                .iter()
                .map(|p| p.start)
                .min()
                .map_or(start, |pairs| pairs.max(start))
        } else {
            start
        };
        EventState::of(e, first, model.programme.end, model.report_date)
    }

    /// Counted as done: marked done and its period over. A mark on an
    /// event still in its period («октябрь 2025» on 1 October, «в течение
    /// года» in February) is not stated as done: the package's date cannot
    /// confirm it, and a document dated then would state what the tables
    /// were filled in later to say. It counts once its period ends.
    pub fn done(self, e: &RoadmapEvent) -> bool {
        e.done == Some(true) && self == EventState::Due
    }

    /// Due and not marked done: what is late.
    pub fn late(self, e: &RoadmapEvent) -> bool {
        e.done != Some(true) && self == EventState::Due
    }
}

/// Whether a roadmap event is a survey of the participants (the
/// monitoring's questionnaires), by its title.
fn is_survey(e: &RoadmapEvent) -> bool {
    let t = e.title.to_lowercase();
    ["анкет", "мониторинг", "опрос"]
        .iter()
        .any(|w| t.contains(w))
}

/// The first day of an event's deadline (its only day, or its month's first).
/// The first day of an event: its deadline's first day; for «в течение
/// года», «ежемесячно» the programme's start (`programme_start`).
pub fn begins(e: &RoadmapEvent, programme_start: NaiveDate) -> Option<NaiveDate> {
    match starts(e) {
        Some(d) => Some(d),
        None => (read_deadline(&e.deadline) == Deadline::Throughout).then_some(programme_start),
    }
}

pub fn starts(e: &RoadmapEvent) -> Option<NaiveDate> {
    if let Some(d) = e.deadline_date {
        return Some(d);
    }
    match read_deadline(&e.deadline) {
        Deadline::Dated { from, to } => Some(from.unwrap_or(to)),
        Deadline::Throughout | Deadline::Undated => None,
    }
}

impl Calendar {
    pub fn of(model: &Model) -> Calendar {
        let end = model.programme.end;
        let stages: Vec<StagePeriod> = (1..=STAGES)
            .map(|stage| {
                let events: Vec<&RoadmapEvent> =
                    model.roadmap.iter().filter(|e| e.stage == stage).collect();
                let (from, to) = stage_period(events.iter().map(|e| e.deadline.as_str()), end);
                let work_end = match stage {
                    6 => {
                        let pairs_end = model.pairs.iter().map(|p| p.end.unwrap_or(end)).max();
                        to.max(pairs_end)
                    }
                    7 => to.max(model.final_event.as_ref().and_then(|f| f.date)),
                    _ => to,
                };
                let overdue_events = match model.report_date {
                    Some(_) => events
                        .iter()
                        .filter(|e| EventState::at(model, e).late(e))
                        .count(),
                    None => 0,
                };
                StagePeriod {
                    stage,
                    from,
                    to,
                    work_end,
                    overdue_events,
                }
            })
            .collect();
        let survey_opens = [6u8, 7]
            .iter()
            .map(|&stage| {
                let own = model
                    .roadmap
                    .iter()
                    .filter(|e| e.stage == stage && is_survey(e))
                    .filter_map(starts)
                    .min();
                own.or_else(|| stages.get(usize::from(stage) - 1).and_then(|s| s.from))
            })
            .collect();
        Calendar {
            date: model.report_date,
            stages,
            survey_opens,
            events: model
                .roadmap
                .iter()
                .map(|e| EventState::at(model, e))
                .collect(),
        }
    }

    /// The day monitoring stage `phase` (1 or 2) opens: its answers
    /// belong to the roadmap's stage 6 (process quality, Р-145) or stage 7
    /// (influence on the participants). `None` when the roadmap does not
    /// date that stage.
    pub fn survey_opens(&self, phase: u8) -> Option<NaiveDate> {
        let i = if phase <= 1 { 0 } else { 1 };
        self.survey_opens.get(i).copied().flatten()
    }

    /// Whether answers of monitoring stage `phase` can exist at the
    /// package's date: a survey after the date is not reported as held.
    pub fn survey_open(&self, phase: u8) -> bool {
        match (self.date, self.survey_opens(phase)) {
            (Some(d), Some(from)) => d >= from,
            _ => true,
        }
    }

    /// The period of stage `n` (1–7).
    pub fn stage(&self, n: u8) -> Option<&StagePeriod> {
        self.stages.get(usize::from(n).wrapping_sub(1))
    }
}

/// A stage at the package's date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StageStatus {
    /// Its period has not begun.
    NotStarted,
    /// Its work still runs (its period, for stage 6 the pairs' terms).
    Running,
    /// Its work is done: no error, nothing unchecked, nothing due undone.
    Complete,
    /// Its period is over and something is missing.
    Overdue,
    /// Not complete, with no date to say more (a model without a date).
    Incomplete,
}

impl StageStatus {
    pub fn russian(self) -> &'static str {
        match self {
            StageStatus::NotStarted => "не начат",
            StageStatus::Running => "идёт",
            StageStatus::Complete => "завершён",
            StageStatus::Overdue => "просрочен",
            StageStatus::Incomplete => "не завершён",
        }
    }

    /// What is left to make the stage complete, judged at `date`:
    /// `blocked` is whether an error, an unchecked error rule or a rule
    /// not yet due keeps it open.
    pub fn at(period: Option<&StagePeriod>, date: Option<NaiveDate>, blocked: bool) -> Self {
        let Some(date) = date else {
            return if blocked {
                StageStatus::Incomplete
            } else {
                StageStatus::Complete
            };
        };
        let Some(p) = period else {
            return if blocked {
                StageStatus::Incomplete
            } else {
                StageStatus::Complete
            };
        };
        if p.from.is_some_and(|f| date < f) {
            return StageStatus::NotStarted;
        }
        if p.work_end.is_some_and(|u| date <= u) {
            return StageStatus::Running;
        }
        if blocked || p.overdue_events > 0 {
            return if p.work_end.is_some() {
                StageStatus::Overdue
            } else {
                StageStatus::Incomplete
            };
        }
        StageStatus::Complete
    }
}

/// `model` with only the orders issued and the councils held by its date:
/// an order programme.json registers with a later date does not exist yet
/// at the package's date, so no document cites it and no rule counts it as
/// issued (it is printed with blanks, as an unregistered one); it moves to
/// `orders_after_date`, where rule stage1.orders-after-date reports it. A
/// council's protocol dated later moves to `protocols_after_date` alike
/// (the protocol and the documents it adopts print blanks for it).
/// Borrowed when nothing is later.
pub fn issued_by(model: &Model) -> std::borrow::Cow<'_, Model> {
    let Some(date) = model.report_date else {
        return std::borrow::Cow::Borrowed(model);
    };
    let council_later = model.council.as_ref().is_some_and(|c| c.date > date);
    let pupils_later = model.pupils_council.as_ref().is_some_and(|c| c.date > date);
    let parents_later = model
        .parents_council
        .as_ref()
        .is_some_and(|c| c.date > date);
    if model.orders.values().all(|o| o.date <= date)
        && !council_later
        && !pupils_later
        && !parents_later
    {
        return std::borrow::Cow::Borrowed(model);
    }
    let mut m = model.clone();
    let (issued, later) = std::mem::take(&mut m.orders)
        .into_iter()
        .partition(|(_, o)| o.date <= date);
    m.orders = issued;
    m.orders_after_date.extend(later);
    if council_later {
        if let Some(c) = m.council.take() {
            m.protocols_after_date.insert(
                "council".into(),
                crate::model::Protocol {
                    number: c.number,
                    date: c.date,
                },
            );
        }
    }
    if pupils_later {
        if let Some(p) = m.pupils_council.take() {
            m.protocols_after_date.insert("pupils_council".into(), p);
        }
    }
    if parents_later {
        if let Some(p) = m.parents_council.take() {
            m.protocols_after_date.insert("parents_council".into(), p);
        }
    }
    std::borrow::Cow::Owned(m)
}

/// What the programme's term is, for the texts that name the year
/// reported on or planned next: «по итогам учебного года», «на следующий
/// учебный год» only when the term is a school year; a programme run by
/// calendar year (01.01–31.12) or over any other period is named as it
/// runs. The one place this is decided; the context prints
/// `programme.term.gen` / `programme.term.acc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Term {
    /// From August or September to May–August: «учебный год».
    SchoolYear,
    /// From 1 January to 31 December: «календарный год».
    CalendarYear,
    /// Any other period: «период реализации программы».
    Other,
}

impl Term {
    pub fn of(start: NaiveDate, end: NaiveDate) -> Term {
        use chrono::Datelike;
        if (start.month(), start.day()) == (1, 1) && (end.month(), end.day()) == (12, 31) {
            Term::CalendarYear
        } else if matches!(start.month(), 8 | 9)
            && matches!(end.month(), 5..=8)
            && end.year() > start.year()
        {
            Term::SchoolYear
        } else {
            Term::Other
        }
    }

    /// The genitive: «по итогам учебного года».
    pub fn genitive(self) -> &'static str {
        match self {
            Term::SchoolYear => "учебного года",
            Term::CalendarYear => "календарного года",
            Term::Other => "периода реализации программы",
        }
    }

    /// The accusative (all masculine): «на следующий учебный год».
    pub fn accusative(self) -> &'static str {
        match self {
            Term::SchoolYear => "учебный год",
            Term::CalendarYear => "календарный год",
            Term::Other => "период реализации программы",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn deadlines_read_as_typed() {
        assert_eq!(
            read_deadline("сентябрь 2025"),
            Deadline::Dated {
                from: Some(d(2025, 9, 1)),
                to: d(2025, 9, 30)
            }
        );
        assert_eq!(
            read_deadline("октябрь – ноябрь 2026"),
            Deadline::Dated {
                from: Some(d(2026, 10, 1)),
                to: d(2026, 11, 30)
            }
        );
        assert_eq!(
            read_deadline("в течение учебного года"),
            Deadline::Throughout
        );
        assert_eq!(
            read_deadline("до 15.10.2025"),
            Deadline::Dated {
                from: None,
                to: d(2025, 10, 15)
            }
        );
        assert_eq!(read_deadline("по мере необходимости"), Deadline::Undated);
    }

    #[test]
    fn a_stage_is_complete_only_when_its_time_has_come() {
        let p = StagePeriod {
            stage: 6,
            from: Some(d(2026, 1, 1)),
            to: Some(d(2026, 2, 28)),
            work_end: Some(d(2026, 6, 20)),
            overdue_events: 0,
        };
        let at = |date, blocked| StageStatus::at(Some(&p), Some(date), blocked);
        assert_eq!(at(d(2025, 12, 20), false), StageStatus::NotStarted);
        // Events done by February, pairs still at work in March.
        assert_eq!(at(d(2026, 3, 1), false), StageStatus::Running);
        assert_eq!(at(d(2026, 6, 21), false), StageStatus::Complete);
        assert_eq!(at(d(2026, 6, 21), true), StageStatus::Overdue);
        let late = StagePeriod {
            overdue_events: 1,
            ..p.clone()
        };
        assert_eq!(
            StageStatus::at(Some(&late), Some(d(2026, 7, 1)), false),
            StageStatus::Overdue
        );
        assert_eq!(
            StageStatus::at(Some(&p), None, true),
            StageStatus::Incomplete
        );
    }

    #[test]
    fn stage_periods_read_the_roadmap_deadlines() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let end = d(2026, 6, 30);
        let period = |ds: &[&str]| stage_period(ds.iter().copied(), end);
        assert_eq!(
            period(&["сентябрь 2025", "до 20.09.2025", "30.09.2025"]),
            (Some(d(2025, 9, 1)), Some(d(2025, 9, 30)))
        );
        assert_eq!(
            period(&["сентябрь – октябрь 2025", "до 25.09.2025"]),
            (Some(d(2025, 9, 1)), Some(d(2025, 10, 31)))
        );
        assert_eq!(
            period(&["02.10.2025 – 08.10.2025", "до 01.10.2025", "26.09.2025"]),
            (Some(d(2025, 9, 26)), Some(d(2025, 10, 8)))
        );
        // «в течение учебного года» runs to the programme's end.
        assert_eq!(
            period(&["31.10.2025", "в течение учебного года", "20.12.2025"]),
            (Some(d(2025, 10, 31)), Some(end))
        );
        assert_eq!(period(&["до 05.09.2025"]), (None, Some(d(2025, 9, 5))));
        assert_eq!(period(&["по мере необходимости"]), (None, None));
        assert_eq!(
            period(&["декабрь 2025"]),
            (Some(d(2025, 12, 1)), Some(d(2025, 12, 31)))
        );
    }

    #[test]
    fn a_term_is_a_school_year_only_from_autumn_to_summer() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).expect("date");
        assert_eq!(Term::of(d(2025, 9, 1), d(2026, 5, 31)), Term::SchoolYear);
        assert_eq!(Term::of(d(2025, 8, 25), d(2026, 8, 31)), Term::SchoolYear);
        assert_eq!(Term::of(d(2026, 1, 1), d(2026, 12, 31)), Term::CalendarYear);
        assert_eq!(Term::of(d(2026, 3, 1), d(2027, 2, 28)), Term::Other);
        assert_eq!(Term::of(d(2025, 9, 1), d(2025, 12, 31)), Term::Other);
        assert_eq!(Term::CalendarYear.genitive(), "календарного года");
        assert_eq!(Term::Other.accusative(), "период реализации программы");
    }
}
