//! `batch` over folders a region really sends (issue 24, classes 1 and 7):
//! names that are not UTF-8 (a cp1251 archive unpacked), names equal but
//! for case, a name of the batch's own files, the same school copied into
//! two folders, every school refused. Each school's folder under OUT holds
//! exactly the files its manifest lists; `batch.json` always exists; the
//! region counts each school once. The last test runs the whole batch over
//! generated regions (random names, copies and refusals) and checks the
//! same for each.

mod bounded;

use bounded::{run, Run};
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

const BATCH: Duration = Duration::from_secs(300);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// `nastavnik init DIR --schools N`: the region's folder.
fn region(n: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("region");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["init", &s(&dir), "--schools", &n.to_string()])
        .output()
        .unwrap();
    assert!(init.status.success());
    (tmp, dir)
}

fn batch(dir: &Path, out: &Path) -> Run {
    let r = run(
        &[
            OsString::from("batch"),
            dir.as_os_str().to_owned(),
            OsString::from("--out"),
            out.as_os_str().to_owned(),
            OsString::from("--jobs"),
            OsString::from("2"),
        ],
        BATCH,
    );
    assert!(matches!(r.code, Some(0..=2)), "{}", r.stderr);
    r
}

fn batch_json(out: &Path) -> serde_json::Value {
    let path = out.join("batch.json");
    serde_json::from_str(&std::fs::read_to_string(&path).expect("batch.json exists")).unwrap()
}

/// Every school folder under OUT holds exactly its manifest's documents
/// and the manifest; each accepted school of batch.json has its folder,
/// no refused one has; nothing else is in OUT.
fn folders_match_manifests(out: &Path) {
    let report = batch_json(out);
    let schools = report["schools"].as_array().unwrap();
    let mut expected: BTreeSet<Vec<u8>> = ["batch.json", "region-summary.xlsx"]
        .iter()
        .map(|n| n.as_bytes().to_vec())
        .collect();
    if schools.iter().any(|x| x["status"] != "refused") {
        expected.insert(b"region-summary.docx".to_vec());
    }
    for school in schools {
        let folder = school["folder"].as_str().unwrap();
        let path = out.join(folder);
        if school["status"] == "refused" {
            assert!(!path.is_dir(), "a refused school has a folder: {folder}");
            continue;
        }
        expected.insert(folder.as_bytes().to_vec());
        let manifest: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path.join("manifest.json")).unwrap())
                .unwrap();
        let listed: BTreeSet<String> = manifest["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["file"].as_str().unwrap().to_owned())
            .chain(["manifest.json".to_owned()])
            .collect();
        let there: BTreeSet<String> = std::fs::read_dir(&path)
            .unwrap()
            .map(|e| {
                e.unwrap()
                    .file_name()
                    .into_string()
                    .expect("UTF-8 file name")
            })
            .collect();
        assert_eq!(there, listed, "{folder}");
        assert_eq!(
            listed.len() - 1,
            school["documents"].as_u64().unwrap() as usize,
            "{folder}"
        );
        // The manifest is this school's: its organisation.
        assert_eq!(
            manifest["programme"]["organisation"], school["organisation"],
            "{folder}"
        );
    }
    let there: BTreeSet<Vec<u8>> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_vec())
        .collect();
    assert_eq!(there, expected);
}

/// Accepted schools of batch.json by (full name), each once.
fn counted_once(out: &Path) -> BTreeMap<String, usize> {
    let report = batch_json(out);
    let mut seen = BTreeMap::new();
    for school in report["schools"].as_array().unwrap() {
        if school["status"] != "refused" {
            *seen
                .entry(school["organisation"].as_str().unwrap().to_owned())
                .or_insert(0) += 1;
        }
    }
    for (name, n) in &seen {
        assert_eq!(*n, 1, "counted {n} times: {name}");
    }
    seen
}

fn raw(dir: &Path, bytes: &[u8]) -> PathBuf {
    dir.join(OsString::from_vec(bytes.to_vec()))
}

