//! The page over HTTP on 127.0.0.1: a package generated and downloaded as
//! a ZIP whose DOCX files open, a broken table's problem shown at its cell,
//! an oversized upload refused while the server keeps serving, password
//! mode (login, session cookie, CSRF on every POST).

#[path = "../../engine/tests/support/form_fill.rs"]
mod form_fill;
#[path = "../../engine/tests/support/hostile.rs"]
mod hostile;
mod support;

use std::io::Read;
use std::path::Path;
use support::broken_participants;

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(300))
        .build()
        .unwrap()
}

fn start(dir: &Path) -> String {
    let running = nastavnik_web::spawn(nastavnik_web::Config {
        dir: dir.to_path_buf(),
        listen: None,
        region: None,
        wait: None,
    })
    .expect("server starts");
    assert!(running.addr.ip().is_loopback());
    format!("http://{}", running.addr)
}

/// The CSRF token the page's forms carry.
fn csrf(html: &str) -> String {
    let at = html.find("csrf=").expect("a form with the CSRF token") + 5;
    html[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

/// The version of programme.json a programme form is drawn from (its
/// hidden `_version`), as a page drawn now carries it.
fn form_version(c: &reqwest::blocking::Client, base: &str) -> String {
    let page = c
        .get(format!("{base}/programme"))
        .send()
        .unwrap()
        .text()
        .unwrap();
    let at = page
        .find("name=\"_version\" value=\"")
        .expect("the form's version")
        + 23;
    page[at..].chars().take_while(|ch| *ch != '"').collect()
}

fn text(r: reqwest::blocking::Response) -> String {
    r.text().unwrap()
}

#[test]
fn empty_folder_gets_the_example_and_every_section_answers_with_strict_headers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    assert!(dir.join("programme.json").is_file());
    assert!(dir.join("inputs/participants.xlsx").is_file());
    let c = client();
    for (path, heading) in [
        ("/check", "Проверка этапов"),
        ("/documents", "Документы"),
        ("/tables", "Таблицы"),
        ("/programme", "Программа"),
    ] {
        let r = c.get(format!("{base}{path}")).send().unwrap();
        assert_eq!(r.status(), 200, "{path}");
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        // Nothing from outside, nothing inline, never framed.
        for part in ["unsafe", "http", "*", "data:", "script-src"] {
            assert!(!csp.contains(part), "{path}: {csp}");
        }
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["referrer-policy"], "no-referrer");
        let body = text(r);
        assert!(body.contains(heading), "{path}");
        assert!(!body.contains("<script"), "{path}: no script at all");
    }
    let check = text(c.get(format!("{base}/check")).send().unwrap());
    assert!(check.contains("Этап 1."), "{check}");
    // Another name rebound to 127.0.0.1 never reads the page (DNS rebinding).
    let port = base.rsplit(':').next().unwrap();
    for host in ["evil.example", "127.0.0.1.evil.example"] {
        let r = c
            .get(format!("{base}/check"))
            .header("host", format!("{host}:{port}"))
            .send()
            .unwrap();
        assert_eq!(r.status(), 403, "{host}");
    }
    let r = c
        .get(format!("{base}/check"))
        .header("host", format!("localhost:{port}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(check.contains("Итого на"), "{check}");
    // The filter: errors of stage 2 only.
    let filtered = text(
        c.get(format!("{base}/check?level=error&stage=2"))
            .send()
            .unwrap(),
    );
    assert!(filtered.contains("Этап 2."));
    assert!(!filtered.contains("Этап 1."));
    assert!(!filtered.contains("class=\"level warning\""));
}

#[test]
fn generate_then_download_the_zip_and_open_every_docx() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/documents")).send().unwrap());
    let token = csrf(&page);
    // A POST without the token is refused and generates nothing.
    let r = c.post(format!("{base}/documents/generate")).send().unwrap();
    assert_eq!(r.status(), 403);
    assert!(!dir.join("packages").exists());
    let r = c
        .post(format!("{base}/documents/generate?csrf={token}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = generated(&c, &base, text(r));
    assert!(page.contains("Пакет сформирован"), "{page}");
    assert!(page.contains("Приказ о назначении куратора"), "{page}");
    assert!(page.contains("Не включены в документы"), "held back listed");
    let at = page.find("/packages/").unwrap();
    let name = &page[at + 10..at + 20];
    let zip = c.get(format!("{base}/packages/{name}/zip")).send().unwrap();
    assert_eq!(zip.status(), 200);
    assert_eq!(zip.headers()["content-type"], "application/zip");
    let bytes = zip.bytes().unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut docx = 0;
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut inner = Vec::new();
        f.read_to_end(&mut inner).unwrap();
        if name.ends_with(".docx") {
            let mut doc = zip::ZipArchive::new(std::io::Cursor::new(inner)).unwrap();
            let mut xml = String::new();
            doc.by_name("word/document.xml")
                .unwrap()
                .read_to_string(&mut xml)
                .unwrap();
            assert!(xml.contains("<w:body>"), "{name}");
            docx += 1;
        }
    }
    assert!(docx > 20, "{docx} documents");
    let mut manifest = String::new();
    archive
        .by_name("manifest.json")
        .unwrap()
        .read_to_string(&mut manifest)
        .unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["documents"].as_array().unwrap().len(), docx);
    // One document alone; a name outside the manifest is not served.
    let one = c
        .get(format!("{base}/packages/{name}/doc/order-curator.docx"))
        .send()
        .unwrap();
    assert_eq!(one.status(), 200);
    assert!(one.bytes().unwrap().starts_with(b"PK"));
    // Its PDF, made by LibreOffice on request (nothing written into the
    // package); a package generated with PDFs serves its own.
    let pdf = c
        .get(format!("{base}/packages/{name}/pdf/order-curator.docx"))
        .send()
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let bytes = pdf.bytes().unwrap().to_vec();
    assert!(bytes.starts_with(b"%PDF-"));
    assert!(pdf_text(&bytes).contains("О назначении куратора"));
    assert!(!dir
        .join("packages")
        .join(name)
        .join("order-curator.pdf")
        .exists());
    assert!(
        page.contains("/pdf/order-curator.docx"),
        "a PDF link: {page}"
    );
    for bad in [
        format!("/packages/{name}/pdf/manifest.json"),
        format!("/packages/{name}/pdf/..%2F..%2Fprogramme.json"),
        format!("/packages/{name}/doc/manifest.json"),
        format!("/packages/{name}/doc/..%2F..%2Fprogramme.json"),
        "/packages/..%2F..%2F/zip".to_owned(),
    ] {
        let r = c.get(format!("{base}{bad}")).send().unwrap();
        assert_eq!(r.status(), 404, "{bad}");
    }
}

fn upload(
    c: &reqwest::blocking::Client,
    url: &str,
    bytes: Vec<u8>,
    file_name: &str,
) -> reqwest::Result<reqwest::blocking::Response> {
    let part = reqwest::blocking::multipart::Part::bytes(bytes).file_name(file_name.to_owned());
    c.post(url)
        .multipart(reqwest::blocking::multipart::Form::new().part("file", part))
        .send()
}

#[test]
fn a_broken_table_is_saved_and_its_problem_shown_at_its_cell() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/tables")).send().unwrap()));
    // The name the browser sends is never a path.
    let r = upload(
        &c,
        &format!("{base}/tables/participants?csrf={token}"),
        broken_participants(),
        "../../etc/evil.xlsx",
    )
    .unwrap();
    assert_eq!(r.status(), 200);
    let page = text(r);
    assert!(
        page.contains("inputs/participants.xlsx › Наставники › E3"),
        "{page}"
    );
    assert!(page.contains("много"), "the value found is said: {page}");
    assert!(!tmp.path().join("etc").exists());
    assert!(dir.join("inputs/participants.xlsx.bak").is_file());
    // The check shows the same problem.
    let check = text(c.get(format!("{base}/check")).send().unwrap());
    assert!(check.contains("Наставники › E3"), "{check}");
    // Not an XLSX at all: refused, the table kept.
    let before = std::fs::read(dir.join("inputs/participants.xlsx")).unwrap();
    let r = upload(
        &c,
        &format!("{base}/tables/participants?csrf={token}"),
        b"name;age\n".to_vec(),
        "x.xlsx",
    )
    .unwrap();
    assert_eq!(r.status(), 400);
    assert!(text(r).contains("это не книга XLSX"));
    assert_eq!(
        std::fs::read(dir.join("inputs/participants.xlsx")).unwrap(),
        before
    );
    // A broken zip behind the right signature, and a zip bomb (3 GiB of
    // one sheet in a few MiB): refused with the engine's
    // message before replacing anything, the server unharmed.
    let roadmap = std::fs::read(dir.join("inputs/roadmap.xlsx")).unwrap();
    let mut broken = b"PK\x03\x04".to_vec();
    broken.extend(std::iter::repeat_n(0xFFu8, 4096));
    let head = b"<?xml version=\"1.0\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    let bomb = hostile::with_bomb(
        &hostile::participants(),
        "xl/worksheets/sheet1.xml",
        head,
        b' ',
        3 << 30,
        3 << 30,
    );
    for (kind, bytes, why) in [
        ("roadmap", broken, "архив XLSX не читается"),
        ("participants", bomb, "больше чем в 128"),
    ] {
        let r = upload(
            &c,
            &format!("{base}/tables/{kind}?csrf={token}"),
            bytes,
            "r.xlsx",
        )
        .unwrap();
        assert_eq!(r.status(), 422, "{kind}");
        let page = text(r);
        assert!(page.contains("Файл не принят: inputs/"), "{kind}: {page}");
        assert!(page.contains(why), "{kind}: {page}");
        assert!(page.contains("не изменён"), "{kind}: {page}");
    }
    assert_eq!(
        std::fs::read(dir.join("inputs/roadmap.xlsx")).unwrap(),
        roadmap
    );
    assert_eq!(
        c.get(format!("{base}/tables")).send().unwrap().status(),
        200
    );
    assert_eq!(
        std::fs::read(dir.join("inputs/participants.xlsx")).unwrap(),
        before
    );
    // The current table downloads.
    let r = c
        .get(format!("{base}/tables/participants/download"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.bytes().unwrap().to_vec(), before);
    // Blank forms: «Инструкция», then the sheets with their headers, no
    // rows, a dropdown or rule and a hint on every column.
    for (kind, sheets) in [
        ("participants", vec!["Наставники", "Наставляемые", "Пары"]),
        ("roadmap", vec!["Дорожная карта"]),
        ("monitoring", vec!["Анкеты"]),
    ] {
        let r = c.get(format!("{base}/tables/{kind}/blank")).send().unwrap();
        assert_eq!(r.status(), 200, "{kind}");
        let bytes = r.bytes().unwrap().to_vec();
        let mut names = vec!["Инструкция"];
        names.extend(&sheets);
        assert_eq!(form_fill::sheet_names(&bytes), names, "{kind}");
        for sheet in sheets {
            let xml = form_fill::sheet_xml(&bytes, sheet);
            assert!(
                !xml.contains("<row r=\"3\""),
                "{kind}: a row below the header"
            );
            assert!(xml.contains("<row r=\"2\""), "{kind}: the header row");
            assert!(xml.contains("<dataValidation "), "{kind}: validations");
            assert!(xml.contains("state=\"frozen\""), "{kind}: frozen header");
        }
        // The title names the folder's organisation.
        assert!(
            form_fill::part(&bytes, "xl/sharedStrings.xml").contains("СОШ № 17"),
            "{kind}"
        );
    }
}

