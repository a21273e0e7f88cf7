//! How values are printed in a context: a typed statement as the JSON
//! Handlebars reads, optional text, numbers the Russian way (dates are
//! `NaiveDate`s, printed by the templates' helpers).

use super::*;

/// A typed statement as the templates see it. Serialising plain structs
/// with string keys cannot fail (the only failures serde_json has are
/// non-string map keys and failing custom `Serialize`s; the statements
/// have neither: tested by `statements_serialise`).
pub(super) fn value<T: serde::Serialize>(statement: T) -> Value {
    let v = serde_json::to_value(statement);
    debug_assert!(v.is_ok(), "a statement does not serialise");
    v.unwrap_or(Value::Null)
}

/// Typed text: trimmed, `None` when empty (templates' `{{#if}}` is false).
pub(super) fn text(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
}

/// A measured share as every document prints it: «42,5 %», «4,0 %».
pub fn percent_text(p: f64) -> String {
    russian::share(p)
}

/// «7,5»; whole numbers without a fraction: «8».
pub fn decimal_text(x: f64) -> String {
    russian::decimal(x, 1)
}

/// A change between the monitoring stages, always with one decimal and its
/// sign: «+1,0», «−0,5», «0,0», so the changes of one column read alike
/// («+1» had stood beside «+1,2»). `russian::signed` drops a zero fraction,
/// as running text wants; a comparison keeps it.
pub(super) fn change_text(x: f64) -> String {
    with_tenths(russian::signed(x, 1))
}

/// The size of a change, after «выросла на»: «1,0», «33,3».
pub(super) fn change_size(x: f64) -> String {
    with_tenths(russian::decimal(x.abs(), 1))
}

pub(super) fn with_tenths(text: String) -> String {
    if text.contains(',') {
        text
    } else {
        format!("{text},0")
    }
}