#[test]
fn names_that_are_not_utf8_never_share_an_output_folder() {
    let (tmp, dir) = region(2);
    // «Школа 1» and «Школа 2» in cp1251 and KOI8-R: not UTF-8, and each
    // the same string once the bad bytes are replaced.
    let a = raw(&dir, b"\xd8\xea\xee\xeb\xe0 1");
    let b = raw(&dir, b"\xfb\xcb\xcf\xcc\xc1 1");
    std::fs::rename(dir.join("school-001"), &a).unwrap();
    std::fs::rename(dir.join("school-002"), &b).unwrap();
    assert_eq!(
        a.file_name().unwrap().to_string_lossy(),
        b.file_name().unwrap().to_string_lossy()
    );
    let out = tmp.path().join("out");
    let r = batch(&dir, &out);
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    folders_match_manifests(&out);
    let report = batch_json(&out);
    let folders: Vec<&str> = report["schools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["folder"].as_str().unwrap())
        .collect();
    assert_eq!(folders, ["%D8%EA%EE%EB%E0 1", "%FB%CB%CF%CC%C1 1"]);
    assert_eq!(counted_once(&out).len(), 2);
}

#[test]
fn folders_that_would_share_a_name_or_take_a_summarys_are_refused_naming_both() {
    let (tmp, dir) = region(3);
    std::fs::rename(dir.join("school-002"), dir.join("School-001")).unwrap();
    std::fs::rename(dir.join("school-003"), dir.join("batch.json")).unwrap();
    // A UTF-8 name equal to another's %XX form.
    let (_t2, other) = region(1);
    std::fs::rename(other.join("school-001"), raw(&dir, b"\xd8 x")).unwrap();
    let (_t3, third) = region(1);
    std::fs::rename(third.join("school-001"), dir.join("%D8 x")).unwrap();
    let out = tmp.path().join("out");
    let r = batch(&dir, &out);
    assert_eq!(r.code, Some(2));
    let both = |a: &str, b: &str| {
        let line = format!(
            "{}: эта папка и папка {} дали бы одну папку результатов",
            dir.join(a).display(),
            dir.join(b).display()
        );
        assert!(r.stderr.contains(&line), "«{line}» in:\n{}", r.stderr);
    };
    both("school-001", "School-001");
    both("School-001", "school-001");
    both("%D8 x", "%D8 x");
    assert!(r.stderr.contains(&format!(
        "{}: папка школы называется «batch.json», как файл сводки региона",
        dir.join("batch.json").display()
    )));
    folders_match_manifests(&out);
    let report = batch_json(&out);
    assert!(report["schools"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["status"] == "refused"));
}

#[test]
fn the_same_school_copied_into_two_folders_is_counted_once_and_said() {
    let (tmp, dir) = region(2);
    copy_dir(&dir.join("school-002"), &dir.join("school-002-копия"));
    let out = tmp.path().join("out");
    let r = batch(&dir, &out);
    assert_eq!(r.code, Some(2));
    let said = format!(
        "{}: это та же школа, что и в папке {}: совпадают полное и сокращённое наименования",
        dir.join("school-002-копия").display(),
        dir.join("school-002").display()
    );
    assert!(r.stderr.contains(&said), "«{said}» in:\n{}", r.stderr);
    folders_match_manifests(&out);
    assert_eq!(counted_once(&out).len(), 2);
    // The centre's report considers two schools, both accepted: the copy
    // is no third one refused.
    let docx = std::fs::File::open(out.join("region-summary.docx")).unwrap();
    let mut zip = zip::ZipArchive::new(docx).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut body)
        .unwrap();
    assert!(body.contains("Рассмотрено 2"), "{body}");
    assert!(!body.contains("не приняты"), "the copy counted as refused");
}

