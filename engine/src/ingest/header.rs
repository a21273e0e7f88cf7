//! Matching headers as people type them to the columns a table expects.
//!
//! A header is read as a column when, up to case, spaces, `ё`/`е`, dashes
//! and punctuation ([`key`]), it is
//! - a header `programme.json` maps to the column (`inputs.NAME.columns`);
//! - the column's title or one of its synonyms;
//! - a title or synonym followed by a clarification (in parentheses or
//!   brackets, after a comma, a slash, a colon or a dash: «Согласие на
//!   наставничество (ст. 351.8 ТК РФ)», «Должность / курс», «Стаж, лет»)
//!   or by a qualifier naming whose it is («Категория участника», «ФИО
//!   наставника»).
//!
//! The better fit wins, in that order; between two titles with a
//! clarification, the longer (more specific) one. A header is read as one
//! column at most, and a column from one header: each column takes its
//! best header (the leftmost of equals), each header its best column.

use super::sheet::Column;
use crate::text::key;
use std::collections::BTreeMap;

/// How well a header fits a column; a better fit compares greater.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// A known title or synonym (the key's length in characters) with a
    /// clarification or a qualifier after it.
    Partial(usize),
    /// A known title or synonym (the key's length in characters).
    Exact(usize),
    /// A header programme.json maps to the column.
    Mapped,
}

/// Words that say whose a column is, read after a title without a
/// separator: «Категория участника», «ФИО наставляемого» (as keys).
pub const QUALIFIERS: &[&str] = &[
    "участника",
    "участницы",
    "участников",
    "наставника",
    "наставницы",
    "наставников",
    "наставляемого",
    "наставляемой",
    "наставляемых",
    "обучающегося",
    "обучающейся",
    "обучающихся",
    "студента",
    "студентки",
    "педагога",
    "работника",
    "сотрудника",
    "респондента",
    "полностью",
    "мероприятия",
];

/// What may start a clarification after a title.
const SEPARATORS: &[char] = &['(', '[', ',', '/', '\\', ':', ';', '–', '—', '-'];

/// Only this many bytes from a header's start are tried as a title: a
/// title is short, and a hostile 256 KiB header costs no more than a
/// short one.
const PREFIX_BYTES: usize = 256;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{a0}'
}

/// Matches headers to the columns of one table.
pub struct Matcher<'c> {
    pub columns: &'c [Column],
    /// (column index, key of its title or a synonym).
    known: Vec<(usize, String)>,
    /// (key of a mapped header, column index).
    mapped: Vec<(String, usize)>,
}

impl<'c> Matcher<'c> {
    /// `mapping`: header as typed → column id (`inputs.NAME.columns`); a
    /// mapping to an id the table does not have is left out (the schema
    /// refuses it).
    pub fn new(columns: &'c [Column], mapping: &BTreeMap<String, String>) -> Self {
        let mut known = Vec::new();
        for (i, c) in columns.iter().enumerate() {
            for name in std::iter::once(&c.title).chain(c.synonyms) {
                let k = key(name);
                if !k.is_empty() {
                    known.push((i, k));
                }
            }
        }
        let mapped = mapping
            .iter()
            .filter_map(|(header, id)| {
                let k = key(header);
                let i = columns.iter().position(|c| c.id == id)?;
                (!k.is_empty()).then_some((k, i))
            })
            .collect();
        Matcher {
            columns,
            known,
            mapped,
        }
    }

    /// Every column `header` fits, with the best fit for each.
    pub fn fits(&self, header: &str) -> Vec<(usize, Fit)> {
        let mut out: Vec<(usize, Fit)> = Vec::new();
        let mut note = |i: usize, fit: Fit| match out.iter_mut().find(|(j, _)| *j == i) {
            Some((_, f)) => *f = (*f).max(fit),
            None => out.push((i, fit)),
        };
        let whole = key(header);
        if whole.is_empty() {
            return out;
        }
        for (k, i) in &self.mapped {
            if *k == whole {
                note(*i, Fit::Mapped);
            }
        }
        for (i, k) in &self.known {
            if *k == whole {
                note(*i, Fit::Exact(k.chars().count()));
            }
        }
        // The key of each prefix ending before a space or a separator,
        // built a character at a time ([`key`] maps characters one by one).
        let mut prefix = String::new();
        let mut tried = 0;
        for (cut, c) in header.char_indices() {
            if cut > PREFIX_BYTES {
                break;
            }
            let at_cut = is_space(c) || SEPARATORS.contains(&c);
            if at_cut && !prefix.is_empty() && prefix.len() != tried && prefix != whole {
                tried = prefix.len();
                let rest = &header[cut..];
                let mut clarified = None;
                for (i, k) in &self.known {
                    if *k == prefix && *clarified.get_or_insert_with(|| is_clarification(rest)) {
                        note(*i, Fit::Partial(k.chars().count()));
                    }
                }
            }
            prefix.push_str(&key(&header[cut..cut + c.len_utf8()]));
        }
        out
    }

