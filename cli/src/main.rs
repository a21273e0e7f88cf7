//! `nastavnik`: the command line. Only flag parsing and printing; the work
//! is done by `nastavnik-engine`.
//!
//! Exit codes: 0 done; 1 `check` found rule errors (or `rules test` a
//! failing case); 2 invalid input or usage, or the system refused a file
//! operation; 70 an internal error (a bug in nastavnik).

mod usage;

use clap::{FromArgMatches, Parser, Subcommand};
use engine::package::Profile;
use nastavnik_engine as engine;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "nastavnik",
    version,
    about = "Пакет документов программы наставничества (целевая модель, распоряжение Минпросвещения России от 25.12.2019 № Р-145)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Записать пример программы (programme.json и таблицы XLSX) в пустую папку.
    Init {
        dir: PathBuf,
        /// Региональный профиль (например, omsk).
        #[arg(long)]
        region: Option<String>,
        /// Записать N разных школ (DIR/school-001, …) для пробы batch (от 1 до 1000).
        #[arg(long, value_parser = usage::schools)]
        schools: Option<usize>,
        /// Вид организации примера: school (школа, по умолчанию), college
        /// (колледж, техникум), additional-education (организация
        /// дополнительного образования). С --schools не сочетается: пример
        /// региона — школы.
        #[arg(long, value_enum, default_value = "school", conflicts_with = "schools")]
        kind: KindArg,
        /// Вместо примера — пустые формы таблиц (списки выбора, подсказки,
        /// лист «Инструкция») и заготовка programme.json для своей организации.
        #[arg(long, conflicts_with = "schools")]
        blank: bool,
    },
    /// Пакеты всех школ региона: каждая подпапка DIR с programme.json — школа.
    Batch {
        dir: PathBuf,
        /// Папка результатов: OUT/<подпапка>/, batch.json, region-summary.xlsx, region-summary.docx.
        #[arg(long)]
        out: PathBuf,
        /// Региональный профиль для всех школ.
        #[arg(long)]
        region: Option<String>,
        /// Сколько школ обрабатывать одновременно (по умолчанию — по числу ядер).
        #[arg(long, value_parser = usage::jobs)]
        jobs: Option<usize>,
        /// Дата сводного отчёта региона (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД).
        #[arg(long, value_parser = report_date)]
        date: Option<engine::NaiveDate>,
        /// Регистрационный номер сводного отчёта региона (без него — «№ ______»).
        #[arg(long, value_parser = usage::number)]
        number: Option<String>,
        /// Папка результатов прошлого запуска batch: изменение каждого показателя региона.
        #[arg(long, value_name = "PREV_OUT")]
        compare: Option<PathBuf>,
        /// ФИО руководителя регионального центра под подписью сводного отчёта (вместо параметра профиля regional_centre_head).
        #[arg(long, value_parser = usage::person, value_name = "ФИО")]
        head: Option<String>,
        /// Исполнитель сводного отчёта: «ФИО, телефон» (вместо параметра профиля regional_centre_executor).
        #[arg(long, value_parser = usage::executor, value_name = "ФИО, ТЕЛЕФОН")]
        executor: Option<(String, String)>,
    },
    /// Проверить programme.json по схеме и прочитать все таблицы.
    Validate {
        /// programme.json или папка, в которой он лежит.
        programme: PathBuf,
    },
    /// Проверить полноту 7 этапов по правилам (Rhai).
    Check(CheckRequest),
    /// Правила: список действующих, запуск тестовых случаев.
    Rules {
        #[command(subcommand)]
        command: RulesCommand,
    },
    /// Шаблоны документов (Handlebars).
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
    /// Страница для сотрудников школы в браузере над папкой организации
    /// (programme.json и inputs/; пустая папка получает пример школы).
    Serve {
        /// Папка организации (по умолчанию — текущая).
        dir: Option<PathBuf>,
        /// Адрес и порт (по умолчанию 127.0.0.1 и свободный порт); адрес, доступный
        /// из сети, — только после --set-password.
        #[arg(long, value_name = "ADDR:PORT", value_parser = usage::listen)]
        listen: Option<std::net::SocketAddr>,
        /// Региональный профиль (встроенный или папка) вместо указанного в programme.json.
        #[arg(long)]
        region: Option<String>,
        /// Задать пароль входа (читается со стандартного ввода) и выйти.
        #[arg(long)]
        set_password: bool,
    },
    /// Сформировать пакет документов (DOCX) и manifest.json.
    Generate {
        /// programme.json или папка, в которой он лежит.
        programme: PathBuf,
        /// Папка для документов; создаётся целиком или не создаётся вовсе.
        #[arg(long)]
        out: PathBuf,
        /// Только эти документы (через запятую): order-curator,plan-001.
        #[arg(long, value_delimiter = ',')]
        only: Option<Vec<String>>,
        /// Региональный профиль (встроенный или папка) вместо указанного в programme.json.
        #[arg(long)]
        region: Option<String>,
        /// Папка с правилами методиста (Rhai), поверх базовых и регионального профиля.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Папка с шаблонами методиста (Handlebars), поверх базовых и регионального профиля.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Заменить прежний пакет документов в папке --out (и ничего, кроме него).
        #[arg(long)]
        force: bool,
        /// Дата отчётов (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД) вместо report_date из programme.json.
        #[arg(long, value_parser = report_date)]
        date: Option<engine::NaiveDate>,
        /// Также PDF (PDF/A-2b) каждого документа через LibreOffice (должен быть установлен).
        #[arg(long)]
        pdf: bool,
    },
}

