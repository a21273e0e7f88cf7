//! Plural forms of nouns after numbers: 1 наставник, 2 наставника, 5 наставников.

use crate::NBSP;

/// Picks the plural form for `n`: 1 наставник, 2 наставника, 5 наставников.
/// 11–14 take the «many» form, 21 the «one», 22 the «few»; negative numbers
/// go by their absolute value.
pub fn plural<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n = n.unsigned_abs();
    if (11..=14).contains(&(n % 100)) {
        return many;
    }
    match n % 10 {
        1 => one,
        2..=4 => few,
        _ => many,
    }
}

/// «3 наставника»: the number, a non-breaking space and the right form.
pub fn count(n: i64, one: &str, few: &str, many: &str) -> String {
    format!("{n}{NBSP}{}", plural(n, one, few, many))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(n: i64) -> &'static str {
        plural(n, "наставник", "наставника", "наставников")
    }

    #[test]
    fn russian_rule() {
        let table = [
            (0, "наставников"),
            (1, "наставник"),
            (2, "наставника"),
            (4, "наставника"),
            (5, "наставников"),
            (11, "наставников"),
            (12, "наставников"),
            (14, "наставников"),
            (15, "наставников"),
            (21, "наставник"),
            (22, "наставника"),
            (25, "наставников"),
            (101, "наставник"),
            (111, "наставников"),
            (112, "наставников"),
            (1001, "наставник"),
            (-1, "наставник"),
            (-3, "наставника"),
            (-12, "наставников"),
            (i64::MIN, "наставников"),
            (i64::MAX, "наставников"),
        ];
        for (n, want) in table {
            assert_eq!(form(n), want, "{n}");
        }
    }

    #[test]
    fn count_uses_nbsp() {
        assert_eq!(
            count(3, "наставник", "наставника", "наставников"),
            "3\u{a0}наставника"
        );
        assert_eq!(count(21, "пара", "пары", "пар"), "21\u{a0}пара");
    }
}