#[test]
fn an_oversized_upload_is_refused_and_the_server_keeps_serving() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/tables")).send().unwrap()));
    let before = std::fs::read(dir.join("inputs/participants.xlsx")).unwrap();
    let mut big = b"PK\x03\x04".to_vec();
    big.resize(65 * 1024 * 1024, b'x');
    match upload(
        &c,
        &format!("{base}/tables/participants?csrf={token}"),
        big,
        "big.xlsx",
    ) {
        // The server may answer before the client has sent it all, or
        // close the connection while it still sends: both are refusals.
        Ok(r) => {
            assert_eq!(r.status(), 413);
            assert!(text(r).contains("больше 64 МиБ"));
        }
        Err(e) => eprintln!("the upload was cut: {e}"),
    }
    assert_eq!(
        std::fs::read(dir.join("inputs/participants.xlsx")).unwrap(),
        before
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.join("inputs"))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".upload-"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left");
    // A programme.json over 10 MiB too.
    let mut json = b"{\"x\": \"".to_vec();
    json.resize(11 * 1024 * 1024, b'a');
    if let Ok(r) = upload(
        &c,
        &format!("{base}/programme?csrf={token}"),
        json,
        "p.json",
    ) {
        assert_eq!(r.status(), 413);
    }
    // A new connection: the one the refused upload used may have been
    // closed by the server mid-body, and a pooled reuse of it would fail
    // on the client's side, not the server's.
    let r = client().get(format!("{base}/check")).send().unwrap();
    assert_eq!(r.status(), 200);
    assert!(text(r).contains("Итого на"));
}

