//! A rule script that does not compile, told in Russian.
//!
//! Rhai's parse errors are English, and a brace left open is reported at
//! the end of the file («Expecting '}' …»), where nothing is wrong. So the
//! brackets of the script are balanced here first (strings, `` `…` ``
//! templates and comments skipped): an opener left unclosed, or a closer
//! of the wrong kind, is named at its own line and column. Otherwise
//! Rhai's error kind is translated.

use crate::diag::{Place, Problem};
use rhai::{LexError, ParseError, ParseErrorType as P};

/// The problem of a script `text` (shown as `file`) that failed with `err`.
pub fn problem(file: &str, text: &str, err: &ParseError) -> Problem {
    if let Some((line, column, message)) = unbalanced(text) {
        return Problem::new(
            Place::Text {
                file: file.to_owned(),
                line,
                column,
            },
            format!("синтаксическая ошибка в сценарии правил: {message}"),
        );
    }
    let place = match (err.position().line(), err.position().position()) {
        (Some(line), column) => Place::Text {
            file: file.to_owned(),
            line,
            column: column.unwrap_or(1),
        },
        (None, _) => Place::File {
            file: file.to_owned(),
        },
    };
    Problem::new(
        place,
        format!(
            "синтаксическая ошибка в сценарии правил: {}",
            russian(err.err_type())
        ),
    )
}

/// Rhai's parse error kinds in Russian; rare ones keep Rhai's text after a
/// Russian lead.
fn russian(kind: &P) -> String {
    match kind {
        P::UnexpectedEOF => {
            "сценарий обрывается: не хватает закрывающей скобки или конца выражения".to_owned()
        }
        P::BadInput(LexError::UnexpectedInput(s)) => format!("неожиданный символ «{s}»"),
        P::BadInput(LexError::UnterminatedString) => "строка не закрыта кавычкой".to_owned(),
        P::BadInput(LexError::MalformedNumber(s)) => format!("неверно записано число «{s}»"),
        P::BadInput(LexError::MalformedEscapeSequence(s)) => {
            format!("неверная escape-последовательность «{s}»")
        }
        P::BadInput(LexError::ImproperSymbol(s, _)) => format!("недопустимый символ «{s}»"),
        P::BadInput(other) => format!("неверная запись: {other}"),
        P::UnknownOperator(op) => format!("неизвестный оператор «{op}»"),
        P::MissingToken(token, what) => format!("ожидается «{token}» {}", in_russian(what)),
        P::MissingSymbol(s) => format!("ожидается «{s}»"),
        P::MalformedIndexExpr(_) => "неверно записан индекс […]".to_owned(),
        P::DuplicatedProperty(p) => format!("поле «{p}» записано в карте дважды"),
        P::DuplicatedVariable(v) => format!("параметр «{v}» повторяется"),
        P::PropertyExpected => "ожидается имя поля".to_owned(),
        P::VariableExpected => "ожидается имя переменной".to_owned(),
        P::ForbiddenVariable(v) | P::Reserved(v) => {
            format!("«{v}» — зарезервированное слово, так назвать нельзя")
        }
        P::ExprExpected(what) => format!("ожидается выражение ({what})"),
        P::WrongFnDefinition => "функции объявляются только на верхнем уровне файла".to_owned(),
        P::FnDuplicatedDefinition(name, n) => {
            format!("функция {name}() с {n} параметрами объявлена дважды")
        }
        P::FnMissingName => "у функции нет имени".to_owned(),
        P::FnMissingParams(name) => format!("у функции {name} нет списка параметров ( … )"),
        P::FnDuplicatedParam(f, p) => format!("параметр «{p}» функции {f}() повторяется"),
        P::FnMissingBody(name) => format!("у функции {name}() нет тела {{ … }}"),
        P::AssignmentToConstant(name) => {
            format!("«{name}» — постоянная, ей нельзя присвоить значение")
        }
        P::AssignmentToInvalidLHS(_) => "слева от «=» должно быть имя, поле или индекс".to_owned(),
        P::VariableUndefined(v) => format!("неизвестная переменная «{v}»"),
        P::ExprTooDeep => "выражение вложено слишком глубоко".to_owned(),
        P::LoopBreak => "«break» или «continue» вне цикла".to_owned(),
        other => format!("ошибка разбора ({other})"),
    }
}

/// Rhai's `MissingToken` context («to close a statement block») in Russian.
fn in_russian(what: &str) -> String {
    let w = what.to_lowercase();
    let known = [
        ("statement block", "в конце блока { … }"),
        ("parameters list", "в конце списка параметров"),
        ("arguments list", "в конце списка аргументов"),
        ("array literal", "в конце массива [ … ]"),
        ("object map literal", "в конце карты #{ … }"),
        ("index expression", "в конце индекса [ … ]"),
        ("end of statement", "в конце оператора (нет «;»?)"),
        ("expression", "после выражения"),
    ];
    known
        .iter()
        .find(|(en, _)| w.contains(en))
        .map(|(_, ru)| (*ru).to_owned())
        .unwrap_or_else(|| format!("({what})"))
}

