//! Orders and dates: which are registered, which were issued before a document, who is acquainted, the events orders are about.

use super::*;

pub(super) fn orders(model: &Model) -> Value {
    Value::Object(
        model
            .orders
            .iter()
            .map(|(id, o)| {
                (
                    id.clone(),
                    json!({"number": o.number, "date": date(o.date)}),
                )
            })
            .collect(),
    )
}

pub(super) fn this_order(model: &Model, id: &str) -> Value {
    match model.orders.get(id) {
        Some(o) => json!({"registered": true, "number": o.number, "date": date(o.date)}),
        None => json!({"registered": false, "number": null, "date": null}),
    }
}

/// The order that approves this document (the regulation, the roadmap):
/// its catalogue entry's `approved_by`.
pub(super) fn approved_by(model: &Model, order: Option<&str>, root: &Map<String, Value>) -> Value {
    let Some(order) = order else {
        return Value::Null;
    };
    let root = json!({"orders": root.get("orders").cloned().unwrap_or(Value::Null)});
    json!({
        "id": order,
        "registered": model.orders.contains_key(order),
        "ref": order_ref_text(&root, order),
    })
}

pub(super) fn training<'a>(events: impl Iterator<Item = &'a crate::model::TrainingEvent>) -> Value {
    Value::Array(
        events
            .map(|t| {
                json!({"title": t.title, "date": date(t.date), "hours": t.hours,
                       "organiser": opt(t.organiser.as_deref())})
            })
            .collect(),
    )
}

pub(super) fn final_event(model: &Model) -> Value {
    match &model.final_event {
        Some(e) => json!({
            "title": e.title,
            "date": opt_date(e.date),
            "format": opt(e.format.as_deref()),
            "place": opt(e.place.as_deref()),
            "responsible": opt(e.responsible.as_deref()),
            // The responsible person's position, when they are the curator
            // or in the working group: the order names them by position.
            "responsible_position": e
                .responsible
                .as_deref()
                .and_then(|name| {
                    std::iter::once(&model.curator)
                        .chain(&model.team)
                        .find(|s| s.name == name)
                })
                .map(|s| Value::String(s.position.clone()))
                .unwrap_or(Value::Null),
        }),
        None => Value::Null,
    }
}

pub(super) fn rewards(model: &Model, people: &People) -> Value {
    Value::Array(
        model
            .rewards
            .iter()
            .map(|r| {
                let kind = crate::text::key(&r.kind);
                // «благодарственное письмо» is awarded (accusative), a
                // «благодарность» is announced to someone (dative).
                let letter = kind.contains("благодар") && kind.contains("письм");
                let thanks = !letter && kind.contains("благодар");
                let certificate = !letter && !thanks && kind.contains("грамот");
                let bonus = !letter && !thanks && !certificate && kind.contains("прем");
                json!({
                    "letter": letter,
                    "thanks": thanks,
                    "certificate": certificate,
                    "bonus": bonus,
                    "other": !(letter || thanks || certificate || bonus),
                    "mentor": r.mentor,
                    // Staff are thanked by the head («объявить благодарность»),
                    // partners and pupils thanked («выразить благодарность»).
                    "employee": people.mentors.get(r.mentor.as_str()).is_some_and(|m| m.employee),
                    "position": people.mentor_position(&r.mentor),
                    "kind": r.kind,
                    "reason": opt(r.reason.as_deref()),
                })
            })
            .collect(),
    )
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
/// no later than this order (any time, while this one is unregistered and
/// so issued now). An order then does not ask for work already done.
pub(super) fn issued_before(
    model: &Model,
    entries: &crate::render::catalogue::Entries,
    id: &str,
) -> Value {
    let own = model.orders.get(id);
    let done = |d: NaiveDate| own.is_none_or(|own| d <= own.date);
    // Orders of the same day follow their registration numbers: order
    // 112-о of 01.09 cannot cite order 114-о of 01.09 as already issued.
    let leading = |n: &str| -> Option<u64> {
        let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let order_done = |r: &crate::model::RegisteredOrder| match own {
        Some(own) if own.date == r.date => match (leading(&r.number), leading(&own.number)) {
            (Some(theirs), Some(mine)) => theirs < mine,
            _ => true,
        },
        _ => done(r.date),
    };
    let mut map: Map<String, Value> = entries
        .orders()
        .map(|o| {
            let before = o != id && model.orders.get(o).is_some_and(order_done);
            (o.to_owned(), Value::Bool(before))
        })
        .collect();
    map.insert(
        "council".into(),
        Value::Bool(model.council.as_ref().is_some_and(|c| done(c.date))),
    );
    Value::Object(map)
}