#[test]
fn an_invalid_programme_is_refused_with_russian_messages_and_a_valid_one_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/programme")).send().unwrap()));
    let original = std::fs::read_to_string(dir.join("programme.json")).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&original).unwrap();
    value["organisation"]["students"] = serde_json::json!(-5);
    let r = upload(
        &c,
        &format!("{base}/programme?csrf={token}"),
        serde_json::to_vec(&value).unwrap(),
        "programme.json",
    )
    .unwrap();
    assert_eq!(r.status(), 422);
    let page = text(r);
    assert!(page.contains("/organisation/students"), "{page}");
    assert!(page.contains("не сохранён"), "{page}");
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json")).unwrap(),
        original
    );
    value["organisation"]["students"] = serde_json::json!(900);
    let r = upload(
        &c,
        &format!("{base}/programme?csrf={token}"),
        serde_json::to_vec_pretty(&value).unwrap(),
        "programme.json",
    )
    .unwrap();
    assert_eq!(r.status(), 200);
    assert!(text(r).contains("programme.json сохранён"));
    assert!(std::fs::read_to_string(dir.join("programme.json"))
        .unwrap()
        .contains("900"));
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json.bak")).unwrap(),
        original
    );
}

#[test]
fn password_mode_needs_a_login_and_the_session_csrf_on_every_post() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    // A network address is refused until a password is set.
    let refused = nastavnik_web::spawn(nastavnik_web::Config {
        dir: dir.clone(),
        listen: Some("0.0.0.0:0".parse().unwrap()),
        region: None,
        wait: None,
    });
    let Err(e) = refused else {
        panic!("served on the network without a password")
    };
    assert!(e.contains("--set-password"), "{e}");
    assert!(!dir.exists(), "nothing written before the refusal");
    nastavnik_web::set_password(&dir, "пароль-для-теста").unwrap();
    let stored = std::fs::read_to_string(dir.join(nastavnik_web::PASSWORD_FILE)).unwrap();
    assert!(stored.starts_with("$argon2"), "{stored}");
    let base = start(&dir);
    let c = client();
    for path in [
        "/check",
        "/documents",
        "/tables",
        "/programme",
        "/tables/participants/download",
    ] {
        let r = c.get(format!("{base}{path}")).send().unwrap();
        assert_eq!(r.status(), 303, "{path}");
        assert_eq!(r.headers()["location"], "/login", "{path}");
    }
    let login = text(c.get(format!("{base}/login")).send().unwrap());
    let before_login = csrf(&login);
    let r = c
        .post(format!("{base}/documents/generate?csrf={before_login}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 401);
    let form = |pw: &str| {
        format!(
            "password={}",
            pw.bytes().map(|b| format!("%{b:02X}")).collect::<String>()
        )
    };
    let post_login = |token: &str, pw: &str| {
        c.post(format!("{base}/login?csrf={token}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(pw))
            .send()
            .unwrap()
    };
    assert_eq!(post_login(&before_login, "не тот").status(), 401);
    assert_eq!(post_login("", "пароль-для-теста").status(), 403);
    let r = post_login(&before_login, "пароль-для-теста");
    assert_eq!(r.status(), 303);
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_owned();
    for attr in ["HttpOnly", "SameSite=Strict", "Max-Age=", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_owned();
    let page = text(
        c.get(format!("{base}/documents"))
            .header("cookie", &session)
            .send()
            .unwrap(),
    );
    assert!(page.contains("Сформировать пакет"));
    let token = csrf(&page);
    assert_ne!(token, before_login);
    for bad in ["", "0000", before_login.as_str()] {
        let r = c
            .post(format!("{base}/documents/generate?csrf={bad}"))
            .header("cookie", &session)
            .send()
            .unwrap();
        assert_eq!(r.status(), 403, "token «{bad}»");
    }
    // Every form of the page: without a session 401, with one but without
    // its token 403; programme.json untouched.
    let kept = std::fs::read(dir.join("programme.json")).unwrap();
    for path in [
        "/documents/generate",
        "/programme/organisation",
        "/programme/programme",
        "/programme/section/team",
        "/programme/section/orders",
        "/programme/section/general",
        "/logout",
    ] {
        let form = [
            ("0.name", "Чужой"),
            ("0.position", "учитель"),
            ("title", "Чужая"),
        ];
        let r = c.post(format!("{base}{path}")).form(&form).send().unwrap();
        assert_eq!(r.status(), 401, "{path} without a session");
        let r = c
            .post(format!("{base}{path}?csrf={before_login}"))
            .header("cookie", &session)
            .form(&form)
            .send()
            .unwrap();
        assert_eq!(r.status(), 403, "{path} without the session's token");
    }
    assert_eq!(std::fs::read(dir.join("programme.json")).unwrap(), kept);
    assert!(!dir.join("packages").exists());
    // An upload without the token is refused before it is read.
    let part = reqwest::blocking::multipart::Part::bytes(b"{}".to_vec()).file_name("p.json");
    let before = std::fs::read(dir.join("programme.json")).ok();
    let sent = c
        .post(format!("{base}/programme"))
        .header("cookie", &session)
        .multipart(reqwest::blocking::multipart::Form::new().part("file", part))
        .send();
    // Refused before the body is read: the answer is 403, or, when the
    // server answers and closes while the client still sends, the send
    // breaks off; either way nothing is saved.
    match sent {
        Ok(r) => assert_eq!(r.status(), 403),
        Err(e) => assert!(e.is_body() || e.is_request(), "{e}"),
    }
    assert_eq!(std::fs::read(dir.join("programme.json")).ok(), before);
    // Logged out, the session is gone.
    let r = c
        .post(format!("{base}/logout?csrf={token}"))
        .header("cookie", &session)
        .send()
        .unwrap();
    assert_eq!(r.status(), 303);
    let r = c
        .get(format!("{base}/check"))
        .header("cookie", &session)
        .send()
        .unwrap();
    assert_eq!(r.status(), 303);
}

#[test]
fn two_generations_at_once_never_clash_silently() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let token = csrf(&text(
        client().get(format!("{base}/documents")).send().unwrap(),
    ));
    let pages: Vec<(String, String)> = (0..2)
        .map(|_| {
            let url = format!("{base}/documents/generate?csrf={token}");
            let base = base.clone();
            std::thread::spawn(move || {
                let c = client();
                let page = text(c.post(url).send().unwrap());
                (page.clone(), generated(&c, &base, page))
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    assert!(pages.iter().any(|(_, p)| p.contains("Пакет сформирован")));
    for (first, p) in &pages {
        assert!(
            first.contains("Пакет сформирован")
                || first.contains("Пакет уже формируется")
                || first.contains("Пакет документов формируется")
                || first.contains("сейчас пишет другой запуск nastavnik"),
            "{first}"
        );
        assert!(!p.contains("формируется"), "{p}");
    }
    // Whatever happened, the day's package is whole.
    let r = client().get(format!("{base}/documents")).send().unwrap();
    assert!(text(r).contains("Скачать весь пакет (ZIP)"));
}

#[test]
fn the_organisation_form_is_checked_by_the_schema_and_saved_with_a_backup() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/programme")).send().unwrap());
    // Labels and hints from the schema, an enum as choices.
    assert!(page.contains("Полное наименование"), "{page}");
    assert!(page.contains("Полное наименование по уставу."), "{page}");
    assert!(page.contains("общеобразовательная организация"), "{page}");
    let token = csrf(&page);
    let original = std::fs::read_to_string(dir.join("programme.json")).unwrap();
    let post = |body: &str| {
        c.post(format!("{base}/programme/organisation?csrf={token}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("{body}&_version={}", form_version(&c, &base)))
            .send()
            .unwrap()
    };
    let r = post("students=%D0%BC%D0%BD%D0%BE%D0%B3%D0%BE&city=%D0%9E%D0%BC%D1%81%D0%BA");
    assert_eq!(r.status(), 422);
    let page = text(r);
    assert!(page.contains("class=\"field invalid\""), "{page}");
    assert!(page.contains("/organisation/students"), "{page}");
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json")).unwrap(),
        original
    );
    let r = post("students=901&city=%D0%A2%D0%B0%D1%80%D0%B0");
    assert_eq!(r.status(), 200);
    assert!(text(r).contains("сохранены"));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("programme.json")).unwrap())
            .unwrap();
    assert_eq!(saved["organisation"]["students"], 901);
    assert_eq!(saved["organisation"]["city"], "Тара");
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json.bak")).unwrap(),
        original
    );
    // The rest of programme.json is kept: the check still reads it.
    let check = text(c.get(format!("{base}/check")).send().unwrap());
    assert!(check.contains("Итого на"), "{check}");
}

/// Text of a PDF, by poppler's pdftotext (`.ci/setup` installs it).
fn pdf_text(pdf: &[u8]) -> String {
    let tmp = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(tmp.path(), pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg(tmp.path())
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) is installed: run .ci/setup");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_package_generated_with_pdfs_lists_and_serves_them() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/documents")).send().unwrap());
    assert!(page.contains("id=\"with-pdf\""), "the PDF box: {page}");
    let token = csrf(&page);
    let r = c
        .post(format!("{base}/documents/generate?csrf={token}"))
        .form(&[("pdf", "1")])
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = generated(&c, &base, text(r));
    assert!(page.contains("Пакет сформирован"), "{page}");
    let at = page.find("/packages/").unwrap();
    let name = page[at + 10..at + 20].to_owned();
    let folder = dir.join("packages").join(&name);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(folder.join("manifest.json")).unwrap()).unwrap();
    let docs = manifest["documents"].as_array().unwrap();
    let pdfs = manifest["pdfs"].as_array().unwrap();
    assert_eq!(pdfs.len(), docs.len());
    let stored = std::fs::read(folder.join("plan-001.pdf")).unwrap();
    let served = c
        .get(format!("{base}/packages/{name}/pdf/plan-001.docx"))
        .send()
        .unwrap()
        .bytes()
        .unwrap()
        .to_vec();
    assert_eq!(served, stored, "the package's own PDF");
    // «открыть»: the same PDF, shown in the browser rather than saved.
    let open = c
        .get(format!("{base}/packages/{name}/pdf/plan-001.docx?open=1"))
        .send()
        .unwrap();
    assert_eq!(open.headers()["content-type"], "application/pdf");
    assert_eq!(
        open.headers()["content-disposition"],
        "inline; filename=\"plan-001.pdf\""
    );
    assert_eq!(open.bytes().unwrap().to_vec(), stored);
    // Generating again the same day replaces the package, PDFs included.
    let r = c
        .post(format!("{base}/documents/generate?csrf={token}"))
        .send()
        .unwrap();
    assert!(generated(&c, &base, text(r)).contains("Пакет сформирован"));
    assert!(!folder.join("plan-001.pdf").exists());
}

