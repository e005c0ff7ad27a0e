//! The CAMEO ontology (`data/events/cameo.toml`): every event code with its name, Goldstein
//! value, quad class and PLOVER type and mode.

use crate::error::{Error, Result};
use crate::lexicon::parse_builtin;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

const CAMEO: crate::lexicon::Packed = crate::builtin_data!("events/cameo");

/// One CAMEO code.
#[derive(Clone, Debug, Deserialize)]
pub struct Code {
    pub code: String,
    pub name: smol_str::SmolStr,
    pub goldstein: f64,
    pub quad: u8,
    #[serde(default)]
    pub plover: Option<String>,
    #[serde(default)]
    pub mode: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
}

#[derive(Deserialize)]
struct CameoFile {
    code: Vec<Code>,
}

/// All codes by code string.
///
/// Every coded event looks its code up twice (the code, then its PLOVER type), so the lookups
/// avoid hashing strings: a CAMEO code is two to four digits, which index a table directly
/// ([`digits_slot`]), and each code's inherited PLOVER type is found once, at load.
pub struct Ontology {
    /// The codes, each once (a code given twice keeps its last entry, at its first place).
    list: Vec<Code>,
    /// Code -> its index in `list`, for the codes not in `by_digits`.
    by_code: HashMap<String, usize>,
    /// [`digits_slot`] of a code -> its index in `list` plus one (0: not here, look in
    /// `by_code`).
    by_digits: Vec<u16>,
    /// Index in `list` -> its PLOVER type and mode (its own, else the nearest parent code's),
    /// made once into the output's strings: every coded event copies them.
    plover_names: Vec<Option<PloverNames>>,
    /// Index in `list` -> its code's root (first two characters), made once likewise.
    roots: Vec<smol_str::SmolStr>,
}

/// A code's entry, root and PLOVER names ([`Ontology::get_with_plover`]).
pub struct CodeNames<'a> {
    pub code: &'a Code,
    pub root: &'a smol_str::SmolStr,
    pub plover: Option<&'a PloverNames>,
}

/// A code's PLOVER type and mode ([`Ontology::get_with_plover`]).
pub type PloverNames = (smol_str::SmolStr, Option<smol_str::SmolStr>);

/// Where a code of two to four ASCII digits is in [`Ontology::by_digits`]: the two-digit codes
/// first, then the three- and the four-digit ones, each in numeric order. `None` for any other
/// string.
#[inline]
fn digits_slot(code: &str) -> Option<usize> {
    let digit = |c: u8| {
        let d = c.wrapping_sub(b'0');
        (d < 10).then_some(usize::from(d))
    };
    match *code.as_bytes() {
        [a, b] => Some(digit(a)? * 10 + digit(b)?),
        [a, b, c] => Some(100 + digit(a)? * 100 + digit(b)? * 10 + digit(c)?),
        [a, b, c, d] => {
            Some(1100 + digit(a)? * 1000 + digit(b)? * 100 + digit(c)? * 10 + digit(d)?)
        }
        _ => None,
    }
}

/// The size of [`Ontology::by_digits`]: all codes of two, three and four digits.
const DIGIT_SLOTS: usize = 100 + 1000 + 10000;

impl Ontology {
    pub fn builtin() -> Result<Self> {
        let f: CameoFile = parse_builtin("data/events/cameo.toml", CAMEO)?;
        let mut list: Vec<Code> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::default();
        for c in f.code {
            let root: u8 = c.code.get(..2).and_then(|r| r.parse().ok()).unwrap_or(0);
            let want = match root {
                1..=5 => 1,
                6..=9 => 2,
                10..=14 => 3,
                15..=20 => 4,
                _ => 0,
            };
            if want != c.quad {
                return Err(Error::Data {
                    file: "data/events/cameo.toml".into(),
                    message: format!(
                        "code {} has quad {} but its root gives {}",
                        c.code, c.quad, want
                    ),
                });
            }
            match index.get(&c.code) {
                Some(&i) => list[i] = c,
                None => {
                    index.insert(c.code.clone(), list.len());
                    list.push(c);
                }
            }
        }
        Ok(Self::new(list, index))
    }

