//! A profile's own text reaches signed documents as programme.json and the
//! tables do (issue 24, class 3): a bidirectional control or another
//! invisible format character in a template, the catalogue or a
//! parameter of a region's folder or `--rules`/`--templates` is refused
//! at its file and line (or, escaped in JSON, at its pointer), by every
//! command that reads the profile, and nothing is written.

mod bounded;

use bounded::{assert_refused, example, run};
use std::path::Path;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(60);
const BIDI: &str = "в тексте невидимый символ направления письма U+202E";

fn s(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn generate(dir: &Path, out: &Path, extra: &[&str]) -> bounded::Run {
    let mut args = vec!["generate".to_owned(), s(dir), "--out".to_owned(), s(out)];
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    run(&args, LIMIT)
}

#[test]
fn a_template_with_a_bidi_override_is_refused_at_its_line() {
    let (tmp, dir) = example();
    let own = tmp.path().join("own");
    std::fs::create_dir_all(&own).unwrap();
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../templates/order-curator.hbs"),
    )
    .unwrap();
    // Line 4 prints the order's title mirrored.
    let mut lines: Vec<&str> = base.lines().collect();
    let mirrored = lines[3].replacen("О назначении", "О \u{202e}назначении", 1);
    assert_ne!(mirrored, lines[3]);
    lines[3] = &mirrored;
    let template = own.join("order-curator.hbs");
    std::fs::write(&template, lines.join("\n")).unwrap();
    let out = tmp.path().join("out");
    let r = generate(&dir, &out, &["--templates", &s(&own)]);
    assert_refused(&r, &format!("{}:4:39: {BIDI}", template.display()));
    assert!(!out.exists(), "nothing written");
    let r = run(
        &["templates", "check", &s(&own), "--programme", &s(&dir)],
        LIMIT,
    );
    assert_refused(&r, &format!("{}:4:39: {BIDI}", template.display()));
}

#[test]
fn a_catalogue_title_with_an_isolate_is_refused_at_its_line() {
    let (tmp, dir) = example();
    let region = tmp.path().join("my-region");
    std::fs::create_dir_all(region.join("templates")).unwrap();
    let catalogue = region.join("templates/catalogue.json");
    std::fs::write(
        &catalogue,
        "{\"documents\": [\n  {\"id\": \"memo\", \"title\": \"Памятка \u{2067}наставнику\u{2069}\", \"template\": \"order-curator\"}\n]}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = generate(&dir, &out, &["--region", &s(&region)]);
    assert_refused(
        &r,
        &format!(
            "{}:2:36: в тексте невидимый символ направления письма U+2067",
            catalogue.display()
        ),
    );
    assert!(!out.exists());
}

#[test]
fn a_parameter_with_an_escaped_override_is_refused_at_its_pointer() {
    let (tmp, dir) = example();
    let rules = tmp.path().join("own-rules");
    std::fs::create_dir_all(&rules).unwrap();
    let params = rules.join("params.json");
    // Escaped, as JSON allows: no raw character on any line.
    std::fs::write(
        &params,
        "{\n  \"region_name\": \"Омская \\u202Eобласть\"\n}\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = generate(&dir, &out, &["--rules", &s(&rules)]);
    assert_refused(&r, &format!("{} › /region_name: {BIDI}", params.display()));
    assert!(!out.exists());
    let r = run(&["check", &s(&dir), "--rules", &s(&rules)], LIMIT);
    assert_refused(&r, &format!("{} › /region_name: {BIDI}", params.display()));
    // Raw, in a rule's source (Trojan Source): at its line.
    std::fs::remove_file(&params).unwrap();
    let rule = rules.join("extra.rhai");
    std::fs::write(&rule, "// правило\nlet x = \"\u{2066}\";\n").unwrap();
    let r = generate(&dir, &out, &["--rules", &s(&rules)]);
    assert_refused(
        &r,
        &format!(
            "{}:2:10: в тексте невидимый символ направления письма U+2066",
            rule.display()
        ),
    );
}

#[test]
fn line_breaks_tabs_and_zero_width_joiners_are_fine() {
    let (tmp, dir) = example();
    let rules = tmp.path().join("own-rules");
    std::fs::create_dir_all(&rules).unwrap();
    std::fs::write(
        rules.join("params.json"),
        "{\r\n\t\"region_name\": \"Омская\u{200d} область\"\r\n}\r\n",
    )
    .unwrap();
    let out = tmp.path().join("out");
    let r = generate(
        &dir,
        &out,
        &["--rules", &s(&rules), "--only", "order-curator"],
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
}
