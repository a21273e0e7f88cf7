//! Checks across tables: pairs name people who exist, nobody is listed
//! twice, a mentee is not in two pairs of one form, dates run forward, a
//! signed survey answer's role is the respondent's role in the tables.
//! Names in pairs and of respondents are matched forgivingly (case, `ё`,
//! spaces) and replaced by the spelling of the «Наставники» /
//! «Наставляемые» sheet.

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
    let length = k.chars().count();
    let limit = (length / 4).clamp(1, 4);
    known
        .filter_map(|name| {
            let nk = key(name);
            let d = if nk.starts_with(&k) {
                0
            } else if nk.chars().count().abs_diff(length) > limit {
                // The distance is at least the difference in length: a
                // cell of 30,000 letters is compared with nothing, in no time.
                return None;
            } else {
                distance(&k, &nk)
            };
            (d <= limit).then_some((d, name))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, name)| name)
}

/// The known name closest to `typed`, however far: what a warning names
/// as «ближе всего» (an organisation typed its own way is rarely within a
/// few typos of the partner's name: «АО «Омский завод трансмаш»» is nearer
/// «АО «Омскводоканал»» by letters than the plant's full name). The name
/// sharing most words wins (a word shares with another when one is the
/// other or they open with the same five letters), then the nearer by
/// spelling. Only the first 200 letters are compared, so a huge cell
/// costs no more than a long name.
pub fn closest<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    const LETTERS: usize = 200;
    fn words(text: &str) -> Vec<String> {
        text.chars()
            .take(LETTERS)
            .collect::<String>()
            .to_lowercase()
            .replace('ё', "е")
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    }
    fn share(a: &str, b: &str) -> bool {
        a == b || {
            let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            x.len() >= 5 && y.len() >= 5 && x[..5] == y[..5]
        }
    }
    let k: String = key(typed).chars().take(LETTERS).collect();
    if k.is_empty() {
        return None;
    }
    let typed_words = words(typed);
    known
        .filter_map(|name| {
            let nk: String = key(name).chars().take(LETTERS).collect();
            if nk.is_empty() {
                return None;
            }
            let theirs = words(name);
            let shared = typed_words
                .iter()
                .filter(|w| theirs.iter().any(|t| share(w, t)))
                .count();
            Some((std::cmp::Reverse(shared), distance(&k, &nk), name))
        })
        .min_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)))
        .map(|(_, _, name)| name)
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
    survey(t, &cols, (&mentor_sheet, &mentee_sheet), problems);
    consents_agree(t, problems);
    // (mentee key, form) → row of the first pair.
    let mut placed: BTreeMap<(String, crate::model::Form), u32> = BTreeMap::new();
    // Each suggestion compares a name with every person's: past a few
    // hundred unknown names (a pairs sheet of another school) the rest are
    // named without one, so the check stays linear.
    let mut suggestions = MAX_SUGGESTIONS;
    for pair in &mut t.pairs {
        match mentors.get(&key(&pair.mentor)) {
            Some(name) => pair.mentor = name.clone(),
            None => problems.push(Problem::new(
                cell_place(&pair.source, cols.pair_mentor),
                unknown(
                    "наставник",
                    &pair.mentor,
                    &mentor_sheet,
                    mentors.values(),
                    &mut suggestions,
                ),
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
                    &mut suggestions,
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

/// One person on both sheets (a pupil who mentors and is mentored) has
/// one consent to the processing of their data: «нет» on one row and not
/// on the other would hold them back in one role and fix them by order in
/// the other. Refused at the mentee's cell, naming the mentor's.
fn consents_agree(t: &Tables, problems: &mut Vec<Problem>) {
    let mentors: BTreeMap<String, &crate::model::Mentor> =
        t.mentors.iter().map(|m| (key(&m.name), m)).collect();
    let said = |v: Option<bool>| match v {
        Some(true) => "«да»",
        Some(false) => "«нет»",
        None => "не заполнено",
    };
    for e in &t.mentees {
        let Some(m) = mentors.get(&key(&e.name)) else {
            continue;
        };
        if (m.consent_pd == Some(false)) == (e.consent_pd == Some(false)) {
            continue;
        }
        let mentor_cell = match layout_cell(t, &m.source, "consent_pd") {
            Place::Cell { cell, .. } => format!("ячейка {cell}"),
            _ => format!("строка {}", m.source.row),
        };
        problems.push(Problem::new(
            layout_cell(t, &e.source, "consent_pd"),
            format!(
                "{} — и наставник, и наставляемый: согласие на обработку персональных данных на листе «{}» ({mentor_cell}) — {}, здесь — {}; у одного человека одно согласие (отказ действует во всех ролях): исправьте одну из ячеек",
                e.name,
                m.source.sheet,
                said(m.consent_pd),
                said(e.consent_pd)
            ),
        ));
    }
}

/// The cell of `field` on `source`'s row, from the table's layout; the row
/// when the column is not known.
pub(crate) fn layout_cell(t: &Tables, source: &RowSource, field: &str) -> Place {
    t.layouts
        .iter()
        .find(|l| l.file == source.file && l.sheet == source.sheet)
        .and_then(|l| l.columns.get(field))
        .map_or_else(
            || cell_place(source, None),
            |c| Place::Cell {
                file: source.file.clone(),
                sheet: source.sheet.clone(),
                cell: format!("{}{}", c.letter, source.row),
            },
        )
}

/// Unknown names in pairs given the nearest known name; the rest are
/// named without one.
const MAX_SUGGESTIONS: usize = 200;

/// Respondents on neither sheet named one by one; the rest are counted.
const SHOWN_RESPONDENTS: usize = 5;

/// A signed survey answer is counted in the figures of its role's
/// participants only (`cast::surveyed`): a mentor's answer marked
/// «наставляемый» would be left out and the monitoring report would give
/// the wrong reason (not in the pairs order). So a respondent found on one
/// sheet only, answering in the other role, is refused at the role cell;
/// one found on neither sheet is warned of at the respondent cell (the
/// answer counts nowhere); a name found is given the sheet's spelling.
fn survey(
    t: &mut Tables,
    cols: &crate::ingest::Columns,
    (mentor_sheet, mentee_sheet): (&str, &str),
    problems: &mut Vec<Problem>,
) {
    use crate::model::SurveyRole;
    let mentors: BTreeMap<String, (&str, u32)> = t
        .mentors
        .iter()
        .map(|m| (key(&m.name), (m.name.as_str(), m.source.row)))
        .collect();
    let mentees: BTreeMap<String, (&str, u32)> = t
        .mentees
        .iter()
        .map(|m| (key(&m.name), (m.name.as_str(), m.source.row)))
        .collect();
    let mut spelled = Vec::new();
    let mut notices = Vec::new();
    // Respondents on neither sheet: key, as typed, first row, every row.
    let mut unknown: Vec<(String, &str, &crate::model::RowSource, Vec<u32>)> = Vec::new();
    let mut unknown_at: BTreeMap<String, usize> = BTreeMap::new();
    // A signed questionnaire is one per person, role and monitoring stage:
    // a row pasted twice would count one person's answers twice (the mean,
    // the satisfied share and «анкет больше, чем участников» all moved).
    let mut answered: BTreeMap<(String, SurveyRole, u8), u32> = BTreeMap::new();
    for (i, r) in t.survey.responses.iter().enumerate() {
        let Some(typed) = r.respondent.as_deref() else {
            continue;
        };
        let k = key(typed);
        let (mentor, mentee) = (mentors.get(&k), mentees.get(&k));
        let wrong = |role: &str, (name, row): (&str, u32), sheet: &str, other: &str| {
            Problem::new(
                cell_place(&r.source, cols.survey_role),
                format!(
                    "«Роль»: указано «{role}», но «{name}» есть только на листе «{sheet}» (строка {row}), а на листе «{other}» его нет: ответ не вошёл бы в показатели ни наставников, ни наставляемых; исправьте роль"
                ),
            )
        };
        match (r.role, mentor, mentee) {
            (SurveyRole::Mentor, Some((name, _)), _) | (SurveyRole::Mentee, _, Some((name, _))) => {
                // Only a participant's answer counts, so only theirs is
                // checked for repeats (answers of people on no sheet are
                // warned of below and count nowhere).
                let slot = (k.clone(), r.role, r.phase);
                if let Some(&first) = answered.get(&slot) {
                    let role = match r.role {
                        SurveyRole::Mentor => "наставник",
                        SurveyRole::Mentee => "наставляемый",
                    };
                    problems.push(Problem::new(
                        cell_place(&r.source, cols.survey_respondent),
                        format!(
                            "«{typed}»: подписанная анкета этапа мониторинга {} в роли «{role}» уже есть в строке {first}; анкета одна на участника и этап — удалите повторную строку или исправьте имя, роль или этап",
                            r.phase
                        ),
                    ));
                    continue;
                }
                answered.insert(slot, r.source.row);
                spelled.push((i, (*name).to_owned()));
            }
            (SurveyRole::Mentor, None, Some(&found)) => {
                problems.push(wrong("наставник", found, mentee_sheet, mentor_sheet));
            }
            (SurveyRole::Mentee, Some(&found), None) => {
                problems.push(wrong("наставляемый", found, mentor_sheet, mentee_sheet));
            }
            (_, None, None) => match unknown_at.get(&k) {
                Some(&at) => unknown[at].3.push(r.source.row),
                None => {
                    unknown_at.insert(k.clone(), unknown.len());
                    unknown.push((k, typed, &r.source, vec![r.source.row]));
                }
            },
        }
    }
    // Each name once, at its first cell with every row it answers in; past
    // a few names (a survey of another school's people), one notice more.
    for (_, typed, source, rows) in unknown.iter().take(SHOWN_RESPONDENTS) {
        let near = nearest(
            typed,
            mentors.values().chain(mentees.values()).map(|(n, _)| *n),
        )
        .map(|n| format!("; возможно, имелся в виду «{n}»"))
        .unwrap_or_default();
        let rows = if rows.len() > 1 {
            format!(
                " (строки {})",
                rows.iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else {
            String::new()
        };
        notices.push(Problem::new(
            cell_place(source, cols.survey_respondent),
            format!(
                "респондент «{typed}»{rows} не найден ни на листе «{mentor_sheet}», ни на листе «{mentee_sheet}»{near}: его ответ не войдёт в показатели мониторинга; исправьте ФИО или оставьте ячейку пустой, если анкета анонимная"
            ),
        ));
    }
    if let Some((_, _, source, _)) = unknown.get(SHOWN_RESPONDENTS) {
        let rest = &unknown[SHOWN_RESPONDENTS..];
        let answers: usize = rest.iter().map(|(.., rows)| rows.len()).sum();
        notices.push(Problem::new(
            Place::Sheet {
                file: source.file.clone(),
                sheet: source.sheet.clone(),
            },
            format!(
                "ещё {} ({}) {} ни на листе «{mentor_sheet}», ни на листе «{mentee_sheet}», первый — «{}» (строка {}): их ответы не войдут в показатели мониторинга; проверьте, что анкеты — этой школы и этого учебного года",
                nastavnik_russian::count(rest.len() as i64, "респондент", "респондента", "респондентов"),
                nastavnik_russian::count(answers as i64, "ответ", "ответа", "ответов"),
                nastavnik_russian::plural(rest.len() as i64, "не найден", "не найдены", "не найдены"),
                rest[0].1,
                rest[0].3[0]
            ),
        ));
    }
    for (i, name) in spelled {
        t.survey.responses[i].respondent = Some(name);
    }
    t.notices.append(&mut notices);
}

fn unknown<'a>(
    role: &str,
    typed: &str,
    sheet: &str,
    known: impl Iterator<Item = &'a String>,
    suggestions: &mut usize,
) -> String {
    let base = format!("{role} «{typed}» не найден на листе «{sheet}»");
    if *suggestions == 0 {
        return base;
    }
    *suggestions -= 1;
    match nearest(typed, known.map(String::as_str)) {
        Some(near) => format!("{base}; возможно, имелся в виду «{near}»"),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_prefers_shared_words_to_letters() {
        let partners = [
            "ОмГПУ",
            "АО «Омскводоканал»",
            "АО «Омский завод транспортного машиностроения»",
        ];
        assert_eq!(
            closest("АО «Омский завод трансмаш»", partners.into_iter()),
            Some(partners[2])
        );
        assert_eq!(
            closest("ОАО «Омскводоканал»", partners.into_iter()),
            Some(partners[1])
        );
        assert_eq!(
            closest("омгпу им. Горького", partners.into_iter()),
            Some(partners[0])
        );
        assert_eq!(closest("", partners.into_iter()), None);
        assert_eq!(closest("АО «Завод»", std::iter::empty()), None);
    }

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

    #[test]
    fn suggestions_are_bounded_in_time_and_number() {
        // A cell of 30,000 letters against 20,000 people: no distance is
        // computed (each would be 30,000 × 20 steps).
        let long = "Ж".repeat(30_000);
        let known: Vec<String> = (0..20_000)
            .map(|i| format!("Наставник {i:05} Иван"))
            .collect();
        let started = std::time::Instant::now();
        assert_eq!(nearest(&long, known.iter().map(String::as_str)), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        // Past the budget, an unknown name is named without a suggestion.
        let mut budget = 1;
        let first = unknown(
            "наставник",
            "Наставник 00001 Иваn",
            "Наставники",
            known.iter(),
            &mut budget,
        );
        assert!(
            first.contains("возможно, имелся в виду «Наставник 00001 Иван»"),
            "{first}"
        );
        let second = unknown(
            "наставник",
            "Наставник 00001 Иваn",
            "Наставники",
            known.iter(),
            &mut budget,
        );
        assert_eq!(
            second,
            "наставник «Наставник 00001 Иваn» не найден на листе «Наставники»"
        );
    }
}
