//! A reference to a document as staff type it in a table: «№ 14 от
//! 01.09.2025», «14 от 1 сентября 2025 г.», «№ 7-тд», «01.09.2025».
//!
//! The additional agreement and the employment contract of a mentor are
//! cited by number and date («к трудовому договору от 01.09.2019 № 27»);
//! the table holds them as one cell, read here once so no template parses
//! text. A cell saying only that the document exists («да», «есть») gives
//! neither part: the document then keeps blanks for them.

use chrono::NaiveDate;

/// The number and the date of a document, each when given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocRef {
    pub number: Option<String>,
    pub date: Option<NaiveDate>,
}

/// Reads a reference; an `Err` (in Russian) when a date is announced
/// («от …») but is not a date, so the user fixes the cell rather than
/// getting a document with a wrong date.
pub fn parse(text: &str) -> Result<DocRef, String> {
    let t = crate::text::clean(text);
    if t.is_empty() {
        return Ok(DocRef::default());
    }
    // «от» as a word: «№ 14 от 01.09.2025».
    let (number_part, date_part) = match split_word(&t, "от") {
        Some((n, d)) => (n, Some(d)),
        None => (t.as_str(), None),
    };
    let date = match date_part {
        Some(d) => Some(
            crate::russian::parse_date(d.trim_end_matches([',', ';'])).ok_or_else(|| {
                format!("после «от» ожидается дата (дд.мм.гггг), а записано «{d}»")
            })?,
        ),
        // A cell holding only a date.
        None => crate::russian::parse_date(number_part),
    };
    let number = if date_part.is_none() && date.is_some() {
        None
    } else {
        number(number_part)
    };
    Ok(DocRef { number, date })
}

/// The number after «№» (or a bare token starting with a digit); yes/no
/// words and other prose give none.
fn number(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches([',', ';']).trim();
    let stripped = t
        .strip_prefix('№')
        .or_else(|| t.strip_prefix("N "))
        .or_else(|| t.strip_prefix("No"))
        .map(str::trim);
    match stripped {
        Some(n) if !n.is_empty() => Some(n.to_owned()),
        Some(_) => None,
        None if t.chars().next().is_some_and(|c| c.is_ascii_digit()) => Some(t.to_owned()),
        None => None,
    }
}

/// Splits at the first whole word `word` (case-insensitive): the text before and after.
fn split_word<'a>(text: &'a str, word: &str) -> Option<(&'a str, &'a str)> {
    let mut at = 0;
    for part in text.split(' ') {
        if part.to_lowercase() == word {
            let before = text[..at].trim();
            let after = text[at + part.len()..].trim();
            return (!after.is_empty()).then_some((before, after));
        }
        at += part.len() + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, dd)
    }

    #[test]
    fn number_and_date_as_typed() {
        let cases: [(&str, Option<&str>, Option<NaiveDate>); 8] = [
            ("№ 14 от 01.09.2025", Some("14"), d(2025, 9, 1)),
            ("№14 от 1 сентября 2025 г.", Some("14"), d(2025, 9, 1)),
            ("14 от 01.09.2025", Some("14"), d(2025, 9, 1)),
            ("№ 7-тд", Some("7-тд"), None),
            ("от 02.09.2019", None, d(2019, 9, 2)),
            ("01.09.2025", None, d(2025, 9, 1)),
            ("да", None, None),
            ("  ", None, None),
        ];
        for (text, number, date) in cases {
            let r = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(r.number.as_deref(), number, "{text}");
            assert_eq!(r.date, date, "{text}");
        }
    }

    #[test]
    fn a_date_that_is_not_one_is_refused() {
        let e = parse("№ 3 от 31.02.2025").expect_err("no such day");
        assert!(e.contains("31.02.2025"), "{e}");
        assert!(parse("№ 3 от вчера").is_err());
    }
}
