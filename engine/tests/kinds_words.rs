//! Every kind of organisation addressed as it is: the example of each kind
//! (`nastavnik init --kind …`) generates a package whose text, read from
//! the DOCX XML, holds none of the other kinds' words. Quoted names
//! («учитель – учитель», the organisation's «…») are Р-145's forms and
//! proper names, not the documents' own words, and are left out of the
//! search, and so are Р-145's names of the forms printed in tables
//! («учитель – учитель» is the form's name, whatever the kind); people's
//! names hold none of these words.

#[path = "support/kind_words.rs"]
mod kind_words;
#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::OrgKind;
use nastavnik_engine::NaiveDate;

fn leaks(kind: OrgKind) -> Vec<String> {
    let model = nastavnik_engine::example::model_of(kind);
    let date = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    let (texts, _) = package_text::package_at(model, date);
    kind_words::leaks(kind, &texts)
}

#[test]
fn a_college_package_speaks_of_students_groups_and_teachers() {
    let found = leaks(OrgKind::College);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn an_additional_education_package_speaks_of_its_objedinenija() {
    let found = leaks(OrgKind::AdditionalEducation);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn a_school_package_speaks_of_pupils_and_classes() {
    let found = leaks(OrgKind::School);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The work of a plan (its table «План работы»), read from the DOCX.
fn work_of(text: &str) -> String {
    let from = text.find("План работы").unwrap_or(0);
    let to = text[from..]
        .find("Итоговая оценка")
        .map_or(text.len(), |i| from + i);
    text[from..to].to_owned()
}

/// Two mentees of one form asking different things never get the same
/// plan, in the example of every kind: each pair's plan (a group's quotes
/// no one) is compared with every other pair's of its form.
#[test]
fn plans_of_one_form_differ_by_request_in_every_kind() {
    let date = NaiveDate::from_ymd_opt(2026, 6, 30).expect("date");
    for kind in [
        OrgKind::School,
        OrgKind::College,
        OrgKind::AdditionalEducation,
    ] {
        let model = nastavnik_engine::example::model_of(kind);
        let pairs: Vec<(String, String, String)> = model
            .groups
            .iter()
            .filter(|g| !g.is_group())
            .filter_map(|g| {
                let request = model
                    .mentees
                    .iter()
                    .find(|m| m.name == g.mentees[0])
                    .and_then(|m| m.request.clone())?;
                Some((
                    format!("plan-{}.docx", g.id),
                    g.form.name().to_owned(),
                    request,
                ))
            })
            .collect();
        let (texts, _) = package_text::package_at(model, date);
        let mut compared = 0;
        for (i, (a, form, request)) in pairs.iter().enumerate() {
            for (b, other_form, other_request) in &pairs[i + 1..] {
                if form != other_form || request == other_request {
                    continue;
                }
                let (Some(x), Some(y)) = (texts.get(a), texts.get(b)) else {
                    continue; // a plan held back
                };
                compared += 1;
                assert_ne!(
                    work_of(x),
                    work_of(y),
                    "{kind:?}: {a} («{request}») and {b} («{other_request}») plan the same work"
                );
                assert!(
                    work_of(x).contains(&format!("(«{request}»)")),
                    "{a}: {}",
                    work_of(x)
                );
            }
        }
        assert!(
            compared > 0,
            "{kind:?}: no two pairs of one form to compare"
        );
    }
}
