//! Grammatical case and gender: the two parameters every declension takes.

/// The six Russian cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    Nominative,
    Genitive,
    Dative,
    Accusative,
    Instrumental,
    Prepositional,
}

impl Case {
    /// All cases in the school order (им., род., дат., вин., твор., пр.).
    pub const ALL: [Case; 6] = [
        Case::Nominative,
        Case::Genitive,
        Case::Dative,
        Case::Accusative,
        Case::Instrumental,
        Case::Prepositional,
    ];

    /// Reads a case name: `nom`/`gen`/`dat`/`acc`/`ins`/`pre`, the Latin
    /// names, or Russian abbreviations `им`/`род`/`дат`/`вин`/`твор`/`пр`
    /// and full Russian names («творительный»). Case-insensitive; a trailing
    /// dot («род.») and surrounding spaces are ignored.
    pub fn parse(name: &str) -> Option<Case> {
        let key = name.trim().trim_end_matches('.').trim().to_lowercase();
        let case = match key.as_str() {
            "nom" | "nominative" | "им" | "именительный" | "и" => Case::Nominative,
            "gen" | "genitive" | "род" | "родительный" | "р" => Case::Genitive,
            "dat" | "dative" | "дат" | "дательный" | "д" => Case::Dative,
            "acc" | "accusative" | "вин" | "винительный" | "в" => Case::Accusative,
            "ins" | "inst" | "instrumental" | "твор" | "тв" | "творительный" | "т" => {
                Case::Instrumental
            }
            "pre"
            | "prep"
            | "prepositional"
            | "loc"
            | "locative"
            | "пр"
            | "пред"
            | "предл"
            | "предложный"
            | "п" => Case::Prepositional,
            _ => return None,
        };
        Some(case)
    }

    /// The short Latin code accepted by [`Case::parse`]: `nom`, `gen`, ….
    pub fn code(self) -> &'static str {
        match self {
            Case::Nominative => "nom",
            Case::Genitive => "gen",
            Case::Dative => "dat",
            Case::Accusative => "acc",
            Case::Instrumental => "ins",
            Case::Prepositional => "pre",
        }
    }

    /// The Russian name of the case, for messages: «родительный».
    pub fn name_ru(self) -> &'static str {
        match self {
            Case::Nominative => "именительный",
            Case::Genitive => "родительный",
            Case::Dative => "дательный",
            Case::Accusative => "винительный",
            Case::Instrumental => "творительный",
            Case::Prepositional => "предложный",
        }
    }

    /// Position in a petrovich `mods` list (which has no nominative).
    pub(crate) fn mod_index(self) -> Option<usize> {
        match self {
            Case::Nominative => None,
            Case::Genitive => Some(0),
            Case::Dative => Some(1),
            Case::Accusative => Some(2),
            Case::Instrumental => Some(3),
            Case::Prepositional => Some(4),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
    /// Cannot be told (a first name like «Саша» with no patronymic).
    Androgynous,
}

impl Gender {
    /// Reads `male`/`female`/`androgynous`, `м`/`ж`, «мужской»/«женский».
    pub fn parse(name: &str) -> Option<Gender> {
        let key = name.trim().trim_end_matches('.').trim().to_lowercase();
        match key.as_str() {
            "male" | "m" | "м" | "муж" | "мужской" => Some(Gender::Male),
            "female" | "f" | "ж" | "жен" | "женский" => Some(Gender::Female),
            "androgynous" | "unknown" | "?" => Some(Gender::Androgynous),
            _ => None,
        }
    }

    /// The word that agrees with a person of this gender: «именуемая» for a
    /// woman, the masculine otherwise (the grammatical default when the
    /// gender cannot be told).
    pub fn choose<'a>(self, masculine: &'a str, feminine: &'a str) -> &'a str {
        match self {
            Gender::Female => feminine,
            Gender::Male | Gender::Androgynous => masculine,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_latin_and_russian_names() {
        let table = [
            ("nom", Case::Nominative),
            ("Genitive", Case::Genitive),
            ("дат", Case::Dative),
            ("вин.", Case::Accusative),
            ("твор", Case::Instrumental),
            ("Творительный", Case::Instrumental),
            ("пр", Case::Prepositional),
            (" предложный ", Case::Prepositional),
            ("ins", Case::Instrumental),
            ("РОД", Case::Genitive),
        ];
        for (text, case) in table {
            assert_eq!(Case::parse(text), Some(case), "{text}");
        }
        assert_eq!(Case::parse(""), None);
        assert_eq!(Case::parse("звательный"), None);
    }

    #[test]
    fn code_round_trips() {
        for case in Case::ALL {
            assert_eq!(Case::parse(case.code()), Some(case));
            assert_eq!(Case::parse(case.name_ru()), Some(case));
        }
    }

    #[test]
    fn parses_gender() {
        assert_eq!(Gender::parse("ж"), Some(Gender::Female));
        assert_eq!(Gender::parse("male"), Some(Gender::Male));
        assert_eq!(Gender::parse("x"), None);
    }

    #[test]
    fn chooses_the_agreeing_word() {
        assert_eq!(Gender::Female.choose("именуемый", "именуемая"), "именуемая");
        assert_eq!(Gender::Male.choose("именуемый", "именуемая"), "именуемый");
        assert_eq!(
            Gender::Androgynous.choose("именуемый", "именуемая"),
            "именуемый"
        );
    }
}
