//! The petrovich rule engine: declines one word of a name by the vendored
//! `rules.json` and guesses a gender by `gender.json` (both MIT, see
//! `data/petrovich/README.md`).
//!
//! Semantics follow upstream petrovich: exceptions (whole word) are tried
//! before suffixes (word ending); within each list the **first** rule in file
//! order whose gender fits wins (not the longest ending — that was the bug of
//! the old `petrovich` crate, «Марием»). A hyphenated word is declined part by
//! part; rules tagged `first_word` apply only to the first of several parts
//! («Бонч-Бруевич»).

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::case::{Case, Gender};

const RULES_JSON: &str = include_str!("../data/petrovich/rules.json");
const GENDER_JSON: &str = include_str!("../data/petrovich/gender.json");

/// Which part of a full name a word is: each has its own rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamePart {
    Last,
    First,
    Middle,
}

/// A rule added in code on top of the data; put before the file's rules of
/// the same list (exceptions or suffixes), so it wins.
struct ExtraRule {
    part: NamePart,
    gender: Gender,
    /// `true`: matches the whole word (an exception); `false`: an ending.
    whole_word: bool,
    test: &'static [&'static str],
    /// gen, dat, acc, ins, pre.
    mods: [&'static str; 5],
}

/// Corrections to the data, each with its reason:
///
/// - «Гусь» for a man: the data keeps it unchanged for everybody, but a man's
///   surname that is a common noun declines (Розенталь: «у Павла Гуся»);
///   a woman's consonant-final surname still stays unchanged by the data.
/// - Women's surnames in «-на» that are not possessive «-ина/-ына»
///   («Ворона», «Сосна»): the data declines every «-на» like
///   «Ильина» («Вороной» in the genitive); they decline as nouns («Вороны»).
///   The possessive endings «-ина», «-ына» are left to the data.
/// - «Заяц» for a man: the common noun's fleeting vowel («Зайца»,
///   «Зайцем»); the data's «-ц» ending gives «Заяца».
const EXTRA_RULES: &[ExtraRule] = &[
    ExtraRule {
        part: NamePart::Last,
        gender: Gender::Male,
        whole_word: true,
        test: &["заяц"],
        mods: ["--йца", "--йцу", "--йца", "--йцем", "--йце"],
    },
    ExtraRule {
        part: NamePart::Last,
        gender: Gender::Male,
        whole_word: true,
        test: &["гусь"],
        mods: ["-я", "-ю", "-я", "-ем", "-е"],
    },
    ExtraRule {
        part: NamePart::Last,
        gender: Gender::Female,
        whole_word: false,
        test: &[
            "ана", "яна", "она", "ёна", "ена", "уна", "юна", "эна", "бна", "вна", "гна", "дна",
            "жна", "зна", "йна", "кна", "лна", "мна", "пна", "рна", "сна", "тна", "фна", "хна",
            "цна", "чна", "шна", "щна", "ьна",
        ],
        mods: ["-ы", "-е", "-у", "-ой", "-е"],
    },
];

/// Genders added in code on top of `gender.json` (first names it misses).
///
/// - «Любовь»: the data lists the misspelling «любов» only.
const EXTRA_GENDERS: &[(NamePart, &str, Gender)] = &[(NamePart::First, "любовь", Gender::Female)];

#[derive(Deserialize)]
struct RawRule {
    gender: String,
    test: Vec<String>,
    mods: Vec<String>,
    #[serde(default)]
    tags: Vec<String>,
}

#[derive(Deserialize, Default)]
struct RawRuleSet {
    #[serde(default)]
    exceptions: Vec<RawRule>,
    #[serde(default)]
    suffixes: Vec<RawRule>,
}

#[derive(Deserialize, Default)]
struct RawRules {
    #[serde(default)]
    lastname: RawRuleSet,
    #[serde(default)]
    firstname: RawRuleSet,
    #[serde(default)]
    middlename: RawRuleSet,
}

#[derive(Deserialize, Default)]
struct RawGenderSet {
    #[serde(default)]
    exceptions: HashMap<String, Vec<String>>,
    #[serde(default)]
    suffixes: HashMap<String, Vec<String>>,
}

