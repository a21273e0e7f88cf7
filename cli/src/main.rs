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
    /// Сформировать пакет документов (DOCX) и manifest.json.
    Generate {
        programme: PathBuf,
        /// Папка для документов; создаётся целиком или не создаётся вовсе.
        #[arg(long)]
        out: PathBuf,
        /// Только эти документы (через запятую): order-curator,plan-001.
        #[arg(long, value_delimiter = ',')]
        only: Option<Vec<String>>,
        /// Региональный профиль вместо указанного в programme.json.
        #[arg(long)]
        region: Option<String>,
        /// Папка с правилами методиста (Rhai), поверх базовых и регионального профиля.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Папка с шаблонами методиста (Handlebars), поверх базовых и регионального профиля.
        #[arg(long)]
        templates: Option<PathBuf>,
        /// Заменить непустую папку --out.
        #[arg(long)]
        force: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Init { dir, region } => init(dir, region),
        Command::Validate { programme } => validate(programme),
        Command::Generate { programme, out, only, region, rules, templates, force } => {
            let options = engine::package::Options {
                region,
                rules_dir: rules,
                templates_dir: templates,
                only,
                force,
            };
            generate(programme, out, options)
        }
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

fn generate(
    programme: PathBuf,
    out: PathBuf,
    options: engine::package::Options,
) -> Result<ExitCode, engine::Error> {
    let loaded = engine::load::load(&programme)?;
    let manifest = engine::package::generate(&loaded, &out, &options)?;
    println!(
        "Записано документов: {} в {}",
        manifest.documents.len(),
        out.display()
    );
    for s in &manifest.skipped {
        println!("Не сформирован {} ({}): {}", s.id, s.title, s.reason);
    }
    Ok(ExitCode::SUCCESS)
}
