//! Partners as the documents state them (`/partners`): the organisation an
//! outside mentor comes from, the agreement on cooperation the mentor is
//! brought in under, the contract on practical training under which
//! learners work at the enterprise. Each is stated only when signed by the
//! date the document speaks at — no document cites one signed after it —
//! and none is invented: an organisation no partner matches is named as
//! typed, with no agreement (rules `stage3.outside-mentor-partner`,
//! `stage3.partner-agreement` say what is missing).

use super::*;
use crate::model::{Contract, Pair, Partner};

/// `{number, date}` of a contract signed by `as_of`, else `null`.
fn signed_by(contract: Option<&Contract>, as_of: Option<NaiveDate>) -> Value {
    match contract {
        Some(c) if as_of.is_none_or(|d| c.date <= d) => {
            json!({"number": c.number.trim(), "date": date(c.date)})
        }
        _ => Value::Null,
    }
}

/// `{name, short_name, agreement, practice_contract}` as of `as_of`.
fn statement(p: &Partner, as_of: Option<NaiveDate>) -> Value {
    json!({
        "name": p.name,
        "short_name": p.short_name,
        "agreement": signed_by(p.agreement.as_ref(), as_of),
        "practice_contract": signed_by(p.practice_contract.as_ref(), as_of),
    })
}

/// The partner of the outside mentor `name` as the order on mentors cites
/// it (as of its registration, else the package's date); `null` for staff
/// and for an organisation no partner matches.
pub(super) fn of_mentor(model: &Model, m: &crate::model::Mentor) -> Value {
    let as_of = model
        .orders
        .get("order-mentors")
        .map(|o| o.date)
        .or(model.report_date);
    model
        .mentor_partner(m)
        .map_or(Value::Null, |p| statement(p, as_of))
}

/// For a group's plan: its mentor's partner as of the package's date
/// (`partner`, `null` when none), and where the work of the profession
/// track happens (`venue`): `"enterprise"` under a practical-training
/// contract in force, else `"organisation"` — learners are not sent to an
/// enterprise without one; `null` for the other tracks.
pub(super) fn of_group(
    model: &Model,
    mentor: Option<&crate::model::Mentor>,
    track: &str,
) -> (Value, Value) {
    let partner = mentor.and_then(|m| model.mentor_partner(m));
    let stated = partner.map_or(Value::Null, |p| statement(p, model.report_date));
    let venue = match track {
        "profession" if !stated["practice_contract"].is_null() => Value::from("enterprise"),
        "profession" => Value::from("organisation"),
        _ => Value::Null,
    };
    (stated, venue)
}

/// The place of the profession track's work, for the plan's activities.
pub(super) fn venue<'a>(
    partner: &'a Value,
    venue: &Value,
) -> crate::render::plan_activities::Venue<'a> {
    use crate::render::plan_activities::Venue;
    match (venue.as_str(), partner["short_name"].as_str()) {
        (Some("enterprise"), Some(name)) => Venue::Enterprise {
            name,
            contract: &partner["practice_contract"],
        },
        _ => Venue::Organisation,
    }
}

/// For a consent: the outside organisations of the person's pairs (`own`)
/// — those of a mentee's outside mentors, an outside mentor's own —, each
/// once: `[{organisation, partner}]`; `organisation` as typed in the
/// mentors' table (the recipient of the data is named), `partner` as of
/// the package's date or `null` (no agreement invented).
pub(super) fn of_person(full: &Model, name: &str, role: &str, own: &[&Pair]) -> Value {
    let mentors: Vec<&str> = if role == "mentor" {
        vec![name]
    } else {
        own.iter().map(|p| p.mentor.as_str()).collect()
    };
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for mentor in mentors {
        let Some(m) = full.mentors.iter().find(|m| m.name == mentor) else {
            continue;
        };
        let Some(organisation) = m
            .organisation
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty() && !m.employee)
        else {
            continue;
        };
        let partner = full.partner_of(organisation);
        let shown = partner.map_or(organisation, |p| p.short_name.as_str());
        if seen.insert(crate::text::key(shown)) {
            out.push(json!({
                "organisation": shown,
                "partner": partner.map_or(Value::Null, |p| statement(p, full.report_date)),
            }));
        }
    }
    Value::Array(out)
}
