//! Reading one cell's value the way school staff type it: dates as Excel
//! dates or text `дд.мм.гггг`, yes/no in many spellings, numbers typed as
//! text with a decimal comma. Each reader returns `Ok(None)` for a blank
//! cell and `Err(message)` (in Russian, without the place: the caller adds
//! `file › sheet › cell`) for a value it cannot read.

use crate::text::{clean, key};
use calamine::{Data, DataType};
use chrono::{Datelike, NaiveDate};

/// The years a date may fall in: a date outside them is a typing slip or
/// a wrong number formatted as a date (Excel serial −700000 is the year
/// 0053), and is refused with its cell rather than printed.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// What a cell holds, for a message: `записано «…»`, or the Excel error a
/// formula left there (`в ячейке ошибка формулы #DIV/0!`).
pub fn written(data: &Data) -> String {
    match data {
        Data::Error(e) => format!("в ячейке ошибка формулы {e}"),
        other => match text(other) {
            Ok(Some(t)) => format!("записано «{t}»"),
            Ok(None) => "ячейка пуста".to_owned(),
            Err(message) => message,
        },
    }
}

/// An Excel error value left by a formula, refused by every reader.
fn formula_error(e: &calamine::CellErrorType) -> String {
    format!("в ячейке ошибка формулы {e}; исправьте формулу или впишите значение")
}

/// A date within [`YEARS`]; `typed` shows it in the message.
fn in_years(date: NaiveDate, typed: impl FnOnce() -> String) -> Result<Option<NaiveDate>, String> {
    if YEARS.contains(&date.year()) {
        Ok(Some(date))
    } else {
        Err(format!(
            "дата «{}» вне {}–{} годов; проверьте год",
            typed(),
            YEARS.start(),
            YEARS.end()
        ))
    }
}

/// A date cell's date, `None` when calamine cannot make one of it.
fn cell_date(data: &Data) -> Result<NaiveDate, String> {
    let unreadable = || "в ячейке дата, которую не удаётся прочитать".to_owned();
    // calamine turns the serial number into milliseconds for chrono, which
    // panics past ±1e11 days (a serial of 1e20 from a damaged file): a
    // serial within ±1e9 days is handed over (chrono then says whether it
    // is a date at all, and the years are checked after).
    if let Data::DateTime(d) = data {
        if !(-1.0e9..=1.0e9).contains(&d.as_f64()) {
            return Err(unreadable());
        }
    }
    data.as_date().ok_or_else(unreadable)
}

/// Is the cell blank (nothing, or only spaces)?
pub fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty() || s.chars().all(|c| c.is_whitespace()),
        _ => false,
    }
}

/// The cell as text, trimmed and with inner spaces collapsed; whole numbers
/// without `.0`, dates as `дд.мм.гггг`, booleans as «да»/«нет».
pub fn text(data: &Data) -> Result<Option<String>, String> {
    let out = match data {
        Data::Empty => return Ok(None),
        Data::String(s) => clean(s),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => crate::russian::number(*f),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_owned(),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            let d = cell_date(data)?;
            in_years(d, || crate::russian::date_short(d))?;
            crate::russian::date_short(d)
        }
        Data::DurationIso(s) => clean(s),
        Data::Error(e) => return Err(formula_error(e)),
    };
    Ok((!out.is_empty()).then_some(out))
}

/// A date: an Excel date cell, or text `дд.мм.гггг` / `д.м.гггг` (also with
/// `/` or `-`, a trailing «г.», or ISO `гггг-мм-дд`). An impossible date
/// (31.02.2026) or one outside [`YEARS`] is an error naming it.
pub fn date(data: &Data) -> Result<Option<NaiveDate>, String> {
    match data {
        Data::Empty => Ok(None),
        Data::DateTime(_) | Data::DateTimeIso(_) => {
            let d = cell_date(data)?;
            in_years(d, || crate::russian::date_short(d))
        }
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => parse_date_text(s),
        Data::Error(e) => Err(formula_error(e)),
        other => Err(format!("ожидается дата (дд.мм.гггг), а {}", written(other))),
    }
}

/// Parses a date typed as text; see [`date`]. The forms a date may take
/// are the Russian crate's ([`crate::russian::read_date`]).
pub fn parse_date_text(s: &str) -> Result<Option<NaiveDate>, String> {
    let typed = clean(s);
    match crate::russian::read_date(&typed) {
        Ok(date) => in_years(date, || typed.clone()),
        Err(crate::russian::DateError::NoSuchDay) => {
            Err(format!("такой даты нет в календаре: «{typed}»"))
        }
        Err(crate::russian::DateError::NotADate) => Err(format!(
            "ожидается дата в виде дд.мм.гггг, а записано «{typed}»"
        )),
    }
}

