//! Every public function is total: random Unicode (and Cyrillic-heavy) input
//! never panics, and a few invariants hold on the way.

use chrono::NaiveDate;
use nastavnik_russian::*;
use proptest::prelude::*;

const GENDERS: [Option<Gender>; 4] = [
    None,
    Some(Gender::Male),
    Some(Gender::Female),
    Some(Gender::Androgynous),
];

/// Strings made mostly of Cyrillic letters, spaces, hyphens, dots and quotes,
/// so that the rules actually fire, plus any other character now and then.
fn name_like() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            8 => proptest::char::range('а', 'я'),
            3 => proptest::char::range('А', 'Я'),
            2 => Just(' '),
            1 => prop_oneof![
                Just('-'), Just('.'), Just('ё'), Just('Ё'), Just('\u{a0}'), Just('"'),
                Just('«'), Just('»'), Just('„'), Just('“'), Just('№'), Just('г')
            ],
            1 => any::<char>(),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

fn exercise(text: &str) {
    let _ = Case::parse(text);
    let _ = Gender::parse(text);
    if let Some(name) = FullName::parse(text) {
        let _ = gender_of(&name);
    }
    for case in Case::ALL {
        for gender in GENDERS {
            let declined = decline(text, case, gender);
            if FullName::parse(text).is_none() || case == Case::Nominative {
                assert_eq!(declined, text);
            }
            let _ = surname_initials_in(text, case, gender);
            let _ = initials_first_in(text, case, gender);
            let _ = apposition(text, text, case, gender);
            let _ = apposition_initials(text, text, case, gender);
        }
        for gender in [Gender::Male, Gender::Female, Gender::Androgynous] {
            let _ = position_in(text, case, gender);
        }
        for part in [NamePart::Last, NamePart::First, NamePart::Middle] {
            let _ = inflect(part, text, case, Gender::Female);
            let _ = gender_hint(part, text);
        }
    }
    let _ = initials_first(text);
    let _ = surname_initials(text);
    let _ = parse_date(text);
    assert_eq!(read_date(text).ok(), parse_date(text));
    let _ = position_at(Some(text), Some(text));
    let _ = person_gender(text, Some(text));
    let q = quote(text);
    assert!(q.starts_with('«') && q.ends_with('»'));
    let _ = typograph(text);
}

/// Texts whose quotation marks come in proper pairs, straight or «».
fn balanced_quoted() -> impl Strategy<Value = String> {
    let word = "[а-яА-Я0-9№ .,-]{1,8}";
    let leaf = word.prop_map(|w| w.trim().to_owned());
    leaf.prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 1..3).prop_map(|v| v.join(" ")),
            inner.clone().prop_map(|t| format!("\"{t}\"")),
            inner.prop_map(|t| format!("«{t}»")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_unicode_string_is_safe(text in any::<String>()) {
        exercise(&text);
    }

    #[test]
    fn name_like_strings_are_safe(text in name_like()) {
        exercise(&text);
    }

    #[test]
    fn quote_is_idempotent_on_balanced_text(text in balanced_quoted()) {
        let once = quote(&text);
        prop_assert_eq!(quote(&once), once.clone());
        // Only the outer pair is «»: none inside.
        let inside: String = once.chars().skip(1).take(once.chars().count().saturating_sub(2)).collect();
        prop_assert!(!inside.contains('«') && !inside.contains('»'), "{}", once);
    }

    #[test]
    fn numbers_and_dates_are_safe(n in any::<i64>(), m in any::<u32>(), days in 0i64..200_000) {
        let form = plural(n, "a", "b", "c");
        prop_assert!(["a", "b", "c"].contains(&form));
        prop_assert!(count(n, "a", "b", "c").starts_with(&n.to_string()));
        let _ = month_genitive(m);
        let _ = month_nominative(m);
        let x = n as f64 / 7.0;
        prop_assert!(!number(x).contains('.'));
        prop_assert!(!decimal(x, 1).contains('.'));
        prop_assert!(["a", "b", "c"].contains(&plural_of(x, "a", "b", "c")));
        let _ = (percent(x), years(x), years_genitive(x), count_of(x, "a", "b", "c"));
        let base = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
        if let Some(date) = base.checked_add_signed(chrono::Duration::days(days)) {
            prop_assert_eq!(parse_date(&date_long(date)), Some(date));
            prop_assert_eq!(parse_date(&date_short(date)), Some(date));
        }
    }
}
