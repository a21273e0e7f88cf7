//! Ids are the package's file names (issue 24, class 5): a catalogue entry
//! whose id a repeated document takes (`plan-001` beside the plans of
//! each pair) would make two documents write one file — one lost, the
//! manifest listing the file twice. `generate` and `templates check`
//! refuse it, naming the catalogue file and the id.

mod bounded;

use bounded::{assert_refused, example, run, REFUSAL};
use std::path::Path;
use std::time::Duration;

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

const CLASH: &str = "id «plan-001» совпадает с id одного из документов «plan», который повторяется для каждой пары или группы";

#[test]
fn a_region_entry_named_like_a_generated_plan_is_refused() {
    let (tmp, dir) = example();
    let region = tmp.path().join("my-region");
    std::fs::create_dir_all(region.join("templates")).unwrap();
    let catalogue = region.join("templates/catalogue.json");
    std::fs::write(
        &catalogue,
        r#"{"documents": [
            {"id": "memo", "title": "Памятка", "template": "order-curator"},
            {"id": "plan-001", "title": "Памятка к плану", "template": "order-curator"}
        ]}"#,
    )
    .unwrap();
    let out = tmp.path().join("out");
    let place = format!("{} › /documents/1/id: {CLASH}", catalogue.display());
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--region",
            &s(&region),
        ],
        Duration::from_secs(60),
    );
    assert_refused(&r, &place);
    assert!(!out.exists(), "nothing written");
    let r = run(
        &[
            "templates",
            "check",
            "--region",
            &s(&region),
            "--programme",
            &s(&dir),
        ],
        Duration::from_secs(60),
    );
    assert_refused(&r, &place);
    // The same entry in a --templates folder, and a repeated one whose
    // documents would take a plain entry's name.
    let own = tmp.path().join("own");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(
        own.join("catalogue.json"),
        r#"{"documents": [{"id": "order-curator", "title": "Копии", "template": "order-mentors", "each": "minor"},
                          {"id": "order-curator-002", "title": "Х", "template": "order-mentors"}]}"#,
    )
    .unwrap();
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--templates",
            &s(&own),
        ],
        REFUSAL * 4,
    );
    assert_refused(
        &r,
        "id «order-curator-002» совпадает с id одного из документов «order-curator»",
    );
    let r = run(&["templates", "check", &s(&own)], REFUSAL * 4);
    assert_refused(&r, "«order-curator-002»");
}