/// Yes or no: да/нет, +/-, 1/0, yes/no, истина/ложь, true/false, ✓/✗,
/// есть/имеется, а также «выполнено»/«не выполнено».
pub fn yes_no(data: &Data) -> Result<Option<bool>, String> {
    match data {
        Data::Empty => Ok(None),
        Data::Bool(b) => Ok(Some(*b)),
        Data::Int(1) => Ok(Some(true)),
        Data::Int(0) => Ok(Some(false)),
        Data::Float(f) if *f == 1.0 => Ok(Some(true)),
        Data::Float(f) if *f == 0.0 => Ok(Some(false)),
        Data::String(s) => parse_yes_no(s),
        Data::Error(e) => Err(formula_error(e)),
        other => Err(format!("ожидается «да» или «нет», а {}", written(other))),
    }
}

/// A consent cell: «да» / «нет» as [`yes_no`], but a dash is a blank, not a
/// refusal. A dash in a consent column is what people type for «нет
/// сведений»; read as «нет» it made the documents state that a parent had
/// refused, and no consent form was prepared.
pub fn consent(data: &Data) -> Result<Option<bool>, String> {
    if let Data::String(s) = data {
        if matches!(clean(s).as_str(), "-" | "–" | "—") {
            return Ok(None);
        }
    }
    yes_no(data)
}

/// Reads yes/no text; see [`yes_no`].
pub fn parse_yes_no(s: &str) -> Result<Option<bool>, String> {
    let t = clean(s).to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    let yes = [
        "да",
        "+",
        "1",
        "yes",
        "y",
        "истина",
        "true",
        "✓",
        "✔",
        "v",
        "есть",
        "имеется",
        "д",
    ];
    let no = [
        "нет", "-", "–", "—", "0", "no", "n", "ложь", "false", "✗", "✘", "×", "н",
    ];
    if yes.contains(&t.as_str()) {
        return Ok(Some(true));
    }
    if no.contains(&t.as_str()) {
        return Ok(Some(false));
    }
    let k = key(&t);
    if k.starts_with("не") && (k.contains("выполн") || k.contains("провед")) {
        return Ok(Some(false));
    }
    // «выполнено частично», «выполнено не полностью», «проведено, но
    // перенесено»: not done. Read as «да» they made a partial event count
    // as done in every figure.
    if [
        "частич",
        "не полност",
        "не в полном",
        "в процессе",
        "перенес",
        "отмен",
    ]
    .iter()
    .any(|q| t.contains(q))
    {
        return Ok(Some(false));
    }
    if k.starts_with("выполн") || k.starts_with("проведен") || k == "получено" || k == "есть"
    {
        return Ok(Some(true));
    }
    Err(format!(
        "ожидается «да» или «нет», а записано «{}»",
        clean(s)
    ))
}

/// A number, possibly typed as text with a decimal comma («2,5») or with a
/// unit after it («3 года»).
pub fn number(data: &Data) -> Result<Option<f64>, String> {
    match data {
        Data::Empty => Ok(None),
        Data::Int(i) => Ok(Some(*i as f64)),
        Data::Float(f) if f.is_finite() => Ok(Some(*f)),
        Data::String(s) => parse_number_text(s),
        Data::Error(e) => Err(formula_error(e)),
        other => Err(format!("ожидается число, а {}", written(other))),
    }
}

/// Reads a number typed as text; see [`number`].
pub fn parse_number_text(s: &str) -> Result<Option<f64>, String> {
    let t = clean(s);
    if t.is_empty() {
        return Ok(None);
    }
    let head: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))
        .filter(|c| *c != ' ')
        .collect();
    let rest = t
        .chars()
        .skip_while(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ' '))
        .collect::<String>();
    let unit_ok = rest.is_empty()
        || rest
            .chars()
            .all(|c| c.is_alphabetic() || c == '.' || c == ' ');
    match head.replace(',', ".").parse::<f64>() {
        Ok(n) if unit_ok && n.is_finite() => Ok(Some(n)),
        _ => Err(format!("ожидается число, а записано «{t}»")),
    }
}