#[test]
fn every_school_refused_still_writes_batch_json_and_blames_no_template() {
    let (tmp, dir) = region(2);
    for school in ["school-001", "school-002"] {
        std::fs::write(dir.join(school).join("programme.json"), "{").unwrap();
    }
    let out = tmp.path().join("out");
    let r = batch(&dir, &out);
    assert_eq!(r.code, Some(2));
    assert!(!r.stderr.contains("region-summary.hbs"), "{}", r.stderr);
    assert!(!r.stderr.contains("templates/summary"), "{}", r.stderr);
    assert!(r.stdout.contains("не приняты: 2"), "{}", r.stdout);
    let report = batch_json(&out);
    assert_eq!(report["schools"].as_array().unwrap().len(), 2);
    folders_match_manifests(&out);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// A small deterministic generator (no randomness between runs).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn generated_regions_keep_every_school_apart_and_counted_once() {
    let (_base_tmp, base) = region(3);
    let names: [&[u8]; 8] = [
        b"\xd8\xea\xee\xeb\xe0",
        b"\xd8\xea\xee\xeb\xe1",
        b"\xfb\xcb\xcf\xcc\xc1",
        "Школа".as_bytes(),
        "школа".as_bytes(),
        b"%D8%EA%EE%EB%E0",
        b"school",
        b"School",
    ];
    for seed in 1..=3u64 {
        let mut rng = Lcg(seed);
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("region");
        std::fs::create_dir(&dir).unwrap();
        let mut made = BTreeSet::new();
        for _ in 0..4 {
            let name = names[rng.below(names.len() as u64) as usize].to_vec();
            let mut name = name;
            if rng.below(2) == 0 {
                name.extend_from_slice(format!(" {}", rng.below(2)).as_bytes());
            }
            if !made.insert(name.clone()) {
                continue;
            }
            // One of the three schools: two folders may hold one school.
            let school = format!("school-00{}", rng.below(3) + 1);
            let path = raw(&dir, &name);
            copy_dir(&base.join(&school), &path);
            if rng.below(4) == 0 {
                std::fs::write(path.join("programme.json"), "{").unwrap();
            }
        }
        let out = tmp.path().join("out");
        let r = batch(&dir, &out);
        folders_match_manifests(&out);
        counted_once(&out);
        let report = batch_json(&out);
        assert_eq!(
            report["schools"].as_array().unwrap().len(),
            made.len(),
            "seed {seed}: every folder reported: {}",
            r.stderr
        );
    }
}

#[test]
fn folders_whose_names_differ_only_in_unicode_composition_are_refused_naming_both() {
    let (tmp, dir) = region(4);
    // «й» as one code point (Windows, Linux) and as «и» + U+0306 (macOS):
    // the same name to a reader and on a macOS disk; two different
    // schools, so no identity check catches them.
    let composed = "Школа Йошкар-Олы";
    let decomposed = "Школа И\u{306}ошкар-Олы";
    let lower_decomposed = "школа и\u{306}ошкар-олы-2";
    let upper_composed = "Школа Йошкар-Олы-2";
    assert_ne!(composed.as_bytes(), decomposed.as_bytes());
    std::fs::rename(dir.join("school-001"), dir.join(composed)).unwrap();
    std::fs::rename(dir.join("school-002"), dir.join(decomposed)).unwrap();
    std::fs::rename(dir.join("school-003"), dir.join(lower_decomposed)).unwrap();
    std::fs::rename(dir.join("school-004"), dir.join(upper_composed)).unwrap();
    let out = tmp.path().join("out");
    let r = batch(&dir, &out);
    assert_eq!(r.code, Some(2));
    let both = |a: &str, b: &str, how: &str| {
        let line = format!(
            "{}: эта папка и папка {} дали бы одну папку результатов «{}» (имена совпадают {how}",
            dir.join(a).display(),
            dir.join(b).display(),
            a
        );
        assert!(r.stderr.contains(&line), "«{line}» in:\n{}", r.stderr);
    };
    both(
        composed,
        decomposed,
        "буква в букву, но одни и те же буквы записаны разными кодами Unicode",
    );
    both(decomposed, composed, "буква в букву");
    both(
        lower_decomposed,
        upper_composed,
        "без учёта регистра букв и кодов Unicode",
    );
    both(
        upper_composed,
        lower_decomposed,
        "без учёта регистра букв и кодов Unicode",
    );
    folders_match_manifests(&out);
    let report = batch_json(&out);
    let schools = report["schools"].as_array().unwrap();
    assert_eq!(schools.len(), 4);
    assert!(
        schools.iter().all(|x| x["status"] == "refused"),
        "{report:#}"
    );
    // No school's documents under OUT: none merged, none overwritten.
    let written: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_type().unwrap().is_dir())
        .collect();
    assert!(written.is_empty());
}