/// A package that takes longer than the request waits (here: not at all)
/// answers with a progress page that reloads itself without script and
/// follows the work to its result, counting «n из N документов» as the
/// engine writes them (a school of 400 participants: hundreds of
/// documents, long enough to be seen under way); the Документы section
/// shows it too.
#[test]
fn a_long_generation_shows_its_progress_until_its_result() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    for (name, bytes) in
        nastavnik_engine::example::files_of(&nastavnik_engine::example::scaled(400)).unwrap()
    {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let running = nastavnik_web::spawn(nastavnik_web::Config {
        dir: dir.clone(),
        listen: None,
        region: None,
        wait: Some(std::time::Duration::ZERO),
    })
    .unwrap();
    let base = format!("http://{}", running.addr);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/documents")).send().unwrap()));
    let r = c
        .post(format!("{base}/documents/generate?csrf={token}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
    let page = text(r);
    assert!(page.contains("Пакет документов формируется"), "{page}");
    assert!(
        page.contains(r#"<meta http-equiv="refresh" content="2; url=/documents/progress">"#),
        "{page}"
    );
    assert!(!page.contains("<script"), "{page}");
    // A second «Сформировать» meanwhile is told, not started.
    let again = text(
        c.post(format!("{base}/documents/generate?csrf={token}"))
            .send()
            .unwrap(),
    );
    assert!(
        again.contains("Пакет уже формируется") || again.contains("Пакет сформирован"),
        "{again}"
    );
    // Every progress page: (written, of) once the plan is made.
    let counted = |page: &str| -> Option<(usize, usize)> {
        let at = page.find(r#"<strong id="written">"#)?;
        let rest = &page[at + r#"<strong id="written">"#.len()..];
        let written = rest[..rest.find('<')?].parse().ok()?;
        let at = rest.find(r#"<span id="total">"#)?;
        let rest = &rest[at + r#"<span id="total">"#.len()..];
        let total = rest[..rest.find('<')?].parse().ok()?;
        assert!(
            rest.contains("документов записано"),
            "«n из N документов»: {page}"
        );
        Some((written, total))
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut seen = Vec::new();
    let done = loop {
        let page = text(c.get(format!("{base}/documents/progress")).send().unwrap());
        if page.contains("Пакет сформирован") {
            break page;
        }
        match counted(&page) {
            Some(n) => seen.push(n),
            None => assert!(page.contains("документы ещё не начаты"), "{page}"),
        }
        assert!(std::time::Instant::now() < deadline, "{page}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(done.contains("Скачать весь пакет (ZIP)"), "{done}");
    let name = dir
        .join("packages")
        .read_dir()
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(name.path().join("manifest.json")).unwrap()).unwrap();
    let documents = manifest["documents"].as_array().unwrap().len();
    assert!(documents > 300, "{documents}");
    // The engine's own count: N is the package's documents, n grows to it.
    assert!(
        seen.iter().any(|&(w, t)| t == documents && w < documents),
        "the work was seen under way: {seen:?}"
    );
    assert!(
        seen.iter().all(|&(w, t)| t == documents && w <= t),
        "{seen:?}"
    );
    assert!(seen.windows(2).all(|p| p[0].0 <= p[1].0), "{seen:?}");
    // Shown once: then the page goes back to the documents.
    let r = c.get(format!("{base}/documents/progress")).send().unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/documents");
    let page = text(c.get(format!("{base}/documents")).send().unwrap());
    assert!(!page.contains("формируется"), "{page}");
    assert!(page.contains("Скачать весь пакет (ZIP)"), "{page}");
}

/// The page a «Сформировать» ends with: its answer, or, when the package
/// took longer than the request waits, the progress page followed (as the
/// browser does, reloading it) to the result.
fn generated(c: &reqwest::blocking::Client, base: &str, page: String) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(300);
    let mut page = page;
    while page.contains("Пакет документов формируется") {
        assert!(std::time::Instant::now() < deadline, "{page}");
        std::thread::sleep(std::time::Duration::from_millis(200));
        let r = c.get(format!("{base}/documents/progress")).send().unwrap();
        // Shown to another tab already: the documents.
        page = if r.status() == 303 {
            text(c.get(format!("{base}/documents")).send().unwrap())
        } else {
            text(r)
        };
    }
    page
}

/// The programme's part of the form, from the schema: dates as date
/// inputs, the forms as checkboxes, goals and tasks as lists with
/// «удалить» per item and an empty input to add one; checked by the schema
/// (no form ticked: refused beside the field), saved with a backup.
#[test]
fn the_programme_form_adds_and_removes_list_items() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/programme")).send().unwrap());
    assert!(
        page.contains(r#"id="p-start""#) && page.contains(r#"type="date""#),
        "{page}"
    );
    assert!(
        page.contains(r#"name="forms" value="ученик – ученик" checked"#),
        "{page}"
    );
    assert!(page.contains(r#"id="p-goals-new""#), "{page}");
    let token = csrf(&page);
    let before: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("programme.json")).unwrap())
            .unwrap();
    let goals: Vec<String> = before["programme"]["goals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g.as_str().unwrap().to_owned())
        .collect();
    assert!(goals.len() >= 2, "{goals:?}");
    let post = |pairs: &[(&str, &str)]| {
        let version = form_version(&c, &base);
        let mut pairs = pairs.to_vec();
        pairs.push(("_version", &version));
        c.post(format!("{base}/programme/programme?csrf={token}"))
            .form(&pairs)
            .send()
            .unwrap()
    };
    // The first goal removed, one added; two forms ticked; a new end.
    let mut form: Vec<(&str, &str)> = vec![
        ("title", "Программа наставничества «Вместе»"),
        ("start", "2025-09-01"),
        ("end", "2026-06-30"),
        ("forms.shown", "1"),
        ("forms", "учитель – учитель"),
        ("forms", "ученик – ученик"),
    ];
    for g in &goals {
        form.push(("goals", g));
    }
    form.push(("goals", "Новая цель программы"));
    form.push(("goals.remove", "0"));
    let r = post(&form);
    assert_eq!(r.status(), 200);
    assert!(text(r).contains("Сведения о программе сохранены"));
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("programme.json")).unwrap())
            .unwrap();
    let p = &saved["programme"];
    assert_eq!(p["title"], "Программа наставничества «Вместе»");
    assert_eq!(
        p["forms"],
        serde_json::json!(["ученик – ученик", "учитель – учитель"])
    );
    let mut want: Vec<serde_json::Value> = goals[1..].iter().map(|g| g.as_str().into()).collect();
    want.push("Новая цель программы".into());
    assert_eq!(p["goals"], serde_json::Value::Array(want));
    // Fields the form did not send are kept (the tasks).
    assert_eq!(p["tasks"], before["programme"]["tasks"]);
    assert!(dir.join("programme.json.bak").is_file());
    // No form ticked: the schema's message beside the field, nothing saved.
    let kept = std::fs::read_to_string(dir.join("programme.json")).unwrap();
    let r = post(&[
        ("title", "Программа"),
        ("start", "2025-09-01"),
        ("end", "2026-06-30"),
        ("forms.shown", "1"),
    ]);
    assert_eq!(r.status(), 422);
    let page = text(r);
    assert!(page.contains("/programme/forms"), "{page}");
    assert!(page.contains("class=\"field invalid\""), "{page}");
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json")).unwrap(),
        kept
    );
}

/// The sections of programme.json beyond the organisation and the
/// programme, from the schema: a keyed record added (an order by its id),
/// a list's record refused with the schema's message beside its field
/// (nothing saved), an optional record emptied and so removed, the
/// reports' number set; what no form holds (`inputs`) said with the way
/// to change it.
#[test]
fn the_sections_of_programme_json_are_edited_on_the_page() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/programme")).send().unwrap());
    for id in [
        "section-curator",
        "section-team",
        "section-orders",
        "section-council",
        "section-mentor-training",
        "section-final-event",
        "section-rewards",
        "section-declensions",
        "section-position-forms",
        "section-general",
        "section-layout",
        "not-on-form-inputs",
    ] {
        assert!(page.contains(&format!("id=\"{id}\"")), "{id}: {page}");
    }
    let token = csrf(&page);
    let read = || -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join("programme.json")).unwrap()).unwrap()
    };
    let before = read();
    let post = |section: &str, pairs: &[(String, String)]| {
        let mut pairs = pairs.to_vec();
        pairs.push(("_version".to_owned(), form_version(&c, &base)));
        c.post(format!("{base}/programme/section/{section}?csrf={token}"))
            .form(&pairs)
            .send()
            .unwrap()
    };
    let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    // The orders: the existing ones as the form sends them, one added.
    let orders = before["orders"].as_object().unwrap().clone();
    let mut form = Vec::new();
    for (i, (id, o)) in orders.iter().enumerate() {
        form.push((format!("{i}.@key"), id.clone()));
        form.push((
            format!("{i}.number"),
            o["number"].as_str().unwrap().to_owned(),
        ));
        form.push((format!("{i}.date"), o["date"].as_str().unwrap().to_owned()));
    }
    let n = orders.len();
    assert!(!orders.contains_key("order-rewards"), "{orders:?}");
    form.extend(owned(&[
        (&format!("{n}.@key"), "order-rewards"),
        (&format!("{n}.number"), "77-о"),
        (&format!("{n}.date"), "2026-05-20"),
    ]));
    let r = post("orders", &form);
    assert_eq!(r.status(), 200);
    assert!(text(r).contains("Раздел «Изданные приказы» сохранён"));
    let saved = read();
    assert_eq!(
        saved["orders"]["order-rewards"],
        serde_json::json!({"number": "77-о", "date": "2026-05-20"})
    );
    assert_eq!(saved["orders"].as_object().unwrap().len(), n + 1);
    assert_eq!(saved["team"], before["team"], "other sections kept");
    // A training with a date that is not one: refused beside its field.
    let kept = std::fs::read_to_string(dir.join("programme.json")).unwrap();
    let r = post(
        "mentor-training",
        &owned(&[
            ("0.title", "Школа наставника"),
            ("0.date", "вчера"),
            ("0.hours", ""),
        ]),
    );
    assert_eq!(r.status(), 422);
    let page = text(r);
    assert!(page.contains("/mentor_training/0/date"), "{page}");
    assert!(page.contains("class=\"cell invalid\""), "{page}");
    assert!(page.contains("не сохранён"), "{page}");
    assert!(
        page.contains("value=\"вчера\""),
        "the typed value shown again: {page}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("programme.json")).unwrap(),
        kept
    );
    // The council emptied: optional, so removed; the reports' number set.
    assert!(before.get("council").is_some());
    let empty: Vec<(String, String)> = [
        "date",
        "number",
        "chair",
        "secretary",
        "present",
        "votes_for",
        "votes_against",
        "abstained",
    ]
    .iter()
    .map(|k| (k.to_string(), String::new()))
    .collect();
    assert_eq!(post("council", &empty).status(), 200);
    assert!(read().get("council").is_none());
    let r = post(
        "general",
        &owned(&[("report_number", "12-м"), ("report_date", "")]),
    );
    assert_eq!(r.status(), 200);
    assert_eq!(post("layout", &owned(&[("gost", "2016")])).status(), 200);
    let saved = read();
    assert_eq!(saved["report_number"], "12-м");
    assert_eq!(saved["layout"]["gost"], "2016");
    // The required curator cannot be emptied.
    let r = post(
        "curator",
        &owned(&[("name", ""), ("position", ""), ("role", "")]),
    );
    assert_eq!(r.status(), 422);
    assert!(read()["curator"]["name"].is_string());
    // And the check still reads the saved programme.
    let check = text(c.get(format!("{base}/check")).send().unwrap());
    assert!(check.contains("Итого на"), "{check}");
}

#[test]
fn a_workbook_of_another_table_is_refused_and_the_table_its_mode_and_backup_kept() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/tables")).send().unwrap()));
    let table = dir.join("inputs/participants.xlsx");
    let before = std::fs::read(&table).unwrap();
    std::fs::set_permissions(&table, std::fs::Permissions::from_mode(0o644)).unwrap();
    // The roadmap, then the survey, uploaded as the participants: neither
    // holds a sheet the programme reads from that file.
    for other in ["roadmap.xlsx", "monitoring.xlsx"] {
        let bytes = std::fs::read(dir.join("inputs").join(other)).unwrap();
        let r = upload(
            &c,
            &format!("{base}/tables/participants?csrf={token}"),
            bytes,
            other,
        )
        .unwrap();
        assert_eq!(r.status(), 400);
        let page = text(r);
        assert!(
            page.contains("в книге нет ни одного из листов, которые программа читает из inputs/participants.xlsx («Наставники», «Наставляемые», «Пары»)"),
            "{page}"
        );
        assert!(
            page.contains("inputs/participants.xlsx не изменён"),
            "{page}"
        );
        assert_eq!(std::fs::read(&table).unwrap(), before, "kept");
        assert!(
            !dir.join("inputs/participants.xlsx.bak").exists(),
            "no backup of a refusal"
        );
    }
    // The right workbook is taken with the file's mode, and says which
    // sheets it feeds.
    let r = upload(
        &c,
        &format!("{base}/tables/participants?csrf={token}"),
        before.clone(),
        "p.xlsx",
    )
    .unwrap();
    assert_eq!(r.status(), 200);
    let page = text(r);
    assert!(
        page.contains("Из неё читаются листы: «Наставники», «Наставляемые», «Пары»."),
        "{page}"
    );
    let mode = std::fs::metadata(&table).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644, "the table keeps its mode");
    // Pairs read from another file: the upload says its «Пары» is not read.
    std::fs::copy(&table, dir.join("inputs/pairs.xlsx")).unwrap();
    let path = dir.join("programme.json");
    let mut v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    v["inputs"]["pairs"]["file"] = "inputs/pairs.xlsx".into();
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let r = upload(
        &c,
        &format!("{base}/tables/participants?csrf={token}"),
        before,
        "p.xlsx",
    )
    .unwrap();
    let page = text(r);
    assert!(
        page.contains("Из неё читаются листы: «Наставники», «Наставляемые». Лист «Пары» программа читает не отсюда, а из inputs/pairs.xlsx"),
        "{page}"
    );
}

#[test]
fn the_zip_of_a_package_with_a_file_gone_says_so_in_russian() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let token = csrf(&text(c.get(format!("{base}/documents")).send().unwrap()));
    let r = c
        .post(format!("{base}/documents/generate?csrf={token}"))
        .send()
        .unwrap();
    let page = generated(&c, &base, text(r));
    let at = page.find("/packages/").unwrap();
    let name = page[at + 10..at + 20].to_owned();
    std::fs::remove_file(dir.join("packages").join(&name).join("order-pairs.docx")).unwrap();
    let r = c.get(format!("{base}/packages/{name}/zip")).send().unwrap();
    assert_eq!(r.status(), 404);
    let page = text(r);
    assert!(
        page.contains(&format!(
            "в пакете {name} нет файла order-pairs.docx, хотя manifest.json его перечисляет"
        )),
        "{page}"
    );
    assert!(
        !page.contains("os error") && !page.contains("No such file"),
        "{page}"
    );
}

