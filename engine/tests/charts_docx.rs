//! The monitoring report's native charts: the parts a DOCX needs for Word
//! to draw and edit a chart (chart XML with cached values, the embedded
//! workbook, their relationships and content types), the values the same
//! as the figures, the workbook holding what is drawn, byte-identical on
//! a second run; and two real readers: LibreOffice (→ PDF → text: the
//! captions, axis titles, legends and labels are text, not pixels) and
//! python-docx (the charts are inline shapes of type chart).

use calamine::{Data, Reader, Xlsx};
use nastavnik_engine::figures::monitoring::Monitoring;
use nastavnik_engine::package::Checked;
use nastavnik_engine::render::docx::{write, DocProps};
use nastavnik_engine::render::markup::parse;
use nastavnik_engine::render::{context, templates::Templates};
use std::io::{Cursor, Read};
use std::process::Command;

/// The example school's monitoring report as DOCX bytes.
fn monitoring_docx(model: &nastavnik_engine::Model) -> Vec<u8> {
    let checked = Checked::with_profile(model, None, None).expect("checked");
    let t = Templates::load(None, None).expect("templates");
    let plan = checked.plan();
    let doc = plan
        .documents
        .iter()
        .find(|d| d.id == "report-monitoring")
        .expect("planned");
    let ctx = context::build(&checked.sources(), doc);
    let markup = t.render(&doc.template, &ctx).expect("renders");
    let parsed = parse(&markup, "report-monitoring.hbs").expect("parses");
    write(&parsed, &DocProps::default()).expect("written")
}

fn part(docx: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("zip");
    let mut out = Vec::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} is in the package"))
        .read_to_end(&mut out)
        .expect("read");
    out
}

fn text(docx: &[u8], name: &str) -> String {
    String::from_utf8(part(docx, name)).expect("UTF-8")
}

/// The cached numbers of each series of a chart part, gaps as `None`.
fn cached(chart: &str) -> Vec<Vec<Option<f64>>> {
    let doc = roxmltree::Document::parse(chart).expect("chart XML");
    doc.descendants()
        .filter(|n| n.tag_name().name() == "numCache")
        .map(|cache| {
            let count: usize = cache
                .children()
                .find(|n| n.tag_name().name() == "ptCount")
                .and_then(|n| n.attribute("val"))
                .and_then(|v| v.parse().ok())
                .expect("ptCount");
            let mut values = vec![None; count];
            for pt in cache.children().filter(|n| n.tag_name().name() == "pt") {
                let idx: usize = pt
                    .attribute("idx")
                    .and_then(|v| v.parse().ok())
                    .expect("idx");
                let v = pt
                    .descendants()
                    .find(|n| n.tag_name().name() == "v")
                    .and_then(|n| n.text())
                    .and_then(|t| t.parse().ok());
                values[idx] = v;
            }
            values
        })
        .collect()
}

