//! The serializers of a multipart body: [`Body`] turns a struct or map into parts, and
//! [`FileProbe`] tells a [`FilePart`](super::FilePart) field from any other.

use std::fmt;

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeStruct, Serializer};
use serde_json::Value;

use super::file::{unframe, File, MAGIC};
use super::{field_parts, Part};

/// An error of this module's serializers: a message.
#[derive(Debug)]
pub(super) struct Problem(pub(super) String);

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Problem {}

impl ser::Error for Problem {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Problem(msg.to_string())
    }
}

impl From<Problem> for String {
    fn from(problem: Problem) -> String {
        problem.0
    }
}

/// Why [`Body`] fails on anything but a struct or a map.
const NOT_AN_OBJECT: &str = "a multipart body must be an object";

/// The body: a struct or a map whose entries become parts.
pub(super) struct Body<'a> {
    pub(super) parts: &'a mut Vec<Part>,
}

impl<'a> SerializeStruct for Body<'a> {
    type Ok = ();
    type Error = Problem;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Problem> {
        self.parts.extend(field_parts(key, value).map_err(Problem)?);
        Ok(())
    }

    fn end(self) -> Result<(), Problem> {
        Ok(())
    }
}

/// A map body (or a struct with flattened fields): keys must serialize as text.
pub(super) struct MapBody<'a> {
    parts: &'a mut Vec<Part>,
    key: Option<String>,
}

impl<'a> SerializeMap for MapBody<'a> {
    type Ok = ();
    type Error = Problem;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Problem> {
        match serde_json::to_value(key) {
            Ok(Value::String(key)) => {
                self.key = Some(key);
                Ok(())
            }
            _ => Err(Problem("a multipart body's keys must be text".to_owned())),
        }
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Problem> {
        let key = self.key.take().unwrap_or_default();
        self.parts
            .extend(field_parts(&key, value).map_err(Problem)?);
        Ok(())
    }

    fn end(self) -> Result<(), Problem> {
        Ok(())
    }
}

/// The compound methods a serializer of this module refuses, each with `$message`.
macro_rules! refuse_compounds {
    ($message:expr) => {
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Problem> {
            Err(Problem($message.to_owned()))
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Problem> {
            Err(Problem($message.to_owned()))
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Problem> {
            Err(Problem($message.to_owned()))
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Problem> {
            Err(Problem($message.to_owned()))
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Problem> {
            Err(Problem($message.to_owned()))
        }
    };
}

/// Refuses everything but a struct or a map.
macro_rules! not_an_object {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
                Err(Problem(NOT_AN_OBJECT.to_owned()))
            }
        )*
    };
}

impl<'a> Serializer for Body<'a> {
    type Ok = ();
    type Error = Problem;
    type SerializeSeq = Impossible<(), Problem>;
    type SerializeTuple = Impossible<(), Problem>;
    type SerializeTupleStruct = Impossible<(), Problem>;
    type SerializeTupleVariant = Impossible<(), Problem>;
    type SerializeMap = MapBody<'a>;
    type SerializeStruct = Body<'a>;
    type SerializeStructVariant = Impossible<(), Problem>;

    not_an_object!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Problem> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Problem> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Problem> {
        Err(Problem(NOT_AN_OBJECT.to_owned()))
    }

    refuse_compounds!(NOT_AN_OBJECT);

    fn serialize_map(self, _: Option<usize>) -> Result<MapBody<'a>, Problem> {
        Ok(MapBody {
            parts: self.parts,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Body<'a>, Problem> {
        Ok(self)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

/// Finds a [`FilePart`] in a field's value (through `Option`): `Ok(None)` (or an error, for
/// lists and objects) for anything else.
pub(super) struct FileProbe {
    /// Inside a [`FilePart`]: its bytes are a frame.
    pub(super) framed: bool,
}

/// Why [`FileProbe`] fails on lists and objects.
const NOT_A_FILE: &str = "not a file";

/// Anything that is not a file.
macro_rules! not_a_file {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(
            fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
                Ok(None)
            }
        )*
    };
}

impl Serializer for FileProbe {
    type Ok = Option<File>;
    type Error = Problem;
    type SerializeSeq = Impossible<Option<File>, Problem>;
    type SerializeTuple = Impossible<Option<File>, Problem>;
    type SerializeTupleStruct = Impossible<Option<File>, Problem>;
    type SerializeTupleVariant = Impossible<Option<File>, Problem>;
    type SerializeMap = Impossible<Option<File>, Problem>;
    type SerializeStruct = Impossible<Option<File>, Problem>;
    type SerializeStructVariant = Impossible<Option<File>, Problem>;

    not_a_file!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_str(&str),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str),
        serialize_unit_variant(&'static str, u32, &'static str),
    );

    fn serialize_bytes(self, bytes: &[u8]) -> Result<Option<File>, Problem> {
        Ok(if self.framed { unframe(bytes) } else { None })
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Option<File>, Problem> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Option<File>, Problem> {
        if name != MAGIC {
            return Ok(None);
        }
        value.serialize(FileProbe { framed: true })
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Option<File>, Problem> {
        Ok(None)
    }

    refuse_compounds!(NOT_A_FILE);

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Problem> {
        Err(Problem(NOT_A_FILE.to_owned()))
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Problem> {
        Err(Problem(NOT_A_FILE.to_owned()))
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}
