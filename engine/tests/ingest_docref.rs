//! A document cited in a table («№ 14 от 10.10.2025»): read as number and
//! date for the agreement, and a date that is not one refused at its cell.

use nastavnik_engine::{example, load, Error};

fn write(model: &nastavnik_engine::Model) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("inputs")).expect("inputs");
    for (name, bytes) in example::files_of(model).expect("files") {
        std::fs::write(dir.path().join(name), bytes).expect("written");
    }
    dir
}

#[test]
fn the_employment_contract_column_is_read_back() {
    let model = example::model();
    let dir = write(&model);
    let loaded = load::load(dir.path()).expect("the example loads").model;
    let typed: Vec<_> = loaded
        .mentors
        .iter()
        .filter_map(|m| m.employment_contract.clone())
        .collect();
    assert_eq!(typed.len(), 3, "{typed:?}");
    let r = nastavnik_engine::docref::parse(&typed[0]).expect("reads");
    assert_eq!(r.number.as_deref(), Some("27"));
}

#[test]
fn an_impossible_date_in_a_reference_is_named_at_its_cell() {
    let mut model = example::model();
    model.mentors[0].employment_contract = Some("№ 3 от 31.02.2020".into());
    model.mentors[1].agreement = Some("№ 15 от вчера".into());
    let dir = write(&model);
    let problems = match load::load(dir.path()) {
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect::<Vec<_>>(),
        other => panic!("refused expected, got {:?}", other.map(|_| ())),
    };
    assert_eq!(
        problems,
        [
            "inputs/participants.xlsx › Наставники › I3: «Трудовой договор»: после «от» ожидается дата (дд.мм.гггг), а записано «31.02.2020»",
            "inputs/participants.xlsx › Наставники › H4: «Дополнительное соглашение»: после «от» ожидается дата (дд.мм.гггг), а записано «вчера»",
        ]
    );
}
