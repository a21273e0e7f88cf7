//! Categories of participants read forgivingly.
//!
//! People type «Педагог», «учитель», «молодой специалист», «ученица 9 класса»:
//! the category is recognised by the word stem it contains, so any of these
//! land where a methodologist would put them. Decisions:
//! - mentor «учитель», «преподаватель», «воспитатель», «сотрудник», «педагог-психолог» → педагог;
//! - mentor «ученик», «ученица», «школьник» → обучающийся;
//! - mentor «представитель предприятия», «партнёр», «специалист предприятия» → работодатель;
//! - mentee «молодой специалист», «учитель» → педагог;
//! - «студент», «студентка» → студент in both sheets.

use crate::model::{MenteeCategory, MentorCategory};
use crate::text::key;

pub fn mentor(text: &str) -> Result<MentorCategory, String> {
    let k = key(text);
    let has = |stems: &[&str]| stems.iter().any(|s| k.contains(s));
    if has(&["студент"]) {
        Ok(MentorCategory::Student)
    } else if has(&[
        "работодат",
        "предприят",
        "партнер",
        "бизнес",
        "предпринимат",
    ]) {
        Ok(MentorCategory::Employer)
    } else if has(&["обучающ", "ученик", "ученица", "школьни", "учащ"])
    {
        Ok(MentorCategory::Pupil)
    } else if has(&[
        "педагог",
        "учител",
        "преподават",
        "воспитател",
        "сотрудник",
        "работник",
        "методист",
    ]) {
        Ok(MentorCategory::Educator)
    } else {
        Err(format!(
            "неизвестная категория наставника «{text}»; допустимые: педагог, обучающийся, студент, работодатель"
        ))
    }
}

pub fn mentee(text: &str) -> Result<MenteeCategory, String> {
    let k = key(text);
    let has = |stems: &[&str]| stems.iter().any(|s| k.contains(s));
    if has(&["студент"]) {
        Ok(MenteeCategory::Student)
    } else if has(&["обучающ", "ученик", "ученица", "школьни", "учащ"])
    {
        Ok(MenteeCategory::Pupil)
    } else if has(&[
        "педагог",
        "учител",
        "специалист",
        "преподават",
        "воспитател",
        "сотрудник",
        "работник",
    ]) {
        Ok(MenteeCategory::Educator)
    } else {
        Err(format!(
            "неизвестная категория наставляемого «{text}»; допустимые: обучающийся, педагог, студент"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_as_typed() {
        assert_eq!(mentor("Педагог"), Ok(MentorCategory::Educator));
        assert_eq!(mentor("учитель"), Ok(MentorCategory::Educator));
        assert_eq!(mentor("Обучающийся"), Ok(MentorCategory::Pupil));
        assert_eq!(mentor("студентка"), Ok(MentorCategory::Student));
        assert_eq!(mentor("Работодатель"), Ok(MentorCategory::Employer));
        assert_eq!(mentee("молодой специалист"), Ok(MenteeCategory::Educator));
        assert_eq!(mentee("ученица"), Ok(MenteeCategory::Pupil));
        assert!(mentee("родитель").is_err());
    }
}