#[test]
fn charts_are_native_parts_with_the_figures_cached_and_in_the_workbook() {
    let model = nastavnik_engine::example::model();
    let docx = monitoring_docx(&model);
    let document = text(&docx, "word/document.xml");
    let rels = text(&docx, "word/_rels/document.xml.rels");
    let types = text(&docx, "[Content_Types].xml");
    // Mentors and mentees: distribution and comparison each; the roadmap.
    let charts = document.matches("<c:chart ").count();
    assert_eq!(charts, 5, "{document}");
    for n in 1..=charts {
        assert!(rels.contains(&format!(
            r#"Id="rIdChart{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="charts/chart{n}.xml""#
        )));
        assert!(types.contains(&format!(r#"PartName="/word/charts/chart{n}.xml""#)));
        assert!(document.contains(&format!("Рисунок\u{a0}{n}\u{a0}— ")));
        let chart_rels = text(&docx, &format!("word/charts/_rels/chart{n}.xml.rels"));
        assert!(chart_rels.contains(&format!(
            r#"Target="../embeddings/Microsoft_Excel_Worksheet{n}.xlsx""#
        )));
        // What is drawn is what the curator edits: every cached value is
        // in the workbook's cell the formula names.
        let chart = text(&docx, &format!("word/charts/chart{n}.xml"));
        let book = part(
            &docx,
            &format!("word/embeddings/Microsoft_Excel_Worksheet{n}.xlsx"),
        );
        let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(book)).expect("workbook");
        let sheet = xlsx.worksheet_range("Лист1").expect("Лист1");
        for (s, series) in cached(&chart).iter().enumerate() {
            for (row, v) in series.iter().enumerate() {
                let cell = sheet.get_value((row as u32 + 1, s as u32 + 1));
                match v {
                    Some(v) => assert_eq!(cell, Some(&Data::Float(*v)), "chart {n}"),
                    None => assert!(matches!(cell, None | Some(Data::Empty)), "chart {n}"),
                }
            }
        }
    }
    assert!(types.contains(r#"<Default Extension="xlsx""#));

    // Chart 1 is the mentors' distribution: stage 1 and stage 2, one bar
    // per score, the figures' counts (computed here again from the table).
    let figures = nastavnik_engine::figures::Figures::of(&model);
    let m = Monitoring::of(&model, &figures, 8.0);
    let chart1 = cached(&text(&docx, "word/charts/chart1.xml"));
    for (stage, series) in chart1.iter().enumerate() {
        let mut counts = [0usize; 10];
        for r in model.survey.responses.iter().filter(|r| {
            r.phase as usize == stage + 1 && r.role == nastavnik_engine::model::SurveyRole::Mentor
        }) {
            for s in r.scores.iter().flatten() {
                counts[usize::from(*s) - 1] += 1;
            }
        }
        let drawn: Vec<usize> = series.iter().map(|v| v.unwrap_or(0.0) as usize).collect();
        assert_eq!(drawn, counts, "stage {}", stage + 1);
        let s = m.roles[0].stages[stage].as_ref().expect("answered");
        assert_eq!(s.distribution, counts);
    }
    // Chart 2 compares the mentors' means; the fifth question was asked at
    // stage 2 only: a gap at stage 1, a bar at stage 2.
    let chart2 = cached(&text(&docx, "word/charts/chart2.xml"));
    assert_eq!(chart2.len(), 2);
    assert_eq!(chart2[0][4], None);
    assert!(chart2[1][4].is_some());

    // Same model, same bytes, workbooks included.
    assert_eq!(monitoring_docx(&model), docx);
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn charts_read_as_text_in_libreoffice_and_as_charts_in_python_docx() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report-monitoring.docx");
    std::fs::write(&path, monitoring_docx(&nastavnik_engine::example::model())).expect("written");

    // LibreOffice draws the charts from their cached values, with text.
    let profile = tempfile::tempdir().expect("tempdir");
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&path)
        .output()
        .expect("LibreOffice (soffice) is installed: run .ci/setup");
    assert!(out.status.success());
    let pdf = dir.path().join("report-monitoring.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed: run .ci/setup");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    for phrase in [
        "Рисунок 1 — Распределение оценок, наставники",
        "Рисунок 5 — Выполнение дорожной карты по этапам",
        // Axis titles and legends are in the charts only.
        "Оценка, баллов",
        "Число ответов",
        "Средняя оценка, баллов",
        "Не отмечено выполненным",
        // A category label of the comparison, as the chart prints it.
        "4. Насколько регулярными были встречи?",
    ] {
        assert!(text.contains(phrase), "«{phrase}» not in the PDF:\n{text}");
    }
    // Values with a decimal comma, whatever LibreOffice's own locale.
    assert!(!text.contains("8.5") && !text.contains("7.3"), "{text}");

    // python-docx (Debian's python3-docx, installed by .ci/setup) reads
    // the document and finds the charts as inline shapes.
    if !have("python3") {
        eprintln!("!!! python3 is not installed: the python-docx check is SKIPPED (CI runs it)");
        return;
    }
    // `$PYTHON`, else the first python3 that has python-docx: a pyenv
    // shim may come before Debian's /usr/bin/python3 on the PATH.
    let python = std::env::var("PYTHON")
        .ok()
        .into_iter()
        .chain(["python3".to_owned(), "/usr/bin/python3".to_owned()])
        .find(|p| {
            Command::new(p)
                .args(["-c", "import docx"])
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .unwrap_or_else(|| "python3".to_owned());
    let script = r#"
import sys, docx
from docx.enum.shape import WD_INLINE_SHAPE
d = docx.Document(sys.argv[1])
charts = [s for s in d.inline_shapes if s.type == WD_INLINE_SHAPE.CHART]
captions = [p.text for p in d.paragraphs if p.text.startswith("Рисунок")]
print(len(charts))
print("\n".join(captions))
"#;
    let out = Command::new(&python)
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "python-docx could not read the report (is python3-docx installed? run .ci/setup): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("5"), "{stdout}");
    let captions: Vec<&str> = lines.collect();
    assert_eq!(captions.len(), 5, "{stdout}");
    assert!(captions[0].starts_with("Рисунок\u{a0}1\u{a0}— Распределение оценок"));
}
