//! Individual plans and additional agreements: months of work, activities, pay.

use super::*;
use serde::Serialize;

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

/// The group of a plan (`group`): the group as the orders print it, with
/// the plan's schedule, activities and wording.
#[derive(Debug, Clone, Serialize)]
pub struct PlanGroup {
    #[serde(flatten)]
    pub group: GroupEntry,
    /// The plan's line of work ([`crate::render::plan_activities::track`]).
    pub track: &'static str,
    /// The mentor's partner as of the package's date ([`super::partners::of_group`]).
    pub partner: Option<super::partners::PartnerStatement>,
    /// Where the profession track's work happens: `"enterprise"`,
    /// `"organisation"`; `null` for the other tracks.
    pub venue: Option<&'static str>,
    /// The plan's work month by month
    /// ([`crate::render::plan_activities::activities`]).
    pub activities: Vec<Value>,
    /// The mentor is a pupil.
    pub mentor_minor: bool,
    /// The one mentee's request; `null` for a group: one child's request is
    /// not shown to the other children's parents.
    pub request: Option<String>,
    /// The meetings by month.
    pub schedule: Vec<ScheduleMonth>,
    /// A mentee is a minor.
    pub minors: bool,
    /// Every mentee's request as typed.
    pub requests: Vec<String>,
    /// «наставляемого» / «наставляемой» / «наставляемых»: a group's plan
    /// speaks of all its mentees (genitive).
    pub mentee_gen: &'static str,
    /// The same, instrumental.
    pub mentee_ins: &'static str,
    /// The form «учитель – учитель».
    pub teacher: bool,
    /// A form with an employer.
    pub employer: bool,
    /// A form of peers: «ученик – ученик», «студент – ученик», «студент – студент».
    pub peer: bool,
}

/// A month of a plan's schedule (`group.schedule[]`).
#[derive(Debug, Clone, Serialize)]
pub struct ScheduleMonth {
    /// «сентябрь 2025».
    pub month: String,
    /// The introduction.
    pub first: bool,
    /// The summing up (never the only month).
    pub last: bool,
    /// The months between cycle through topics 1–4 of the template.
    pub topic: usize,
}

