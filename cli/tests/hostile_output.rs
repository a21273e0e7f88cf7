//! `generate --out`: nothing a user wrote is ever deleted, two runs never
//! write one folder, a killed run leaves nothing after the next one. Each
//! run is bounded in time and memory (see `bounded`).

mod bounded;

use bounded::{assert_refused, example, run, snapshot, spawn, REFUSAL};
use std::path::Path;
use std::time::Duration;

/// A whole package of the example school in a debug build takes about a
/// second; the bound leaves room for a busy machine.
const PACKAGE: Duration = Duration::from_secs(60);

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

#[test]
fn force_never_writes_over_the_programme_its_inputs_or_their_ancestors() {
    let (tmp, dir) = example();
    let before = snapshot(tmp.path());
    for out in [dir.clone(), dir.join("inputs"), tmp.path().to_path_buf()] {
        let r = run(
            &["generate", &s(&dir), "--out", &s(&out), "--force"],
            REFUSAL,
        );
        assert_refused(
            &r,
            &format!(
                "{}: документы нельзя записывать сюда: эта папка содержит входные данные программы",
                out.display()
            ),
        );
    }
    // `.` as --out from inside the programme's folder, too.
    let r = bounded::run_in(
        Some(&dir),
        &["generate", ".", "--out", ".", "--force"],
        REFUSAL,
    );
    assert_refused(&r, ".: документы нельзя записывать сюда");
    assert_eq!(snapshot(tmp.path()), before, "not a byte changed");
}

#[test]
fn force_never_writes_over_a_rules_or_templates_folder() {
    let (_tmp, dir) = example();
    let own = dir.join("own");
    std::fs::create_dir_all(&own).unwrap();
    std::fs::write(own.join("extra.rhai"), "fn rules() { [] }\n").unwrap();
    for flag in ["--rules", "--templates"] {
        let r = run(
            &[
                "generate",
                &s(&dir),
                "--out",
                &s(&own),
                "--force",
                flag,
                &s(&own),
            ],
            REFUSAL,
        );
        assert_refused(&r, "эта папка содержит входные данные программы (папку");
        assert!(own.join("extra.rhai").exists());
    }
}

#[test]
fn force_refuses_a_folder_with_anything_but_a_previous_package() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    std::fs::create_dir_all(out.join("sub")).unwrap();
    std::fs::write(out.join("notes.txt"), "мои заметки").unwrap();
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--force"],
        REFUSAL,
    );
    assert_refused(
        &r,
        &format!(
            "{}: в папке есть «notes.txt», «sub», но нет manifest.json: это не пакет документов nastavnik",
            out.display()
        ),
    );
    // A manifest nastavnik did not write does not make it a package.
    std::fs::write(out.join("manifest.json"), "{\"documents\": []}").unwrap();
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--force"],
        REFUSAL,
    );
    assert_refused(&r, "manifest.json в этой папке записан не nastavnik");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "мои заметки"
    );
    assert!(out.join("sub").is_dir());
}

#[test]
fn force_replaces_a_previous_package_and_nothing_else() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    let first = run(
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
    assert_eq!(first.code, Some(0), "{}", first.stderr);

    // Without --force a previous package is not replaced either.
    let r = run(&["generate", &s(&dir), "--out", &s(&out)], REFUSAL);
    assert_refused(
        &r,
        "папка не пуста; чтобы заменить в ней прежний пакет документов, добавьте --force",
    );

    // A user's file beside the package: refused, named, kept.
    std::fs::write(out.join("подписано.pdf"), "скан").unwrap();
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--force"],
        REFUSAL,
    );
    assert_refused(&r, "кроме пакета документов, в папке есть: «подписано.pdf»");
    std::fs::remove_file(out.join("подписано.pdf")).unwrap();

    // A document edited after generation is the user's now.
    let doc = out.join("order-curator.docx");
    let mut bytes = std::fs::read(&doc).unwrap();
    bytes.push(b'\n');
    std::fs::write(&doc, &bytes).unwrap();
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--force"],
        REFUSAL,
    );
    assert_refused(
        &r,
        "«order-curator.docx» изменён после того, как nastavnik его записал",
    );
    assert_eq!(std::fs::read(&doc).unwrap(), bytes, "the edit is kept");
    bytes.pop();
    std::fs::write(&doc, &bytes).unwrap();

    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--force",
            "--only",
            "order-roadmap",
        ],
        PACKAGE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // `--only` replaces that document and keeps the package's others.
    assert_eq!(
        names,
        ["manifest.json", "order-curator.docx", "order-roadmap.docx"]
    );
    assert_eq!(std::fs::read(&doc).unwrap(), bytes, "kept as it was");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

