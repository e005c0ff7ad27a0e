//! Compiles the built-in data files (`data/**/*.toml`) once, at build time: each is parsed
//! here (a syntax error fails the build and names the file and line) and written to OUT_DIR
//! as JSON, which the library reads at start-up several times faster than TOML. The TOML
//! files stay the reviewed source; nothing else changes their content.

use std::path::Path;

const FILES: &[&str] = &[
    "actors/countries",
    "actors/organizations",
    "actors/officials",
    "actors/leaders",
    "actors/roles",
    "actors/groups",
    "actors/places",
    "events/cameo",
    "events/patterns",
    "lexicon/agencies",
    "lexicon/furniture",
    "lexicon/abbreviations",
    "lexicon/speech",
    "lexicon/irregular_verbs",
];

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let data = Path::new(&manifest).join("../../data");
    for f in FILES {
        let src_path = data.join(format!("{f}.toml"));
        println!("cargo:rerun-if-changed={}", src_path.display());
        let src = std::fs::read_to_string(&src_path)
            .unwrap_or_else(|e| panic!("data/{f}.toml: cannot read it: {e}"));
        let value: toml::Value =
            toml::from_str(&src).unwrap_or_else(|e| panic!("data/{f}.toml is not valid TOML: {e}"));
        let json = serde_json::to_string(&value).expect("a TOML value is JSON");
        let dest = Path::new(&out).join(format!("{f}.json"));
        std::fs::create_dir_all(dest.parent().expect("a file has a folder"))
            .expect("OUT_DIR is writable");
        std::fs::write(&dest, json).expect("OUT_DIR is writable");
    }
}
