//! Full names: splitting «Фамилия Имя Отчество», telling the gender and
//! declining the whole name while keeping everything else of the input.

use crate::case::{Case, Gender};
use crate::initials::{initials_of, surname_first_with, words};
use crate::petrovich::{gender_hint, inflect, NamePart};
use crate::NBSP;

/// A full name split into its parts: «Иванова Мария Петровна».
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullName {
    pub last: String,
    pub first: String,
    /// The patronymic; with more than three words, everything after the
    /// first name («Намик оглы»), joined with single spaces.
    pub middle: Option<String>,
}

impl FullName {
    /// Splits «Фамилия Имя Отчество»; `None` for fewer than two words.
    pub fn parse(text: &str) -> Option<FullName> {
        let words = words(text);
        let (last, first) = match words.as_slice() {
            [last, first, ..] => (*last, *first),
            _ => return None,
        };
        let rest = words.get(2..).unwrap_or(&[]);
        Some(FullName {
            last: last.to_owned(),
            first: first.to_owned(),
            middle: if rest.is_empty() {
                None
            } else {
                Some(rest.join(" "))
            },
        })
    }
}

impl std::fmt::Display for FullName {
    /// «Фамилия Имя Отчество», single spaces.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.last, self.first)?;
        if let Some(middle) = &self.middle {
            write!(f, " {middle}")?;
        }
        Ok(())
    }
}

fn decided(g: Option<Gender>) -> Option<Gender> {
    g.filter(|g| *g != Gender::Androgynous)
}

/// Gender of a person: from the patronymic first (-ич / -на, «оглы» /
/// «кызы»), then the first name (petrovich `gender.json`), then the
/// surname's ending (-ова/-ева/-ина/-ая female, -ов/-ин/-ий male), else
/// androgynous.
pub fn gender_of(name: &FullName) -> Gender {
    let from_middle = name.middle.as_deref().and_then(|m| {
        m.split_whitespace()
            .rev()
            .find_map(|w| decided(gender_hint(NamePart::Middle, w)))
    });
    from_middle
        .or_else(|| decided(gender_hint(NamePart::First, &name.first)))
        .or_else(|| decided(gender_hint(NamePart::Last, &name.last)))
        .unwrap_or(Gender::Androgynous)
}

/// Gender of a person named `full_name`: `given` (as typed in the data:
/// «female», «ж», «мужской», see [`Gender::parse`]) wins, then
/// [`gender_of`] the name. Androgynous when neither tells.
pub fn person_gender(full_name: &str, given: Option<&str>) -> Gender {
    if let Some(g) = given.and_then(Gender::parse) {
        return g;
    }
    FullName::parse(full_name)
        .map(|n| gender_of(&n))
        .unwrap_or(Gender::Androgynous)
}

/// Byte ranges of the whitespace-separated words of `text`.
fn word_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                spans.push((s, i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, text.len()));
    }
    spans
}

/// Declines a full name («Иванова Мария Петровна») into `case`, keeping the
/// word order and the spacing. `gender` overrides the detected one. Only the
/// first three words are declined; names of fewer than two words come back
/// unchanged, and so does every word the rules do not know.
pub fn decline(full_name: &str, case: Case, gender: Option<Gender>) -> String {
    let Some(name) = FullName::parse(full_name) else {
        return full_name.to_owned();
    };
    if case == Case::Nominative {
        return full_name.to_owned();
    }
    let gender = gender.unwrap_or_else(|| gender_of(&name));
    let parts = [NamePart::Last, NamePart::First, NamePart::Middle];
    let mut out = String::with_capacity(full_name.len() + 16);
    let mut done = 0;
    for (i, (start, end)) in word_spans(full_name).into_iter().enumerate() {
        let (Some(before), Some(word)) = (full_name.get(done..start), full_name.get(start..end))
        else {
            return full_name.to_owned();
        };
        out.push_str(before);
        match parts.get(i) {
            Some(part) => out.push_str(&inflect(*part, word, case, gender)),
            None => out.push_str(word),
        }
        done = end;
    }
    out.push_str(full_name.get(done..).unwrap_or(""));
    out
}

/// Like [`crate::surname_initials`] with the surname declined: «Сидоровым П. П.».
/// The gender is taken from the whole name unless given.
pub fn surname_initials_in(full_name: &str, case: Case, gender: Option<Gender>) -> String {
    let Some(name) = FullName::parse(full_name) else {
        return crate::initials::surname_initials(full_name);
    };
    let gender = gender.unwrap_or_else(|| gender_of(&name));
    let surname = inflect(NamePart::Last, &name.last, case, gender);
    let words = words(full_name);
    let given: Vec<&str> = words.iter().skip(1).take(2).copied().collect();
    if initials_of(&given).is_empty() {
        return decline(full_name, case, Some(gender));
    }
    surname_first_with(&surname, &given)
}

/// Like [`crate::initials_first`] with the surname declined: «И. И. Иванову».
/// The gender is taken from the whole name unless given.
pub fn initials_first_in(full_name: &str, case: Case, gender: Option<Gender>) -> String {
    let Some(name) = FullName::parse(full_name) else {
        return crate::initials::initials_first(full_name);
    };
    let words = words(full_name);
    let given: Vec<&str> = words.iter().skip(1).take(2).copied().collect();
    let initials = initials_of(&given);
    if initials.is_empty() {
        return decline(full_name, case, gender);
    }
    let gender = gender.unwrap_or_else(|| gender_of(&name));
    let mut out = String::new();
    for initial in initials {
        out.push_str(&initial);
        out.push(NBSP);
    }
    out.push_str(&inflect(NamePart::Last, &name.last, case, gender));
    out
}