/// The files a manifest lists, with their sha256, and its other lists.
fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(out.join("manifest.json")).unwrap()).unwrap()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[test]
fn only_with_force_replaces_one_document_of_a_whole_package() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    let whole = run(&["generate", &s(&dir), "--out", &s(&out)], PACKAGE);
    assert_eq!(whole.code, Some(0), "{}", whole.stderr);
    let before = snapshot(&out);
    let listed_before = manifest(&out)["documents"].as_array().unwrap().clone();
    assert!(listed_before.len() > 5, "a whole package");

    // The roadmap order, removed by the user, is written again from the
    // same inputs at the same date.
    let programme = dir.join("programme.json");
    std::fs::remove_file(out.join("order-roadmap.docx")).unwrap();
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--force",
            "--only",
            "order-roadmap",
        ],
        PACKAGE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let after = snapshot(&out);
    // Every document but that one is the same, byte for byte.
    for (path, bytes) in &before {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let now = after.iter().find(|(p, _)| p == path).map(|(_, b)| b);
        match name.as_str() {
            "manifest.json" => assert!(now.is_some_and(|b| b != bytes), "{name} rewritten"),
            // The same inputs give the same bytes.
            _ => assert_eq!(now, Some(bytes), "{name} kept or written the same"),
        }
    }
    assert_eq!(after.len(), before.len(), "no file more, none less");
    // The manifest lists exactly the files there, in the same order, each
    // with its hash; the kept ones are named.
    let m = manifest(&out);
    let listed = m["documents"].as_array().unwrap();
    let ids = |l: &[serde_json::Value]| -> Vec<String> {
        l.iter()
            .map(|d| d["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(ids(listed), ids(&listed_before));
    for d in listed {
        let file = d["file"].as_str().unwrap();
        let bytes = std::fs::read(out.join(file)).unwrap();
        assert_eq!(d["sha256"].as_str().unwrap(), sha256(&bytes), "{file}");
    }
    let kept: Vec<String> = m["kept_from_previous"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| id.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kept.len(), listed.len() - 1);
    assert!(!kept.contains(&"order-roadmap".to_owned()));
    assert_eq!(leftovers(&dir), Vec::<String>::new());

    // A kept document edited by the user: refused, and nothing changes.
    let curator = out.join("order-curator.docx");
    let mut edited = std::fs::read(&curator).unwrap();
    edited.extend_from_slice(b"\n");
    std::fs::write(&curator, &edited).unwrap();
    let before = snapshot(&out);
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--force",
            "--only",
            "order-roadmap",
        ],
        REFUSAL,
    );
    assert_refused(
        &r,
        "«order-curator.docx» изменён после того, как nastavnik его записал",
    );
    assert_eq!(snapshot(&out), before, "not a byte changed");
    assert_eq!(leftovers(&dir), Vec::<String>::new());

    // Another programme's package (another title): --only adds nothing to
    // it, and nothing changes.
    edited.pop();
    std::fs::write(&curator, &edited).unwrap();
    let text = std::fs::read_to_string(&programme).unwrap();
    let other = text.replacen("на 2025/2026 учебный год", "на 2026/2027 учебный год", 1);
    assert_ne!(other, text);
    std::fs::write(&programme, other).unwrap();
    let before = snapshot(&out);
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--force",
            "--only",
            "order-roadmap",
        ],
        PACKAGE,
    );
    assert_refused(&r, "прежний пакет в папке относится к другой программе");
    assert_eq!(snapshot(&out), before, "not a byte changed");
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

/// What nastavnik may leave beside `--out`: its lock, temporary and set-aside folders.
fn leftovers(parent: &Path) -> Vec<String> {
    let mut found: Vec<String> = std::fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".lock") || n.contains(".tmp-") || n.contains(".old-"))
        .collect();
    found.sort();
    found
}

