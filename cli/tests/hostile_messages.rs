//! Messages wholly in Russian, each with its place (issue 24, class 8):
//! an ODS or DOCX file given as XLSX, a workbook missing a sheet's part, a
//! workbook whose XML is cut off, a programme.json that links to itself,
//! and `generate --only` with an unknown id (named, with the closest id,
//! in a line).

mod bounded;

use bounded::{assert_refused, example, run, Run, REFUSAL};
use std::io::{Read, Write};
use std::path::Path;

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// No text of calamine, zip, quick-xml or the system in English.
fn wholly_russian(r: &Run) {
    for english in [
        "File not found",
        "Worksheet",
        "not found",
        "Unexpected",
        "Xml error",
        "end of xml",
        "error",
        "Too many",
        "os error",
        "symbolic",
        "Zip",
    ] {
        assert!(!r.stderr.contains(english), "«{english}» in:\n{}", r.stderr);
    }
}

/// The parts of the example's participants.xlsx.
fn parts(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let bytes = std::fs::read(dir.join("inputs/participants.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn write_zip(path: &Path, parts: &[(String, Vec<u8>)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in parts {
        zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap();
}

const FILE: &str = "inputs/participants.xlsx";

#[test]
fn an_ods_or_a_docx_given_as_xlsx_is_named_as_what_it_is() {
    let (_tmp, dir) = example();
    let table = dir.join(FILE);
    write_zip(
        &table,
        &[
            (
                "mimetype".to_owned(),
                b"application/vnd.oasis.opendocument.spreadsheet".to_vec(),
            ),
            (
                "content.xml".to_owned(),
                b"<office:document-content/>".to_vec(),
            ),
            ("META-INF/manifest.xml".to_owned(), b"<manifest/>".to_vec()),
        ],
    );
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!("{FILE}: это таблица OpenDocument (ODS, например из LibreOffice Calc), а не книга Excel (XLSX)"),
    );
    wholly_russian(&r);
    write_zip(
        &table,
        &[
            ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
            ("word/document.xml".to_owned(), b"<w:document/>".to_vec()),
        ],
    );
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!("{FILE}: это документ Word (DOCX), а не книга Excel"),
    );
    wholly_russian(&r);
    // A zip of neither kind without the workbook's parts.
    write_zip(&table, &[("notes.txt".to_owned(), b"x".to_vec())]);
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(&r, &format!("{FILE}: файл повреждён или это не книга Excel (XLSX): в архиве нет части «_rels/.rels»"));
    wholly_russian(&r);
}

#[test]
fn a_missing_sheet_part_is_named_at_its_sheet() {
    let (_tmp, dir) = example();
    let kept: Vec<_> = parts(&dir)
        .into_iter()
        .filter(|(n, _)| n != "xl/worksheets/sheet1.xml")
        .collect();
    write_zip(&dir.join(FILE), &kept);
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!("{FILE} › Наставники: лист не читается, файл повреждён: часть архива с этим листом отсутствует"),
    );
    wholly_russian(&r);
}

#[test]
fn a_workbook_cut_off_inside_its_xml_is_named_at_its_part_or_sheet() {
    let cut = |part: &str, at: fn(&[u8]) -> usize| {
        let (tmp, dir) = example();
        let all: Vec<_> = parts(&dir)
            .into_iter()
            .map(|(n, d)| {
                let d = if n == part { d[..at(&d)].to_vec() } else { d };
                (n, d)
            })
            .collect();
        write_zip(&dir.join(FILE), &all);
        let r = run(&["validate", &s(&dir)], REFUSAL);
        wholly_russian(&r);
        (tmp, r)
    };
    // Between two tags, and inside one.
    let between = |d: &[u8]| d.iter().rposition(|&b| b == b'<').unwrap();
    let inside = |d: &[u8]| d.iter().rposition(|&b| b == b'<').unwrap() + 2;
    let anywhere = |d: &[u8]| d.len() / 2;
    for at in [between, inside] {
        let (_t, r) = cut("xl/workbook.xml", at);
        assert_refused(
            &r,
            &format!("{FILE}: часть «xl/workbook.xml»: XML обрывается на середине: файл обрезан или сохранён не до конца"),
        );
        let (_t, r) = cut("xl/sharedStrings.xml", at);
        assert_refused(
            &r,
            &format!("{FILE}: часть «xl/sharedStrings.xml»: XML обрывается"),
        );
    }
    // Cut anywhere (inside a word of Cyrillic, a multi-byte character):
    // still named at the part.
    let (_t, r) = cut("xl/sharedStrings.xml", anywhere);
    assert_refused(&r, &format!("{FILE}: часть «xl/sharedStrings.xml»: XML "));
    let (_t, r) = cut("xl/worksheets/sheet1.xml", anywhere);
    assert_refused(
        &r,
        &format!("{FILE} › Наставники: лист не читается, файл повреждён: XML внутри файла обрывается или повреждён"),
    );
}

#[test]
fn a_programme_json_linking_to_itself_is_refused_in_russian() {
    let (_tmp, dir) = example();
    let programme = dir.join("programme.json");
    std::fs::remove_file(&programme).unwrap();
    std::os::unix::fs::symlink("programme.json", &programme).unwrap();
    let r = run(&["validate", &s(&dir)], REFUSAL);
    assert_refused(
        &r,
        &format!(
            "{}: не удалось прочитать файл: слишком много уровней символических ссылок: ссылка указывает сама на себя или по кругу",
            programme.display()
        ),
    );
    wholly_russian(&r);
}

#[test]
fn generate_only_with_an_unknown_id_names_only_and_the_closest_id() {
    let (tmp, dir) = example();
    let out = tmp.path().join("out");
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--only", "plan-01"],
        REFUSAL * 4,
    );
    assert_refused(
        &r,
        "--only: неизвестный документ «plan-01»; возможно, имелось в виду «plan-001»",
    );
    assert!(r.stderr.chars().count() < 200, "{}", r.stderr);
    let r = run(
        &["generate", &s(&dir), "--out", &s(&out), "--only", "zzz"],
        REFUSAL * 4,
    );
    assert_refused(
        &r,
        "--only: неизвестный документ «zzz»; в пакете есть: «order-implementation»",
    );
    assert!(r.stderr.contains("«plan-001»…«plan-"), "{}", r.stderr);
    assert!(r.stderr.chars().count() < 700, "{}", r.stderr);
    assert!(!out.exists());
}

/// `nastavnik check DIR | head`: the reader gone, the output ends quietly
/// (killed by SIGPIPE, as other tools are), never a panic with an English
/// backtrace.
#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let demo = dir.path().join("demo");
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("init")
        .arg(&demo)
        .output()
        .expect("init");
    assert!(init.status.success());
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_nastavnik"))
        .arg("check")
        .arg(&demo)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("check");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}