#[derive(Deserialize, Default)]
struct RawGenderParts {
    #[serde(default)]
    lastname: RawGenderSet,
    #[serde(default)]
    firstname: RawGenderSet,
    #[serde(default)]
    middlename: RawGenderSet,
}

#[derive(Deserialize, Default)]
struct RawGender {
    #[serde(default)]
    gender: RawGenderParts,
}

/// One declension rule, ready to match.
#[derive(Debug, Clone)]
struct Rule {
    gender: Gender,
    test: Vec<String>,
    mods: Vec<String>,
    first_word_only: bool,
}

#[derive(Debug, Default)]
struct RuleSet {
    exceptions: Vec<Rule>,
    suffixes: Vec<Rule>,
}

/// Gender hints for one name part: exact words, then endings (longest wins).
#[derive(Debug, Default)]
struct GenderSet {
    exceptions: HashMap<String, Gender>,
    suffixes: Vec<(String, Gender)>,
}

#[derive(Debug, Default)]
struct Data {
    last: RuleSet,
    first: RuleSet,
    middle: RuleSet,
    gender_last: GenderSet,
    gender_first: GenderSet,
    gender_middle: GenderSet,
}

impl Data {
    fn rules(&self, part: NamePart) -> &RuleSet {
        match part {
            NamePart::Last => &self.last,
            NamePart::First => &self.first,
            NamePart::Middle => &self.middle,
        }
    }

    fn genders(&self, part: NamePart) -> &GenderSet {
        match part {
            NamePart::Last => &self.gender_last,
            NamePart::First => &self.gender_first,
            NamePart::Middle => &self.gender_middle,
        }
    }
}

fn gender_of_key(key: &str) -> Option<Gender> {
    match key {
        "male" => Some(Gender::Male),
        "female" => Some(Gender::Female),
        "androgynous" => Some(Gender::Androgynous),
        _ => None,
    }
}

fn convert_rules(raw: Vec<RawRule>) -> Vec<Rule> {
    raw.into_iter()
        .filter_map(|r| {
            let gender = gender_of_key(&r.gender)?;
            if r.mods.len() != 5 {
                return None;
            }
            Some(Rule {
                gender,
                test: r.test.iter().map(|t| lower(t)).collect(),
                mods: r.mods,
                first_word_only: r.tags.iter().any(|t| t == "first_word"),
            })
        })
        .collect()
}

fn convert_genders(raw: RawGenderSet) -> GenderSet {
    let mut set = GenderSet::default();
    // Sorted keys: HashMap order must not leak into results.
    let mut keys: Vec<&String> = raw.exceptions.keys().collect();
    keys.sort();
    for key in keys {
        if let (Some(gender), Some(words)) = (gender_of_key(key), raw.exceptions.get(key)) {
            for word in words {
                set.exceptions.entry(lower(word)).or_insert(gender);
            }
        }
    }
    for (key, ends) in raw.suffixes {
        if let Some(gender) = gender_of_key(&key) {
            set.suffixes.extend(ends.iter().map(|e| (lower(e), gender)));
        }
    }
    // Longest ending first; equal lengths in a fixed order.
    set.suffixes.sort_by(|a, b| {
        b.0.chars()
            .count()
            .cmp(&a.0.chars().count())
            .then_with(|| a.0.cmp(&b.0))
            .then_with(|| gender_rank(a.1).cmp(&gender_rank(b.1)))
    });
    set
}

fn gender_rank(g: Gender) -> u8 {
    match g {
        Gender::Androgynous => 0,
        Gender::Male => 1,
        Gender::Female => 2,
    }
}

