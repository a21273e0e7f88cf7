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
