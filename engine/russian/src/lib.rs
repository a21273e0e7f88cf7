//! Russian for legal documents: declension of full names (petrovich rules),
//! dates, plural forms, initials with non-breaking spaces, «ёлочки».
//!
//! Pure functions over strings: no I/O, no panics on any input.

use chrono::NaiveDate;

/// Non-breaking space, used between initials and surname («И. И. Иванов»).
pub const NBSP: char = '\u{a0}';

/// The six Russian cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    Nominative,
    Genitive,
    Dative,
    Accusative,
    Instrumental,
    Prepositional,
}

impl Case {
    /// Reads a case name: `nom`/`gen`/`dat`/`acc`/`ins`/`pre`, the Latin
    /// names, or Russian abbreviations `им`/`род`/`дат`/`вин`/`твор`/`пр`.
    pub fn parse(name: &str) -> Option<Case> {
        let _ = name;
        None
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    /// Cannot be told (a first name like «Саша» with no patronymic).
    Androgynous,
}

/// A full name split into its parts: «Иванова Мария Петровна».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullName {
    pub last: String,
    pub first: String,
    pub middle: Option<String>,
}

impl FullName {
    /// Splits «Фамилия Имя Отчество»; `None` for fewer than two words.
    pub fn parse(text: &str) -> Option<FullName> {
        let _ = text;
        None
    }
}

/// Gender of a person: from the patronymic first, then the first name
/// (petrovich `gender.json`), then the surname's ending.
pub fn gender_of(name: &FullName) -> Gender {
    let _ = name;
    Gender::Androgynous
}

/// Declines a full name («Иванова Мария Петровна») into `case`, keeping the
/// word order. `gender` overrides the detected one. Unknown shapes come back unchanged.
pub fn decline(full_name: &str, case: Case, gender: Option<Gender>) -> String {
    let _ = (case, gender);
    full_name.to_owned()
}

/// «И. И. Иванов» (initials first), non-breaking spaces.
pub fn initials_first(full_name: &str) -> String {
    full_name.to_owned()
}

/// «Иванов И. И.» (surname first), non-breaking spaces.
pub fn surname_initials(full_name: &str) -> String {
    full_name.to_owned()
}

/// Like [`surname_initials`] with the surname declined: «Сидоровым П. П.».
pub fn surname_initials_in(full_name: &str, case: Case, gender: Option<Gender>) -> String {
    let _ = (case, gender);
    full_name.to_owned()
}

/// «5 ноября 2026 г.» (non-breaking space before «г.»).
pub fn date_long(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// «05.11.2026».
pub fn date_short(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// «ноября»: month name in the genitive, 1-based month.
pub fn month_genitive(month: u32) -> &'static str {
    let _ = month;
    ""
}

/// Picks the plural form for `n`: 1 наставник, 2 наставника, 5 наставников.
pub fn plural<'a>(n: i64, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let _ = (n, few, many);
    one
}

/// «ёлочки»: «text», with inner quotes turned into „лапки“.
pub fn quote(text: &str) -> String {
    format!("«{text}»")
}
