//! Numbers as Russian documents print them: a decimal comma, whole numbers
//! without a fraction («стаж 9 лет», never «9.0 лет»), a non-breaking space
//! before «%», and the noun after a fraction in the genitive singular
//! («1,5 часа»).

use crate::plural::plural;
use crate::NBSP;

/// Whole numbers printed as integers up to this size; beyond it (and for
/// non-finite values, which validated data never holds) Rust's own form.
const WHOLE_LIMIT: f64 = 1e15;

/// «9», «2,5», «0,125»: the shortest form that reads back as `x`.
pub fn number(x: f64) -> String {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < WHOLE_LIMIT {
        return format!("{}", x as i64);
    }
    x.to_string().replace('.', ",")
}

/// A whole number of five digits and more in groups of three with
/// non-breaking spaces, as Russian documents print headcounts: «50 268»,
/// «1 250 000»; four digits stay together («2006»); anything else as
/// [`number`].
pub fn grouped(x: f64) -> String {
    let text = number(x);
    let (sign, digits) = match text.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", text.as_str()),
    };
    if digits.len() < 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    let mut out = String::from(sign);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(NBSP);
        }
        out.push(c);
    }
    out
}

/// `x` rounded to `places` decimals, trailing zeros dropped: «7,3», «8».
pub fn decimal(x: f64, places: u32) -> String {
    if !x.is_finite() {
        return number(x);
    }
    let scale = 10f64.powi(i32::try_from(places).unwrap_or(i32::MAX).min(15));
    let r = (x * scale).round() / scale;
    if (r - r.trunc()).abs() < 0.5 / scale {
        return number(r.trunc());
    }
    let text = format!("{r:.*}", places as usize);
    text.trim_end_matches('0').replace('.', ",")
}

/// A change with its sign, as a comparison prints it: «+0,3», «−1,5»
/// (the minus sign U+2212, not a hyphen), «0» for no change.
pub fn signed(x: f64, places: u32) -> String {
    let text = decimal(x.abs(), places);
    if text == "0" || !x.is_finite() {
        return decimal(x, places);
    }
    if x > 0.0 {
        format!("+{text}")
    } else {
        format!("\u{2212}{text}")
    }
}

/// «42,5 %», «70 %»: one decimal at most, a non-breaking space before the
/// sign — a value as set (a target, a rate of pay).
pub fn percent(x: f64) -> String {
    format!("{}{NBSP}%", decimal(x, 1))
}

/// «4,0 %», «58,3 %»: a measured share, always with one decimal, so the
/// shares of one table or report line up («4 %» beside «9,8 %» read as two
/// precisions).
pub fn share(x: f64) -> String {
    if !x.is_finite() {
        return percent(x);
    }
    // Halves up, as [`decimal`] rounds (81,25 → «81,3», not the «81,2»
    // formatting's ties-to-even would give): one value in every document.
    let r = (x * 10.0).round() / 10.0;
    format!("{r:.1}{NBSP}%").replace('.', ",")
}

/// The form of a noun after `x`: as [`plural`] for whole numbers, the
/// genitive singular (the «few» form) after a fraction: «2,5 года».
pub fn plural_of<'a>(x: f64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < WHOLE_LIMIT {
        plural(x as i64, one, few, many)
    } else {
        few
    }
}

/// «9 лет», «2,5 часа»: the number, a non-breaking space and the right form.
pub fn count_of(x: f64, one: &str, few: &str, many: &str) -> String {
    format!("{}{NBSP}{}", number(x), plural_of(x, one, few, many))
}

/// «1 год», «3 года», «9 лет», «2,5 года»: a length of service or an age.
pub fn years(x: f64) -> String {
    count_of(x, "год", "года", "лет")
}

/// «3 лет», «21 года», «2,5 года»: years in the genitive, after «больше»,
/// «старше», «моложе», «до» («старше 35 лет», «больше 1 года»).
pub fn years_genitive(x: f64) -> String {
    // A fraction governs the genitive singular in every case: «2,5 года».
    let noun = match plural_of(x, "one", "few", "many") {
        "one" => "года",
        "few" if x.fract() != 0.0 || !x.is_finite() => "года",
        _ => "лет",
    };
    format!("{}{NBSP}{noun}", number(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_carry_a_sign() {
        assert_eq!(signed(0.3, 1), "+0,3");
        assert_eq!(signed(-1.25, 1), "\u{2212}1,3");
        assert_eq!(signed(-0.04, 1), "0");
        assert_eq!(signed(0.0, 1), "0");
        assert_eq!(signed(33.3, 1), "+33,3");
    }

    #[test]
    fn whole_numbers_have_no_fraction() {
        assert_eq!(number(9.0), "9");
        assert_eq!(number(-0.0), "0");
        assert_eq!(number(2.5), "2,5");
        assert_eq!(number(0.125), "0,125");
        assert_eq!(number(1e20), "100000000000000000000");
        assert_eq!(number(f64::NAN), "NaN");
    }

    #[test]
    fn decimals_round_and_drop_zeros() {
        assert_eq!(decimal(7.25, 1), "7,3");
        assert_eq!(decimal(8.0, 1), "8");
        assert_eq!(decimal(7.96, 1), "8");
        assert_eq!(decimal(7.10, 2), "7,1");
        assert_eq!(decimal(-1.25, 1), "-1,3");
        assert_eq!(decimal(3.4, 0), "3");
        assert_eq!(percent(42.5), "42,5\u{a0}%");
        assert_eq!(percent(70.0), "70\u{a0}%");
        assert_eq!(share(4.0), "4,0\u{a0}%");
        assert_eq!(share(4.99), "5,0\u{a0}%");
        assert_eq!(share(100.0), "100,0\u{a0}%");
        assert_eq!(share(58.333), "58,3\u{a0}%");
        assert_eq!(share(81.25), "81,3\u{a0}%");
        assert_eq!(share(6.25), "6,3\u{a0}%");
    }

    #[test]
    fn nouns_after_numbers() {
        let table = [
            (1.0, "1\u{a0}год"),
            (2.0, "2\u{a0}года"),
            (5.0, "5\u{a0}лет"),
            (9.0, "9\u{a0}лет"),
            (11.0, "11\u{a0}лет"),
            (21.0, "21\u{a0}год"),
            (2.5, "2,5\u{a0}года"),
            (0.5, "0,5\u{a0}года"),
        ];
        for (x, want) in table {
            assert_eq!(years(x), want, "{x}");
        }
        assert_eq!(count_of(1.5, "час", "часа", "часов"), "1,5\u{a0}часа");
        for (x, want) in [
            (1.0, "1\u{a0}года"),
            (3.0, "3\u{a0}лет"),
            (21.0, "21\u{a0}года"),
            (35.0, "35\u{a0}лет"),
            (2.5, "2,5\u{a0}года"),
        ] {
            assert_eq!(years_genitive(x), want, "{x}");
        }
    }
}

#[cfg(test)]
mod grouped_tests {
    use super::*;

    #[test]
    fn headcounts_group_from_five_digits() {
        assert_eq!(grouped(2006.0), "2006");
        assert_eq!(grouped(50268.0), format!("50{NBSP}268"));
        assert_eq!(grouped(1_250_000.0), format!("1{NBSP}250{NBSP}000"));
        assert_eq!(grouped(-12345.0), format!("-12{NBSP}345"));
        assert_eq!(grouped(12345.5), "12345,5");
    }
}