    /// Indexes `list` (`index`: each code's place in it).
    fn new(list: Vec<Code>, mut index: HashMap<String, usize>) -> Self {
        let mut by_digits = vec![0u16; DIGIT_SLOTS];
        for (i, c) in list.iter().enumerate() {
            if let (Some(slot), Ok(n)) = (digits_slot(&c.code), u16::try_from(i + 1)) {
                by_digits[slot] = n;
                index.remove(&c.code);
            }
        }
        let mut o = Ontology {
            list,
            by_code: index,
            by_digits,
            plover_names: Vec::new(),
            roots: Vec::new(),
        };
        o.plover_names = o
            .list
            .iter()
            .map(|c| {
                let x = &o.list[o.plover_index(&c.code)?];
                Some((
                    x.plover.as_deref()?.into(),
                    x.mode.as_deref().map(Into::into),
                ))
            })
            .collect();
        o.roots = o
            .list
            .iter()
            .map(|c| c.code.get(..2).unwrap_or(&c.code).into())
            .collect();
        o
    }

    /// The index of `code` in `list`.
    #[inline]
    fn index(&self, code: &str) -> Option<usize> {
        match digits_slot(code) {
            Some(slot) if self.by_digits[slot] != 0 => Some(usize::from(self.by_digits[slot] - 1)),
            _ => self.by_code.get(code).copied(),
        }
    }

    pub fn get(&self, code: &str) -> Option<&Code> {
        self.index(code).map(|i| &self.list[i])
    }

    /// [`Ontology::get`] and [`Ontology::plover`] of a code with one lookup: every coded
    /// event asks for both.
    #[inline]
    pub fn get_with_plover(&self, code: &str) -> Option<CodeNames<'_>> {
        let i = self.index(code)?;
        Some(CodeNames {
            code: &self.list[i],
            root: &self.roots[i],
            plover: self.plover_names[i].as_ref(),
        })
    }

    /// The PLOVER type of a code, inherited from its parent code when the code has none.
    pub fn plover(&self, code: &str) -> Option<(&str, Option<&str>)> {
        if let Some(i) = self.index(code) {
            let (kind, mode) = self.plover_names[i].as_ref()?;
            return Some((kind.as_str(), mode.as_deref()));
        }
        let x = &self.list[self.plover_index(code)?];
        Some((x.plover.as_deref()?, x.mode.as_deref()))
    }

    /// The index of the code that gives `code` its PLOVER type: `code` itself, else its
    /// parents, dropping a digit at a time down to the root.
    fn plover_index(&self, code: &str) -> Option<usize> {
        let mut c = code;
        loop {
            if let Some(i) = self.index(c)
                && self.list[i].plover.is_some()
            {
                return Some(i);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_complete_and_consistent() {
        let o = Ontology::builtin().unwrap();
        assert!(o.len() >= 300, "{} codes", o.len());
        let c = o.get("174").unwrap();
        assert_eq!((c.quad, c.goldstein), (4, -5.0));
        assert_eq!(o.get("036").unwrap().quad, 1);
        assert_eq!(o.plover("161").map(|p| p.0), Some("SANCTION"));
        for root in 1..=20 {
            assert!(o.get(&format!("{root:02}")).is_some(), "root {root:02}");
        }
    }

    #[test]
    fn lookups_say_what_a_map_of_the_codes_says() {
        let o = Ontology::builtin().unwrap();
        // the simple way: a map of the codes, and the parents walked at each lookup
        let map: HashMap<&str, &Code> = o.list.iter().map(|c| (c.code.as_str(), c)).collect();
        let plover = |code: &str| {
            let mut c = code;
            loop {
                if let Some(x) = map.get(c)
                    && let Some(p) = &x.plover
                {
                    return Some((p.as_str(), x.mode.as_deref()));
                }
                if c.len() <= 2 {
                    return None;
                }
                c = &c[..c.len() - 1];
            }
        };
        let mut next = crate::xorshift(0x2545_F491_4F6C_DD1D);
        let mut found = 0;
        let known = o.list.iter().map(|c| c.code.clone());
        let random = (0..50_000).map(|_| {
            // mostly digits, some letters and spaces, from empty to six characters
            let len = next() % 7;
            (0..len)
                .map(|_| match next() % 12 {
                    10 => 'x',
                    11 => ' ',
                    d => char::from(b'0' + d as u8),
                })
                .collect::<String>()
        });
        for code in known.chain(random) {
            let got = o.get(&code).map(|c| c.code.as_str());
            assert_eq!(
                got,
                map.get(code.as_str()).map(|c| c.code.as_str()),
                "{code:?}"
            );
            assert_eq!(o.plover(&code), plover(&code), "{code:?}");
            found += usize::from(got.is_some());
        }
        assert!(found > o.len(), "{found}");
        assert_eq!(o.len(), map.len());
    }
}