#[test]
fn a_second_run_into_the_same_out_is_refused_at_once_naming_the_first() {
    // On a loaded machine the first run may finish before the second one
    // starts: then the race was lost, not the check; try again (a wrong
    // message fails at once).
    for attempt in 1..=5 {
        let (_tmp, dir) = example();
        let out = dir.join("out");
        let args = ["generate".to_owned(), s(&dir), "--out".to_owned(), s(&out)];
        let mut first = spawn(None, &args, PACKAGE);
        bounded::wait_for_lock(&dir);
        let pid = first.pid().expect("the first run's PID");
        let second = run(&args, REFUSAL);
        let locked = format!(
            "{}: в эту папку сейчас пишет другой запуск nastavnik (процесс {pid}); дождитесь его окончания",
            out.display()
        );
        // Lost also when the first had already put its package in place
        // (the second then finds a package, not a lock) but not yet exited.
        let lost = first.ended() || out.join("manifest.json").is_file();
        if !second.stderr.contains(&locked) && lost && attempt < 5 {
            let _ = bounded::finish(first, &args, PACKAGE);
            continue;
        }
        assert_refused(&second, &locked);
        let first = bounded::finish(first, &args, PACKAGE);
        assert_eq!(first.code, Some(0), "{}", first.stderr);
        assert!(out.join("manifest.json").is_file());
        assert_eq!(leftovers(&dir), Vec::<String>::new(), "lock removed");
        return;
    }
}

#[test]
fn a_killed_run_leaves_nothing_after_the_next_one() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    let args = ["generate".to_owned(), s(&dir), "--out".to_owned(), s(&out)];
    // A real run killed while it works leaves its lock file behind...
    let mut first = spawn(None, &args, PACKAGE);
    bounded::wait_for_lock(&dir);
    first.kill();
    assert!(!out.exists(), "killed before writing");
    // ...and one killed while writing, its temporary folder (made here as
    // it would be: PID of a process that is gone, half the documents).
    let stale = dir.join(".out.tmp-4194303-0");
    std::fs::create_dir_all(&stale).unwrap();
    std::fs::write(
        stale.join(".nastavnik-temporary"),
        "nastavnik: временная папка .out.tmp-4194303-0; её удаляет следующий запуск\n",
    )
    .unwrap();
    std::fs::write(stale.join("order-curator.docx"), b"PK half").unwrap();
    // ...and one killed inside writing its marker: the marker's text cut
    // short, nothing else (documents come only after the marker).
    let cut = dir.join(".out.tmp-4194302-0");
    std::fs::create_dir_all(&cut).unwrap();
    std::fs::write(cut.join(".nastavnik-temporary"), "nastavnik: временная па").unwrap();
    // A user's folder that only looks like one is not nastavnik's to remove.
    let look_alike = dir.join(".out.tmp-notes");
    std::fs::create_dir_all(&look_alike).unwrap();
    std::fs::write(look_alike.join("notes.txt"), "моё").unwrap();

    let next = run(&args, PACKAGE);
    assert_eq!(next.code, Some(0), "{}", next.stderr);
    assert!(out.join("manifest.json").is_file());
    assert_eq!(leftovers(&dir), [".out.tmp-notes"]);
    assert!(look_alike.join("notes.txt").is_file());
}

#[test]
fn a_run_killed_between_its_renames_gets_its_old_package_back() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
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
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    // What a run killed after moving the old package aside leaves.
    let old = dir.join(".out.old-4194303");
    std::fs::rename(&out, &old).unwrap();
    std::fs::write(
        old.join(".nastavnik-temporary"),
        "nastavnik: временная папка .out.old-4194303; её удаляет следующий запуск\n",
    )
    .unwrap();
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--only",
            "order-mentors",
        ],
        REFUSAL,
    );
    // The old package is back in place, so without --force it is kept.
    assert_refused(&r, "добавьте --force");
    assert!(out.join("order-curator.docx").is_file());
    assert_eq!(leftovers(&dir), Vec::<String>::new());
}

#[test]
fn a_lock_file_that_is_not_nastavniks_is_left_alone() {
    let (_tmp, dir) = example();
    let out = dir.join("out");
    std::fs::write(dir.join(".out.lock"), "мой файл").unwrap();
    let r = run(&["generate", &s(&dir), "--out", &s(&out)], REFUSAL);
    assert_refused(&r, "этот файл не похож на блокировку nastavnik");
    assert_eq!(
        std::fs::read_to_string(dir.join(".out.lock")).unwrap(),
        "мой файл"
    );
    assert!(!out.exists());
}

#[test]
fn a_refused_run_removes_the_folders_it_made_for_out() {
    let (_tmp, dir) = example();
    let out = dir.join("new").join("deeper").join("out");
    let r = run(
        &[
            "generate",
            &s(&dir),
            "--out",
            &s(&out),
            "--only",
            "no-such-doc",
        ],
        REFUSAL,
    );
    assert_refused(&r, "неизвестный документ «no-such-doc»");
    assert!(!dir.join("new").exists(), "nothing written");
}
