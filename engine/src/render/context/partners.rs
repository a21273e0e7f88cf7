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
use crate::render::plan_activities::Venue;
use serde::Serialize;

/// A contract signed by the document's date (`agreement`,
/// `practice_contract`); `null` when not signed by then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signed {
    /// Its number, trimmed.
    pub number: String,
    pub date: NaiveDate,
}

/// A partner as of a date (`mentors[].partner`, `group.partner`,
/// `person.outside[].partner`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartnerStatement {
    pub name: String,
    pub short_name: String,
    /// The agreement on cooperation, when signed by the date.
    pub agreement: Option<Signed>,
    /// The contract on practical training, when signed by the date.
    pub practice_contract: Option<Signed>,
}

/// An outside organisation a consent names (`person.outside[]`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutsideOrganisation {
    /// The partner's short name, else the organisation as typed in the
    /// mentors' table: the recipient of the data is named.
    pub organisation: String,
    /// The partner as of the package's date; `null` where none matches
    /// (no agreement invented).
    pub partner: Option<PartnerStatement>,
}

fn signed_by(contract: Option<&Contract>, as_of: Option<NaiveDate>) -> Option<Signed> {
    contract
        .filter(|c| as_of.is_none_or(|d| c.date <= d))
        .map(|c| Signed {
            number: c.number.trim().to_owned(),
            date: c.date,
        })
}

fn statement(p: &Partner, as_of: Option<NaiveDate>) -> PartnerStatement {
    PartnerStatement {
        name: p.name.clone(),
        short_name: p.short_name.clone(),
        agreement: signed_by(p.agreement.as_ref(), as_of),
        practice_contract: signed_by(p.practice_contract.as_ref(), as_of),
    }
}

/// The partner of the outside mentor `m` as the order on mentors cites
/// it (as of its registration, else the package's date); `None` for staff
/// and for an organisation no partner matches.
pub(super) fn of_mentor(model: &Model, m: &crate::model::Mentor) -> Option<PartnerStatement> {
    let as_of = model
        .orders
        .get("order-mentors")
        .map(|o| o.date)
        .or(model.report_date);
    model.mentor_partner(m).map(|p| statement(p, as_of))
}

/// For a group's plan: its mentor's partner as of the package's date
/// (`partner`), and where the work of the profession track happens
/// (`venue`): `"enterprise"` under a practical-training contract in force,
/// else `"organisation"` — learners are not sent to an enterprise without
/// one; `None` for the other tracks.
pub(super) fn of_group(
    model: &Model,
    mentor: Option<&crate::model::Mentor>,
    track: &str,
) -> (Option<PartnerStatement>, Option<&'static str>) {
    let partner = mentor.and_then(|m| model.mentor_partner(m));
    let stated = partner.map(|p| statement(p, model.report_date));
    let venue = match track {
        "profession"
            if stated
                .as_ref()
                .is_some_and(|p| p.practice_contract.is_some()) =>
        {
            Some("enterprise")
        }
        "profession" => Some("organisation"),
        _ => None,
    };
    (stated, venue)
}

/// The place of the profession track's work, for the plan's activities.
pub(super) fn venue<'a>(partner: Option<&'a PartnerStatement>, venue: Option<&str>) -> Venue<'a> {
    match (venue, partner) {
        (
            Some("enterprise"),
            Some(PartnerStatement {
                short_name,
                practice_contract: Some(contract),
                ..
            }),
        ) => Venue::Enterprise {
            name: short_name,
            number: &contract.number,
            date: contract.date,
        },
        _ => Venue::Organisation,
    }
}

/// For a consent: the outside organisations of the person's pairs (`own`)
/// — those of a mentee's outside mentors, an outside mentor's own —, each
/// once.
pub(super) fn of_person(
    full: &Model,
    name: &str,
    role: &str,
    own: &[&Pair],
) -> Vec<OutsideOrganisation> {
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
            out.push(OutsideOrganisation {
                organisation: shown.to_owned(),
                partner: partner.map(|p| statement(p, full.report_date)),
            });
        }
    }
    out
}
