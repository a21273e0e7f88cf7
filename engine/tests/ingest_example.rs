//! The example written by `init` reads back as exactly `example::model()`.

use nastavnik_engine::{example, load};

#[test]
fn written_example_loads_back_as_the_model() {
    let dir = tempfile::tempdir().expect("tempdir");
    let target = dir.path().join("demo");
    example::write(&target, None).expect("write");
    let loaded = match load::load(&target) {
        Ok(l) => l,
        Err(e) => panic!("пример не загрузился:\n{e}"),
    };
    // The files read are recorded with their hashes (the auditor's report
    // prints them); the example's model, written from nothing, has none.
    let written = example::files(None).expect("files");
    let mut model = loaded.model.clone();
    let files = std::mem::take(&mut model.files);
    assert_eq!(files.len(), written.len());
    for (name, bytes) in &written {
        let want = nastavnik_engine::model::InputFile::of(name, bytes);
        assert!(files.contains(&want), "{name} hashed: {files:?}");
    }
    let got = serde_json::to_value(&model).expect("json");
    let want = serde_json::to_value(example::model()).expect("json");
    if got != want {
        let g = serde_json::to_string_pretty(&got).expect("s");
        let w = serde_json::to_string_pretty(&want).expect("s");
        let first = g
            .lines()
            .zip(w.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b);
        panic!("модель отличается, первая разница: {first:?}");
    }
    let summary = load::summary(&loaded.model);
    assert!(
        summary.contains("Наставников: 12, наставляемых: 32"),
        "{summary}"
    );
}

#[test]
fn example_bytes_are_the_same_every_time() {
    let a = example::files(Some("omsk")).expect("files");
    let b = example::files(Some("omsk")).expect("files");
    assert_eq!(a.len(), 4);
    for ((na, ba), (nb, bb)) in a.iter().zip(&b) {
        assert_eq!(na, nb);
        assert!(ba == bb, "{na} differs between runs");
    }
    let json = String::from_utf8(a[0].1.clone()).expect("utf8");
    assert!(json.contains("\"region\": \"omsk\""));
}

#[test]
fn init_refuses_a_non_empty_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("notes.txt"), "мои заметки").expect("write");
    let err = example::write(dir.path(), None).expect_err("must refuse");
    let text = err.to_string();
    assert!(text.contains("папка не пуста"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).expect("read"),
        "мои заметки"
    );
}
