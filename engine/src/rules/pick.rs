//! One field of a model record, as a Rhai value, without converting the
//! rest of the record.
//!
//! Rules read a record's fields by their serde names, and a field's value
//! must be what `rhai::serde::to_dynamic` makes of the whole record (dates
//! as `ГГГГ-ММ-ДД` strings, forms and categories by their Russian names,
//! `None` as `()`). Going through the record's own `Serialize` keeps both
//! the same by construction: this serializer accepts a struct only, skips
//! every field but the one asked for and hands that one to `to_dynamic`.

use rhai::Dynamic;
use serde::ser::{self, Impossible, Serialize};
use std::fmt;

/// The field `name` of `record`; `None` when the record has no such field
/// (or is not a struct).
pub fn field<T: Serialize>(record: &T, name: &str) -> Option<Dynamic> {
    record.serialize(Picker { name }).ok().flatten()
}

#[derive(Debug)]
pub struct NotAStruct;

impl fmt::Display for NotAStruct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("не запись модели")
    }
}

impl std::error::Error for NotAStruct {}

impl ser::Error for NotAStruct {
    fn custom<M: fmt::Display>(_: M) -> Self {
        NotAStruct
    }
}

struct Picker<'a> {
    name: &'a str,
}

pub struct PickField<'a> {
    name: &'a str,
    found: Option<Dynamic>,
}

impl ser::SerializeStruct for PickField<'_> {
    type Ok = Option<Dynamic>;
    type Error = NotAStruct;

    fn serialize_field<V: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), NotAStruct> {
        if self.found.is_none() && key == self.name {
            self.found = Some(rhai::serde::to_dynamic(value).map_err(|_| NotAStruct)?);
        }
        Ok(())
    }

    fn end(self) -> Result<Option<Dynamic>, NotAStruct> {
        Ok(self.found)
    }
}

/// Everything but `serialize_struct` is refused: records are structs.
impl<'a> ser::Serializer for Picker<'a> {
    type Ok = Option<Dynamic>;
    type Error = NotAStruct;
    type SerializeSeq = Impossible<Option<Dynamic>, NotAStruct>;
    type SerializeTuple = Impossible<Option<Dynamic>, NotAStruct>;
    type SerializeTupleStruct = Impossible<Option<Dynamic>, NotAStruct>;
    type SerializeTupleVariant = Impossible<Option<Dynamic>, NotAStruct>;
    type SerializeMap = Impossible<Option<Dynamic>, NotAStruct>;
    type SerializeStruct = PickField<'a>;
    type SerializeStructVariant = Impossible<Option<Dynamic>, NotAStruct>;

    fn serialize_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStruct, NotAStruct> {
        Ok(PickField {
            name: self.name,
            found: None,
        })
    }

    fn serialize_bool(self, _: bool) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_i8(self, _: i8) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_i16(self, _: i16) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_i32(self, _: i32) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_i64(self, _: i64) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_u8(self, _: u8) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_u16(self, _: u16) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_u32(self, _: u32) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_u64(self, _: u64) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_f32(self, _: f32) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_f64(self, _: f64) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_char(self, _: char) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_str(self, _: &str) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_none(self) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_some<V: ?Sized + Serialize>(self, _: &V) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_unit(self) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_struct<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: &V,
    ) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_newtype_variant<V: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Option<Dynamic>, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotAStruct> {
        Err(NotAStruct)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotAStruct> {
        Err(NotAStruct)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rhai::Map;

    #[test]
    fn a_field_reads_as_the_whole_record_converts() {
        let model = crate::example::model();
        let pair = &model.pairs[0];
        let whole = rhai::serde::to_dynamic(pair)
            .expect("converts")
            .cast::<Map>();
        for (k, v) in &whole {
            let picked = field(pair, k.as_str()).expect("field present");
            assert_eq!(picked.to_string(), v.to_string(), "{k}");
            assert_eq!(picked.type_name(), v.type_name(), "{k}");
        }
        assert!(field(pair, "город").is_none());
        assert!(field(&"не запись", "name").is_none());
    }
}
