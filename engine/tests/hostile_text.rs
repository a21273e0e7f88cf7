//! Text that would print otherwise than it reads (issue 24, class 3):
//! bidirectional controls and the invisible format characters that hide
//! or reorder text are refused at their place — a JSON pointer of
//! programme.json or a table's cell — like the control characters.

#[path = "support/hostile.rs"]
mod hostile;

use hostile::*;
use nastavnik_engine::{load, Error};
use serde_json::Value;

fn problems(dir: &std::path::Path) -> Vec<String> {
    match load::load(dir) {
        Ok(_) => panic!("the text was accepted"),
        Err(Error::Input(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => panic!("not an input error: {e}"),
    }
}

/// A problem at the place `start` (after any folder) saying `part`.
fn has(problems: &[String], start: &str, part: &str) {
    assert!(
        problems
            .iter()
            .any(|p| p.contains(start) && p.contains(part)),
        "no «{start}…{part}…» among {problems:#?}"
    );
}

const BIDI: [char; 12] = [
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
];

#[test]
fn bidi_controls_in_programme_json_are_refused_at_their_pointer() {
    for c in BIDI
        .into_iter()
        .chain(['\u{206e}', '\u{fff9}', '\u{e0041}'])
    {
        let dir = programme_with(&participants());
        let path = dir.path().join("programme.json");
        let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let name = v["organisation"]["full_name"].as_str().unwrap().to_owned();
        v["organisation"]["full_name"] = format!("{c}{name}").into();
        v["organisation"]["head"]["name"] = "Иванова\u{202e}анна Мария".into();
        std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
        let ps = problems(dir.path());
        let code = format!("U+{:04X}", u32::from(c));
        has(&ps, "programme.json › /organisation/full_name: ", &code);
        has(
            &ps,
            "programme.json › /organisation/head/name: ",
            "невидимый символ направления письма U+202E: с ним документ печатается не так, как читается",
        );
    }
}

#[test]
fn bidi_controls_in_a_cell_are_refused_at_the_cell() {
    for c in BIDI {
        let bytes = edit(&participants(), "xl/worksheets/sheet1.xml", |x| {
            replace_cell(
                x,
                "A3",
                &format!(
                    "<c r=\"A3\" t=\"inlineStr\"><is><t>Иванова{c} Мария Петровна</t></is></c>"
                ),
            )
        });
        let dir = programme_with(&bytes);
        let ps = problems(dir.path());
        has(
            &ps,
            "inputs/participants.xlsx › Наставники › A3: ",
            &format!("невидимый символ направления письма U+{:04X}", u32::from(c)),
        );
    }
}

#[test]
fn line_break_hints_are_not_refused() {
    // A zero-width space or a soft hyphen changes no reading: not refused.
    let bytes = edit(&participants(), "xl/worksheets/sheet1.xml", |x| {
        replace_cell(
            x,
            "D3",
            "<c r=\"D3\" t=\"inlineStr\"><is><t>учи\u{ad}тель\u{200b}</t></is></c>",
        )
    });
    let dir = programme_with(&bytes);
    if let Err(e) = load::load(dir.path()) {
        assert!(!e.to_string().contains("U+00AD"), "{e}");
        assert!(!e.to_string().contains("U+200B"), "{e}");
    }
}
