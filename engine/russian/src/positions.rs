//! Job titles and statuses as they stand beside a name or follow a verb:
//! «в лице директора», «поручить заместителю директора по УВР»,
//! «Петрову Ксению Юрьевну, студентку 3 курса».
//!
//! A title is a noun phrase whose head comes first: leading adjectives or
//! participles («главный», «старший»), then the head noun («директор»,
//! «руководитель», «педагог-психолог»); whatever follows is already
//! governed («директора», «по учебно-воспитательной работе», «АО „…“»)
//! and stays as typed. Job titles are masculine in official usage whoever
//! holds them («Рябова Е. А., директор»); statuses of learners have a
//! feminine form that a woman's title takes («студентка», «обучающаяся»).
//! The words that need telling apart live in `data/positions/positions.json`.
//! A head the rules do not recognise (an abbreviation, a number) is left as
//! written, which a reader forgives more than a wrong ending.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::{Case, Gender};

const DATA_JSON: &str = include_str!("../data/positions/positions.json");

#[derive(Deserialize, Default)]
struct Data {
    #[serde(default)]
    feminine: HashMap<String, String>,
    #[serde(default)]
    heads: HashSet<String>,
    #[serde(default)]
    words: HashMap<String, [String; 5]>,
    #[serde(default)]
    prefixes: HashSet<String>,
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    // The file is compiled in; a test proves it parses.
    DATA.get_or_init(|| serde_json::from_str(DATA_JSON).unwrap_or_default())
}

/// `position` in `case` as a job title (masculine whoever holds it), first
/// letter in lower case (it follows other words): «директора».
pub fn decline_position(position: &str, case: Case) -> String {
    position_in(position, case, Gender::Male)
}

/// `position` in `case` for a person of `gender`: a learner's status takes
/// its feminine form for a woman («студентку 3 курса»), a class typed as
/// «10 «А» класс» reads «обучающуюся 10 «А» класса». First letter in lower
/// case unless the first word is an abbreviation.
pub fn position_in(position: &str, case: Case, gender: Gender) -> String {
    let trimmed = position.trim();
    let text = class_status(trimmed)
        .or_else(|| association_status(trimmed))
        .unwrap_or_else(|| trimmed.to_owned());
    let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
    if let Some(first) = words.first_mut() {
        *first = lower_first(first);
    }
    let Some(head) = head_index(&words) else {
        return words.join(" ");
    };
    if gender == Gender::Female {
        feminise(&mut words[..=head]);
    }
    if case != Case::Nominative {
        for word in &mut words[..=head] {
            if let Some(form) = decline_word(word, case) {
                *word = form;
            }
        }
    }
    words.join(" ")
}

/// A position and the organisation it is held at, as one phrase:
/// «инженер-технолог АО «Омскводоканал»». A name that opens with an
/// abbreviation (a legal form, a university's short name) reads as the
/// genitive it stands for, so it follows without a comma; a name in words
/// would need declining, so it follows a comma, as typed.
pub fn position_at(position: Option<&str>, organisation: Option<&str>) -> Option<String> {
    match (clean(position), clean(organisation)) {
        (Some(p), Some(o)) if opens_with_abbreviation(o) => Some(format!("{p} {o}")),
        (Some(p), Some(o)) => Some(format!("{p}, {o}")),
        (Some(p), None) => Some(p.to_owned()),
        (None, Some(o)) => Some(o.to_owned()),
        (None, None) => None,
    }
}

