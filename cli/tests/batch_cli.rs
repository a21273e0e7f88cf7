//! `nastavnik batch` end to end: `init --schools`, every school's package,
//! `batch.json`, the region's summary table, exit codes.

use std::path::Path;
use std::process::{Command, Output};

fn nastavnik(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read_json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_region_in_one_run_with_a_broken_school() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let schools = tmp.path().join("region");
    let out = tmp.path().join("out");
    let s = schools.display().to_string();
    let o = out.display().to_string();
    let init = nastavnik(&["init", &s, "--schools", "10"]);
    assert_eq!(init.status.code(), Some(0));
    let run = nastavnik(&["batch", &s, "--out", &o, "--jobs", "2"]);
    // School 10 has a broken table: exit 2, the others still generated.
    assert_eq!(
        run.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let batch = read_json(&out.join("batch.json"));
    let list = batch["schools"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 10);
    let status = |folder: &str| {
        list.iter()
            .find(|x| x["folder"] == folder)
            .map(|x| x["status"].as_str().unwrap_or("").to_owned())
            .unwrap_or_default()
    };
    assert_eq!(status("school-010"), "refused");
    assert_eq!(status("school-003"), "ok");
    assert_eq!(status("school-005"), "errors");
    let refused = list
        .iter()
        .find(|x| x["folder"] == "school-010")
        .unwrap_or_else(|| panic!("school-010 listed"));
    assert!(refused["problems"][0]
        .as_str()
        .is_some_and(|p| p.contains("inputs/roadmap.xlsx")));
    assert!(
        !out.join("school-010").exists(),
        "no package for a refused school"
    );
    // Each school's package is as generate writes it.
    let m = read_json(&out.join("school-003/manifest.json"));
    let docs = m["documents"].as_array().map_or(0, Vec::len);
    assert_eq!(
        list.iter()
            .find(|x| x["folder"] == "school-003")
            .map(|x| x["documents"].as_u64()),
        Some(Some(docs as u64))
    );
    for d in m["documents"].as_array().cloned().unwrap_or_default() {
        let f = d["file"].as_str().unwrap_or("");
        assert!(out.join("school-003").join(f).is_file(), "{f}");
    }

    // The summary table: a row per accepted school with the same figures.
    use calamine::{open_workbook, DataType, Reader, Xlsx};
    let mut book: Xlsx<_> =
        open_workbook(out.join("region-summary.xlsx")).unwrap_or_else(|e| panic!("{e}"));
    let range = book
        .worksheet_range("Школы")
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(range.height(), 1 + 9);
    let row = range
        .rows()
        .find(|r| {
            r.first()
                .is_some_and(|c| c.get_string() == Some("school-003"))
        })
        .unwrap_or_else(|| panic!("school-003 row"));
    let covered = list
        .iter()
        .find(|x| x["folder"] == "school-003")
        .and_then(|x| x["figures"]["learners"]["covered"].as_f64());
    assert_eq!(row.get(3).and_then(|c| c.get_float()), covered);
    let refused_sheet = book
        .worksheet_range("Не приняты")
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(refused_sheet.rows().any(|r| r
        .first()
        .is_some_and(|c| c.get_string() == Some("school-010"))));

    // A second run into the same OUT is refused, the first result kept.
    let again = nastavnik(&["batch", &s, "--out", &o]);
    assert_eq!(again.status.code(), Some(2));
    assert!(out.join("batch.json").is_file());
}