fn build_data() -> Data {
    // The data is embedded and tested; a broken file would only mean
    // "no rules" (names come back unchanged), never a panic.
    let rules: RawRules = serde_json::from_str(RULES_JSON).unwrap_or_default();
    let genders: RawGender = serde_json::from_str(GENDER_JSON).unwrap_or_default();
    let mut data = Data {
        last: RuleSet {
            exceptions: convert_rules(rules.lastname.exceptions),
            suffixes: convert_rules(rules.lastname.suffixes),
        },
        first: RuleSet {
            exceptions: convert_rules(rules.firstname.exceptions),
            suffixes: convert_rules(rules.firstname.suffixes),
        },
        middle: RuleSet {
            exceptions: convert_rules(rules.middlename.exceptions),
            suffixes: convert_rules(rules.middlename.suffixes),
        },
        gender_last: convert_genders(genders.gender.lastname),
        gender_first: convert_genders(genders.gender.firstname),
        gender_middle: convert_genders(genders.gender.middlename),
    };
    for extra in EXTRA_RULES.iter().rev() {
        let set = match extra.part {
            NamePart::Last => &mut data.last,
            NamePart::First => &mut data.first,
            NamePart::Middle => &mut data.middle,
        };
        let list = if extra.whole_word {
            &mut set.exceptions
        } else {
            &mut set.suffixes
        };
        list.insert(
            0,
            Rule {
                gender: extra.gender,
                test: extra.test.iter().map(|t| (*t).to_owned()).collect(),
                mods: extra.mods.iter().map(|m| (*m).to_owned()).collect(),
                first_word_only: false,
            },
        );
    }
    for (part, word, gender) in EXTRA_GENDERS {
        let set = match part {
            NamePart::Last => &mut data.gender_last,
            NamePart::First => &mut data.gender_first,
            NamePart::Middle => &mut data.gender_middle,
        };
        set.exceptions.insert((*word).to_owned(), *gender);
    }
    data
}

fn data() -> &'static Data {
    static DATA: OnceLock<Data> = OnceLock::new();
    DATA.get_or_init(build_data)
}

/// Lower-cases char by char, one char for one char, so that char counts of
/// the original and the lowered word stay equal (mods count letters).
pub(crate) fn lower(word: &str) -> String {
    word.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

fn rule_fits(rule: &Rule, gender: Gender, first_of_many: bool) -> bool {
    (rule.gender == Gender::Androgynous || rule.gender == gender)
        && (!rule.first_word_only || first_of_many)
}

fn find_rule<'a>(
    set: &'a RuleSet,
    word: &str,
    gender: Gender,
    first_of_many: bool,
) -> Option<&'a Rule> {
    set.exceptions
        .iter()
        .find(|r| rule_fits(r, gender, first_of_many) && r.test.iter().any(|t| t == word))
        .or_else(|| {
            set.suffixes.iter().find(|r| {
                rule_fits(r, gender, first_of_many)
                    && r.test.iter().any(|t| word.ends_with(t.as_str()))
            })
        })
}

/// Applies one petrovich mod: `.` keeps the word, each leading `-` drops a
/// letter, the rest is appended in the word's own capitalisation.
fn apply_mod(word: &str, modifier: &str) -> String {
    if modifier == "." {
        return word.to_owned();
    }
    let drop = modifier.chars().take_while(|&c| c == '-').count();
    let tail: String = modifier.chars().skip(drop).collect();
    let keep = word.chars().count().saturating_sub(drop);
    let mut out: String = word.chars().take(keep).collect();
    if is_all_caps(word) {
        out.extend(tail.chars().flat_map(char::to_uppercase));
    } else {
        out.push_str(&tail);
    }
    out
}

/// «ИВАНОВ» (two letters or more, none lower-case): endings go in capitals too.
fn is_all_caps(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| !c.is_lowercase())
}

/// A word petrovich may touch: letters only (no dots of initials, digits,
/// punctuation).
fn declinable(word: &str) -> bool {
    !word.is_empty() && word.chars().all(char::is_alphabetic)
}

/// Declines one word (possibly hyphenated) of the given name part.
/// Words it cannot handle come back unchanged.
///
/// For an androgynous person the word is declined as a man's and as a
/// woman's: when both agree that form is taken («Саша» → «Саши», which the
/// androgynous rules alone get wrong as «Сашы»); otherwise only the
/// androgynous rules apply («Гусь» stays, since «Гуся» would be a man's form).
pub fn inflect(part: NamePart, word: &str, case: Case, gender: Gender) -> String {
    let Some(index) = case.mod_index() else {
        return word.to_owned();
    };
    if gender == Gender::Androgynous {
        let male = inflect_as(part, word, index, Gender::Male);
        if male == inflect_as(part, word, index, Gender::Female) {
            return male;
        }
    }
    inflect_as(part, word, index, gender)
}

