//! The page in a real browser: Debian's `chromium` driven through
//! `chromedriver` (WebDriver, fantoccini). Opens the page, runs the check
//! and filters it, uploads a broken table and sees its cell, generates the
//! package and downloads the ZIP, opening its documents; edits the
//! project team (a list of records) and saves it; opens a document's PDF
//! in Chromium's own viewer (its pages drawn, nothing downloaded); follows
//! a package's progress page to its result. With
//! `NASTAVNIK_SCREENSHOTS=DIR` it saves a screenshot of each section there
//! (`docs/screenshots` for the README).
//!
//! Chromium and chromedriver are required (`.ci/setup` installs them): a
//! missing one fails the test, never skips it.

#[path = "../../engine/tests/support/form_fill.rs"]
mod form_fill;
mod support;

use fantoccini::{ClientBuilder, Locator};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// chromedriver, killed when the test ends however it ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start_driver() -> (Driver, String) {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (.ci/setup: apt-get install chromium chromium-driver)");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    (driver, format!("http://127.0.0.1:{port}"))
}

fn capabilities(downloads: &Path) -> serde_json::Map<String, serde_json::Value> {
    let mut options = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--window-size=1280,1700", "--lang=ru-RU", "--hide-scrollbars"],
        "prefs": {
            "download.default_directory": downloads.display().to_string(),
            "download.prompt_for_download": false,
            "download.directory_upgrade": true
        }
    });
    if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = "/usr/bin/chromium".into();
    }
    let mut caps = serde_json::Map::new();
    caps.insert("goog:chromeOptions".into(), options);
    caps
}

fn wait_for_file(dir: &Path, suffix: &str) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(suffix));
        if let Some(p) = found {
            return p;
        }
        assert!(Instant::now() < deadline, "no {suffix} downloaded");
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The share of a screenshot's pixels that are paper: near white.
fn paper_share(png: &[u8]) -> f64 {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let pixels = buf[..info.buffer_size()].chunks(channels);
    let (white, all) = pixels.fold((0usize, 0usize), |(w, a), p| {
        (w + usize::from(p.iter().take(3).all(|&c| c >= 245)), a + 1)
    });
    white as f64 / all as f64
}

