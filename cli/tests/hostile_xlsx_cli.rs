//! Hostile XLSX files through the real binary, under a 2 GiB address-space
//! cap (`prlimit`) and a 60 s `timeout`, peak memory measured by
//! `/usr/bin/time`: each of `validate`, `check` and `generate` exits 2
//! with the Russian message at its place, within 5 s and 1 GiB.
//!
//! The 5 s are the process's CPU time (user + system): the machine is
//! shared with other builds, and a debug binary's wall-clock time there
//! says more about the neighbours than about the refusal.

#[path = "../../engine/tests/support/hostile.rs"]
mod hostile;

use hostile::*;
use std::path::Path;
use std::process::Command;

const FILE: &str = "inputs/participants.xlsx";

/// Runs the binary with `args` on `dir`; exit code, stderr, CPU seconds,
/// peak KiB.
fn run_capped(dir: &Path, args: &[&str]) -> (Option<i32>, String, f64, u64) {
    let out = Command::new("timeout")
        .args([
            "60",
            "prlimit",
            "--as=2147483648",
            "--",
            "/usr/bin/time",
            "-f",
            "MEASURED %U %S %M",
        ])
        .arg(env!("CARGO_BIN_EXE_nastavnik"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("timeout, prlimit and /usr/bin/time are installed (.ci/setup)");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let measured = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("MEASURED "))
        .unwrap_or_else(|| panic!("no measurement in {stderr}"))
        .to_owned();
    let mut it = measured.split(' ');
    let mut seconds = || -> f64 { it.next().and_then(|s| s.parse().ok()).expect("seconds") };
    let seconds = seconds() + seconds();
    let kib: u64 = it.next().and_then(|s| s.parse().ok()).expect("KiB");
    // `time` reports the command's own code; `timeout` passes it through.
    (out.status.code(), stderr, seconds, kib)
}

fn refused_everywhere(bytes: &[u8], expected: &str) {
    let dir = programme_with(bytes);
    for args in [
        vec!["validate", "."],
        vec!["check", "."],
        vec!["generate", ".", "--out", "out"],
    ] {
        let (code, stderr, seconds, kib) = run_capped(dir.path(), &args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expected),
            "{args:?}: no «{expected}» in {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(seconds < 5.0, "{args:?}: {seconds} s");
        assert!(kib < 1 << 20, "{args:?}: {kib} KiB");
        assert!(!dir.path().join("out").exists(), "{args:?} wrote a package");
    }
}

#[test]
fn a_million_row_sheet_is_refused_by_every_command() {
    let sheet = sheet_of_rows(1_000_000);
    let bytes = edit(&participants(), "xl/worksheets/sheet1.xml", |_| sheet);
    refused_everywhere(
        &bytes,
        &format!("{FILE} › Наставники › A200001: заполнена ячейка в строке 200\u{a0}001"),
    );
}

#[test]
fn a_stray_cell_at_xfd1048576_is_refused_by_every_command() {
    let bytes = edit(&participants(), "xl/worksheets/sheet1.xml", |x| {
        add_before_end(
            x,
            "<row r=\"1048576\"><c r=\"XFD1048576\" t=\"s\"><v>0</v></c></row>",
        )
    });
    refused_everywhere(&bytes, &format!("{FILE} › Наставники › XFD1048576: "));
}

#[test]
fn a_shared_string_bomb_is_refused_by_every_command() {
    let head = b"<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>";
    let bytes = with_bomb(
        &participants(),
        "xl/sharedStrings.xml",
        head,
        b'a',
        3 << 30,
        3 << 30,
    );
    refused_everywhere(
        &bytes,
        &format!(
            "{FILE}: часть «xl/sharedStrings.xml» архива XLSX распаковывается больше чем в 128 МиБ"
        ),
    );
}

#[test]
fn a_declared_count_of_two_to_the_64_is_refused_by_every_command() {
    let bytes = edit(&participants(), "xl/sharedStrings.xml", |x| {
        let at = x.find("uniqueCount=\"").expect("uniqueCount") + "uniqueCount=\"".len();
        let end = at + x[at..].find('"').expect("quote");
        format!("{}18446744073709551615{}", &x[..at], &x[end..])
    });
    refused_everywhere(
        &bytes,
        &format!("{FILE}: файл повреждён: в таблице общих строк"),
    );
}