/// [`inflect`] by the rules of exactly this gender (`index` into the mods).
fn inflect_as(part: NamePart, word: &str, index: usize, gender: Gender) -> String {
    let set = data().rules(part);
    let pieces: Vec<&str> = word.split('-').collect();
    let many = pieces.len() > 1;
    let declined: Vec<String> = pieces
        .iter()
        .enumerate()
        .map(|(i, piece)| {
            if !declinable(piece) {
                return (*piece).to_owned();
            }
            let lowered = lower(piece);
            match find_rule(set, &lowered, gender, many && i == 0) {
                Some(rule) => match rule.mods.get(index) {
                    Some(m) => apply_mod(piece, m),
                    None => (*piece).to_owned(),
                },
                None => (*piece).to_owned(),
            }
        })
        .collect();
    declined.join("-")
}

/// The gender `gender.json` gives a word of this name part, if any:
/// the exact word first, then the longest matching ending.
/// A hyphenated word is judged by its last part («Анна-Мария», «Петрова-Водкина»).
pub fn gender_hint(part: NamePart, word: &str) -> Option<Gender> {
    let last_piece = word.rsplit('-').next().unwrap_or(word);
    if !declinable(last_piece) {
        return None;
    }
    let lowered = lower(last_piece);
    let set = data().genders(part);
    if let Some(g) = set.exceptions.get(&lowered) {
        return Some(*g);
    }
    set.suffixes
        .iter()
        .find(|(end, _)| lowered.ends_with(end.as_str()))
        .map(|(_, g)| *g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_data_is_parsed() {
        let d = data();
        assert_eq!(d.last.exceptions.len(), 5 + 2);
        assert_eq!(d.last.suffixes.len(), 40 + 1);
        assert_eq!(d.first.exceptions.len(), 8);
        assert_eq!(d.first.suffixes.len(), 21);
        assert_eq!(d.middle.suffixes.len(), 3);
        assert!(d.gender_first.exceptions.len() > 100);
        assert!(!d.gender_middle.suffixes.is_empty());
    }

    #[test]
    fn mods_drop_and_append() {
        assert_eq!(apply_mod("Мария", "-ей"), "Марией");
        assert_eq!(apply_mod("Пётр", "---етра"), "Петра");
        assert_eq!(apply_mod("ПЁТР", "---етра"), "ПЕТРА");
        assert_eq!(apply_mod("Иван", "ом"), "Иваном");
        assert_eq!(apply_mod("Шевченко", "."), "Шевченко");
        assert_eq!(apply_mod("я", "---ей"), "ей");
    }

    #[test]
    fn first_word_tag_applies_to_first_part_only() {
        let g = Gender::Male;
        assert_eq!(
            inflect(NamePart::Last, "Бонч-Бруевич", Case::Genitive, g),
            "Бонч-Бруевича"
        );
        // «Ван» alone is an ordinary name: the tagged rule does not apply.
        assert_eq!(inflect(NamePart::Last, "Ван", Case::Genitive, g), "Вана");
    }

    #[test]
    fn gender_hints() {
        assert_eq!(gender_hint(NamePart::Middle, "Ильич"), Some(Gender::Male));
        assert_eq!(gender_hint(NamePart::Middle, "кызы"), Some(Gender::Female));
        assert_eq!(gender_hint(NamePart::First, "Никита"), Some(Gender::Male));
        assert_eq!(
            gender_hint(NamePart::First, "Саша"),
            Some(Gender::Androgynous)
        );
        assert_eq!(gender_hint(NamePart::First, "Любовь"), Some(Gender::Female));
        assert_eq!(gender_hint(NamePart::Last, "Зайцева"), Some(Gender::Female));
        assert_eq!(gender_hint(NamePart::Last, "Петров"), Some(Gender::Male));
        assert_eq!(gender_hint(NamePart::Last, "Черных"), None);
    }
}