/// Two tabs: one opens the organisation's form, the other saves a change
/// (here, programme.json replaced as by an upload); the first one's save
/// is refused (409) and the file is left as the second made it — never a
/// mix of one's organisation and the other's programme.
#[test]
fn a_form_drawn_from_an_older_programme_is_refused_not_mixed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("org");
    let base = start(&dir);
    let c = client();
    let page = text(c.get(format!("{base}/programme")).send().unwrap());
    let token = csrf(&page);
    let at = page
        .find("name=\"_version\" value=\"")
        .expect("the form's version")
        + 23;
    let version: String = page[at..].chars().take_while(|ch| *ch != '"').collect();
    assert_eq!(version.len(), 64, "{version}");
    // Meanwhile programme.json changes.
    let path = dir.join("programme.json");
    let mut other: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    other["programme"]["title"] = "Программа наставничества гимназии № 5".into();
    let changed = serde_json::to_string_pretty(&other).unwrap();
    std::fs::write(&path, &changed).unwrap();
    let r = c
        .post(format!("{base}/programme/organisation?csrf={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("students=901&_version={version}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(text(r).contains("изменён после того, как эта страница была открыта"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
    // A form without the version it was drawn from (a script, an old
    // page) is refused the same way.
    let r = c
        .post(format!("{base}/programme/organisation?csrf={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("students=901")
        .send()
        .unwrap();
    assert_eq!(r.status(), 409);
    assert!(text(r).contains("без отметки версии"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), changed);
    // Drawn again, the form saves.
    let page = text(c.get(format!("{base}/programme")).send().unwrap());
    let at = page
        .find("name=\"_version\" value=\"")
        .expect("the form's version")
        + 23;
    let version: String = page[at..].chars().take_while(|ch| *ch != '"').collect();
    let r = c
        .post(format!("{base}/programme/organisation?csrf={token}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("students=901&_version={version}"))
        .send()
        .unwrap();
    assert_eq!(r.status(), 200);
}
