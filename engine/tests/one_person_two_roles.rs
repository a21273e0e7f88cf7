//! A pupil who mentors and is mentored is one person with one consent to
//! the processing of their data: a refusal on one sheet and not on the
//! other is refused at its cell (the attacker's package named a refusing
//! pupil as a mentor in the orders while the check held her back); the
//! same refusal on both sheets keeps her out of every role.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::model::{Form, Mentee, MenteeCategory, MentorCategory, Pair};
use nastavnik_engine::{example, load, Error, Model};

/// The example with its first pupil mentor also a mentee of a teacher's
/// pair, her consents on the two sheets as given.
fn both_roles(as_mentor: Option<bool>, as_mentee: Option<bool>) -> (Model, String) {
    let mut m = example::model();
    let mentor = m
        .mentors
        .iter_mut()
        .find(|x| x.category == MentorCategory::Pupil)
        .expect("a pupil mentor in the example");
    mentor.consent_pd = as_mentor;
    let name = mentor.name.clone();
    let template = m
        .mentees
        .iter()
        .find(|x| x.category == MenteeCategory::Pupil && x.birth_date.is_some())
        .expect("a pupil mentee")
        .clone();
    m.mentees.push(Mentee {
        name: name.clone(),
        consent_pd: as_mentee,
        ..template
    });
    let pair = m
        .pairs
        .iter()
        .find(|p| p.form == Form::PupilPupil && p.mentor != name)
        .expect("another pupil's pair")
        .clone();
    m.pairs.push(Pair {
        mentee: name.clone(),
        ..pair
    });
    (m, name)
}

fn load_of(m: &Model) -> Result<nastavnik_engine::load::Loaded, Error> {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in example::files_of(m).expect("files") {
        let path = dir.path().join(&name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, bytes).expect("write");
    }
    let loaded = load::load(dir.path());
    drop(dir);
    loaded
}

#[test]
fn a_refusal_on_one_sheet_only_is_refused_at_its_cell() {
    for (as_mentor, as_mentee) in [(Some(true), Some(false)), (Some(false), None)] {
        let (m, name) = both_roles(as_mentor, as_mentee);
        match load_of(&m) {
            Err(Error::Input(problems)) => {
                let text: Vec<String> = problems.iter().map(ToString::to_string).collect();
                assert!(
                    text.iter().any(|t| t.contains("Наставляемые")
                        && t.contains(&name)
                        && t.contains("и наставник, и наставляемый")
                        && t.contains("ячейка")),
                    "{text:#?}"
                );
            }
            other => panic!("{as_mentor:?}/{as_mentee:?} accepted: {:?}", other.is_ok()),
        }
    }
}

#[test]
fn the_same_refusal_on_both_sheets_keeps_her_out_of_every_role() {
    let (m, name) = both_roles(Some(false), Some(false));
    let loaded = load_of(&m).unwrap_or_else(|e| panic!("{e}"));
    let (texts, _) = package_text::package_at(
        loaded.model,
        nastavnik_engine::NaiveDate::from_ymd_opt(2026, 1, 20).expect("date"),
    );
    for doc in ["order-mentors.docx", "order-pairs.docx"] {
        assert!(!texts[doc].contains(name.as_str()), "{name} in {doc}");
    }
    assert!(
        !texts
            .iter()
            .any(|(f, t)| f.starts_with("plan-") && t.contains(name.as_str())),
        "{name} in a plan"
    );
}
