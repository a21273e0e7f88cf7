//! Individual plans and additional agreements: months of work, activities, pay.

use super::*;

/// Longest meeting schedule printed in a plan, in months.
pub(super) const MAX_SCHEDULE_MONTHS: usize = 36;

/// Month names from `start` to `end`: «сентябрь 2025», …
pub(super) fn months(start: NaiveDate, end: NaiveDate) -> Vec<(String, NaiveDate)> {
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
pub(super) fn plan_group(model: &Model, g: &Group, people: &People, kind: &Value) -> Value {
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
    let track = crate::render::plan_activities::track(g.form, g.role_model.as_deref());
    let one_woman =
        !g.is_group() && g.mentees.first().and_then(|n| female(model, n).as_bool()) == Some(true);
    let mentee = if g.is_group() {
        crate::render::plan_activities::Mentee {
            gen: "наставляемых",
            ins: "наставляемыми",
            poss: "их",
            kind,
        }
    } else if one_woman {
        crate::render::plan_activities::Mentee {
            gen: "наставляемой",
            ins: "наставляемой",
            poss: "её",
            kind,
        }
    } else {
        crate::render::plan_activities::Mentee {
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
    let asked: Vec<&str> = requests.iter().filter_map(Value::as_str).collect();
    let (partner, venue) =
        super::partners::of_group(model, people.mentors.get(g.mentor.as_str()).copied(), track);
    let activities = crate::render::plan_activities::activities(
        track,
        g.is_group(),
        mentee,
        &asked,
        super::partners::venue(&partner, &venue),
        &month_refs,
        final_event,
    );
    let mentor_minor = people
        .mentors
        .get(g.mentor.as_str())
        .is_some_and(|m| m.category == MentorCategory::Pupil);
    if let Value::Object(map) = &mut v {
        map.insert("track".into(), Value::from(track));
        map.insert("partner".into(), partner);
        map.insert("venue".into(), venue);
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
pub(super) fn agreement_mentor(
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

/// What the extra pay is a share of: teaching staff with a teaching load
/// are paid by «ставка заработной платы», other staff by «должностной
/// оклад» (domain.md, «More facts»). Genitive, as the agreement prints it.
pub(super) fn pay_base(position: Option<&str>) -> &'static str {
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
