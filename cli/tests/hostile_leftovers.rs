//! What lies beside `--out` (issue 24, class 4): nastavnik removes or
//! renames only the folders it can prove it made — a name of exactly its
//! form (`.OUT.tmp-PID-N`, `.OUT.old-PID`) holding its marker — whatever
//! they hold (a killed `batch` leaves school folders); a user's folder
//! that only looks like one is never touched.

mod bounded;

use bounded::{example, run, snapshot, spawn, Run};
use std::path::Path;
use std::time::{Duration, Instant};

const PACKAGE: Duration = Duration::from_secs(120);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// The marker nastavnik writes into a temporary folder called `name`.
fn marker(name: &str) -> String {
    format!("nastavnik: временная папка {name}; её удаляет следующий запуск\n")
}

fn ok(r: &Run) {
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}

#[test]
fn look_alike_folders_of_the_user_are_never_removed_nor_renamed() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    // Folders of a user: names that start like nastavnik's, or are exactly
    // of its form, holding only what a package holds — but no marker, or
    // a marker naming another folder.
    let mine = [
        ".out.tmp-mine",
        ".out.old-mine",
        ".out.tmp-1-2",
        ".out.tmp-12-x",
        ".out.old-7",
        ".out.old-8",
    ];
    for name in mine {
        let d = dir.join(name);
        std::fs::create_dir(&d).unwrap();
        std::fs::write(d.join("order-curator.docx"), b"PK mine").unwrap();
        std::fs::write(d.join("manifest.json"), b"{}").unwrap();
    }
    std::fs::write(
        dir.join(".out.old-8/.nastavnik-temporary"),
        marker(".out.old-9"),
    )
    .unwrap();
    let before = snapshot(&dir);
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--only",
            "order-curator",
        ],
        PACKAGE,
    );
    ok(&r);
    for name in mine {
        assert!(
            dir.join(name).join("order-curator.docx").is_file(),
            "{name} gone"
        );
    }
    // Nothing of the user's changed: every file before is there, the same.
    let after = snapshot(&dir);
    for (path, bytes) in &before {
        let now = after.iter().find(|(p, _)| p == path);
        assert_eq!(now.map(|(_, b)| b), Some(bytes), "{}", path.display());
    }
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["manifest.json", "order-curator.docx"],
        "no marker in --out"
    );
}

#[test]
fn a_set_aside_package_goes_back_only_with_its_marker() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    let only = |doc: &str| {
        [
            "generate".to_owned(),
            s(&dir),
            "--out".to_owned(),
            s(&out),
            "--only".to_owned(),
            doc.to_owned(),
        ]
    };
    ok(&run(&only("order-curator"), PACKAGE));
    // A user's copy of it, of nastavnik's name form but without the marker:
    // never renamed into place.
    let copy = dir.join(".out.old-41");
    std::fs::rename(&out, &copy).unwrap();
    ok(&run(&only("order-mentors"), PACKAGE));
    assert!(copy.join("order-curator.docx").is_file());
    assert!(out.join("order-mentors.docx").is_file());
    assert!(!out.join("order-curator.docx").exists());
}

/// Waits until a `batch` into `parent/out` has written a school's folder
/// into its temporary folder.
fn wait_for_school(parent: &Path, deadline: Instant) -> bool {
    while Instant::now() < deadline {
        let found = std::fs::read_dir(parent).unwrap().any(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with(".out.tmp-")
                && std::fs::read_dir(&p).is_ok_and(|mut d| {
                    d.any(|e| {
                        let e = e.unwrap();
                        e.path().is_dir()
                            && std::fs::read_dir(e.path()).is_ok_and(|mut f| f.next().is_some())
                    })
                })
        });
        if found {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}

#[test]
fn a_batch_killed_with_sigkill_leaves_nothing_after_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let region = tmp.path().join("region");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .args(["init", &s(&region), "--schools", "4"])
        .output()
        .unwrap();
    assert!(init.status.success());
    let out = tmp.path().join("out");
    let args = [
        "batch".to_owned(),
        s(&region),
        "--out".to_owned(),
        s(&out),
        "--jobs".to_owned(),
        "1".to_owned(),
    ];
    let mut first = spawn(None, &args, PACKAGE);
    let caught = wait_for_school(tmp.path(), Instant::now() + Duration::from_secs(60));
    first.kill();
    assert!(caught, "the batch never wrote a school");
    let left: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out.tmp-"))
        .collect();
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(!out.exists());

    let next = bounded::finish(spawn(None, &args, PACKAGE), &args, PACKAGE);
    assert!(matches!(next.code, Some(0..=2)), "{}", next.stderr);
    assert!(out.join("batch.json").is_file(), "{}", next.stderr);
    let leftovers: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".out."))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new());
    // No marker reached the region's folder nor a school's.
    let marked: Vec<_> = snapshot(&out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".nastavnik-temporary"))
        .collect();
    assert!(marked.is_empty());
}

#[test]
fn an_out_named_not_in_utf8_is_refused_rather_than_written_elsewhere() {
    use std::os::unix::ffi::OsStringExt;
    let (tmp, dir) = example();
    let out = tmp
        .path()
        .join(std::ffi::OsString::from_vec(b"\xd0\xe5\xe7 out".to_vec()));
    let r = run(
        &[
            std::ffi::OsString::from("generate"),
            dir.clone().into_os_string(),
            std::ffi::OsString::from("--out"),
            out.clone().into_os_string(),
        ],
        PACKAGE,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("имя папки для документов не в кодировке UTF-8"),
        "{}",
        r.stderr
    );
    // Nothing written under the name it would have become.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["school"]);
}
