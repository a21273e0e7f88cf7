//! Pairs and groups: rows of the «Пары» sheet with the same mentor and the
//! same form make one group; and ages counted on the programme's start.
//!
//! Shared by [`crate::load`] and [`crate::example`] so that the example
//! model and a loaded one are built by the same rule.

use crate::model::{Form, Group, MentorCategory, Pair};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// Gives every pair its group id and returns the groups: same mentor and
/// same form → one group; ids `001`, `002`, … in order of first appearance.
/// A group takes its role model and dates from its first row (the earliest
/// start and the latest end when rows differ).
pub fn assign(pairs: &mut [Pair]) -> Vec<Group> {
    let mut index: BTreeMap<(String, Form), usize> = BTreeMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for pair in pairs.iter_mut() {
        let key = (pair.mentor.clone(), pair.form);
        let at = match index.get(&key) {
            Some(&at) => at,
            None => {
                let at = groups.len();
                groups.push(Group {
                    id: format!("{:03}", at + 1),
                    mentor: pair.mentor.clone(),
                    form: pair.form,
                    mentees: Vec::new(),
                    role_model: pair.role_model.clone(),
                    start: pair.start,
                    end: pair.end,
                    rows: Vec::new(),
                });
                index.insert(key, at);
                at
            }
        };
        let Some(group) = groups.get_mut(at) else {
            continue;
        };
        pair.group = group.id.clone();
        group.mentees.push(pair.mentee.clone());
        group.rows.push(pair.source.clone());
        if group.role_model.is_none() {
            group.role_model = pair.role_model.clone();
        }
        if pair.start < group.start {
            group.start = pair.start;
        }
        group.end = match (group.end, pair.end) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }
    groups
}

/// Each participant's age on the day a consent is needed: the start of
/// their first pair (the programme's start when they are in none). A
/// student who turns 18 between the programme's start and the pair's
/// signs for herself; a parent cannot consent for an adult (152-ФЗ ст. 9).
/// A mentor is [`Mentor::minor`](crate::model::Mentor::minor) — a parent
/// signs for her — when a pupil, or the organisation's own student under
/// [`ADULT_AGE`] on that day.
pub fn ages_at_start(
    mentors: &mut [crate::model::Mentor],
    mentees: &mut [crate::model::Mentee],
    pairs: &[crate::model::Pair],
    programme_start: NaiveDate,
) {
    // Each participant's first start, in one pass over the pairs (looking
    // the pairs up per mentee was quadratic: 4 % of `check` on 10,000).
    let mut first: std::collections::HashMap<&str, NaiveDate> =
        std::collections::HashMap::with_capacity(pairs.len());
    let mut first_as_mentor: std::collections::HashMap<&str, NaiveDate> =
        std::collections::HashMap::new();
    for p in pairs {
        first
            .entry(p.mentee.as_str())
            .and_modify(|d| *d = (*d).min(p.start))
            .or_insert(p.start);
        first_as_mentor
            .entry(p.mentor.as_str())
            .and_modify(|d| *d = (*d).min(p.start))
            .or_insert(p.start);
    }
    for m in mentees {
        let start = first
            .get(m.name.as_str())
            .copied()
            .unwrap_or(programme_start);
        m.age = m.birth_date.map(|b| age_on(b, start));
    }
    for m in mentors {
        let start = first_as_mentor
            .get(m.name.as_str())
            .copied()
            .unwrap_or(programme_start);
        m.age = m.birth_date.map(|b| age_on(b, start));
        m.minor = match m.category {
            // A pupil is a minor unless her birth date says she is 18 at
            // the start of her first pair (an 11th-grader, a learner of an
            // additional-education centre): a parent cannot consent for an
            // adult (152-ФЗ ст. 9).
            MentorCategory::Pupil => m.age.is_none_or(|a| a < ADULT_AGE),
            MentorCategory::Student => {
                let own = !m.employee
                    && m.organisation
                        .as_deref()
                        .is_none_or(|o| o.trim().is_empty());
                own && m.age.is_some_and(|a| a < ADULT_AGE)
            }
            _ => false,
        };
    }
}

/// The age from which a person signs their own consent (ГК РФ ст. 21;
/// the rules' `adult_age` parameter says the same).
pub const ADULT_AGE: u32 = 18;

/// Full years between `birth` and `on` (0 when born after `on`).
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::RowSource;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date")
    }

    fn pair(mentor: &str, mentee: &str, form: Form, row: u32) -> Pair {
        Pair {
            mentor: mentor.into(),
            mentee: mentee.into(),
            form,
            role_model: None,
            start: date(2025, 10, 1),
            end: None,
            group: String::new(),
            source: RowSource {
                file: "p.xlsx".into(),
                sheet: "Пары".into(),
                row,
            },
        }
    }

    #[test]
    fn same_mentor_and_form_make_one_group_in_order_of_appearance() {
        let mut pairs = vec![
            pair("А", "1", Form::PupilPupil, 3),
            pair("Б", "2", Form::PupilPupil, 4),
            pair("А", "3", Form::PupilPupil, 5),
            pair("А", "4", Form::StudentPupil, 6),
        ];
        let groups = assign(&mut pairs);
        let ids: Vec<&str> = pairs.iter().map(|p| p.group.as_str()).collect();
        assert_eq!(ids, ["001", "002", "001", "003"]);
        assert_eq!(groups.len(), 3);
        assert_eq!(groups[0].mentees, ["1", "3"]);
        assert!(groups[0].is_group());
        assert_eq!(
            groups[0].rows.iter().map(|r| r.row).collect::<Vec<_>>(),
            [3, 5]
        );
        assert!(!groups[2].is_group());
    }

    #[test]
    fn age_counts_full_years() {
        assert_eq!(age_on(date(2012, 9, 1), date(2025, 9, 1)), 13);
        assert_eq!(age_on(date(2012, 9, 2), date(2025, 9, 1)), 12);
        assert_eq!(age_on(date(2026, 1, 1), date(2025, 9, 1)), 0);
    }
}
