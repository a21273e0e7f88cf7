//! Handlebars helpers for Russian legal texts.
//!
//! Every helper returns a value (not raw output), so Handlebars passes it
//! through the XML escape function like any variable: a name containing `<`
//! or `&` prints literally. The helpers are documented for methodologists in
//! `templates/README.md`; keep the two in step.

use crate::russian::{self, Case, Gender};
use chrono::NaiveDate;
use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde_json::Value;

/// What an unregistered order prints instead of its date.
pub const BLANK_DATE: &str = "____________";
/// What an unregistered order prints instead of its number.
pub const BLANK_NUMBER: &str = "______";

/// A helper as a plain function of its parameters and the root context.
type HelperFn = fn(&[Value], &Value) -> Result<Value, String>;

/// Adapts a [`HelperFn`] to Handlebars, turning its Russian error message
/// into a render error that Handlebars places at the call's line and column.
struct Simple {
    name: &'static str,
    arity: std::ops::RangeInclusive<usize>,
    f: HelperFn,
}

impl HelperDef for Simple {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let params = h.params();
        if !self.arity.contains(&params.len()) {
            let (lo, hi) = (self.arity.start(), self.arity.end());
            let want = if lo == hi {
                lo.to_string()
            } else {
                format!("от {lo} до {hi}")
            };
            return Err(RenderErrorReason::Other(format!(
                "помощник «{}» ждёт параметров: {want}, а дано {}",
                self.name,
                params.len()
            ))
            .into());
        }
        let mut values = Vec::with_capacity(params.len());
        for p in params {
            if p.is_value_missing() {
                return Err(RenderErrorReason::Other(format!(
                    "неизвестная переменная «{}» в помощнике «{}»",
                    p.relative_path().map(String::as_str).unwrap_or("?"),
                    self.name
                ))
                .into());
            }
            values.push(p.value().clone());
        }
        (self.f)(&values, ctx.data())
            .map(ScopedJson::Derived)
            .map_err(|m| RenderErrorReason::Other(format!("помощник «{}»: {m}", self.name)).into())
    }
}

/// Registers every helper of this module on `hb`.
pub fn register(hb: &mut Handlebars<'_>) {
    // The built-in `log` writes to stderr and `raw` would bypass escaping.
    hb.unregister_helper("log");
    hb.unregister_helper("raw");
    let list: [(&'static str, std::ops::RangeInclusive<usize>, HelperFn); 22] = [
        ("date", 1..=1, h_date),
        ("date_short", 1..=1, h_date_short),
        ("plural", 4..=4, h_plural),
        ("count", 4..=4, h_count),
        ("initials", 1..=1, h_initials),
        ("surname_initials", 1..=1, h_surname_initials),
        ("decline", 2..=2, h_decline),
        ("decline_initials", 2..=2, h_decline_initials),
        ("decline_position", 2..=2, h_decline_position),
        ("person", 3..=3, h_person),
        ("person_initials", 3..=3, h_person_initials),
        ("by_gender", 3..=3, h_by_gender),
        ("quote", 1..=1, h_quote),
        ("upper", 1..=1, h_upper),
        ("lower", 1..=1, h_lower),
        ("order_ref", 1..=1, h_order_ref),
        ("inc", 1..=1, h_inc),
        ("grouped", 1..=1, h_grouped),
        ("default", 2..=2, h_default),
        ("join", 2..=2, h_join),
        ("capitalize", 1..=1, h_capitalize),
        ("chunks", 2..=2, h_chunks),
    ];
    for (name, arity, f) in list {
        hb.register_helper(name, Box::new(Simple { name, arity, f }));
    }
}

/// The names of the helpers, for the template check's messages.
pub const NAMES: [&str; 21] = [
    "date",
    "date_short",
    "plural",
    "count",
    "initials",
    "surname_initials",
    "decline",
    "decline_initials",
    "decline_position",
    "person",
    "person_initials",
    "by_gender",
    "quote",
    "upper",
    "lower",
    "order_ref",
    "inc",
    "default",
    "join",
    "capitalize",
    "chunks",
];

/// Text of a value as a template writes it: strings as they are, numbers
/// in their JSON form, null as empty.
fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => if *b { "да" } else { "нет" }.to_owned(),
        other => other.to_string(),
    }
}

