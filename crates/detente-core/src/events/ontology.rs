//! The CAMEO ontology (`data/events/cameo.toml`): every event code with its name, Goldstein
//! value, quad class and PLOVER type and mode.

use crate::error::{Error, Result};
use crate::lexicon::parse_builtin;
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

const CAMEO: &str = crate::builtin_data!("events/cameo");

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
pub struct Ontology {
    codes: HashMap<String, Code>,
}

impl Ontology {
    pub fn builtin() -> Result<Self> {
        let f: CameoFile = parse_builtin("data/events/cameo.toml", CAMEO)?;
        let mut codes = HashMap::default();
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
            codes.insert(c.code.clone(), c);
        }
        Ok(Self { codes })
    }

    pub fn get(&self, code: &str) -> Option<&Code> {
        self.codes.get(code)
    }

    /// The PLOVER type of a code, inherited from its parent code when the code has none.
    pub fn plover(&self, code: &str) -> Option<(&str, Option<&str>)> {
        let mut c = code;
        loop {
            if let Some(x) = self.codes.get(c)
                && let Some(p) = &x.plover
            {
                return Some((p.as_str(), x.mode.as_deref()));
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
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
}