    /// Is `header` any column's (for finding the header row)?
    pub fn fits_any(&self, header: &str) -> Option<usize> {
        self.fits(header)
            .into_iter()
            .max_by_key(|(_, f)| *f)
            .map(|(i, _)| i)
    }
}

/// What follows a title makes it a clarified title: a separator (a dash
/// with a space beside it: «E-mail» is a word), or qualifier words
/// optionally followed by a clarification.
fn is_clarification(rest: &str) -> bool {
    let r = rest.trim_start_matches(is_space);
    let spaced = r.len() != rest.len();
    let mut chars = r.chars();
    match chars.next() {
        None => false,
        Some('-') => spaced || chars.next().is_some_and(is_space),
        Some(c) if SEPARATORS.contains(&c) => true,
        Some(_) => {
            let end = r.find(|c| SEPARATORS.contains(&c)).unwrap_or(r.len());
            let (words, after) = r.split_at(end);
            let mut words = words.split(is_space).filter(|w| !w.is_empty()).peekable();
            words.peek().is_some()
                && words.all(|w| QUALIFIERS.contains(&key(w).as_str()))
                && (after.is_empty() || is_clarification(after))
        }
    }
}

/// A header of the row that is not read as a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unread {
    /// Fits no column (or only by a clarification, and the column took a
    /// better header).
    Unknown,
    /// Names a column already read from a better or earlier header, at this
    /// relative column index.
    Repeated { id: &'static str, at: usize },
}

/// The columns read from a header row.
#[derive(Debug, Clone, Default)]
pub struct Assigned {
    /// Column id → relative column index.
    pub columns: BTreeMap<&'static str, usize>,
    /// Column id → its header as typed.
    pub titles: BTreeMap<&'static str, String>,
    /// Headers not read: relative column, text, why.
    pub unread: Vec<(usize, String, Unread)>,
}

/// Assigns the headers of a row (relative column, text) to columns: each
/// column takes its best-fitting header (the leftmost of equals), each
/// header its best column.
pub fn assign(matcher: &Matcher, headers: &[(usize, String)]) -> Assigned {
    let mut candidates: Vec<(Fit, usize, usize)> = Vec::new(); // (fit, header index, column)
    let mut fits: Vec<Vec<(usize, Fit)>> = Vec::with_capacity(headers.len());
    for (h, (_, text)) in headers.iter().enumerate() {
        let f = matcher.fits(text);
        candidates.extend(f.iter().map(|(i, fit)| (*fit, h, *i)));
        fits.push(f);
    }
    // Best fit first; of equal fits, the leftmost header, then the column listed first.
    candidates.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = Assigned::default();
    let mut taken = vec![false; headers.len()];
    for (_, h, i) in candidates {
        let id = matcher.columns[i].id;
        if taken[h] || out.columns.contains_key(id) {
            continue;
        }
        taken[h] = true;
        out.columns.insert(id, headers[h].0);
        out.titles.insert(id, headers[h].1.clone());
    }
    for (h, (j, text)) in headers.iter().enumerate() {
        if taken[h] {
            continue;
        }
        // A header naming a column exactly (or mapped) repeats it; one
        // that only starts with a title is a header of its own.
        let repeated = fits[h]
            .iter()
            .filter(|(_, f)| !matches!(f, Fit::Partial(_)))
            .max_by_key(|(_, f)| *f)
            .and_then(|(i, _)| {
                let id = matcher.columns[*i].id;
                out.columns
                    .get(id)
                    .map(|at| Unread::Repeated { id, at: *at })
            });
        out.unread
            .push((*j, text.clone(), repeated.unwrap_or(Unread::Unknown)));
    }
    out
}

/// How many characters of a header's key [`nearest`] compares.
const NEAREST_CHARS: usize = 100;

