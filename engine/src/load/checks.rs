//! Checks across tables: pairs name people who exist, nobody is listed
//! twice, a mentee is not in two pairs of one form, dates run forward.
//! Names in pairs are matched forgivingly (case, `ё`, spaces) and replaced
//! by the spelling of the «Наставники» / «Наставляемые» sheet.

use crate::diag::{cell_name, Place, Problem};
use crate::ingest::Tables;
use crate::model::RowSource;
use crate::text::key;
use std::collections::BTreeMap;

fn cell_place(source: &RowSource, column: Option<u32>) -> Place {
    match column {
        Some(c) => Place::Cell {
            file: source.file.clone(),
            sheet: source.sheet.clone(),
            cell: cell_name(c, source.row),
        },
        None => Place::Row {
            file: source.file.clone(),
            sheet: source.sheet.clone(),
            row: source.row,
        },
    }
}

/// Edit distance in characters (for suggesting a near name).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur[j + 1] = best;
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// The known name nearest to `typed`: one starting with it (a name typed
/// without the patronymic) or within a few typos.
pub fn nearest<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let k = key(typed);
    if k.is_empty() {
        return None;
    }
    let limit = (k.chars().count() / 4).clamp(1, 4);
    known
        .filter_map(|name| {
            let nk = key(name);
            let d = if nk.starts_with(&k) {
                0
            } else {
                distance(&k, &nk)
            };
            (d <= limit).then_some((d, name))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// Reports names repeated on one sheet, at the second occurrence.
fn duplicates<'a>(
    rows: impl Iterator<Item = (&'a str, &'a RowSource)>,
    column: Option<u32>,
    what: &str,
    problems: &mut Vec<Problem>,
) {
    let mut seen: BTreeMap<String, u32> = BTreeMap::new();
    for (name, source) in rows {
        match seen.get(&key(name)) {
            Some(first) => problems.push(Problem::new(
                cell_place(source, column),
                format!("{what} «{name}» уже есть на этом листе (строка {first}); уберите повтор"),
            )),
            None => {
                seen.insert(key(name), source.row);
            }
        }
    }
}

/// Runs every cross-check, fixing up pair names to their sheet spelling.
pub fn run(t: &mut Tables, problems: &mut Vec<Problem>) {
    let cols = t.columns.clone();
    duplicates(
        t.mentors.iter().map(|m| (m.name.as_str(), &m.source)),
        cols.mentor_name,
        "наставник",
        problems,
    );
    duplicates(
        t.mentees.iter().map(|m| (m.name.as_str(), &m.source)),
        cols.mentee_name,
        "наставляемый",
        problems,
    );
    let mentors: BTreeMap<String, String> = t
        .mentors
        .iter()
        .map(|m| (key(&m.name), m.name.clone()))
        .collect();
    let mentees: BTreeMap<String, String> = t
        .mentees
        .iter()
        .map(|m| (key(&m.name), m.name.clone()))
        .collect();
    let mentor_sheet = t
        .mentors
        .first()
        .map(|m| m.source.sheet.clone())
        .unwrap_or_else(|| crate::ingest::MENTORS_SHEET.to_owned());
    let mentee_sheet = t
        .mentees
        .first()
        .map(|m| m.source.sheet.clone())
        .unwrap_or_else(|| crate::ingest::MENTEES_SHEET.to_owned());
    // (mentee key, form) → row of the first pair.
    let mut placed: BTreeMap<(String, crate::model::Form), u32> = BTreeMap::new();
    for pair in &mut t.pairs {
        match mentors.get(&key(&pair.mentor)) {
            Some(name) => pair.mentor = name.clone(),
            None => problems.push(Problem::new(
                cell_place(&pair.source, cols.pair_mentor),
                unknown("наставник", &pair.mentor, &mentor_sheet, mentors.values()),
            )),
        }
        match mentees.get(&key(&pair.mentee)) {
            Some(name) => pair.mentee = name.clone(),
            None => problems.push(Problem::new(
                cell_place(&pair.source, cols.pair_mentee),
                unknown(
                    "наставляемый",
                    &pair.mentee,
                    &mentee_sheet,
                    mentees.values(),
                ),
            )),
        }
        let slot = (key(&pair.mentee), pair.form);
        match placed.get(&slot) {
            Some(first) => problems.push(Problem::new(
                cell_place(&pair.source, cols.pair_mentee),
                format!(
                    "наставляемый «{}» уже закреплён в форме «{}» (строка {first}); в одной форме у наставляемого один наставник",
                    pair.mentee, pair.form
                ),
            )),
            None => {
                placed.insert(slot, pair.source.row);
            }
        }
        if let Some(end) = pair.end {
            if end < pair.start {
                problems.push(Problem::new(
                    cell_place(&pair.source, cols.pair_end),
                    format!(
                        "дата окончания {} раньше даты начала {}",
                        crate::russian::date_short(end),
                        crate::russian::date_short(pair.start)
                    ),
                ));
            }
        }
    }
}

fn unknown<'a>(
    role: &str,
    typed: &str,
    sheet: &str,
    known: impl Iterator<Item = &'a String>,
) -> String {
    let base = format!("{role} «{typed}» не найден на листе «{sheet}»");
    match nearest(typed, known.map(String::as_str)) {
        Some(near) => format!("{base}; возможно, имелся в виду «{near}»"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_and_short_names() {
        let known = ["Иванова Мария Петровна", "Петров Иван Ильич"];
        assert_eq!(
            nearest("Иванова Мария Петровнa", known.into_iter()),
            Some("Иванова Мария Петровна")
        );
        assert_eq!(
            nearest("Иваова Мария Петровна", known.into_iter()),
            Some("Иванова Мария Петровна")
        );
        assert_eq!(
            nearest("Петров Иван", known.into_iter()),
            Some("Петров Иван Ильич")
        );
        assert_eq!(nearest("Сидоров Олег Олегович", known.into_iter()), None);
    }
}