/// The group of a plan, with mentor and mentee details and the schedule of
/// meetings by month: the first month is the introduction, the last the
/// summing up, the months between cycle through topics 1–4 of the template.
pub(super) fn plan_group(model: &Model, g: &Group, people: &People, kind: &Value) -> PlanGroup {
    let group = group_value(model, g, people);
    let end = group.end;
    let list = months(g.start, end);
    let total = list.len();
    let schedule: Vec<ScheduleMonth> = list
        .into_iter()
        .enumerate()
        .map(|(i, (month, _))| ScheduleMonth {
            month,
            first: i == 0,
            last: i + 1 == total && total > 1,
            topic: (i.saturating_sub(1) % 4) + 1,
        })
        .collect();
    let minors = g.mentees.iter().any(|n| people.mentee_minor(n));
    let requests: Vec<String> = g
        .mentees
        .iter()
        .filter_map(|n| people.mentees.get(n.as_str()))
        .filter_map(|m| m.request.as_deref())
        .filter(|r| !r.trim().is_empty())
        .map(|r| r.trim().to_owned())
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
    let one_woman = !g.is_group()
        && g.mentees
            .first()
            .is_some_and(|n| female(model, n) == Some(true));
    let (gen, ins, poss) = if g.is_group() {
        ("наставляемых", "наставляемыми", "их")
    } else if one_woman {
        ("наставляемой", "наставляемой", "её")
    } else {
        ("наставляемого", "наставляемым", "его")
    };
    let mentee = crate::render::plan_activities::Mentee {
        gen,
        ins,
        poss,
        kind,
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
    let asked: Vec<&str> = requests.iter().map(String::as_str).collect();
    let (partner, venue) =
        super::partners::of_group(model, people.mentors.get(g.mentor.as_str()).copied(), track);
    let activities = crate::render::plan_activities::activities(
        track,
        g.is_group(),
        mentee,
        &asked,
        super::partners::venue(partner.as_ref(), venue),
        &month_refs,
        final_event,
    );
    let mentor_minor = people
        .mentors
        .get(g.mentor.as_str())
        .is_some_and(|m| m.minor);
    PlanGroup {
        group,
        track,
        partner,
        venue,
        activities,
        mentor_minor,
        request: if g.is_group() {
            None
        } else {
            requests.first().cloned()
        },
        schedule,
        minors,
        requests,
        mentee_gen: gen,
        mentee_ins: ins,
        teacher: g.form == Form::TeacherTeacher,
        employer: matches!(g.form, Form::EmployerPupil | Form::EmployerStudent),
        peer: matches!(
            g.form,
            Form::PupilPupil | Form::StudentPupil | Form::StudentStudent
        ),
    }
}

/// The mentor of an additional agreement (`mentor`), with the pairs they lead.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementMentor {
    pub name: String,
    /// The agreement is signed before the pairs order (or while it is not
    /// registered): it cannot name the mentees or the day the pair starts.
    pub before_pairs: bool,
    /// The agreement is signed before the order on mentors: it does not
    /// cite it (no document cites one issued after itself).
    pub before_mentors_order: bool,
    /// A woman; `null` when unknown.
    pub female: Option<bool>,
    /// The agreement's number among the package's.
    pub number: Option<u64>,
    pub position: Option<String>,
    /// «Доп. соглашение» as typed.
    pub agreement: Option<String>,
    pub agreement_number: Option<String>,
    pub agreement_date: Option<NaiveDate>,
    /// The employment contract the agreement adds to.
    pub contract_number: Option<String>,
    pub contract_date: Option<NaiveDate>,
    /// What the extra pay is a share of, genitive ([`pay_base`]).
    pub pay_base: &'static str,
    /// «Доплата» as typed.
    pub pay: Option<String>,
    /// The written consent to mentoring (ТК РФ ст. 351.8).
    pub consent: Option<bool>,
    /// The forms of the mentor's groups, each once.
    pub forms: Vec<&'static str>,
    /// The term of mentoring, as the order on mentors and the mentor's
    /// consent state it: from the appointment (that order's date), `None`
    /// while the order is not registered or dated after the agreement
    /// («со дня назначения наставником»), to the programme's end.
    pub term_from: Option<NaiveDate>,
    /// Mentoring starts with the pairs, never before the appointment.
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Empty while the agreement is signed before the pairs order.
    pub mentees: Vec<AgreementMentee>,
}

/// A mentee an agreement names (`mentor.mentees[]`).
#[derive(Debug, Clone, Serialize)]
pub struct AgreementMentee {
    pub name: String,
    pub class_or_position: Option<String>,
}

/// The mentor of an additional agreement with the pairs they lead.
pub(super) fn agreement_mentor(
    model: &Model,
    name: &str,
    number: Option<u64>,
    people: &People,
    terms: &Terms,
) -> AgreementMentor {
    let m = people.mentors.get(name);
    let own: Vec<&Group> = model.groups.iter().filter(|g| g.mentor == name).collect();
    let forms: BTreeSet<&'static str> = own.iter().map(|g| g.form.name()).collect();
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
    let mentees: Vec<AgreementMentee> = if before_pairs {
        Vec::new()
    } else {
        own.iter()
            .flat_map(|g| g.mentees.iter())
            .map(|n| AgreementMentee {
                name: n.clone(),
                class_or_position: people.mentee_class(n),
            })
            .collect()
    };
    AgreementMentor {
        name: name.to_owned(),
        before_pairs,
        before_mentors_order,
        female: female(model, name),
        number,
        position: text(m.and_then(|m| m.position.as_deref())),
        agreement: text(m.and_then(|m| m.agreement.as_deref())),
        agreement_number: agreement.number,
        agreement_date: agreement.date,
        contract_number: contract.number,
        contract_date: contract.date,
        pay_base: pay_base(m.and_then(|m| m.position.as_deref())),
        pay: text(m.and_then(|m| m.pay.as_deref())),
        consent: m.and_then(|m| m.consent_mentoring),
        forms: forms.into_iter().collect(),
        term_from: terms.mentors_from.filter(|_| !before_mentors_order),
        start: start.unwrap_or(model.programme.start),
        end: end.unwrap_or(model.programme.end),
        mentees,
    }
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
