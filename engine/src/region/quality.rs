//! Data-quality notes of the region's summary: what in the schools' inputs
//! looks copied or contradicts itself, for the centre to ask about before
//! it sends the figures on. Nothing here changes a figure; each note names
//! the schools and what they share or where they disagree.
//!
//! - one head, one pair of headcounts or one programme title for several
//!   schools (a programme.json copied from a neighbour and not edited);
//! - a full name whose town («… города Омска») is neither the school's
//!   municipality nor its `city`;
//! - full and short names giving different numbers («№ 110» and «№ 111»).

use crate::batch::School;
use std::collections::BTreeMap;

/// The notes on `schools` (accepted and refused alike), in a fixed order.
pub fn notes(schools: &[School]) -> Vec<String> {
    let mut out = Vec::new();
    same(
        &mut out,
        schools,
        |s| s.head.as_deref().map(crate::text::key),
        |s| {
            format!(
                "один и тот же руководитель ({})",
                crate::russian::surname_initials(s.head.as_deref().unwrap_or_default())
            )
        },
    );
    same(
        &mut out,
        schools,
        |s| {
            s.figures
                .as_ref()
                .map(|f| format!("{}/{}", f.learners.total, f.teachers.total))
        },
        |s| {
            let f = s.figures.as_ref();
            format!(
                "одинаковая численность обучающихся и педагогических работников ({} и {})",
                f.map_or(0, |f| f.learners.total),
                f.map_or(0, |f| f.teachers.total)
            )
        },
    );
    same(
        &mut out,
        schools,
        |s| s.programme_title.as_deref().map(crate::text::key),
        |s| {
            format!(
                "одно и то же название программы («{}»)",
                s.programme_title.as_deref().unwrap_or_default()
            )
        },
    );
    for s in schools {
        if let Some(note) = town_disagrees(s) {
            out.push(note);
        }
        if let Some(note) = numbers_disagree(s) {
            out.push(note);
        }
    }
    out
}

/// One note per value shared by two or more schools of different full
/// names (the same school in two folders is refused as a copy already).
fn same(
    out: &mut Vec<String>,
    schools: &[School],
    key: impl Fn(&School) -> Option<String>,
    what: impl Fn(&School) -> String,
) {
    let mut by: BTreeMap<String, Vec<&School>> = BTreeMap::new();
    for s in schools {
        if let Some(k) = key(s).filter(|k| !k.is_empty()) {
            by.entry(k).or_default().push(s);
        }
    }
    // Schools of one full name are one school (a copy is refused as such).
    let distinct = |l: &&Vec<&School>| {
        l.iter()
            .map(|s| s.organisation.as_deref().map(crate::text::key))
            .collect::<std::collections::BTreeSet<_>>()
            .len()
            > 1
    };
    for list in by.values().filter(distinct) {
        let names: Vec<String> = list.iter().map(|s| s.name()).collect();
        out.push(format!(
            "{} у {} организаций: {} — проверьте, не скопированы ли данные у другой организации",
            what(list[0]),
            list.len(),
            names.join("; ")
        ));
    }
}

/// The town a full name says the school is in: the word after «города» or
/// «г.» («МБОУ «СОШ № 101» города Омска» → «Омска»).
fn named_town(full_name: &str) -> Option<&str> {
    let words: Vec<&str> = full_name.split_whitespace().collect();
    words.windows(2).find_map(|w| {
        matches!(w[0], "города" | "г." | "г")
            .then(|| w[1].trim_matches(|c: char| !c.is_alphabetic() && c != '-'))
    })
}

/// The stem a town's genitive shares with its adjective and nominative:
/// «Омска» → «омс» (Омск, Омский), «Калачинска» → «калачинс», «Тары» →
/// «тар», «Исилькуля» → «исилькул».
fn town_stem(genitive: &str) -> String {
    let mut w = crate::text::key(genitive);
    if w.ends_with(['а', 'я', 'ы', 'и', 'у', 'е']) {
        w.pop();
    }
    if w.ends_with("ск") {
        w.pop();
    }
    w
}

fn town_disagrees(s: &School) -> Option<String> {
    let full = s.organisation.as_deref()?;
    let municipality = s.municipality.as_deref()?;
    let town = named_town(full)?;
    let stem = town_stem(town);
    if stem.chars().count() < 3 {
        return None;
    }
    let within = |t: Option<&str>| t.is_some_and(|t| crate::text::key(t).contains(&stem));
    (!within(Some(municipality)) && !within(s.city.as_deref())).then(|| {
        format!(
            "{}: полное наименование называет город «{town}», а муниципальное образование — «{municipality}»{} — проверьте наименование или муниципальное образование",
            s.name(),
            s.city
                .as_deref()
                .map(|c| format!(", населённый пункт — «{c}»"))
                .unwrap_or_default()
        )
    })
}

/// The number after «№» in a name («№ 101» → «101»).
fn number_in(name: &str) -> Option<String> {
    let after = name.split('№').nth(1)?;
    let digits: String = after
        .trim_start()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    (!digits.is_empty()).then_some(digits)
}

fn numbers_disagree(s: &School) -> Option<String> {
    let full = s.organisation.as_deref()?;
    let short = s.short_name.as_deref()?;
    let (a, b) = (number_in(full)?, number_in(short)?);
    (a != b).then(|| {
        format!(
            "папка {}: полное наименование даёт номер № {a}, сокращённое — № {b} («{full}», «{short}») — проверьте наименования",
            s.folder
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_town_is_read_from_its_genitive() {
        assert_eq!(
            named_town("Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 101» города Омска"),
            Some("Омска")
        );
        for (genitive, adjective) in [
            ("Омска", "Омский"),
            ("Калачинска", "Калачинский муниципальный район"),
            ("Тары", "Тарский муниципальный район"),
            ("Исилькуля", "Исилькульский муниципальный район"),
        ] {
            assert!(
                crate::text::key(adjective).contains(&town_stem(genitive)),
                "{genitive} / {adjective}"
            );
        }
        assert!(
            !crate::text::key("Исилькульский муниципальный район").contains(&town_stem("Омска"))
        );
    }

    #[test]
    fn numbers_of_names() {
        assert_eq!(
            number_in("МБОУ «СОШ № 110» г. Тары").as_deref(),
            Some("110")
        );
        assert_eq!(number_in("МБОУ «Гимназия»"), None);
    }
}
