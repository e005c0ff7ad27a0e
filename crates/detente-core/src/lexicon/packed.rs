//! The packed form of the built-in data files, which `build.rs` writes from the checked TOML
//! ([`super::pack`]) and the library reads at start-up with serde, several times faster
//! than JSON: no text to scan, and every string borrowed from the binary instead of copied.
//!
//! A file is two parts: `text`, every string and key of the document once (UTF-8, checked
//! when it is compiled in), and `tree`, the values in document order, each a tag byte and
//! its little-endian numbers: false, true, an integer (8 bytes), a float (8 bytes), a string
//! (its start and length in `text`, 4 bytes each), an array (its length in 4 bytes, then its
//! values) or a table (its length, then each key as a string without tag, and its value).

use super::pack::{ARRAY, FALSE, FLOAT, INT, STR, TABLE, TRUE};
use serde::de::{self, DeserializeSeed, Visitor};
use std::borrow::Cow;

/// A string of a data file: borrowed from the file where it can be (always, in a built-in
/// file), owned where it had to be unescaped (a user's TOML).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    /// The same string, owned when it is not `'static` already.
    pub fn into_static(self) -> Text<'static> {
        Text(Cow::Owned(self.0.into_owned()))
    }
}

impl std::ops::Deref for Text<'_> {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> de::Deserialize<'de> for Text<'a> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s.to_string())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Text<'de>, E> {
                Ok(Text(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// A built-in data file as `build.rs` packed it ([`crate::builtin_data!`]).
#[derive(Clone, Copy)]
pub struct Packed {
    pub text: &'static str,
    pub tree: &'static [u8],
}

/// What went wrong reading a packed file, and where in its tree.
#[derive(Debug)]
pub struct PackError(String);

impl std::fmt::Display for PackError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PackError {}

impl de::Error for PackError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        PackError(msg.to_string())
    }
}

/// Reads `T` from a packed file; the error says what and at which byte of the tree.
pub fn read<'de, T: de::Deserialize<'de>>(text: &'de str, tree: &'de [u8]) -> Result<T, PackError> {
    let mut r = Reader { text, tree, pos: 0 };
    let v =
        T::deserialize(&mut r).map_err(|e| PackError(format!("{e} (packed byte {})", r.pos)))?;
    if r.pos != tree.len() {
        return Err(PackError(format!("trailing bytes at {}", r.pos)));
    }
    Ok(v)
}

struct Reader<'de> {
    text: &'de str,
    tree: &'de [u8],
    pos: usize,
}

fn broken() -> PackError {
    PackError("the packed data is cut short or corrupt (rebuild)".into())
}

impl<'de> Reader<'de> {
    #[inline]
    fn byte(&mut self) -> Result<u8, PackError> {
        let b = *self.tree.get(self.pos).ok_or_else(broken)?;
        self.pos += 1;
        Ok(b)
    }

    /// The next `N` bytes.
    #[inline(always)]
    fn bytes<const N: usize>(&mut self) -> Result<[u8; N], PackError> {
        let end = self.pos.checked_add(N).ok_or_else(broken)?;
        let b = self.tree.get(self.pos..end).ok_or_else(broken)?;
        self.pos = end;
        b.try_into().map_err(|_| broken())
    }

    #[inline(always)]
    fn len(&mut self) -> Result<usize, PackError> {
        Ok(u32::from_le_bytes(self.bytes()?) as usize)
    }

    #[inline(always)]
    fn str(&mut self) -> Result<&'de str, PackError> {
        let b: [u8; 8] = self.bytes()?;
        let at = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        let end = at + u32::from_le_bytes([b[4], b[5], b[6], b[7]]) as usize;
        self.text.get(at..end).ok_or_else(broken)
    }

    /// Passes over one value.
    fn skip(&mut self) -> Result<(), PackError> {
        match self.byte()? {
            FALSE | TRUE => {}
            INT | FLOAT => {
                self.bytes::<8>()?;
            }
            STR => {
                self.str()?;
            }
            ARRAY => {
                for _ in 0..self.len()? {
                    self.skip()?;
                }
            }
            TABLE => {
                for _ in 0..self.len()? {
                    self.str()?;
                    self.skip()?;
                }
            }
            _ => return Err(broken()),
        }
        Ok(())
    }
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = PackError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, PackError> {
        match self.byte()? {
            FALSE => v.visit_bool(false),
            TRUE => v.visit_bool(true),
            INT => v.visit_i64(i64::from_le_bytes(self.bytes()?)),
            FLOAT => v.visit_f64(f64::from_le_bytes(self.bytes()?)),
            STR => v.visit_borrowed_str(self.str()?),
            ARRAY => {
                let left = self.len()?;
                let mut seq = Seq { r: self, left };
                let out = v.visit_seq(&mut seq)?;
                for _ in 0..seq.left {
                    seq.r.skip()?;
                }
                Ok(out)
            }
            TABLE => {
                let left = self.len()?;
                let mut map = Map { r: self, left };
                let out = v.visit_map(&mut map)?;
                for _ in 0..map.left {
                    map.r.str()?;
                    map.r.skip()?;
                }
                Ok(out)
            }
            _ => Err(broken()),
        }
    }

    // TOML has no null: a value that is there is `Some`
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, PackError> {
        v.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        v: V,
    ) -> Result<V::Value, PackError> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, PackError> {
        self.skip()?;
        v.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier
    }
}

struct Seq<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Seq<'_, 'de> {
    type Error = PackError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, PackError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.r).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

struct Map<'a, 'de> {
    r: &'a mut Reader<'de>,
    left: usize,
}

impl<'de> de::MapAccess<'de> for Map<'_, 'de> {
    type Error = PackError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, PackError> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let key = self.r.str()?;
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, PackError> {
        seed.deserialize(&mut *self.r)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Doc {
        name: String,
        n: i64,
        f: f64,
        #[serde(default)]
        missing: Option<String>,
        flags: Vec<bool>,
        t: BTreeMap<String, Vec<String>>,
        quad: u8,
    }

    #[test]
    fn packed_documents_read_back_as_their_toml() {
        let src = r#"
            name = "Côte d'Ivoire \"quoted\""
            n = -300
            f = -0.1
            flags = [true, false]
            quad = 4
            extra = [{ a = 1 }, [2, 3.5], "x"]
            [t]
            go = ["went", "gone"]
            "é" = []
        "#;
        let v: toml::Value = toml::from_str(src).unwrap();
        let p = super::super::pack::pack(&v);
        let got: Doc = read(&p.text, &p.tree).unwrap();
        let want: Doc = toml::from_str(src).unwrap();
        assert_eq!(got, want);
        // strings are borrowed from the text
        let words: BTreeMap<&str, Vec<&str>> = {
            #[derive(serde::Deserialize)]
            struct T<'a> {
                #[serde(borrow)]
                t: BTreeMap<&'a str, Vec<&'a str>>,
            }
            read::<T>(&p.text, &p.tree).unwrap().t
        };
        assert_eq!(words["go"], ["went", "gone"]);
        // a cut tree is an error, not a panic
        for k in 0..p.tree.len() {
            assert!(read::<Doc>(&p.text, &p.tree[..k]).is_err());
        }
        let e = read::<BTreeMap<String, String>>(&p.text, &p.tree).unwrap_err();
        assert!(e.to_string().contains("invalid type"), "{e}");
    }
}