fn clean(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// «АО …», «ОмГПУ», «МБОУ «СОШ № 17»»: the first word has two capitals.
fn opens_with_abbreviation(name: &str) -> bool {
    let first = name.split([' ', '«', '"']).next().unwrap_or("");
    first.chars().count() >= 2 && first.chars().filter(|c| c.is_uppercase()).count() >= 2
}

/// «10 «А» класс», «10А класс», «9 класс», «11 «Б»» → «обучающийся 10 «А»
/// класса»: a class is where a pupil learns, and the status declines.
fn class_status(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let (body, named) = match ["класса", "класс", "кл.", "кл"]
        .iter()
        .find_map(|w| lower.strip_suffix(w))
    {
        Some(rest) => (text.get(..rest.len())?, true),
        None => (text, false),
    };
    let body = body.trim();
    let digits: String = body.chars().take_while(char::is_ascii_digit).collect();
    let grade: u32 = digits.parse().ok()?;
    if !(1..=11).contains(&grade) {
        return None;
    }
    let rest = body.get(digits.len()..)?.trim_start_matches([' ', '-']);
    let letter: String = rest
        .trim_matches(|c: char| "«»\"„“'".contains(c) || c == ' ')
        .to_owned();
    let one_letter = letter.chars().count() == 1 && letter.chars().all(char::is_alphabetic);
    match (letter.is_empty(), one_letter) {
        (true, _) if named => Some(format!("обучающийся {grade} класса")),
        (false, true) => Some(format!(
            "обучающийся {grade} «{}» класса",
            letter.to_uppercase()
        )),
        _ => None,
    }
}

/// The associations of additional education, nominative → genitive, the
/// longer first: a learner «кружка «Авиамоделирование»», not «кружока».
const ASSOCIATIONS: [(&str, &str); 14] = [
    ("творческое объединение", "творческого объединения"),
    ("детское объединение", "детского объединения"),
    ("объединение", "объединения"),
    ("кружок", "кружка"),
    ("студия", "студии"),
    ("секция", "секции"),
    ("ансамбль", "ансамбля"),
    ("клуб", "клуба"),
    ("театр", "театра"),
    ("мастерская", "мастерской"),
    ("лаборатория", "лаборатории"),
    ("школа", "школы"),
    ("хор", "хора"),
    ("оркестр", "оркестра"),
];

/// The indeclinable first parts of compound associations: «изостудия»,
/// «киноклуб», «арт-студия», «спортшкола» (the second part declines).
const ASSOCIATION_PREFIXES: [&str; 16] = [
    "изо",
    "кино",
    "фото",
    "видео",
    "медиа",
    "мульт",
    "арт",
    "теле",
    "радио",
    "авто",
    "авиа",
    "мото",
    "эко",
    "спорт",
    "техно",
    "робо",
];

/// The genitive of one word naming a kind of association, lower case:
/// «студия» → «студии», a compound «изостудия» → «изостудии», «театр-студия»
/// → «театра-студии», «арт-студия» → «арт-студии». `None` for any other word.
fn association_genitive(word: &str) -> Option<String> {
    let word = word.to_lowercase();
    if let Some((_, genitive)) = ASSOCIATIONS
        .iter()
        .find(|(n, _)| !n.contains(' ') && *n == word)
    {
        return Some((*genitive).to_owned());
    }
    if let Some((first, second)) = word.split_once('-') {
        let second = association_genitive(second)?;
        let first = match association_genitive(first) {
            Some(genitive) => genitive,
            None if ASSOCIATION_PREFIXES.contains(&first) => first.to_owned(),
            None => return None,
        };
        return Some(format!("{first}-{second}"));
    }
    ASSOCIATION_PREFIXES.iter().find_map(|prefix| {
        let rest = word.strip_prefix(prefix)?;
        let genitive = ASSOCIATIONS
            .iter()
            .find(|(n, _)| !n.contains(' ') && *n == rest)?
            .1;
        Some(format!("{prefix}{genitive}"))
    })
}

/// «кружок «Авиамоделирование»», «студия «Палитра»», «изостудия
/// «Акварель»» → «обучающийся кружка «Авиамоделирование»»: an association
/// is where a learner of additional education learns, as a class is a
/// pupil's. Only a named one (the name in quotes follows), so «мастерская»
/// as a workplace stays.
fn association_status(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    ASSOCIATIONS
        .iter()
        .filter(|(nominative, _)| nominative.contains(' '))
        .find_map(|(nominative, genitive)| {
            let rest = lower.strip_prefix(nominative)?;
            let named = rest.trim_start().starts_with(['«', '"', '„']);
            (rest.starts_with(' ') && named).then(|| {
                let tail = text.get(text.len() - rest.len()..).unwrap_or("");
                format!("обучающийся {genitive}{tail}")
            })
        })
        .or_else(|| {
            let (first, tail) = text.split_once(' ')?;
            if !tail.trim_start().starts_with(['«', '"', '„']) {
                return None;
            }
            let genitive = association_genitive(first)?;
            Some(format!("обучающийся {genitive} {tail}"))
        })
        .or_else(|| described_association(text))
}

/// An association named with adjectives before its kind: «вокальная студия
/// «Камертон»» → «обучающийся вокальной студии «Камертон»» (without it the
/// consent read «Тарасенко Кирилла, вокальной студии …», no status).
fn described_association(text: &str) -> Option<String> {
    let quote = text.find(['«', '"', '„'])?;
    let words: Vec<&str> = text.get(..quote)?.split_whitespace().collect();
    let (noun, adjectives) = words.split_last()?;
    if adjectives.is_empty() {
        return None;
    }
    let genitive = association_genitive(noun)?;
    let mut out = String::from("обучающийся");
    for adjective in adjectives {
        adjective_ending(&lower(adjective))?;
        out.push(' ');
        out.push_str(&lower_first(&decline_adjective(adjective, Case::Genitive)?));
    }
    out.push(' ');
    out.push_str(&genitive);
    out.push(' ');
    out.push_str(text.get(quote..)?);
    Some(out)
}

/// Lower-cases the first letter unless the word is an abbreviation («ИО»).
fn lower_first(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    if chars.clone().next().is_some_and(char::is_uppercase) {
        return word.to_owned();
    }
    first.to_lowercase().chain(chars).collect()
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// Only Cyrillic letters and hyphens, at least three letters: a word the
/// ending rules may touch.
fn is_word(word: &str) -> bool {
    word.chars().count() >= 3
        && word
            .chars()
            .all(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё' | '-'))
        && !word.starts_with('-')
        && !word.ends_with('-')
}

/// The index of the head noun: the first noun after leading adjectives, a
/// word listed as a head by itself («заведующий»), or else the last of the
/// adjectives («ответственный за …»). `None` when the title opens with
/// something else (an abbreviation, a number).
fn head_index(words: &[String]) -> Option<usize> {
    let heads = &data().heads;
    let mut last_adjective = None;
    for (i, word) in words.iter().enumerate() {
        if !is_word(word) {
            break;
        }
        let lw = lower(word);
        if heads.contains(&lw) {
            return Some(i);
        }
        if adjective_ending(&lw).is_some() {
            last_adjective = Some(i);
            continue;
        }
        if decline_noun(word, Case::Genitive).is_some() {
            return Some(i);
        }
        break;
    }
    last_adjective
}

/// For a woman: the head takes its feminine form where it has one, and the
/// adjectives before it agree («выпускница», «обучающаяся»).
fn feminise(phrase: &mut [String]) {
    let Some((head, adjectives)) = phrase.split_last_mut() else {
        return;
    };
    let Some(female) = data().feminine.get(&lower(head)) else {
        return;
    };
    *head = same_capital(head, female);
    for adjective in adjectives {
        if let Some(f) = feminine_adjective(adjective) {
            *adjective = f;
        }
    }
}

/// `form` with the first letter capitalised when `like`'s is.
fn same_capital(like: &str, form: &str) -> String {
    if like.chars().next().is_some_and(char::is_uppercase) {
        let mut chars = form.chars();
        match chars.next() {
            Some(c) => c.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    } else {
        form.to_owned()
    }
}

const HUSHING: &str = "жчшщ";
const VELAR: &str = "гкх";

fn last_char(s: &str) -> Option<char> {
    s.chars()
        .last()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
}

/// «главный» → «главная», «старший» → «старшая», «летний» → «летняя».
fn feminine_adjective(word: &str) -> Option<String> {
    let lw = lower(word);
    let (stem_len, ending) = adjective_ending(&lw)?;
    let stem = word.get(..stem_len)?;
    let form = match ending {
        "ийся" | "ыйся" => "аяся",
        "ый" | "ой" => "ая",
        "ий" if last_char(stem).is_some_and(|c| HUSHING.contains(c) || VELAR.contains(c)) => "ая",
        "ий" => "яя",
        _ => return None, // already feminine
    };
    Some(format!("{stem}{form}"))
}

/// The ending of an adjective or participle and the byte length of its stem.
fn adjective_ending(lower: &str) -> Option<(usize, &'static str)> {
    ["ийся", "ыйся", "аяся", "ый", "ой", "ий", "ая", "яя"]
        .into_iter()
        .find_map(|e| {
            let stem = lower.strip_suffix(e)?;
            (stem.chars().count() >= 2).then_some((stem.len(), e))
        })
}

/// One word of the head phrase in `case`: an adjective by its ending, else
/// a noun (a hyphenated noun part by part: «педагога-психолога»).
fn decline_word(word: &str, case: Case) -> Option<String> {
    let lw = lower(word);
    if adjective_ending(&lw).is_some() {
        return decline_adjective(word, case);
    }
    decline_noun(word, case)
}

fn decline_adjective(word: &str, case: Case) -> Option<String> {
    let lw = lower(word);
    let (stem_len, ending) = adjective_ending(&lw)?;
    let stem = word.get(..stem_len)?;
    let last = last_char(stem)?;
    let hushing = HUSHING.contains(last);
    let velar = VELAR.contains(last);
    // Soft stems («летний») and unstressed hushing ones («старший»,
    // «старшая») spell «-его», «-ему», «-ем», «-ей»; hard, velar and
    // stressed ones («-ой»: «большой») «-ого», «-ому», «-ом», «-ой». The
    // instrumental is «-им» after velars and hushing letters, «-ым» after hard.
    let soft = match ending {
        "ий" => !velar,
        "яя" => true,
        "ая" => hushing,
        _ => false,
    };
    let suffix = match (ending, case) {
        (_, Case::Nominative) => ending,
        ("ийся" | "ыйся", Case::Genitive | Case::Accusative) => "егося",
        ("ийся" | "ыйся", Case::Dative) => "емуся",
        ("ийся" | "ыйся", Case::Instrumental) => "имся",
        ("ийся" | "ыйся", Case::Prepositional) => "емся",
        ("аяся", Case::Accusative) => "уюся",
        ("аяся", _) => "ейся",
        ("ая" | "яя", Case::Accusative) => {
            if ending == "яя" {
                "юю"
            } else {
                "ую"
            }
        }
        ("ая" | "яя", _) => {
            if soft {
                "ей"
            } else {
                "ой"
            }
        }
        (_, Case::Genitive | Case::Accusative) => {
            if soft {
                "его"
            } else {
                "ого"
            }
        }
        (_, Case::Dative) => {
            if soft {
                "ему"
            } else {
                "ому"
            }
        }
        (_, Case::Instrumental) => {
            if soft || velar || hushing || ending == "ий" {
                "им"
            } else {
                "ым"
            }
        }
        (_, Case::Prepositional) => {
            if soft {
                "ем"
            } else {
                "ом"
            }
        }
    };
    Some(format!("{stem}{suffix}"))
}

/// A noun of a title in `case`; hyphenated titles decline every part that
/// is a noun («инженера-технолога»), never a prefix («вице-»).
fn decline_noun(word: &str, case: Case) -> Option<String> {
    if !is_word(word) {
        return None;
    }
    if !word.contains('-') {
        return decline_simple_noun(word, case);
    }
    let prefixes = &data().prefixes;
    let mut any = false;
    let parts: Vec<String> = word
        .split('-')
        .map(|part| {
            if prefixes.contains(&lower(part)) {
                return part.to_owned();
            }
            let form = if adjective_ending(&lower(part)).is_some() {
                decline_adjective(part, case)
            } else {
                decline_simple_noun(part, case)
            };
            match form {
                Some(f) => {
                    any = true;
                    f
                }
                None => part.to_owned(),
            }
        })
        .collect();
    any.then(|| parts.join("-"))
}

fn decline_simple_noun(word: &str, case: Case) -> Option<String> {
    if word.chars().count() < 3 || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let lw = lower(word);
    if let Some(forms) = data().words.get(&lw) {
        return Some(match case.mod_index() {
            Some(i) => same_capital(word, &forms[i]),
            None => word.to_owned(),
        });
    }
    let last = last_char(&lw)?;
    let stem = word.get(..word.len() - last.len_utf8())?;
    let stem_last = last_char(stem)?;
    let suffix = match last {
        // «руководитель», «секретарь»
        'ь' => match case {
            Case::Nominative => "ь",
            Case::Genitive | Case::Accusative => "я",
            Case::Dative => "ю",
            Case::Instrumental => "ем",
            Case::Prepositional => "е",
        },
        // «студентка», «ученица», «судья»
        'а' => match case {
            Case::Nominative => "а",
            Case::Genitive if VELAR.contains(stem_last) || HUSHING.contains(stem_last) => "и",
            Case::Genitive => "ы",
            Case::Dative | Case::Prepositional => "е",
            Case::Accusative => "у",
            Case::Instrumental if HUSHING.contains(stem_last) || stem_last == 'ц' => "ей",
            Case::Instrumental => "ой",
        },
        'я' => match case {
            Case::Nominative => "я",
            Case::Genitive => "и",
            Case::Dative | Case::Prepositional if stem_last == 'и' => "и",
            Case::Dative | Case::Prepositional => "е",
            Case::Accusative => "ю",
            Case::Instrumental => "ей",
        },
        // «директор», «врач» (titles in a hushing letter stress the
        // ending: «врачом»; the few that do not are listed in the data)
        c if "бвгджзклмнпрстфхцчшщ".contains(c) => {
            return Some(match case {
                Case::Nominative => word.to_owned(),
                Case::Genitive | Case::Accusative => format!("{word}а"),
                Case::Dative => format!("{word}у"),
                Case::Instrumental => format!("{word}ом"),
                Case::Prepositional => format!("{word}е"),
            });
        }
        _ => return None,
    };
    Some(format!("{stem}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_association_reads_as_where_a_learner_learns() {
        assert_eq!(
            position_in("кружок «Авиамоделирование»", Case::Accusative, Gender::Male),
            "обучающегося кружка «Авиамоделирование»"
        );
        assert_eq!(
            position_in("студия «Палитра»", Case::Genitive, Gender::Female),
            "обучающейся студии «Палитра»"
        );
        assert_eq!(
            position_in("Объединение «Юный эколог»", Case::Accusative, Gender::Male),
            "обучающегося объединения «Юный эколог»"
        );
        assert_eq!(
            position_in(
                "творческое объединение «Ритм»",
                Case::Nominative,
                Gender::Female
            ),
            "обучающаяся творческого объединения «Ритм»"
        );
        // Adjectives before the kind of association.
        assert_eq!(
            position_in("вокальная студия «Камертон»", Case::Genitive, Gender::Male),
            "обучающегося вокальной студии «Камертон»"
        );
        assert_eq!(
            position_in("Хоровой кружок «Звонница»", Case::Dative, Gender::Female),
            "обучающейся хорового кружка «Звонница»"
        );
        // Not a named association: a workplace, as typed.
        assert_eq!(
            position_in("мастерская", Case::Nominative, Gender::Male),
            "мастерская"
        );
    }

    #[test]
    fn the_data_file_parses() {
        let parsed: Result<Data, _> = serde_json::from_str(DATA_JSON);
        let d = parsed.expect("positions.json parses");
        assert!(d.feminine.len() >= 10 && d.heads.len() >= 10 && !d.words.is_empty());
        for (male, female) in &d.feminine {
            assert_eq!(male, &male.to_lowercase());
            assert!(!female.is_empty());
        }
    }

    #[test]
    fn heads_decline_and_the_rest_stays() {
        let cases = [
            ("Директор", Case::Genitive, "директора"),
            ("Директор", Case::Dative, "директору"),
            ("Директор", Case::Instrumental, "директором"),
            ("Руководитель", Case::Genitive, "руководителя"),
            ("Заведующий", Case::Genitive, "заведующего"),
            ("Заведующий", Case::Dative, "заведующему"),
            ("Главный бухгалтер", Case::Dative, "главному бухгалтеру"),
            (
                "Главный бухгалтер",
                Case::Instrumental,
                "главным бухгалтером",
            ),
            (
                "Исполняющий обязанности директора",
                Case::Genitive,
                "исполняющего обязанности директора",
            ),
            (
                "Заместитель директора по учебно-воспитательной работе",
                Case::Dative,
                "заместителю директора по учебно-воспитательной работе",
            ),
            ("Старший методист", Case::Genitive, "старшего методиста"),
            ("Врач", Case::Instrumental, "врачом"),
            ("Директор", Case::Nominative, "директор"),
            (
                "заведующий библиотекой",
                Case::Genitive,
                "заведующего библиотекой",
            ),
            ("педагог-психолог", Case::Dative, "педагогу-психологу"),
            (
                "социальный педагог",
                Case::Accusative,
                "социального педагога",
            ),
            (
                "технический директор",
                Case::Genitive,
                "технического директора",
            ),
            ("вице-президент", Case::Dative, "вице-президенту"),
            ("сторож", Case::Instrumental, "сторожем"),
            ("старшая вожатая", Case::Genitive, "старшей вожатой"),
            ("старшая вожатая", Case::Accusative, "старшую вожатую"),
        ];
        for (title, case, want) in cases {
            assert_eq!(decline_position(title, case), want, "{title} {case:?}");
        }
    }

    #[test]
    fn statuses_agree_with_a_woman() {
        let f = Gender::Female;
        assert_eq!(
            position_in("студент 3 курса", Case::Accusative, f),
            "студентку 3 курса"
        );
        assert_eq!(
            position_in("Обучающийся 10 класса", Case::Dative, f),
            "обучающейся 10 класса"
        );
        assert_eq!(
            position_in("выпускник", Case::Instrumental, f),
            "выпускницей"
        );
        // Job titles stay masculine.
        assert_eq!(
            position_in("учитель математики", Case::Dative, f),
            "учителю математики"
        );
        assert_eq!(
            position_in("студент 3 курса", Case::Accusative, Gender::Male),
            "студента 3 курса"
        );
    }

    #[test]
    fn classes_read_as_a_pupils_status() {
        let cases = [
            (
                "10 «А» класс",
                Case::Accusative,
                Gender::Female,
                "обучающуюся 10 «А» класса",
            ),
            (
                "10А класс",
                Case::Accusative,
                Gender::Male,
                "обучающегося 10 «А» класса",
            ),
            (
                "9 класс",
                Case::Dative,
                Gender::Male,
                "обучающемуся 9 класса",
            ),
            (
                "11 \"Б\"",
                Case::Nominative,
                Gender::Female,
                "обучающаяся 11 «Б» класса",
            ),
        ];
        for (text, case, gender, want) in cases {
            assert_eq!(position_in(text, case, gender), want, "{text}");
        }
        assert_eq!(class_status("12 класс"), None);
        assert_eq!(class_status("10"), None);
        assert_eq!(class_status("10 «АБ» класс"), None);
    }

    #[test]
    fn organisations_join_by_their_shape() {
        assert_eq!(
            position_at(Some("инженер-технолог"), Some("АО «Омскводоканал»")).as_deref(),
            Some("инженер-технолог АО «Омскводоканал»")
        );
        assert_eq!(
            position_at(Some("инженер"), Some("Омский завод")).as_deref(),
            Some("инженер, Омский завод")
        );
        assert_eq!(position_at(None, Some(" ОмГПУ ")).as_deref(), Some("ОмГПУ"));
        assert_eq!(position_at(Some(" "), None), None);
    }

    #[test]
    fn unknown_shapes_stay_as_written() {
        assert_eq!(
            decline_position("ИО директора", Case::Genitive),
            "ИО директора"
        );
        assert_eq!(decline_position("", Case::Genitive), "");
        assert_eq!(decline_position("  ", Case::Dative), "");
        assert_eq!(decline_position("10", Case::Dative), "10");
    }
}
