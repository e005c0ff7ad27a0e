//! Writes a TOML document in the packed form that [`super::packed`] reads (see there for the
//! layout). `build.rs` compiles every built-in data file with it (`#[path]`-included, so
//! this file uses nothing but `toml` and std); the library's tests use it for round trips.

use std::collections::HashMap;

pub const FALSE: u8 = 0;
pub const TRUE: u8 = 1;
pub const INT: u8 = 2;
pub const FLOAT: u8 = 3;
pub const STR: u8 = 4;
pub const ARRAY: u8 = 5;
pub const TABLE: u8 = 6;

/// A document packed: the text of its strings and keys, each once, and the tree of its
/// values, whose strings are ranges of the text.
#[cfg_attr(not(test), allow(dead_code))]
pub struct Packed {
    pub text: String,
    pub tree: Vec<u8>,
}

#[cfg_attr(not(test), allow(dead_code))]
pub fn pack(doc: &toml::Value) -> Packed {
    let mut p = Packer {
        out: Packed {
            text: String::new(),
            tree: Vec::new(),
        },
        seen: HashMap::new(),
    };
    p.value(doc);
    p.out
}

struct Packer {
    out: Packed,
    /// Where each string already written is in the text.
    seen: HashMap<String, (usize, usize)>,
}

#[cfg_attr(not(test), allow(dead_code))]
impl Packer {
    fn u32(&mut self, n: usize) {
        let n = u32::try_from(n).expect("a data file under 4 GiB");
        self.out.tree.extend_from_slice(&n.to_le_bytes());
    }

    fn str(&mut self, s: &str) {
        let (at, len) = match self.seen.get(s) {
            Some(&r) => r,
            None => {
                let r = (self.out.text.len(), s.len());
                self.out.text.push_str(s);
                self.seen.insert(s.to_string(), r);
                r
            }
        };
        self.u32(at);
        self.u32(len);
    }

    fn value(&mut self, v: &toml::Value) {
        match v {
            toml::Value::Boolean(b) => self.out.tree.push(if *b { TRUE } else { FALSE }),
            toml::Value::Integer(i) => {
                self.out.tree.push(INT);
                self.out.tree.extend_from_slice(&i.to_le_bytes());
            }
            toml::Value::Float(f) => {
                self.out.tree.push(FLOAT);
                self.out.tree.extend_from_slice(&f.to_bits().to_le_bytes());
            }
            toml::Value::String(s) => {
                self.out.tree.push(STR);
                self.str(s);
            }
            // a date is read as the string it is written as
            toml::Value::Datetime(d) => {
                self.out.tree.push(STR);
                self.str(&d.to_string());
            }
            toml::Value::Array(a) => {
                self.out.tree.push(ARRAY);
                self.u32(a.len());
                for x in a {
                    self.value(x);
                }
            }
            toml::Value::Table(t) => {
                self.out.tree.push(TABLE);
                self.u32(t.len());
                for (k, x) in t {
                    self.str(k);
                    self.value(x);
                }
            }
        }
    }
}
