//! The example school scaled up, for benchmarks: its mentors, mentees, pairs
//! and survey answers copied under new, valid, declinable names until the
//! school has the size asked for. The copy is a programme a real school
//! could have typed: it loads from its XLSX without a problem.

use super::{source, MENTEES_SHEET, MENTORS_SHEET, PAIRS_SHEET, PARTICIPANTS_FILE, SURVEY_SHEET};
use crate::model::Model;
use std::collections::{BTreeMap, BTreeSet};

/// Surnames as (masculine, feminine); copy `c` takes the `c`-th one, or a
/// double surname past the list, so every copy's names are new.
const SURNAMES: [(&str, &str); 40] = [
    ("Александров", "Александрова"),
    ("Белов", "Белова"),
    ("Васильев", "Васильева"),
    ("Григорьев", "Григорьева"),
    ("Данилов", "Данилова"),
    ("Егоров", "Егорова"),
    ("Жуков", "Жукова"),
    ("Зайцев", "Зайцева"),
    ("Ильин", "Ильина"),
    ("Калинин", "Калинина"),
    ("Лебедев", "Лебедева"),
    ("Медведев", "Медведева"),
    ("Новиков", "Новикова"),
    ("Орлов", "Орлова"),
    ("Павлов", "Павлова"),
    ("Романов", "Романова"),
    ("Семёнов", "Семёнова"),
    ("Тарасов", "Тарасова"),
    ("Ушаков", "Ушакова"),
    ("Фёдоров", "Фёдорова"),
    ("Харитонов", "Харитонова"),
    ("Цветков", "Цветкова"),
    ("Чернов", "Чернова"),
    ("Шубин", "Шубина"),
    ("Щербаков", "Щербакова"),
    ("Юдин", "Юдина"),
    ("Яковлев", "Яковлева"),
    ("Абрамов", "Абрамова"),
    ("Борисов", "Борисова"),
    ("Виноградов", "Виноградова"),
    ("Горбунов", "Горбунова"),
    ("Дмитриев", "Дмитриева"),
    ("Ершов", "Ершова"),
    ("Зимин", "Зимина"),
    ("Киселёв", "Киселёва"),
    ("Логинов", "Логинова"),
    ("Максимов", "Максимова"),
    ("Никитин", "Никитина"),
    ("Осипов", "Осипова"),
    ("Поляков", "Полякова"),
];

/// The surname of copy `copy` (1-based) in the person's gender, from
/// `surnames` (those the example does not use itself).
fn surname(surnames: &[(&str, &str)], copy: usize, female: bool) -> String {
    let n = surnames.len().max(1);
    let pick = |i: usize| {
        let (m, f) = surnames
            .get(i % n)
            .copied()
            .unwrap_or(("Иванов", "Иванова"));
        if female {
            f
        } else {
            m
        }
    };
    let i = copy - 1;
    if i < n {
        pick(i).to_owned()
    } else {
        format!("{}-{}", pick(i / n - 1), pick(i % n))
    }
}

/// «Черных Любовь Ивановна» in copy 3 → «Григорьева Любовь Ивановна»: the
/// given name and patronymic stay, so the gender (read from the patronymic)
/// and the declension stay right.
fn rename(surnames: &[(&str, &str)], name: &str, copy: usize) -> String {
    if copy == 0 {
        return name.to_owned();
    }
    let mut words = name.split_whitespace();
    words.next();
    let rest: Vec<&str> = words.collect();
    let female = rest
        .last()
        .is_some_and(|p| p.ends_with("вна") || p.ends_with("чна") || p.ends_with("кызы"));
    let mut out = surname(surnames, copy, female);
    for w in rest {
        out.push(' ');
        out.push_str(w);
    }
    out
}

/// The example school with at least `participants` mentors and mentees
/// (whole copies of the example's 46). Headcounts grow with it, so coverage
/// stays what it is in the example.
pub fn scaled(participants: usize) -> Model {
    let base = super::model();
    let per_copy = (base.mentors.len() + base.mentees.len()).max(1);
    copies(&base, participants.div_ceil(per_copy).max(1))
}

/// The example school with at least `pairs` rows on its «Пары» sheet.
pub fn with_pairs(pairs: usize) -> Model {
    let base = super::model();
    copies(&base, pairs.div_ceil(base.pairs.len().max(1)).max(1))
}

