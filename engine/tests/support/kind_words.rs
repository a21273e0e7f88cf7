//! The words of each kind of organisation that a package of another kind
//! must not print, and the search over a package's text (the engine's
//! `kinds_words` and the CLI's `init_kinds`): one list per kind.

use nastavnik_engine::model::{Form, OrgKind};
use std::collections::BTreeMap;

/// Words a document of `kind` must not hold (lower case, word starts).
pub fn foreign(kind: OrgKind) -> &'static [&'static str] {
    match kind {
        // A school has students of a university as mentors («студент – ученик»)
        // and a methodical association of its teachers.
        OrgKind::School => &[
            "колледж",
            "техникум",
            "преподавател",
            "педагог дополнительного",
            "учебной группы",
            "учебных занятий",
            "методического совета",
            "профессиональных модулей",
            "дополнительной общеобразовательной",
            "направления занятий",
            "направления дальнейших занятий",
            "избранного направления",
        ],
        OrgKind::College => &[
            "школ",
            "учител",
            "ученик",
            "класс",
            "урок",
            "огэ",
            "родительского собрания",
            "методического объединения",
            "объединени",
            "кружк",
            "педагог дополнительного",
            // The plans' school words, now the kind's (issue 20's reader).
            "домашн",
            "профиль обучения",
            "профиля обучения",
            "по предмет",
            "учебных предметов",
        ],
        OrgKind::AdditionalEducation => &[
            "школ",
            "учител",
            "ученик",
            "класс",
            "урок",
            "огэ",
            "студент",
            " курс",
            "колледж",
            "техникум",
            "преподавател",
            "методического объединения",
            // The plans' school words, now the kind's (issue 20's reader):
            // a centre has no subjects, homework or tests, nor a profile.
            "предмет",
            "домашн",
            "контрольным работ",
            "контрольные работ",
            "профиль обучения",
            "профиля обучения",
        ],
    }
}

const CATEGORIES: [&str; 4] = ["обучающийся", "педагог", "студент", "работодатель"];

/// `text` without what stands in «…» (nested quotes included).
fn unquoted(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '«' => depth += 1,
            '»' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.extend(c.to_lowercase()),
            _ => {}
        }
    }
    out
}

/// Where the documents of `texts` (file → text) print a word foreign to
/// `kind`, with what stands around it.
pub fn leaks(kind: OrgKind, texts: &BTreeMap<String, String>) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in texts {
        // Р-145's names of the forms, printed as they are named.
        let mut plain = unquoted(text);
        for f in Form::ALL {
            plain = plain.replace(f.name(), "");
        }
        // The compliance report's table of the profile's parameters names
        // each form's categories as the tables type them.
        for a in CATEGORIES {
            for b in CATEGORIES {
                plain = plain.replace(&format!("наставник — {a}, наставляемый — {b}"), "");
            }
        }
        for word in foreign(kind) {
            if let Some(at) = plain.find(word) {
                let before: String = plain[..at]
                    .chars()
                    .rev()
                    .take(50)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                let after: String = plain[at..].chars().take(50).collect();
                found.push(format!("{file}: «{word}» in …{before}{after}…").replace('\n', " "));
            }
        }
    }
    found
}
