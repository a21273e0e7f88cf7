//! `nastavnik`: the command line. Only flag parsing and printing; the work
//! is done by `nastavnik-engine`.

use clap::{Parser, Subcommand};
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
    },
    /// Проверить programme.json по схеме и прочитать все таблицы.
    Validate { programme: PathBuf },
    /// Шаблоны документов (Handlebars).
    Templates {
        #[command(subcommand)]
        command: TemplatesCommand,
    },
}

#[derive(Subcommand)]
enum TemplatesCommand {
    /// Проверить папку шаблонов: разбор, неизвестные переменные и помощники
    /// (файл:строка:столбец) на модели примера или на своей программе.
    Check {
        /// Папка шаблонов методиста (как у --templates); без неё — встроенные.
        dir: Option<PathBuf>,
        /// Региональный профиль (например, omsk).
        #[arg(long)]
        region: Option<String>,
        /// Программа (programme.json или папка), на которой проверять; по умолчанию — пример.
        #[arg(long)]
        programme: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init { dir, region } => init(dir, region),
        Command::Validate { programme } => validate(programme),
        Command::Templates {
            command:
                TemplatesCommand::Check {
                    dir,
                    region,
                    programme,
                },
        } => templates_check(dir, region, programme),
    };
    match result {
        Ok(code) => code,
        Err(err) => report(&err),
    }
}

/// Prints an engine error in Russian and picks the exit code: 2 for bad input.
fn report(err: &engine::Error) -> ExitCode {
    eprintln!("{err}");
    ExitCode::from(2)
}

fn init(dir: PathBuf, region: Option<String>) -> Result<ExitCode, engine::Error> {
    engine::example::write(&dir, region.as_deref())?;
    println!("Пример программы записан в {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

fn validate(programme: PathBuf) -> Result<ExitCode, engine::Error> {
    let loaded = engine::load::load(&programme)?;
    println!("{}", engine::load::summary(&loaded.model));
    Ok(ExitCode::SUCCESS)
}

fn templates_check(
    dir: Option<PathBuf>,
    region: Option<String>,
    programme: Option<PathBuf>,
) -> Result<ExitCode, engine::Error> {
    let model = match programme {
        Some(path) => engine::load::load(&path)?.model,
        None => engine::example::model(),
    };
    let region = region.or_else(|| model.region.clone());
    let report = engine::render::check::check(region.as_deref(), dir.as_deref(), &model);
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
