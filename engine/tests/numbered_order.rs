//! A numbered order added from data alone, as ARCHITECTURE.md's recipe
//! «A numbered order» says: a template and a catalogue entry in a
//! templates folder, nothing recompiled. programme.json may register it,
//! the other orders cite it as issued by their date, its acquaintance sheet
//! lists the audiences its entry declares; an id no catalogue declares is
//! refused at its JSON pointer.

#[path = "support/package_text.rs"]
mod package_text;

use nastavnik_engine::package::{Options, Profile};
use nastavnik_engine::{example, Error, NaiveDate};
use package_text::package_with;
use std::collections::BTreeMap;

const CATALOGUE: &str = r#"{"documents": [
  {"id": "order-practice", "title": "Приказ об организации наставничества в период практики",
   "order": {"acquainted": ["curator", "employee_mentors"]}},
  {"id": "order-pairs", "title": "Приказ о закреплении наставнических пар (групп)", "needs": ["groups"],
   "order": {"acquainted": ["curator", "paired_mentors"]}}
]}"#;

const TEMPLATE: &str = r#"<document>
{{> order-header}}
<p align="left" indent="0" bold="1">Об организации наставничества в период практики</p>
<p indent="0">ПРИКАЗЫВАЮ:</p>
<item>Куратору {{decline_initials curator.name "dat"}} организовать наставничество в период практики.</item>
{{> head-signature}}
{{> acquainted}}
</document>
"#;

/// The templates folder of the recipe, and the order-pairs template
/// citing the new order when it was issued before it.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(dir.path().join("catalogue.json"), CATALOGUE).expect("catalogue");
    std::fs::write(dir.path().join("order-practice.hbs"), TEMPLATE).expect("template");
    let pairs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../templates/order-pairs.hbs"
    ))
    .expect("base order-pairs");
    let cited = pairs.replacen(
        "{{> acquainted}}",
        "{{#if issued_before.order-practice}}<p>Во исполнение приказа {{order_ref \"order-practice\"}}.</p>{{/if}}\n{{> acquainted}}",
        1,
    );
    assert_ne!(cited, pairs, "order-pairs.hbs has an acquaintance sheet");
    std::fs::write(dir.path().join("order-pairs.hbs"), cited).expect("pairs");
    dir
}

fn texts(dir: &std::path::Path, model: nastavnik_engine::Model) -> BTreeMap<String, String> {
    let options = Options {
        templates_dir: Some(dir.to_path_buf()),
        date: Some(NaiveDate::from_ymd_opt(2026, 5, 15).expect("date")),
        ..Options::default()
    };
    package_with(model, &options).0
}

#[test]
fn an_order_added_by_a_catalogue_entry_is_registered_cited_and_acquainted() {
    let dir = folder();
    let mut model = example::model();
    let pairs_date = model.orders["order-pairs"].date;
    model.orders.insert(
        "order-practice".into(),
        nastavnik_engine::model::RegisteredOrder {
            number: "150-о".into(),
            date: pairs_date.pred_opt().expect("day before"),
        },
    );
    let employees: Vec<String> = model
        .mentors
        .iter()
        .filter(|m| m.employee)
        .map(|m| m.name.clone())
        .collect();
    assert!(!employees.is_empty(), "the example has employee mentors");
    let texts = texts(dir.path(), model.clone());
    let practice = texts
        .get("order-practice.docx")
        .expect("the new order is written");
    assert!(
        practice.contains("150-о"),
        "its registered number: {practice}"
    );
    assert!(practice.contains("ознакомлен"), "{practice}");
    for name in std::iter::once(&model.curator.name).chain(&employees) {
        assert!(
            practice.contains(name.as_str()),
            "{name} acquainted: {practice}"
        );
    }
    let pairs = texts.get("order-pairs.docx").expect("order-pairs");
    assert!(
        pairs.contains("Во исполнение приказа") && pairs.contains("150-о"),
        "the later order cites the new one as issued: {pairs}"
    );
}