/// A date given as `2025-09-01` (how the context holds dates) or any form
/// [`russian::parse_date`] reads (`01.09.2025`, «1 сентября 2025 г.»).
/// `Ok(None)` for null or an empty string: the caller prints blanks.
fn date_arg(v: &Value) -> Result<Option<NaiveDate>, String> {
    let s = match v {
        Value::Null => return Ok(None),
        Value::String(s) if s.trim().is_empty() => return Ok(None),
        Value::String(s) => s.trim(),
        other => return Err(format!("ожидалась дата, а дано {other}")),
    };
    russian::parse_date(s)
        .map(Some)
        .ok_or_else(|| format!("«{s}» не похоже на дату (ждём 2025-09-01 или 01.09.2025)"))
}

/// A number, whole or not: `8`, `2.5`, `"2,5"`; null counts as 0.
fn number_arg(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => n
            .as_f64()
            .ok_or_else(|| format!("ожидалось число, а дано {n}")),
        Value::String(s) => s
            .trim()
            .replace(',', ".")
            .parse()
            .map_err(|_| format!("ожидалось число, а дано «{s}»")),
        Value::Null => Ok(0.0),
        other => Err(format!("ожидалось число, а дано {other}")),
    }
}

fn int_arg(v: &Value) -> Result<i64, String> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f.trunc() as i64))
            .ok_or_else(|| format!("ожидалось целое число, а дано {n}")),
        Value::String(s) => s
            .trim()
            .parse()
            .map_err(|_| format!("ожидалось число, а дано «{s}»")),
        Value::Null => Ok(0),
        other => Err(format!("ожидалось число, а дано {other}")),
    }
}

fn case_param(v: &Value) -> Result<Case, String> {
    let s = text(v);
    Case::parse(&s).ok_or_else(|| {
        format!("неизвестный падеж «{s}»; допустимо: nom, gen, dat, acc, ins, pre (им, род, дат, вин, твор, пр)")
    })
}

/// The hand-given form of `name` in `case` from the context's `declensions`
/// (the model's overrides), and the gender given there.
fn override_of(root: &Value, name: &str, case: Case) -> (Option<String>, Option<Gender>) {
    let Some(entry) = root.get("declensions").and_then(|d| d.get(name)) else {
        return (None, None);
    };
    if case == Case::Nominative {
        return (Some(name.to_owned()), gender_of(entry));
    }
    (given_form(entry, case), gender_of(entry))
}

fn gender_of(entry: &Value) -> Option<Gender> {
    entry.get("gender")?.as_str().and_then(Gender::parse)
}

/// The gender of the person named `name`: given in `declensions`, else
/// told by the name (the patronymic first).
pub fn person_gender(root: &Value, name: &str) -> Gender {
    let given = root
        .get("declensions")
        .and_then(|d| d.get(name))
        .and_then(|e| e.get("gender"))
        .and_then(Value::as_str);
    russian::person_gender(name, given)
}

/// The key of a case in the hand-given forms of programme.json.
fn case_key(case: Case) -> &'static str {
    match case {
        Case::Nominative => "nominative",
        Case::Genitive => "genitive",
        Case::Dative => "dative",
        Case::Accusative => "accusative",
        Case::Instrumental => "instrumental",
        Case::Prepositional => "prepositional",
    }
}