/// SURNAMES without those of the example's own people, so that no copy
/// gives anyone the name of someone in copy 0.
fn fresh_surnames(base: &Model) -> Vec<(&'static str, &'static str)> {
    let used: BTreeSet<&str> = base
        .mentors
        .iter()
        .map(|x| x.name.as_str())
        .chain(base.mentees.iter().map(|x| x.name.as_str()))
        .filter_map(|n| n.split_whitespace().next())
        .collect();
    SURNAMES
        .iter()
        .copied()
        .filter(|(m, f)| !used.contains(m) && !used.contains(f))
        .collect()
}

fn copies(base: &Model, n: usize) -> Model {
    let surnames = fresh_surnames(base);
    let rename = |name: &str, c: usize| rename(&surnames, name, c);
    let mut m = base.clone();
    m.mentors.clear();
    m.mentees.clear();
    m.pairs.clear();
    m.survey.responses.clear();
    for c in 0..n {
        for x in &base.mentors {
            let mut x = x.clone();
            x.name = rename(&x.name, c);
            x.source = source(PARTICIPANTS_FILE, MENTORS_SHEET, m.mentors.len());
            m.mentors.push(x);
        }
        for x in &base.mentees {
            let mut x = x.clone();
            x.name = rename(&x.name, c);
            x.source = source(PARTICIPANTS_FILE, MENTEES_SHEET, m.mentees.len());
            m.mentees.push(x);
        }
        for p in &base.pairs {
            let mut p = p.clone();
            p.mentor = rename(&p.mentor, c);
            p.mentee = rename(&p.mentee, c);
            p.source = source(PARTICIPANTS_FILE, PAIRS_SHEET, m.pairs.len());
            m.pairs.push(p);
        }
        for r in &base.survey.responses {
            let mut r = r.clone();
            r.respondent = r.respondent.as_deref().map(|n| rename(n, c));
            r.source = source(
                super::MONITORING_FILE,
                SURVEY_SHEET,
                m.survey.responses.len(),
            );
            m.survey.responses.push(r);
        }
    }
    m.groups = crate::load::groups::assign(&mut m.pairs);
    let n32 = u32::try_from(n).unwrap_or(u32::MAX);
    m.organisation.students = base.organisation.students.saturating_mul(n32);
    m.organisation.teachers = base.organisation.teachers.saturating_mul(n32);
    m.organisation.young_teachers = base
        .organisation
        .young_teachers
        .map(|y| y.saturating_mul(n32));
    m.organisation.students_10_19 = base
        .organisation
        .students_10_19
        .map(|y| y.saturating_mul(n32));
    m.organisation.students_15_19 = base
        .organisation
        .students_15_19
        .map(|y| y.saturating_mul(n32));
    // Declension overrides are the example's own people (copy 0).
    m.declensions = base
        .declensions
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect::<BTreeMap<_, _>>();
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_have_new_unique_names_of_the_same_gender() {
        let s = [("Белов", "Белова"), ("Орлов", "Орлова")];
        assert_eq!(
            rename(&s, "Черных Любовь Ивановна", 1),
            "Белова Любовь Ивановна"
        );
        assert_eq!(rename(&s, "Шевченко Андрей Ильич", 2), "Орлов Андрей Ильич");
        assert_eq!(
            rename(&s, "Шевченко Андрей Ильич", 3),
            "Белов-Белов Андрей Ильич"
        );
        assert_eq!(
            rename(&s, "Шевченко Андрей Ильич", 0),
            "Шевченко Андрей Ильич"
        );
        let m = scaled(1000);
        assert!(m.mentors.len() + m.mentees.len() >= 1000);
        let names: BTreeSet<&str> = m
            .mentors
            .iter()
            .map(|x| x.name.as_str())
            .chain(m.mentees.iter().map(|x| x.name.as_str()))
            .collect();
        assert_eq!(names.len(), m.mentors.len() + m.mentees.len());
        assert!(with_pairs(5000).pairs.len() >= 5000);
    }

    #[test]
    fn a_scaled_school_loads_from_its_own_tables() {
        let m = scaled(300);
        let dir = tempfile::tempdir().expect("tempdir");
        for (name, bytes) in super::super::files_of(&m).expect("files") {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
            std::fs::write(path, bytes).expect("write");
        }
        let loaded = match crate::load::load(dir.path()) {
            Ok(l) => l,
            Err(e) => panic!("the scaled school does not load: {e}"),
        };
        assert_eq!(loaded.model.mentees.len(), m.mentees.len());
        assert_eq!(loaded.model.pairs.len(), m.pairs.len());
        assert_eq!(loaded.model.groups.len(), m.groups.len());
    }
}
