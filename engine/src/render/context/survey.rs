//! The roadmap and the monitoring: survey figures as stated, coverage, results.

use super::*;

/// The roadmap grouped by the 7 stages (every stage present, maybe empty).
pub(super) fn roadmap(model: &Model) -> Value {
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
pub(super) fn results(src: &Sources) -> Value {
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
        "pupils_not_included": value(not_included(src, &tables.learners, &shown.learners)),
        "teachers_not_included": value(not_included(src, &tables.teachers, &shown.teachers)),
        "pairs": stated.pairs,
        "groups": stated.groups,
        "by_form": by_form,
        // Results stated before the programme's end are as of the date.
        "period_open": src.full.report_date.is_some_and(|d| d >= src.full.programme.start && d < src.full.programme.end),
        "as_of": opt_date(src.full.report_date),
    })
}

pub(super) fn coverage(c: &Coverage, target: f64) -> Value {
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
pub(super) fn monitoring(src: &Sources, model: &Model, params: &Value) -> Value {
    // Pairs and groups as the pairs order fixed them (the order on results
    // states the same); people and shares from the tables, as the check.
    let figures = src.stated;
    let target = crate::figures::coverage_target(params);
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
                .filter(|e| e.stage == r.stage && crate::calendar::EventState::at(model, e).late(e))
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
pub(super) fn role_survey(r: &monitoring::RoleSurvey, satisfied_from: f64) -> Value {
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