/// The first bracket left open or closed by the wrong kind: line, column,
/// message. Skips `"…"`, `'…'`, `` `…` `` (its `${…}` counted as code) and
/// `//`, `/* … */` comments.
pub fn unbalanced(text: &str) -> Option<(usize, usize, String)> {
    let mut open: Vec<(char, usize, usize)> = Vec::new();
    let (mut line, mut column) = (1usize, 0usize);
    let mut chars = text.chars().peekable();
    // Inside a back-tick template: the depth of `open` at its `${`.
    let mut templates: Vec<usize> = Vec::new();
    let mut in_template = false;
    while let Some(c) = chars.next() {
        column += 1;
        if c == '\n' {
            line += 1;
            column = 0;
            continue;
        }
        if in_template {
            match c {
                '`' => in_template = false,
                '$' if chars.peek() == Some(&'{') => {
                    chars.next();
                    column += 1;
                    templates.push(open.len());
                    open.push(('{', line, column - 1));
                    in_template = false;
                }
                '\\' => {
                    chars.next();
                    column += 1;
                }
                _ => {}
            }
            continue;
        }
        match c {
            '"' | '\'' => {
                let quote = c;
                while let Some(d) = chars.next() {
                    column += 1;
                    match d {
                        '\\' => {
                            chars.next();
                            column += 1;
                        }
                        '\n' => {
                            line += 1;
                            column = 0;
                        }
                        d if d == quote => break,
                        _ => {}
                    }
                }
            }
            '`' => in_template = true,
            '/' if chars.peek() == Some(&'/') => {
                for d in chars.by_ref() {
                    if d == '\n' {
                        line += 1;
                        column = 0;
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                column += 1;
                let mut star = false;
                for d in chars.by_ref() {
                    column += 1;
                    if d == '\n' {
                        line += 1;
                        column = 0;
                    }
                    if star && d == '/' {
                        break;
                    }
                    star = d == '*';
                }
            }
            '(' | '[' | '{' => open.push((c, line, column)),
            ')' | ']' | '}' => {
                let want = match c {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                match open.pop() {
                    Some((o, _, _)) if o == want => {
                        if c == '}' && templates.last() == Some(&open.len()) {
                            templates.pop();
                            in_template = true;
                        }
                    }
                    Some((o, l, col)) => {
                        return Some((
                            line,
                            column,
                            format!(
                                "«{c}» закрывает не ту скобку: открыта «{o}» в строке {l}, столбце {col}"
                            ),
                        ))
                    }
                    None => {
                        return Some((line, column, format!("лишняя закрывающая «{c}»")));
                    }
                }
            }
            _ => {}
        }
    }
    open.pop().map(|(o, l, col)| {
        let close = match o {
            '(' => ')',
            '[' => ']',
            _ => '}',
        };
        (
            l,
            col,
            format!("скобка «{o}» открыта здесь и не закрыта: не хватает «{close}»"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_brace_is_named_where_it_was_opened() {
        let text = "fn rules() { [] }\n// { in a comment\nfn check() {\n    let s = \"}\";\n    let t = `${s} {`;\n    if true {\n        []\n}\n";
        let (line, column, message) = unbalanced(text).expect("found");
        assert_eq!((line, column), (3, 12), "{message}");
        assert!(message.contains("не закрыта"), "{message}");
        assert!(unbalanced("fn a() { let m = #{ x: [1, (2)] }; `${m.x}` }").is_none());
        let (line, _, message) = unbalanced("fn a() {\n  [1, 2)\n}").expect("found");
        assert_eq!(line, 2);
        assert!(message.contains("открыта «[» в строке 2"), "{message}");
    }

    #[test]
    fn a_script_that_does_not_parse_is_told_in_russian() {
        let engine = rhai::Engine::new();
        let text = "fn rules() {\n  [#{ id: \"x\" ]\n}\n";
        let e = engine.compile(text).expect_err("does not parse");
        let p = problem("x.rhai", text, &e);
        assert!(p
            .message
            .starts_with("синтаксическая ошибка в сценарии правил: "));
        assert!(!p.message.contains("Expecting"), "{}", p.message);
        let text = "fn rules() { let x = 1 +; }";
        let e = engine.compile(text).expect_err("does not parse");
        let p = problem("x.rhai", text, &e);
        assert!(!p.message.contains("Expecting"), "{}", p.message);
    }
}