/// A whole number (a stage, a phase, a score), also typed as text («2»,
/// «этап 2»).
pub fn whole(data: &Data) -> Result<Option<i64>, String> {
    let wrong = || format!("ожидается целое число, а {}", written(data));
    match data {
        Data::Empty => Ok(None),
        Data::Int(i) => Ok(Some(*i)),
        Data::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 => {
            Ok(Some(*f as i64))
        }
        Data::String(s) if s.trim().is_empty() => Ok(None),
        Data::String(s) => {
            let digits: Vec<&str> = s
                .split(|c: char| !c.is_ascii_digit())
                .filter(|p| !p.is_empty())
                .collect();
            match digits.as_slice() {
                [one] if one.len() <= 9 => one.parse().map(Some).map_err(|_| wrong()),
                _ => Err(wrong()),
            }
        }
        Data::Error(e) => Err(formula_error(e)),
        _ => Err(wrong()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(t: &str) -> Data {
        Data::String(t.to_owned())
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).expect("date")
    }

    #[test]
    fn text_dates_in_several_spellings() {
        assert_eq!(date(&s("01.09.2025")), Ok(Some(d(2025, 9, 1))));
        assert_eq!(date(&s(" 1.9.2025 ")), Ok(Some(d(2025, 9, 1))));
        assert_eq!(date(&s("01.09.2025 г.")), Ok(Some(d(2025, 9, 1))));
        assert_eq!(date(&s("2025-09-01")), Ok(Some(d(2025, 9, 1))));
        assert_eq!(date(&s("01/09/2025")), Ok(Some(d(2025, 9, 1))));
        assert_eq!(date(&Data::Empty), Ok(None));
        assert_eq!(
            date(&s("31.02.2026")),
            Err("такой даты нет в календаре: «31.02.2026»".to_owned())
        );
        assert_eq!(
            date(&s("сентябрь")),
            Err("ожидается дата в виде дд.мм.гггг, а записано «сентябрь»".to_owned())
        );
        assert!(date(&s("01.09.25")).is_err());
    }

    #[test]
    fn a_date_serial_past_any_calendar_is_refused_not_a_panic() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let serial =
            |v: f64| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        for v in [1e20, -1e20, f64::NAN, f64::INFINITY] {
            assert_eq!(
                date(&serial(v)),
                Err("в ячейке дата, которую не удаётся прочитать".to_owned()),
                "{v}"
            );
        }
        assert_eq!(date(&serial(45_901.0)), Ok(Some(d(2025, 9, 1))));
    }

    #[test]
    fn yes_no_spellings() {
        for t in ["да", "Да ", "+", "1", "yes", "Истина", "✓", "выполнено"] {
            assert_eq!(yes_no(&s(t)), Ok(Some(true)), "{t}");
        }
        for t in ["нет", "-", "0", "No", "ложь", "не выполнено"] {
            assert_eq!(yes_no(&s(t)), Ok(Some(false)), "{t}");
        }
        for t in [
            "выполнено частично",
            "выполнено не полностью",
            "перенесено",
            "в процессе",
            "отменено",
        ] {
            assert_eq!(yes_no(&s(t)), Ok(Some(false)), "{t}");
        }
        for t in ["-", "—"] {
            assert_eq!(consent(&s(t)), Ok(None), "a dash in a consent cell: {t}");
        }
        assert_eq!(consent(&s("нет")), Ok(Some(false)));
        assert_eq!(yes_no(&Data::Float(1.0)), Ok(Some(true)));
        assert_eq!(yes_no(&Data::Bool(false)), Ok(Some(false)));
        assert_eq!(
            yes_no(&s("может быть")),
            Err("ожидается «да» или «нет», а записано «может быть»".to_owned())
        );
    }

    #[test]
    fn numbers_with_comma_and_units() {
        assert_eq!(number(&s("2,5")), Ok(Some(2.5)));
        assert_eq!(number(&s("3 года")), Ok(Some(3.0)));
        assert_eq!(number(&Data::Int(7)), Ok(Some(7.0)));
        assert!(number(&s("много")).is_err());
        assert_eq!(whole(&s("этап 2")), Ok(Some(2)));
        assert_eq!(whole(&Data::Float(3.0)), Ok(Some(3)));
        assert!(whole(&Data::Float(2.5)).is_err());
    }

    #[test]
    fn formula_errors_are_named_by_every_reader() {
        let e = Data::Error(calamine::CellErrorType::Div0);
        type Reader = fn(&Data) -> Result<(), String>;
        let readers: [Reader; 5] = [
            |d| text(d).map(|_| ()),
            |d| date(d).map(|_| ()),
            |d| yes_no(d).map(|_| ()),
            |d| number(d).map(|_| ()),
            |d| whole(d).map(|_| ()),
        ];
        for read in readers {
            let message = read(&e).expect_err("an error value");
            assert!(
                message.starts_with("в ячейке ошибка формулы #DIV/0!"),
                "{message}"
            );
        }
        assert_eq!(
            written(&Data::Error(calamine::CellErrorType::NA)),
            "в ячейке ошибка формулы #N/A"
        );
        assert_eq!(
            whole(&Data::Float(2.5)),
            Err("ожидается целое число, а записано «2,5»".to_owned())
        );
    }

    #[test]
    fn dates_outside_1900_2100_are_refused() {
        assert_eq!(
            date(&s("31.12.1800")),
            Err("дата «31.12.1800» вне 1900–2100 годов; проверьте год".to_owned())
        );
        assert!(date(&s("01.01.2101")).is_err());
        assert_eq!(date(&s("01.01.1900")), Ok(Some(d(1900, 1, 1))));
        assert_eq!(date(&s("31.12.2100")), Ok(Some(d(2100, 12, 31))));
        // Excel serial −700000 and 2,958,465 (31.12.9999) as date cells.
        for serial in [-700_000.0, 2_958_465.0] {
            let cell = Data::DateTime(calamine::ExcelDateTime::new(
                serial,
                calamine::ExcelDateTimeType::DateTime,
                false,
            ));
            let message = date(&cell).expect_err("out of range");
            assert!(message.contains("вне 1900–2100 годов"), "{message}");
            assert!(text(&cell).is_err());
        }
    }

    #[test]
    fn text_of_numbers_has_no_trailing_zero() {
        assert_eq!(text(&Data::Float(10.0)), Ok(Some("10".to_owned())));
        assert_eq!(text(&s("  10  «А» ")), Ok(Some("10 «А»".to_owned())));
        assert_eq!(text(&s("   ")), Ok(None));
    }
}
