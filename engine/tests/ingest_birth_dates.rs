//! A birth date after the programme's start or a century before it is a
//! typo the documents would print as fact (a parent's «г. р.», an adult's
//! own consent for a pupil of 124): refused at its cell.

use nastavnik_engine::{example, load, Error, NaiveDate};

fn problems_with_birth(date: NaiveDate) -> Vec<String> {
    let mut m = example::model();
    let i = m
        .mentees
        .iter()
        .position(|x| x.birth_date.is_some())
        .expect("a mentee with a birth date");
    m.mentees[i].birth_date = Some(date);
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes) in example::files_of(&m).expect("files") {
        let path = dir.path().join(&name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        std::fs::write(path, bytes).expect("write");
    }
    match load::load(dir.path()) {
        Err(Error::Input(p)) => p.iter().map(ToString::to_string).collect(),
        Ok(_) => Vec::new(),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn impossible_birth_dates_are_refused_at_their_cell() {
    let later = problems_with_birth(NaiveDate::from_ymd_opt(2030, 1, 1).expect("date"));
    assert!(
        later.iter().any(|p| p.contains("Наставляемые › ")
            && p.contains("01.01.2030")
            && p.contains("позже начала программы")),
        "{later:#?}"
    );
    let ancient = problems_with_birth(NaiveDate::from_ymd_opt(1901, 5, 1).expect("date"));
    assert!(
        ancient.iter().any(|p| p.contains("больше 100 лет")),
        "{ancient:#?}"
    );
    let plausible = problems_with_birth(NaiveDate::from_ymd_opt(2012, 5, 1).expect("date"));
    assert!(plausible.is_empty(), "{plausible:#?}");
}