/// Text of a PDF, by poppler's pdftotext (`.ci/setup` installs it).
fn pdf_text(pdf: &[u8]) -> String {
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(tmp.path(), pdf).unwrap();
    let out = Command::new("pdftotext")
        .arg(tmp.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: run .ci/setup");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_curator_checks_uploads_generates_and_downloads_in_chromium() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("school");
    let downloads = tmp.path().join("downloads");
    std::fs::create_dir_all(&downloads).unwrap();
    let config = nastavnik_web::Config {
        dir: dir.clone(),
        listen: None,
        region: None,
        wait: None,
    };
    let running = tokio::task::spawn_blocking(move || nastavnik_web::spawn(config))
        .await
        .unwrap()
        .unwrap();
    let base = format!("http://{}", running.addr);
    let shots = std::env::var_os("NASTAVNIK_SCREENSHOTS").map(PathBuf::from);
    let shot = |c: fantoccini::Client, name: &'static str| {
        let shots = shots.clone();
        async move {
            let png = c.screenshot().await.unwrap();
            assert!(png.starts_with(b"\x89PNG"));
            if let Some(d) = shots {
                std::fs::create_dir_all(&d).unwrap();
                std::fs::write(d.join(format!("{name}.png")), png).unwrap();
            }
        }
    };

    let (_driver, url) = start_driver();
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let c = ClientBuilder::new(connector)
        .capabilities(capabilities(&downloads))
        .connect(&url)
        .await
        .expect("a chromium session");

    // Проверка: the stages and the summary, then errors only.
    c.goto(&format!("{base}/")).await.unwrap();
    let summary = c.find(Locator::Id("summary")).await.unwrap();
    assert!(summary.text().await.unwrap().contains("Итого на"));
    assert_eq!(
        c.find_all(Locator::Css("section.stage"))
            .await
            .unwrap()
            .len(),
        7
    );
    shot(c.clone(), "check").await;
    c.find(Locator::Css("select[name=level]"))
        .await
        .unwrap()
        .select_by_value("error")
        .await
        .unwrap();
    c.find(Locator::Css("form.filter button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_url(&url::Url::parse(&format!("{base}/check?level=error&stage=")).unwrap())
        .await
        .unwrap();
    let levels = c.find_all(Locator::Css("td span.level")).await.unwrap();
    assert!(!levels.is_empty());
    for l in levels {
        assert_eq!(l.text().await.unwrap(), "ошибка");
    }

    // Таблицы: a broken participants table, its cell named.
    c.find(Locator::LinkText("Таблицы"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let broken = tmp.path().join("участники.xlsx");
    std::fs::write(&broken, support::broken_participants()).unwrap();
    let input = c
        .find(Locator::Css(
            "form[action^='/tables/participants'] input[type=file]",
        ))
        .await
        .unwrap();
    input
        .send_keys(&broken.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Css("form[action^='/tables/participants'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let problems = c
        .wait()
        .for_element(Locator::Css("section.problems"))
        .await
        .unwrap();
    let text = problems.text().await.unwrap();
    assert!(
        text.contains("inputs/participants.xlsx › Наставники › E3"),
        "{text}"
    );
    shot(c.clone(), "tables").await;
    // A blank form downloaded, filled (the example's rows typed into it)
    // and uploaded: read without a problem.
    c.find(Locator::Css("a[href='/tables/participants/blank']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let blank = std::fs::read(wait_for_file(&downloads, "blank-participants.xlsx")).unwrap();
    let example = nastavnik_engine::example::files(None)
        .unwrap()
        .into_iter()
        .find(|(n, _)| n == "inputs/participants.xlsx")
        .unwrap()
        .1;
    let (filled, typed) = form_fill::fill_all(&blank, &example);
    assert!(typed > 40, "{typed}");
    let good = tmp.path().join("participants.xlsx");
    std::fs::write(&good, filled).unwrap();
    c.find(Locator::Css(
        "form[action^='/tables/participants'] input[type=file]",
    ))
    .await
    .unwrap()
    .send_keys(&good.display().to_string())
    .await
    .unwrap();
    c.find(Locator::Css("form[action^='/tables/participants'] button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let ok = c
        .wait()
        .for_element(Locator::Css("p.message.ok"))
        .await
        .unwrap();
    assert!(ok.text().await.unwrap().contains("без ошибок"));

    // Программа.
    c.find(Locator::LinkText("Программа"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let fields = c
        .wait()
        .for_element(Locator::Css("form.fields"))
        .await
        .unwrap();
    assert!(fields.text().await.unwrap().contains("Полное наименование"));
    // A number typed wrong: the schema's message beside the field, not saved.
    let students = c.find(Locator::Id("f-students")).await.unwrap();
    students.clear().await.unwrap();
    students.send_keys("восемьсот").await.unwrap();
    c.find(Locator::Id("save-organisation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let error = c
        .wait()
        .for_element(Locator::Css(".field.invalid .error"))
        .await
        .unwrap();
    assert!(!error.text().await.unwrap().is_empty());
    shot(c.clone(), "programme").await;
    let students = c.find(Locator::Id("f-students")).await.unwrap();
    students.clear().await.unwrap();
    students.send_keys("852").await.unwrap();
    c.find(Locator::Id("save-organisation"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let saved = c
        .wait()
        .for_element(Locator::Css("p.message.ok"))
        .await
        .unwrap();
    assert!(saved.text().await.unwrap().contains("сохранены"));
    // The programme's list of goals: one added in the empty input, the
    // first removed by its box; a form of mentoring unticked.
    let added = c.find(Locator::Id("p-goals-new")).await.unwrap();
    added
        .send_keys("Цель, добавленная в браузере")
        .await
        .unwrap();
    c.find(Locator::Css("input[name='goals.remove'][value='0']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Css(
        "input[name=forms][value='работодатель – ученик']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    let before: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("programme.json")).unwrap()).unwrap();
    c.find(Locator::Id("save-programme"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // The new page's message, not the one before the click.
    c.wait()
        .for_element(Locator::XPath(
            "//p[contains(@class, 'ok') and contains(., 'о программе сохранены')]",
        ))
        .await
        .unwrap();
    let after: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("programme.json")).unwrap()).unwrap();
    let goals = |v: &serde_json::Value| v["programme"]["goals"].as_array().unwrap().clone();
    let mut want = goals(&before)[1..].to_vec();
    want.push("Цель, добавленная в браузере".into());
    assert_eq!(goals(&after), want);
    let forms = after["programme"]["forms"].as_array().unwrap();
    assert!(
        !forms.contains(&"работодатель – ученик".into()),
        "{forms:?}"
    );
    assert_eq!(
        forms.len() + 1,
        before["programme"]["forms"].as_array().unwrap().len()
    );

    // A list of records (the project team): a member added in the empty
    // record, the first removed by its box.
    let team_before = after["team"].as_array().unwrap().clone();
    let new = "#section-team fieldset.new";
    for (field, value) in [
        ("name", "Кузнецова Мария Петровна"),
        ("position", "учитель информатики"),
        ("role", "член проектной группы"),
    ] {
        c.find(Locator::Css(&format!("{new} input[name$='.{field}']")))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    c.find(Locator::Css("#section-team input[name='0.@remove']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("save-team"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::XPath(
            "//p[contains(@class, 'ok') and contains(., 'Раздел «Проектная группа» сохранён')]",
        ))
        .await
        .unwrap();
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("programme.json")).unwrap()).unwrap();
    let mut want = team_before[1..].to_vec();
    want.push(serde_json::json!({
        "name": "Кузнецова Мария Петровна",
        "position": "учитель информатики",
        "role": "член проектной группы"
    }));
    assert_eq!(saved["team"].as_array().unwrap(), &want);
    // The page shows the saved list: the new member among the records.
    let shown = c
        .find(Locator::Css("#section-team"))
        .await
        .unwrap()
        .html(false)
        .await
        .unwrap();
    assert!(shown.contains("Кузнецова Мария Петровна"), "{shown}");
    let team = c
        .find(Locator::Css("#section-team"))
        .await
        .unwrap()
        .screenshot()
        .await
        .unwrap();
    if let Some(d) = &shots {
        std::fs::write(d.join("programme-team.png"), team).unwrap();
    }

    // Документы: generate, then the ZIP.
    c.find(Locator::LinkText("Документы"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("generate"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let done = c
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("p.message.ok"))
        .await
        .unwrap();
    assert!(done.text().await.unwrap().contains("Пакет сформирован"));
    shot(c.clone(), "documents").await;
    c.find(Locator::Id("zip"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let zip = wait_for_file(&downloads, ".zip");
    // Chromium renames the finished download into place.
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&zip).unwrap()).unwrap();
    let mut docx = 0;
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        if f.name().unwrap().ends_with(".docx") {
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            let mut doc = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            assert!(doc.by_name("word/document.xml").is_ok());
            docx += 1;
        }
    }
    assert!(docx > 20, "{docx}");
    // A document's PDF, made by LibreOffice when asked.
    c.find(Locator::Css("a.pdf[href$='/order-curator.docx']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let pdf = wait_for_file(&downloads, "order-curator.pdf");
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF-"));
    // «открыть»: the PDF shown by the browser's own viewer, not saved —
    // the headers (CSP, X-Frame-Options) let the viewer show it.
    let open = c
        .find(Locator::Css("a.pdf-open[href*='/order-mentors.docx']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let open = format!("{base}{open}");
    let answer = reqwest::get(&open).await.unwrap();
    assert_eq!(answer.headers()["content-type"], "application/pdf");
    assert_eq!(
        answer.headers()["content-disposition"],
        "inline; filename=\"order-mentors.pdf\""
    );
    assert_eq!(answer.headers()["x-frame-options"], "DENY");
    let csp = answer.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
    let bytes = answer.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(
        pdf_text(&bytes).contains("О назначении наставников"),
        "the order's PDF"
    );
    c.goto(&open).await.unwrap();
    let kind = c
        .execute("return document.contentType", vec![])
        .await
        .unwrap();
    assert_eq!(kind, "application/pdf");
    // The viewer draws the document's pages (white, with text) on its
    // dark ground; a viewer the headers blocked shows none.
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = loop {
        let png = c.screenshot().await.unwrap();
        let share = paper_share(&png);
        if share > 0.2 {
            break png;
        }
        assert!(Instant::now() < deadline, "no PDF page shown: {share}");
        std::thread::sleep(Duration::from_millis(500));
    };
    if let Some(d) = &shots {
        std::fs::write(d.join("pdf.png"), page).unwrap();
    }
    assert!(
        !downloads.join("order-mentors.pdf").exists(),
        "shown, not downloaded"
    );
    // A package longer than the request waits (here: not at all): the
    // progress page, reloading itself without script to the result.
    let patient = tmp.path().join("patient");
    let running = tokio::task::spawn_blocking(move || {
        nastavnik_web::spawn(nastavnik_web::Config {
            dir: patient,
            listen: None,
            region: None,
            wait: Some(Duration::ZERO),
        })
    })
    .await
    .unwrap()
    .unwrap();
    c.goto(&format!("http://{}/documents", running.addr))
        .await
        .unwrap();
    c.find(Locator::Id("generate"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let progress = c
        .wait()
        .for_element(Locator::Id("documents-progress"))
        .await
        .unwrap();
    let said = progress.text().await.unwrap();
    assert!(
        said.contains("документов записано") || said.contains("ещё не начаты"),
        "{said}"
    );
    shot(c.clone(), "progress").await;
    let done = c
        .wait()
        .at_most(Duration::from_secs(120))
        .for_element(Locator::Css("p.message.ok"))
        .await
        .unwrap();
    assert!(done.text().await.unwrap().contains("Пакет сформирован"));
    c.close().await.unwrap();
}
