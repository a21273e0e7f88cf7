//! Russian for legal documents: declension of full names (petrovich rules),
//! dates, plural forms, initials with non-breaking spaces, «ёлочки».
//!
//! Pure functions over strings: no I/O, no panics on any input.
//! Each concern lives in its own module; everything public is re-exported here.

mod case;
mod dates;
mod initials;
mod names;
mod petrovich;
mod plural;
mod quotes;

pub use case::{Case, Gender};
pub use dates::{date_long, date_short, month_genitive, parse_date};
pub use initials::{initials_first, surname_initials};
pub use names::{decline, gender_of, initials_first_in, surname_initials_in, FullName};
pub use petrovich::{gender_hint, inflect, NamePart};
pub use plural::{count, plural};
pub use quotes::{quote, typograph};

/// Non-breaking space, used between initials and surname («И. И. Иванов»).
pub const NBSP: char = '\u{a0}';
