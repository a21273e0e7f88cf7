//! Usage errors and help in Russian.
//!
//! clap has no translations: its errors are English sentences. Each error
//! carries its kind and the pieces it is made of (the argument, the value,
//! the valid values, a suggestion), so the Russian message is built here
//! from those; help and usage lines are clap's own text with its few fixed
//! English words replaced.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{ColorChoice, CommandFactory};
use std::error::Error as _;
use std::process::ExitCode;

/// The command line of `P`, printed without colours (the text is ours to
/// translate, so it must be plain).
pub fn command<P: CommandFactory>() -> clap::Command {
    P::command().color(ColorChoice::Never)
}

/// `--stage`: a stage number, 1 to 7.
pub fn stage(value: &str) -> Result<u8, String> {
    let stages = nastavnik_engine::model::STAGE_NUMBERS;
    match value.trim().parse::<u8>() {
        Ok(n) if stages.contains(&n) => Ok(n),
        _ => Err(format!(
            "ожидается номер этапа от {} до {}",
            stages.start(),
            stages.end()
        )),
    }
}

/// `serve --listen`: an address and a port, `0.0.0.0:8080`.
pub fn listen(value: &str) -> Result<std::net::SocketAddr, String> {
    value
        .trim()
        .parse()
        .map_err(|_| "ожидается адрес и порт, например 127.0.0.1:8080 или 0.0.0.0:8080".to_owned())
}

/// `batch --jobs`: schools at once, 1 to [`nastavnik_engine::batch::MAX_JOBS`].
/// `init --schools N`: a region of 1 to 1,000 example schools (each a few
/// hundred KB; a larger number filled the disk rather than tried `batch`).
pub fn schools(value: &str) -> Result<usize, String> {
    match value.trim().parse::<usize>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err(format!(
            "«{}»: число школ — целое от 1 до 1000",
            value.trim()
        )),
    }
}

pub fn jobs(value: &str) -> Result<usize, String> {
    let why = || nastavnik_engine::batch::jobs_problem(0).unwrap_or_default();
    match value.trim().parse::<usize>() {
        Ok(n) if nastavnik_engine::batch::jobs_problem(n).is_none() => Ok(n),
        _ => Err(why()),
    }
}

/// `batch --number`: the summary's registration number as a register
/// gives it («15-о», «01-12/345»): 1 to 40 printable characters, no line
/// breaks or invisible ones (it is printed in the requisites line).
/// A person's full name for the summary's signature (`batch --head`):
/// visible characters, 3–120 of them, at least two words.
pub fn person(value: &str) -> Result<String, String> {
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    let printable = v
        .chars()
        .all(|c| !c.is_control() && !nastavnik_engine::text::invisible_format(c));
    if !printable || !(3..=120).contains(&v.chars().count()) || v.split(' ').count() < 2 {
        return Err(format!(
            "«{}»: укажите фамилию, имя и отчество (от 3 до 120 видимых знаков), например «Иванова Ирина Петровна»",
            v.chars()
                .filter(|c| !c.is_control() && !nastavnik_engine::text::invisible_format(*c))
                .collect::<String>()
        ));
    }
    Ok(v)
}

/// The summary's executor (`batch --executor "ФИО, телефон"`): a name of at
/// least two words, a comma, a phone with digits.
pub fn executor(value: &str) -> Result<(String, String), String> {
    let Some((name, phone)) = value.split_once(',') else {
        return Err(format!(
            "«{}»: исполнитель — «Фамилия Имя Отчество, телефон», например «Петрова Анна Сергеевна, 8 (3812) 23-45-67»",
            value.trim()
        ));
    };
    let name = person(name)?;
    let phone = phone.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    let phone_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c))
        && (5..=15).contains(&digits);
    if !phone_ok {
        return Err(format!(
            "«{phone}»: телефон исполнителя — цифры, пробелы, «+», «-», скобки (от 5 до 15 цифр)"
        ));
    }
    Ok((name, phone))
}

pub fn number(value: &str) -> Result<String, String> {
    let v = value.trim();
    let printable = v
        .chars()
        .all(|c| !c.is_control() && !nastavnik_engine::text::invisible_format(c));
    if v.is_empty() || v.chars().count() > 40 || !printable {
        return Err(format!(
            "«{}»: номер сводного отчёта — от 1 до 40 видимых знаков, например 15-о",
            v.chars()
                .filter(|c| !c.is_control() && !nastavnik_engine::text::invisible_format(*c))
                .collect::<String>()
        ));
    }
    let v = v.strip_prefix('№').unwrap_or(v).trim();
    if v.is_empty() {
        return Err(
            "номер сводного отчёта — после знака № укажите сам номер, например 15-о".to_owned(),
        );
    }
    Ok(v.to_owned())
}

/// Prints a clap error (or the help or version it stands for) and picks the
/// exit code: 0 for help and version, 2 for a usage error. `cli` is the
/// command line the error came from.
pub fn report(e: &clap::Error, mut cli: clap::Command) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp => {
            print!("{}", translate(&e.render().to_string()));
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayVersion => {
            print!("{}", e.render());
            ExitCode::SUCCESS
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprintln!("ошибка: не указана команда\n");
            eprint!("{}", translate(&e.render().to_string()));
            ExitCode::from(2)
        }
        _ => {
            cli.build();
            let args: Vec<String> = std::env::args().skip(1).collect();
            eprint!("{}", message(e, &mut subcommand(&cli, &args)));
            ExitCode::from(2)
        }
    }
}

