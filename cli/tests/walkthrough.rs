//! The walk-through of `rules/README.md` («Пошагово: профиль нового
//! региона»), run step by step on the binary: its code blocks are read
//! from the README itself, so the page cannot drift from what works.
//!
//! A block whose info string has `file=PATH` is written to PATH,
//! `merge=PATH` adds its fields to the JSON file at PATH, `sh` blocks are
//! commands: each `nastavnik …` line runs in the temporary folder, `# → TEXT`
//! after it must appear in its output, `# код выхода N` sets the exit code
//! expected (0 otherwise).

use std::path::Path;
use std::process::Command;

const README: &str = include_str!("../../rules/README.md");
const SECTION: &str = "## Пошагово: профиль нового региона";

/// One fenced block: its info string and its text.
fn blocks(section: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut lines = section.lines();
    while let Some(line) = lines.next() {
        let Some(info) = line.strip_prefix("```") else {
            continue;
        };
        let mut text = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            text.push_str(l);
            text.push('\n');
        }
        out.push((info.trim().to_owned(), text));
    }
    out
}

fn attr<'a>(info: &'a str, key: &str) -> Option<&'a str> {
    info.split_whitespace()
        .find_map(|w| w.strip_prefix(key)?.strip_prefix('='))
}

struct Run {
    args: Vec<String>,
    code: i32,
    expect: Vec<String>,
}

fn commands(text: &str) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for line in text.lines() {
        if let Some(cmd) = line.strip_prefix("nastavnik ") {
            out.push(Run {
                args: cmd.split_whitespace().map(str::to_owned).collect(),
                code: 0,
                expect: Vec::new(),
            });
        } else if let Some(text) = line.strip_prefix("# → ") {
            if let Some(last) = out.last_mut() {
                last.expect.push(text.to_owned());
            }
        } else if let Some(code) = line.strip_prefix("# код выхода ") {
            if let Some(last) = out.last_mut() {
                last.code = code
                    .trim()
                    .parse()
                    .unwrap_or_else(|e| panic!("{code}: {e}"));
            }
        }
    }
    out
}

fn write(path: &Path, text: &str) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

#[test]
fn the_walkthrough_of_rules_readme_runs_as_written() {
    let start = README
        .find(SECTION)
        .unwrap_or_else(|| panic!("no «{SECTION}» in rules/README.md"));
    let section = &README[start..];
    let section = match section[SECTION.len()..].find("\n## ") {
        Some(end) => &section[..SECTION.len() + end],
        None => section,
    };
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let dir = tmp.path();
    let (mut files, mut runs) = (0, 0);
    for (info, text) in blocks(section) {
        if let Some(path) = attr(&info, "file") {
            write(&dir.join(path), &text);
            files += 1;
        } else if let Some(path) = attr(&info, "merge") {
            let path = dir.join(path);
            let old = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
            let mut json: serde_json::Value =
                serde_json::from_str(&old).unwrap_or_else(|e| panic!("{e}"));
            let add: serde_json::Value =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"));
            for (k, v) in add.as_object().cloned().unwrap_or_default() {
                json[k] = v;
            }
            write(
                &path,
                &serde_json::to_string_pretty(&json).unwrap_or_else(|e| panic!("{e}")),
            );
            files += 1;
        } else if info == "sh" {
            for run in commands(&text) {
                let o = Command::new(env!("CARGO_BIN_EXE_nastavnik"))
                    .args(&run.args)
                    .current_dir(dir)
                    .output()
                    .unwrap_or_else(|e| panic!("{e}"));
                let shown = format!(
                    "nastavnik {}\n{}{}",
                    run.args.join(" "),
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                );
                assert_eq!(o.status.code(), Some(run.code), "{shown}");
                for e in &run.expect {
                    assert!(shown.contains(e.as_str()), "no «{e}» in\n{shown}");
                }
                runs += 1;
            }
        }
    }
    assert!(files >= 6 && runs >= 7, "files {files}, commands {runs}");

    // What the last step says it made: the profile in the manifest, the
    // region's partial in the orders.
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("out/manifest.json")).unwrap_or_else(|e| panic!("{e}")),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(manifest["profile"]["region"], "../tyumen");
    let files: Vec<String> = manifest["profile"]["folders"]
        .as_array()
        .cloned()
        .unwrap_or_default()
        .iter()
        .flat_map(|f| f["files"].as_array().cloned().unwrap_or_default())
        .filter_map(|f| f["name"].as_str().map(str::to_owned))
        .collect();
    assert_eq!(
        files,
        ["params.json", "tyumen.rhai", "partials/control.hbs"],
        "the tests/ folder is not part of the profile"
    );
    let docx = std::fs::read(dir.join("out/order-curator.docx")).unwrap_or_else(|e| panic!("{e}"));
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(
        &mut zip
            .by_name("word/document.xml")
            .unwrap_or_else(|e| panic!("{e}")),
        &mut xml,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert!(xml.contains("Департамент образования Тюменской области"));
}