fn given_form(forms: &Value, case: Case) -> Option<String> {
    forms
        .get(case_key(case))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// A position in `case` for a person of `gender`, honouring the model's
/// `position_forms` (keyed by the position as typed): a woman's forms from
/// its `female` block (or that block's nominative, declined), everyone
/// else's from the entry itself; what is not given, by the rules.
pub fn position_form(root: &Value, position: &str, case: Case, gender: Gender) -> String {
    let entry = root
        .get("position_forms")
        .and_then(|p| p.get(position.trim()));
    if let Some(entry) = entry {
        let female = entry
            .get("female")
            .filter(|f| f.is_object() && gender == Gender::Female);
        match female {
            Some(forms) => {
                if let Some(form) = given_form(forms, case) {
                    return form;
                }
                if let Some(nominative) = given_form(forms, Case::Nominative) {
                    return russian::position_in(&nominative, case, gender);
                }
            }
            None if case != Case::Nominative => {
                if let Some(form) = given_form(entry, case) {
                    return form;
                }
            }
            None => {}
        }
    }
    russian::position_in(position, case, gender)
}

/// A full name in `case`, honouring the model's hand-given forms.
pub fn decline_name(root: &Value, name: &str, case: Case) -> String {
    match override_of(root, name, case) {
        (Some(form), _) => form,
        (None, gender) => russian::decline(name, case, gender),
    }
}

/// «Сидоровым П. П.»: surname in `case` and initials, honouring overrides.
pub fn decline_initials_name(root: &Value, name: &str, case: Case) -> String {
    match override_of(root, name, case) {
        (Some(form), _) => russian::surname_initials(&form),
        (None, gender) => russian::surname_initials_in(name, case, gender),
    }
}

/// «от 01.09.2025 № 45» for a registered order, blanks otherwise.
pub fn order_ref_text(root: &Value, id: &str) -> String {
    let order = root.get("orders").and_then(|o| o.get(id));
    let number = order
        .and_then(|o| o.get("number"))
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    let date = order
        .and_then(|o| o.get("date"))
        .and_then(|d| date_arg(d).ok().flatten());
    reference(date.zip(number))
}

/// «от 01.09.2025 № 45» for a registered order of the model, blanks
/// otherwise: the typed twin of [`order_ref_text`].
pub fn order_ref_of(order: Option<&crate::model::RegisteredOrder>) -> String {
    reference(
        order
            .map(|o| (o.date, o.number.as_str()))
            .filter(|(_, n)| !n.trim().is_empty()),
    )
}

fn reference(order: Option<(chrono::NaiveDate, &str)>) -> String {
    match order {
        Some((d, n)) => format!("от {} №\u{a0}{}", russian::date_short(d), n.trim()),
        None => format!("от {BLANK_DATE} №\u{a0}{BLANK_NUMBER}"),
    }
}

fn h_date(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(match date_arg(&p[0])? {
        Some(d) => russian::date_long(d),
        None => BLANK_DATE.to_owned(),
    }))
}

fn h_date_short(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(match date_arg(&p[0])? {
        Some(d) => russian::date_short(d),
        None => BLANK_DATE.to_owned(),
    }))
}

fn h_plural(p: &[Value], _: &Value) -> Result<Value, String> {
    let n = number_arg(&p[0])?;
    let (one, few, many) = (text(&p[1]), text(&p[2]), text(&p[3]));
    Ok(Value::String(
        russian::plural_of(n, &one, &few, &many).to_owned(),
    ))
}

/// «8 часов», «1,5 часа»: the number as Russian prints it (no «.0»), a
/// non-breaking space, the form that agrees.
fn h_count(p: &[Value], _: &Value) -> Result<Value, String> {
    let n = number_arg(&p[0])?;
    let (one, few, many) = (text(&p[1]), text(&p[2]), text(&p[3]));
    Ok(Value::String(russian::count_of(n, &one, &few, &many)))
}

fn h_initials(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(russian::initials_first(&text(&p[0]))))
}

fn h_surname_initials(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(russian::surname_initials(&text(&p[0]))))
}

