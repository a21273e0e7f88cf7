//! Dates as Russian documents write them, and reading them back from tables.

use chrono::{Datelike, NaiveDate};

use crate::NBSP;

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// Whether `word` is a month's name in the genitive («июня»): a date typed
/// in a text is bound to its day and year by [`crate::typograph`].
pub fn is_month_genitive(word: &str) -> bool {
    MONTHS_GENITIVE.contains(&word)
}

/// «5 ноября 2026 г.», all spaces non-breaking: a date never breaks at a
/// line end («по 30 | июня 2026 г.»).
pub fn date_long(date: NaiveDate) -> String {
    format!(
        "{}{NBSP}{}{NBSP}{}{NBSP}г.",
        date.day(),
        month_genitive(date.month()),
        date.year()
    )
}

/// «05.11.2026».
pub fn date_short(date: NaiveDate) -> String {
    format!("{:02}.{:02}.{:04}", date.day(), date.month(), date.year())
}

/// «ноября»: month name in the genitive, 1-based month; empty outside 1–12.
pub fn month_genitive(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS_GENITIVE.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// Month names in the nominative: the heading of a month in a schedule.
const MONTHS_NOMINATIVE: [&str; 12] = [
    "январь",
    "февраль",
    "март",
    "апрель",
    "май",
    "июнь",
    "июль",
    "август",
    "сентябрь",
    "октябрь",
    "ноябрь",
    "декабрь",
];

/// «сентябрь»: month name in the nominative, 1-based; empty outside 1–12.
pub fn month_nominative(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS_NOMINATIVE.get(i as usize))
        .copied()
        .unwrap_or("")
}

/// «сентябрь 2025»: a month of a schedule.
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", month_nominative(date.month()), date.year())
}

/// Why a text is not a date: its shape, or a day the calendar lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not written as a date at all («сентябрь», «5.11.26»).
    NotADate,
    /// Written as a date, but there is no such day (31.02.2026, 05.13.2026).
    NoSuchDay,
}

fn number(text: &str, min_len: usize, max_len: usize) -> Option<u32> {
    let len = text.len();
    if len < min_len || len > max_len || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn ymd(year: &str, month: &str, day: &str) -> Result<NaiveDate, DateError> {
    let (Some(y), Some(m), Some(d)) = (number(year, 4, 4), number(month, 1, 2), number(day, 1, 2))
    else {
        return Err(DateError::NotADate);
    };
    let year = i32::try_from(y).map_err(|_| DateError::NotADate)?;
    NaiveDate::from_ymd_opt(year, m, d).ok_or(DateError::NoSuchDay)
}

/// Reads a date as people type it in tables: «05.11.2026», «5.11.2026»,
/// «05/11/2026», «2026-11-05», «05.11.2026 г.», «5 ноября 2026 г.»,
/// ««5» ноября 2026 года». Tells a text that is not a date from a day the
/// calendar lacks (31.02.2026), so a message can say which.
pub fn read_date(text: &str) -> Result<NaiveDate, DateError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let words = match words.as_slice() {
        [rest @ .., "г." | "г" | "года" | "год"] => rest,
        all => all,
    };
    match words {
        [numeric] => {
            let numeric = numeric
                .strip_suffix("г.")
                .or_else(|| numeric.strip_suffix('г'))
                .unwrap_or(numeric);
            let numeric = numeric.strip_suffix('.').unwrap_or(numeric);
            let parts: Vec<&str> = numeric.split(['.', '/', '-']).collect();
            match parts.as_slice() {
                [y, m, d] if y.len() == 4 => ymd(y, m, d),
                [d, m, y] => ymd(y, m, d),
                _ => Err(DateError::NotADate),
            }
        }
        [day, month, year] => {
            let day = day
                .trim_start_matches(['«', '"'])
                .trim_end_matches(['»', '"']);
            let month = month.to_lowercase();
            let index = MONTHS_GENITIVE
                .iter()
                .position(|m| *m == month)
                .ok_or(DateError::NotADate)?;
            let year = year.strip_suffix("г.").unwrap_or(year);
            ymd(year, &(index + 1).to_string(), day)
        }
        _ => Err(DateError::NotADate),
    }
}

/// [`read_date`] when only whether it is a date matters.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    read_date(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn formats() {
        assert_eq!(date_long(d(2026, 11, 5)), "5\u{a0}ноября\u{a0}2026\u{a0}г.");
        assert_eq!(date_long(d(2025, 3, 31)), "31\u{a0}марта\u{a0}2025\u{a0}г.");
        assert_eq!(date_short(d(2026, 11, 5)), "05.11.2026");
        assert_eq!(date_short(d(2026, 1, 25)), "25.01.2026");
    }

    #[test]
    fn month_names() {
        assert_eq!(month_genitive(1), "января");
        assert_eq!(month_genitive(5), "мая");
        assert_eq!(month_genitive(12), "декабря");
        assert_eq!(month_genitive(0), "");
        assert_eq!(month_genitive(13), "");
        assert_eq!(month_genitive(u32::MAX), "");
    }

    #[test]
    fn parses_the_usual_forms() {
        let want = Some(d(2026, 11, 5));
        for text in [
            "05.11.2026",
            "5.11.2026",
            " 2026-11-05 ",
            "5 ноября 2026 г.",
            "5\u{a0}ноября\u{a0}2026\u{a0}г.",
            "5 ноября 2026",
            "05 Ноября 2026 года",
            "«5» ноября 2026 г.",
            "5 ноября 2026г.",
            "05.11.2026.",
            "05/11/2026",
            "05.11.2026 г.",
            "05.11.2026г.",
        ] {
            assert_eq!(parse_date(text), want, "{text}");
        }
    }

    #[test]
    fn rejects_impossible_and_malformed() {
        for text in [
            "31.02.2026",
            "29.02.2025",
            "00.01.2026",
            "05.13.2026",
            "5.11.26",
            "2026-02-30",
            "5 нояб 2026",
            "",
            "завтра",
            "+5.11.2026",
            "1.1.20266",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
        assert_eq!(parse_date("29.02.2024"), Some(d(2024, 2, 29)));
    }

    #[test]
    fn tells_a_missing_day_from_a_non_date() {
        for text in [
            "31.02.2026",
            "00.01.2026",
            "05.13.2026",
            "2026-02-30",
            "30 февраля 2026 г.",
        ] {
            assert_eq!(read_date(text), Err(DateError::NoSuchDay), "{text}");
        }
        for text in [
            "сентябрь",
            "5.11.26",
            "до 15.09.2025",
            "сентябрь 2025",
            "1.2.3.2025",
        ] {
            assert_eq!(read_date(text), Err(DateError::NotADate), "{text}");
        }
    }

    #[test]
    fn months_in_the_nominative() {
        assert_eq!(month_nominative(9), "сентябрь");
        assert_eq!(month_nominative(0), "");
        assert_eq!(month_nominative(13), "");
        assert_eq!(month_year(d(2025, 9, 1)), "сентябрь 2025");
    }

    #[test]
    fn long_form_round_trips() {
        let date = d(2027, 5, 1);
        assert_eq!(parse_date(&date_long(date)), Some(date));
        assert_eq!(parse_date(&date_short(date)), Some(date));
    }
}
