//! Normalising text as school staff type it, and the small text helpers
//! several stages share (XML escaping, hex): a leaf, depending on no stage.

/// Trims and collapses inner whitespace (including non-breaking spaces) to one space.
pub fn clean(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Key for forgiving matching of headers and enumerations: lower case,
/// `ё` → `е`, every run of punctuation, dashes and spaces dropped.
/// «Ф.И.О.» and «ФИО», «Дата  окончания » and «дата окончания» give the same key.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        // Russian and Latin letters, digits and the usual punctuation are
        // decided here: the general Unicode tables cost a third of reading
        // the tables (measured, `docs/bench.md`).
        match c {
            'а'..='я' | 'a'..='z' | '0'..='9' => out.push(c),
            'А'..='Я' => out.push(char::from_u32(u32::from(c) + 0x20).unwrap_or(c)),
            'A'..='Z' => out.push(c.to_ascii_lowercase()),
            'ё' | 'Ё' => out.push('е'),
            ' ' | '.' | ',' | '-' | '–' | '—' | '\u{a0}' | '"' | '«' | '»' | '(' | ')' | '/' =>
                {}
            _ => out.extend(
                c.to_lowercase()
                    .map(|c| if c == 'ё' { 'е' } else { c })
                    .filter(|c| c.is_alphanumeric()),
            ),
        }
    }
    out
}

/// A title without the item number typed before it: «1.1 Формирование
/// базы» → «Формирование базы», «2) Сбор» → «Сбор». Only a number with a
/// dot or a bracket counts: «10 встреч» keeps its number.
pub fn strip_item_number(title: &str) -> &str {
    let t = title.trim_start();
    let digits_and_dots = t
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == '.'))
        .map_or(t.len(), |(i, _)| i);
    let (number, rest) = t.split_at(digits_and_dots);
    let (number, rest) = match rest.strip_prefix(')') {
        Some(r) => (number, r),
        None if number.contains('.') => (number, rest),
        None => return title,
    };
    let starts_with_digit = number.chars().next().is_some_and(|c| c.is_ascii_digit());
    match rest.strip_prefix([' ', '\u{a0}', '\t']) {
        Some(r) if starts_with_digit && !r.trim().is_empty() => r.trim_start(),
        _ => title,
    }
}

/// Key for a form of mentoring: like [`key`], so «Учитель-учитель»,
/// «ученик — ученик» and «ученик – ученик» all match.
pub fn form_key(text: &str) -> String {
    key(text)
}

/// The first character of `text` that no document may hold:
/// - a control character other than tab, line feed and carriage return
///   (those are read as spaces), DEL, or the non-characters U+FFFE and
///   U+FFFF: XML cannot carry most of them, so a value with one would
///   break the DOCX it is printed in;
/// - an invisible format character that makes a text print otherwise than
///   it reads ([`invisible_format`]): bidirectional controls turn a
///   preamble mirrored in LibreOffice, tag characters and interlinear
///   annotations hide text a signatory never sees.
///
/// It is refused where it is typed, naming its place.
pub fn forbidden_char(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}')
            || (c >= '\u{61c}' && invisible_format(c))
    })
}

/// Unicode's invisible format characters that change what a reader sees
/// of a text, rather than only where a line may break:
/// - the bidirectional controls: embeddings and overrides U+202A–U+202E,
///   isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C (a mark
///   reorders the neutral characters around it: «№ 5» and dates);
/// - the deprecated format characters U+206A–U+206F (symmetric swapping,
///   Arabic shaping, national digit shapes);
/// - interlinear annotations U+FFF9–U+FFFB (the annotated text is shown,
///   the annotation hidden, or the other way round, by program);
/// - tag characters U+E0000–U+E007F (invisible ASCII: text a reader never
///   sees and a program reads).
///
/// Zero-width spaces and joiners, the soft hyphen and the word joiner only
/// say where a line may break or how letters join: they are left alone.
pub fn invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{61c}'
            | '\u{200e}'
            | '\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2066}'..='\u{206f}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{e0000}'..='\u{e007f}'
    )
}

/// At most this many places are named of one text file holding
/// [`forbidden_char`]s: the first ones are enough to find the rest.
pub const FORBIDDEN_PLACES: usize = 20;

/// Each line of a text file (a profile's parameters, catalogue, template
/// or rule) holding a [`forbidden_char`], as a problem at `file:line:column`
/// (1-based, columns in characters), at most [`FORBIDDEN_PLACES`].
pub fn forbidden_lines(text: &str, file: &str) -> Vec<crate::diag::Problem> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let Some(c) = forbidden_char(line) else {
            continue;
        };
        let column = line.chars().take_while(|&x| x != c).count() + 1;
        out.push(crate::diag::Problem::new(
            crate::diag::Place::Text {
                file: file.to_owned(),
                line: i + 1,
                column,
            },
            forbidden_message(c),
        ));
        if out.len() >= FORBIDDEN_PLACES {
            break;
        }
    }
    out
}