fn h_decline(p: &[Value], root: &Value) -> Result<Value, String> {
    let case = case_param(&p[1])?;
    Ok(Value::String(decline_name(root, &text(&p[0]), case)))
}

fn h_decline_initials(p: &[Value], root: &Value) -> Result<Value, String> {
    let case = case_param(&p[1])?;
    Ok(Value::String(decline_initials_name(
        root,
        &text(&p[0]),
        case,
    )))
}

/// `{{decline_position org.head.position "gen"}}` → «директора»: the head of
/// a job title declined, lower-cased to follow other words.
fn h_decline_position(p: &[Value], _: &Value) -> Result<Value, String> {
    let case = case_param(&p[1])?;
    Ok(Value::String(russian::decline_position(&text(&p[0]), case)))
}

/// `{{person curator.name curator.position "acc"}}` → «Кравченко Ирину
/// Валерьевну, заместителя директора …»: the name and its position in the
/// same case, the position agreeing with a woman; a null or empty position
/// prints the name alone.
fn h_person(p: &[Value], root: &Value) -> Result<Value, String> {
    let case = case_param(&p[2])?;
    let name = text(&p[0]);
    let gender = person_gender(root, &name);
    Ok(Value::String(russian::join_apposition(
        &decline_name(root, &name, case),
        &position_form(root, &text(&p[1]), case, gender),
    )))
}

/// As `person`, with the surname and initials: «Кравченко И. В., заместителя …».
fn h_person_initials(p: &[Value], root: &Value) -> Result<Value, String> {
    let case = case_param(&p[2])?;
    let name = text(&p[0]);
    let gender = person_gender(root, &name);
    Ok(Value::String(russian::join_apposition(
        &decline_initials_name(root, &name, case),
        &position_form(root, &text(&p[1]), case, gender),
    )))
}

/// `{{by_gender mentor.name "именуемый" "именуемая"}}`: the word agreeing
/// with the person's gender; the masculine when it cannot be told.
fn h_by_gender(p: &[Value], root: &Value) -> Result<Value, String> {
    let gender = person_gender(root, &text(&p[0]));
    Ok(Value::String(
        gender.choose(&text(&p[1]), &text(&p[2])).to_owned(),
    ))
}

fn h_quote(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(russian::quote(&text(&p[0]))))
}

fn h_upper(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(text(&p[0]).to_uppercase()))
}

fn h_lower(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::String(text(&p[0]).to_lowercase()))
}

fn h_capitalize(p: &[Value], _: &Value) -> Result<Value, String> {
    let s = text(&p[0]);
    let mut chars = s.chars();
    Ok(Value::String(match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }))
}

fn h_order_ref(p: &[Value], root: &Value) -> Result<Value, String> {
    Ok(Value::String(order_ref_text(root, &text(&p[0]))))
}

fn h_inc(p: &[Value], _: &Value) -> Result<Value, String> {
    Ok(Value::from(int_arg(&p[0])?.saturating_add(1)))
}

/// «50 268»: a headcount grouped by thousands (`russian::grouped`).
fn h_grouped(p: &[Value], _: &Value) -> Result<Value, String> {
    match p[0].as_f64() {
        Some(x) => Ok(Value::from(crate::russian::grouped(x))),
        None => Err(format!("ждёт число, а дано {}", p[0])),
    }
}

fn h_default(p: &[Value], _: &Value) -> Result<Value, String> {
    let empty = match &p[0] {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    };
    Ok(if empty { p[1].clone() } else { p[0].clone() })
}

fn h_join(p: &[Value], _: &Value) -> Result<Value, String> {
    let sep = text(&p[1]);
    match &p[0] {
        Value::Array(items) => Ok(Value::String(
            items.iter().map(text).collect::<Vec<_>>().join(&sep),
        )),
        Value::Null => Ok(Value::String(String::new())),
        other => Ok(Value::String(text(other))),
    }
}