/// A person held back is listed in `manifest.json › held_back` with every
/// order that would have named them — an order the catalogue adds too, from
/// the audiences its entry declares, not from a list of the base's ids.
#[test]
fn a_held_back_mentor_is_listed_with_the_added_order_that_omits_them() {
    let dir = folder();
    let mut model = example::model();
    let mentor = model
        .mentors
        .iter_mut()
        .find(|m| m.employee)
        .expect("an employee mentor");
    mentor.consent_mentoring = None;
    let name = mentor.name.clone();
    let options = Options {
        templates_dir: Some(dir.path().to_path_buf()),
        date: Some(NaiveDate::from_ymd_opt(2026, 5, 15).expect("date")),
        ..Options::default()
    };
    let (texts, manifest) = package_with(model, &options);
    let held = manifest
        .held_back
        .iter()
        .find(|h| h.name == name && h.partner.is_none())
        .unwrap_or_else(|| panic!("{name} held back: {:?}", manifest.held_back));
    assert!(
        held.documents.iter().any(|d| d == "order-practice"),
        "the added order is among the documents: {:?}",
        held.documents
    );
    let practice = texts.get("order-practice.docx").expect("written");
    assert!(
        !practice.contains(name.as_str()),
        "{name} is not acquainted with it: {practice}"
    );
    // The order they never were in is not listed.
    assert!(
        !held.documents.iter().any(|d| d == "order-implementation"),
        "{:?}",
        held.documents
    );
}

#[test]
fn an_order_registered_after_the_citing_one_is_not_cited_as_issued() {
    let dir = folder();
    let mut model = example::model();
    let pairs_date = model.orders["order-pairs"].date;
    model.orders.insert(
        "order-practice".into(),
        nastavnik_engine::model::RegisteredOrder {
            number: "170-о".into(),
            date: pairs_date.succ_opt().expect("day after"),
        },
    );
    let texts = texts(dir.path(), model);
    let pairs = texts.get("order-pairs.docx").expect("order-pairs");
    assert!(!pairs.contains("Во исполнение приказа"), "{pairs}");
}

#[test]
fn an_order_id_no_catalogue_declares_is_refused_at_its_pointer() {
    let mut model = example::model();
    let date = model.orders["order-pairs"].date;
    model.orders.insert(
        "order-pair".into(),
        nastavnik_engine::model::RegisteredOrder {
            number: "1".into(),
            date,
        },
    );
    let profile = Profile::load(None, None, None).expect("base profile");
    let err = profile.check(&model).expect_err("refused");
    let Error::Input(problems) = err else {
        panic!("not an input error: {err}");
    };
    let text = problems[0].to_string();
    assert!(text.contains("/orders/order-pair"), "{text}");
    assert!(
        text.contains("возможно, имелось в виду «order-pairs»"),
        "{text}"
    );
    // The same id is accepted once a templates folder declares it.
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(
        dir.path().join("catalogue.json"),
        r#"{"documents": [{"id": "order-pair", "title": "Приказ", "template": "order-curator", "order": {}}]}"#,
    )
    .expect("catalogue");
    let profile = Profile::load(None, None, Some(dir.path())).expect("profile");
    profile
        .check(&model)
        .expect("a declared order is registered");
}

#[test]
fn approval_by_what_is_not_an_order_is_refused() {
    let dir = tempfile::tempdir().expect("temp");
    std::fs::write(
        dir.path().join("catalogue.json"),
        r#"{"documents": [{"id": "roadmap", "title": "Дорожная карта", "approved_by": "order-roadmaps"}]}"#,
    )
    .expect("catalogue");
    let Err(err) = Profile::load(None, None, Some(dir.path())) else {
        panic!("a dangling approved_by accepted");
    };
    let text = err.to_string();
    assert!(
        text.contains("order-roadmaps") && text.contains("approved_by"),
        "{text}"
    );
}