/// Why a value with [`forbidden_char`] is refused, naming the character.
pub fn forbidden_message(c: char) -> String {
    let code = u32::from(c);
    if invisible_format(c) {
        let what = if matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        {
            "невидимый символ направления письма"
        } else {
            "невидимый служебный символ"
        };
        format!(
            "в тексте {what} U+{code:04X}: с ним документ печатается не так, как читается (текст переставлен или скрыт); удалите его (такие символы приносит копирование из других программ)"
        )
    } else {
        format!(
            "в тексте управляющий символ U+{code:04X}, которого не может быть в документе; удалите его (такие символы приносит копирование из других программ)"
        )
    }
}

/// Escapes what would break XML markup: `&`, `<`, `>`, `"` (templates'
/// values, the rules' JUnit report).
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Lowercase hex, as `manifest.json` and the inputs' hashes write sha256.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_chars_are_controls_and_non_characters() {
        assert_eq!(forbidden_char("Иванов\u{1}"), Some('\u{1}'));
        assert_eq!(forbidden_char("a\u{0}b"), Some('\u{0}'));
        assert_eq!(forbidden_char("\u{7f}"), Some('\u{7f}'));
        assert_eq!(forbidden_char("\u{ffff}"), Some('\u{ffff}'));
        assert_eq!(forbidden_char("\u{fffe}"), Some('\u{fffe}'));
        assert_eq!(forbidden_char("\u{1f}"), Some('\u{1f}'));
        assert_eq!(
            forbidden_char("Иванов\tПётр\r\nСергеевич «№ 5» \u{a0}—"),
            None
        );
        assert_eq!(
            forbidden_message('\u{1}').split(',').next(),
            Some("в тексте управляющий символ U+0001")
        );
    }

    #[test]
    fn bidi_controls_and_hiding_format_characters_are_forbidden() {
        for c in [
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{200e}',
            '\u{200f}',
            '\u{61c}',
            '\u{206a}',
            '\u{206f}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e007f}',
        ] {
            let text = format!("Иванов{c} Пётр");
            assert_eq!(forbidden_char(&text), Some(c), "U+{:04X}", u32::from(c));
            assert!(
                forbidden_message(c).contains(&format!("U+{:04X}", u32::from(c))),
                "{}",
                forbidden_message(c)
            );
        }
        assert!(forbidden_message('\u{202e}')
            .starts_with("в тексте невидимый символ направления письма U+202E: "));
        // What only breaks lines or joins letters stays: Arabic, Hebrew
        // and emoji letters themselves too.
        for ok in [
            "a\u{200b}b",
            "a\u{200c}b",
            "a\u{200d}b",
            "пере\u{ad}нос",
            "a\u{2060}b",
            "שלום",
            "مرحبا",
            "\u{1f600}",
        ] {
            assert_eq!(forbidden_char(ok), None, "{ok:?}");
        }
    }

    #[test]
    fn keys_ignore_case_punctuation_and_yo() {
        assert_eq!(key("Ф.И.О."), key("фио"));
        assert_eq!(key(" Отметка о выполнении "), key("отметка  о выполнении"));
        assert_eq!(key("Ещё"), key("еще"));
        assert_eq!(form_key("Учитель-учитель"), form_key("учитель – учитель"));
        assert_eq!(form_key("ученик — ученик"), form_key("ученик – ученик"));
        assert_eq!(key("ПЕТРОВА-ВОДКИНА Ёлка"), "петроваводкинаелка");
    }

    #[test]
    fn the_fast_key_agrees_with_unicode() {
        let slow = |t: &str| -> String {
            t.chars()
                .flat_map(char::to_lowercase)
                .map(|c| if c == 'ё' { 'е' } else { c })
                .filter(|c| c.is_alphanumeric())
                .collect()
        };
        for t in [
            "Ф.И.О. (полностью)",
            "ПЕТРОВА-ВОДКИНА Ёлка «Ёж»",
            "Ünal İ. № 5, Ωμέγα",
            "учитель — учитель / ученик – ученик",
            "Дата\u{a0}окончания\t2025",
        ] {
            assert_eq!(key(t), slow(t), "{t}");
        }
    }

    #[test]
    fn typed_item_numbers_are_stripped() {
        for (typed, shown) in [
            ("1.1 Формирование базы", "Формирование базы"),
            ("1.1. Формирование базы", "Формирование базы"),
            ("2) Сбор согласий", "Сбор согласий"),
            ("3. Обучение", "Обучение"),
            ("10 встреч в течение года", "10 встреч в течение года"),
            ("Обучение наставников", "Обучение наставников"),
            ("1.1", "1.1"),
        ] {
            assert_eq!(strip_item_number(typed), shown, "{typed}");
        }
    }

    #[test]
    fn clean_collapses_spaces() {
        assert_eq!(
            clean("  Иванова\u{a0} Мария   Петровна "),
            "Иванова Мария Петровна"
        );
    }
}