/// The known title or synonym closest to an unread header, with its
/// column: one whose key the header's key holds (a title with words
/// around it), else one within a normalised edit distance.
pub fn nearest<'c>(columns: &'c [Column], header: &str) -> Option<(&'c Column, &'static str)> {
    // A title is near the start of a header: a long one is not compared
    // whole (an edit distance costs the product of the lengths).
    let k: String = key(header).chars().take(NEAREST_CHARS).collect();
    if k.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &Column, &'static str)> = None;
    for c in columns {
        for name in std::iter::once(c.title).chain(c.synonyms.iter().copied()) {
            let nk = key(name);
            if nk.is_empty() {
                continue;
            }
            let score = if nk.chars().count() >= 4 && (k.contains(&nk) || nk.contains(&k)) {
                // The longer the shared title, the nearer.
                1.0 + nk.len().min(k.len()) as f64 / nk.len().max(k.len()) as f64
            } else {
                strsim::normalized_damerau_levenshtein(&k, &nk)
            };
            if score >= 0.6 && best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, c, name));
            }
        }
    }
    best.map(|(_, c, name)| (c, name))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::people::{mentee_columns, mentor_columns};

    fn read_as(columns: &[Column], header: &str) -> Option<&'static str> {
        let m = Matcher::new(columns, &BTreeMap::new());
        let a = assign(&m, &[(0, header.to_owned())]);
        a.columns.keys().next().copied()
    }

    #[test]
    fn clarifications_and_qualifiers() {
        let c = &mentor_columns::ALL;
        for (typed, id) in [
            (
                "Согласие на наставничество (ст. 351.8 ТК РФ)",
                "consent_mentoring",
            ),
            ("Согласие на обработку ПДн (да / нет)", "consent_pd"),
            ("Категория участника", "category"),
            ("Категория участника (педагог / студент)", "category"),
            ("Должность / курс", "position"),
            ("Группа / должность", "position"),
            ("ФИО, полностью", "name"),
            ("Стаж – лет", "experience"),
            ("Тел. (рабочий)", "phone"),
            ("Доплата: размер", "pay"),
        ] {
            assert_eq!(read_as(c, typed), Some(id), "{typed}");
        }
        for typed in [
            "Согласие",
            "Категорийность",
            "Категория участника программы",
            "Доп. сведения",
            "E-mail-адрес",
        ] {
            assert_eq!(read_as(c, typed), None, "{typed}");
        }
    }

    #[test]
    fn the_most_specific_header_wins() {
        let m = Matcher::new(&mentor_columns::ALL, &BTreeMap::new());
        let headers: Vec<(usize, String)> = [
            "Согласие на наставничество (ст. 351.8 ТК РФ)",
            "Согласие на обработку ПДн",
            "Должность (курс)",
            "Должность",
        ]
        .iter()
        .enumerate()
        .map(|(j, h)| (j, (*h).to_owned()))
        .collect();
        let a = assign(&m, &headers);
        assert_eq!(a.columns.get("consent_mentoring"), Some(&0));
        assert_eq!(a.columns.get("consent_pd"), Some(&1));
        // The exact header wins over the clarified one left of it.
        assert_eq!(a.columns.get("position"), Some(&3));
        assert_eq!(
            a.unread,
            vec![(2, "Должность (курс)".to_owned(), Unread::Unknown)]
        );
    }

    #[test]
    fn the_longer_title_wins_between_clarified_headers() {
        let m = Matcher::new(&mentor_columns::ALL, &BTreeMap::new());
        let headers = vec![
            (0, "Стаж (всего)".to_owned()),
            (1, "Стаж работы, лет".to_owned()),
        ];
        let a = assign(&m, &headers);
        assert_eq!(a.columns.get("experience"), Some(&1));
        assert_eq!(
            a.unread,
            vec![(0, "Стаж (всего)".to_owned(), Unread::Unknown)]
        );
    }

    #[test]
    fn a_repeated_header_is_named_as_such() {
        let m = Matcher::new(&mentee_columns::ALL, &BTreeMap::new());
        let headers = vec![(0, "ФИО".to_owned()), (3, "Ф.И.О.".to_owned())];
        let a = assign(&m, &headers);
        assert_eq!(a.columns.get("name"), Some(&0));
        assert_eq!(
            a.unread,
            vec![(
                3,
                "Ф.И.О.".to_owned(),
                Unread::Repeated { id: "name", at: 0 }
            )]
        );
    }

    #[test]
    fn a_mapped_header_wins() {
        let mapping = BTreeMap::from([
            ("Доп. сведения".to_owned(), "position".to_owned()),
            ("Что-то".to_owned(), "no_such_field".to_owned()),
        ]);
        let m = Matcher::new(&mentor_columns::ALL, &mapping);
        let headers = vec![(0, "Должность".to_owned()), (1, "доп сведения".to_owned())];
        let a = assign(&m, &headers);
        assert_eq!(a.columns.get("position"), Some(&1));
        assert_eq!(a.unread[0].0, 0);
    }

    #[test]
    fn nearest_titles() {
        let c = &mentor_columns::ALL;
        let near = |h: &str| nearest(c, h).map(|(c, name)| (c.id, name));
        assert_eq!(near("Категоря"), Some(("category", "Категория")));
        assert_eq!(
            near("Стаж работы в должности"),
            Some(("experience", "Стаж работы"))
        );
        assert_eq!(near("Доп. сведения"), None);
    }

    #[test]
    fn a_huge_header_is_cheap() {
        let m = Matcher::new(&mentor_columns::ALL, &BTreeMap::new());
        let huge = format!("Категория {}", "(".repeat(200_000));
        let words = "Согласие на ".repeat(20_000);
        let start = std::time::Instant::now();
        assert_eq!(m.fits_any(&huge), Some(1));
        assert_eq!(m.fits_any(&words), None);
        assert_eq!(
            nearest(&mentor_columns::ALL, &words).map(|(c, _)| c.id),
            None
        );
        assert_eq!(
            nearest(&mentor_columns::ALL, &format!("Категоря {words}")).map(|(c, _)| c.id),
            None
        );
        assert!(start.elapsed() < std::time::Duration::from_secs(1));
    }
}
