//! Orders and dates: which are registered, which were issued before a document, who is acquainted, the events orders are about.
//!
//! Statements are typed: each function returns a struct the templates see
//! through serde (`orders.ID.number`, `order.registered`, `final_event.place`);
//! the keys are the fields, documented where they are declared.

use super::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// A registered order as cited: `orders.ID` (`{{order_ref "ID"}}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrderRef {
    pub number: String,
    pub date: NaiveDate,
}

/// The document's own order (`order`): its number and date when
/// registered, blanks to fill in by hand otherwise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThisOrder {
    pub registered: bool,
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
}

/// The order approving this document (`approved_by`): its stamp.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApprovedBy {
    pub id: String,
    pub registered: bool,
    /// «от 01.09.2025 № 113-о», or blanks.
    #[serde(rename = "ref")]
    pub reference: String,
}

/// A training of mentors (`training`, `training_done`, `training_planned`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Training {
    pub title: String,
    pub date: NaiveDate,
    pub hours: Option<u32>,
    pub organiser: Option<String>,
}

/// The final event (`final_event`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FinalEvent {
    pub title: String,
    pub date: Option<NaiveDate>,
    pub format: Option<String>,
    pub place: Option<String>,
    pub responsible: Option<String>,
    /// The responsible person's position, when they are the curator or in
    /// the working group: the order names them by position.
    pub responsible_position: Option<String>,
}

/// A mentor to reward (`rewards`), with the kind of reward as the order's
/// wording needs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reward {
    /// «благодарственное письмо»: awarded (accusative).
    pub letter: bool,
    /// «благодарность»: announced to someone (dative).
    pub thanks: bool,
    pub certificate: bool,
    pub bonus: bool,
    pub other: bool,
    pub mentor: String,
    /// Staff are thanked by the head («объявить благодарность»), partners
    /// and pupils thanked («выразить благодарность»).
    pub employee: bool,
    pub position: Option<String>,
    pub kind: String,
    pub reason: Option<String>,
}

/// Typed text: trimmed, `None` when empty (templates' `{{#if}}` is false).
fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

pub(super) fn orders(model: &Model) -> BTreeMap<String, OrderRef> {
    model
        .orders
        .iter()
        .map(|(id, o)| {
            (
                id.clone(),
                OrderRef {
                    number: o.number.clone(),
                    date: o.date,
                },
            )
        })
        .collect()
}

pub(super) fn this_order(model: &Model, id: &str) -> ThisOrder {
    match model.orders.get(id) {
        Some(o) => ThisOrder {
            registered: true,
            number: Some(o.number.clone()),
            date: Some(o.date),
        },
        None => ThisOrder {
            registered: false,
            number: None,
            date: None,
        },
    }
}

/// The order that approves this document (the regulation, the roadmap):
/// its catalogue entry's `approved_by`.
pub(super) fn approved_by(model: &Model, order: Option<&str>) -> Option<ApprovedBy> {
    let order = order?;
    Some(ApprovedBy {
        id: order.to_owned(),
        registered: model.orders.contains_key(order),
        reference: crate::render::helpers::order_ref_of(model.orders.get(order)),
    })
}

pub(super) fn training<'a>(
    events: impl Iterator<Item = &'a crate::model::TrainingEvent>,
) -> Vec<Training> {
    events
        .map(|t| Training {
            title: t.title.clone(),
            date: t.date,
            hours: t.hours,
            organiser: text(t.organiser.as_deref()),
        })
        .collect()
}

pub(super) fn final_event(model: &Model) -> Option<FinalEvent> {
    let e = model.final_event.as_ref()?;
    Some(FinalEvent {
        title: e.title.clone(),
        date: e.date,
        format: text(e.format.as_deref()),
        place: text(e.place.as_deref()),
        responsible: text(e.responsible.as_deref()),
        responsible_position: e
            .responsible
            .as_deref()
            .and_then(|name| {
                std::iter::once(&model.curator)
                    .chain(&model.team)
                    .find(|s| s.name == name)
            })
            .map(|s| s.position.clone()),
    })
}

pub(super) fn rewards(model: &Model, people: &People) -> Vec<Reward> {
    model
        .rewards
        .iter()
        .map(|r| {
            let kind = crate::text::key(&r.kind);
            let letter = kind.contains("благодар") && kind.contains("письм");
            let thanks = !letter && kind.contains("благодар");
            let certificate = !letter && !thanks && kind.contains("грамот");
            let bonus = !letter && !thanks && !certificate && kind.contains("прем");
            Reward {
                letter,
                thanks,
                certificate,
                bonus,
                other: !(letter || thanks || certificate || bonus),
                mentor: r.mentor.clone(),
                employee: people
                    .mentors
                    .get(r.mentor.as_str())
                    .is_some_and(|m| m.employee),
                position: people.mentor_position(&r.mentor),
                kind: r.kind.clone(),
                reason: text(r.reason.as_deref()),
            }
        })
        .collect()
}

/// The people an order names, for the «С приказом ознакомлены» sheet:
/// its catalogue entry's audiences ([`crate::render::catalogue::Audience`]),
/// nominative full names, each once, in order of appearance, never the
/// head who signs it.
pub fn acquainted(model: &Model, doc: &DocPlan) -> Vec<String> {
    let Some(order) = &doc.order else {
        return Vec::new();
    };
    let head = model.organisation.head.name.as_str();
    let mut seen = BTreeSet::new();
    order
        .acquainted
        .iter()
        .flat_map(|a| a.people(model))
        .filter(|n| !n.trim().is_empty() && *n != head && seen.insert(*n))
        .map(str::to_owned)
        .collect()
}

/// What was already done when this document is issued, by the dates in
/// programme.json: each order id (and `council`) → whether it is registered
/// no later than the document's own date ([`DocPlan::date`]: a registered
/// order's, its approving order's, else the package's), orders of that
/// very day only when numbered before the order dating it. An order then
/// does not ask for work already done, and nothing cites what is later.
pub(super) fn issued_before(
    model: &Model,
    entries: &crate::render::catalogue::Entries,
    doc: &DocPlan,
) -> BTreeMap<String, bool> {
    let own_date = doc.date.or(model.report_date);
    let own_number = doc
        .dated_by
        .as_deref()
        .and_then(|o| model.orders.get(o))
        .map(|o| o.number.as_str());
    let done = |d: NaiveDate| own_date.is_none_or(|own| d <= own);
    // Orders of the same day follow their registration numbers: order
    // 112-о of 01.09 cannot cite order 114-о of 01.09 as already issued.
    let leading = |n: &str| -> Option<u64> {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let order_done = |r: &crate::model::RegisteredOrder| match (own_date, own_number) {
        (Some(own), Some(mine)) if own == r.date => match (leading(&r.number), leading(mine)) {
            (Some(theirs), Some(mine)) => theirs < mine,
            _ => r.number != mine,
        },
        _ => done(r.date),
    };
    let mut map: BTreeMap<String, bool> = entries
        .orders()
        .map(|o| {
            let before = o != doc.id
                && Some(o) != doc.dated_by.as_deref()
                && model.orders.get(o).is_some_and(order_done);
            (o.to_owned(), before)
        })
        .collect();
    map.insert(
        "council".into(),
        model.council.as_ref().is_some_and(|c| done(c.date)),
    );
    map.insert(
        "pupils_council".into(),
        model.pupils_council.as_ref().is_some_and(|c| done(c.date)),
    );
    map.insert(
        "parents_council".into(),
        model.parents_council.as_ref().is_some_and(|c| done(c.date)),
    );
    map
}