/// The (sub)command the arguments name: `nastavnik rules test …` → `rules test`.
fn subcommand(cmd: &clap::Command, args: &[String]) -> clap::Command {
    let mut at = cmd;
    for arg in args {
        match at.find_subcommand(arg) {
            Some(sub) => at = sub,
            None => break,
        }
    }
    at.clone()
}

/// The whole Russian text of a usage error: what is wrong, the usage line
/// of the command it is about, where to read more.
pub fn message(e: &clap::Error, cmd: &mut clap::Command) -> String {
    let usage = translate(&cmd.render_usage().to_string());
    let name = cmd
        .get_bin_name()
        .map(str::to_owned)
        .unwrap_or_else(|| cmd.get_name().to_owned());
    format!(
        "ошибка: {}\n\n{}\n\nПодробнее: {name} --help\n",
        what(e),
        usage.trim_end()
    )
}

/// What is wrong, in one Russian sentence.
fn what(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let maybe = |kind| {
        let s = texts(e, kind);
        if s.is_empty() {
            String::new()
        } else {
            format!("; возможно, имелось в виду «{}»", s.join("», «"))
        }
    };
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("не указано значение для {arg}")
        }
        ErrorKind::InvalidValue => {
            let valid = texts(e, ContextKind::ValidValue);
            let mut s = format!("недопустимое значение «{value}» для {arg}");
            if !valid.is_empty() {
                s.push_str(&format!("; допустимые: {}", valid.join(", ")));
            }
            s + maybe(ContextKind::SuggestedValue).as_str()
        }
        ErrorKind::ValueValidation => {
            let why = e.source().map(|s| s.to_string());
            match why {
                // Our own parsers explain in Russian; clap's are English.
                Some(why) if why.chars().any(|c| ('а'..='я').contains(&c)) => {
                    format!("недопустимое значение «{value}» для {arg}: {why}")
                }
                _ => format!("недопустимое значение «{value}» для {arg}"),
            }
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            format!("неизвестный параметр «{arg}»") + maybe(ContextKind::SuggestedArg).as_str()
        }
        ErrorKind::UnknownArgument => {
            format!("лишний аргумент «{arg}»") + maybe(ContextKind::SuggestedSubcommand).as_str()
        }
        ErrorKind::InvalidSubcommand => {
            let name = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("неизвестная команда «{name}»")
                + maybe(ContextKind::SuggestedSubcommand).as_str()
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(e, ContextKind::InvalidArg);
            if missing.len() > 1 {
                format!("не указаны обязательные аргументы: {}", missing.join(", "))
            } else {
                format!("не указан обязательный аргумент {}", missing.join(""))
            }
        }
        ErrorKind::MissingSubcommand => {
            let name = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("не указана команда после «{name}»")
        }
        ErrorKind::ArgumentConflict => match text(e, ContextKind::PriorArg) {
            Some(other) if other != arg => format!("{arg} нельзя указывать вместе с {other}"),
            _ => format!("{arg} указан больше одного раза"),
        },
        ErrorKind::TooManyValues => format!("лишнее значение «{value}» для {arg}"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("неверное число значений для {arg}")
        }
        ErrorKind::NoEquals => format!("значение для {arg} пишется через «=»"),
        ErrorKind::InvalidUtf8 => "аргументы командной строки не в кодировке UTF-8".to_owned(),
        _ => "командная строка не разобрана".to_owned(),
    }
}

/// clap's fixed English words in help and usage, in Russian. Longer
/// phrases come first so that a shorter one does not cut them.
const WORDS: &[(&str, &str)] = &[
    (
        "Print this message or the help of the given subcommand(s)",
        "Показать справку (по всем командам или по указанной)",
    ),
    (
        "Print help (see more with '--help')",
        "Показать справку (подробнее: --help)",
    ),
    (
        "Print help (see a summary with '-h')",
        "Показать справку (кратко: -h)",
    ),
    ("Print help", "Показать справку"),
    ("Print version", "Показать версию"),
    ("Usage:", "Использование:"),
    ("Commands:", "Команды:"),
    ("Arguments:", "Аргументы:"),
    ("Options:", "Параметры:"),
    ("[OPTIONS]", "[ПАРАМЕТРЫ]"),
    ("<COMMAND>", "<КОМАНДА>"),
    ("[COMMAND]", "[КОМАНДА]"),
    ("[default: ", "[по умолчанию: "),
    ("[possible values: ", "[допустимые: "),
];

/// clap's help or usage text with its English words in Russian.
pub fn translate(text: &str) -> String {
    WORDS
        .iter()
        .fold(text.to_owned(), |t, (en, ru)| t.replace(en, ru))
}

/// One piece of the error's context as text.
fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(s) => Some(s.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(s) => Some(
            s.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A piece of the error's context that is a list.
fn texts(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(s)) => s.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}
