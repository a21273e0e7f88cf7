//! Russian for legal documents: declension of full names (petrovich rules),
//! dates, plural forms, initials with non-breaking spaces, «ёлочки».
//!
//! Pure functions over strings: no I/O, no panics on any input, the same
//! output for the same input. Every rule of the language the documents
//! need has its one home here, each concern in its own module: `case`
//! (cases, genders and the words that agree with them), `petrovich` and
//! `names` (full names), `positions` (job titles and learners' statuses),
//! `apposition` (a name with its position), `initials`, `dates` (printing
//! and reading), `numbers` and `plural`, `quotes` (quotes and typography);
//! everything public is re-exported here.
//!
//! ```
//! use nastavnik_russian::*;
//!
//! // «Назначить куратором Иванову Марию Петровну», «закрепить за Сидоровым П. П.»
//! assert_eq!(decline("Иванова Мария Петровна", Case::Accusative, None), "Иванову Марию Петровну");
//! assert_eq!(surname_initials_in("Сидоров Пётр Петрович", Case::Instrumental, None), "Сидоровым\u{a0}П.\u{a0}П.");
//! assert_eq!(initials_first("Иванов Иван Иванович"), "И.\u{a0}И.\u{a0}Иванов");
//!
//! let date = parse_date("5.11.2026").unwrap();
//! assert_eq!(date_long(date), "5\u{a0}ноября\u{a0}2026\u{a0}г.");
//! assert_eq!(count(3, "наставник", "наставника", "наставников"), "3\u{a0}наставника");
//! assert_eq!(quote("МБОУ \"СОШ № 5\""), "«МБОУ „СОШ № 5“»");
//! assert_eq!(typograph("МБОУ \"СОШ №5\", г. Омск"), "МБОУ «СОШ №\u{a0}5», г.\u{a0}Омск");
//! ```

mod apposition;
mod case;
mod dates;
mod initials;
mod names;
mod numbers;
mod petrovich;
mod plural;
mod positions;
mod quotes;

pub use apposition::{apposition, apposition_initials, join_apposition};
pub use case::{Case, Gender};
pub use dates::{
    date_long, date_short, month_genitive, month_nominative, month_year, parse_date, read_date,
    DateError,
};
pub use initials::{initials_first, surname_initials};
pub use names::{
    decline, gender_of, initials_first_in, person_gender, surname_initials_in, FullName,
};
pub use numbers::{
    count_of, decimal, grouped, number, percent, plural_of, share, signed, years, years_genitive,
};
pub use petrovich::{gender_hint, inflect, NamePart};
pub use plural::{count, plural};
pub use positions::{decline_position, position_at, position_in};
pub use quotes::{quote, typograph};

/// Non-breaking space, used between initials and surname («И. И. Иванов»).
pub const NBSP: char = '\u{a0}';
