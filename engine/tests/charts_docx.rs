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
        // Every category labelled: without tickLblSkip LibreOffice and Word
        // skip labels that do not fit, and a question's bar goes unnamed.
        assert!(chart.contains(r#"<c:tickLblSkip val="1"/>"#), "{chart}");
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
    // per score, each the share of the stage's answers with that score, to
    // one decimal (computed here again from the table): stage 2 asks one
    // question more, so only shares compare.
    let figures = nastavnik_engine::figures::Figures::of(&model);
    let m = Monitoring::of(&model, &figures, 8.0);
    let chart1 = cached(&text(&docx, "word/charts/chart1.xml"));
    let mut answers = [0usize; 2];
    for (stage, series) in chart1.iter().enumerate() {
        let mut counts = [0usize; 10];
        for r in model.survey.responses.iter().filter(|r| {
            r.phase as usize == stage + 1 && r.role == nastavnik_engine::model::SurveyRole::Mentor
        }) {
            for s in r.scores.iter().flatten() {
                counts[usize::from(*s) - 1] += 1;
            }
        }
        let all: usize = counts.iter().sum();
        answers[stage] = all;
        let shares: Vec<f64> = counts
            .iter()
            .map(|c| (*c as f64 * 1000.0 / all as f64).round() / 10.0)
            .collect();
        let drawn: Vec<f64> = series.iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        assert_eq!(drawn, shares, "stage {}", stage + 1);
        let s = m.roles[0].stages[stage].as_ref().expect("answered");
        assert_eq!(s.distribution, counts);
    }
    assert_ne!(answers[0], answers[1], "the stages differ in answers");
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
        "Рисунок 1 — Распределение оценок по всем вопросам анкеты, наставники",
        "Рисунок 5 — Выполнение дорожной карты по этапам",
        // Axis titles and legends are in the charts only.
        "Оценка, баллов",
        "Доля ответов этапа, %",
        "Средняя оценка, баллов",
        "Номер вопроса (по таблице сравнения)",
        "Не отмечено выполненным",
    ] {
        assert!(text.contains(phrase), "«{phrase}» not in the PDF:\n{text}");
    }
    // Legends read «Этап 1, Этап 2» (LibreOffice reverses a horizontal bar
    // chart's legend: the comparison is drawn in columns).
    assert!(!text.contains("Этап 2 Этап 1"), "{text}");
    assert!(text.contains("Этап 1 Этап 2"), "{text}");
    // The stages' totals compare over the questions asked at both stages
    // only (the example's mentors answer question 5 at stage 2 only):
    // means and satisfied shares computed here from the table.
    let model = nastavnik_engine::example::model();
    let mentors: Vec<Vec<&nastavnik_engine::model::SurveyResponse>> = [1u8, 2]
        .iter()
        .map(|p| {
            model
                .survey
                .responses
                .iter()
                .filter(|r| r.phase == *p && r.role == nastavnik_engine::model::SurveyRole::Mentor)
                .collect()
        })
        .collect();
    let asked = |stage: usize, q: usize| {
        mentors[stage]
            .iter()
            .any(|r| r.scores.get(q).copied().flatten().is_some())
    };
    let questions = model.survey.questions.len();
    let common: Vec<usize> = (0..questions)
        .filter(|q| asked(0, *q) && asked(1, *q))
        .collect();
    assert!(
        common.len() < questions,
        "a question asked at one stage only"
    );
    let tenth = |x: f64| (x * 10.0).round() / 10.0;
    let (mut means, mut shares) = (Vec::new(), Vec::new());
    for rows in &mentors {
        let scores: Vec<f64> = rows
            .iter()
            .flat_map(|r| {
                common
                    .iter()
                    .filter_map(|q| r.scores.get(*q).copied().flatten())
            })
            .map(f64::from)
            .collect();
        means.push(tenth(scores.iter().sum::<f64>() / scores.len() as f64));
        let (mut judged, mut satisfied) = (0.0, 0.0);
        for r in rows {
            let own: Vec<f64> = common
                .iter()
                .filter_map(|q| r.scores.get(*q).copied().flatten())
                .map(f64::from)
                .collect();
            if !own.is_empty() {
                judged += 1.0;
                if own.iter().sum::<f64>() / own.len() as f64 >= 8.0 {
                    satisfied += 1.0;
                }
            }
        }
        shares.push(tenth(satisfied * 100.0 / judged));
    }
    let comma = |x: f64| format!("{x:.1}").replace('.', ",");
    let shown = |x: f64| nastavnik_engine::russian::decimal(x, 1);
    let mean_change = tenth(means[1] - means[0]);
    let share_change = tenth(shares[1] - shares[0]);
    assert!(
        mean_change > 0.0 && share_change > 0.0,
        "{means:?} {shares:?}"
    );
    let row = format!(
        "Вопросы, заданные на обоих этапах {} {} +{}",
        shown(means[0]),
        shown(means[1]),
        comma(mean_change)
    );
    // pdftotext reads a table by columns: the row is read from the XML.
    let document = self::text(
        &std::fs::read(&path).expect("the report"),
        "word/document.xml",
    );
    let cells: Vec<String> = document
        .split("<w:tr")
        .filter(|r| r.contains("Вопросы, заданные на обоих этапах"))
        .map(|r| {
            let mut plain = String::new();
            for piece in r.split('<').skip(1) {
                if let Some((tag, text)) = piece.split_once('>') {
                    if tag.starts_with("w:t")
                        && !tag.starts_with("w:tc")
                        && !tag.starts_with("w:tbl")
                    {
                        plain.push_str(text);
                    }
                    if tag == "/w:tc" {
                        plain.push(' ');
                    }
                }
            }
            plain.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    assert_eq!(cells.first(), Some(&row), "{cells:?}");
    // Both shares are printed beside the change, so the arithmetic reads
    // off the page («выросла с 41,7 % до 75,0 % (на 33,3 п. п.)»).
    for conclusion in [
        format!(
            "(на {} п. п.), средняя оценка выросла с",
            comma(share_change)
        ),
        format!("(на {} балла)", comma(mean_change)),
        "доля удовлетворённых выросла с".to_owned(),
    ] {
        assert!(
            text.contains(&conclusion),
            "«{conclusion}» not in the PDF:\n{text}"
        );
    }
    // Changes keep one decimal: «+1,0», never «+1».
    let changes: Vec<&str> = text
        .split(' ')
        .filter(|w| w.starts_with('+') && w.len() > 1)
        .collect();
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|w| w.contains(',')), "{changes:?}");

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