/// `{{#each (chunks LIST N)}}`: LIST in as few consecutive parts of at
/// most N items as it takes, of sizes differing by one at most (31 in
/// parts of 30: 16 and 15, not 30 and 1), each `{items, from, to, one,
/// split}` (`from`–`to` the 1-based positions of its first and last item,
/// `one` when they are the same, `split` when there is more than one
/// part): a chart of many questions drawn as several figures, each within
/// the bars a chart may hold.
fn h_chunks(p: &[Value], _: &Value) -> Result<Value, String> {
    let size = p[1]
        .as_u64()
        .filter(|n| (1..=1000).contains(n))
        .ok_or_else(|| format!("размер части — целое от 1 до 1000, а не {}", p[1]))?;
    let items = match &p[0] {
        Value::Array(items) => items.as_slice(),
        Value::Null => &[],
        other => return Err(format!("ждёт список, а дано {other}")),
    };
    let size = usize::try_from(size).unwrap_or(1);
    let parts = items.len().div_ceil(size).max(1);
    let (base, longer) = (items.len() / parts, items.len() % parts);
    let mut out = Vec::with_capacity(parts);
    let mut from = 0;
    for i in 0..parts {
        let len = base + usize::from(i < longer);
        if len == 0 {
            break;
        }
        out.push(serde_json::json!({
            "items": &items[from..from + len],
            "from": from + 1,
            "to": from + len,
            "one": len == 1,
            "split": parts > 1,
        }));
        from += len;
    }
    Ok(Value::Array(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chunks_split_a_list_into_numbered_parts() {
        let list = json!([1, 2, 3, 4, 5]);
        let parts = h_chunks(&[list, json!(2)], &Value::Null).unwrap();
        assert_eq!(
            parts,
            json!([
                {"items": [1, 2], "from": 1, "to": 2, "one": false, "split": true},
                {"items": [3, 4], "from": 3, "to": 4, "one": false, "split": true},
                {"items": [5], "from": 5, "to": 5, "one": true, "split": true}
            ])
        );
        let list: Vec<u32> = (1..=31).collect();
        let parts = h_chunks(&[json!(list), json!(30)], &Value::Null).unwrap();
        let sizes: Vec<(u64, u64)> = parts
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["from"].as_u64().unwrap(), p["to"].as_u64().unwrap()))
            .collect();
        assert_eq!(sizes, [(1, 16), (17, 31)]);
        let one = h_chunks(&[json!([1]), json!(30)], &Value::Null).unwrap();
        assert_eq!(
            one,
            json!([{"items": [1], "from": 1, "to": 1, "one": true, "split": false}])
        );
        assert_eq!(
            h_chunks(&[json!([]), json!(30)], &Value::Null).unwrap(),
            json!([])
        );
        assert!(h_chunks(&[json!([1]), json!(0)], &Value::Null).is_err());
    }

    #[test]
    fn order_ref_prints_blanks_until_registered() {
        let root = json!({"orders": {"order-pairs": {"number": "45", "date": "2025-09-01"}}});
        assert_eq!(
            order_ref_text(&root, "order-pairs"),
            "от 01.09.2025 №\u{a0}45"
        );
        assert_eq!(
            order_ref_text(&root, "order-curator"),
            "от ____________ №\u{a0}______"
        );
    }

    #[test]
    fn overrides_win_over_rules() {
        let root = json!({"declensions": {"Черных Анна Ильинична": {
            "gender": "female", "accusative": "Черных Анну Ильиничну", "genitive": null
        }}});
        assert_eq!(
            decline_name(&root, "Черных Анна Ильинична", Case::Accusative),
            "Черных Анну Ильиничну"
        );
        assert_eq!(
            decline_name(&root, "Черных Анна Ильинична", Case::Nominative),
            "Черных Анна Ильинична"
        );
    }

    #[test]
    fn case_names_in_both_languages() {
        assert_eq!(case_param(&json!("acc")), Ok(Case::Accusative));
        assert_eq!(case_param(&json!("вин")), Ok(Case::Accusative));
        assert_eq!(case_param(&json!("ins")), Ok(Case::Instrumental));
        assert_eq!(case_param(&json!("твор")), Ok(Case::Instrumental));
        assert!(case_param(&json!("xyz")).is_err());
    }

    #[test]
    fn person_declines_the_position_with_the_name() {
        let root = json!({"declensions": {}, "position_forms": {}});
        let got = h_person(
            &[
                json!("Кравченко Ирина Валерьевна"),
                json!("заместитель директора по учебно-воспитательной работе"),
                json!("acc"),
            ],
            &root,
        );
        assert_eq!(
            got,
            Ok(json!(
                "Кравченко Ирину Валерьевну, заместителя директора по учебно-воспитательной работе"
            ))
        );
        let alone = h_person(
            &[json!("Лукин Денис Олегович"), Value::Null, json!("dat")],
            &root,
        );
        assert_eq!(alone, Ok(json!("Лукину Денису Олеговичу")));
        let initials = h_person_initials(
            &[
                json!("Зайцева Вера Павловна"),
                json!("студент 2 курса"),
                json!("gen"),
            ],
            &root,
        );
        assert_eq!(
            initials,
            Ok(json!("Зайцевой\u{a0}В.\u{a0}П., студентки 2 курса"))
        );
    }

    #[test]
    fn position_forms_given_by_hand_win() {
        let root = json!({"declensions": {"Ким Саша": {"gender": "ж"}}, "position_forms": {
            "тренер-преподаватель": {"dative": "тренеру-преподавателю (по договору)"},
            "слушатель курсов": {"female": {"nominative": "слушательница курсов"}}
        }});
        let gender = |n: &str| person_gender(&root, n);
        assert_eq!(gender("Ким Саша"), Gender::Female);
        assert_eq!(gender("Иванов Иван Иванович"), Gender::Male);
        assert_eq!(
            position_form(&root, "тренер-преподаватель", Case::Dative, Gender::Male),
            "тренеру-преподавателю (по договору)"
        );
        assert_eq!(
            position_form(&root, "тренер-преподаватель", Case::Genitive, Gender::Male),
            "тренера-преподавателя"
        );
        assert_eq!(
            position_form(&root, "слушатель курсов", Case::Accusative, Gender::Female),
            "слушательницу курсов"
        );
        assert_eq!(
            position_form(&root, "слушатель курсов", Case::Accusative, Gender::Male),
            "слушателя курсов"
        );
        let word = h_by_gender(
            &[json!("Ким Саша"), json!("именуемый"), json!("именуемая")],
            &root,
        );
        assert_eq!(word, Ok(json!("именуемая")));
    }

    #[test]
    fn counts_print_whole_numbers_without_a_fraction() {
        let forms = [json!("час"), json!("часа"), json!("часов")];
        let count = |n: Value| {
            h_count(
                &[n, forms[0].clone(), forms[1].clone(), forms[2].clone()],
                &Value::Null,
            )
        };
        assert_eq!(count(json!(8.0)), Ok(json!("8\u{a0}часов")));
        assert_eq!(count(json!(1.5)), Ok(json!("1,5\u{a0}часа")));
        assert_eq!(count(json!("21")), Ok(json!("21\u{a0}час")));
        assert!(count(json!("много")).is_err());
    }

    #[test]
    fn dates_accept_iso_and_russian_and_blank() {
        assert_eq!(
            date_arg(&json!("2025-09-01")).ok().flatten(),
            NaiveDate::from_ymd_opt(2025, 9, 1)
        );
        assert_eq!(
            date_arg(&json!("01.09.2025")).ok().flatten(),
            NaiveDate::from_ymd_opt(2025, 9, 1)
        );
        assert_eq!(date_arg(&Value::Null), Ok(None));
        assert!(date_arg(&json!("вчера")).is_err());
    }
}