/// The package's date: `--date`, else programme.json's `/report_date`,
/// else today. Every statement and every rule is judged at it.
fn package_date(given: Option<engine::NaiveDate>, model: &engine::Model) -> engine::NaiveDate {
    given.or(model.report_date).unwrap_or_else(today)
}

/// Today's date (UTC): the only clock nastavnik reads, here at the edge.
fn today() -> engine::NaiveDate {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    engine::NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|d| d.checked_add_days(engine::Days::new(days)))
        .unwrap_or_default()
}

/// `--date`: a date as people type it.
/// A year outside those a cell's date may have (1900–2100) is refused as
/// a cell's is: «1 марта 26 г.» would be printed in every document.
fn report_date(text: &str) -> Result<engine::NaiveDate, String> {
    use engine::Datelike;
    let date = engine::russian::parse_date(text)
        .ok_or_else(|| format!("«{text}» — не дата; ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД"))?;
    let years = engine::ingest::cell::YEARS;
    if !years.contains(&date.year()) {
        return Err(format!(
            "дата «{text}» вне {}–{} годов; проверьте год",
            years.start(),
            years.end()
        ));
    }
    Ok(date)
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
    Junit,
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Перечислить правила профиля: id, этап, уровень, основание, сроки действия.
    List {
        /// Региональный профиль: встроенный (omsk) или папка с rules/ и templates/.
        #[arg(long)]
        region: Option<String>,
        /// Папка с правилами и params.json методиста.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Перечислить поля модели и показатели, которые читают правила (model.…, figures.…).
    Fields,
    /// Запустить тестовые случаи правил (по умолчанию — встроенные rules/tests/).
    Test {
        dir: Option<PathBuf>,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Проверить папку шаблонов: разбор, неизвестные переменные и помощники
    /// (файл:строка:столбец) на модели примера или на своей программе.
    Check {
        /// Папка шаблонов методиста (как у --templates); без неё — встроенные.
        dir: Option<PathBuf>,
        /// Региональный профиль: встроенный (omsk) или папка с rules/ и templates/.
        #[arg(long)]
        region: Option<String>,
        /// Папка с правилами и params.json методиста: документы проверяются с её параметрами.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Программа (programme.json или папка), на которой проверять; по умолчанию — пример.
        #[arg(long)]
        programme: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let matches = match usage::command::<Cli>().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage::report(&e, usage::command::<Cli>()),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage::report(&e, usage::command::<Cli>()),
    };
    // `nastavnik check … | head`: when the reader closes the pipe, end
    // quietly as other command-line tools do, instead of a panic with an
    // English backtrace from the first `println!` that cannot write. Not
    // for `serve`: a browser closing its connection must cost that one
    // response an error, not kill the server.
    if !matches!(cli.command, Command::Serve { .. }) {
        // SAFETY: restoring a signal's default disposition before any
        // thread is spawned.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    let result = match cli.command {
        Command::Init {
            dir,
            region,
            schools,
            kind,
            blank,
        } => init(dir, region, schools, kind.into(), blank),
        Command::Batch {
            dir,
            out,
            region,
            jobs,
            date,
            number,
            compare,
            head,
            executor,
        } => batch(
            dir,
            out,
            engine::batch::BatchOptions {
                region,
                jobs,
                date,
                today: Some(today()),
                number,
                compare,
                head,
                executor,
            },
        ),
        Command::Validate { programme } => validate(programme),
        Command::Serve {
            dir,
            listen,
            region,
            set_password,
        } => {
            let dir = dir.unwrap_or_else(|| PathBuf::from("."));
            return if set_password {
                serve_password(&dir)
            } else {
                serve(nastavnik_web::Config {
                    dir,
                    listen,
                    region,
                    wait: None,
                })
            };
        }
        Command::Check(request) => check(request),
        Command::Rules {
            command: RulesCommand::List { region, rules },
        } => rules_list(region, rules),
        Command::Rules {
            command: RulesCommand::Test { dir, rules },
        } => rules_test(dir, rules),
        Command::Rules {
            command: RulesCommand::Fields,
        } => rules_fields(),
        Command::Templates {
            command:
                TemplatesCommand::Check {
                    dir,
                    region,
                    rules,
                    programme,
                },
        } => templates_check(dir, region, rules, programme),
        Command::Generate {
            programme,
            out,
            only,
            region,
            rules,
            templates,
            force,
            date,
            pdf,
        } => {
            let options = engine::package::Options {
                region,
                rules_dir: rules,
                templates_dir: templates,
                only,
                force,
                date,
                pdf,
            };
            generate(programme, out, options)
        }
    };
    match result {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

/// Prints an engine error in Russian and exits with its code
/// ([`engine::Error::exit_code`]: 2 for input and I/O, 70 for a bug).
fn report(err: &engine::Error) -> ExitCode {
    eprintln!("{err}");
    ExitCode::from(err.exit_code())
}

/// The kinds of organisation `init --kind` writes an example of.
#[derive(Clone, Copy, clap::ValueEnum)]
enum KindArg {
    School,
    College,
    AdditionalEducation,
}

impl From<KindArg> for engine::model::OrgKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::School => engine::model::OrgKind::School,
            KindArg::College => engine::model::OrgKind::College,
            KindArg::AdditionalEducation => engine::model::OrgKind::AdditionalEducation,
        }
    }
}

fn init(
    dir: PathBuf,
    region: Option<String>,
    schools: Option<usize>,
    kind: engine::model::OrgKind,
    blank: bool,
) -> Result<ExitCode, engine::Error> {
    match schools {
        None if blank => {
            engine::example::write_blank(&dir, region.as_deref(), kind)?;
            println!(
                "Пустые формы таблиц записаны в {0}/inputs, заготовка — в {0}/programme.json: впишите сведения об организации (или откройте страницу: nastavnik serve {0}), заполните таблицы и проверьте: nastavnik validate {0}",
                dir.display()
            );
        }
        Some(n) => {
            engine::example::write_schools(&dir, n, region.as_deref())?;
            println!("Примеры {n} школ записаны в {}", dir.display());
        }
        None => {
            engine::example::write_kind(&dir, region.as_deref(), kind)?;
            println!("Пример программы записан в {}", dir.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn batch(
    dir: PathBuf,
    out: PathBuf,
    options: engine::batch::BatchOptions,
) -> Result<ExitCode, engine::Error> {
    use engine::batch::Status;
    let progress = BatchProgress::new();
    let report = engine::batch::run(&dir, &out, &options, &|done, total, s| {
        progress.school(done, total, s)
    });
    progress.finish();
    let report = report?;
    let count = |st: Status| report.schools.iter().filter(|s| s.status == st).count();
    println!(
        "Школ: {}; без ошибок: {}, с ошибками правил: {}, не приняты: {}. Сводка: {}",
        report.schools.len(),
        count(Status::Ok),
        count(Status::Errors),
        count(Status::Refused),
        out.join(engine::batch::SUMMARY_XLSX).display()
    );
    if let Some(changes) = &report.changes {
        println!("Изменение показателей региона по сравнению с прошлым запуском:");
        for c in changes {
            println!(
                "  {}: было {}, стало {}{}",
                c.title,
                c.before,
                c.now,
                c.change
                    .as_deref()
                    .map(|x| format!(" ({x})"))
                    .unwrap_or_default()
            );
        }
    }
    if let Some(why) = &report.summary_refused {
        eprintln!("{why}");
    }
    Ok(ExitCode::from(report.exit_code()))
}

/// What `batch` shows while it runs: a progress bar when stderr is a
/// terminal, one line per school otherwise (a log, CI). Under the bar a
/// refused school is still printed as a line, above the bar, so its
/// problems stay on the screen.
enum BatchProgress {
    Bar(indicatif::ProgressBar),
    Lines,
}

impl BatchProgress {
    fn new() -> Self {
        use std::io::IsTerminal;
        if !std::io::stderr().is_terminal() {
            return BatchProgress::Lines;
        }
        let bar = indicatif::ProgressBar::no_length();
        // The template is a constant: a mistake in it is caught by the
        // `batch_progress_style_is_valid` test, and falls back to the default.
        if let Ok(style) = indicatif::ProgressStyle::with_template(BAR_TEMPLATE) {
            bar.set_style(style.progress_chars("█▉▊▋▌▍▎▏ "));
        }
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        BatchProgress::Bar(bar)
    }

    fn school(&self, done: usize, total: usize, s: &engine::batch::School) {
        use engine::batch::Status;
        let what = match s.status {
            Status::Ok => "пакет записан, нарушений нет".to_owned(),
            Status::Errors => format!("пакет записан; ошибок: {}", s.errors),
            Status::Refused => format!("не принята: {}", s.problems.join("; ")),
        };
        match self {
            BatchProgress::Lines => eprintln!("[{done}/{total}] {}: {what}", s.folder),
            BatchProgress::Bar(bar) => {
                bar.set_length(total as u64);
                bar.set_position(done as u64);
                bar.set_message(s.folder.clone());
                if s.status == Status::Refused {
                    bar.println(format!("{}: {what}", s.folder));
                }
            }
        }
    }

    fn finish(&self) {
        if let BatchProgress::Bar(bar) = self {
            bar.finish_and_clear();
        }
    }
}

/// The bar of `batch` on a terminal: elapsed time, bar, schools done of
/// all, time left, the last school finished.
const BAR_TEMPLATE: &str = "{elapsed_precise} [{bar:40}] {pos}/{len} школ, осталось {eta} {msg}";

/// `serve`: prints the address, then serves until the process is stopped.
fn serve(config: nastavnik_web::Config) -> ExitCode {
    let dir = config.dir.display().to_string();
    nastavnik_web::log_panics_in_russian();
    let result = nastavnik_web::run(&config, |addr| {
        // A closed stdout (a pipe read to its first line) never stops the
        // server: the lines are written, not printed with a panic on error.
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "Страница nastavnik для папки {dir}: http://{addr}/")
            .and_then(|_| writeln!(out, "Откройте адрес в браузере; остановить — Ctrl+C."))
            .and_then(|_| out.flush());
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

/// `serve DIR --set-password`: the password from standard input (asked
/// twice, without echo, on a terminal), stored as an Argon2 hash in DIR.
fn serve_password(dir: &std::path::Path) -> ExitCode {
    use std::io::{BufRead, IsTerminal};
    let terminal = std::io::stdin().is_terminal();
    let echo = |on: bool| {
        if terminal {
            let _ = std::process::Command::new("stty")
                .arg(if on { "echo" } else { "-echo" })
                .stdin(std::process::Stdio::inherit())
                .status();
        }
    };
    let read = |prompt: &str| -> Option<String> {
        if terminal {
            eprint!("{prompt}");
        }
        echo(false);
        let mut line = String::new();
        let got = std::io::stdin().lock().read_line(&mut line);
        echo(true);
        if terminal {
            eprintln!();
        }
        got.ok()
            .filter(|n| *n > 0)
            .map(|_| line.trim_end_matches(['\r', '\n']).to_owned())
    };
    let Some(password) = read("Новый пароль: ") else {
        eprintln!("пароль не задан: на стандартном вводе ничего нет");
        return ExitCode::from(2);
    };
    if terminal && read("Повторите пароль: ").as_deref() != Some(password.as_str()) {
        eprintln!("пароли не совпали; пароль не изменён");
        return ExitCode::from(2);
    }
    match nastavnik_web::set_password(dir, &password) {
        Ok(()) => {
            println!(
                "Пароль сохранён в {} (хеш Argon2). Теперь можно: nastavnik serve {} --listen 0.0.0.0:8080",
                dir.join(nastavnik_web::PASSWORD_FILE).display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}

fn validate(programme: PathBuf) -> Result<ExitCode, engine::Error> {
    let loaded = engine::load::load(&programme)?;
    println!("{}", engine::load::summary(&loaded.model));
    notices(&loaded);
    Ok(ExitCode::SUCCESS)
}

/// What the tables leave unread (a column whose header is not known, …):
/// printed to stderr, so that `check --format json` stays JSON; never a
/// reason to fail.
fn notices(loaded: &engine::load::Loaded) {
    for n in &loaded.notices {
        eprintln!("предупреждение: {n}");
    }
}

/// What `check` was asked for.
#[derive(clap::Args)]
struct CheckRequest {
    /// programme.json или папка, в которой он лежит.
    programme: PathBuf,
    /// Показать только этап N (1–7).
    #[arg(long, value_parser = usage::stage)]
    stage: Option<u8>,
    /// Формат вывода.
    #[arg(long, value_enum, default_value = "text")]
    format: CheckFormat,
    /// Папка с собственными правилами и params.json методиста.
    #[arg(long)]
    rules: Option<PathBuf>,
    /// Папка шаблонов методиста (её catalogue.json: приказы, которые можно
    /// зарегистрировать в orders programme.json), как у generate.
    #[arg(long)]
    templates: Option<PathBuf>,
    /// Региональный профиль: встроенный (omsk) или папка с rules/ и templates/
    /// (по умолчанию — поле region в programme.json).
    #[arg(long)]
    region: Option<String>,
    /// В текстовом выводе перечислить и соблюдённые правила.
    #[arg(long)]
    all: bool,
    /// Объяснить вердикт одного правила: что оно прочитало, что нашло по каждой записи.
    #[arg(long, value_name = "RULE")]
    explain: Option<String>,
    /// Дата, на которую судят правила (ДД.ММ.ГГГГ или ГГГГ-ММ-ДД), вместо report_date из
    /// programme.json; без обеих — сегодняшняя.
    #[arg(long, value_parser = report_date)]
    date: Option<engine::NaiveDate>,
}

fn check(request: CheckRequest) -> Result<ExitCode, engine::Error> {
    let CheckRequest {
        programme,
        stage,
        format,
        rules,
        templates,
        region,
        all,
        explain,
        date,
    } = request;
    let mut loaded = engine::load::load(&programme)?;
    notices(&loaded);
    loaded.model.report_date = Some(package_date(date, &loaded.model));
    let profile = Profile::for_programme(
        &loaded,
        region.as_deref(),
        rules.as_deref(),
        templates.as_deref(),
    )?;
    if let Some(rule) = explain {
        let explained = profile.rules.explain(&loaded.model, &rule)?;
        print!("{}", explained.to_text());
        return Ok(if explained.has_errors() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let report = profile.check(&loaded.model)?;
    match format {
        CheckFormat::Text => print!("{}", report.to_text(stage, all)),
        CheckFormat::Junit => print!("{}", report.to_junit(stage)),
        CheckFormat::Json => println!("{}", pretty(&report.to_json(stage))?),
        CheckFormat::Sarif => println!("{}", pretty(&report.to_sarif(stage))?),
    }
    let errors = report.for_stage(stage).has_errors();
    Ok(if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn pretty(value: &serde_json::Value) -> Result<String, engine::Error> {
    serde_json::to_string_pretty(value)
        .map_err(|e| engine::Error::internal(format!("отчёт не сериализуется в JSON: {e}")))
}

fn rules_list(region: Option<String>, rules: Option<PathBuf>) -> Result<ExitCode, engine::Error> {
    let profile = Profile::of(engine::layers::Layers::choose(
        region.as_deref(),
        None,
        rules.as_deref(),
        None,
    )?)?;
    print!("{}", profile.rules.list_text());
    Ok(ExitCode::SUCCESS)
}

fn rules_fields() -> Result<ExitCode, engine::Error> {
    println!("Правила (model.…, figures.…):");
    print!("{}", engine::fields::to_text()?);
    println!("\nШаблоны ({{{{…}}}} в контексте документа):");
    print!("{}", engine::fields::templates_text()?);
    Ok(ExitCode::SUCCESS)
}

fn rules_test(dir: Option<PathBuf>, rules: Option<PathBuf>) -> Result<ExitCode, engine::Error> {
    let report = match dir {
        Some(dir) => engine::rules::cases::run(&dir, rules.as_deref())?,
        None => engine::rules::cases::run_builtin(rules.as_deref())?,
    };
    print!("{}", report.to_text());
    let broken = report.broken();
    for reason in &broken {
        eprintln!("{reason}");
    }
    if !broken.is_empty() {
        // A case that cannot run is invalid input; the others still ran.
        return Ok(ExitCode::from(2));
    }
    Ok(if report.all_passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn templates_check(
    dir: Option<PathBuf>,
    region: Option<String>,
    rules: Option<PathBuf>,
    programme: Option<PathBuf>,
) -> Result<ExitCode, engine::Error> {
    let (model, layers) = match programme {
        Some(path) => {
            let loaded = engine::load::load(&path)?;
            let layers = engine::package::layers_for(
                &loaded,
                region.as_deref(),
                rules.as_deref(),
                dir.as_deref(),
            )?;
            (loaded.model, layers)
        }
        None => (
            engine::example::model(),
            engine::layers::Layers::choose(
                region.as_deref(),
                None,
                rules.as_deref(),
                dir.as_deref(),
            )?,
        ),
    };
    let report = engine::render::check::check_layers(&layers, &model);
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    if report.problems.is_empty() {
        println!(
            "Шаблоны в порядке: проверено документов — {}.",
            report.documents
        );
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("Найдено проблем в шаблонах: {}.", report.problems.len());
        Ok(ExitCode::from(2))
    }
}

fn generate(
    programme: PathBuf,
    out: PathBuf,
    options: engine::package::Options,
) -> Result<ExitCode, engine::Error> {
    let loaded = engine::load::load(&programme)?;
    notices(&loaded);
    let options = engine::package::Options {
        date: Some(package_date(options.date, &loaded.model)),
        ..options
    };
    let profile = Profile::for_programme(
        &loaded,
        options.region.as_deref(),
        options.rules_dir.as_deref(),
        options.templates_dir.as_deref(),
    )?;
    if options.pdf && engine::pdf::soffice().is_some() {
        eprintln!(
            "Документы преобразуются в PDF через LibreOffice; это может занять несколько минут…"
        );
    }
    let progress = engine::package::Progress::default();
    let finished = std::sync::atomic::AtomicBool::new(false);
    let manifest = std::thread::scope(|s| {
        if options.pdf {
            // Long work shows progress: a line every 5 s while PDFs are made.
            s.spawn(|| {
                use std::sync::atomic::Ordering::Relaxed;
                let mut waited = 0;
                while !finished.load(Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    waited += 1;
                    let total = progress.pdf_total.load(Relaxed);
                    if waited % 50 == 0 && total > 0 {
                        eprintln!("PDF: {} из {total}", progress.pdf_done.load(Relaxed));
                    }
                }
            });
        }
        let result =
            engine::package::generate_observed(&loaded, &profile, &out, &options, &progress);
        finished.store(true, std::sync::atomic::Ordering::Relaxed);
        result
    })?;
    println!(
        "Записано документов: {} в {}",
        manifest.documents.len(),
        out.display()
    );
    if !manifest.pdfs.is_empty() {
        println!(
            "PDF (PDF/A-2b, LibreOffice): {} рядом с документами",
            manifest.pdfs.len()
        );
    }
    for s in &manifest.skipped {
        println!("Не сформирован {} ({}): {}", s.id, s.title, s.reason);
    }
    for d in &manifest.drafts {
        let when = match d.sign_from {
            Some(from) => format!(
                "подписывается не ранее {}",
                engine::russian::date_short(from)
            ),
            None => "не подлежит подписанию".to_owned(),
        };
        println!(
            "Проект {} ({}): {when} — {} (manifest.json › drafts)",
            d.id, d.title, d.reason
        );
    }
    if !manifest.held_back.is_empty() {
        let refused = if manifest.held_back.iter().any(|h| h.refused) {
            ", отказавшиеся от участия — совсем"
        } else {
            ""
        };
        let ineligible = if manifest.held_back.iter().any(|h| h.ineligible) {
            ", не отвечающие требованиям Положения о программе наставничества — пока не станут им отвечать"
        } else {
            ""
        };
        println!(
            "Не включены в документы до устранения замечаний{refused}{ineligible} (manifest.json › held_back):"
        );
        for h in &manifest.held_back {
            println!("  {}", h.line());
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    #[test]
    fn batch_progress_style_is_valid() {
        assert!(indicatif::ProgressStyle::with_template(super::BAR_TEMPLATE).is_ok());
    }
}
