//! `templates check`: the base templates pass; a broken folder is reported
//! with places.

mod templates_support;

use nastavnik_engine::diag::Place;
use nastavnik_engine::render::check::check;
use std::fs;
use templates_support as fx;

#[test]
fn the_base_templates_pass_for_every_region() {
    let model = fx::model();
    let r = check(None, None, &model);
    assert!(r.problems.is_empty(), "{:?}", r.problems);
    // One of each kind, `consent-participant` (the fixture has an adult mentee) included.
    assert_eq!(r.documents, 21);
    let omsk = check(Some("omsk"), None, &model);
    assert!(omsk.problems.is_empty(), "{:?}", omsk.problems);
}

#[test]
fn a_broken_folder_lists_every_problem_with_its_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("order-curator.hbs"),
        "<document>\n<p>{{decline curator.name \"acc\"}} {{curator.possition}}</p></document>",
    )
    .expect("write");
    fs::write(
        dir.path().join("plan.hbs"),
        "<document>{{#each group.mentees}}<p>{{initals name}}</p>{{/each}}</document>",
    )
    .expect("write");
    fs::write(dir.path().join("order-curatr.hbs"), "<document/>").expect("write");
    fs::write(
        dir.path().join("roadmap.hbs"),
        "<document><p>не закрыт</document>",
    )
    .expect("write");
    let r = check(None, Some(dir.path()), &fx::model());
    let shown: Vec<String> = r.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(r.problems.len(), 4, "{shown:#?}");
    let curator = dir.path().join("order-curator.hbs").display().to_string();
    assert!(r.problems.iter().any(|p| p.place
        == Place::Text {
            file: curator.clone(),
            line: 2,
            column: 35
        }
        && p.message.contains("curator.possition")));
    assert!(shown
        .iter()
        .any(|s| s.contains("plan.hbs:1:") && s.contains("initals")));
    assert!(shown.iter().any(|s| s.contains("order-curatr.hbs")
        && s.contains("возможно, имелось в виду «order-curator»")));
    assert!(shown
        .iter()
        .any(|s| s.contains("roadmap.hbs") && s.contains("закрывающий тег </document>")));
}
